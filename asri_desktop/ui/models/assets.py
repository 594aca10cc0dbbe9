"""The archive list: a lazy model over ``Archive.search`` that stays quick with 100,000 assets."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPixmap

from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import PagedModel


FILTER_KEYS = ("kind", "hazard", "location", "state", "date_from", "date_to")


def ranked_ids(arch: Any, text: str, filters: dict[str, Any]) -> list[int] | None:
    """Ids of the assets matching ``text`` and ``filters``, best match first (None if not possible)."""
    q = arch.fts_query(text or "")
    filt = getattr(arch, "_filters", None)
    if not q or filt is None:
        return None
    # The archive's own filter clauses, so the results are exactly those of Archive.search.
    where, params = filt(*(filters.get(k) for k in FILTER_KEYS))
    sql = ("SELECT a.id FROM assets_fts JOIN assets a ON a.rowid = assets_fts.rowid WHERE assets_fts MATCH ?"
           + "".join(" AND " + w for w in where) + " ORDER BY assets_fts.rank")
    return [r[0] for r in arch.conn.execute(sql, [q, *params])]


def rows_by_id(arch: Any, ids: list[int]) -> list[dict[str, Any]]:
    """The search rows (as ``Archive.search`` gives them) of ``ids``, in that order."""
    if not ids:
        return []
    cols = ["id", "kind", "title", "hazard", "location", "state", "current_version", "updated_at"]
    marks = ",".join("?" for _ in ids)
    found = {r[0]: dict(zip(cols, r)) for r in arch.conn.execute(
        f"SELECT {', '.join('a.' + c for c in cols)} FROM assets a WHERE a.id IN ({marks})", ids)}
    return [found[i] for i in ids if i in found]


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
        """Run a new search on ``arch`` (an :class:`Archive`); loads the first page.

        Without text, pages come from ``Archive.search`` with an offset (cheap: the
        list is ordered by an index). With text, results are ordered by FTS rank, and
        every offset page would rank all matches again (100 pages of a 100,000-hit
        search took 40 s); so the ranked ids are fetched once and pages are read by id.
        """
        clean = {k: v for k, v in filters.items() if v}
        ids = ranked_ids(arch, text, clean) if arch.fts_query(text or "") else None
        if ids is None:
            self.set_source(
                lambda limit, offset: arch.search(text, limit=limit, offset=offset, **clean),
                lambda: arch.count(text, **clean),
            )
            return
        self.show_ids(arch, ids)

    def show_ids(self, arch: Any, ids: list[int]) -> None:
        """Show ranked search results given as ids (ranked off the GUI thread by the archive screen)."""
        self.set_source(lambda limit, offset: rows_by_id(arch, ids[offset:offset + limit]), lambda: len(ids))

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
