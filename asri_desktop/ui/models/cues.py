"""Subtitle cues as a table: number, start, end, text, characters per second.

A cue whose reading speed is over the limit of ``resources/subtitles.toml``
(``max_cps``) shows its figure in the warning colour, so the person sees at a
glance which captions are too fast to read.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from asri_desktop.ui.models.base import RowsModel
from asri_desktop.ui.models.findings import SEVERITY_COLOURS

CUE_ROLE = Qt.ItemDataRole.UserRole + 11  # the core's Cue object of the row


def format_timestamp(seconds: float) -> str:
    """``00:01:02,345`` (the SRT form people already read in subtitle editors)."""
    ms = int(round(max(0.0, float(seconds)) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def reading_speed(cue: Any) -> float | None:
    """Characters per second of a cue's visible text (spaces and punctuation count); None if no duration."""
    from asri_desktop.core.media.subtitles import visible_text

    duration = float(cue.end) - float(cue.start)
    if duration <= 0:
        return None
    return sum(len(line) for line in visible_text(cue.text)) / duration


def max_cps() -> float:
    """The reading-speed limit from resources/subtitles.toml (via the subtitle module's loader)."""
    from asri_desktop.core.media.subtitles import load_limits

    return float(load_limits()["max_cps"])


class CuesModel(RowsModel):
    """The cue table of the Video screen."""

    ID_KEY = "index"
    INDEX, START, END, TEXT, CPS = range(5)
    COLUMNS = (
        ("index", "col.id"),
        ("start", "cues.col.start"),
        ("end", "cues.col.end"),
        ("text", "cues.col.text"),
        ("cps", "cues.col.cps"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.limit = max_cps()

    def set_cues(self, cues: Iterable[Any]) -> None:
        """The one entry point: replace every row with the core's cues."""
        rows = []
        for cue in cues:
            rows.append({
                "index": int(cue.index),
                "start": float(cue.start),
                "end": float(cue.end),
                "text": str(cue.text),
                "cps": reading_speed(cue),
                "cue": cue,
            })
        self.set_rows(rows)

    def cue_at_time(self, seconds: float) -> int:
        """Row of the cue showing at ``seconds`` (-1 when none)."""
        for i, r in enumerate(self._rows):
            if r["start"] <= seconds < r["end"]:
                return i
        return -1

    def text_at_time(self, seconds: float) -> str:
        """The caption a viewer sees at ``seconds`` (empty between cues)."""
        from asri_desktop.core.media.subtitles import visible_text

        row = self.cue_at_time(seconds)
        return "\n".join(visible_text(self._rows[row]["text"])) if row >= 0 else ""

    # -- cells
    def display(self, row: dict[str, Any], column: int) -> Any:
        if column in (self.START, self.END):
            return format_timestamp(row["start" if column == self.START else "end"])
        if column == self.TEXT:
            return row["text"].replace("\n", " / ")
        if column == self.CPS:
            return "" if row["cps"] is None else f"{row['cps']:.1f}".replace(".", ",")
        return row["index"]

    def tooltip(self, row: dict[str, Any], column: int) -> Any:
        return row["text"] if column == self.TEXT else None

    def extra_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == CUE_ROLE:
            return row["cue"]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CPS:
            if row["cps"] is not None and row["cps"] > self.limit + 1e-6:
                return QBrush(QColor(SEVERITY_COLOURS["warning"]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.INDEX, self.CPS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
