"""Evaluasi: the period's summary at a glance, quiz and survey results, and the evaluation report PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QWidget,
)

from asri_desktop.core import dates
from asri_desktop.core.errors import AsriError
from asri_desktop.core.plan import kpi, report, survey
from asri_desktop.core.plan.report import fmt_int, fmt_minutes, fmt_pct
from asri_desktop.ui.errors import show_error
from asri_desktop.ui.plan.period import PeriodMixin
from asri_desktop.ui.plan.writes import run_write
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.strings import tr





class EvaluationScreen(PeriodMixin, Screen):
    """Evaluasi: KPIs, best and weakest posts, failed checklist items, and the PDF report."""

    TOPICS: ClassVar[frozenset[str]] = frozenset({"plan", "reviews", "assets"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        head = self.header(tr("eval.title"), tr("eval.subtitle"))
        self.add_period_pickers(head, "evaluation_default_days")
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
        grid.addWidget(frame, 2, 0)
        frame, lay = card(tr("eval.surveys"))
        self.lists["surveys"] = QListWidget()
        self.lists["surveys"].setWordWrap(True)
        lay.addWidget(self.lists["surveys"])
        row = QHBoxLayout()
        for key, kind in (("eval.survey.new_quiz", "quiz"), ("eval.survey.new_satisfaction", "satisfaction")):
            b = QPushButton(tr(key))
            b.clicked.connect(lambda _=False, k=kind: self.ask_new_survey(k))
            row.addWidget(b)
        self.survey_import_button = QPushButton(tr("eval.survey.import"))
        self.survey_import_button.clicked.connect(self.ask_import_answers)
        row.addWidget(self.survey_import_button)
        lay.addLayout(row)
        grid.addWidget(frame, 2, 1)
        self.root.addLayout(grid, 1)
        self.result_label = QLabel()
        self.result_label.setObjectName("muted")
        self.root.addWidget(self.result_label)
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
        self._fill_surveys()

    def _fill_surveys(self) -> None:
        w = self.lists["surveys"]
        w.clear()
        found = survey.list_surveys(self.arch)
        for s in reversed(found):
            res = survey.results(self.arch, s.id)
            if s.kind == "quiz":
                text = tr("eval.survey.quiz_line", id=s.id, title=s.title, n=res["respondents"],
                          score=fmt_pct(res["mean_score"]), share=fmt_pct(res["comprehension_share"]))
            else:
                mean = "-" if res["mean"] is None else f"{res['mean']:.2f}".replace(".", ",")
                text = tr("eval.survey.sat_line", id=s.id, title=s.title, n=res["respondents"], mean=mean,
                          share=fmt_pct(res["satisfied_share"]))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            w.addItem(item)
        if not found:
            w.addItem(tr("eval.survey.none"))

    def ask_new_survey(self, kind: str) -> None:
        title, ok = QInputDialog.getText(self, tr("eval.surveys"), tr("eval.survey.title_prompt"))
        if ok and title.strip():
            self.new_survey(kind, title)

    def new_survey(self, kind: str, title: str) -> None:
        """Create a quiz or satisfaction survey with the default questions (through the writer)."""
        actor = self.member.name
        run_write(self, lambda arch: survey.create(arch, kind, title, actor), {"plan", "log"})

    def selected_survey(self) -> int | None:
        item = self.lists["surveys"].currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def ask_import_answers(self) -> None:
        sid = self.selected_survey()
        if sid is None:
            QMessageBox.information(self, tr("eval.surveys"), tr("handle.pick"))
            return
        name, _ = QFileDialog.getOpenFileName(self, tr("eval.survey.import"), str(Path.home()),
                                              tr("eval.survey.import_filter"))
        if name:
            self.import_answers(sid, name)

    def import_answers(self, survey_id: int, path: str | Path) -> None:
        """Import one respondent per row; the refused rows are listed with their row numbers."""
        actor = self.member.name

        def done(report: Any) -> None:
            self.last_report = report
            icon = QMessageBox.Icon.Warning if report.errors else QMessageBox.Icon.Information
            QMessageBox(icon, tr("eval.surveys"), report.summary(), QMessageBox.StandardButton.Ok, self).open()

        run_write(self, lambda arch: survey.import_responses(arch, survey_id, path, actor), {"plan", "log"},
                  on_done=done)

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
