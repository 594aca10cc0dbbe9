"""Plan items, week/month grids, and the round trips to ICS, CSV and XLSX and back."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import calendar


def _two_items(arch):
    a = calendar.add_item(arch, topic="Siaga banjir rob pesisir Sungailiat", kind="poster", due_date="2026-12-01",
                          actor="Dewi", hazard="Banjir Rob", platforms=["Instagram"],
                          slots={"instagram": "2026-12-02 09.00", "TikTok": "02/12/2026 16:30"}, assignee="Rina",
                          notes="Pakai foto posko Pemali")
    b = calendar.add_item(arch, topic="Video: cara mengamankan atap", kind="Video Singkat", due_date="2026-12-04",
                          actor="Dewi", hazard="puting-beliung")
    return a, b


def test_add_item_normalises_and_logs(team):
    a, b = _two_items(team)
    assert a.hazard == "banjir-rob" and a.kind == "poster"
    assert a.platforms == ("instagram", "tiktok")
    # 09.00 WIB is 02.00 UTC; stored as UTC ISO.
    assert a.slots == {"instagram": "2026-12-02T02:00:00Z", "tiktok": "2026-12-02T09:30:00Z"}
    assert a.assignee == "Rina" and b.kind == "video"
    entries = team.log_entries(action="plan.add")
    assert len(entries) == 2 and "Siaga banjir rob" in entries[0]["comment"]


@pytest.mark.parametrize("kw, fragment", [
    ({"topic": " "}, "Topik"),
    ({"kind": "brosur"}, "Jenis konten 'brosur'"),
    ({"due_date": "31/02/2026"}, "Tenggat"),
    ({"hazard": "gempa"}, "Jenis bencana 'gempa'"),
    ({"platforms": ["Friendster"]}, "Platform 'Friendster'"),
    ({"slots": {"instagram": "besok pagi"}}, "Jadwal Instagram"),
    ({"assignee": "Joko"}, "Joko"),
])
def test_add_item_refuses_bad_input_by_name(team, kw, fragment):
    args = dict(topic="Topik", kind="poster", due_date="2026-12-01", actor="Dewi")
    args.update(kw)
    with pytest.raises(InputError, match=fragment):
        calendar.add_item(team, **args)
    assert calendar.list_items(team) == []


def test_update_logs_changed_fields_only(team):
    a, _ = _two_items(team)
    same = calendar.update_item(team, a.id, "Dewi", topic=a.topic)
    assert same == a and len(team.log_entries(action="plan.update")) == 0
    new = calendar.update_item(team, a.id, "Dewi", status="produksi", slots={"instagram": "2026-12-03 10.00"})
    assert new.status == "produksi" and new.slots == {"instagram": "2026-12-03T03:00:00Z"}
    assert "jadwal, status diubah" in team.log_entries(action="plan.update")[0]["comment"]


def test_start_asset_links_plan_and_asset(team):
    a, _ = _two_items(team)
    asset = calendar.start_asset(team, a.id, "Rina")
    assert asset.kind == "poster" and asset.title == a.topic and asset.hazard == "banjir-rob"
    item = calendar.get_item(team, a.id)
    assert item.asset_id == asset.id and item.status == "produksi"
    with pytest.raises(InputError, match="sudah menjadi aset"):
        calendar.start_asset(team, a.id, "Rina")


def test_week_and_month_grids_and_agenda(team):
    _two_items(team)
    week = calendar.week_days(date(2026, 12, 2))
    assert week[0] == date(2026, 11, 30) and week[-1] == date(2026, 12, 6)
    month = calendar.month_days(2026, 12)
    assert month[0] == date(2026, 11, 30) and len(month) % 7 == 0 and month[-1] >= date(2026, 12, 31)
    ag = calendar.agenda(team, week[0], week[-1])
    assert [i.topic for i in ag[date(2026, 12, 1)]["due"]] == ["Siaga banjir rob pesisir Sungailiat"]
    assert [p.platform for p in ag[date(2026, 12, 2)]["posts"]] == ["instagram", "tiktok"]
    assert [i.topic for i in ag[date(2026, 12, 4)]["due"]] == ["Video: cara mengamankan atap"]


def test_ics_has_one_event_per_scheduled_post_and_round_trips(team, tmp_path):
    from icalendar import Calendar

    a, b = _two_items(team)
    out = tmp_path / "rencana.ics"
    assert calendar.export_plan(team, "ics", out) == 3  # two slots + one all-day due date
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert sorted(str(e["uid"]) for e in events) == [
        "plan-1-instagram@asri-desktop", "plan-1-tiktok@asri-desktop", "plan-2-tenggat@asri-desktop"]
    insta = next(e for e in events if "instagram" in str(e["uid"]))
    assert insta.decoded("dtstart").isoformat() == "2026-12-02T02:00:00+00:00"
    assert str(insta["summary"]) == "[Instagram] Siaga banjir rob pesisir Sungailiat"
    # Change the archive, then import the calendar back: the exported values return.
    calendar.update_item(team, a.id, "Dewi", topic="Diubah", slots={}, notes="")
    rep = calendar.import_plan(team, out, "Dewi")
    assert (rep.added, rep.updated, rep.unchanged, rep.errors) == (0, 1, 1, [])
    back = calendar.get_item(team, a.id)
    assert (back.topic, back.slots, back.notes, back.platforms) == (a.topic, a.slots, a.notes, a.platforms)


def test_ics_foreign_event_is_reported_not_fatal(team, tmp_path):
    _two_items(team)
    out = tmp_path / "rencana.ics"
    calendar.export_plan(team, "ics", out)
    text = out.read_text().replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:rapat@kantor\r\nSUMMARY:Rapat staf\r\n"
                                   "DTSTART:20261203T020000Z\r\nDTSTAMP:20261127T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
    out.write_text(text)
    rep = calendar.import_plan(team, out, "Dewi")
    assert rep.unchanged == 2 and len(rep.errors) == 1 and "Rapat staf" in rep.errors[0].message


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_sheet_round_trip_is_unchanged(team, tmp_path, fmt):
    a, b = _two_items(team)
    out = tmp_path / f"rencana.{fmt}"
    assert calendar.export_plan(team, fmt, out) == 2
    rep = calendar.import_plan(team, out, "Dewi")
    assert (rep.added, rep.updated, rep.unchanged, rep.errors) == (0, 0, 2, [])
    assert calendar.list_items(team) == [calendar.get_item(team, a.id), calendar.get_item(team, b.id)]


def test_csv_edit_bad_rows_reported_with_row_number_good_rows_kept(team, tmp_path):
    a, _ = _two_items(team)
    out = tmp_path / "rencana.csv"
    calendar.export_plan(team, "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:3] == ["ID", "Topik", "Bahaya"]
    assert rows[1][2] == "Banjir Rob" and rows[1][3] == "Poster"  # labels people read
    rows[1][8] = "Dalam produksi"  # a coordinator edits the status in the shared sheet
    new_good = ["", "Kuis banjir di WhatsApp", "banjir", "carousel", "WhatsApp", "2026-12-05",
                "WhatsApp 2026-12-06 08.00", "Dewi", "rencana", "", ""]
    bad_kind = ["", "Poster abrasi", "abrasi", "brosur", "", "2026-12-05", "", "", "", "", ""]
    bad_date = ["", "Poster kekeringan", "kekeringan", "poster", "", "2026-13-40", "", "", "", "", ""]
    unknown_id = ["99", "Topik hilang", "", "poster", "", "2026-12-05", "", "", "", "", ""]
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows + [new_good, bad_kind, bad_date, unknown_id])
    preview = calendar.import_plan(team, out, "Dewi", dry_run=True)
    assert (preview.added, preview.updated) == (1, 1) and len(calendar.list_items(team)) == 2
    assert calendar.get_item(team, a.id).status == "rencana"  # the preview changed nothing
    rep = calendar.import_plan(team, out, "Dewi")
    assert (rep.added, rep.updated, rep.unchanged) == (1, 1, 1)
    # Header is line 1, the two exported rows 2-3, the new good row 4, the bad ones 5-7.
    assert [e.line for e in rep.errors] == [5, 6, 7]
    assert "brosur" in rep.errors[0].message
    assert "2026-13-40" in rep.errors[1].message
    assert "rencana #99 tidak ada" in rep.errors[2].message
    assert calendar.get_item(team, a.id).status == "produksi"
    added = [i for i in calendar.list_items(team) if i.topic == "Kuis banjir di WhatsApp"][0]
    assert added.slots == {"whatsapp": "2026-12-06T01:00:00Z"} and added.assignee == "Dewi"
    # Importing the same sheet again adds nothing twice.
    again = calendar.import_plan(team, out, "Dewi")
    assert again.added == 0 and len(calendar.list_items(team)) == 3


def test_import_refuses_a_sheet_without_the_columns(team, tmp_path):
    p = tmp_path / "lain.csv"
    p.write_text("Nama,Umur\nA,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="tidak memiliki kolom Topik"):
        calendar.import_plan(team, p, "Dewi")
    pdf = tmp_path / "x.pdf"
    pdf.write_text("x")
    with pytest.raises(InputError, match="tidak didukung"):
        calendar.import_plan(team, pdf, "Dewi")


def test_export_to_missing_folder_is_input_error(team, tmp_path):
    with pytest.raises(InputError, match="tidak ada"):
        calendar.export_plan(team, "csv", tmp_path / "nope" / "r.csv")
    assert not list(tmp_path.glob(".tmp-*"))


def test_parse_slots():
    assert calendar.parse_slots("Instagram 2026-12-01 09.00; YouTube Shorts: 2026-12-01 10.00") == {
        "instagram": "2026-12-01 09.00", "youtube": "2026-12-01 10.00"}
    with pytest.raises(InputError, match="dua kali"):
        calendar.parse_slots("instagram 2026-12-01 09.00; Instagram 2026-12-02 09.00")
    with pytest.raises(InputError, match="Jadwal"):
        calendar.parse_slots("besok")


def test_time_parser_round_trips_and_never_crashes():
    from datetime import datetime, timezone

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from asri_desktop.core.plan import times

    @settings(max_examples=80, deadline=None)
    @given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
    def round_trip(dt):
        utc = dt.replace(second=0, microsecond=0, tzinfo=timezone.utc)
        typed = times.format_local(utc)  # "2026-12-01 09.00" in WIB
        assert times.parse_time(typed) == utc
        assert times.parse_time(typed + " WIB") == utc

    @settings(max_examples=120, deadline=None)
    @given(st.text(max_size=25))
    def never_crashes(text):
        try:
            times.parse_time(text)
        except InputError:
            pass

    round_trip()
    never_crashes()


def test_import_sheet_saved_by_indonesian_excel(team, tmp_path):
    """Excel in Indonesian saves CSV with semicolons, day-first dates and Windows-1252 accents."""
    f = tmp_path / "rencana-excel.csv"
    f.write_bytes(
        "ID;Topik;Bahaya;Jenis;Platform;Tenggat;Jadwal;Penanggung Jawab;Status;Catatan;Aset\r\n"
        ";Siaga banjir – cek saluran;Banjir;Poster;Instagram;07/12/2026;Instagram 08/12/2026 09.00;Rina;Rencana;café;\r\n"
        .encode("cp1252"))
    rep = calendar.import_plan(team, f, "Dewi")
    assert rep.errors == [] and rep.added == 1
    [item] = calendar.list_items(team)
    assert (item.topic, item.due_date, item.notes) == ("Siaga banjir – cek saluran", "2026-12-07", "café")
    assert item.slots == {"instagram": "2026-12-08T02:00:00Z"}
