"""The words a plan uses: platforms, content kinds, hazards, statuses; typed ids or labels both work."""

from __future__ import annotations

from typing import Any

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError


def plan_config() -> dict[str, Any]:
    """``resources/plan.toml`` (read-only)."""
    return resources.data("plan.toml")


def _pick(value: str, table: dict[str, str], what: str) -> str:
    key = str(value or "").strip().casefold()
    for ident, label in table.items():
        if key in (ident.casefold(), str(label).casefold()):
            return ident
    raise InputError(f"{what} '{value}' tidak dikenal. Pilihan: {', '.join(f'{k} ({v})' for k, v in table.items())}.")


def platforms() -> dict[str, str]:
    return dict(plan_config()["platforms"])


def platform(value: str) -> str:
    """A platform id from an id or label (``Instagram`` -> ``instagram``)."""
    return _pick(value, platforms(), "Platform")


def kinds() -> dict[str, str]:
    return dict(resources.data("roles.toml")["kinds"])


def kind(value: str) -> str:
    return _pick(value, kinds(), "Jenis konten")


def statuses() -> dict[str, str]:
    return dict(plan_config()["plan_status"])


def status(value: str) -> str:
    return _pick(value, statuses(), "Status rencana")


def hazards(settings: dict[str, Any]) -> dict[str, str]:
    return {h["id"]: h["name"] for h in settings.get("hazards", [])}


def hazard(value: str | None, settings: dict[str, Any]) -> str | None:
    """A hazard id from the archive's list (id or name); empty means none."""
    if value is None or not str(value).strip():
        return None
    return _pick(value, hazards(settings), "Jenis bencana")


def label(table: dict[str, str], ident: str | None) -> str:
    return table.get(ident or "", ident or "-")
