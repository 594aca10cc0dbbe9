"""Log Keputusan: the decision log, filterable, with a verify action and a clear green/red verdict."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from asri_desktop.ui.models.log import LogModel
from asri_desktop.ui.screens.base import Screen
from asri_desktop.ui.strings import STRINGS, log_action, tr
from asri_desktop.ui.tasks import run_task


class LogScreen(Screen):
    """Browse and verify the tamper-evident decision log."""

    TOPICS = frozenset({"log", "members"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None,
                 page_size: int | None = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.setObjectName("logScreen")
        row = self.header(tr("log.title"), tr("log.intro"))
        self.verify_button = QPushButton(tr("log.verify"))
        self.verify_button.setObjectName("primary")
        self.verify_button.clicked.connect(self.verify)
        row.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.verify_task: Any = None
        self.last_result: Any = None

        self.banner = QLabel("")
        self.banner.setObjectName("bannerInfo")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.root.addWidget(self.banner)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.actor_combo = QComboBox()
        self.actor_combo.setObjectName("actorFilter")
        self.actor_combo.setMinimumWidth(150)
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("actionFilter")
        self.action_combo.setMinimumWidth(170)
        self.asset_edit = QLineEdit()
        self.asset_edit.setObjectName("assetFilter")
        self.asset_edit.setPlaceholderText("mis. 12")
        self.asset_edit.setMaximumWidth(110)
        for text, w in ((tr("log.actor"), self.actor_combo), (tr("log.action"), self.action_combo),
                        (tr("log.asset"), self.asset_edit)):
            lab = QLabel(text)
            lab.setObjectName("muted")
            filters.addWidget(lab)
            filters.addWidget(w)
        filters.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        filters.addWidget(self.count_label)
        self.root.addLayout(filters)

        self.model = LogModel(self, page_size)
        self.table = QTableView()
        self.table.setObjectName("logTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setSectionResizeMode(LogModel.COMMENT, QHeaderView.ResizeMode.Stretch)
        for col, w in ((LogModel.SEQ, 44), (LogModel.AT, 128), (LogModel.ACTOR, 112), (LogModel.ROLE, 128),
                       (LogModel.ACTION, 112), (LogModel.ASSET, 52), (LogModel.CHANGE, 210)):
            self.table.setColumnWidth(col, w)
        self.root.addWidget(self.table, 1)
        self.model.rowsInserted.connect(self._update_count)

        self._fill_filters()
        self.actor_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.action_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.asset_edit.textChanged.connect(lambda _t: self.reload())
        self.reload()

    def _fill_filters(self) -> None:
        actors = [a for (a,) in self.arch.conn.execute("SELECT DISTINCT actor FROM decision_log ORDER BY actor")]
        actions = [a for (a,) in self.arch.conn.execute("SELECT DISTINCT action FROM decision_log ORDER BY action")]
        known = [k.removeprefix("logaction.") for k in STRINGS if k.startswith("logaction.")]
        for combo, values, text in ((self.actor_combo, actors, str),
                                    (self.action_combo, sorted(set(actions) | set(known)), log_action)):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("log.any"), None)
            for v in values:
                combo.addItem(text(v), v)
            combo.setCurrentIndex(max(0, combo.findData(keep)) if keep else 0)
            combo.blockSignals(False)

    def asset_filter(self) -> int | None:
        text = self.asset_edit.text().strip().lstrip("#")
        return int(text) if text.isdigit() else None

    def reload(self) -> None:
        """Show the entries matching the filters, newest first."""
        self.model.load(self.arch, actor=self.actor_combo.currentData(), action=self.action_combo.currentData(),
                        asset_id=self.asset_filter())
        if self.last_result is not None and not self.last_result.ok:
            self.model.mark_bad(self.last_result.bad_seq)
        self._update_count()

    def _update_count(self, *args: Any) -> None:
        self.count_label.setText(tr("log.count", n=f"{self.model.total:,}".replace(",", ".")))

    def refresh(self) -> None:
        self._fill_filters()
        self.reload()

    def verify(self) -> None:
        """Re-derive the hash chain in the background and show the verdict."""
        self.verify_button.setEnabled(False)
        self.banner.setObjectName("bannerInfo")
        self.banner.setText(tr("log.verifying"))
        self._restyle()
        self.banner.show()
        self.verify_task = run_task(lambda arch, progress, cancelled: arch.verify_log(), name=tr("log.verifying"),
                                    parent=self, home=self.arch.home, on_done=self._verified,
                                    on_error=self._verify_failed)

    def _verified(self, result: Any) -> None:
        self.verify_task = None
        self.verify_button.setEnabled(True)
        self.last_result = result
        if result.ok:
            self.banner.setObjectName("bannerOk")
            self.banner.setText("✔  " + tr("log.ok", count=result.count))
            self.model.mark_bad(None)
        else:
            self.banner.setObjectName("bannerBad")
            self.banner.setText("✖  " + tr("log.bad", seq=result.bad_seq, reason=result.reason))
            self.model.mark_bad(result.bad_seq)
            self._scroll_to(result.bad_seq)
        self._restyle()

    def _verify_failed(self, exc: BaseException) -> None:
        from asri_desktop.ui.errors import describe

        self.verify_task = None
        self.verify_button.setEnabled(True)
        self.banner.setObjectName("bannerBad")
        self.banner.setText("✖  " + describe(exc))
        self._restyle()

    def _scroll_to(self, seq: int | None) -> None:
        if seq is None:
            return
        r = self.model.row_of(seq)
        while r < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            r = self.model.row_of(seq)
        if r >= 0:
            idx = self.model.index(r, 0)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(idx)

    def _restyle(self) -> None:
        # An object-name change needs a re-polish for the style sheet's #id rule to apply.
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)

    def banner_kind(self) -> str:
        """``ok``, ``bad``, ``info`` or ``hidden`` (tests and screenshots read the verdict)."""
        if not self.banner.isVisible() and not self.banner.isVisibleTo(self):
            return "hidden"
        return {"bannerOk": "ok", "bannerBad": "bad"}.get(self.banner.objectName(), "info")
