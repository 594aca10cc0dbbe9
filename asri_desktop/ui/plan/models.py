"""Table models of the plan screens: plan items and post figures (checked with qtmodeltester)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt

from asri_desktop.core import dates
from asri_desktop.core.plan import times, vocab
from asri_desktop.core.plan.report import fmt_int, fmt_pct
from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.strings import label


class PlanItemsModel(RowsModel):
    """Plan items as rows (dicts from :meth:`PlanItem.to_dict`)."""

    COLUMNS: ClassVar = (
        ("due_date", "plan.col.due"), ("topic", "plan.col.topic"), ("kind", "plan.col.kind"),
        ("hazard", "plan.col.hazard"), ("slots", "plan.col.slots"), ("assignee", "plan.col.assignee"),
        ("status", "plan.col.status"), ("asset_id", "plan.col.asset"),
    )
    DUE, TOPIC, KIND, HAZARD, SLOTS, ASSIGNEE, STATUS, ASSET = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hazard_names: dict[str, str] = {}

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.DUE:
            return dates.format_date(row["due_date"])
        if column == self.KIND:
            return label(vocab.kinds().get(row["kind"], row["kind"]))
        if column == self.HAZARD:
            return label(self.hazard_names.get(row.get("hazard") or "", row.get("hazard") or "-"))
        if column == self.SLOTS:
            plats = vocab.platforms()
            return ", ".join(f"{plats.get(p, p)} {times.format_local(at)}" for p, at in row["slots"].items()) or "-"
        if column == self.STATUS:
            return label(vocab.statuses().get(row["status"], row["status"]))
        if column == self.ASSET:
            return f"#{row['asset_id']}" if row.get("asset_id") else "-"
        if column == self.ASSIGNEE:
            return row.get("assignee") or "-"
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return row.get("notes") or None


class PostFiguresModel(RowsModel):
    """Published posts with their newest figures (dicts from :meth:`PostFigures.to_dict`)."""

    ID_KEY: ClassVar[str] = "publication_id"
    COLUMNS: ClassVar = (
        ("published_at", "monitor.col.published"), ("title", "monitor.col.title"),
        ("platform", "monitor.col.platform"), ("reach", "monitor.col.reach"),
        ("engagement", "monitor.col.engagement"), ("rate", "monitor.col.rate"),
    )
    PUBLISHED, TITLE, PLATFORM, REACH, ENGAGEMENT, RATE = range(6)

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.PUBLISHED:
            return f"{dates.format_date(times.local_date(row['published_at']), weekday=False)}, " \
                   f"{dates.format_time(times.from_iso(row['published_at']))}"
        if column == self.PLATFORM:
            return vocab.platforms().get(row["platform"], row["platform"])
        if column in (self.REACH, self.ENGAGEMENT):
            return fmt_int(row.get(self.COLUMNS[column][0]))
        if column == self.RATE:
            return fmt_pct(row.get("rate"))
        if column == self.TITLE:
            return f"#{row['asset_id']} {row['title']}"
        return super().display(row, column)

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.REACH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
