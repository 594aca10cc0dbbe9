"""Arsip's "Izin Foto" tab: list, record (through the dialog and the writer) and revoke photo consents."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from asri_desktop.core import dates
from asri_desktop.core.plan import consent
from asri_desktop.ui import errors
from asri_desktop.ui.screens.archive import ArchiveScreen
from asri_desktop.ui.screens.archive_consent import ConsentModel


def _asset(team, make_png, title="Evakuasi Warga Desa Kenanga"):
    return team.import_asset([make_png()], kind="poster", title=title, actor="Rina", location="Sungailiat")


def _screen(team, writer, qtbot, asset_id, member="Rina"):
    screen = ArchiveScreen(team, team.member(member), writer=writer)
    qtbot.addWidget(screen)
    screen.resize(1100, 760)
    screen.show()
    screen.select_asset(asset_id)
    screen.tabs.setCurrentWidget(screen.consents)
    return screen


def _record(team, asset_id, person, *, on="2026-11-20", use="poster banjir di Instagram", note=""):
    return consent.record(team, person=person, contact="0812-0000-1111", use=use, granted_on=on, actor="Dewi",
                          asset_id=asset_id, note=note)


def _cell(model, row, column):
    return model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def _names(panel):
    return [_cell(panel.model, r, ConsentModel.PERSON) for r in range(panel.model.rowCount())]


def _actions(team, asset_id):
    return [e["action"] for e in team.log_entries(asset_id)]


def _select(panel, consent_id):
    panel.table.setFocus()
    panel.select_consent(consent_id)
    assert panel.selected_row()["id"] == consent_id


def test_model_passes_modeltester_and_lists_active_first(team, make_png, qtmodeltester):
    a = _asset(team, make_png)
    old = _record(team, a.id, "Pak Rusli", on="2026-11-01")
    gone = _record(team, a.id, "Bu Sumiati", on="2026-11-18", note="izin lisan, disaksikan Kades")
    new = _record(team, a.id, "Andi", on="2026-11-20")
    consent.revoke(team, gone.id, "Dewi", on="2026-11-25")
    model = ConsentModel()
    model.load(team, a.id)
    qtmodeltester.check(model)
    assert [r["id"] for r in model.rows()] == [new.id, old.id, gone.id], "active first, newest grant first"
    assert _cell(model, 0, ConsentModel.STATUS) == "Aktif"
    assert _cell(model, 2, ConsentModel.STATUS) == "Dicabut 25 Nov 2026"
    assert _cell(model, 1, ConsentModel.GRANTED) == "1 Nov 2026"
    assert _cell(model, 0, ConsentModel.RECORDED_BY) == "Dewi"
    assert _cell(model, 0, ConsentModel.CONTACT) == "0812-0000-1111"
    tip = model.index(2, ConsentModel.PERSON).data(Qt.ItemDataRole.ToolTipRole)
    assert "Rabu, 18 November 2026" in tip and "Kades" in tip and "Dicabut Rabu, 25 November 2026" in tip
    assert model.index(2, ConsentModel.STATUS).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#8c1d18"
    assert model.index(0, ConsentModel.STATUS).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#2e7d4f"
    model.load(team, _asset(team, make_png, "Lain").id)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_record_through_the_dialog(team, writer, wait_writer, qtbot, make_png):
    a = _asset(team, make_png)
    screen = _screen(team, writer, qtbot, a.id)
    panel = screen.consents
    assert screen.tabs.tabText(screen.tabs.currentIndex()) == "Izin Foto"
    assert panel.stack.currentWidget() is panel.empty and panel.empty.text().startswith("Belum ada izin foto")
    assert not panel.revoke_button.isEnabled()

    # Escape cancels: nothing is written.
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    dlg = panel.dialog
    assert dlg is not None and dlg.isVisible() and dlg.parent() is panel
    today = dates.today()
    assert dlg.granted.date() == QDate(today.year, today.month, today.day), "today in Bangka by default"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=2000)
    assert consent.list_consents(team, asset_id=a.id) == []

    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    dlg = panel.dialog
    assert "Evakuasi Warga Desa Kenanga" in dlg.heading.text()
    qtbot.keyClicks(dlg.person, "Pak Rusli")
    qtbot.keyClicks(dlg.contact, "0812-7788-1234")
    qtbot.keyClicks(dlg.use, "poster banjir di Instagram dan Facebook")
    dlg.granted.setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(dlg.note, "izin lisan")
    qtbot.keyClick(dlg.note, Qt.Key.Key_Return)  # Enter presses the default button (Simpan)
    wait_writer(writer)
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=2000)

    stored = consent.list_consents(team, asset_id=a.id)
    assert [(c.person, c.contact, c.use, c.granted_on, c.note, c.recorded_by) for c in stored] == [
        ("Pak Rusli", "0812-7788-1234", "poster banjir di Instagram dan Facebook", "2026-11-20", "izin lisan", "Rina")]
    assert panel.stack.currentWidget() is panel.list_page
    assert _names(panel) == ["Pak Rusli"]
    assert _cell(panel.model, 0, ConsentModel.GRANTED) == "20 Nov 2026"
    assert _cell(panel.model, 0, ConsentModel.STATUS) == "Aktif"
    assert panel.selected_row()["id"] == stored[0].id, "the new consent is selected"
    assert panel.revoke_button.isEnabled()
    assert panel.summary.text() == "1 aktif, 0 dicabut"
    entry = team.log_entries(a.id, action="consent.record")
    assert len(entry) == 1 and entry[0]["actor"] == "Rina" and "Pak Rusli" in entry[0]["comment"]
    assert panel.last_message == "Izin foto dari Pak Rusli dicatat."


def test_blank_person_is_refused_and_the_dialog_keeps_the_form(team, writer, wait_writer, qtbot, make_png):
    a = _asset(team, make_png)
    screen = _screen(team, writer, qtbot, a.id)
    panel = screen.consents
    dlg = panel.open_record_dialog()
    qtbot.keyClicks(dlg.person, "   ")
    qtbot.keyClicks(dlg.contact, "Jl. Pesisir 12")
    qtbot.keyClicks(dlg.use, "foto evakuasi")
    dlg.granted.setDate(QDate(2026, 11, 18))
    qtbot.keyClicks(dlg.note, "ditulis tangan")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    qtbot.waitUntil(lambda: dlg.problem() != "", timeout=2000)

    assert dlg.problem() == "Nama orang yang memberi izin tidak boleh kosong."
    assert panel.dialog is dlg and dlg.isVisible(), "the dialog stays open"
    assert (dlg.contact.text(), dlg.use.text(), dlg.note.text()) == ("Jl. Pesisir 12", "foto evakuasi", "ditulis tangan")
    assert dlg.granted.date() == QDate(2026, 11, 18)
    assert dlg.ok_button.isEnabled() and dlg.ok_button.text() == "Simpan"
    assert errors.open_boxes() == [], "the refusal is in the dialog, not a second box"
    assert consent.list_consents(team, asset_id=a.id) == []
    assert "consent.record" not in _actions(team, a.id)

    # Fixing the name is enough: the rest was kept.
    dlg.person.clear()
    qtbot.keyClicks(dlg.person, "Bu Sumiati")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=2000)
    [c] = consent.list_consents(team, asset_id=a.id)
    assert (c.person, c.contact, c.granted_on, c.note) == ("Bu Sumiati", "Jl. Pesisir 12", "2026-11-18",
                                                            "ditulis tangan")
    assert _names(panel) == ["Bu Sumiati"]


def test_revoke_after_confirming(team, writer, wait_writer, qtbot, make_png, monkeypatch):
    a = _asset(team, make_png)
    rusli = _record(team, a.id, "Pak Rusli")
    screen = _screen(team, writer, qtbot, a.id)
    panel = screen.consents
    asked = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args, **kwargs):
        asked.append((title, text))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    _select(panel, rusli.id)
    assert panel.revoke_button.isEnabled()

    # "No" keeps the consent.
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    assert consent.get_consent(team, rusli.id).active
    assert "consent.revoke" not in _actions(team, a.id)

    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    wait_writer(writer)
    qtbot.waitUntil(lambda: not panel.model.row_at(0)["active"], timeout=2000)
    assert len(asked) == 2 and asked[1][0] == "Cabut Izin Foto" and "Pak Rusli" in asked[1][1]
    revoked = consent.get_consent(team, rusli.id)
    assert revoked.revoked_on is not None
    assert _cell(panel.model, 0, ConsentModel.STATUS).startswith("Dicabut ")
    assert panel.summary.text() == "0 aktif, 1 dicabut"
    entry = team.log_entries(a.id, action="consent.revoke")
    assert len(entry) == 1 and entry[0]["actor"] == "Rina" and "Pak Rusli" in entry[0]["comment"]
    assert panel.selected_row()["id"] == rusli.id and not panel.revoke_button.isEnabled()
    assert panel.last_message == "Izin foto dari Pak Rusli dicabut."


def test_revoke_button_only_for_a_selected_active_consent(team, writer, wait_writer, qtbot, make_png, monkeypatch):
    a = _asset(team, make_png)
    active = _record(team, a.id, "Andi")
    gone = _record(team, a.id, "Bu Sumiati")
    consent.revoke(team, gone.id, "Dewi", on="2026-11-25")
    screen = _screen(team, writer, qtbot, a.id)
    panel = screen.consents
    assert panel.selected_row() is None and not panel.revoke_button.isEnabled()
    assert panel.detail.text() == "Pilih satu izin untuk melihat rinciannya."
    _select(panel, gone.id)
    assert not panel.revoke_button.isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes)
    # Offscreen windows get no keyboard focus from the platform, so trigger the bound shortcut.
    assert panel.delete_shortcut.key().toString() == "Del"
    panel.delete_shortcut.activated.emit()  # does nothing for a revoked consent
    panel.revoke_selected()
    assert asked == [] and not writer.busy
    _select(panel, active.id)
    assert panel.revoke_button.isEnabled()
    assert "0812-0000-1111" in panel.detail.text() and "dicatat oleh Dewi" in panel.detail.text()

    # Someone else revoked it meanwhile: the core's message reaches the person, not a traceback.
    consent.revoke(team, active.id, "Dewi", on="2026-11-26")
    panel.delete_shortcut.activated.emit()
    wait_writer(writer)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: bool(errors.open_boxes()), timeout=2000)
    assert errors.open_boxes()[-1].text() == f"Izin #{active.id} sudah dicabut pada 2026-11-26."


def test_switching_assets_shows_their_own_consents(team, writer, qtbot, make_png):
    a = _asset(team, make_png, "Banjir Rob Sungailiat")
    b = _asset(team, make_png, "Kolong Bekas Tambang Pemali")
    c = _asset(team, make_png, "Tanpa Foto Warga")
    _record(team, a.id, "Pak Rusli")
    _record(team, b.id, "Bu Sumiati")
    _record(team, b.id, "Andi", on="2026-11-21")
    screen = _screen(team, writer, qtbot, a.id)
    panel = screen.consents
    assert _names(panel) == ["Pak Rusli"]
    screen.select_asset(b.id)
    assert panel.asset_id == b.id and _names(panel) == ["Andi", "Bu Sumiati"]
    screen.select_asset(c.id)
    assert panel.model.rowCount() == 0 and panel.stack.currentWidget() is panel.empty
    assert panel.record_button.isEnabled() and not panel.revoke_button.isEnabled()
    # A dialog opened now names the asset on show, not the first one.
    dlg = panel.open_record_dialog()
    assert "Tanpa Foto Warga" in dlg.heading.text()
    dlg.reject()
    # A search that matches nothing leaves no asset selected: the tab is cleared.
    screen.search_edit.setText("tidakadayangcocok")
    screen.run_search()
    qtbot.waitUntil(lambda: not screen.searching(), timeout=5000)
    assert screen.selected_id is None and panel.asset_id is None
    assert panel.model.rowCount() == 0 and not panel.record_button.isEnabled()
