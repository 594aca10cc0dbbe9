"""Tinjauan: approve and send back as two different members; four-eyes refusal; the approval sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt

from asri_desktop.ui import errors
from asri_desktop.ui.screens.home import HomeScreen
from asri_desktop.ui.screens.review import ReviewScreen

FIELDS = {"title": "Waspada Banjir Rob", "body": "Segera pindahkan barang ke tempat tinggi.", "source": "BMKG",
          "alt_text": "Poster waspada banjir rob: segera pindahkan barang ke tempat tinggi."}


def open_screen(qtbot, arch, writer, name):
    """The review screen inside a main window, so writer announcements refresh it."""
    from asri_desktop.ui.main_window import MainWindow

    win = MainWindow(arch, writer, arch.member(name))
    qtbot.addWidget(win)
    win.show()
    screen = win.show_screen("review")
    qtbot.waitUntil(screen.checklist_ready, timeout=20000)
    return screen


def answer_open_items(screen):
    model = screen.checklist_model
    for r in model.rows():
        if r["source"] != "auto" and r["result"] == "unanswered":
            assert model.set_answer(r["id"], "pass")
        elif r["result"] == "fail" and r["source"] != "auto":
            assert model.set_answer(r["id"], "pass")


def test_approve_then_send_back_as_two_members(team, writer, qtbot, make_poster, wait_writer):
    a = team.import_asset([make_poster()], kind="poster", title="Waspada Banjir Rob", actor="Rina",
                          hazard="banjir-rob", location="Sungailiat", fields=FIELDS)
    team.submit(a.id, "Rina")

    budi = open_screen(qtbot, team, writer, "Budi")
    assert budi.queue_model.rowCount() == 1
    assert budi.current.id == a.id
    assert not budi.preview.source().isNull()
    assert budi.checklist_model.rowCount() > 0
    # Open items block approval: the core's gate names them.
    if budi.checklist_model.open_items():
        qtbot.mouseClick(budi.approve_button, Qt.MouseButton.LeftButton)
        wait_writer(writer)
        assert team.asset(a.id).state == "technical_review"
        assert any("belum dapat disetujui" in b.text() for b in errors.open_boxes())
        for b in errors.open_boxes():
            b.close()
    answer_open_items(budi)
    qtbot.mouseClick(budi.approve_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    assert team.asset(a.id).state == "accuracy_review", [b.text() for b in errors.open_boxes()]
    assert "disetujui" in budi.last_message
    qtbot.waitUntil(lambda: budi.queue_model.rowCount() == 0, timeout=5000)

    sari = open_screen(qtbot, team, writer, "Sari")
    assert sari.current.id == a.id
    qtbot.mouseClick(sari.send_back_button, Qt.MouseButton.LeftButton)
    dlg = sari.reason_dialog
    assert dlg is not None and dlg.isVisible()
    # An empty reason is not accepted.
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and not dlg.error.isHidden()
    qtbot.keyClicks(dlg.text, "Angka tinggi pasang tidak sesuai rilis BMKG.")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    asset = team.asset(a.id)
    assert asset.state == "draft"
    last = team.reviews(a.id)[-1]
    assert last["decision"] == "revise" and last["member"] == "Sari"
    assert "Angka tinggi pasang" in last["comment"]

    # Rina's Beranda shows the draft sent back to her, with the reason.
    home = HomeScreen(team, team.member("Rina"), writer=writer)
    qtbot.addWidget(home)
    items = "\n".join(home.waiting_items())
    assert "belum diajukan" not in items, "a sent-back draft is listed once, with its reason"
    assert "Dikembalikan untuk revisi" in items and "Angka tinggi pasang" in items and "Sari" in items


def test_four_eyes_refusal_shows_the_core_message(team, writer, qtbot, make_poster, wait_writer):
    # Dewi designs and also coordinates: she must not approve her own version.
    a = team.import_asset([make_poster()], kind="poster", title="Siaga Cuaca Ekstrem", actor="Dewi", fields=FIELDS)
    team.submit(a.id, "Dewi")
    budi = open_screen(qtbot, team, writer, "Budi")
    answer_open_items(budi)
    qtbot.mouseClick(budi.approve_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    assert team.asset(a.id).state == "accuracy_review"

    dewi = open_screen(qtbot, team, writer, "Dewi")
    assert dewi.current.id == a.id
    qtbot.mouseClick(dewi.approve_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    assert team.asset(a.id).state == "accuracy_review"
    texts = [b.text() for b in errors.open_boxes()]
    assert any("empat mata" in t for t in texts), texts
    assert all("Traceback" not in t for t in texts)


def test_print_approval_sheet_in_background(team, writer, qtbot, make_poster):
    a = team.import_asset([make_poster()], kind="poster", title="Jauhi Kolong", actor="Rina", fields=FIELDS)
    team.submit(a.id, "Rina")
    budi = open_screen(qtbot, team, writer, "Budi")
    qtbot.mouseClick(budi.sheet_button, Qt.MouseButton.LeftButton)
    assert not budi.sheet_button.isEnabled(), "the button waits while the sheet is written"
    qtbot.waitUntil(lambda: budi.last_sheet is not None, timeout=30000)
    assert budi.last_sheet.read_bytes()[:5] == b"%PDF-"
    assert "tersimpan" in budi.message.text()
    assert budi.sheet_button.isEnabled()


def test_member_without_review_role_sees_an_explained_empty_queue(team, writer, qtbot):
    screen = ReviewScreen(team, team.member("Adi"), writer=writer)
    qtbot.addWidget(screen)
    assert screen.queue_model.rowCount() == 0
    assert not screen.queue_empty.isHidden()
    assert "tidak memutuskan" in screen.subtitle.text()


def test_workflow_only_view_when_the_review_core_is_absent(team, writer, qtbot, make_poster, wait_writer, monkeypatch):
    import asri_desktop.ui.screens.review as review_mod

    monkeypatch.setattr(review_mod, "review_core", lambda: (None, None, None))
    a = team.import_asset([make_poster()], kind="poster", title="Siaga Banjir", actor="Rina", fields=FIELDS)
    team.submit(a.id, "Rina")
    budi = open_screen(qtbot, team, writer, "Budi")
    assert "belum tersedia" in budi.checklist_note.text()
    assert budi.approve_button.isEnabled()
    qtbot.mouseClick(budi.approve_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    assert team.asset(a.id).state == "accuracy_review"
    qtbot.waitUntil(lambda: budi.queue_model.rowCount() == 0, timeout=5000)
