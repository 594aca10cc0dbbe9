"""Pengaturan › Paket Replikasi: export in the background, preview before anything changes, apply through the writer."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from asri_desktop.core import dates
from asri_desktop.core.archive import Archive
from asri_desktop.core.plan import replication
from asri_desktop.ui import errors, fmt, tasks
from asri_desktop.ui.screens.settings import SettingsScreen
from asri_desktop.ui.screens.settings_replication import PackChangesModel, ReplicationTab


@pytest.fixture
def belitung_pack(tmp_path):
    """A pack exported by another office: one new contact, one new location, one contact relabelled."""
    other = Archive.open(tmp_path / "other")
    try:
        other.add_member("Tono", ["admin"])
        other.set_setting("agency", dict(other.setting("agency"), name="BPBD Kabupaten Belitung"), "Tono")
        contacts = other.setting("contacts")
        assert contacts[0]["id"] == "112"
        contacts[0] = dict(contacts[0], label="Call Center Darurat")
        contacts.append({"id": "posko-tanjungpandan", "label": "Posko Tanjung Pandan", "number": "0719-21000"})
        other.set_setting("contacts", contacts, "Tono")
        other.set_setting("kecamatan", other.setting("kecamatan") + [{"name": "Membalong"}], "Tono")
        out = tmp_path / "paket-belitung.asripack"
        replication.export_pack(other, out)
    finally:
        other.close()
    return out


def make_screen(team, writer, qtbot, name: str) -> tuple[SettingsScreen, ReplicationTab]:
    screen = SettingsScreen(team, team.member(name), writer=writer)
    qtbot.addWidget(screen)
    screen.tabs.setCurrentWidget(screen.pack_tab)
    return screen, screen.pack_tab


def wait_tasks(qtbot) -> None:
    qtbot.waitUntil(lambda: tasks.running() == 0, timeout=15000)


def open_in_tab(tab: ReplicationTab, qtbot, monkeypatch, path) -> None:
    """Pick ``path`` in the (patched) open dialog and wait for the preview."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    tab.open_button.click()
    assert tab.import_busy.isVisibleTo(tab), "a busy indicator shows while the pack is read"
    wait_tasks(qtbot)


def rows_by_key(tab: ReplicationTab) -> dict[str, tuple[str, str]]:
    m = tab.model
    return {m.index(r, PackChangesModel.ITEM).data(): (m.index(r, PackChangesModel.AREA).data(),
                                                        m.index(r, PackChangesModel.STATUS).data())
            for r in range(m.rowCount())}


def pack_imports(arch) -> list[dict]:
    return [e for e in arch.log_entries() if e["action"] == "pack.import"]


def error_texts() -> list[str]:
    return [b.text() for b in errors.open_boxes()]


def close_boxes() -> None:
    for box in errors.open_boxes():
        box.close()


# ---------------------------------------------------------------------- model
def test_changes_model_orders_and_names_rows(team, belitung_pack, qtmodeltester):
    model = PackChangesModel()
    preview = replication.preview_pack(team, belitung_pack)
    model.set_changes(preview.changes)
    qtmodeltester.check(model)
    statuses = [model.index(r, PackChangesModel.STATUS).data() for r in range(model.rowCount())]
    assert statuses[0] == "berbeda" and statuses[1:3] == ["baru", "baru"] and set(statuses[3:]) == {"sama"}
    assert model.rowCount() == len(preview.changes)
    assert model.index(0, PackChangesModel.AREA).data() == "Kontak darurat"
    assert model.index(0, PackChangesModel.ITEM).data() == "112"
    assert "Call Center Darurat" in model.index(0, PackChangesModel.DETAIL).data()
    areas = {model.index(r, PackChangesModel.AREA).data() for r in range(model.rowCount())}
    assert {"Lokasi (kecamatan)", "Tabel", "Templat"} <= areas
    model.set_changes([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


# ---------------------------------------------------------------------- export
def test_export_writes_a_pack_that_preview_reads_back(team, writer, qtbot, monkeypatch, tmp_path):
    _screen, tab = make_screen(team, writer, qtbot, "Dewi")
    folder = tmp_path / "keluar"
    folder.mkdir()
    asked: list[str] = []

    def save_dialog(parent, title, start, filters):
        asked.append(start)
        return str(folder / "paket-untuk-belitung"), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    tab.export_button.click()
    assert asked and asked[0].endswith(f"paket-asri-bangka-{dates.today().isoformat()}.asripack")
    # Busy until the background job reports back (its result arrives through the event loop).
    assert not tab.export_button.isEnabled() and tab.export_busy.isVisibleTo(tab)
    wait_tasks(qtbot)
    out = folder / "paket-untuk-belitung.asripack"
    assert out.is_file()
    assert sorted(p.name for p in folder.iterdir()) == [out.name], "no temporary file is left beside it"
    assert tab.export_button.isEnabled() and not tab.export_busy.isVisibleTo(tab)
    assert str(out) in tab.export_banner.text() and tab.export_banner.objectName() == "bannerOk"
    assert "Kontak darurat 7" in tab.export_banner.text()
    back = replication.preview_pack(team, out)
    assert back.origin == "BPBD Kabupaten Bangka" and back.changes
    assert back.count("same") == len(back.changes)
    assert error_texts() == []


def test_export_to_a_missing_folder_shows_the_reason_and_writes_nothing(team, writer, qtbot, monkeypatch, tmp_path):
    _screen, tab = make_screen(team, writer, qtbot, "Dewi")
    target = tmp_path / "tidak-ada" / "paket.asripack"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.export_button.click()
    wait_tasks(qtbot)
    assert not target.parent.exists()
    assert tab.export_banner.objectName() == "bannerBad" and "tidak ada" in tab.export_banner.text()
    assert any("tidak ada" in t for t in error_texts())
    assert tab.export_button.isEnabled()
    close_boxes()


# ---------------------------------------------------------------------- import
def test_import_previews_then_adds_new_and_replaces_only_after_confirming(team, writer, wait_writer, qtbot,
                                                                        monkeypatch, belitung_pack):
    screen, tab = make_screen(team, writer, qtbot, "Dewi")
    questions: list[str] = []
    answer = {"value": QMessageBox.StandardButton.No}

    def question(parent, title, text, *args, **kwargs):
        questions.append(text)
        return answer["value"]

    monkeypatch.setattr(QMessageBox, "question", question)
    log_before = len(team.log_entries())

    open_in_tab(tab, qtbot, monkeypatch, belitung_pack)
    rows = rows_by_key(tab)
    assert rows["posko-tanjungpandan"] == ("Kontak darurat", "baru")
    assert rows["Membalong"] == ("Lokasi (kecamatan)", "baru")
    assert rows["112"] == ("Kontak darurat", "berbeda")
    assert rows["113"] == ("Kontak darurat", "sama")
    assert rows["checklists.toml"] == ("Tabel", "sama") and rows["poster"] == ("Templat", "sama")
    assert tab.counts_label.text().startswith("2 baru") and "1 berbeda" in tab.counts_label.text()
    assert "BPBD Kabupaten Belitung" in tab.origin_label.text()
    assert tab.preview_box.isVisibleTo(tab) and not tab.empty.isVisibleTo(tab)
    assert not tab.replace_box.isChecked() and tab.replace_box.isEnabled() and tab.apply_button.isEnabled()
    assert "tidak ditimpa" in tab.plan_label.text()
    # Opening the pack wrote nothing.
    assert len(team.setting("contacts")) == 7 and len(team.log_entries()) == log_before
    assert not replication.custom_dir(team).exists()

    # Terapkan without "Ganti yang berbeda": the new items only, no confirmation asked.
    tab.apply_button.click()
    assert tab.import_busy.isVisibleTo(tab) and not tab.apply_button.isEnabled()
    wait_writer(writer)
    assert questions == []
    contacts = {c["id"]: c for c in team.setting("contacts")}
    assert contacts["posko-tanjungpandan"]["number"] == "0719-21000"
    assert contacts["112"]["label"] == "Panggilan Darurat", "a differing item is kept without replace"
    assert {"name": "Membalong"} in team.setting("kecamatan")
    entries = pack_imports(team)
    assert len(entries) == 1 and entries[0]["actor"] == "Dewi" and "tidak ditimpa" in entries[0]["comment"]
    banner = tab.import_banner.text()
    assert tab.import_banner.objectName() == "bannerOk"
    assert "2 ditambahkan, 0 diganti" in banner and "posko-tanjungpandan" in banner and "Membalong" in banner
    assert "Tidak ditimpa (berbeda): Kontak darurat 112" in banner
    # The preview is cleared after applying.
    assert tab.preview is None and tab.model.rowCount() == 0 and not tab.preview_box.isVisibleTo(tab)
    assert not tab.apply_button.isEnabled()
    assert tab.last_message == "Paket replikasi diterapkan: 2 ditambahkan, 0 diganti."

    # Again: only the difference is left; Terapkan needs "Ganti yang berbeda".
    open_in_tab(tab, qtbot, monkeypatch, belitung_pack)
    assert rows_by_key(tab)["posko-tanjungpandan"][1] == "sama" and rows_by_key(tab)["112"][1] == "berbeda"
    assert not tab.apply_button.isEnabled() and "Tidak ada butir baru" in tab.plan_label.text()
    tab.replace_box.setChecked(True)
    assert tab.apply_button.isEnabled() and "mengganti 1 butir" in tab.plan_label.text()
    # Declining the confirmation changes nothing.
    tab.apply_button.click()
    assert len(questions) == 1 and "1 butir" in questions[0] and "Kontak darurat 112" in questions[0]
    assert not writer.busy and tab.preview is not None
    assert {c["id"]: c for c in team.setting("contacts")}["112"]["label"] == "Panggilan Darurat"
    assert len(pack_imports(team)) == 1
    # Confirming replaces it, with a second decision-log entry.
    answer["value"] = QMessageBox.StandardButton.Yes
    tab.apply_button.click()
    wait_writer(writer)
    assert len(questions) == 2
    contacts = {c["id"]: c for c in team.setting("contacts")}
    assert contacts["112"]["label"] == "Call Center Darurat"
    assert [c["id"] for c in team.setting("contacts")][0] == "112", "order kept"
    entries = pack_imports(team)
    assert len(entries) == 2 and "diganti" in entries[-1]["comment"]
    assert "0 ditambahkan, 1 diganti" in tab.import_banner.text()
    assert "Diganti: Kontak darurat 112" in tab.import_banner.text()
    assert team.verify_log().ok
    assert error_texts() == []
    # The settings screen's own tables show the imported contacts once it refreshes.
    screen.refresh()
    assert screen.contacts_model.row_of("posko-tanjungpandan") >= 0


def test_apply_refuses_when_the_archive_changed_since_the_preview(team, writer, wait_writer, qtbot, monkeypatch,
                                                                  belitung_pack):
    _screen, tab = make_screen(team, writer, qtbot, "Adi")
    open_in_tab(tab, qtbot, monkeypatch, belitung_pack)
    assert rows_by_key(tab)["Membalong"][1] == "baru"
    # Someone adds the same location elsewhere before Terapkan is pressed.
    team.set_setting("kecamatan", team.setting("kecamatan") + [{"name": "Membalong"}], "Sari")
    tab.apply_button.click()
    wait_writer(writer)
    assert any("berubah sejak pratinjau" in t for t in error_texts())
    assert "berubah sejak pratinjau" in tab.import_banner.text()
    assert pack_imports(team) == []
    assert "posko-tanjungpandan" not in {c["id"] for c in team.setting("contacts")}
    # The preview is read again and now shows what would really happen.
    wait_tasks(qtbot)
    assert rows_by_key(tab)["Membalong"][1] == "sama" and rows_by_key(tab)["posko-tanjungpandan"][1] == "baru"
    close_boxes()


@pytest.mark.parametrize("kind, message", [
    ("random", "bukan ZIP"),
    ("no-manifest", "tidak ada manifest.json"),
    ("foreign", "bukan paket replikasi ASRI (format 'lain')"),
    ("newer", "versi ASRI Desktop yang lebih baru"),
    ("list-manifest", "bukan paket replikasi ASRI (format 'list')"),
])
def test_corrupt_or_foreign_file_shows_the_message_and_changes_nothing(team, writer, qtbot, monkeypatch, tmp_path,
                                                                       kind, message):
    path = tmp_path / f"{kind}.asripack"
    if kind == "random":
        path.write_bytes(bytes(range(256)) * 8)
    else:
        manifest = {"no-manifest": None, "foreign": {"format": "lain", "version": 1},
                    "newer": {"format": "asri-pack", "version": 99}, "list-manifest": [1, 2]}[kind]
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("settings/contacts.json", json.dumps([{"id": "x", "label": "X"}]))
            if manifest is not None:
                z.writestr("manifest.json", json.dumps(manifest))
    _screen, tab = make_screen(team, writer, qtbot, "Adi")
    log_before = len(team.log_entries())
    open_in_tab(tab, qtbot, monkeypatch, path)
    assert any(message in t for t in error_texts()), error_texts()
    assert not any("Traceback" in t or "tak terduga" in t for t in error_texts())
    assert tab.import_banner.objectName() == "bannerBad" and message in tab.import_banner.text()
    assert tab.preview is None and tab.model.rowCount() == 0 and not tab.preview_box.isVisibleTo(tab)
    assert not tab.apply_button.isEnabled() and tab.open_button.isEnabled()
    assert len(team.log_entries()) == log_before and len(team.setting("contacts")) == 7
    assert not replication.custom_dir(team).exists()
    close_boxes()


def test_member_without_the_role_sees_the_preview_but_cannot_apply(team, writer, wait_writer, qtbot, monkeypatch,
                                                                   belitung_pack):
    screen, tab = make_screen(team, writer, qtbot, "Rina")
    assert tab.role_note.isVisibleTo(tab) and "Koordinator Konten atau Admin Platform" in tab.role_note.text()
    open_in_tab(tab, qtbot, monkeypatch, belitung_pack)
    assert rows_by_key(tab)["posko-tanjungpandan"][1] == "baru"
    assert not tab.apply_button.isEnabled() and not tab.replace_box.isEnabled()
    tip = tab.apply_button.toolTip()
    assert "Koordinator Konten atau Admin Platform" in tip and "Desainer Grafis" in tip
    assert tab.replace_box.toolTip() == tip
    # Export and preview stay open to everyone.
    assert tab.export_button.isEnabled() and tab.open_button.isEnabled()
    # Called anyway (not through the disabled button): refused, nothing written.
    tab.apply()
    wait_writer(writer)
    assert any("Rina tidak dapat menerapkan" in t for t in error_texts())
    assert pack_imports(team) == [] and len(team.setting("contacts")) == 7
    close_boxes()
    # Given the coordinator role, the same screen lets her apply (the member is asked for again).
    team.set_member_roles("Rina", ["desainer", "koordinator"], "Adi")
    screen.member = team.member("Rina")
    screen.refresh()
    wait_tasks(qtbot)
    assert tab.apply_button.isEnabled() and not tab.role_note.isVisibleTo(tab)
    # The editor and the accuracy reviewer may not apply either.
    for name in ("Budi", "Sari"):
        _other, other_tab = make_screen(team, writer, qtbot, name)
        assert other_tab.role_note.isVisibleTo(other_tab) and other_tab.export_button.isEnabled()
        assert fmt.role(team.member(name).roles[0]) in other_tab.apply_button.toolTip()
