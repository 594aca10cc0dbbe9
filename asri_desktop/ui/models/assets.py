"""The archive list: a lazy model over ``Archive.search`` that stays quick with 100,000 assets."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap

from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import PagedModel


class AssetSearchModel(PagedModel):
    """Search results, one page of ~200 assets at a time.

    Thumbnails come from an optional ``thumbnail(asset_id) -> QPixmap | None``
    provider (the archive screen's background cache); the model never decodes images.
    """

    ID, TITLE, KIND, HAZARD, LOCATION, STATE, VERSION, UPDATED = range(8)
    COLUMNS = (
        ("id", "col.id"),
        ("title", "col.title"),
        ("kind", "col.kind"),
        ("hazard", "col.hazard"),
        ("location", "col.location"),
        ("state", "col.state"),
        ("current_version", "col.version"),
        ("updated_at", "col.updated"),
    )

    def __init__(self, parent: Any = None, page_size: int | None = None) -> None:
        super().__init__(parent, page_size)
        self.thumbnail: Callable[[int], QPixmap | None] | None = None
        self.hazard_names: dict[str, str] = {}

    def search(self, arch: Any, text: str = "", **filters: Any) -> None:
        """Run a new search on ``arch`` (an :class:`Archive`); loads the first page."""
        clean = {k: v for k, v in filters.items() if v}
        self.set_source(
            lambda limit, offset: arch.search(text, limit=limit, offset=offset, **clean),
            lambda: arch.count(text, **clean),
        )

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.KIND:
            return fmt.kind(row["kind"])
        if column == self.HAZARD:
            return fmt.hazard(row.get("hazard"), self.hazard_names) if row.get("hazard") else ""
        if column == self.STATE:
            return fmt.state(row["state"])
        if column == self.UPDATED:
            return fmt.short_datetime(row["updated_at"])
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        if column == self.TITLE:
            return row["title"]
        if column == self.UPDATED:
            return fmt.long_datetime(row["updated_at"])
        return None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.TITLE and self.thumbnail:
            return self.thumbnail(row["id"])
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(QColor(fmt.STATE_COLOURS.get(row["state"], "#333333")))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ID, self.VERSION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.SizeHintRole and column == self.TITLE and self.thumbnail:
            return QSize(260, 44)
        return None

    def refresh_row(self, asset_id: int) -> None:
        """Tell views a row's decoration changed (its thumbnail arrived)."""
        r = self.row_of(asset_id)
        if r >= 0:
            idx = self.index(r, self.TITLE)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])
