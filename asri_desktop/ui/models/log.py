"""The decision log as a lazy table, newest entry first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import PagedModel
from asri_desktop.ui.strings import log_action


class LogModel(PagedModel):
    """Decision-log entries filtered by actor, action and asset; pages loaded on scroll."""

    ID_KEY = "seq"
    SEQ, AT, ACTOR, ROLE, ACTION, ASSET, CHANGE, COMMENT = range(8)
    COLUMNS = (
        ("seq", "col.id"),
        ("at", "col.when"),
        ("actor", "col.actor"),
        ("role", "col.role"),
        ("action", "col.action"),
        ("asset_id", "col.asset"),
        ("to_state", "col.change"),
        ("comment", "col.comment"),
    )

    def __init__(self, parent: Any = None, page_size: int | None = None) -> None:
        super().__init__(parent, page_size)
        self.bad_seq: int | None = None

    def load(self, arch: Any, *, actor: str | None = None, action: str | None = None,
             asset_id: int | None = None) -> None:
        """Show the entries matching the filters (None = any)."""
        def fetch(limit: int, offset: int) -> list[dict[str, Any]]:
            return arch.log_entries(asset_id, actor=actor, action=action, limit=limit, offset=offset,
                                    newest_first=True)

        def count() -> int:
            return arch.count_log_entries(asset_id, actor=actor, action=action)

        self.set_source(fetch, count)

    def mark_bad(self, seq: int | None) -> None:
        """Highlight the first broken entry (from a failed verification)."""
        self.bad_seq = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.AT:
            return fmt.short_datetime(row["at"])
        if column == self.ROLE:
            return fmt.role(row["role"]) if row.get("role") else ""
        if column == self.ACTION:
            return log_action(row["action"])
        if column == self.ASSET:
            return f"#{row['asset_id']}" if row.get("asset_id") is not None else ""
        if column == self.CHANGE:
            if row.get("to_state"):
                before = fmt.state(row["from_state"]) if row.get("from_state") else ""
                return f"{before} → {fmt.state(row['to_state'])}" if before else fmt.state(row["to_state"])
            return ""
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        if column == self.AT:
            return fmt.long_datetime(row["at"])
        if column == self.COMMENT and row.get("comment"):
            return row["comment"]
        return None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self.bad_seq is not None and row["seq"] == self.bad_seq:
            return QBrush(QColor("#fde2e1"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
