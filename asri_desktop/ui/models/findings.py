"""Findings as a table: severity, where (time, cue, field), message.

One model serves the Buat Konten screen (findings of the live preview) and the
Video screen (findings of ``check_video``). Rows are the core's
:class:`~asri_desktop.core.findings.Finding` objects turned into dicts once, so
the view never reaches back into the core while painting.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from asri_desktop.core.findings import Finding
from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.strings import STRINGS, tr

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10  # the Finding object of the row

# Severity colours match the banner palette of resources/ui/style.qss.
SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#a15c00", "info": "#1d6fb8"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def where_text(finding: Finding, slot_labels: dict[str, str] | None = None, show_lines: bool = True) -> str:
    """A short Indonesian "where" for a finding: ``00:12,5``, ``cue 3``, the field's label."""
    parts: list[str] = []
    if finding.at is not None:
        parts.append(format_time(finding.at))
    if finding.cue is not None:
        parts.append(tr("findings.where.cue", n=finding.cue))
    if finding.slot:
        parts.append((slot_labels or {}).get(finding.slot, finding.slot))
    if show_lines and finding.line is not None and finding.cue is None:
        parts.append(tr("findings.where.line", n=finding.line))
    return " · ".join(parts)


def format_time(seconds: float) -> str:
    """``mm:ss,d`` (Indonesian decimal comma) for a time in a short video."""
    seconds = max(0.0, float(seconds))
    minutes = int(seconds // 60)
    rest = seconds - minutes * 60
    return f"{minutes:02d}:{rest:04.1f}".replace(".", ",")


class FindingsModel(RowsModel):
    """The findings list; errors first, then warnings, then notes, each in the core's order."""

    ID_KEY = "n"
    SEVERITY, WHERE, MESSAGE = range(3)
    COLUMNS = (
        ("severity", "col.severity"),
        ("where", "findings.col.where"),
        ("message", "col.message"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.slot_labels: dict[str, str] = {}
        self.show_lines = True
        # A narrow view hides the WHERE column and reads "Judul: message" instead.
        self.where_in_message = False

    def set_findings(self, findings: Iterable[Finding], slot_labels: dict[str, str] | None = None) -> None:
        """The one entry point: replace every row with ``findings``."""
        if slot_labels is not None:
            self.slot_labels = dict(slot_labels)
        ordered = sorted(enumerate(findings), key=lambda p: (SEVERITY_ORDER.get(p[1].severity, 3), p[0]))
        rows = []
        for n, (_i, f) in enumerate(ordered):
            rows.append({
                "n": n,
                "severity": f.severity,
                "where": where_text(f, self.slot_labels, self.show_lines),
                "message": f.message,
                "suggestion": f.suggestion or "",
                "code": f.code,
                "finding": f,
            })
        self.set_rows(rows)

    def finding_at(self, row: int) -> Finding | None:
        """The Finding shown on ``row`` (None outside the table)."""
        r = self.row_at(row)
        return r["finding"] if r else None

    def findings(self) -> list[Finding]:
        return [r["finding"] for r in self._rows]

    def counts(self) -> dict[str, int]:
        """How many findings of each severity are listed."""
        out = {"error": 0, "warning": 0, "info": 0}
        for r in self._rows:
            out[r["severity"]] = out.get(r["severity"], 0) + 1
        return out

    # -- cells
    def display(self, row: dict[str, Any], column: int) -> Any:
        if column == self.MESSAGE and self.where_in_message and row["where"]:
            return f"{row['where']}: {row['message']}"
        if column == self.SEVERITY:
            key = f"severity.{row['severity']}"
            return tr(key) if key in STRINGS else row["severity"]
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        text = row["message"]
        if row["suggestion"]:
            text += "\n" + tr("findings.suggestion", text=row["suggestion"])
        return f"{text}\n[{row['code']}]"

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == FINDING_ROLE:
            return row["finding"]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return QBrush(QColor(SEVERITY_COLOURS.get(row["severity"], "#1c2b36")))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Wrapped messages make tall rows: every cell starts at the top, next to its severity.
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None
