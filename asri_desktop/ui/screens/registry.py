"""The screens of the navigation sidebar, in order, each imported only when first shown.

Every screen class takes ``(archive, member, parent=None)`` and has ``refresh()``.
A screen may also accept ``writer=`` (the app's single database writer); the main
window passes it when the constructor takes it and otherwise sets ``screen.writer``.
A screen may declare ``TOPICS`` (the change topics it shows) so it refreshes only
when an operation changed one of them.

Screens written by other parts of the project appear only when their module can
be found, so the app runs with whatever has landed; a missing one is logged.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
from typing import Any, NamedTuple

from asri_desktop.ui.strings import tr

log = logging.getLogger(__name__)


class ScreenEntry(NamedTuple):
    """One sidebar entry: key, label, icon file name (resources/ui/icons/<icon>.svg), where the class lives."""

    key: str
    label_key: str
    icon: str
    module: str
    cls: str

    @property
    def label(self) -> str:
        return tr(self.label_key)

    def available(self) -> bool:
        """True when the module can be found (without importing it: startup stays light)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False

    def load(self) -> type:
        """Import the screen's module and return its class (raises ImportError/AttributeError)."""
        return getattr(importlib.import_module(self.module), self.cls)

    def create(self, archive: Any, member: Any, writer: Any, parent: Any = None) -> Any:
        """Build the screen, passing ``writer`` when its constructor accepts it."""
        klass = self.load()
        try:
            params = inspect.signature(klass).parameters
        except (TypeError, ValueError):
            params = {}
        if "writer" in params:
            screen = klass(archive, member, parent, writer=writer)
        else:
            screen = klass(archive, member, parent)
            screen.writer = writer
        return screen


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("home", "screen.home", "home", "asri_desktop.ui.screens.home", "HomeScreen"),
    ScreenEntry("create", "screen.create", "create", "asri_desktop.ui.screens.create", "CreateScreen"),
    ScreenEntry("video", "screen.video", "video", "asri_desktop.ui.screens.video", "VideoScreen"),
    ScreenEntry("review", "screen.review", "review", "asri_desktop.ui.screens.review", "ReviewScreen"),
    ScreenEntry("archive", "screen.archive", "archive", "asri_desktop.ui.screens.archive", "ArchiveScreen"),
    ScreenEntry("plan", "screen.plan", "plan", "asri_desktop.ui.plan", "PlanScreen"),
    ScreenEntry("monitoring", "screen.monitoring", "monitoring", "asri_desktop.ui.plan", "MonitoringScreen"),
    ScreenEntry("evaluation", "screen.evaluation", "evaluation", "asri_desktop.ui.plan", "EvaluationScreen"),
    ScreenEntry("log", "screen.log", "log", "asri_desktop.ui.screens.log", "LogScreen"),
    ScreenEntry("settings", "screen.settings", "settings", "asri_desktop.ui.screens.settings", "SettingsScreen"),
)


def available_screens() -> list[ScreenEntry]:
    """The entries whose module exists; missing ones are logged, not shown."""
    out = []
    for entry in SCREENS:
        if entry.available():
            out.append(entry)
        else:
            log.info("screen %s (%s) not available yet; hidden from the sidebar", entry.key, entry.module)
    return out


def entry(key: str) -> ScreenEntry:
    """The entry for ``key`` (KeyError naming the known keys when unknown)."""
    for e in SCREENS:
        if e.key == key:
            return e
    raise KeyError(f"unknown screen {key!r}; known: {', '.join(e.key for e in SCREENS)}")
