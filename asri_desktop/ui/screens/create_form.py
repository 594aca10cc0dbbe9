"""The form of the Buat Konten screen, generated from a template's slots, and its undo commands.

Every editor shows one value of the content's data dict and reports a change as
``edited(key, value, typing)``. The screen turns each report into a
:class:`SetFieldCommand` on its ``QUndoStack``; typing in one field merges into
one command (Ctrl+Z undoes the word run of that field, not one letter), while a
choice in a list or combo is a command of its own. Undo and redo write the value
back with :meth:`FieldEditor.set_value`, which never reports an edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImageReader, QKeySequence, QPixmap, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.ui.screens.widgets import DATE_FORMAT, DATETIME_FORMAT, today_qdate
from asri_desktop.ui.strings import tr

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def shrinkable(button: QPushButton, minimum: int = 48) -> QPushButton:
    """Let a button give up width rather than widen the window (long translations, ASRI_TRANS_SCALE).

    The full text stays in the tooltip for the rare case it is clipped.
    """
    button.setMinimumWidth(minimum)
    if not button.toolTip():
        button.setToolTip(button.text())
    return button


# --------------------------------------------------------------------------- undo
_MERGE_IDS: dict[str, int] = {}


def merge_id(key: str) -> int:
    """A stable command id per field, so typing in one field merges and other fields do not."""
    return _MERGE_IDS.setdefault(key, 1000 + len(_MERGE_IDS))


class SetFieldCommand(QUndoCommand):
    """Set one field of the content's data; typing commands of the same field merge.

    Args:
        apply: ``apply(key, value)`` writes the value into the data and the editor.
        key: the data key.
        old: value before.
        new: value after.
        label: the field's label (for the Edit menu text).
        typing: True for keystrokes (mergeable), False for discrete choices.
    """

    def __init__(self, apply: Callable[[str, Any], None], key: str, old: Any, new: Any, label: str,
                 typing: bool) -> None:
        super().__init__(tr("create.undo_edit", field=label))
        self.apply = apply
        self.key = key
        self.old = old
        self.new = new
        self.typing = typing
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return merge_id(self.key) if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, SetFieldCommand) or other.key != self.key or not other.typing:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        # The first redo happens as the command is pushed: the editor already shows the value,
        # but the data dict must still take it.
        self.apply(self.key, self.new)
        self._first = False

    def undo(self) -> None:
        self.apply(self.key, self.old)


class UndoKeys(QObject):
    """Routes Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) in an editor to the screen's stack.

    Text widgets have their own undo that would swallow the keys and fight the
    screen's history; this filter takes the keys first.
    """

    def __init__(self, undo: Callable[[], None], redo: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo, self._redo = undo, redo

    def _which(self, event: Any) -> str | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        combo = event.keyCombination()
        mods = combo.keyboardModifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        if combo.key() == Qt.Key.Key_Z and mods == (ctrl | Qt.KeyboardModifier.ShiftModifier):
            return "redo"
        if event.matches(QKeySequence.StandardKey.Redo) or (combo.key() == Qt.Key.Key_Y and mods == ctrl):
            return "redo"
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and self._which(event):
            event.accept()  # keep the key from becoming the widget's own shortcut
            return True
        if event.type() == QEvent.Type.KeyPress:
            which = self._which(event)
            if which == "undo":
                self._undo()
                return True
            if which == "redo":
                self._redo()
                return True
        return False


# --------------------------------------------------------------------------- editors
class FieldEditor(QWidget):
    """Base of the editors: a key, a label, ``value()``, ``set_value()`` and the ``edited`` signal."""

    edited = Signal(str, object, bool)  # key, new value, typing

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.label = label
        self._quiet = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` without reporting an edit (undo/redo, loading)."""
        self._quiet = True
        try:
            self._show(value)
        finally:
            self._quiet = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _report(self, typing: bool) -> None:
        if not self._quiet:
            self.edited.emit(self.key, self.value(), typing)

    def focus_editor(self) -> None:
        """Put the keyboard focus in this field (a click on one of its findings)."""
        self.setFocus()

    def undo_targets(self) -> list[QWidget]:
        """The widgets whose undo keys the screen takes over."""
        return []


class TextEditor(FieldEditor):
    """One line (QLineEdit) or several (QPlainTextEdit), with an ``n/max`` counter when ``max_chars``."""

    def __init__(self, key: str, label: str, *, multiline: bool = False, max_chars: int | None = None,
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        self.max_chars = max_chars
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        if multiline:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.edit.setUndoRedoEnabled(False)
            self.edit.setFixedHeight(78)
            self.edit.setTabChangesFocus(True)
            self.edit.textChanged.connect(lambda: self._report(True))
        else:
            self.edit = QLineEdit()
            self.edit.textChanged.connect(lambda _t: self._report(True))
        self.edit.setPlaceholderText(placeholder)
        lay.addWidget(self.edit)
        self.counter = QLabel("")
        self.counter.setObjectName("hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        lay.addWidget(self.counter)
        self.counter.setVisible(bool(max_chars))  # after addWidget: a parentless label would open a window
        self._update_counter()

    def value(self) -> str:
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.value():
            if isinstance(self.edit, QPlainTextEdit):
                self.edit.setPlainText(text)
            else:
                self.edit.setText(text)
                if not self.edit.hasFocus():
                    self.edit.setCursorPosition(0)  # show the start of a loaded text, not its end
        self._update_counter()

    def _report(self, typing: bool) -> None:
        self._update_counter()
        super()._report(typing)

    def _update_counter(self) -> None:
        if not self.max_chars:
            return
        n = len(self.value())
        self.counter.setText(tr("create.counter", n=n, max=self.max_chars))
        over = n > self.max_chars
        self.counter.setStyleSheet("color: #b3261e; font-weight: 700;" if over else "")

    def focus_editor(self) -> None:
        self.edit.setFocus()

    def undo_targets(self) -> list[QWidget]:
        return [self.edit]


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class ListEditor(FieldEditor):
    """An editable list of steps; items are text, or ``{title, text}`` when the template's sample uses pairs."""

    def __init__(self, key: str, label: str, *, pairs: bool = False, max_items: int | None = None,
                 help_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        self.pairs = pairs
        self.max_items = max_items
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.table = QTableWidget(0, 2 if pairs else 1)
        self.table.setHorizontalHeaderLabels(
            [tr("create.list.col_title"), tr("create.list.col_text")] if pairs else [tr("create.list.col_text")])
        self.table.verticalHeader().setVisible(True)
        # Both columns share the width; rows stay one line high (the full text is in the tooltip and
        # in the editor a double click opens), so a long step never makes a row taller than the view.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setMinimumHeight(120)
        self.table.itemChanged.connect(lambda _i: self._report(False))
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.add_btn = QPushButton(tr("create.list.add"))
        self.add_btn.clicked.connect(self.add_item)
        self.remove_btn = QPushButton(tr("create.list.remove"))
        self.remove_btn.clicked.connect(self.remove_selected)
        self.up_btn = QPushButton(tr("create.list.up"))
        self.up_btn.clicked.connect(lambda: self.move_selected(-1))
        self.down_btn = QPushButton(tr("create.list.down"))
        self.down_btn.clicked.connect(lambda: self.move_selected(1))
        self.up_btn.setToolTip(tr("create.list.up_tip"))
        self.down_btn.setToolTip(tr("create.list.down_tip"))
        for b in (self.add_btn, self.remove_btn, self.up_btn, self.down_btn):
            b.setStyleSheet("padding: 4px 10px;")
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        hint = QLabel(help_text or tr("create.list.hint"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)

    def value(self) -> list[Any]:
        out: list[Any] = []
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip()
                     for c in range(self.table.columnCount())]
            if self.pairs:
                if cells[0] or cells[1]:
                    out.append({"title": cells[0], "text": cells[1]})
            elif cells[0]:
                out.append(cells[0])
        return out

    def _show(self, value: Any) -> None:
        items = list(value or [])
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(items))
            for r, item in enumerate(items):
                if self.pairs:
                    title = item.get("title", "") if isinstance(item, dict) else ""
                    text = item.get("text", "") if isinstance(item, dict) else str(item)
                    self.table.setItem(r, 0, _cell(str(title)))
                    self.table.setItem(r, 1, _cell(str(text)))
                else:
                    text = item.get("text", "") if isinstance(item, dict) else str(item)
                    self.table.setItem(r, 0, _cell(text))
        finally:
            self.table.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = self.table.rowCount()
        self.add_btn.setEnabled(not self.max_items or n < self.max_items)

    def add_item(self) -> None:
        """Append a new step and start editing it."""
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        for c in range(self.table.columnCount()):
            self.table.setItem(r, c, QTableWidgetItem(""))
        self.table.blockSignals(False)
        self.table.setCurrentCell(r, self.table.columnCount() - 1)
        self.table.editItem(self.table.item(r, self.table.columnCount() - 1))
        self._update_buttons()

    def remove_selected(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self._update_buttons()
            self._report(False)

    def move_selected(self, delta: int) -> None:
        r = self.table.currentRow()
        items = self.value()
        target = r + delta
        if r < 0 or not (0 <= target < len(items)) or r >= len(items):
            return
        items[r], items[target] = items[target], items[r]
        self._show(items)
        self.table.setCurrentCell(target, 0)
        self._report(False)

    def focus_editor(self) -> None:
        self.table.setFocus()


class DropArea(QFrame):
    """A dashed frame that accepts dropped photo files."""

    dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("dropArea")
        self.setStyleSheet("#dropArea { background: #f5f8fa; border: 2px dashed #b7c3cd; border-radius: 8px; }"
                           "#dropArea[hover=\"true\"] { border-color: #d9661b; background: #fdf3ec; }")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(Path(u.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self.setProperty("hover", True)
            self.style().polish(self)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.setProperty("hover", False)
        self.style().polish(self)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.setProperty("hover", False)
        self.style().polish(self)
        for u in event.mimeData().urls():
            self.dropped.emit(u.toLocalFile())
            break
        event.acceptProposedAction()


def _thumbnail(path: str, w: int, h: int) -> QPixmap | None:
    """A small picture of a photo; JPEGs decode at a reduced scale, so a 12-megapixel file stays quick."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        return None
    s = min(w / size.width(), h / size.height())
    reader.setScaledSize(QSize(max(1, round(size.width() * s)), max(1, round(size.height() * s))))
    img = reader.read()
    return None if img.isNull() else QPixmap.fromImage(img)


class ImageEditor(FieldEditor):
    """A photo: drop area + file dialog; value ``{"path": ..., "focal": [x, y]}`` (focal 0..1)."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        self._path = ""
        self._focal = [0.5, 0.5]
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.drop = DropArea()
        drop_lay = QVBoxLayout(self.drop)
        self.drop_label = QLabel(tr("create.image.drop"))
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setWordWrap(True)
        self.drop_label.setObjectName("muted")
        drop_lay.addWidget(self.drop_label)
        self.drop.setMinimumHeight(70)
        self.drop.dropped.connect(self.set_file)
        lay.addWidget(self.drop)
        row = QHBoxLayout()
        self.pick_btn = QPushButton(tr("create.image.pick"))
        self.pick_btn.clicked.connect(self.choose_file)
        self.clear_btn = QPushButton(tr("create.image.clear"))
        self.clear_btn.clicked.connect(lambda: self.set_file(""))
        row.addWidget(self.pick_btn)
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.focal_label = QLabel(tr("create.image.focus_hint"))
        self.focal_label.setObjectName("hint")
        self.focal_label.setWordWrap(True)
        lay.addWidget(self.focal_label)
        self._update()

    def value(self) -> Any:
        if not self._path:
            return None
        return {"path": self._path, "focal": [round(self._focal[0], 3), round(self._focal[1], 3)]}

    def _show(self, value: Any) -> None:
        if isinstance(value, dict):
            self._path = str(value.get("path") or "")
            focal = value.get("focal") or [0.5, 0.5]
            self._focal = [float(focal[0]), float(focal[1])]
        else:
            self._path = str(value or "")
            self._focal = [0.5, 0.5]
        self._update()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("create.image.dialog"), "", tr("create.image.filter"))
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        """Use the photo at ``path`` ("" removes it); anything but JPEG/PNG/WebP is refused with a message."""
        if path and Path(path).suffix.lower() not in IMAGE_SUFFIXES:
            self.drop_label.setText(tr("create.image.bad", name=Path(path).name))
            return
        self._path = path
        self._focal = [0.5, 0.5]
        self._update()
        self._report(False)

    def set_focal(self, x: float, y: float) -> None:
        """Set the focal point (fractions of the photo) — from a click on the preview."""
        if not self._path:
            return
        self._focal = [min(1.0, max(0.0, x)), min(1.0, max(0.0, y))]
        self._update()
        self._report(False)

    def _update(self) -> None:
        self.clear_btn.setEnabled(bool(self._path))
        if self._path:
            thumb = _thumbnail(self._path, 132, 74)
            if thumb is not None:
                self.drop_label.setPixmap(thumb)
            else:
                self.drop_label.setText(Path(self._path).name)
            self.drop_label.setToolTip(self._path)
            self.focal_label.setText(tr("create.image.focus", x=round(self._focal[0] * 100),
                                        y=round(self._focal[1] * 100)))
        else:
            self.drop_label.setText(tr("create.image.drop"))
            self.focal_label.setText(tr("create.image.focus_hint"))


class ComboEditor(FieldEditor):
    """A choice (hazard, kecamatan) or an editable choice (data source) stored as text."""

    def __init__(self, key: str, label: str, items: list[tuple[str, str]], *, editable: bool = False,
                 placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        # Long source names must not widen the whole form: the combo shrinks, its popup does not.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        for text, data in items:
            self.combo.addItem(text, data)
        if editable:
            self.combo.lineEdit().setPlaceholderText(placeholder)
            self.combo.setCurrentIndex(-1)
            self.combo.editTextChanged.connect(lambda _t: self._report(True))
        else:
            self.combo.currentIndexChanged.connect(lambda _i: self._report(False))
        lay.addWidget(self.combo)

    def value(self) -> str:
        if self.combo.isEditable():
            return self.combo.currentText().strip()
        return str(self.combo.currentData() or "")

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.combo.isEditable():
            i = self.combo.findText(text)
            if i >= 0:
                self.combo.setCurrentIndex(i)
            else:
                self.combo.setCurrentIndex(-1)
                self.combo.setEditText(text)
        else:
            i = self.combo.findData(text)
            self.combo.setCurrentIndex(max(0, i))

    def focus_editor(self) -> None:
        self.combo.setFocus()

    def undo_targets(self) -> list[QWidget]:
        return [self.combo.lineEdit()] if self.combo.isEditable() else []


class DateEditor(FieldEditor):
    """The post's date (QDateEdit, today by default), stored as ISO ``YYYY-MM-DD``."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(today_qdate())
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.dateChanged.connect(lambda _d: self._report(False))
        lay.addWidget(self.edit)

    def value(self) -> str:
        return self.edit.date().toString("yyyy-MM-dd")

    def _show(self, value: Any) -> None:
        d = QDate.fromString(str(value or ""), "yyyy-MM-dd")
        self.edit.setDate(d if d.isValid() else today_qdate())


class SourceTimeEditor(FieldEditor):
    """When the cited data was issued (optional): a checkbox and a date-time, stored as ISO or ""."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(key, label, parent)
        lay = QVBoxLayout(self)  # stacked: the form column stays narrow
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.check = QCheckBox(tr("create.stamp.source_time_on"))
        self.edit = QDateTimeEdit(QDateTime(today_qdate(), QTime(7, 0)))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DATETIME_FORMAT)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _c: self._report(False))
        self.edit.dateTimeChanged.connect(lambda _d: self._report(False))
        lay.addWidget(self.check)
        lay.addWidget(self.edit)

    def value(self) -> str:
        if not self.check.isChecked():
            return ""
        return self.edit.dateTime().toString("yyyy-MM-ddTHH:mm:00")

    def _show(self, value: Any) -> None:
        text = str(value or "")
        if not text:
            self.check.setChecked(False)
            return
        dt = QDateTime.fromString(text[:19], "yyyy-MM-ddTHH:mm:ss")
        if not dt.isValid():
            dt = QDateTime.fromString(text[:16], "yyyy-MM-ddTHH:mm")
        if dt.isValid():
            self.edit.setDateTime(dt)
        self.check.setChecked(True)


class ContactsEditor(FieldEditor):
    """Checkable list of the emergency contacts from Pengaturan; value is the list of contact ids."""

    def __init__(self, key: str, label: str, contacts: list[dict[str, Any]], parent: QWidget | None = None, *,
                 agency: dict[str, Any] | None = None) -> None:
        super().__init__(key, label, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setObjectName("contacts")
        self.list.setMaximumHeight(150)
        self.list.itemChanged.connect(lambda _i: self._report(False))
        lay.addWidget(self.list)
        self.set_contacts(contacts, agency)

    def set_contacts(self, contacts: list[dict[str, Any]], agency: dict[str, Any] | None = None) -> None:
        """Rebuild the list from the settings' contacts, keeping the ticks of ids that still exist.

        The agency's own line (a contact flagged ``placeholder``) shows the agency phone once it is
        set, as the stamp will print it.
        """
        ticked = set(self.value()) if self.list.count() else set()
        phone = str((agency or {}).get("phone") or "").strip()
        sample = str((agency or {}).get("phone_placeholder") or "").strip()
        self.list.blockSignals(True)
        self.list.clear()
        for c in contacts:
            number = str(c.get("number", ""))
            if c.get("placeholder") and phone and phone != sample:
                number = phone
            text = f"{c.get('label', '')} — {number}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(c.get("id")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if str(c.get("id")) in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def value(self) -> list[str]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _show(self, value: Any) -> None:
        wanted = {str(v) for v in (value or [])}
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = str(item.data(Qt.ItemDataRole.UserRole)) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def focus_editor(self) -> None:
        self.list.setFocus()
