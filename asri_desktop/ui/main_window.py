"""The main window: sidebar navigation, one stacked page per screen, status bar.

Screens are built the first time they are shown. When the writer announces a
change, the visible screen refreshes at once if it shows one of the changed topics;
hidden screens are marked stale and refresh when next shown.
"""

from __future__ import annotations

import logging
from typing import Any

# No ``Qt`` namespace in this module or in Beranda: PySide builds its hundred enum types on first use
# (~25 ms), so the first window paints without it (docs/ui.md "Mulai cepat"; a test checks it).
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import resources
from asri_desktop.ui import fmt
from asri_desktop.ui.errors import describe
from asri_desktop.ui.screens.registry import ScreenEntry, available_screens
from asri_desktop.ui.strings import tr

log = logging.getLogger(__name__)


def icon(name: str) -> QIcon:
    """An icon from resources/ui/icons (drawn for this app)."""
    return QIcon(str(resources.path(f"ui/icons/{name}.svg")))


class _Unavailable(QFrame):
    """Shown in place of a screen whose module failed to import (never an empty page)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lab = QLabel(text)
        lab.setWordWrap(True)
        lab.setObjectName("muted")
        from PySide6.QtCore import Qt

        lay.addWidget(lab, 0, Qt.AlignmentFlag.AlignCenter)

    def refresh(self) -> None:
        """Nothing to reload."""


class SideNav(QListWidget):
    """The sidebar: one row per screen. Tab reaches it and the arrow keys move between screens,
    but typed letters do not jump to a screen (a person typing into the wrong place would
    suddenly find themselves elsewhere)."""

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt name
        """Ignore type-ahead."""


class MainWindow(QMainWindow):
    """The production desk.

    Args:
        arch: the GUI thread's archive (reads).
        writer: the app's single :class:`~asri_desktop.ui.writer.Writer`.
        member: who works (a :class:`~asri_desktop.core.archive.Member`).
    """

    switch_member_requested = Signal()
    first_painted = Signal()

    def __init__(self, arch: Any, writer: Any, member: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arch = arch
        self.writer = writer
        self.member = member
        self.entries: list[ScreenEntry] = available_screens()
        self.screens: dict[str, Any] = {}
        self._stale: set[str] = set()
        self._painted = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{tr('app.title')} — {arch.setting('agency', {}).get('name', tr('app.org'))}")
        self.resize(1280, 800)

        central = QWidget()
        central.setObjectName("central")
        self.setCentralWidget(central)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._build_sidebar(central))
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("stack")
        self._pages: dict[str, QWidget] = {}
        for e in self.entries:
            holder = QWidget()
            holder.setObjectName("pageHolder")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._pages[e.key] = holder
            self.stack.addWidget(holder)
        row.addWidget(self.stack, 1)
        self._build_status()
        self._build_shortcuts()
        writer.changed.connect(self.on_changed)
        writer.busy_changed.connect(self._busy)
        if self.entries:
            self.nav.setCurrentRow(0)

    # ------------------------------------------------------------------ building
    def _build_sidebar(self, parent: QWidget) -> QWidget:
        side = QFrame(parent)
        side.setObjectName("sidebar")
        side.setFixedWidth(232)
        lay = QVBoxLayout(side)
        lay.setContentsMargins(14, 18, 14, 14)
        lay.setSpacing(6)
        brand = QLabel(tr("app.title"))
        brand.setObjectName("brand")
        brand.setWordWrap(True)
        lay.addWidget(brand)
        org = QLabel(self.arch.setting("agency", {}).get("name", tr("app.org")))
        org.setObjectName("brandSub")
        lay.addWidget(org)
        lay.addSpacing(14)
        self.nav = SideNav(side)
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(20, 20))
        for i, e in enumerate(self.entries):
            item = QListWidgetItem(icon(e.icon), e.label)
            item.setToolTip(f"{e.label} (Ctrl+{(i + 1) % 10})" if i < 10 else e.label)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._on_nav)
        lay.addWidget(self.nav, 1)
        who = QLabel(f"{self.member.name}\n{fmt.roles(self.member.roles)}")
        self.side_member = who
        who.setObjectName("sideMember")
        who.setWordWrap(True)
        lay.addWidget(who)
        switch = QPushButton(tr("nav.switch_member"))
        switch.setObjectName("sideButton")
        switch.clicked.connect(self.switch_member_requested)
        lay.addWidget(switch)
        return side

    def _build_status(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("status")
        self.status_member = QLabel(tr("status.member", name=self.member.name, roles=fmt.roles(self.member.roles)))
        self.status_home = QLabel(tr("status.home", home=str(self.arch.home)))
        self.status_busy = QProgressBar()
        self.status_busy.setRange(0, 0)
        self.status_busy.setMaximumWidth(120)
        self.status_busy.setMaximumHeight(10)
        self.status_busy.setTextVisible(False)
        self.status_busy.hide()
        for lab in (self.status_member, self.status_home):
            # Long names or paths must not widen the window: a minimum width of one pixel replaces
            # the text's own minimum, so the labels shrink (and show a tooltip).
            lab.setMinimumWidth(1)
            lab.setToolTip(lab.text())
        bar.addWidget(self.status_member, 1)
        bar.addWidget(self.status_home, 2)
        bar.addPermanentWidget(self.status_busy)

    def _build_shortcuts(self) -> None:
        """Ctrl+1..9 (and Ctrl+0 for a tenth) switch screens, Ctrl+F searches, F5 refreshes."""
        self.shortcuts: dict[str, QShortcut] = {}
        for i in range(min(10, len(self.entries))):
            sc = QShortcut(QKeySequence(f"Ctrl+{(i + 1) % 10}"), self)
            sc.activated.connect(lambda r=i: self.nav.setCurrentRow(r))
            self.shortcuts[self.entries[i].key] = sc
        self.shortcuts["refresh"] = QShortcut(QKeySequence("F5"), self)
        self.shortcuts["refresh"].activated.connect(self.refresh_current)
        self.shortcuts["find"] = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.shortcuts["find"].activated.connect(self.focus_search)

    # ------------------------------------------------------------------ navigation
    def keys(self) -> list[str]:
        """The keys of the screens in the sidebar, in order."""
        return [e.key for e in self.entries]

    def show_screen(self, key: str) -> Any:
        """Switch to the screen ``key`` (building it if needed); returns the screen widget."""
        self.nav.setCurrentRow(self.keys().index(key))
        return self.screens[key]

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        e = self.entries[row]
        first = e.key not in self.screens
        screen = self._ensure(e)
        self.stack.setCurrentWidget(self._pages[e.key])
        if not first and e.key in self._stale:
            self._refresh(e.key, screen)

    def _ensure(self, e: ScreenEntry) -> Any:
        if e.key in self.screens:
            return self.screens[e.key]
        try:
            # Built inside its page: a widget that joins the window later is restyled with
            # everything in it (and a list lays out its rows once more), a cost paid on every start.
            screen = e.create(self.arch, self.member, self.writer, self._pages[e.key])
        except Exception as exc:  # noqa: BLE001 - a broken screen must not take the app down
            log.exception("screen %s failed to load", e.key)
            screen = _Unavailable(f"{tr('nav.missing', label=e.label)}\n\n{describe(exc)}")
        if hasattr(screen, "navigate"):
            try:
                screen.navigate.connect(self.open_asset)
            except (AttributeError, TypeError):
                pass
        self._pages[e.key].layout().addWidget(screen)
        self.screens[e.key] = screen
        self._stale.discard(e.key)
        return screen

    def open_asset(self, key: str, asset_id: int) -> None:
        """Jump to screen ``key`` and select ``asset_id`` there (Beranda's links use this)."""
        if key not in self.keys():
            return
        screen = self.show_screen(key)
        if hasattr(screen, "select_asset"):
            screen.select_asset(asset_id)

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.entries[row].key if 0 <= row < len(self.entries) else None

    def current_screen(self) -> Any:
        key = self.current_key()
        return self.screens.get(key) if key else None

    # ------------------------------------------------------------------ refresh
    def _refresh(self, key: str, screen: Any) -> None:
        self._stale.discard(key)
        try:
            screen.refresh()
        except Exception as exc:  # noqa: BLE001
            from asri_desktop.ui.errors import show_error

            show_error(self, exc)

    def refresh_current(self) -> None:
        """F5: reload what the visible screen shows."""
        key = self.current_key()
        if key and key in self.screens:
            self._refresh(key, self.screens[key])

    def focus_search(self) -> None:
        """Ctrl+F: the visible screen's search field, or the archive search."""
        screen = self.current_screen()
        if screen is not None and hasattr(screen, "focus_search"):
            screen.focus_search()
        elif "archive" in self.keys():
            self.show_screen("archive").focus_search()

    def on_changed(self, topics: frozenset[str]) -> None:
        """An operation changed ``topics``: refresh the visible screen now, mark the others stale."""
        current = self.current_key()
        if "members" in topics:
            try:
                self.member = self.arch.member(self.member.id)
            except Exception:  # noqa: BLE001 - keep the old member if it cannot be re-read
                pass
            roles = fmt.roles(self.member.roles)
            self.side_member.setText(f"{self.member.name}\n{roles}")
            self.status_member.setText(tr("status.member", name=self.member.name, roles=roles))
            for screen in self.screens.values():
                if hasattr(screen, "member"):
                    screen.member = self.member
        for key, screen in self.screens.items():
            wanted = getattr(screen, "TOPICS", None)
            if wanted is not None and not (set(wanted) & set(topics)):
                continue
            if key == current:
                self._refresh(key, screen)
            else:
                self._stale.add(key)

    def _busy(self, busy: bool) -> None:
        self.status_busy.setVisible(busy)
        self.statusBar().showMessage("" if busy else tr("status.saved"), 3000)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After this paint returns, so the frame is really on screen.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        for screen in self.screens.values():
            if hasattr(screen, "shutdown"):
                try:
                    screen.shutdown()
                except Exception:  # noqa: BLE001
                    log.exception("screen shutdown failed")
        super().closeEvent(event)
        QApplication.processEvents()
