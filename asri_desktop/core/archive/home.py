"""Where the archive lives: ``--home`` > ``ASRI_HOME`` > the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "asri-desktop"
APP_AUTHOR = "BPBD Kabupaten Bangka"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The archive home folder (not created here)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("ASRI_HOME")
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))
