"""Fixtures for the plan tests: approved assets ready to publish, and published posts."""

from __future__ import annotations

import pytest

from asri_desktop.core.plan import comments, hoax, metrics, publications


def approve(arch, title: str, *, kind: str = "poster", hazard: str | None = "banjir", answers=None) -> int:
    """Make an asset and take it through both reviews (Rina makes, Budi and Sari approve)."""
    a = arch.import_asset([], kind=kind, title=title, actor="Rina", hazard=hazard)
    arch.submit(a.id, "Rina")
    arch.review(a.id, "approve", "Budi")
    arch.review(a.id, "approve", "Sari", answers=answers)
    return a.id


@pytest.fixture
def approved(team):
    return approve(team, "Waspada banjir di Sungailiat")


@pytest.fixture
def published(team):
    """Two published assets: a flood poster on Instagram and a whirlwind video on TikTok."""
    from asri_desktop.core.plan import publications

    a1 = approve(team, "Waspada banjir di Sungailiat")
    a2 = approve(team, "Angin puting beliung: amankan atap", kind="video", hazard="puting-beliung")
    p1 = publications.publish(team, a1, platform="instagram", url="https://www.instagram.com/p/Cx1AbCdEf/",
                              at="2026-11-02 09.00", actor="Adi")
    p2 = publications.publish(team, a2, platform="tiktok",
                              url="https://www.tiktok.com/@bpbdbangka/video/7301234567890123456",
                              at="2026-11-10 16.00", actor="Adi")
    return team, p1, p2


@pytest.fixture
def make_approved(team):
    """A function making one more approved asset: ``make_approved(title, kind=..., hazard=..., answers=...)``."""
    return lambda title, **kw: approve(team, title, **kw)


FAILED = {"items": [{"id": "sumber", "label": "Sumber data dicantumkan", "result": "fail"},
                    {"id": "aksi", "label": "Pesan aksi jelas", "result": "pass"}]}


def build_season(arch) -> list:
    """Four posts over three weeks of November 2026 with readings, comments and a hoax."""
    spec = [
        ("Banjir: siapkan tas siaga", "poster", "banjir", "instagram", "2026-11-02 09.00", 2000, 100, 10, 20, 10),
        ("Banjir rob pesisir", "infographic", "banjir-rob", "facebook", "2026-11-04 09.00", 1000, 10, 2, 3, 0),
        ("Amankan atap", "video", "puting-beliung", "tiktok", "2026-11-10 16.00", 5000, 400, 50, 40, 10),
        ("Kolong bekas tambang", "poster", "kolong", "instagram", "2026-11-17 09.00", 30, 10, 0, 0, 0),
    ]
    pubs = []
    for n, (title, kind, hazard, plat, at, reach, likes, com, shares, saves) in enumerate(spec):
        aid = approve(arch, title, kind=kind, hazard=hazard, answers=FAILED if n < 2 else None)
        p = publications.publish(arch, aid, platform=plat, url=f"https://example.org/{plat}/{n}", at=at, actor="Adi")
        metrics.add(arch, p.id, read_at="2026-11-20 09.00", actor="Adi",
                    values={"reach": reach, "impressions": reach * 2, "likes": likes, "comments": com,
                            "shares": shares, "saves": saves})
        pubs.append(p)
    c1 = comments.record(arch, pubs[0].id, text="Di mana posko?", category_id="pertanyaan",
                         received_at="2026-11-02 10.00", actor="Adi")
    comments.handle(arch, c1.id, response="Dibalas", actor="Adi", at="2026-11-02 10.30")
    c2 = comments.record(arch, pubs[2].id, text="Atap saya bocor", category_id="laporan",
                         received_at="2026-11-10 17.00", actor="Adi")
    comments.handle(arch, c2.id, response="Diteruskan ke TRC", actor="Adi", at="2026-11-10 19.00")
    comments.record(arch, pubs[2].id, text="Mantap", category_id="apresiasi", received_at="2026-11-10 17.05", actor="Adi")
    comments.record(arch, pubs[2].id, text="Kapan bantuan?", category_id="pertanyaan", received_at="2026-11-11 08.00",
                    actor="Adi")
    h = hoax.record(arch, text="Tanggul jebol", channel="WhatsApp", received_at="2026-11-05 07.00", actor="Adi")
    hoax.verify(arch, h.id, authority="bpbd", outcome="hoaks", verdict="Tanggul aman", actor="Sari", at="2026-11-05 10.00")
    return pubs


@pytest.fixture
def season(team):
    """The season in this test's own archive (for tests that write)."""
    return team, build_season(team)


@pytest.fixture(scope="module")
def season_shared(tmp_path_factory):
    """The season built once per module, for tests that only read it (keeps the suite fast)."""
    from asri_desktop.core.archive import Archive

    arch = Archive.open(tmp_path_factory.mktemp("season") / "home")
    for name, roles in (("Rina", ["desainer"]), ("Budi", ["editor"]), ("Sari", ["pengawas"]),
                        ("Dewi", ["koordinator", "desainer"]), ("Adi", ["admin"])):
        arch.add_member(name, roles)
    pubs = build_season(arch)
    yield arch, pubs
    arch.close()
