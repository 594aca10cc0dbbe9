"""The shared shape of the table models: named columns, one entry point that swaps rows.

Each list of the app has its own subclass (``AssetSearchModel``, ``LogModel`` …)
declaring ``COLUMNS`` as ``(key, header string key)`` pairs and class constants
naming each column index, like Vorta's archive table model. Rows are plain dicts
from the core. :class:`PagedModel` adds lazy loading with ``canFetchMore`` /
``fetchMore`` so a list of 100,000 assets costs one page at a time.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from asri_desktop.ui.strings import tr

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dict
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's id (for selection by id)


class RowsModel(QAbstractTableModel):
    """A read-only table of dict rows."""

    COLUMNS: ClassVar[Sequence[tuple[str, str]]] = ()
    ID_KEY: ClassVar[str] = "id"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    # -- the one entry point that swaps rows
    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_at(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Any) -> int:
        """Row number of the row whose id is ``key`` (-1 when absent)."""
        for i, r in enumerate(self._rows):
            if r.get(self.ID_KEY) == key:
                return i
        return -1

    # -- Qt interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return tr(self.COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.COLUMNS)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.display(row, index.column())
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return row.get(self.ID_KEY)
        return self.extra_data(row, index.column(), role)

    # -- for subclasses
    def display(self, row: dict[str, Any], column: int) -> Any:
        """The text of one cell; by default the row's value for the column key."""
        return row.get(self.COLUMNS[column][0])

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        return None


class PagedModel(RowsModel):
    """A :class:`RowsModel` that loads its rows a page at a time as the view scrolls.

    Args:
        fetch: ``fetch(limit, offset) -> rows`` for one page.
        count: ``count() -> int`` total rows (for the "n of total" label).
        page_size: rows per page.
    """

    PAGE_SIZE: ClassVar[int] = 200

    def __init__(self, parent: Any = None, page_size: int | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size or self.PAGE_SIZE
        self._fetch: Callable[[int, int], list[dict[str, Any]]] | None = None
        self._total = 0
        self._exhausted = True

    def set_source(self, fetch: Callable[[int, int], list[dict[str, Any]]], count: Callable[[], int]) -> None:
        """Start over with a new query: the first page loads now, the rest on demand."""
        # No fetchMore may run while the reset is in flight (views and testers ask during it).
        self._exhausted = True
        self.beginResetModel()
        self._fetch = fetch
        self._total = count()
        self._rows = list(fetch(self.page_size, 0))
        self._exhausted = len(self._rows) >= self._total or len(self._rows) < self.page_size
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many rows the query has in all (loaded or not)."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._fetch is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        page = list(self._fetch(self.page_size, len(self._rows)))
        if len(page) < self.page_size:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
        if len(self._rows) >= self._total:
            self._exhausted = True

    def fetch_all_until(self, row: int) -> None:
        """Load pages until ``row`` exists (used to select an id far down the list)."""
        while row >= len(self._rows) and self.canFetchMore():
            self.fetchMore()
