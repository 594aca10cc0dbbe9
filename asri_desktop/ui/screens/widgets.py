"""Small widgets the screens share: the empty-state text, an image that fits its box, a badge, dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from asri_desktop.core import dates


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


# One way to write dates in every date field (day/month/year, as on Indonesian forms; hour.minute).
DATE_FORMAT = "dd/MM/yyyy"
DATETIME_FORMAT = "dd/MM/yyyy HH.mm"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def today_qdate() -> QDate:
    """Today in Bangka, whatever time zone the office PC's clock is set to (date fields start here)."""
    return qdate(dates.today())


class WrapDelegate(QStyledItemDelegate):
    """Cells of a word-wrapped table measured at the width their text is painted at.

    Qt measures a wrapped cell at the column's whole width, but the style sheet's item
    padding (``QTableView::item`` in resources/ui/style.qss) narrows the text when it is
    painted: a message that just fits when measured wraps once more when painted, and its
    last line is cut off. This measures it without the padding.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt name
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.rect.width() > 0 and opt.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
            style = opt.widget.style() if opt.widget is not None else QApplication.style()
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
            padding = opt.rect.width() - text.width()
            if 0 < padding < opt.rect.width():
                opt.rect.setWidth(opt.rect.width() - padding)
                style = opt.widget.style() if opt.widget is not None else QApplication.style()
                return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), opt.widget)
        return super().sizeHint(option, index)
