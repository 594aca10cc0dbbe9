"""Pemantauan: KPI cards and QtCharts — reach and engagement per week, by hazard and by kind, response time —
plus the Admin Platform's records (publications, comments, hoax log) in tabs beside them.

Every number comes from :func:`asri_desktop.core.plan.kpi.chart_series`; this
module only paints it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries, QLineSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from asri_desktop.core.plan import kpi, metrics
from asri_desktop.core.plan.report import fmt_int, fmt_minutes, fmt_pct
from asri_desktop.ui.plan.handling import CommentsPanel, HoaxPanel, PublishPanel
from asri_desktop.ui.plan.models import PostFiguresModel
from asri_desktop.ui.plan.period import PeriodMixin
from asri_desktop.ui.plan.writes import run_write
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import empty_label
from asri_desktop.ui.strings import label, tr

NAVY = QColor("#1f4e79")
ORANGE = QColor("#f2a33a")
GREEN = QColor("#2a9d8f")




def _chart(title: str) -> tuple[QChartView, QChart]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(8)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(230)
    return view, chart


def _value_axis(maximum: float) -> QValueAxis:
    """A value axis from 0 with whole-number labels.

    At least 0..4 (nice numbers then give steps of 1): a range of 0..1, as for an empty week,
    would put six ticks 0.2 apart that the whole-number labels all print as 0.
    """
    axis = QValueAxis()
    axis.setRange(0, max(4.0, maximum * 1.1))
    axis.setLabelFormat("%d")
    axis.applyNiceNumbers()
    return axis


def _week_axis(labels: list[str]) -> QBarCategoryAxis:
    """The weeks under a chart, in a smaller type; more than seven stand upright.

    A quarter's thirteen "14/9" labels do not fit side by side under a half-width chart, and
    Qt Charts cuts a label that does not fit to "1…" (slanted ones too); upright ones fit.
    """
    axis = QBarCategoryAxis()
    axis.append(labels)
    font = axis.labelsFont()
    font.setPointSizeF(7.5)
    axis.setLabelsFont(font)
    if len(labels) > 7:
        axis.setLabelsAngle(-90)
    return axis


class MonitoringScreen(PeriodMixin, Screen):
    """Pemantauan: the period's KPIs, four charts and the table of posts with their figures."""

    TOPICS: ClassVar[frozenset[str]] = frozenset({"plan", "assets", "settings"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        head = self.header(tr("monitor.title"), tr("monitor.subtitle"))
        self.add_period_pickers(head, "monitoring_default_days")
        self.import_button = QPushButton(tr("monitor.import"))
        self.import_button.clicked.connect(self.import_metrics)
        head.addWidget(self.import_button)

        self.tabs = QTabWidget()
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 10, 0, 0)
        cards = QHBoxLayout()
        self.kpi_labels: dict[str, QLabel] = {}
        for key in ("posts", "reach", "engagement", "rate", "response", "hoaxes"):
            frame, lay = card(tr(f"monitor.kpi.{key}"))
            value = QLabel("-")
            value.setObjectName("kpiValue")
            value.setStyleSheet("font-size: 18pt; font-weight: 700; color: #10283b;")
            lay.addWidget(value)
            self.kpi_labels[key] = value
            cards.addWidget(frame)
        body.addLayout(cards)

        self.empty = empty_label(tr("monitor.empty"))
        body.addWidget(self.empty)
        self.charts = QWidget()
        grid = QGridLayout(self.charts)
        grid.setContentsMargins(0, 0, 0, 0)
        self.weekly_view, self.weekly_chart = _chart(tr("monitor.chart.weekly"))
        self.response_view, self.response_chart = _chart(tr("monitor.chart.response"))
        self.hazard_view, self.hazard_chart = _chart(tr("monitor.chart.hazard"))
        self.kind_view, self.kind_chart = _chart(tr("monitor.chart.kind"))
        grid.addWidget(self.weekly_view, 0, 0)
        grid.addWidget(self.response_view, 0, 1)
        grid.addWidget(self.hazard_view, 1, 0)
        grid.addWidget(self.kind_view, 1, 1)
        body.addWidget(self.charts, 3)

        frame, lay = card(tr("monitor.posts"))
        self.model = PostFiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(PostFiguresModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(PostFiguresModel.PUBLISHED,
                                                           QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.table)
        body.addWidget(frame, 1)
        self.tabs.addTab(page, tr("handle.tab.charts"))
        self.publish_panel = PublishPanel(self)
        self.comments_panel = CommentsPanel(self)
        self.hoax_panel = HoaxPanel(self)
        self.tabs.addTab(self.publish_panel, tr("handle.tab.publish"))
        self.tabs.addTab(self.comments_panel, tr("handle.tab.comments"))
        self.tabs.addTab(self.hoax_panel, tr("handle.tab.hoax"))
        self.root.addWidget(self.tabs, 1)
        self.series: dict[str, Any] = {}
        self.refresh()


    def refresh(self) -> None:
        lo, hi = self.period()
        if hi < lo:
            lo, hi = hi, lo
        summ = kpi.summary(self.arch, lo, hi)
        self.series = kpi.chart_series(self.arch, lo, hi)
        self.kpi_labels["posts"].setText(fmt_int(summ["posts"]))
        self.kpi_labels["reach"].setText(fmt_int(summ["reach"]))
        self.kpi_labels["engagement"].setText(fmt_int(summ["engagement"]))
        self.kpi_labels["rate"].setText(fmt_pct(summ["engagement_rate"]))
        self.kpi_labels["response"].setText(fmt_minutes(summ["response_minutes_median"]))
        self.kpi_labels["hoaxes"].setText(f"{fmt_int(summ['hoaxes'])}")
        has = summ["posts"] > 0
        self.empty.setVisible(not has)
        self.charts.setVisible(has)
        self._draw_weekly()
        self._draw_response()
        self._draw_groups(self.hazard_chart, self.series["by_hazard"])
        self._draw_groups(self.kind_chart, self.series["by_kind"])
        self.model.set_rows([p.to_dict() for p in kpi.post_figures(self.arch, lo, hi)])
        for panel in (self.publish_panel, self.comments_panel, self.hoax_panel):
            panel.refresh()

    # ------------------------------------------------------------ charts
    @staticmethod
    def _reset(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _week_labels(self) -> list[str]:
        return [f"{int(w[8:10])}/{int(w[5:7])}" for w in self.series["weeks"]]

    def _draw_weekly(self) -> None:
        chart = self.weekly_chart
        self._reset(chart)
        reach, eng = QBarSet(tr("monitor.series.reach")), QBarSet(tr("monitor.series.engagement"))
        reach.setColor(NAVY)
        eng.setColor(ORANGE)
        reach.append([float(v) for v in self.series["reach"]])
        eng.append([float(v) for v in self.series["engagement"]])
        series = QBarSeries()
        series.append(reach)
        series.append(eng)
        chart.addSeries(series)
        x = _week_axis(self._week_labels())
        y = _value_axis(max(self.series["reach"] + self.series["engagement"] + [0]))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _draw_response(self) -> None:
        chart = self.response_chart
        self._reset(chart)
        line = QLineSeries()
        line.setName(tr("monitor.series.response"))
        line.setColor(GREEN)
        line.setPointsVisible(True)
        values = self.series["response_minutes"]
        for i, v in enumerate(values):
            if v is not None:
                line.append(i, float(v))
        chart.addSeries(line)
        # Points sit at category indices, so the weeks line up with the weekly bar chart beside it.
        x = _week_axis(self._week_labels())
        y = _value_axis(max([v for v in values if v is not None] + [0]))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(x)
        line.attachAxis(y)

    def _draw_groups(self, chart: QChart, groups: list[dict[str, Any]]) -> None:
        self._reset(chart)
        groups = list(reversed(groups[:8]))  # largest on top
        bars = QBarSet(tr("monitor.series.reach"))
        bars.setColor(NAVY)
        bars.append([float(g["reach"]) for g in groups])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([label(g["label"]) for g in groups])
        x = _value_axis(max([g["reach"] for g in groups] + [0]))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        chart.legend().setVisible(False)

    # ------------------------------------------------------------ import
    def import_metrics(self) -> None:
        sources = metrics.sources()
        choice, ok = QInputDialog.getItem(self, tr("monitor.import.title"), tr("monitor.import.source"),
                                          list(sources.values()), 0, False)
        if not ok:
            return
        source = next(k for k, v in sources.items() if v == choice)
        name, _ = QFileDialog.getOpenFileName(self, tr("monitor.import.title"), str(Path.home()),
                                              tr("monitor.import.filter"))
        if name:
            self.import_file(name, source)

    def import_file(self, path: str | Path, source: str) -> None:
        """Import an export file through the writer and show what was saved and refused."""
        actor = self.member.name

        def done(report: Any) -> None:
            icon = QMessageBox.Icon.Warning if report.errors else QMessageBox.Icon.Information
            box = QMessageBox(icon, tr("monitor.import.title"), report.summary(), QMessageBox.StandardButton.Ok, self)
            box.open()
            self.last_report = report

        run_write(self, lambda arch: metrics.import_file(arch, path, source, actor), {"plan", "log"}, on_done=done)
