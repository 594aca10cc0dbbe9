"""Models of the settings screen: editable lists (contacts, kecamatan, sources), members, platform profiles."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.strings import label, tr

Index = QModelIndex | QPersistentModelIndex


class EditableRowsModel(RowsModel):
    """A table of setting rows a person edits in place, then saves as one setting value.

    ``BOOL_COLUMNS`` are tick boxes; ``REQUIRED`` keys must not be empty and ``UNIQUE``
    keys must not repeat (checked by :meth:`problems` before saving).
    """

    BOOL_COLUMNS: ClassVar[tuple[str, ...]] = ()
    REQUIRED: ClassVar[tuple[str, ...]] = ()
    UNIQUE: ClassVar[tuple[str, ...]] = ()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()][0] in self.BOOL_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def display(self, row: dict[str, Any], column: int) -> Any:
        key = self.COLUMNS[column][0]
        if key in self.BOOL_COLUMNS:
            return ""
        return row.get(key, "")

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        key = self.COLUMNS[column][0]
        if role == Qt.ItemDataRole.EditRole and key not in self.BOOL_COLUMNS:
            return str(row.get(key, "") or "")
        if role == Qt.ItemDataRole.CheckStateRole and key in self.BOOL_COLUMNS:
            return Qt.CheckState.Checked if row.get(key) else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        key = self.COLUMNS[index.column()][0]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and key in self.BOOL_COLUMNS:
            row[key] = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        elif role == Qt.ItemDataRole.EditRole and key not in self.BOOL_COLUMNS:
            row[key] = str(value).strip()
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def add_blank(self) -> int:
        """Append an empty row; returns its number."""
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append({k: (False if k in self.BOOL_COLUMNS else "") for k, _ in self.COLUMNS})
        self.endInsertRows()
        return n

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def problems(self) -> list[str]:
        """What stops these rows from being saved (empty required cells, duplicates)."""
        out: list[str] = []
        headers = dict(self.COLUMNS)
        seen: dict[str, set[str]] = {k: set() for k in self.UNIQUE}
        for i, row in enumerate(self._rows, 1):
            for key in self.REQUIRED:
                if not str(row.get(key, "")).strip():
                    out.append(tr("settings.err.empty", row=i, col=tr(headers[key])))
            for key in self.UNIQUE:
                v = str(row.get(key, "")).strip().lower()
                if v and v in seen[key]:
                    out.append(tr("settings.err.duplicate", row=i, value=row.get(key)))
                seen[key].add(v)
        return out

    def value(self) -> list[dict[str, Any]]:
        """The rows as the setting value to store (empty optional text dropped)."""
        out = []
        for row in self._rows:
            clean = {}
            for k, v in row.items():
                if k in self.BOOL_COLUMNS:
                    if v:
                        clean[k] = True
                elif isinstance(v, str):
                    if v.strip():
                        clean[k] = v.strip()
                else:
                    clean[k] = v
            out.append(clean)
        return out


class ContactsModel(EditableRowsModel):
    """Emergency contacts (setting ``contacts``): id, label, number, placeholder flag."""

    ID_KEY = "id"
    CID, LABEL, NUMBER, PLACEHOLDER = range(4)
    COLUMNS = (("id", "col.key"), ("label", "col.label"), ("number", "col.number"), ("placeholder", "col.placeholder"))
    BOOL_COLUMNS = ("placeholder",)
    REQUIRED = ("id", "label", "number")
    UNIQUE = ("id",)


class KecamatanModel(EditableRowsModel):
    """Locations (setting ``kecamatan``)."""

    ID_KEY = "name"
    NAME, = range(1)
    COLUMNS = (("name", "col.name"),)
    REQUIRED = ("name",)
    UNIQUE = ("name",)


class SourcesModel(EditableRowsModel):
    """Data sources (setting ``sources``)."""

    SID, NAME, SHORT, DOMAIN = range(4)
    COLUMNS = (("id", "col.key"), ("name", "col.name"), ("short", "col.short"), ("domain", "col.domain"))
    REQUIRED = ("id", "name")
    UNIQUE = ("id",)


class MembersModel(RowsModel):
    """Team members and their roles (read-only; roles change through the role editor)."""

    ID_KEY = "name"
    NAME, ROLES = range(2)
    COLUMNS = (("name", "col.name"), ("roles", "col.roles"))

    def load(self, arch: Any) -> None:
        self.set_rows([{"id": m.id, "name": m.name, "role_ids": m.roles} for m in arch.members()])

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.ROLES:
            return fmt.roles(row["role_ids"])
        return super().display(row, column)


class KeyValueModel(RowsModel):
    """A read-only table of any list of dicts (platform profiles); columns given at construction."""

    def __init__(self, columns: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)

    @property
    def COLUMNS(self) -> list[tuple[str, str]]:  # type: ignore[override]
        return self._columns

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return label(self._columns[section][1])
        return None

    def display(self, row: dict[str, Any], column: int) -> Any:
        v = row.get(self._columns[column][0], "")
        if isinstance(v, (list, tuple)):
            return ", ".join(str(x) for x in v)
        if isinstance(v, int) and not isinstance(v, bool) and v >= 100_000:
            return f"{v:,}".replace(",", ".")
        return v
