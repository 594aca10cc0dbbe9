"""Per-user preferences of the desktop app (QSettings), such as the remembered team member.

Stored under organisation "BPBD Kabupaten Bangka", application "ASRI Desktop".
``ASRI_UI_SETTINGS`` (a path to an .ini file) overrides the location so tests,
screenshots and benchmarks never touch the person's real preferences.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QSettings

ORGANISATION = "BPBD Kabupaten Bangka"
APPLICATION = "ASRI Desktop"


def settings() -> QSettings:
    """The preferences store (an .ini file)."""
    override = os.environ.get("ASRI_UI_SETTINGS")
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def _home_key(home: Path) -> str:
    # One archive home, one remembered member: a PC may hold a test archive and the real one.
    # Qt's SHA-1 (the same digest as hashlib's) spares loading OpenSSL before the first window.
    digest = QCryptographicHash.hash(str(Path(home).resolve()).encode(), QCryptographicHash.Algorithm.Sha1)
    return "member/" + bytes(digest.toHex()).decode()[:16]


def remembered_member(home: Path) -> str | None:
    """The member name remembered for ``home`` (None on first start)."""
    value = settings().value(_home_key(home))
    return str(value) if value else None


def remember_member(home: Path, name: str | None) -> None:
    """Remember (or with None forget) who works on ``home``."""
    s = settings()
    if name:
        s.setValue(_home_key(home), name)
    else:
        s.remove(_home_key(home))
    s.sync()
