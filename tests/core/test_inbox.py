"""Beranda's lists as plain queries: what waits for each member."""

from __future__ import annotations

from datetime import timedelta

from asri_desktop.core import dates, inbox
from asri_desktop.core.plan import calendar


def _png(tmp_path, name: str, colour: str = "#0e4c7a"):
    from PIL import Image

    p = tmp_path / f"{name.replace(' ', '-')}.png"
    Image.new("RGB", (40, 50), colour).save(p)
    return p


def _asset(arch, title: str, actor: str, tmp_path, template_id: str | None = None):
    return arch.import_asset([_png(tmp_path, title)], kind="poster", title=title, actor=actor,
                             template_id=template_id)


def test_each_member_sees_their_own_drafts_sent_back_work_and_review_queue(team, tmp_path):
    a = _asset(team, "Waspada banjir rob", "Rina", tmp_path, template_id="poster")
    b = _asset(team, "Bahaya kolong", "Rina", tmp_path)
    c = _asset(team, "Draf Dewi", "Dewi", tmp_path)
    rina, dewi = team.member("Rina").id, team.member("Dewi").id
    assert [r["title"] for r in inbox.my_drafts(team, rina)] == ["Bahaya kolong", "Waspada banjir rob"]
    assert [r["id"] for r in inbox.my_drafts(team, dewi)] == [c.id]

    team.submit(a.id, "Rina")
    team.submit(b.id, "Rina")
    # The editor decides the technical stage, the supervisor the accuracy stage, the designer nothing.
    assert [r["id"] for r in inbox.queue_rows(team, ("editor",))] == [a.id, b.id]
    assert inbox.queue_rows(team, ("pengawas",)) == [] and inbox.queue_rows(team, ("desainer",)) == []
    assert inbox.queue_rows(team, ("editor",))[0]["creator"] == "Rina"

    team.review(a.id, "revise", "Budi", comment="Sumber data belum ada")
    sent = inbox.sent_back_to(team, rina)
    assert [(r["id"], r["reason"], r["reviewer"], r["template_id"]) for r in sent] == [
        (a.id, "Sumber data belum ada", "Budi", "poster")]
    # A sent-back draft is not listed again as an unsubmitted draft, nor to anyone else.
    assert a.id not in [r["id"] for r in inbox.my_drafts(team, rina)]
    assert inbox.sent_back_to(team, dewi) == []
    assert [r["id"] for r in inbox.queue_rows(team, ("editor",))] == [b.id]

    # Once the designer answers with a new version, the send-back is closed.
    team.add_version(a.id, [_png(tmp_path, "revisi", "#d9661b")], actor="Rina", note="sumber ditambahkan")
    assert inbox.sent_back_to(team, rina) == []
    assert a.id in [r["id"] for r in inbox.my_drafts(team, rina)]


def test_planned_this_week_lists_plan_items_of_the_current_week_only(team):
    today = dates.today()
    week = calendar.week_days(today)
    calendar.add_item(team, topic="Siaga banjir rob", kind="poster", due_date=week[0], actor="Dewi",
                      hazard="banjir-rob")
    calendar.add_item(team, topic="Minggu depan", kind="poster", due_date=week[-1] + timedelta(days=1),
                      actor="Dewi")
    rows = inbox.planned_this_week(team)
    assert [r["topic"] for r in rows] == ["Siaga banjir rob"]
    assert rows[0]["when"] == week[0].isoformat() and rows[0]["platform"] == ""


def test_planned_this_week_is_none_when_the_plan_cannot_be_read(team, caplog):
    team.conn.execute("DROP TABLE plan_items")
    assert inbox.planned_this_week(team) is None
    assert "plan of this week could not be read" in caplog.text
