"""The shell: sidebar from the registry, shortcuts, refresh on announced changes, strings, settings screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from asri_desktop.ui import strings
from asri_desktop.ui.main_window import MainWindow
from asri_desktop.ui.screens import registry

ROOT = Path(__file__).resolve().parents[2]


def test_registry_lists_all_screens_and_hides_missing_modules(monkeypatch):
    keys = [e.key for e in registry.SCREENS]
    assert keys[:5] == ["home", "create", "video", "review", "archive"]
    assert {"plan", "monitoring", "evaluation", "log", "settings"} <= set(keys)
    fake = registry.ScreenEntry("ghost", "screen.home", "home", "asri_desktop.ui.screens.no_such_module", "X")
    monkeypatch.setattr(registry, "SCREENS", (*registry.SCREENS, fake))
    shown = [e.key for e in registry.available_screens()]
    assert "ghost" not in shown and "home" in shown and "log" in shown


def test_window_navigates_with_shortcuts_and_builds_screens_lazily(team, writer, qtbot):
    win = MainWindow(team, writer, team.member("Budi"))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    assert win.current_key() == "home" and list(win.screens) == ["home"]
    keys = win.keys()
    log_row = keys.index("log")
    # Offscreen windows get no keyboard focus from the platform, so trigger the bound shortcuts.
    sc = win.shortcuts["log"]
    assert sc.key().toString() == f"Ctrl+{(log_row + 1) % 10}"
    sc.activated.emit()
    assert win.current_key() == "log"
    assert win.shortcuts["refresh"].key().toString() == "F5"
    win.show_screen("settings")
    assert set(win.screens) >= {"home", "settings"}
    assert "Budi" in win.status_member.text() and str(team.home) in win.status_home.text()
    # Ctrl+F goes to the archive's search field.
    assert win.shortcuts["find"].key().toString() == "Ctrl+F"
    win.shortcuts["find"].activated.emit()
    assert win.current_key() == "archive"
    assert win.screens["archive"].search_edit.hasFocus() or win.focusWidget() is win.screens["archive"].search_edit


def test_announced_change_refreshes_visible_screen_and_marks_others_stale(team, writer, qtbot, wait_writer, make_png):
    win = MainWindow(team, writer, team.member("Budi"))
    qtbot.addWidget(win)
    win.show()
    archive = win.show_screen("archive")
    win.show_screen("log")
    before = win.screens["log"].model.total
    a = team.import_asset([make_png()], kind="poster", title="Baru", actor="Rina")
    writer.submit(lambda arch: arch.submit(a.id, "Rina"), {"assets", "log"})
    wait_writer(writer)
    assert win.screens["log"].model.total == before + 2, "the visible screen refreshed"
    assert "archive" in win._stale and archive.model.total == 0
    win.show_screen("archive")
    assert archive.model.total == 1 and "archive" not in win._stale
    # The home screen refreshes when shown again, counting the asset under review.
    win.show_screen("home")
    assert win.screens["home"].stat_labels["review"].text() == "1"
    # F5 reloads the visible screen.
    win.shortcuts["refresh"].activated.emit()


def test_trans_scale_doubles_every_string(monkeypatch):
    monkeypatch.setenv("ASRI_TRANS_SCALE", "2")
    assert strings.tr("review.approve") == "Setujui Setujui"
    assert strings.label("Draf") == "Draf Draf"
    monkeypatch.delenv("ASRI_TRANS_SCALE")
    assert strings.tr("archive.count", shown=1, total=2) == "1 dari 2 aset"


def test_every_string_key_used_in_the_ui_exists():
    """Every ``tr("key")`` in the UI package names a string, once every module has merged its table."""
    import importlib
    import re

    used = set()
    for py in sorted((ROOT / "asri_desktop" / "ui").rglob("*.py")):
        name = ".".join(py.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        importlib.import_module(name)  # screens merge their own string tables on import
        used |= set(re.findall(r'\btr\(\s*"([a-z0-9_.]+)"', py.read_text(encoding="utf-8")))
    assert len(used) > 300
    missing = sorted(k for k in used if k not in strings.STRINGS)
    assert missing == []


def test_settings_screen_edits_contacts_and_team(team, writer, qtbot, wait_writer):
    from asri_desktop.ui.models.settings import ContactsModel
    from asri_desktop.ui.screens.settings import SettingsScreen

    screen = SettingsScreen(team, team.member("Dewi"), writer=writer)
    qtbot.addWidget(screen)
    model = screen.contacts_model
    r = model.row_of("bpbd")
    model.setData(model.index(r, ContactsModel.NUMBER), "0717-92345")
    model.setData(model.index(r, ContactsModel.PLACEHOLDER), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    screen.save_table("contacts")
    wait_writer(writer)
    bpbd = [c for c in team.setting("contacts") if c["id"] == "bpbd"][0]
    assert bpbd["number"] == "0717-92345" and "placeholder" not in bpbd
    entry = team.log_entries(newest_first=True, limit=1)[0]
    assert entry["action"] == "settings.change" and entry["actor"] == "Dewi"
    # A blank row is refused with a message naming it; nothing is written.
    model.add_blank()
    screen.save_table("contacts")
    assert "Baris 8" in screen.contacts_error.text()
    assert len(team.setting("contacts")) == 7
    # The agency tab refuses the placeholder phone.
    screen.agency_edits["phone"].setText("08xx-xxxx-xxxx")
    screen.save_agency()
    assert "nomor contoh" in screen.agency_error.text()
    screen.agency_edits["phone"].setText("0717 555 01")
    screen.save_agency()
    wait_writer(writer)
    assert team.setting("agency")["phone"] == "0717 555 01"
    # Team: add a member with roles, change someone's roles.
    qtbot.keyClicks(screen.new_member, "Fajar")
    screen.new_roles["editor"].setChecked(True)
    screen.add_member()
    wait_writer(writer)
    assert team.member("Fajar").roles == ("editor",)
    screen._select_member(screen.members_model.row_of("Adi"))
    screen.role_boxes["pengawas"].setChecked(True)
    screen.save_roles.click()
    wait_writer(writer)
    assert set(team.member("Adi").roles) == {"admin", "pengawas"}
    assert screen.platforms_model.rowCount() > 0


def test_app_starts_without_heavy_imports(team, tmp_path):
    """The real start (``asri-desktop --exit-after-paint``) paints without moviepy, reportlab, numpy or PIL.

    Nor with PySide's ``Qt`` namespace or its ``QStyle`` type: their enum types cost ~25 and
    ~10 ms to build, so the shell and Beranda do without them. The style is still Fusion
    (asked for on Qt's command line).
    """
    code = (
        "import sys\n"
        "import PySide6.QtCore as QtCore, PySide6.QtWidgets as QtWidgets\n"
        "from asri_desktop.ui.app import run\n"
        "heavy = []\n"
        "def painted(window):\n"
        "    heavy.extend(n for n in ('moviepy', 'reportlab', 'numpy', 'PIL', 'hashlib') if n in sys.modules)\n"
        "    heavy.extend(n for n, mod in (('Qt', QtCore), ('QStyle', QtWidgets)) if n in mod.__dict__)\n"
        "    app = QtWidgets.QApplication.instance()\n"
        "    app.setStyleSheet('')  # the style under the style sheet\n"
        "    print('STYLE', app.style().name())\n"
        "import asri_desktop.ui.app as app_module\n"
        "opened = app_module.open_main_window\n"
        "def open_main_window(*args, **kwargs):\n"
        "    window = opened(*args, **kwargs)\n"
        "    window.first_painted.connect(lambda: painted(window))\n"
        "    return window\n"
        "app_module.open_main_window = open_main_window\n"
        f"code = run(['--home', {str(team.home)!r}, '--member', 'Budi', '--exit-after-paint'])\n"
        "print('HEAVY', heavy); sys.exit(code or (1 if heavy else 0))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "ASRI_FIRST_PAINT" in res.stdout and "HEAVY []" in res.stdout
    assert "STYLE fusion" in res.stdout


def test_home_lists_my_unsubmitted_drafts_and_role_changes_update_the_shell(team, writer, qtbot, make_png,
                                                                              wait_writer):
    team.import_asset([make_png()], kind="poster", title="Draf Rina", actor="Rina")
    win = MainWindow(team, writer, team.member("Rina"))
    qtbot.addWidget(win)
    win.show()
    items = "\n".join(win.screens["home"].waiting_items())
    assert "Draf Anda yang belum diajukan" in items and "Draf Rina" in items
    writer.submit(lambda arch: arch.set_member_roles("Rina", ["desainer", "koordinator"], "Adi"), {"members", "log"})
    wait_writer(writer)
    assert "Koordinator Konten" in win.side_member.text() and "Koordinator Konten" in win.status_member.text()
    assert win.member.has("koordinator") and win.screens["home"].member.has("koordinator")


def test_sent_back_template_draft_opens_in_buat_konten(team, writer, qtbot, tmp_path):
    """Beranda's "sent back to me" link takes the designer to the draft in Buat Konten, ready to revise."""
    from asri_desktop.core.templates import export, load_template
    spec = load_template("poster")
    data = spec.sample()
    settings = team.settings()
    settings["agency"]["phone"] = "0717-92345"
    manifest = export(spec, data, tmp_path / "out", settings=settings, base_dir=spec.sample_path.parent)
    files = [tmp_path / "out" / f["name"] for f in manifest["files"]]
    a = team.import_asset(files, kind="poster", title=data["title"], actor="Rina", template_id="poster",
                          fields={**data, "template_variant": "4x5"})
    team.submit(a.id, "Rina")
    team.review(a.id, "revise", "Budi", comment="Perbesar nomor kontak")
    win = MainWindow(team, writer, team.member("Rina"))
    qtbot.addWidget(win)
    win.show()
    home = win.screens["home"]
    item = next(home.waiting.item(i) for i in range(home.waiting.count())
                if (home.target(home.waiting.item(i)) or (None,))[0] == "create")
    assert home.target(item) == ("create", a.id)
    home._open(item)
    assert win.current_key() == "create"
    create = win.screens["create"]
    qtbot.waitUntil(lambda: create.spec is not None and create.spec.id == "poster", timeout=10000)
    assert create.data()["title"] == data["title"]


def test_no_screen_flashes_a_stray_window_while_it_is_built(team, writer, qtbot, styled_app):
    """A widget made visible before it has a parent opens as a window of its own for a moment."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.windows: list[str] = []

        def eventFilter(self, obj, event):  # noqa: N802 - Qt name
            if event.type() == QEvent.Type.Show and obj.isWidgetType() and obj.isWindow() and obj is not win:
                self.windows.append(f"{type(obj).__name__} {obj.objectName()!r}")
            return False

    watch = Watch()
    win = MainWindow(team, writer, team.member("Budi"))
    qtbot.addWidget(win)
    styled_app.installEventFilter(watch)
    try:
        win.show()
        for key in win.keys():
            win.show_screen(key)
            win.refresh_current()
    finally:
        styled_app.removeEventFilter(watch)
    assert watch.windows == [], watch.windows


def test_sidebar_takes_arrow_keys_but_typed_letters_do_not_switch_screens(team, writer, qtbot):
    win = MainWindow(team, writer, team.member("Budi"))
    qtbot.addWidget(win)
    win.show()
    win.nav.setFocus()
    qtbot.keyClicks(win.nav, "ltp")  # "Log", "Tinjauan", "Pengaturan" start with these letters
    assert win.current_key() == "home"
    qtbot.keyClick(win.nav, Qt.Key.Key_Down)
    assert win.current_key() == win.keys()[1]


def test_beranda_lists_never_scroll_sideways(team, writer, qtbot):
    """The style sheet turns the horizontal scroll bars of the word-wrapped lists off (no Qt enum at start)."""
    win = MainWindow(team, writer, team.member("Budi"))
    qtbot.addWidget(win)
    win.show()
    home = win.screens["home"]
    for view in (home.waiting, home.planned, home.activity, win.nav):
        assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff, view.objectName()
        assert not view.horizontalScrollBar().isVisible()


def test_cache_is_pruned_in_the_background_only_after_the_delay(qtbot, tmp_path):
    """Housekeeping after start waits its delay, then trims <home>/cache off the GUI thread."""
    import os
    import time

    from PySide6.QtWidgets import QWidget

    from asri_desktop.core.archive import cache
    from asri_desktop.ui.app import prune_cache_later

    stale = cache.folder(tmp_path) / "review" / "old.json"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"{}")
    long_ago = time.time() - 400 * 86400
    os.utime(stale, (long_ago, long_ago))
    owner = QWidget()
    qtbot.addWidget(owner)
    from asri_desktop.core import resources

    default = prune_cache_later(tmp_path, owner)
    assert default.interval() == resources.data("cache.toml")["app_delay_seconds"] * 1000
    default.stop()
    timer = prune_cache_later(tmp_path, owner, delay_ms=300)
    assert timer.isActive() and timer.task is None and stale.exists()  # nothing runs before the delay
    qtbot.waitUntil(lambda: timer.task is not None and timer.task.finished, timeout=10000)
    assert timer.task.error is None and timer.task.result.removed == 1
    assert not stale.exists()


def test_long_member_name_and_archive_path_do_not_widen_the_window(team, writer, qtbot):
    """The status bar's labels shrink (their full text stays in the tooltip) instead of widening the window."""
    win = MainWindow(team, writer, team.member("Rina"))
    qtbot.addWidget(win)
    win.show()
    long_text = "Arsip: " + "/folder-bersama-bpbd-kabupaten-bangka" * 40
    win.status_home.setText(long_text)
    win.status_home.setToolTip(long_text)
    win.status_member.setText("Masuk sebagai " + "Nama Sangat Panjang " * 30)
    qtbot.wait(20)  # the layouts take the new texts in
    assert win.statusBar().minimumSizeHint().width() < 200 and win.width() == 1280
    assert win.status_home.toolTip() == long_text
