"""First start: pick or create a member, the agency's phone and logo, remembered on later starts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from asri_desktop.ui import prefs
from asri_desktop.ui.app import resolve_member
from asri_desktop.ui.first_start import FirstStartDialog


def test_new_member_phone_and_logo(archive, writer, qtbot, make_png, wait_writer):
    dlg = FirstStartDialog(archive, writer)
    qtbot.addWidget(dlg)
    # A fresh archive has no members: the only choice is "new member".
    assert dlg.member_combo.count() == 1 and dlg.member_combo.currentData() is None
    qtbot.keyClicks(dlg.name_edit, "Rina Aprilia")
    # No role yet: refused with a message, nothing written.
    qtbot.keyClicks(dlg.phone_edit, "0717-92345")
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert "peran" in dlg.error_label.text() and not dlg.error_label.isHidden()
    assert archive.members() == []
    dlg.role_checks["desainer"].setChecked(True)
    dlg.role_checks["koordinator"].setChecked(True)
    dlg.set_logo(make_png("#f08a24", (64, 64), "logo-bpbd.png"))
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert dlg.chosen_member == "Rina Aprilia"
    m = archive.member("Rina Aprilia")
    assert set(m.roles) == {"desainer", "koordinator"}
    agency = archive.setting("agency")
    assert agency["phone"] == "0717-92345"
    assert archive.store.has(agency["logo"]) and agency["logo_name"] == "logo-bpbd.png"
    bpbd = [c for c in archive.setting("contacts") if c["id"] == "bpbd"][0]
    assert bpbd["number"] == "0717-92345" and "placeholder" not in bpbd
    actions = [e["action"] for e in archive.log_entries()]
    assert actions.count("settings.change") == 2 and "member.add" in actions


def test_placeholder_phone_is_refused_and_existing_member_is_picked(team, writer, qtbot):
    dlg = FirstStartDialog(team, writer)
    qtbot.addWidget(dlg)
    dlg.member_combo.setCurrentIndex(dlg.member_combo.findData("Budi"))
    assert not dlg.name_edit.isEnabled()
    qtbot.keyClicks(dlg.phone_edit, "08xx-xxxx-xxxx")
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert "nomor contoh" in dlg.error_label.text()
    dlg.phone_edit.setText("abc")
    qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert "tidak valid" in dlg.error_label.text()
    assert team.setting("agency")["phone"] == "08xx-xxxx-xxxx"
    dlg.phone_edit.setText("+62 717 92345")
    with qtbot.waitSignal(dlg.accepted, timeout=10000):
        qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert dlg.chosen_member == "Budi"
    assert team.member("Budi").roles == ("editor",), "picking a member does not change roles"


def test_unreadable_logo_is_refused(archive, writer, qtbot, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    dlg = FirstStartDialog(archive, writer)
    qtbot.addWidget(dlg)
    dlg.set_logo(bad)
    assert dlg.logo_path is None and "bukan gambar" in dlg.error_label.text()


def test_later_starts_remember_the_member(team, tmp_path):
    home = team.home
    assert resolve_member(team, None, home) is None
    prefs.remember_member(home, "Sari")
    assert resolve_member(team, None, home).name == "Sari"
    # Another archive home has its own memory.
    assert prefs.remembered_member(tmp_path / "other-home") is None
    # A remembered member who no longer exists is forgotten, not a crash.
    prefs.remember_member(home, "Orang Hilang")
    assert resolve_member(team, None, home) is None
    assert prefs.remembered_member(home) is None
    assert resolve_member(team, "Adi", home).name == "Adi"


def test_remembered_member_key_is_stable_per_archive_home(tmp_path):
    """The key is the SHA-1 of the resolved home path, so members remembered by earlier versions stay."""
    import hashlib

    from asri_desktop.ui import prefs

    home = tmp_path / "arsip"
    home.mkdir()
    assert prefs._home_key(home) == "member/" + hashlib.sha1(str(home.resolve()).encode()).hexdigest()[:16]
    assert prefs._home_key(home) != prefs._home_key(tmp_path)
    prefs.remember_member(home, "Rina")
    assert prefs.remembered_member(home) == "Rina" and prefs.remembered_member(tmp_path) is None
