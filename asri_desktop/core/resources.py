"""The one loader of ``resources/``: fonts, icons, defaults and the tables of facts.

Code never repeats a number that lives in a resources file; it asks here. An
unknown resource raises :class:`ResourceMissing` naming what is known.
"""

from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from asri_desktop.core.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
TEMPLATES = ROOT / "assets" / "templates"


class ResourceMissing(InputError):
    """A resource file that does not exist."""


_overlay: Path | None = None


def set_overlay(folder: Path | None) -> None:
    """Use an archive's own tables and templates (``<home>/custom``) before the bundled ones.

    A replication pack imported into an archive writes there; the archive sets its
    folder when it opens, so the imported checklists, platform table and templates
    are the ones in force. ``None`` goes back to the bundled files only.
    """
    global _overlay
    _overlay = Path(folder) if folder is not None else None
    _load.cache_clear()


def template_roots() -> list[Path]:
    """Folders holding templates, later ones overriding earlier ones by template id."""
    roots = [TEMPLATES]
    if _overlay is not None and (_overlay / "templates").is_dir():
        roots.append(_overlay / "templates")
    return roots


def path(name: str) -> Path:
    """Absolute path of ``resources/<name>`` (an archive's own copy first); raises if it does not exist."""
    if _overlay is not None:
        own = _overlay / "resources" / name
        if own.is_file():
            return own
    p = RESOURCES / name
    if not p.exists():
        folder = p.parent if p.parent.exists() else RESOURCES
        known = sorted(x.name for x in folder.iterdir()) if folder.exists() else []
        raise ResourceMissing(
            f"Berkas sumber daya '{name}' tidak ditemukan di {RESOURCES}. "
            f"Yang tersedia di {folder.name}/: {', '.join(known) or '(kosong)'}"
        )
    return p


@lru_cache(maxsize=None)
def _load(name: str) -> Any:
    p = path(name)
    try:
        if p.suffix == ".toml":
            with p.open("rb") as fh:
                return tomllib.load(fh)
        if p.suffix == ".json":
            return json.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Berkas sumber daya '{name}' rusak: {exc}") from exc
    raise InputError(f"Jenis berkas sumber daya '{name}' tidak dikenal (harus .toml atau .json)")


def data(name: str) -> Any:
    """The parsed content of a TOML or JSON file under ``resources/``.

    The result is cached and shared: treat it as read-only (copy before changing).
    """
    return _load(name)


def font(name: str) -> Path:
    """Path of a bundled font, e.g. ``font("PlusJakartaSans-Bold.ttf")``."""
    return path(f"fonts/{name}")
