"""Short display forms for tables: ``27 Nov 2026 14.30`` and labels from the core's tables.

Long forms (``Jumat, 27 November 2026, 14.30 WIB``) come from :mod:`asri_desktop.core.dates`;
tables need something narrower, built from the same locale file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from asri_desktop.core import dates, resources, workflow
from asri_desktop.ui.strings import label


def _parse(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(dates.local_tz())


def short_datetime(iso: str | None) -> str:
    """``27 Nov 2026 14.30`` in Bangka time; empty for nothing, the raw text if unparsable."""
    value = _parse(iso)
    if value is None:
        return str(iso or "")
    month = resources.data("locale_id.toml")["months"][value.month - 1][:3]
    return f"{value.day} {month} {value.year} {value:%H.%M}"


def long_datetime(iso: str | None) -> str:
    """``Jumat, 27 November 2026, 14.30 WIB``."""
    value = _parse(iso)
    return dates.format_datetime(value) if value else str(iso or "")


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    roles_toml = resources.data("roles.toml")
    return workflow.state_labels(), dict(roles_toml["kinds"]), workflow.role_labels()


@lru_cache(maxsize=1)
def _default_hazards() -> dict[str, str]:
    # Apart from the labels above: the first window names roles but no hazard.
    return {h["id"]: h["name"] for h in resources.data("defaults/bangka.toml")["hazards"]}


def state(s: str | None) -> str:
    return label(_labels()[0].get(s or "", s or ""))


def kind(k: str | None) -> str:
    return label(_labels()[1].get(k or "", k or ""))


def role(r: str | None) -> str:
    return label(_labels()[2].get(r or "", r or ""))


def roles(rs: tuple[str, ...] | list[str]) -> str:
    return ", ".join(role(r) for r in rs)


def hazard(h: str | None, known: dict[str, str] | None = None) -> str:
    """A hazard's name; ``known`` (from the archive's settings) wins over the defaults."""
    names = known or _default_hazards()
    return label(names.get(h or "", h or ""))


# Colours for workflow states (kept beside the QSS palette in resources/ui/style.qss).
STATE_COLOURS = {
    "draft": "#6b7785",
    "technical_review": "#1d6fb8",
    "accuracy_review": "#7a4fb5",
    "approved": "#2e7d4f",
    "scheduled": "#0f7c86",
    "published": "#1f5e3a",
}
