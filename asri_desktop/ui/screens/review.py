"""Tinjauan: the queue for my role, the asset beside its findings and checklist, the decision.

The checklist and the automated findings come from :mod:`asri_desktop.core.review`
(``checklist.build`` runs the automated checks, which may render or decode video,
so it runs in the background). Decisions go through ``review.gate.review`` (which
refuses approval while an item fails or is open) on the writer; when the review
core is not installed the screen falls back to the workflow-only ``Archive.review``.
Four-eyes and role refusals show the core's own message.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import ROW_ROLE
from asri_desktop.ui.models.review import RESULTS, ChecklistModel, FindingsModel, QueueModel, queue_rows, stages_for
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import ScaledImage, WrapDelegate, empty_label, pill
from asri_desktop.ui.strings import tr
from asri_desktop.ui.tasks import run_task

log = logging.getLogger(__name__)
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"}


def review_core() -> tuple[Any, Any, Any]:
    """The review core's (checklist, gate, sheet) modules, each None when not installed."""
    mods = []
    for name in ("checklist", "gate", "sheet"):
        try:
            mods.append(__import__(f"asri_desktop.core.review.{name}", fromlist=[name]))
        except ImportError:
            mods.append(None)
    return mods[0], mods[1], mods[2]


class ResultDelegate(QStyledItemDelegate):
    """A drop-down of pass / fail / n.a. for the checklist's result column."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for r in RESULTS:
            combo.addItem(tr(f"result.{r}"), r)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ReasonDialog(QDialog):
    """Asks why the asset goes back (the workflow refuses a revision without a reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(tr("review.reason_title"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        lab = QLabel(tr("review.reason_prompt"))
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        lay.addWidget(self.text)
        self.error = QLabel(tr("review.reason_empty"))
        self.error.setObjectName("formError")
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(tr("review.send_back"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("sendBack")
        self.buttons.addButton(tr("action.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _accept(self) -> None:
        if not self.reason():
            self.error.show()
            return
        self.accept()


class ReviewScreen(Screen):
    """The reviewer's desk."""

    TOPICS = frozenset({"assets", "reviews"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.setObjectName("reviewScreen")
        self.checklist_mod, self.gate_mod, self.sheet_mod = review_core()
        self.current: Any = None  # the Asset under review
        self.current_version: Any = None
        self.checklist_result: Any = None
        self.checklist_task: Any = None
        self.sheet_task: Any = None
        self.last_sheet: Path | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.last_message = ""

        stages = stages_for(member.roles)
        self.header(tr("review.title"), ", ".join(fmt.state(s) for s in stages) if stages
                    else tr("review.no_role", roles=fmt.roles(member.roles)))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        # -- queue
        qcard, ql = card(tr("review.queue"))
        self.queue_count = QLabel("")
        self.queue_count.setObjectName("muted")
        ql.addWidget(self.queue_count)
        self.queue_model = QueueModel(self)
        self.queue = QTableView()
        self.queue.setObjectName("queue")
        self.queue.setModel(self.queue_model)
        self._table_style(self.queue)
        for col in (QueueModel.KIND, QueueModel.STATE, QueueModel.UPDATED):
            self.queue.hideColumn(col)
        self.queue.setWordWrap(False)
        self.queue.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue.setColumnWidth(QueueModel.ID, 40)
        self.queue.setColumnWidth(QueueModel.CREATOR, 100)
        self.queue.horizontalHeader().setSectionResizeMode(QueueModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.queue.selectionModel().currentRowChanged.connect(self._on_select)
        ql.addWidget(self.queue, 1)
        self.queue_empty = empty_label(tr("review.queue_empty"))
        ql.addWidget(self.queue_empty)
        qcard.setMinimumWidth(290)
        split.addWidget(qcard)

        # -- detail
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(empty_label(tr("review.select")))
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.setSpacing(12)
        head_card, hl = card()
        title_row = QHBoxLayout()
        self.asset_title = QLabel("")
        self.asset_title.setObjectName("h2")
        self.asset_title.setWordWrap(True)
        title_row.addWidget(self.asset_title, 1)
        self.state_pill = pill("", "#6b7785")
        title_row.addWidget(self.state_pill, 0, Qt.AlignmentFlag.AlignTop)
        hl.addLayout(title_row)
        self.asset_info = QLabel("")
        self.asset_info.setObjectName("muted")
        self.asset_info.setWordWrap(True)
        hl.addWidget(self.asset_info)
        dl.addWidget(head_card)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.setChildrenCollapsible(False)
        pcard, pl = card(tr("review.preview"))
        self.preview = ScaledImage(tr("review.no_preview"))
        self.preview.setObjectName("preview")
        self.preview.setMinimumSize(160, 220)
        pl.addWidget(self.preview, 1)
        self.history = QLabel("")
        self.history.setObjectName("hint")
        self.history.setWordWrap(True)
        pl.addWidget(self.history)
        body.addWidget(pcard)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(12)
        fcard, fl = card(tr("review.findings"))
        self.findings_model = FindingsModel(self)
        self.findings = QTableView()
        self.findings.setObjectName("findings")
        self.findings.setModel(self.findings_model)
        self._table_style(self.findings)
        self.findings.horizontalHeader().setSectionResizeMode(FindingsModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.findings.setWordWrap(True)
        self.findings.setItemDelegate(WrapDelegate(self.findings))
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.setColumnWidth(FindingsModel.SEVERITY, 92)
        fl.addWidget(self.findings, 1)
        self.findings_note = QLabel("")
        self.findings_note.setObjectName("hint")
        self.findings_note.setWordWrap(True)
        fl.addWidget(self.findings_note)
        rl.addWidget(fcard, 1)
        ccard, cl = card(tr("review.checklist"))
        self.checklist_model = ChecklistModel(self)
        self.checklist = QTableView()
        self.checklist.setObjectName("checklist")
        self.checklist.setModel(self.checklist_model)
        self._table_style(self.checklist)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.checklist.setItemDelegateForColumn(ChecklistModel.RESULT, ResultDelegate(self.checklist))
        hh = self.checklist.horizontalHeader()
        hh.setSectionResizeMode(ChecklistModel.ITEM, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(ChecklistModel.NOTE, QHeaderView.ResizeMode.Interactive)
        self.checklist.hideColumn(ChecklistModel.SOURCE)
        self.checklist.setColumnWidth(ChecklistModel.RESULT, 104)
        self.checklist.setColumnWidth(ChecklistModel.NOTE, 120)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setWordWrap(True)
        self.checklist.setItemDelegate(WrapDelegate(self.checklist))  # the result column keeps its own
        cl.addWidget(self.checklist, 1)
        self.checklist_note = QLabel("")
        self.checklist_note.setObjectName("hint")
        self.checklist_note.setWordWrap(True)
        cl.addWidget(self.checklist_note)
        rl.addWidget(ccard, 3)
        body.addWidget(right)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([270, 580])
        dl.addWidget(body, 1)

        self.message = QLabel("")
        self.message.setObjectName("bannerInfo")
        self.message.setWordWrap(True)
        self.message.hide()
        dl.addWidget(self.message)
        actions = QHBoxLayout()
        self.sheet_button = QPushButton(tr("review.sheet"))
        self.sheet_button.setObjectName("sheetButton")
        self.sheet_button.clicked.connect(self.print_sheet)
        actions.addWidget(self.sheet_button)
        actions.addStretch(1)
        self.send_back_button = QPushButton(tr("review.send_back"))
        self.send_back_button.setObjectName("sendBack")
        self.send_back_button.clicked.connect(self.ask_send_back)
        actions.addWidget(self.send_back_button)
        self.approve_button = QPushButton(tr("review.approve"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        actions.addWidget(self.approve_button)
        dl.addLayout(actions)
        self.detail_stack.addWidget(detail)
        split.addWidget(self.detail_stack)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 920])
        self.root.addWidget(split, 1)
        self.refresh()

    @staticmethod
    def _table_style(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setHighlightSections(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # ------------------------------------------------------------------ queue
    def refresh(self) -> None:
        keep = self.current.id if self.current else None
        self.queue_model.set_rows(queue_rows(self.arch, self.member.roles))
        n = self.queue_model.rowCount()
        self.queue_count.setText(tr("review.queue_count", n=n))
        self.queue.setVisible(n > 0)
        self.queue_empty.setVisible(n == 0)
        if keep is not None and self.queue_model.row_of(keep) >= 0:
            self.select_asset(keep)
        elif n:
            self.select_row(0)
        else:
            self._show_asset(None)

    def select_row(self, row: int) -> None:
        idx = self.queue_model.index(row, QueueModel.TITLE)
        self.queue.selectionModel().setCurrentIndex(
            idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_asset(self, asset_id: int) -> None:
        """Show ``asset_id`` if it waits in my queue."""
        r = self.queue_model.row_of(int(asset_id))
        if r >= 0:
            self.select_row(r)

    def _on_select(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row and (self.current is None or self.current.id != row["id"]
                    or self.current.current_version != row["current_version"]):
            self._show_asset(row["id"])

    # ------------------------------------------------------------------ detail
    def _show_asset(self, asset_id: int | None) -> None:
        if self.checklist_task is not None:
            self.checklist_task.cancel()
            self.checklist_task = None
        if asset_id is None:
            self.current = self.current_version = self.checklist_result = None
            self.detail_stack.setCurrentIndex(0)
            return
        a = self.arch.asset(asset_id)
        v = self.arch.version(a.id)
        self.current, self.current_version, self.checklist_result = a, v, None
        self.detail_stack.setCurrentIndex(1)
        self.message.hide()
        self.asset_title.setText(f"#{a.id} {a.title}")
        self.state_pill.setText(fmt.state(a.state))
        self.state_pill.setStyleSheet(f"background: {fmt.STATE_COLOURS.get(a.state, '#6b7785')};")
        info = tr("review.info", id=a.id, kind=fmt.kind(a.kind), version=v.number, creator=v.created_by)
        extra = []
        if a.hazard:
            extra.append(f"{tr('review.meta.hazard')}: {fmt.hazard(a.hazard, self._hazards())}")
        if a.location:
            extra.append(f"{tr('review.meta.location')}: {a.location}")
        self.asset_info.setText(" · ".join([info, *extra]))
        self._load_preview(v)
        self._load_history(a.id)
        self.findings_model.set_findings([])
        self.checklist_model.set_items([])
        can_decide = a.state in stages_for(self.member.roles)
        self.approve_button.setEnabled(False)
        self.send_back_button.setEnabled(can_decide)
        self.sheet_button.setEnabled(True)
        if self.checklist_mod is None:
            self.findings_note.setText(tr("review.findings_missing"))
            self.checklist_note.setText(tr("review.checklist_missing"))
            self.approve_button.setEnabled(can_decide)
            return
        self.findings_note.setText(tr("review.checking"))
        self.checklist_note.setText("")
        stage, aid, number, who = a.state, a.id, v.number, self.member.name
        mod = self.checklist_mod
        self.checklist_task = run_task(
            lambda arch, progress, cancelled: mod.build(arch, aid, stage, None, number, reviewer=who),
            name=tr("review.checking"), parent=self, home=self.arch.home,
            on_done=lambda res, aid=aid, number=number: self._checklist_ready(aid, number, res),
            on_error=lambda exc, aid=aid: self._checklist_failed(aid, exc),
        )

    def _hazards(self) -> dict[str, str]:
        return {h["id"]: h["name"] for h in self.arch.setting("hazards", [])}

    def _load_preview(self, version: Any) -> None:
        images = [f for f in version.files if Path(f.name).suffix.lower() in IMAGE_EXT]
        if not images:
            others = ", ".join(f.name for f in version.files)
            self.preview.set_image(None, tr("review.no_preview") + (f"\n\n{others}" if others else ""))
            return
        reader = QImageReader(str(self.arch.file_path(images[0].sha256)))
        reader.setAutoTransform(True)
        size = reader.size()
        box = 720  # decoded at most this large; the label scales it to fit
        if size.isValid() and max(size.width(), size.height()) > box:
            reader.setScaledSize(size.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        self.preview.set_image(QPixmap.fromImage(image) if not image.isNull() else None, tr("review.no_preview"))

    def _load_history(self, asset_id: int) -> None:
        lines = []
        for r in self.arch.reviews(asset_id)[-4:]:
            verdict = tr("result.pass") if r["decision"] == "approve" else tr("review.send_back")
            comment = f": “{r['comment'].splitlines()[0]}”" if r["comment"] else ""
            lines.append(f"v{r['version']} · {fmt.state(r['stage'])} · {r['member']} — {verdict}{comment}")
        self.history.setText((tr("review.history") + "\n" + "\n".join(lines)) if lines else "")

    def _checklist_ready(self, asset_id: int, number: int, result: Any) -> None:
        if not self.current or self.current.id != asset_id or self.current_version.number != number:
            return  # a stale result for an asset no longer shown
        self.checklist_task = None
        self.checklist_result = result
        findings = list(result.automated.findings)
        self.findings_model.set_findings(findings)
        self.findings.setVisible(bool(findings))
        self.findings.resizeRowsToContents()
        self.findings_note.setText("" if findings else tr("review.findings_none"))
        self.checklist_model.set_items(result.items)
        self.checklist.resizeRowsToContents()
        open_items = self.checklist_model.open_items()
        self.checklist_note.setText(tr("review.open_items", n=len(open_items)) if open_items else "")
        self.approve_button.setEnabled(self.current.state in stages_for(self.member.roles))

    def _checklist_failed(self, asset_id: int, exc: BaseException) -> None:
        from asri_desktop.ui.errors import describe

        if not self.current or self.current.id != asset_id:
            return
        self.checklist_task = None
        self.checklist_note.setText(tr("review.checklist_error", error=describe(exc)))
        self.findings_note.setText("")
        self.approve_button.setEnabled(self.current.state in stages_for(self.member.roles))

    def checklist_ready(self) -> bool:
        """True once the checklist of the shown asset has loaded (or the review core is absent)."""
        return self.current is not None and self.checklist_task is None

    # ------------------------------------------------------------------ decisions
    def _decide(self, decision: str, comment: str) -> None:
        a, v = self.current, self.current_version
        if a is None:
            return
        answers = self.checklist_model.answers() if self.checklist_result is not None else None
        gate = self.gate_mod
        who = self.member.name

        def op(arch: Any) -> Any:
            if gate is not None:
                return gate.review(arch, a.id, decision, who, comment, answers)
            return arch.review(a.id, decision, who, comment, expected_hash=v.content_hash)

        self.approve_button.setEnabled(False)
        self.send_back_button.setEnabled(False)
        self.writer.submit(op, {"assets", "reviews", "log"},
                           on_done=lambda d, aid=a.id, creator=v.created_by: self._decided(aid, decision, creator, d),
                           on_error=self._refused)

    def approve(self) -> None:
        """Approve the shown asset's current stage."""
        self._decide("approve", "")

    def ask_send_back(self) -> None:
        """Ask for the reason, then send the asset back to its designer."""
        self.reason_dialog = ReasonDialog(self)
        self.reason_dialog.accepted.connect(lambda: self._decide("revise", self.reason_dialog.reason()))
        self.reason_dialog.open()

    def _decided(self, asset_id: int, decision: str, creator: str, result: Any) -> None:
        if decision == "approve":
            text = tr("review.approved", id=asset_id, state=fmt.state(getattr(result, "to_state", "")))
        else:
            text = tr("review.sent_back", id=asset_id, who=creator)
        self.last_message = text
        window = self.window()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)

    def _refused(self, exc: BaseException) -> None:
        from asri_desktop.ui.errors import show_error

        if self.current is not None:
            can = self.current.state in stages_for(self.member.roles)
            self.approve_button.setEnabled(can)
            self.send_back_button.setEnabled(can)
        show_error(self, exc)

    # ------------------------------------------------------------------ approval sheet
    def print_sheet(self) -> None:
        """Write the approval sheet PDF in the background, then open its folder."""
        if self.current is None:
            return
        if self.sheet_mod is None:
            from asri_desktop.core.errors import InputError
            from asri_desktop.ui.errors import show_error

            show_error(self, InputError(tr("review.sheet_missing")))
            return
        a, v = self.current, self.current_version
        out = Path(self.arch.home) / "lembar-persetujuan" / f"lembar-persetujuan-{a.id:04d}-v{v.number}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        mod = self.sheet_mod
        self.sheet_button.setEnabled(False)
        self._say(tr("review.sheet_working"))
        self.sheet_task = run_task(
            lambda arch, progress, cancelled: mod.build(arch, a.id, out, version=v.number),
            name=tr("review.sheet_working"), parent=self, home=self.arch.home,
            on_done=self._sheet_done, on_error=self._sheet_failed,
        )

    def _sheet_done(self, info: dict[str, Any]) -> None:
        self.sheet_button.setEnabled(True)
        self.last_sheet = Path(info["path"])
        self._say(tr("review.sheet_done", path=info["path"]))
        if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_sheet.parent)))

    def _sheet_failed(self, exc: BaseException) -> None:
        from asri_desktop.ui.errors import show_error

        self.sheet_button.setEnabled(True)
        self.message.hide()
        show_error(self, exc)

    def _say(self, text: str) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.show()
