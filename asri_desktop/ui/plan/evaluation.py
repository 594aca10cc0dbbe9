"""Evaluasi: the period's summary at a glance and the evaluation report PDF (saved through a file dialog)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFileDialog, QGridLayout, QLabel, QListWidget, QPushButton, QWidget

from asri_desktop.core import dates
from asri_desktop.core.errors import AsriError
from asri_desktop.core.plan import kpi, report
from asri_desktop.core.plan.report import fmt_int, fmt_minutes, fmt_pct
from asri_desktop.ui.errors import show_error
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.strings import tr

REVIEW_MONTHS_DAYS = 91  # the guideline's 3-6-monthly review: default to the last three months


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class EvaluationScreen(Screen):
    """Evaluasi: KPIs, best and weakest posts, failed checklist items, and the PDF report."""

    TOPICS: ClassVar[frozenset[str]] = frozenset({"plan", "reviews"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        head = self.header(tr("eval.title"), tr("eval.subtitle"))
        today = dates.today()
        self.date_from = QDateEdit(_qdate(today - timedelta(days=REVIEW_MONTHS_DAYS)))
        self.date_to = QDateEdit(_qdate(today))
        for w, key in ((self.date_from, "monitor.from"), (self.date_to, "monitor.to")):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd/MM/yyyy")
            w.dateChanged.connect(lambda *_: self.refresh())
            head.addWidget(QLabel(tr(key)))
            head.addWidget(w)
        self.generate_button = QPushButton(tr("eval.generate"))
        self.generate_button.setObjectName("primary")
        self.generate_button.clicked.connect(self.ask_and_generate)
        head.addWidget(self.generate_button)

        grid = QGridLayout()
        frame, lay = card(tr("eval.preview"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        lay.addWidget(self.summary_label)
        grid.addWidget(frame, 0, 0, 1, 2)
        self.lists: dict[str, QListWidget] = {}
        for col, key in enumerate(("best", "weakest")):
            frame, lay = card(tr(f"eval.{key}"))
            self.lists[key] = QListWidget()
            lay.addWidget(self.lists[key])
            grid.addWidget(frame, 1, col)
        frame, lay = card(tr("eval.failed"))
        self.lists["failed"] = QListWidget()
        lay.addWidget(self.lists["failed"])
        grid.addWidget(frame, 2, 0, 1, 2)
        self.root.addLayout(grid, 1)
        self.result_label = QLabel()
        self.result_label.setObjectName("muted")
        self.root.addWidget(self.result_label)
        self.refresh()

    def period(self) -> tuple[date, date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def set_period(self, start: date, end: date) -> None:
        self.date_from.blockSignals(True)
        self.date_from.setDate(_qdate(start))
        self.date_from.blockSignals(False)
        self.date_to.setDate(_qdate(end))
        self.refresh()

    def refresh(self) -> None:
        lo, hi = self.period()
        if hi < lo:
            lo, hi = hi, lo
        s = kpi.summary(self.arch, lo, hi)
        self.summary_label.setText(
            f"{dates.format_date(lo, weekday=False)} – {dates.format_date(hi, weekday=False)}: "
            f"{fmt_int(s['posts'])} {tr('monitor.kpi.posts').lower()}, {tr('monitor.kpi.reach').lower()} "
            f"{fmt_int(s['reach'])}, {tr('monitor.kpi.engagement').lower()} {fmt_int(s['engagement'])} "
            f"({fmt_pct(s['engagement_rate'])}), {tr('monitor.kpi.response').lower()} "
            f"{fmt_minutes(s['response_minutes_median'])}, {tr('monitor.kpi.hoaxes').lower()} {fmt_int(s['hoaxes'])}."
        )
        best, weakest = kpi.ranked(self.arch, lo, hi)
        for key, posts in (("best", best), ("weakest", weakest)):
            w = self.lists[key]
            w.clear()
            for p in posts:
                w.addItem(f"#{p.asset_id} {p.title} — {fmt_pct(p.rate)} ({fmt_int(p.reach)})")
            if not posts:
                w.addItem(tr("eval.none"))
        w = self.lists["failed"]
        w.clear()
        failed = kpi.failed_checklist_items(self.arch, lo, hi)
        for f in failed[:10]:
            w.addItem(f"{f['label']} — {f['count']}×")
        if not failed:
            w.addItem(tr("eval.none"))

    def ask_and_generate(self) -> None:
        lo, hi = self.period()
        suggested = Path.home() / tr("eval.default_name", start=lo.isoformat(), end=hi.isoformat())
        name, _ = QFileDialog.getSaveFileName(self, tr("eval.save_title"), str(suggested), tr("eval.save_filter"))
        if name:
            if not name.lower().endswith(".pdf"):
                name += ".pdf"
            self.generate(name)

    def generate(self, path: str | Path) -> Any:
        """Write the report for the shown period to ``path``; returns the result (None after an error shown)."""
        lo, hi = self.period()
        self.result_label.setText(tr("eval.working"))
        try:
            res = report.build_report(self.arch, lo, hi, path)
        except AsriError as exc:
            self.result_label.setText("")
            show_error(self, exc)
            return None
        self.result_label.setText(tr("eval.done", path=res.path, pages=res.pages))
        return res
