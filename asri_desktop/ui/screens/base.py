"""What every screen of this package shares: a header, the writer, refresh on change topics.

Small widgets the screens share (empty-state text, scaled image, badge) are in
:mod:`.widgets`; this module stays free of Qt's ``Qt`` namespace, whose hundred enum
types PySide builds on first use (about 25 ms), so Beranda paints without it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


class Screen(QWidget):
    """Base of the screens: ``(archive, member, parent=None, writer=None)`` and :meth:`refresh`.

    Attributes:
        TOPICS: the change topics whose announcement should refresh this screen.
        navigate: emitted with (screen key, asset id) to open an asset on another screen.
    """

    TOPICS: ClassVar[frozenset[str]] = frozenset()
    navigate = Signal(str, int)

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(parent)
        self.arch = archive
        self.member = member
        self.writer = writer
        self.root = QVBoxLayout(self)
        self.root.setContentsMargins(28, 22, 28, 18)
        self.root.setSpacing(14)

    def header(self, title: str, subtitle: str = "") -> QHBoxLayout:
        """Add the screen's title row; returns the layout so actions can be appended on the right."""
        row = QHBoxLayout()
        col = QVBoxLayout()
        col.setSpacing(2)
        h = QLabel(title)
        h.setObjectName("h1")
        col.addWidget(h)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("muted")
        col.addWidget(self.subtitle)
        row.addLayout(col, 1)
        self.root.addLayout(row)
        # Only now: a label without a parent that is made visible opens as a window of its own.
        self.subtitle.setVisible(bool(subtitle))
        return row

    def refresh(self) -> None:
        """Reload what the screen shows from the archive."""
        raise NotImplementedError


def card(title: str | None = None, object_name: str = "card") -> tuple[QFrame, QVBoxLayout]:
    """A white rounded panel with an optional heading; returns (frame, its layout)."""
    frame = QFrame()
    frame.setObjectName(object_name)
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(16, 14, 16, 14)
    lay.setSpacing(8)
    if title:
        h = QLabel(title)
        h.setObjectName("h2")
        lay.addWidget(h)
    return frame, lay
