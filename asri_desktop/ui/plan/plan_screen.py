"""Rencana: the week and month calendar of plan items and scheduled posts, the plan table, add/export/import."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QDialog, QDialogButtonBox,
    QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
    QTableView, QTableWidget, QVBoxLayout, QWidget,
)

from asri_desktop.core import dates, resources
from asri_desktop.core.plan import calendar, times, vocab
from asri_desktop.ui.plan.models import PlanItemsModel
from asri_desktop.ui.plan.writes import run_write
from asri_desktop.ui.screens.base import Screen, card
from asri_desktop.ui.screens.widgets import DATE_FORMAT, DATETIME_FORMAT, empty_label
from asri_desktop.ui.strings import label, tr

PLATFORM_COLOURS = {"instagram": "#c13584", "facebook": "#1877f2", "tiktok": "#111111", "youtube": "#d62828",
                    "x": "#333333", "whatsapp": "#128c4b"}
MAX_LINES = {"week": 12, "month": 2}
COMPACT_CHARS = 16


def _short(text: str, compact: bool) -> str:
    # Month cells are small: one line per entry, the topic cut with an ellipsis (the full text is in the table).
    return text if not compact or len(text) <= COMPACT_CHARS else text[: COMPACT_CHARS - 1].rstrip() + "…"


def _day_html(day: date, entries: dict[str, list], hazard_names: dict[str, str], *, muted: bool, today: bool,
              limit: int, compact: bool = False) -> str:
    """One calendar cell: the day number, then scheduled posts (coloured by platform) and due dates."""
    plats = vocab.platforms()
    colour = "#9aa5ae" if muted else ("#b45309" if today else "#10283b")
    parts = [f"<div style='font-weight:700;color:{colour}'>{day.day}</div>"]
    lines = []
    for post in entries.get("posts", []):
        t = times.local(post.publish_at)
        c = PLATFORM_COLOURS.get(post.platform, "#1f4e79")
        lines.append(f"<span style='color:{c}'>●</span> {t:%H.%M} {html.escape(plats.get(post.platform, post.platform))}"
                     f": {html.escape(_short(post.topic, compact))}")
    for item in entries.get("due", []):
        lines.append(f"<span style='color:#b45309'>◆</span> "
                     f"{html.escape(tr('plan.due', topic=_short(item.topic, compact)))}")
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"<i>{html.escape(tr('plan.more', n=len(lines) - limit))}</i>")
    parts += [f"<div style='font-size:9pt'>{ln}</div>" for ln in shown]
    return "".join(parts)


class CalendarGrid(QTableWidget):
    """Seven columns (Senin..Minggu), one row per week; each cell a rich-text label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(7)
        self.setHorizontalHeaderLabels([label(d) for d in resources.data("locale_id.toml")["days"]])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setObjectName("planCalendar")
        self.days: list[date] = []

    def show_days(self, days: list[date], agenda: dict[date, dict[str, list]], hazard_names: dict[str, str],
                  mode: str, anchor: date) -> None:
        """Fill the grid with ``days`` (whole weeks) from ``agenda``."""
        self.clearContents()
        self.days = list(days)
        rows = len(days) // 7
        self.setRowCount(rows)
        today = dates.today()
        for i, day in enumerate(days):
            lab = QLabel(_day_html(day, agenda.get(day, {}), hazard_names,
                                   muted=(mode == "month" and day.month != anchor.month), today=(day == today),
                                   limit=MAX_LINES[mode], compact=(mode == "month")))
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            lab.setWordWrap(True)
            lab.setContentsMargins(6, 4, 6, 4)
            if day == today:
                lab.setStyleSheet("background:#fff7e6;")
            self.setCellWidget(i // 7, i % 7, lab)
        # Rows share the height: one tall week, or five/six month rows.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(72)

    def cell_text(self, day: date) -> str:
        """The plain text of a day's cell (for tests and accessibility)."""
        idx = self.days.index(day)
        w = self.cellWidget(idx // 7, idx % 7)
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(w.text())
        return doc.toPlainText()


class PlanItemDialog(QDialog):
    """The form for a new plan item: topic, kind, hazard, due date, assignee, platforms with times, notes."""

    def __init__(self, arch: Any, parent: QWidget | None = None, *, day: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("plan.dialog.title"))
        settings = arch.settings()
        form = QFormLayout()
        self.topic = QLineEdit()
        self.kind = QComboBox()
        for k, v in vocab.kinds().items():
            self.kind.addItem(label(v), k)
        self.hazard = QComboBox()
        self.hazard.addItem(tr("plan.dialog.none"), None)
        for k, v in vocab.hazards(settings).items():
            self.hazard.addItem(label(v), k)
        day = day or dates.today()
        self.due = QDateEdit(QDate(day.year, day.month, day.day))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(DATE_FORMAT)
        self.assignee = QComboBox()
        self.assignee.addItem(tr("plan.dialog.none"), None)
        for m in arch.members():
            self.assignee.addItem(m.name, m.name)
        self.notes = QLineEdit()
        form.addRow(tr("plan.dialog.topic"), self.topic)
        form.addRow(tr("plan.dialog.kind"), self.kind)
        form.addRow(tr("plan.dialog.hazard"), self.hazard)
        form.addRow(tr("plan.dialog.due"), self.due)
        form.addRow(tr("plan.dialog.assignee"), self.assignee)
        grid = QGridLayout()
        self.platform_rows: dict[str, tuple[QCheckBox, QDateTimeEdit]] = {}
        start = QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0))
        for r, (pid, name) in enumerate(vocab.platforms().items()):
            box = QCheckBox(name)
            when = QDateTimeEdit(start)
            when.setDisplayFormat(DATETIME_FORMAT)
            when.setCalendarPopup(True)
            when.setEnabled(False)
            box.toggled.connect(when.setEnabled)
            grid.addWidget(box, r, 0)
            grid.addWidget(when, r, 1)
            self.platform_rows[pid] = (box, when)
        form.addRow(tr("plan.dialog.platforms"), grid)
        form.addRow(tr("plan.dialog.notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        """The form as keyword arguments of :func:`calendar.add_item` (without ``actor``)."""
        slots = {}
        for pid, (box, when) in self.platform_rows.items():
            if box.isChecked():
                qd = when.dateTime()
                d, t = qd.date(), qd.time()
                slots[pid] = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        d = self.due.date()
        return {"topic": self.topic.text(), "kind": self.kind.currentData(), "hazard": self.hazard.currentData(),
                "due_date": date(d.year(), d.month(), d.day()), "assignee": self.assignee.currentData(),
                "slots": slots, "notes": self.notes.text()}


class PlanScreen(Screen):
    """Rencana: week or month view of plan items and scheduled posts, with the plan table below."""

    TOPICS: ClassVar[frozenset[str]] = frozenset({"plan", "assets"})

    def __init__(self, archive: Any, member: Any, parent: QWidget | None = None, *, writer: Any = None) -> None:
        super().__init__(archive, member, parent, writer=writer)
        self.mode = "week"
        self.anchor = dates.today()
        head = self.header(tr("plan.title"), tr("plan.subtitle"))
        self.add_button = QPushButton(tr("plan.add"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_item)
        self.export_button = QPushButton(tr("plan.export"))
        self.export_button.clicked.connect(self.export_plan)
        self.import_button = QPushButton(tr("plan.import"))
        self.import_button.clicked.connect(self.import_plan)
        for b in (self.import_button, self.export_button, self.add_button):
            head.addWidget(b)

        bar = QHBoxLayout()
        self.week_button = QPushButton(tr("plan.week"))
        self.month_button = QPushButton(tr("plan.month"))
        group = QButtonGroup(self)
        for b in (self.week_button, self.month_button):
            b.setCheckable(True)
            group.addButton(b)
        self.week_button.setChecked(True)
        self.week_button.clicked.connect(lambda: self.set_mode("week"))
        self.month_button.clicked.connect(lambda: self.set_mode("month"))
        prev, today, nxt = QPushButton(tr("plan.prev")), QPushButton(tr("plan.today")), QPushButton(tr("plan.next"))
        prev.clicked.connect(lambda: self.step(-1))
        nxt.clicked.connect(lambda: self.step(1))
        today.clicked.connect(self.go_today)
        self.period = QLabel()
        self.period.setObjectName("h2")
        for w in (self.week_button, self.month_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        bar.addWidget(prev)
        bar.addWidget(today)
        bar.addWidget(nxt)
        bar.addSpacing(16)
        bar.addWidget(self.period, 1)
        self.root.addLayout(bar)

        self.grid = CalendarGrid()
        self.root.addWidget(self.grid, 3)

        frame, lay = card(tr("plan.list_title"))
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = QPushButton(tr("plan.start_asset"))
        self.start_button.clicked.connect(self.start_asset)
        row.addWidget(self.start_button)
        lay.addLayout(row)
        self.model = PlanItemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(PlanItemsModel.TOPIC, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(PlanItemsModel.SLOTS, QHeaderView.ResizeMode.Stretch)
        for col in (PlanItemsModel.DUE, PlanItemsModel.ASSIGNEE, PlanItemsModel.STATUS, PlanItemsModel.KIND):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = empty_label(tr("plan.empty"))
        lay.addWidget(self.table)
        lay.addWidget(self.empty)
        self.root.addWidget(frame, 2)
        self.refresh()

    # ------------------------------------------------------------ view
    def days(self) -> list[date]:
        if self.mode == "week":
            return calendar.week_days(self.anchor)
        return calendar.month_days(self.anchor.year, self.anchor.month)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        (self.week_button if mode == "week" else self.month_button).setChecked(True)
        self.refresh()

    def step(self, direction: int) -> None:
        """Move one week or one month back (-1) or forward (+1)."""
        if self.mode == "week":
            self.anchor += timedelta(days=7 * direction)
        else:
            m = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + m // 12, m % 12 + 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = dates.today()
        self.refresh()

    def refresh(self) -> None:
        days = self.days()
        settings = self.arch.settings()
        names = vocab.hazards(settings)
        agenda = calendar.agenda(self.arch, days[0], days[-1])
        self.grid.show_days(days, agenda, names, self.mode, self.anchor)
        if self.mode == "week":
            self.period.setText(tr("plan.period_week", start=dates.format_date(days[0], weekday=False),
                                   end=dates.format_date(days[-1], weekday=False)))
        else:
            months = resources.data("locale_id.toml")["months"]
            self.period.setText(tr("plan.period_month", month=months[self.anchor.month - 1], year=self.anchor.year))
        if self.mode == "week":
            items = calendar.list_items(self.arch, days[0], days[-1])
        else:
            first = date(self.anchor.year, self.anchor.month, 1)
            last = calendar.month_days(self.anchor.year, self.anchor.month)[-1]
            items = [i for i in calendar.list_items(self.arch, first, last)]
        self.model.hazard_names = names
        self.model.set_rows([i.to_dict() for i in items])
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)

    # ------------------------------------------------------------ actions
    def _actor(self) -> str:
        return self.member.name

    def add_item(self) -> None:
        dlg = PlanItemDialog(self.arch, self, day=self.anchor)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_item(dlg.values())

    def save_item(self, values: dict[str, Any]) -> None:
        """Add a plan item from the dialog's values (through the writer)."""
        actor = self._actor()
        run_write(self, lambda arch: calendar.add_item(arch, actor=actor, **values), {"plan", "log"})

    def selected_item_id(self) -> int | None:
        idx = self.table.selectionModel().selectedRows()
        if not idx:
            return None
        return self.model.row_at(idx[0].row())["id"]

    def start_asset(self) -> None:
        iid = self.selected_item_id()
        if iid is None:
            QMessageBox.information(self, tr("plan.title"), tr("plan.pick_row"))
            return
        actor = self._actor()
        run_write(self, lambda arch: calendar.start_asset(arch, iid, actor), {"plan", "assets", "log"},
                  on_done=lambda a: self.window().statusBar().showMessage(tr("plan.asset_started", id=a.id), 5000)
                  if hasattr(self.window(), "statusBar") else None)

    def export_plan(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, tr("plan.export.title"),
                                                   str(Path.home() / "rencana-konten.xlsx"), tr("plan.export.filter"))
        if name:
            if Path(name).suffix.lower() not in (".ics", ".csv", ".xlsx"):
                # No suffix typed: take it from the chosen filter ("CSV (*.csv)" -> ".csv").
                name += chosen[chosen.find("*") + 1: chosen.find(")")] if "*" in chosen else ".xlsx"
            self.export_to(name)

    def export_to(self, path: str | Path) -> int | None:
        """Export the plan by the file's suffix (.ics, .csv, .xlsx); returns rows/events written."""
        fmt = Path(path).suffix.lower().lstrip(".") or "xlsx"
        try:
            n = calendar.export_plan(self.arch, fmt, path)
        except Exception as exc:  # noqa: BLE001 - shown to the person, not swallowed
            from asri_desktop.ui.errors import show_error

            show_error(self, exc)
            return None
        self.subtitle.setText(tr("plan.export.done", n=n, path=path))
        return n

    def import_plan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("plan.import.title"), str(Path.home()), tr("plan.import.filter"))
        if not name:
            return
        preview = self.preview_import(name)
        if preview is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, tr("plan.import.preview", name=Path(name).name),
                          preview.summary() + "\n\n" + tr("plan.import.apply"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.apply_import(name)

    def preview_import(self, path: str | Path) -> Any:
        from asri_desktop.core.errors import AsriError
        from asri_desktop.ui.errors import show_error

        try:
            return calendar.import_plan(self.arch, path, self._actor(), dry_run=True)
        except AsriError as exc:
            show_error(self, exc)
            return None

    def apply_import(self, path: str | Path) -> None:
        actor = self._actor()
        run_write(self, lambda arch: calendar.import_plan(arch, path, actor), {"plan", "log"})
