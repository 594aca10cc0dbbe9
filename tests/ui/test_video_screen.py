"""The Video screen driven through its widgets: open, check in the background, jump to a finding."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

SRT = (
    "1\r\n00:00:00,200 --> 00:00:01,000\r\nSegera evakuasi ke tempat yang lebih tinggi sekarang juga\r\n\r\n"
    "2\r\n00:00:01,500 --> 00:00:02,800\r\nHubungi 112\r\n"
)


def _ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def make_video(path: Path, size: str = "180x320", seconds: float = 2.5) -> Path:
    """A tiny test-pattern video with a tone (ffmpeg testsrc2 + sine)."""
    subprocess.run(
        [_ffmpeg(), "-y", "-loglevel", "error", "-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25:duration={seconds}",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
         "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart", str(path)],
        check=True, timeout=60,
    )
    return path


@pytest.fixture
def media(tmp_path):
    video = make_video(tmp_path / "banjir.mp4")
    subs = tmp_path / "banjir.srt"
    subs.write_text(SRT, encoding="utf-8")
    return video, subs


@pytest.fixture
def screen(qtbot, team):
    from asri_desktop.ui.screens.video import VideoScreen

    member = team.member("Rina")
    scr = VideoScreen(team, member, playback=False)
    qtbot.addWidget(scr)
    scr.resize(1200, 760)
    return scr


def _wait_checked(qtbot, scr) -> None:
    qtbot.waitUntil(lambda: scr.check_task is not None and scr.check_task.finished, timeout=20000)


def test_models_pass_modeltester(qtmodeltester, media):
    from asri_desktop.core.media import checks
    from asri_desktop.ui.models.cues import CuesModel
    from asri_desktop.ui.models.findings import FindingsModel

    result = checks.check_video(media[0], subtitles=media[1], speech=False)
    fm = FindingsModel()
    fm.set_findings(result.findings)
    qtmodeltester.check(fm)
    cm = CuesModel()
    cm.set_cues(result.cues)
    qtmodeltester.check(cm)
    assert cm.rowCount() == 2
    # Errors come first; the 57-character cue in 0.8 s reads far over 17 characters a second.
    assert fm.data(fm.index(0, FindingsModel.SEVERITY)) == "Galat"
    assert cm.data(cm.index(0, CuesModel.START)) == "00:00:00,200"
    assert cm.data(cm.index(0, CuesModel.CPS)) == "71,2"
    assert cm.data(cm.index(0, CuesModel.CPS), Qt.ItemDataRole.ForegroundRole) is not None
    assert cm.data(cm.index(1, CuesModel.CPS), Qt.ItemDataRole.ForegroundRole) is None
    assert cm.text_at_time(1.6) == "Hubungi 112"
    assert cm.text_at_time(1.2) == ""


def test_check_video_and_jump_to_finding(qtbot, screen, media):
    video, subs = media
    # Dropping both files (any order) opens them and runs one check in the background.
    screen.open_dropped([str(subs), str(video)])
    assert screen.subtitle_path == subs and screen.video_path == video
    _wait_checked(qtbot, screen)
    result = screen.result
    assert result is not None and not result.ok
    codes = {f.code for f in result.findings}
    assert "subtitles.reading_speed" in codes and "video.resolution_low" in codes
    assert screen.cues_model.rowCount() == 2
    assert "Belum lolos" in screen.summary.text()

    # Click the reading-speed finding: the player is asked to seek to the cue's start and the cue is selected.
    model = screen.findings_model
    row = next(r for r in range(model.rowCount()) if model.finding_at(r).code == "subtitles.reading_speed")
    screen.tabs.setCurrentWidget(screen.findings_stack)
    assert screen.findings_stack.currentWidget() is screen.findings_view
    screen.show()
    qtbot.waitExposed(screen)
    screen.findings_view.scrollTo(model.index(row, model.MESSAGE))
    rect = screen.findings_view.visualRect(model.index(row, model.MESSAGE))
    qtbot.mouseClick(screen.findings_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.player.requested_position == 200
    assert screen.cues_view.currentIndex().row() == 0
    assert screen.player.caption.text().startswith("Segera evakuasi")

    # A click on the second cue seeks to its start and shows its caption.
    screen._cue_clicked(screen.cues_model.index(1, 0))
    assert screen.player.requested_position == 1500
    assert screen.player.caption.text() == "Hubungi 112"


def test_finding_without_time_does_not_seek(qtbot, screen, media):
    screen.open_video(media[0], check=False)
    from asri_desktop.core.findings import Finding

    screen.findings_model.set_findings([Finding("video.resolution_low", "error", "Resolusi terlalu kecil.")])
    screen._finding_clicked(screen.findings_model.index(0, 0))
    assert screen.player.requested_position is None
    screen._finding_clicked(QModelIndex())  # an invalid index is ignored


def test_unreadable_video_is_a_finding_not_a_crash(qtbot, screen, tmp_path):
    bad = tmp_path / "rusak.mp4"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    screen.open_video(bad)
    _wait_checked(qtbot, screen)
    assert "video.unreadable" in {f.code for f in screen.result.findings}
    assert screen.summary.objectName() == "bannerBad"


def test_missing_file_and_wrong_drop_are_clear_messages(screen, tmp_path):
    screen.open_video(tmp_path / "tidak-ada.mp4")
    assert "tidak ditemukan" in screen.summary.text()
    assert screen.video_path is None
    screen.open_dropped([str(tmp_path / "catatan.txt")])
    assert "bukan video" in screen.summary.text()
    assert not screen.export_btn.isEnabled()


def test_profile_choice_comes_from_resources(screen):
    from asri_desktop.core import resources

    table = resources.data("video_profiles.toml")
    ids = [screen.profile_combo.itemData(i) for i in range(screen.profile_combo.count())]
    assert set(ids) == set(table["profiles"])
    assert ids[0] == table["default"] == screen.profile()


def test_export_cancel_really_cancels(qtbot, screen, tmp_path):
    video = make_video(tmp_path / "sumber.mp4", size="720x1280", seconds=3.2)
    subs = tmp_path / "sumber.srt"
    subs.write_text("1\n00:00:00,500 --> 00:00:02,500\nSegera evakuasi\n", encoding="utf-8")
    screen.open_video(video, check=False)
    screen.open_subtitles(subs, check=False)
    screen.end_card_check.setChecked(False)
    out = tmp_path / "hasil.mp4"
    handle = screen.start_export(out)
    assert handle is not None and screen.cancel_btn.isEnabled()
    qtbot.waitUntil(lambda: screen.export_progress.value() > 2 or handle.finished, timeout=20000)
    qtbot.mouseClick(screen.cancel_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: handle.finished, timeout=20000)
    assert handle.result is None and handle.error is None  # ended as cancelled
    assert "dibatalkan" in screen.export_status.text()
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if "sedang-diekspor" in p.name]
    assert screen.export_btn.isEnabled()


def test_export_refused_then_fixed_then_exported(qtbot, screen, tmp_path):
    """An end card without a data source is refused naming it; with one, the export lands and is re-checked."""
    video = make_video(tmp_path / "sumber.mp4", size="720x1280", seconds=3.2)
    subs = tmp_path / "sumber.srt"
    subs.write_text("1\n00:00:00,500 --> 00:00:02,500\nSegera evakuasi\n", encoding="utf-8")
    screen.open_video(video, check=False)
    screen.open_subtitles(subs, check=False)
    screen.export_preset = "ultrafast"
    screen.ec_title.setText("Waspada banjir")
    screen.ec_source.setCurrentText("")
    out = tmp_path / "hasil.mp4"
    handle = screen.start_export(out)
    qtbot.waitUntil(lambda: handle.finished, timeout=20000)
    assert handle.error is not None
    assert screen.export_status.objectName() == "bannerBad"
    assert "sumber data" in screen.export_status.text()
    assert not out.exists()

    # With a source, the agency's own number is still the sample value: the card's contact is refused.
    screen.ec_source.setCurrentIndex(0)
    screen.ec_location.setCurrentIndex(screen.ec_location.findData("Belinyu"))
    assert screen.end_card_data()["source"].startswith("BMKG")
    assert screen.end_card_data()["location"] == {"kecamatan": "Belinyu"}
    handle = screen.start_export(out)
    qtbot.waitUntil(lambda: handle.finished, timeout=20000)
    assert handle.error is not None and "kontak darurat" in screen.export_status.text()

    agency = screen.arch.setting("agency")
    agency["phone"] = "0717-92345"
    screen.arch.set_setting("agency", agency, "Adi")
    assert screen.end_card_data()["contacts"] == ["112", "bpbd"]
    handle = screen.start_export(out)
    qtbot.waitUntil(lambda: handle.finished, timeout=60000)
    assert handle.error is None, handle.error
    assert out.is_file() and screen.export_progress.value() == 100
    assert screen.export_result is not None and screen.export_result.ok
    assert not screen.export_result_label.isHidden()
    assert "lolos" in screen.export_result_label.text()


def _drop_event(paths, kind="drop"):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    if kind == "enter":
        ev = QDragEnterEvent(QPointF(10, 10), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        return ev, mime
    ev = QDropEvent(QPointF(10, 10), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return ev, mime


def test_real_drop_events(qtbot, screen, media, tmp_path):
    video, subs = media
    enter, _m1 = _drop_event([tmp_path / "catatan.txt"], "enter")
    screen.dragEnterEvent(enter)
    assert not enter.isAccepted()
    enter, _m2 = _drop_event([video], "enter")
    screen.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop, _m3 = _drop_event([video, subs])
    screen.dropEvent(drop)
    assert screen.video_path == video and screen.subtitle_path == subs
    _wait_checked(qtbot, screen)
    assert screen.cues_model.rowCount() == 2


def test_with_a_multimedia_backend_seek_reaches_the_player(qtbot, team, media):
    """Where QtMultimedia has a backend, the panel builds a real player and forwards seeks to it."""
    from asri_desktop.ui.screens.video import VideoScreen

    scr = VideoScreen(team, team.member("Rina"), playback=True)
    qtbot.addWidget(scr)
    if not scr.player.available:
        pytest.skip("no multimedia backend on this machine")
    scr.open_video(media[0], check=False)
    scr.seek(1.5)
    assert scr.player.requested_position == 1500
    assert scr.player.player.source().toLocalFile().endswith("banjir.mp4")
    assert scr.player.play_btn.isEnabled()
    scr.player.stop()
    assert scr.player.player.source().isEmpty()


def test_offscreen_platform_builds_no_player(qtbot, team):
    from asri_desktop.ui.screens.video import VideoScreen

    scr = VideoScreen(team, team.member("Rina"))  # playback decided from the environment
    qtbot.addWidget(scr)
    assert not scr.player.available
    assert "tidak tersedia" in scr.player.placeholder.text()


def test_doubled_strings_do_not_widen_the_window(qtbot, team, monkeypatch):
    """Vorta's TRANS_SCALE check: with every string twice as long both screens still fit beside the sidebar."""
    from asri_desktop.ui.screens.create import CreateScreen
    from asri_desktop.ui.screens.video import VideoScreen

    monkeypatch.setenv("ASRI_TRANS_SCALE", "2")
    member = team.member("Rina")
    for scr in (VideoScreen(team, member, playback=False), CreateScreen(team, member)):
        qtbot.addWidget(scr)
        assert scr.minimumSizeHint().width() <= 1280 - 240, type(scr).__name__
    from asri_desktop.ui.tasks import running

    qtbot.waitUntil(lambda: running() == 0, timeout=15000)  # the template thumbnails
