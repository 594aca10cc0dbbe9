"""Arsip's "Izin Foto" tab: the photo consents recorded for the selected asset.

A thin face over :mod:`asri_desktop.core.plan.consent`: the list (active consents
first), "Catat Izin…" (a small dialog) and "Cabut Izin" (after a confirmation
that names the person). Both writes go through the app's single writer; the
core's Indonesian message for bad input is shown in the dialog, which stays open
with what was typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.core import dates, resources
from asri_desktop.core.errors import AsriError
from asri_desktop.core.plan import consent
from asri_desktop.ui.errors import describe, show_error
from asri_desktop.ui.models.base import ROW_ROLE, RowsModel
from asri_desktop.ui.screens import archive_consent_strings  # registers the consent.* strings on import
from asri_desktop.ui.screens.widgets import DATE_FORMAT, empty_label, today_qdate
from asri_desktop.ui.strings import tr

del archive_consent_strings  # imported for its side effect only

TOPICS = frozenset({"assets", "log"})  # a consent write adds a decision-log entry about the asset
ACTIVE_COLOUR = "#2e7d4f"
REVOKED_COLOUR = "#8c1d18"
MUTED_COLOUR = "#7a8691"


def _day(iso: str | None, *, short: bool = True) -> str:
    """``27 Nov 2026`` for the narrow table, ``Jumat, 27 November 2026`` in full (raw text if not a date)."""
    if not iso:
        return ""
    try:
        d = dates.parse_date(iso)
    except AsriError:
        return str(iso)
    if not short:
        return dates.format_date(d)
    # The table's short form, from the same locale file as fmt.short_datetime.
    month = resources.data("locale_id.toml")["months"][d.month - 1][:3]
    return f"{d.day} {month} {d.year}"


def consent_rows(arch: Any, asset_id: int) -> list[dict[str, Any]]:
    """The consents of ``asset_id`` as dict rows: active first, then the newest grant first."""
    rows = [c.to_dict() for c in consent.list_consents(arch, asset_id=asset_id)]
    rows.sort(key=lambda r: (r["granted_on"], r["id"]), reverse=True)
    rows.sort(key=lambda r: not r["active"])  # stable: keeps newest-first inside each group
    return rows


def describe_consent(row: dict[str, Any]) -> str:
    """The whole record in a few lines (the table's tooltip and the text under it)."""
    lines = [f"{row['person']} \u00b7 {row['contact']}",
             tr("consent.detail.use", use=row["use"]),
             tr("consent.detail.granted", date=_day(row["granted_on"], short=False), who=row["recorded_by"])]
    if not row["active"]:
        lines.append(tr("consent.status.revoked", date=_day(row["revoked_on"], short=False)))
    if row.get("note"):
        lines.append(tr("consent.tip.note", note=row["note"]))
    return "\n".join(lines)


def consent_detail(row: dict[str, Any]) -> str:
    """What the narrow table hides, under it: contact, who recorded it, the use and the note."""
    lines = [tr("consent.detail.contact", contact=row["contact"], who=row["recorded_by"]),
             tr("consent.detail.use", use=row["use"])]
    if row.get("note"):
        lines.append(tr("consent.tip.note", note=row["note"]))
    return "\n".join(lines)


class ConsentModel(RowsModel):
    """The photo consents of one asset, active ones first."""

    # Status right after the name: the detail pane is narrow and whether a consent holds matters most.
    PERSON, STATUS, GRANTED, USE, CONTACT, RECORDED_BY = range(6)
    COLUMNS = (
        ("person", "consent.col.person"),
        ("status", "consent.col.status"),
        ("granted_on", "consent.col.granted"),
        ("use", "consent.col.use"),
        ("contact", "consent.col.contact"),
        ("recorded_by", "consent.col.recorded_by"),
    )

    def load(self, arch: Any, asset_id: int) -> None:
        """Show the consents recorded for ``asset_id``."""
        self.set_rows(consent_rows(arch, asset_id))

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.GRANTED:
            return _day(row["granted_on"])
        if column == self.STATUS:
            if row["active"]:
                return tr("consent.status.active")
            return tr("consent.status.revoked", date=_day(row["revoked_on"]))
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return describe_consent(row)

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.STATUS:
                return QBrush(QColor(ACTIVE_COLOUR if row["active"] else REVOKED_COLOUR))
            if not row["active"]:
                return QBrush(QColor(MUTED_COLOUR))  # a withdrawn consent is history, not permission
        return None

    def active_count(self) -> int:
        return sum(1 for r in self._rows if r["active"])


class ConsentDialog(QDialog):
    """The form for a new consent: person, contact, use, date (today by default), note.

    OK does not close the dialog: it calls ``on_submit`` with :meth:`values`, and the
    caller closes it with :meth:`accept` once the write succeeded, or shows the core's
    refusal with :meth:`show_problem` while the form keeps what was typed.
    """

    def __init__(self, on_submit: Callable[[dict[str, Any]], None], parent: QWidget | None = None, *,
                 asset_text: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(tr("consent.dialog.title"))
        self.setMinimumWidth(460)
        self._on_submit = on_submit
        lay = QVBoxLayout(self)
        self.heading = QLabel(asset_text)  # which asset the consent is for
        self.heading.setObjectName("muted")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        if not asset_text:
            self.heading.hide()
        form = QFormLayout()
        self.person = QLineEdit()
        self.person.setObjectName("consentPerson")
        self.contact = QLineEdit()
        self.contact.setObjectName("consentContact")
        self.contact.setPlaceholderText(tr("consent.dialog.contact_ph"))
        self.use = QLineEdit()
        self.use.setObjectName("consentUse")
        self.use.setPlaceholderText(tr("consent.dialog.use_ph"))
        self.granted = QDateEdit(today_qdate())
        self.granted.setObjectName("consentDate")
        self.granted.setCalendarPopup(True)
        self.granted.setDisplayFormat(DATE_FORMAT)
        self.note = QLineEdit()
        self.note.setObjectName("consentNote")
        self.note.setPlaceholderText(tr("consent.dialog.note_ph"))
        form.addRow(tr("consent.dialog.person"), self.person)
        form.addRow(tr("consent.dialog.contact"), self.contact)
        form.addRow(tr("consent.dialog.use"), self.use)
        form.addRow(tr("consent.dialog.date"), self.granted)
        form.addRow(tr("consent.dialog.note"), self.note)
        lay.addLayout(form)
        self.error = QLabel("")
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(tr("consent.dialog.save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(tr("action.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.person.setFocus()

    def values(self) -> dict[str, Any]:
        """The form as keyword arguments of :func:`consent.record` (without ``actor`` and ``asset_id``)."""
        d = self.granted.date()
        return {"person": self.person.text(), "contact": self.contact.text(), "use": self.use.text(),
                "granted_on": date(d.year(), d.month(), d.day()), "note": self.note.text()}

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return  # the previous OK is still being written
        self.error.hide()
        self.set_busy(True)
        self._on_submit(self.values())

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.ok_button.setText(tr("consent.dialog.saving") if busy else tr("consent.dialog.save"))

    def show_problem(self, text: str) -> None:
        """Show why the record was refused; the form keeps what was typed."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
        self.person.setFocus()

    def problem(self) -> str:
        """The refusal currently shown ('' when none)."""
        return self.error.text() if not self.error.isHidden() else ""


class ConsentPanel(QWidget):
    """The "Izin Foto" tab: list, record and revoke the photo consents of one asset.

    Args:
        actor: the member's name recorded as who wrote the consent, or a callable returning it
            (so a screen whose member is re-read still records the right name).
        writer: the app's single database writer (None: write on the panel's archive, for tools).
        parent: the owning widget.
    """

    def __init__(self, actor: str | Callable[[], str], writer: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentPanel")
        self._actor = actor
        self.writer = writer
        self.arch: Any = None
        self.asset_id: int | None = None
        self.asset_text = ""
        self.dialog: ConsentDialog | None = None
        self.last_message = ""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(8)
        bar = QHBoxLayout()
        self.summary = QLabel("")
        self.summary.setObjectName("muted")
        self.summary.setToolTip(tr("consent.intro"))
        self.summary.setWordWrap(True)  # may wrap rather than widen the narrow detail pane
        bar.addWidget(self.summary, 1)
        self.record_button = QPushButton(tr("consent.record"))
        self.record_button.setObjectName("recordConsent")
        self.record_button.setToolTip(tr("consent.record_tip"))
        self.record_button.clicked.connect(self.open_record_dialog)
        bar.addWidget(self.record_button)
        self.revoke_button = QPushButton(tr("consent.revoke"))
        self.revoke_button.setObjectName("revokeConsent")
        self.revoke_button.setToolTip(tr("consent.revoke_tip"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        bar.addWidget(self.revoke_button)
        lay.addLayout(bar)

        self.model = ConsentModel(self)
        self.table = QTableView()
        self.table.setObjectName("consents")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        # Delete on the list revokes too (after the same confirmation).
        self.delete_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.revoke_selected,
                                 context=Qt.ShortcutContext.WidgetShortcut)

        self.detail = QLabel("")
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list_page = QWidget()
        page = QVBoxLayout(self.list_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(6)
        # Room for a header and three consents even when the detail pane is short.
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 3 * 30 + 4)
        page.addWidget(self.table, 1)
        page.addWidget(self.detail)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.empty = empty_label(tr("consent.empty"))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(empty_label(tr("consent.none_selected")))
        lay.addWidget(self.stack, 1)
        self.clear()

    @property
    def actor(self) -> str:
        return self._actor() if callable(self._actor) else self._actor

    # ------------------------------------------------------------------ loading
    def load(self, arch: Any, asset_id: int, asset_text: str = "") -> None:
        """Show the consents of ``asset_id`` (keeps the selected consent when it is still listed)."""
        keep = self.selected_row()
        keep_id = keep["id"] if keep and asset_id == self.asset_id else None
        if asset_text or asset_id != self.asset_id:
            self.asset_text = asset_text
        self.arch = arch
        self.asset_id = int(asset_id)
        self.model.load(arch, self.asset_id)
        rows = self.model.rows()
        self.stack.setCurrentWidget(self.list_page if rows else self.empty)
        active = self.model.active_count()
        self.summary.setText(tr("consent.summary", active=active, revoked=len(rows) - active) if rows else "")
        if rows:
            self._fit_columns()
        if keep_id is not None:
            self.select_consent(keep_id)
        self._update_buttons()

    def reload(self) -> None:
        if self.arch is not None and self.asset_id is not None:
            self.load(self.arch, self.asset_id)

    def clear(self) -> None:
        """Nothing selected in the archive: no list, no actions."""
        self.asset_id = None
        self.asset_text = ""
        self.model.set_rows([])
        self.summary.setText("")
        self.stack.setCurrentIndex(2)
        self._update_buttons()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for col, cap in ((ConsentModel.USE, 220), (ConsentModel.CONTACT, 150), (ConsentModel.PERSON, 160)):
            if self.table.columnWidth(col) > cap:
                self.table.setColumnWidth(col, cap)

    # ------------------------------------------------------------------ selection
    def selected_row(self) -> dict[str, Any] | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or not self.table.selectionModel().isRowSelected(idx.row(), QModelIndex()):
            return None
        return idx.data(ROW_ROLE)

    def select_consent(self, consent_id: int) -> None:
        r = self.model.row_of(consent_id)
        if r < 0:
            return
        idx = self.model.index(r, ConsentModel.PERSON)
        self.table.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(idx)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.detail.setText(consent_detail(row) if row else tr("consent.detail.pick"))
        self.record_button.setEnabled(self.asset_id is not None)
        self.revoke_button.setEnabled(self.asset_id is not None and bool(row and row["active"]))

    # ------------------------------------------------------------------ writes
    def _write(self, op: Callable[[Any], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        """Run ``op(archive)`` through the writer (or on this archive when there is none)."""
        if self.writer is not None:
            self.writer.submit(op, TOPICS, on_done=on_done, on_error=on_error)
            return
        try:
            result = op(self.arch)
        except Exception as exc:  # noqa: BLE001 - shown to the person like the writer would
            on_error(exc)
            return
        on_done(result)

    def _status(self, text: str) -> None:
        self.last_message = text
        window = self.window()
        if window is not None and window is not self and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 6000)

    def open_record_dialog(self) -> ConsentDialog | None:
        """Open the record dialog for the selected asset (window-modal, non-blocking); returns it."""
        if self.asset_id is None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        text = tr("consent.dialog.for", id=self.asset_id, title=self.asset_text) if self.asset_text else ""
        dlg = ConsentDialog(self._submit_record, self, asset_text=text)
        dlg.finished.connect(lambda _r, d=dlg: self._dialog_closed(d))
        self.dialog = dlg
        dlg.open()
        return dlg

    def _dialog_closed(self, dlg: ConsentDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
        dlg.deleteLater()

    def _submit_record(self, values: dict[str, Any]) -> None:
        dlg, aid, actor = self.dialog, self.asset_id, self.actor
        if dlg is None or aid is None:
            return

        def op(arch: Any) -> Any:
            return consent.record(arch, actor=actor, asset_id=aid, **values)

        def done(c: Any) -> None:
            if self.dialog is dlg:
                dlg.accept()
            if self.asset_id == aid:
                self.reload()
                self.select_consent(c.id)
            self._status(tr("consent.recorded", person=c.person))

        def failed(exc: BaseException) -> None:
            if self.dialog is dlg:
                dlg.show_problem(describe(exc))
                if not isinstance(exc, AsriError):
                    show_error(dlg, exc)  # a bug: the details sit behind the box's button
            else:
                show_error(self, exc)

        self._write(op, done, failed)

    def revoke_selected(self) -> None:
        """Revoke the selected active consent after the person confirms (named in the question)."""
        row = self.selected_row()
        if row is None or not row["active"] or self.asset_id is None:
            return
        answer = QMessageBox.question(
            self, tr("consent.confirm.title"), tr("consent.confirm.text", person=row["person"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        cid, actor = row["id"], self.actor
        self.revoke_button.setEnabled(False)

        def done(c: Any) -> None:
            self.reload()
            self.select_consent(c.id)
            self._update_buttons()
            self._status(tr("consent.revoked", person=c.person))

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            show_error(self, exc)

        self._write(lambda arch: consent.revoke(arch, cid, actor), done, failed)
