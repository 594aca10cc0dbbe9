"""The plan, monitoring and evaluation screens (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from asri_desktop.core.plan import calendar, comments, metrics, publications


def _approve(arch, title, kind="poster", hazard="banjir"):
    a = arch.import_asset([], kind=kind, title=title, actor="Rina", hazard=hazard)
    arch.submit(a.id, "Rina")
    arch.review(a.id, "approve", "Budi")
    arch.review(a.id, "approve", "Sari")
    return a.id


@pytest.fixture
def posts(team):
    """Three published posts in two weeks of November 2026 with figures and a handled comment."""
    rows = [("Siaga banjir", "poster", "banjir", "instagram", "2026-11-02 09.00", 2000, 140),
            ("Banjir rob", "infographic", "banjir-rob", "facebook", "2026-11-04 09.00", 1000, 15),
            ("Amankan atap", "video", "puting-beliung", "tiktok", "2026-11-10 16.00", 5000, 500)]
    pubs = []
    for n, (title, kind, hazard, plat, at, reach, likes) in enumerate(rows):
        aid = _approve(team, title, kind, hazard)
        p = publications.publish(team, aid, platform=plat, url=f"https://example.org/{n}", at=at, actor="Adi")
        metrics.add(team, p.id, read_at="2026-11-20 09.00", actor="Adi", values={"reach": reach, "likes": likes})
        pubs.append(p)
    c = comments.record(team, pubs[0].id, text="Posko?", category_id="pertanyaan", received_at="2026-11-02 10.00",
                        actor="Adi")
    comments.handle(team, c.id, response="Dibalas", actor="Adi", at="2026-11-02 10.40")
    return team, pubs


def test_models_pass_qtmodeltester(qtmodeltester, team, posts):
    from asri_desktop.core.plan import kpi
    from asri_desktop.ui.plan.models import PlanItemsModel, PostFiguresModel

    calendar.add_item(team, topic="Siaga banjir", kind="poster", due_date="2026-12-01", actor="Dewi",
                      slots={"instagram": "2026-12-02 09.00"}, assignee="Rina", notes="catatan")
    m = PlanItemsModel()
    m.set_rows([i.to_dict() for i in calendar.list_items(team)])
    qtmodeltester.check(m)
    assert m.data(m.index(0, PlanItemsModel.SLOTS)) == "Instagram 2026-12-02 09.00"
    assert m.data(m.index(0, PlanItemsModel.DUE)) == "Selasa, 1 Desember 2026"
    p = PostFiguresModel()
    p.set_rows([x.to_dict() for x in kpi.post_figures(team, "2026-11-01", "2026-11-30")])
    qtmodeltester.check(p)
    assert p.data(p.index(2, PostFiguresModel.RATE)) == "10,0%"
    assert p.data(p.index(0, PostFiguresModel.REACH)) == "2.000"


def test_plan_screen_week_and_month(qtbot, styled_app, team):
    from asri_desktop.ui.plan import PlanScreen

    calendar.add_item(team, topic="Siaga banjir rob", kind="poster", due_date="2026-11-30", actor="Dewi",
                      slots={"instagram": "2026-12-01 09.00", "tiktok": "2026-12-01 16.00"})
    screen = PlanScreen(team, team.member("Dewi"))
    qtbot.addWidget(screen)
    screen.anchor = date(2026, 12, 1)
    screen.refresh()
    assert screen.grid.rowCount() == 1 and screen.grid.days[0] == date(2026, 11, 30)
    text = screen.grid.cell_text(date(2026, 12, 1))
    assert "09.00 Instagram: Siaga banjir rob" in text and "16.00 TikTok" in text
    assert "Tenggat: Siaga banjir rob" in screen.grid.cell_text(date(2026, 11, 30))
    assert screen.period.text() == "Minggu 30 November 2026 – 6 Desember 2026"
    assert screen.model.rowCount() == 1 and not screen.empty.isVisibleTo(screen)
    screen.set_mode("month")
    assert screen.grid.rowCount() == 5 and screen.period.text() == "Desember 2026"
    screen.step(1)
    assert screen.period.text() == "Januari 2027" and screen.model.rowCount() == 0
    assert screen.empty.isVisibleTo(screen)


def test_plan_screen_add_export_import_through_writer(qtbot, styled_app, team, writer, wait_writer, tmp_path):
    from asri_desktop.ui.plan import PlanScreen
    from asri_desktop.ui.plan.plan_screen import PlanItemDialog

    screen = PlanScreen(team, team.member("Dewi"), writer=writer)
    qtbot.addWidget(screen)
    writer.changed.connect(lambda topics: screen.refresh())
    screen.anchor = date(2026, 12, 1)
    dlg = PlanItemDialog(team, screen, day=date(2026, 12, 1))
    qtbot.addWidget(dlg)
    dlg.topic.setText("Kuis banjir di WhatsApp")
    dlg.kind.setCurrentIndex(dlg.kind.findData("carousel"))
    dlg.hazard.setCurrentIndex(dlg.hazard.findData("banjir"))
    dlg.assignee.setCurrentIndex(dlg.assignee.findData("Rina"))
    box, when = dlg.platform_rows["whatsapp"]
    box.setChecked(True)
    assert when.isEnabled()
    screen.save_item(dlg.values())
    wait_writer(writer)
    items = calendar.list_items(team)
    assert [(i.topic, i.kind, i.hazard, i.assignee) for i in items] == [("Kuis banjir di WhatsApp", "carousel", "banjir", "Rina")]
    assert items[0].slots == {"whatsapp": "2026-12-01T02:00:00Z"}
    assert screen.model.rowCount() == 1
    out = tmp_path / "rencana.csv"
    assert screen.export_to(out) == 1 and out.exists()
    assert "1 baris/acara ditulis" in screen.subtitle.text()
    text = out.read_text(encoding="utf-8-sig").replace("Kuis banjir di WhatsApp", "Kuis banjir lewat WhatsApp")
    out.write_text(text, encoding="utf-8-sig")
    preview = screen.preview_import(out)
    assert preview.updated == 1 and calendar.list_items(team)[0].topic == "Kuis banjir di WhatsApp"
    screen.apply_import(out)
    wait_writer(writer)
    assert calendar.list_items(team)[0].topic == "Kuis banjir lewat WhatsApp"


def test_plan_screen_start_asset_without_writer(qtbot, styled_app, team):
    from asri_desktop.ui.plan import PlanScreen

    item = calendar.add_item(team, topic="Poster karhutla", kind="poster", due_date="2026-12-02", actor="Dewi")
    screen = PlanScreen(team, team.member("Rina"))
    qtbot.addWidget(screen)
    screen.anchor = date(2026, 12, 2)
    screen.refresh()
    screen.table.selectRow(0)
    screen.start_asset()
    assert calendar.get_item(team, item.id).asset_id is not None


def test_monitoring_charts_show_the_core_series(qtbot, styled_app, posts):
    from asri_desktop.ui.plan import MonitoringScreen

    arch, _ = posts
    screen = MonitoringScreen(arch, arch.member("Adi"))
    qtbot.addWidget(screen)
    screen.set_period(date(2026, 11, 2), date(2026, 11, 15))
    assert screen.kpi_labels["posts"].text() == "3"
    assert screen.kpi_labels["reach"].text() == "8.000"
    assert screen.kpi_labels["response"].text() == "40 menit"
    bars = screen.weekly_chart.series()[0].barSets()
    assert [bars[0].at(i) for i in range(bars[0].count())] == [3000.0, 5000.0]
    assert [bars[1].at(i) for i in range(bars[1].count())] == [155.0, 500.0]
    line = screen.response_chart.series()[0]
    assert [(p.x(), p.y()) for p in line.points()] == [(0.0, 40.0)]
    hazard = screen.hazard_chart.series()[0].barSets()[0]
    assert hazard.count() == 3 and hazard.at(hazard.count() - 1) == 5000.0  # largest on top
    kinds = screen.kind_chart.axes()[0].categories()
    assert "Video Singkat" in kinds
    assert screen.model.rowCount() == 3 and screen.charts.isVisibleTo(screen)
    screen.set_period(date(2026, 1, 1), date(2026, 1, 31))
    assert not screen.charts.isVisibleTo(screen) and screen.empty.isVisibleTo(screen)


def test_monitoring_axes_stay_readable_for_a_quarter_and_empty_weeks(qtbot, styled_app, posts):
    """Whole-number ticks one apart when a chart has nothing yet; a quarter's weeks stand upright, uncut."""
    from asri_desktop.ui.plan import MonitoringScreen

    arch, _ = posts
    screen = MonitoringScreen(arch, arch.member("Adi"))
    qtbot.addWidget(screen)
    screen.set_period(date(2026, 8, 31), date(2026, 11, 29))  # thirteen weeks, one comment answered
    weeks = next(a for a in screen.weekly_chart.axes() if hasattr(a, "categories"))
    assert weeks.count() == 13 and weeks.labelsAngle() == -90
    screen.set_period(date(2026, 11, 2), date(2026, 11, 15))
    weeks = next(a for a in screen.weekly_chart.axes() if hasattr(a, "categories"))
    assert weeks.count() == 2 and weeks.labelsAngle() == 0
    from asri_desktop.ui.plan.monitoring import _value_axis

    empty = _value_axis(0)
    assert empty.min() == 0 and empty.max() >= 4
    step = (empty.max() - empty.min()) / (empty.tickCount() - 1)
    assert step >= 1 and step == int(step)  # no "0 0 0 0 0 1" ticks


def test_monitoring_import_reports_rows(qtbot, styled_app, posts, tmp_path):
    from asri_desktop.ui.plan import MonitoringScreen

    arch, _ = posts
    screen = MonitoringScreen(arch, arch.member("Adi"))
    qtbot.addWidget(screen)
    f = tmp_path / "meta.csv"
    f.write_text("Permalink,Reach\nhttps://example.org/0,2500\nhttps://example.org/zzz,1\n", encoding="utf-8")
    screen.import_file(f, "meta")
    assert screen.last_report.added == 1 and [e.line for e in screen.last_report.errors] == [3]


def test_evaluation_generates_report_through_file_dialog(qtbot, styled_app, posts, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from asri_desktop.ui.plan import EvaluationScreen

    arch, _ = posts
    screen = EvaluationScreen(arch, arch.member("Dewi"))
    qtbot.addWidget(screen)
    screen.set_period(date(2026, 11, 1), date(2026, 11, 30))
    assert "3 unggahan" in screen.summary_label.text()
    assert screen.lists["best"].item(0).text().startswith("#3 Amankan atap")
    target = tmp_path / "laporan-nov"

    def fake_save(*args, **kwargs):
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    screen.ask_and_generate()
    pdf = tmp_path / "laporan-nov.pdf"
    assert pdf.exists() and "laporan-nov.pdf" in screen.result_label.text()
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Amankan atap" in text and "1 November 2026 – 30 November 2026" in text


def test_admin_records_publication_comment_and_hoax_in_monitoring_tabs(qtbot, styled_app, team):
    from PySide6.QtCore import QDateTime, QDate, QTime

    from asri_desktop.core.plan import hoax
    from asri_desktop.ui import errors
    from asri_desktop.ui.plan import MonitoringScreen

    aid = _approve(team, "Waspada banjir rob")
    screen = MonitoringScreen(team, team.member("Adi"))
    qtbot.addWidget(screen)
    pp = screen.publish_panel
    assert pp.assets.count() == 1 and pp.assets.item(0).text().startswith(f"#{aid} Waspada banjir rob")
    pp.assets.setCurrentRow(0)
    pp.platform.setCurrentIndex(pp.platform.findData("facebook"))
    pp.url.setText("https://www.facebook.com/bpbdbangka/posts/42")
    pp.at.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 30)))
    pp.publish()
    pubs = publications.list_publications(team)
    assert [(p.platform, p.published_at) for p in pubs] == [("facebook", "2026-11-20T02:30:00Z")]
    assert team.asset(aid).state == "published" and pp.assets.count() == 0 and pp.recent.count() == 1

    cp = screen.comments_panel
    assert cp.publication.count() == 1
    cp.category.setCurrentIndex(cp.category.findData("pertanyaan"))
    cp.text.setText("Posko di mana?")
    cp.at.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(10, 0)))
    cp.add()
    assert cp.open_list.count() == 1
    cp.open_list.setCurrentRow(0)
    cp.response.setText("Dibalas: Kantor Camat")
    cp.handle()
    assert cp.open_list.count() == 0 and comments.list_comments(team)[0].handled_by == "Adi"

    hp = screen.hoax_panel
    hp.text.setText("Tanggul jebol malam ini")
    hp.at.setDateTime(QDateTime(QDate(2026, 11, 21), QTime(7, 0)))
    hp.add()
    assert hp.list.count() == 1
    hp.list.setCurrentRow(0)
    hp.clarify()  # not verified yet: refused with a message, nothing created
    assert any("belum diverifikasi" in b.text() for b in errors.open_boxes())
    for b in errors.open_boxes():
        b.close()
    hp.list.setCurrentRow(0)
    hp.authority.setCurrentIndex(hp.authority.findData("kontak:bpbd"))
    hp.outcome.setCurrentIndex(hp.outcome.findData("hoaks"))
    hp.verdict.setText("Tanggul aman, dipantau BPBD")
    hp.verify()
    hp.list.setCurrentRow(0)
    hp.clarify()
    h = hoax.list_hoaxes(team)[0]
    assert h.outcome == "hoaks" and h.clarification_asset_id is not None
    assert team.asset(h.clarification_asset_id).kind == "hoax"


def test_publish_refused_for_non_admin_shows_the_rule(qtbot, styled_app, team):
    from asri_desktop.ui import errors
    from asri_desktop.ui.plan import MonitoringScreen

    _approve(team, "Poster")
    screen = MonitoringScreen(team, team.member("Rina"))
    qtbot.addWidget(screen)
    pp = screen.publish_panel
    pp.assets.setCurrentRow(0)
    pp.url.setText("https://instagram.com/p/ZZ/")
    pp.at.setDateTime(pp.at.dateTime().addSecs(-3600))
    pp.publish()
    assert any("Admin Platform" in b.text() for b in errors.open_boxes())
    for b in errors.open_boxes():
        b.close()
    assert publications.list_publications(team) == []


def test_evaluation_surveys_create_and_import(qtbot, styled_app, team, tmp_path):
    from asri_desktop.core.plan import survey
    from asri_desktop.ui.plan import EvaluationScreen

    screen = EvaluationScreen(team, team.member("Dewi"))
    qtbot.addWidget(screen)
    assert screen.lists["surveys"].item(0).text().startswith("Belum ada kuis")
    screen.new_survey("quiz", "Kuis banjir Desember")
    [s] = survey.list_surveys(team)
    assert screen.lists["surveys"].item(0).text().startswith(f"#{s.id} Kuis banjir Desember (kuis): 0 responden")
    screen.lists["surveys"].setCurrentRow(0)
    assert screen.selected_survey() == s.id
    f = tmp_path / "jawaban.csv"
    f.write_text("Nama,1,2,3\nA,A,112,BMKG\nB,B,112,BMKG\nC,Z,112,BMKG\n", encoding="utf-8")
    screen.import_answers(s.id, f)
    assert screen.last_report.added == 2 and [e.line for e in screen.last_report.errors] == [4]
    assert "2 responden" in screen.lists["surveys"].item(0).text()
    assert "paham 50,0%" in screen.lists["surveys"].item(0).text()
