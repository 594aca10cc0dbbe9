"""The archive's cache folder (``<home>/cache``): results that can always be remade.

Automated review checks and approval-sheet thumbnails are kept there so a second look is
instant. A hit marks its file as used (:func:`touch`); :func:`prune` removes what was not
used for ``max_age_days``, then the least recently used entries beyond ``max_mb``, and stale
temporary files. Limits live in ``resources/cache.toml``. Removing an entry is always safe:
a reader that loses the race recomputes it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from asri_desktop.core import resources

CACHE_DIR = "cache"


@dataclass(frozen=True)
class PruneReport:
    """What :func:`prune` removed and what it kept."""

    removed: int
    freed_bytes: int
    kept: int
    kept_bytes: int


def folder(home: str | Path) -> Path:
    return Path(home) / CACHE_DIR


def touch(path: Path) -> None:
    """Mark a cache file as just used (its modification time orders the pruning)."""
    try:
        os.utime(path)
    except OSError:
        pass  # read-only home or a file pruned meanwhile: only the order of pruning suffers


def prune(home: str | Path, *, max_age_days: float | None = None, max_mb: float | None = None,
          now: float | None = None) -> PruneReport:
    """Trim ``<home>/cache``; None limits come from resources/cache.toml."""
    conf = resources.data("cache.toml")
    max_age = float(conf["max_age_days"] if max_age_days is None else max_age_days) * 86400
    max_bytes = float(conf["max_mb"] if max_mb is None else max_mb) * 1024 * 1024
    stale_temp = float(conf["stale_temp_hours"]) * 3600
    now = time.time() if now is None else now
    entries: list[tuple[float, int, Path]] = []
    removed = freed = 0
    root = folder(home)
    if not root.is_dir():
        return PruneReport(0, 0, 0, 0)
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            p = Path(dirpath) / name
            try:
                st = p.stat()
            except OSError:
                continue
            temp = name.startswith(".tmp-")
            if now - st.st_mtime > (stale_temp if temp else max_age):
                if _remove(p):
                    removed, freed = removed + 1, freed + st.st_size
            elif not temp:
                entries.append((st.st_mtime, st.st_size, p))
    total = sum(size for _t, size, _p in entries)
    entries.sort()  # least recently used first
    kept = len(entries)
    for _mtime, size, p in entries:
        if total <= max_bytes:
            break
        if _remove(p):
            removed, freed, total, kept = removed + 1, freed + size, total - size, kept - 1
    return PruneReport(removed, freed, kept, int(total))


def _remove(p: Path) -> bool:
    try:
        p.unlink()
        return True
    except FileNotFoundError:
        return False
    except OSError:
        return False  # in use or read-only: tried again next time
