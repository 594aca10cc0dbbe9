"""What every screen of this package shares: a header, the writer, refresh on change topics."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
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


def empty_label(text: str) -> QLabel:
    """The text shown where a list has nothing (a screen is never blank)."""
    lab = QLabel(text)
    lab.setObjectName("emptyState")
    lab.setWordWrap(True)
    lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return lab


class ScaledImage(QLabel):
    """An image that always fits its box (keeps its aspect ratio, never crops)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._source = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)

    def set_image(self, pixmap: QPixmap | None, fallback_text: str = "") -> None:
        """Show ``pixmap`` scaled to fit, or ``fallback_text`` when there is none."""
        self._source = pixmap if pixmap is not None and not pixmap.isNull() else QPixmap()
        if self._source.isNull():
            self.setPixmap(QPixmap())
            self.setText(fallback_text)
        else:
            self.setText("")
            self._fit()

    def source(self) -> QPixmap:
        return self._source

    def _fit(self) -> None:
        if not self._source.isNull():
            box = self.contentsRect().size()
            if box.width() > 8 and box.height() > 8:
                self.setPixmap(self._source.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


def pill(text: str, colour: str) -> QLabel:
    """A small coloured state badge."""
    lab = QLabel(text)
    lab.setObjectName("pill")
    lab.setStyleSheet(f"background: {colour};")
    lab.setSizePolicy(lab.sizePolicy().horizontalPolicy(), lab.sizePolicy().verticalPolicy())
    return lab
