"""Buat Konten driven through its widgets: fill, live preview, refusal, fix, export, undo/redo, save."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from asri_desktop.ui.tasks import running


@pytest.fixture
def ready_team(team):
    """The team's archive with the agency's own number set (the placeholder would refuse every export)."""
    agency = team.setting("agency")
    agency["phone"] = "0717-92345"
    team.set_setting("agency", agency, "Adi")
    return team


@pytest.fixture
def writer(ready_team, qtbot):
    from asri_desktop.ui.writer import Writer

    w = Writer(ready_team.home)
    yield w
    w.close()


@pytest.fixture
def screen(qtbot, ready_team, writer):
    from asri_desktop.ui.screens.create import CreateScreen

    scr = CreateScreen(ready_team, ready_team.member("Rina"), writer=writer)
    qtbot.addWidget(scr)
    scr.resize(1280, 820)
    scr.show()
    return scr


def settle(qtbot, scr, timeout: int = 15000) -> None:
    """Wait until no preview is pending and every background job has reported."""
    qtbot.waitUntil(lambda: scr.renderer.idle and running() == 0 and scr.frame is not None
                    and scr.findings_generation == scr.frame.generation, timeout=timeout)


def pixmap_hash(scr) -> str:
    img = scr.canvas.pixmap.toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    return hashlib.sha256(bytes(img.constBits())).hexdigest()


def codes(scr) -> set[str]:
    return {f.code for f in scr.findings_model.findings()}


def test_fill_preview_refuse_fix_export(qtbot, screen, tmp_path):
    screen.select_template("poster", "4x5")
    qtbot.mouseClick(screen.sample_btn, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.frame.pages[0].size == (540, 675)  # rendered at scale 0.5 of 1080x1350
    assert screen.canvas.pixmap is not None and screen.canvas.pixmap.width() == 540
    before = pixmap_hash(screen)

    # Typing in the title changes the preview.
    title = screen.editors["title"].edit
    title.clear()
    qtbot.keyClicks(title, "Air Pasang Tinggi di Sungailiat")
    settle(qtbot, screen)
    assert screen.data()["title"] == "Air Pasang Tinggi di Sungailiat"
    assert pixmap_hash(screen) != before

    # Remove the data source: the findings show it missing and the export is refused, naming it.
    screen.editors["source"].combo.setEditText("")
    settle(qtbot, screen)
    assert "stamp.missing" in codes(screen)
    out = tmp_path / "ekspor"
    handle = screen.start_export(out)
    qtbot.waitUntil(lambda: handle.finished, timeout=15000)
    assert handle.error is not None
    assert screen.status.objectName() == "bannerBad"
    assert "sumber data" in screen.status.text()
    assert not out.exists() or not any(out.iterdir())

    # Fix it: pick BMKG from the list; the export for Instagram writes the file and reaches 100 %.
    combo = screen.editors["source"].combo
    combo.setCurrentIndex(combo.findData("bmkg"))
    settle(qtbot, screen)
    assert "stamp.missing" not in codes(screen)
    screen.platform_combo.setCurrentIndex(screen.platform_combo.findData("instagram-feed-4x5"))
    handle = screen.start_export(out)
    qtbot.waitUntil(lambda: handle.finished, timeout=15000)
    assert handle.error is None, handle.error
    assert screen.export_progress.value() == 100
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 1 and files[0].endswith(".jpg")
    with Image.open(out / files[0]) as im:
        assert im.size == (1080, 1350)
    assert screen.status.objectName() == "bannerOk"


def test_undo_redo_restores_fields(qtbot, screen):
    screen.select_template("poster")
    settle(qtbot, screen)
    title = screen.editors["title"].edit
    message = screen.editors["message"].edit
    qtbot.keyClicks(title, "Banjir")
    qtbot.keyClicks(message, "Segera mengungsi")
    assert screen.undo_stack.count() == 2  # typing merges per field
    assert screen.undo_btn.isEnabled()

    message.setFocus()
    qtbot.keyClick(message, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert message.toPlainText() == "" and screen.values["message"] == ""
    assert title.text() == "Banjir"
    screen.undo()
    assert title.text() == "" and screen.data()["title"] == ""
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert title.text() == "Banjir" and screen.data()["title"] == "Banjir"
    screen.redo()
    assert message.toPlainText() == "Segera mengungsi"

    # A list edit is its own step, and undo puts the steps back.
    steps = screen.editors["actions"]
    steps.set_value(["Siapkan tas siaga"])
    steps.table.item(0, 0).setText("Matikan listrik")
    assert screen.values["actions"] == ["Matikan listrik"]
    screen.undo()
    assert steps.value() == [] and screen.values["actions"] == []
    settle(qtbot, screen)


def test_character_counter_and_overflow_colour(qtbot, screen):
    screen.select_template("poster")
    editor = screen.editors["kicker"]
    qtbot.keyClicks(editor.edit, "x" * 40)
    assert editor.counter.text() == "40/32"
    assert "b3261e" in editor.counter.styleSheet()
    settle(qtbot, screen)
    assert "text.too_long" in codes(screen)


def test_save_draft_then_new_version(qtbot, screen, ready_team):
    screen.select_template("poster")
    screen.fill_sample()
    settle(qtbot, screen)
    qtbot.mouseClick(screen.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.asset_id is not None, timeout=15000)
    asset = ready_team.asset(screen.asset_id)
    assert asset.state == "draft" and asset.template_id == "poster" and asset.kind == "poster"
    version = ready_team.version(asset.id)
    assert version.fields["title"] == screen.data()["title"]
    assert [f.name for f in version.files] == ["pratinjau.png"]
    assert "#%d" % asset.id in screen.status.text()

    screen.editors["title"].edit.end(False)  # the caret at the end, as a click after the text puts it
    qtbot.keyClicks(screen.editors["title"].edit, " Hari Ini")
    qtbot.mouseClick(screen.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ready_team.asset(asset.id).current_version == 2, timeout=15000)
    qtbot.waitUntil(lambda: "Versi 2" in screen.status.text(), timeout=5000)
    assert ready_team.version(asset.id).fields["title"].endswith("Hari Ini")
    # Saving again without a change is a note, not an error.
    qtbot.mouseClick(screen.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.status.objectName() == "bannerInfo", timeout=15000)
    settle(qtbot, screen)


def test_carousel_pages_and_navigation(qtbot, screen):
    screen.select_template("carousel")
    screen.fill_sample()
    settle(qtbot, screen)
    n = len(screen.frame.pages)
    assert n > 1 and screen.next_page_btn.isVisibleTo(screen)
    first = pixmap_hash(screen)
    qtbot.mouseClick(screen.next_page_btn, Qt.MouseButton.LeftButton)
    assert screen.page_index == 1 and pixmap_hash(screen) != first


def test_photo_slot_drop_and_focal_click(qtbot, screen, tmp_path):
    screen.select_template("story")
    screen.fill_sample()
    settle(qtbot, screen)
    photo = tmp_path / "foto.png"
    Image.new("RGB", (1600, 900), (40, 120, 200)).save(photo)
    editor = screen.editors["photo"]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    args = (QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    editor.drop.dragEnterEvent(enter)
    assert enter.isAccepted()
    editor.drop.dropEvent(QDropEvent(*args))  # a photo dragged from the file manager
    assert editor.value() == {"path": str(photo), "focal": [0.5, 0.5]}
    settle(qtbot, screen)
    # A click on the photo in the preview moves the focal point towards the clicked spot.
    screen.canvas.resize(400, 700)
    rect = screen.canvas.target_rect()
    photo_el = next(el for el in screen.spec.pages[0].elements if el.get("type") == "photo")
    x, y, w, h = photo_el["box"]
    v = screen.spec.variant(screen.variant)
    content = 1 - v.band / v.height
    px = rect.x() + rect.width() * (x + w * 0.9)
    py = rect.y() + rect.height() * (y + h * 0.5) * content
    qtbot.mouseClick(screen.canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(px), int(py)))
    fx, fy = editor.value()["focal"]
    assert fx > 0.5 and 0.4 < fy < 0.6
    assert screen.undo_stack.count() >= 2
    # Not a photo: a clear message, the value unchanged.
    editor.set_file(str(tmp_path / "catatan.txt"))
    assert "bukan foto" in editor.drop_label.text()
    assert editor.value()["path"] == str(photo)
    settle(qtbot, screen)


def test_findings_model_passes_modeltester(qtmodeltester, screen, qtbot):
    screen.select_template("poster")
    settle(qtbot, screen)
    assert screen.findings_model.rowCount() > 0  # an empty form lacks its mandatory elements
    qtmodeltester.check(screen.findings_model)


def test_stale_frames_are_dropped(qtbot, screen):
    """A burst of keystrokes renders far fewer frames than keys, and only the newest is shown."""
    screen.select_template("poster")
    settle(qtbot, screen)
    title = screen.editors["title"].edit
    rendered = screen.renderer.rendered
    qtbot.keyClicks(title, "Siaga banjir rob pekan ini")
    settle(qtbot, screen)
    assert screen.renderer.rendered - rendered < len("Siaga banjir rob pekan ini")
    assert screen.frame.generation == screen.renderer.generation


def test_open_saved_draft_and_add_version(qtbot, screen, ready_team, writer, tmp_path):
    """A draft opened from another screen (navigate → select_asset) fills the form; saving adds a version."""
    from asri_desktop.ui.screens.create import CreateScreen

    photo = tmp_path / "foto.png"
    Image.new("RGB", (900, 1600), (200, 80, 40)).save(photo)
    screen.select_template("story")
    screen.fill_sample()
    screen.editors["photo"].set_file(str(photo))
    settle(qtbot, screen)
    screen.save_draft()
    qtbot.waitUntil(lambda: screen.asset_id is not None, timeout=15000)
    aid = screen.asset_id
    names = sorted(f.name for f in ready_team.version(aid).files)
    assert names == ["foto-photo.png", "pratinjau.png"]
    photo.unlink()  # the photo moves away: the archive's copy is used

    other = CreateScreen(ready_team, ready_team.member("Rina"), writer=writer)
    qtbot.addWidget(other)
    other.select_asset(aid)
    assert other.spec.id == "story" and other.asset_id == aid
    assert other.data()["title"] == screen.data()["title"]
    assert other.data()["location"] == screen.data()["location"]
    kept = other.editors["photo"].value()["path"]
    assert kept != str(photo) and Path(kept).is_file()
    assert "#%d" % aid in other.status.text()
    qtbot.keyClicks(other.editors["title"].edit, "!")
    other.save_draft()
    qtbot.waitUntil(lambda: ready_team.asset(aid).current_version == 2, timeout=15000)
    qtbot.waitUntil(lambda: other.renderer.idle and running() == 0, timeout=15000)
    settle(qtbot, screen)
    # An asset made without a template is explained, not opened.
    plain = ready_team.import_asset([], kind="poster", title="Unggahan manual", actor="Rina")
    other.select_asset(plain.id)
    assert "tidak dibuat dari templat" in other.status.text()


def test_every_string_key_of_these_screens_exists():
    import re

    from asri_desktop.ui import strings

    root = Path(__file__).resolve().parents[2] / "asri_desktop" / "ui"
    used: set[str] = set()
    for py in list((root / "screens").glob("create*.py")) + list((root / "screens").glob("video*.py")):
        used |= set(re.findall(r'\btr\(\s*"([a-z0-9_.]+)"', py.read_text(encoding="utf-8")))
    assert len(used) > 50
    assert sorted(k for k in used if k not in strings.STRINGS) == []


def test_switching_template_keeps_stamps_and_starts_a_new_asset(qtbot, screen):
    screen.select_template("poster")
    screen.fill_sample()
    settle(qtbot, screen)
    screen.asset_id = 41  # as if a draft were open
    stamps = {k: screen.data()[k] for k in ("title", "source", "location", "contacts", "date")}
    screen.select_template("infografis")
    assert screen.asset_id is None
    assert {k: screen.data()[k] for k in stamps} == stamps
    assert screen.data().get("steps") is None  # the content slots start empty
    settle(qtbot, screen)


def test_clicking_a_finding_outlines_its_spot_on_the_preview(qtbot, screen):
    """A finding points at its place: the missing source at the stamp band, an overflow at its text box."""
    screen.select_template("poster", "4x5")
    screen.fill_sample()
    settle(qtbot, screen)
    screen.editors["source"].combo.setEditText("")
    screen.editors["title"].edit.setText("Air pasang " * 30)
    settle(qtbot, screen)
    rows = {f.code: i for i, f in enumerate(screen.findings_model.findings())}
    assert {"stamp.missing", "text.overflow"} <= set(rows)
    boxes = screen.frame.extra["boxes"][0]

    def click(code: str) -> None:
        screen.findings_view.clicked.emit(screen.findings_model.index(rows[code], 0))

    before = screen.canvas.grab().toImage()
    click("stamp.missing")
    assert screen.canvas.highlight == boxes["source"]
    x0, y0, x1, y1 = boxes["source"]
    assert x0 == 0 and x1 == 1 and y0 > 0.8 and y1 == 1  # the stamp band along the bottom
    assert screen.focusWidget() is screen.editors["source"].combo.lineEdit() or screen.editors["source"].isAncestorOf(
        screen.focusWidget())
    after = screen.canvas.grab().toImage()
    spot = screen.canvas.highlight_rect()
    # Outside the spot the page is dimmed; the outline is the accent orange.
    centre = screen.canvas.target_rect().center().toPoint()
    assert after.pixelColor(centre).lightness() < before.pixelColor(centre).lightness()
    # The 3 px outline runs 3 px outside the spot: some pixel just above its top edge is orange.
    x, top = round(spot.center().x()), round(spot.top())
    edge = [after.pixelColor(x, y) for y in range(top - 7, top + 1)]
    assert any(c.red() > 180 and c.green() < 150 and c.blue() < 90 for c in edge), [c.name() for c in edge]

    click("text.overflow")
    assert screen.canvas.highlight == boxes["title"] and boxes["title"][3] < boxes["source"][1]
    # The outline follows the text while it is shown and goes after a few seconds.
    screen.pointer_timer.setInterval(50)
    screen.pointer_timer.start()
    qtbot.waitUntil(lambda: screen.canvas.highlight is None, timeout=2000)
    assert screen.canvas.highlight_rect().isNull()


def test_a_finding_on_another_slide_turns_to_that_slide(qtbot, screen):
    screen.select_template("carousel")
    screen.fill_sample()
    settle(qtbot, screen)
    # The third step's text is far too long for its slide (slide 1 is the cover, so it is slide 4).
    screen.editors["steps"].table.item(2, 1).setText("Ketahui tempat tinggi terdekat dan jalan evakuasi. " * 12)
    settle(qtbot, screen)
    over = [f for f in screen.findings_model.findings() if f.code == "text.overflow"]
    assert [f.extra["page"] for f in over] == [4] and screen.page_index == 0
    screen.findings_view.clicked.emit(screen.findings_model.index(screen.findings_model.findings().index(over[0]), 0))
    assert screen.page_index == 3 and screen.page_label.text() == "Halaman 4 dari 7"
    assert screen.canvas.highlight == screen.frame.extra["boxes"][3]["steps"]
