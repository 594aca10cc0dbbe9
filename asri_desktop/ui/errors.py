"""How errors reach a person: a clear message box, never a traceback dialog.

Errors the core raises on purpose (:class:`AsriError`: refused by a rule, bad
input, a damaged archive) carry an Indonesian message that names the problem and
are shown as they are. Anything else is a bug: the person sees a short
"kesalahan tak terduga" text, and the technical details sit behind the box's
"Show Details" button for whoever maintains the app.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from asri_desktop.core.errors import AsriError
from asri_desktop.ui.strings import tr

if TYPE_CHECKING:  # QMessageBox loads with the first box: the main window paints without it
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

# Boxes are shown with open() (non-blocking, window-modal) and kept here until closed,
# so background callbacks never spin a nested event loop.
_open_boxes: list[QMessageBox] = []


def describe(exc: BaseException) -> str:
    """The one-line text a person should read for ``exc``."""
    if isinstance(exc, AsriError):
        return exc.message
    return tr("error.unexpected", what=f"{type(exc).__name__}: {exc}")


def details(exc: BaseException) -> str:
    """The technical traceback text (for the details pane and the log)."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` to the person; returns the (already open) box."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    if isinstance(exc, AsriError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("error.title"))
        box.setText(exc.message)
    else:
        log.error("unexpected error", exc_info=exc)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(tr("error.unexpected.title"))
        box.setText(describe(exc))
        box.setDetailedText(details(exc))
    box.setObjectName("errorBox")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _open_boxes.append(box)
    box.finished.connect(lambda _r, b=box: _forget(b))
    box.open()
    return box


def _forget(box: QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)
    box.deleteLater()


def open_boxes() -> list[QMessageBox]:
    """The error boxes currently open (tests read their text)."""
    return list(_open_boxes)
