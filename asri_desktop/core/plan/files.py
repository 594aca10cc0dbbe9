"""Writing an export so that a failure never leaves half a file: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from asri_desktop.core.errors import InputError


def temp_beside(out: str | Path) -> Path:
    """A new empty temporary file in ``out``'s folder (refusing a missing folder or a folder as target)."""
    out = Path(out)
    if out.exists() and out.is_dir():
        raise InputError(f"{out} adalah folder; berikan nama berkas.")
    if not out.parent.exists():
        raise InputError(f"Folder tujuan {out.parent} tidak ada.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=out.suffix, dir=out.parent)
    except OSError as exc:
        raise InputError(f"Folder {out.parent} tidak dapat ditulisi ({exc.strerror or exc}).") from exc
    os.close(fd)
    return Path(tmp)


def finish(tmp: Path, out: str | Path) -> None:
    """Move a finished temporary file into place with ordinary permissions.

    ``mkstemp`` makes the file private (0600); an export is meant to be shared
    (a colleague's spreadsheet, another office's archive), so it gets the mode a
    normal new file would get under the current umask.
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, out)
