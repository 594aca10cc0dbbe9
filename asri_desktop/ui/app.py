"""Starting the desktop app: ``python main.py`` / ``asri-desktop``.

Order matters for a quick first paint: only Qt, the archive and the first screen
load here; moviepy, reportlab, numpy and Pillow load when a screen first needs
them (``bench/startup.py`` measures it, ``python -X importtime main.py`` shows it).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from pathlib import Path
from typing import Any

_T0 = time.perf_counter()

log = logging.getLogger(__name__)

FONT_FILES = (
    "PlusJakartaSans-Regular.ttf",
    "PlusJakartaSans-Bold.ttf",
    "PlusJakartaSans-ExtraBold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
)
BODY_FONT = "Noto Sans"
# Fusion everywhere, so the style sheet looks the same on Windows. The app's own QApplication
# gets it on Qt's command line: asking for app.style() from Python builds PySide's QStyle type
# with its hundreds of enum values, about a twentieth of the start (bench/startup.py).
QT_ARGUMENTS = ("-style", "Fusion")


def import_archive_lightly() -> Any:
    """Import the archive core before PySide6 (shiboken inspects modules imported after it).

    The core opens an up-to-date archive with the standard library alone; sqlite-utils
    (and numpy behind it) load only when a migration is pending.
    """
    from asri_desktop.core.archive import Archive

    return Archive


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="asri-desktop", description="ASRI Desktop: meja produksi konten BPBD")
    p.add_argument("--home", help="folder arsip (bawaan: ASRI_HOME atau folder data pengguna)")
    p.add_argument("--member", help="masuk sebagai anggota tim ini (tanpa dialog pilih anggota)")
    p.add_argument("--screen", help="layar pertama yang dibuka (mis. review, archive, log)")
    # For bench/startup.py: print the time of the first painted frame and quit.
    p.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def setup_application(app: Any, *, set_style: bool = True) -> None:
    """Fonts from resources/fonts, the style sheet from resources/ui/style.qss, names for QSettings.

    ``set_style=False`` for an application made with :data:`QT_ARGUMENTS`, which already is Fusion.
    """
    from PySide6.QtGui import QFont, QFontDatabase

    from asri_desktop.core import resources
    from asri_desktop.ui import prefs

    app.setOrganizationName(prefs.ORGANISATION)
    app.setApplicationName(prefs.APPLICATION)
    app.setApplicationDisplayName(prefs.APPLICATION)
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(resources.font(name))) < 0:
            log.warning("font %s could not be loaded", name)
    font = QFont(BODY_FONT)
    font.setPointSizeF(10)
    app.setFont(font)
    if set_style:
        app.setStyle("Fusion")
    app.setStyleSheet(resources.path("ui/style.qss").read_text(encoding="utf-8"))
    icon_path = resources.path("ui/icons/app.svg")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(icon_path)))


def resolve_member(arch: Any, wanted: str | None, home: Path) -> Any:
    """The member to work as: ``--member``, else the one remembered for this home, else None."""
    from asri_desktop.core.errors import InputError
    from asri_desktop.ui import prefs

    for name in (wanted, prefs.remembered_member(home)):
        if not name:
            continue
        try:
            return arch.member(name)
        except InputError:
            if name == wanted:
                raise
            # A remembered member who was removed or renamed: ask again.
            prefs.remember_member(home, None)
    return None


def choose_member(arch: Any, writer: Any, parent: Any = None) -> Any:
    """Show the first-start dialog; returns the chosen member or None when closed."""
    from PySide6.QtWidgets import QDialog

    from asri_desktop.ui import prefs
    from asri_desktop.ui.first_start import FirstStartDialog

    resume_gc()  # the person may take a while: collect garbage as usual meanwhile
    dlg = FirstStartDialog(arch, writer, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.chosen_member:
        return None
    prefs.remember_member(arch.home, dlg.chosen_member)
    return arch.member(dlg.chosen_member)


def resume_gc() -> None:
    """Turn the cyclic garbage collector back on after start-up (see :func:`run`); idempotent."""
    if not gc.isenabled():
        # Everything start-up made lives as long as the app: keep it out of later collections.
        gc.freeze()
        gc.enable()


def prune_cache_later(home: Path, parent: Any, delay_ms: int | None = None) -> Any:
    """Trim ``<home>/cache`` (resources/cache.toml) in the background ``delay_ms`` from now.

    Without ``delay_ms`` the delay is ``app_delay_seconds`` in resources/cache.toml.

    Housekeeping waits until the person has the window: a job running Python beside the GUI
    thread takes turns with it for the interpreter, which would slow the first clicks. A failure
    is only logged. Returns the single-shot timer (owned by ``parent``); the job's
    :class:`~asri_desktop.ui.tasks.TaskHandle` is then kept as its ``task`` attribute.
    """
    from PySide6.QtCore import QTimer

    from asri_desktop.core import resources

    if delay_ms is None:
        delay_ms = int(float(resources.data("cache.toml").get("app_delay_seconds", 15)) * 1000)

    def job(progress: Any, cancelled: Any) -> Any:
        from asri_desktop.core.archive import cache

        return cache.prune(home)

    def start() -> None:
        from asri_desktop.ui.tasks import run_task

        timer.task = run_task(job, name="rapikan tembolok",
                              on_error=lambda exc: log.warning("cache could not be pruned: %s", exc))

    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.task = None
    timer.timeout.connect(start)
    timer.start(delay_ms)
    return timer


def run(argv: list[str] | None = None) -> int:
    """Start the app; returns the process exit status.

    The cyclic garbage collector is off while the app starts: start-up allocates a great
    deal (modules, Qt's enum types, the first screen) but leaves no garbage cycles worth
    collecting, and the full collections it would trigger cost about a twentieth of the start
    (``bench/startup.py``). It is back on as soon as the first window is painted, or
    before a dialog waits for the person, and in any case when ``run`` returns.
    """
    if argv is None:
        argv = sys.argv[1:]
    args = parse_args(argv)
    gc.disable()
    try:
        return _start(args)
    finally:
        resume_gc()


def _start(args: argparse.Namespace) -> int:
    # Pure-Python modules load before PySide6: once shiboken is imported it inspects the
    # source of every module imported after it (its __feature__ hook), a cost per module.
    Archive = import_archive_lightly()
    import asri_desktop.core.dates  # noqa: F401
    import asri_desktop.core.inbox  # noqa: F401  (Beranda's lists)
    import asri_desktop.core.plan.schedule  # noqa: F401  (Beranda lists this week's plan)
    import asri_desktop.core.review  # noqa: F401  (package only; its checks load on first review)
    import asri_desktop.ui.fmt  # noqa: F401  (pure Python, like the two below)
    import asri_desktop.ui.screens.registry  # noqa: F401
    import asri_desktop.ui.strings  # noqa: F401
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    made_here = app is None
    if made_here:
        app = QApplication([sys.argv[0] if sys.argv else "asri-desktop", *QT_ARGUMENTS])
    setup_application(app, set_style=not made_here)

    from asri_desktop.core.errors import AsriError
    from asri_desktop.ui.strings import tr
    from asri_desktop.ui.writer import Writer

    try:
        arch = Archive.open(args.home)
    except AsriError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, tr("error.archive_open"), exc.message)
        return exc.exit_code
    writer = Writer(arch.home)
    try:
        try:
            member = resolve_member(arch, args.member, arch.home)
        except AsriError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, tr("error.title"), exc.message)
            member = None
        if member is None:
            member = choose_member(arch, writer)
            if member is None:
                return 0
        window = open_main_window(arch, writer, member, args.screen)
        window.first_painted.connect(resume_gc)
        window.first_painted.connect(lambda: prune_cache_later(arch.home, window))
        if args.exit_after_paint:
            def painted() -> None:
                print(f"ASRI_FIRST_PAINT {time.perf_counter() - _T0:.4f}", flush=True)
                app.quit()

            window.first_painted.connect(painted)
        return app.exec()
    finally:
        writer.close()
        arch.close()


def open_main_window(arch: Any, writer: Any, member: Any, screen: str | None = None) -> Any:
    """Build and show the main window; "Ganti Anggota" reopens the member dialog."""
    from asri_desktop.ui import prefs
    from asri_desktop.ui.main_window import MainWindow

    window = MainWindow(arch, writer, member)
    if screen and screen in window.keys():
        window.show_screen(screen)

    def switch() -> None:
        chosen = choose_member(arch, writer, window)
        if chosen is None:
            return
        prefs.remember_member(arch.home, chosen.name)
        replacement = open_main_window(arch, writer, chosen, window.current_key())
        replacement.move(window.pos())
        window.close()
        window.deleteLater()
        _windows.discard(window)
        _windows.add(replacement)

    window.switch_member_requested.connect(switch)
    _windows.add(window)
    window.show()
    return window


_windows: set[Any] = set()
