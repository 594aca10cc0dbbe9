"""Hoax log, comment moderation and photo consent records."""

from __future__ import annotations

import pytest

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import comments, consent, hoax


def test_hoax_record_verify_and_clarify(team):
    h = hoax.record(team, text="Besok ada tsunami di Sungailiat", channel="WhatsApp", received_at="2026-11-21 08.00",
                    actor="Adi", hazard="gelombang-tinggi")
    with pytest.raises(RefusedError, match="belum diverifikasi"):
        hoax.start_clarification(team, h.id, "Rina")
    h = hoax.verify(team, h.id, authority="BMKG", outcome="hoaks", verdict="BMKG: tidak ada peringatan dini tsunami.",
                    actor="Sari", at="2026-11-21 09.15")
    assert h.outcome == "hoaks" and h.contact_id == "sumber:bmkg" and "BMKG" in h.authority
    asset = hoax.start_clarification(team, h.id, "Rina")
    assert asset.kind == "hoax" and asset.fields["hoax"].startswith("Besok ada tsunami")
    assert asset.fields["fact"].startswith("BMKG")
    assert hoax.get_hoax(team, h.id).clarification_asset_id == asset.id
    actions = [e["action"] for e in team.log_entries()]
    assert {"hoax.record", "hoax.verdict", "hoax.link"} <= set(actions)
    verdict = team.log_entries(action="hoax.verdict")[0]
    assert verdict["actor"] == "Sari" and "Hoaks" in verdict["comment"]


def test_hoax_verification_must_name_a_listed_authority(team):
    h = hoax.record(team, text="Kabar", channel="Facebook", received_at="2026-11-21 08.00", actor="Adi")
    with pytest.raises(InputError, match="tidak ada di daftar kontak darurat"):
        hoax.verify(team, h.id, authority="Pak RT", outcome="hoaks", verdict="x", actor="Sari")
    with pytest.raises(InputError, match="bukan keputusan"):
        hoax.verify(team, h.id, authority="112", outcome="belum", verdict="x", actor="Sari")
    with pytest.raises(InputError, match="lebih awal"):
        hoax.verify(team, h.id, authority="bpbd", outcome="fakta", verdict="x", actor="Sari", at="2026-11-20 08.00")
    ok = hoax.verify(team, h.id, authority="kontak:bpbd", outcome="fakta", verdict="Benar ada banjir", actor="Sari")
    assert ok.contact_id == "kontak:bpbd"


def test_link_clarification_requires_a_hoax_asset(team):
    h = hoax.record(team, text="Kabar", channel="Facebook", received_at="2026-11-21 08.00", actor="Adi")
    poster = team.import_asset([], kind="poster", title="Poster", actor="Rina")
    with pytest.raises(InputError, match="bukan 'hoax'"):
        hoax.link_clarification(team, h.id, poster.id, "Adi")
    clar = team.import_asset([], kind="hoax", title="Hoaks vs Fakta", actor="Rina")
    assert hoax.link_clarification(team, h.id, clar.id, "Adi").clarification_asset_id == clar.id


def test_comment_response_time(published):
    arch, p1, _ = published
    c = comments.record(arch, p1.id, text="Posko pengungsian di mana?", category_id="Pertanyaan",
                        received_at="2026-11-02 10.00", actor="Adi", author="warga123")
    assert c.response_minutes is None
    done = comments.handle(arch, c.id, response="Dibalas: Kantor Camat Sungailiat", actor="Adi", at="2026-11-02 11.30")
    assert done.response_minutes == 90 and done.handled_by == "Adi"
    with pytest.raises(InputError, match="sudah ditangani"):
        comments.handle(arch, c.id, response="lagi", actor="Adi")
    assert comments.list_comments(arch, open_only=True) == []
    with pytest.raises(InputError, match="Kategori komentar 'marah'"):
        comments.record(arch, p1.id, text="x", category_id="marah", received_at="2026-11-02 10.00", actor="Adi")
    with pytest.raises(InputError, match="lebih awal daripada waktu publikasi"):
        comments.record(arch, p1.id, text="x", category_id="spam", received_at="2026-11-01 10.00", actor="Adi")


def test_consent_record_and_revoke(team, approved):
    c = consent.record(team, person="Pak Amir", contact="0812-7000-1234", use="Foto rumah terendam untuk poster banjir",
                       granted_on="19/11/2026", actor="Rina", asset_id=approved)
    assert c.granted_on == "2026-11-19" and c.active
    assert [x.id for x in consent.for_asset(team, approved)] == [c.id]
    r = consent.revoke(team, c.id, "Rina", on="2026-11-25")
    assert r.revoked_on == "2026-11-25" and consent.for_asset(team, approved) == []
    with pytest.raises(InputError, match="sudah dicabut"):
        consent.revoke(team, c.id, "Rina")
    with pytest.raises(InputError, match="Kontak"):
        consent.record(team, person="A", contact=" ", use="x", granted_on="2026-11-19", actor="Rina")
    assert {"consent.record", "consent.revoke"} <= {e["action"] for e in team.log_entries(approved)}
