"""Arsip: search with filters, thumbnails, a lazily fetched big list. Log: verify, tamper, see the failure."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from asri_desktop.ui.screens.archive import ArchiveScreen
from asri_desktop.ui.screens.log import LogScreen

from test_ui_models import bulk_assets


def test_search_filters_thumbnails_and_detail(team, writer, qtbot, make_png):
    a = team.import_asset([make_png("#0e4c7a")], kind="poster", title="Waspada Banjir Rob Sungailiat", actor="Rina",
                          hazard="banjir-rob", location="Sungailiat", fields={"body": "pasang tinggi"})
    b = team.import_asset([make_png("#7a4a12")], kind="infographic", title="Jauhi Kolong Bekas Tambang", actor="Dewi",
                          hazard="kolong", location="Pemali")
    team.submit(b.id, "Dewi")
    screen = ArchiveScreen(team, team.member("Rina"), writer=writer)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.rowCount() == 2
    qtbot.keyClicks(screen.search_edit, "pasang")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert screen.model.row_at(0)["id"] == a.id
    screen.search_edit.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=3000)
    screen.state_combo.setCurrentIndex(screen.state_combo.findData("technical_review"))
    assert [r["id"] for r in screen.model.rows()] == [b.id]
    screen.state_combo.setCurrentIndex(0)
    screen.hazard_combo.setCurrentIndex(screen.hazard_combo.findData("banjir-rob"))
    assert [r["id"] for r in screen.model.rows()] == [a.id]
    screen.hazard_combo.setCurrentIndex(0)
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData("infographic"))
    assert [r["id"] for r in screen.model.rows()] == [b.id]
    screen.kind_combo.setCurrentIndex(0)
    screen.location_combo.setCurrentIndex(screen.location_combo.findData("Sungailiat"))
    assert [r["id"] for r in screen.model.rows()] == [a.id]
    screen.location_combo.setCurrentIndex(0)
    # Date filter: nothing was updated last year.
    screen.use_dates.setChecked(True)
    screen.date_from.setDate(screen.date_from.date().addYears(-2))
    screen.date_to.setDate(screen.date_from.date().addDays(1))
    assert screen.model.rowCount() == 0 and screen.results_stack.currentWidget() is screen.empty
    screen.use_dates.setChecked(False)
    assert screen.model.rowCount() == 2

    # Thumbnails are decoded in the background, then shown.
    screen.model.index(0, 1).data(Qt.ItemDataRole.DecorationRole)
    screen.model.index(1, 1).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: screen.thumbs.has(a.id) and screen.thumbs.has(b.id), timeout=5000)
    pix = screen.model.index(screen.model.row_of(a.id), 1).data(Qt.ItemDataRole.DecorationRole)
    assert not pix.isNull() and pix.toImage().pixelColor(20, 30).name() == "#0e4c7a"

    # Selecting shows versions and history.
    screen.select_asset(b.id)
    assert screen.detail_title.text().startswith(f"#{b.id}")
    assert screen.versions_model.rowCount() == 1
    actions = {r["action"] for r in screen.history_model.rows()}
    assert actions == {"asset.create", "asset.submit"}
    assert screen.submit_button.isHidden(), "only a draft can be submitted"

    # The designer sends her draft to the technical review from the archive.
    screen.select_asset(a.id)
    assert not screen.submit_button.isHidden()
    qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not writer.busy, timeout=5000)
    assert team.asset(a.id).state == "technical_review"


def test_big_archive_stays_lazy(team, writer, qtbot):
    bulk_assets(team, 5000)
    screen = ArchiveScreen(team, team.member("Rina"), writer=writer)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    assert screen.model.total == 5000
    assert screen.model.rowCount() == 200
    assert "200 dari 5.000" in screen.count_label.text()
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 200, timeout=3000)
    assert screen.model.rowCount() < 5000
    assert f"{screen.model.rowCount()} dari 5.000" in screen.count_label.text()
    # Selecting an old asset far down the list loads just enough pages.
    screen.select_asset(1)
    assert screen.selected_id == 1


def test_verify_log_then_tamper_and_see_the_failure(team, writer, qtbot):
    screen = LogScreen(team, team.member("Adi"), writer=writer, page_size=50)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.total == len(team.log_entries())
    qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.verify_task is None, timeout=10000)
    assert screen.banner_kind() == "ok"
    assert "UTUH" in screen.banner.text()

    # Filters narrow the table.
    screen.actor_combo.setCurrentIndex(screen.actor_combo.findData("sistem"))
    assert {r["actor"] for r in screen.model.rows()} == {"sistem"}
    screen.actor_combo.setCurrentIndex(0)

    # Someone with the sqlite3 shell drops the guard trigger and rewrites entry #3.
    con = sqlite3.connect(team.db_path)
    con.execute("DROP TRIGGER decision_log_no_update")
    con.execute("UPDATE decision_log SET comment = 'Budi: Admin Platform' WHERE seq = 3")
    con.commit()
    con.close()
    qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.verify_task is None, timeout=10000)
    assert screen.banner_kind() == "bad"
    assert "RUSAK" in screen.banner.text() and "#3" in screen.banner.text()
    assert screen.model.bad_seq == 3
    row = screen.model.row_of(3)
    assert screen.table.currentIndex().row() == row, "the first bad entry is selected"
    assert screen.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_long_file_lists_stay_inside_the_detail_panel(team, writer, qtbot, make_png):
    """A carousel's many files are cut in the versions table (all listed in its tooltip), not widened past the panel."""
    from asri_desktop.ui.models.review import VersionsModel

    files = [make_png("#0e4c7a", name=f"slide-{i:02d}-waspada-banjir-rob-sungailiat.png") for i in range(8)]
    a = team.import_asset(files, kind="carousel", title="Carousel panjang", actor="Rina")
    screen = ArchiveScreen(team, team.member("Rina"), writer=writer)
    qtbot.addWidget(screen)
    screen.show()
    screen.select_asset(a.id)
    assert screen.versions.isColumnHidden(VersionsModel.NOTE)  # no version has a note
    bar = screen.versions.horizontalScrollBar()
    qtbot.wait(50)  # the header shares out the width once the panel is laid out
    assert bar.maximum() == 0 or not bar.isVisible(), "the table fits its panel"
    tip = screen.versions_model.index(0, VersionsModel.FILES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.count("\n") == 7 and "slide-07-waspada-banjir-rob-sungailiat.png" in tip
