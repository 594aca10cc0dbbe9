"""Models of the review screen: the queue for my role, the asset's versions, findings and checklist."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from asri_desktop.core.inbox import queue_rows, stages_for  # noqa: F401 - the review screen's queue
from asri_desktop.ui import fmt
from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.strings import tr

SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#a15c00", "info": "#1d6fb8"}


class QueueModel(RowsModel):
    """Assets waiting for the member's review, with who made the version under review."""

    ID, TITLE, KIND, STATE, CREATOR, UPDATED = range(6)
    COLUMNS = (
        ("id", "col.id"),
        ("title", "col.title"),
        ("kind", "col.kind"),
        ("state", "col.state"),
        ("creator", "col.creator"),
        ("updated_at", "col.updated"),
    )

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.KIND:
            return fmt.kind(row["kind"])
        if column == self.STATE:
            return fmt.state(row["state"])
        if column == self.UPDATED:
            return fmt.short_datetime(row["updated_at"])
        return super().display(row, column)

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(QColor(fmt.STATE_COLOURS.get(row["state"], "#333333")))
        return None


class VersionsModel(RowsModel):
    """The versions of one asset, newest first."""

    ID_KEY = "number"
    NUMBER, CREATED, CREATOR, FILES, NOTE, HASH = range(6)
    COLUMNS = (
        ("number", "col.version"),
        ("created_at", "col.when"),
        ("created_by", "col.creator"),
        ("files", "col.files"),
        ("note", "col.note"),
        ("content_hash", "col.hash"),
    )

    def load(self, arch: Any, asset_id: int) -> None:
        rows = []
        for v in reversed(arch.versions(asset_id)):
            rows.append({
                "number": v.number, "created_at": v.created_at, "created_by": v.created_by,
                "files": ", ".join(f.name for f in v.files), "note": v.note, "content_hash": v.content_hash,
            })
        self.set_rows(rows)

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.CREATED:
            return fmt.short_datetime(row["created_at"])
        if column == self.HASH:
            return row["content_hash"][:12]
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        if column == self.FILES and row["files"]:
            return row["files"].replace(", ", "\n")
        if column == self.NOTE:
            return row["note"] or None
        return None


class FindingsModel(RowsModel):
    """Automated findings (:class:`asri_desktop.core.findings.Finding` as dicts), errors first."""

    ID_KEY = "code"
    SEVERITY, MESSAGE = range(2)
    COLUMNS = (("severity", "col.severity"), ("message", "col.message"))

    def set_findings(self, findings: list[Any]) -> None:
        order = {"error": 0, "warning": 1, "info": 2}
        rows = [f.to_dict() if hasattr(f, "to_dict") else dict(f) for f in findings]
        rows.sort(key=lambda r: order.get(r.get("severity", "info"), 3))
        self.set_rows(rows)

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.SEVERITY:
            return tr(f"severity.{row.get('severity', 'info')}") if row.get("severity") in SEVERITY_COLOURS else row.get("severity")
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return row.get("suggestion") or None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QBrush(QColor(SEVERITY_COLOURS.get(row.get("severity", ""), "#333333")))
        return None


RESULT_COLOURS = {"pass": "#2e7d4f", "fail": "#b3261e", "na": "#6b7785", "unanswered": "#a15c00"}
RESULTS = ("unanswered", "pass", "fail", "na")


class ChecklistModel(RowsModel):
    """A stage's checklist (``checklist.ChecklistResult.items`` as dicts) that the reviewer fills in.

    Every item takes a result (pass, fail, na) and a note. An item the automated
    checks decided (``source == "auto"``) becomes the reviewer's answer once edited:
    a reviewer may always fail it, and may pass a failed heuristic item with a note;
    the core decides what such an answer counts for (``checklist._apply_over_auto``).
    :meth:`answers` gives the shape :func:`asri_desktop.core.review.checklist.normalize_answers` accepts.
    """

    ITEM, RESULT, SOURCE, NOTE = range(4)
    COLUMNS = (("label", "col.check_item"), ("result", "col.result"), ("source", "col.source"), ("note", "col.note"))

    def set_items(self, items: list[Any]) -> None:
        rows = [i.to_dict() if hasattr(i, "to_dict") else dict(i) for i in items]
        self.set_rows(rows)

    def editable(self, row: dict[str, Any]) -> bool:
        return True

    @staticmethod
    def answered_by_reviewer(row: dict[str, Any]) -> bool:
        return row.get("source") != "auto"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        if index.column() in (self.RESULT, self.NOTE) and self.editable(row):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.RESULT:
            text = tr(f"result.{row.get('result', 'unanswered')}")
            return f"{text} ⚙" if row.get("source") == "auto" else text
        if column == self.SOURCE:
            return tr("source.auto") if row.get("source") == "auto" else tr("source.manual")
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        if column == self.ITEM:
            return row.get("help") or None
        if column == self.RESULT:
            return self.display(row, self.SOURCE)
        if column == self.NOTE and row.get("note"):
            return row["note"]
        return None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT:
            return QBrush(QColor(RESULT_COLOURS.get(row.get("result", ""), "#333333")))
        if role == Qt.ItemDataRole.EditRole:
            if column == self.RESULT:
                return row.get("result", "unanswered")
            if column == self.NOTE:
                return row.get("note", "")
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if not self.editable(row):
            return False
        if index.column() == self.RESULT:
            if value not in RESULTS:
                return False
            if value == row.get("result"):
                return True
            row["result"] = value
        elif index.column() == self.NOTE:
            row["note"] = str(value).strip()
        else:
            return False
        if row.get("source") == "auto":
            # The reviewer takes this item over: the reason must be their own words, not the checks' note.
            row["source"] = "manual"
            if index.column() == self.RESULT:
                row["auto_note"], row["note"] = row.get("note", ""), ""
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.COLUMNS) - 1))
        return True

    def set_answer(self, item_id: str, result: str, note: str = "") -> bool:
        """Answer one manual item by id (what the result editor does)."""
        r = self.row_of(item_id)
        if r < 0:
            return False
        ok = self.setData(self.index(r, self.RESULT), result)
        if ok and note:
            self.setData(self.index(r, self.NOTE), note)
        return ok

    def answers(self) -> dict[str, dict[str, str]]:
        """The reviewer's answers to the manual items."""
        return {r["id"]: {"result": r["result"], "note": r.get("note", "")}
                for r in self._rows if self.answered_by_reviewer(r) and r.get("result") in ("pass", "fail", "na")}

    def open_items(self) -> list[str]:
        """Labels of the items still unanswered."""
        return [r["label"] for r in self._rows if r.get("result") == "unanswered"]
