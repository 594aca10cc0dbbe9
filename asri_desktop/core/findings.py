"""Findings: the one shape every automated check reports in.

A finding has a stable ``code`` (``stamp.missing``, ``video.too_long``,
``language.no_action`` ...), a ``severity`` (``error`` blocks export or
approval, ``warning`` and ``info`` do not), a message in Bahasa Indonesia, and
optional details: ``at`` (seconds into a video), ``cue`` (subtitle cue number),
``line`` (line in a file), ``slot`` (template slot), ``suggestion``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One result of an automated check."""

    code: str
    severity: Severity
    message: str
    at: float | None = None
    cue: int | None = None
    line: int | None = None
    slot: str | None = None
    suggestion: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``at``/``cue`` are always present (may be None)."""
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        for key in ("line", "slot", "suggestion"):
            if d[key] is None:
                d.pop(key)
        return d

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.is_error for f in findings)
