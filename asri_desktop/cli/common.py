"""Small helpers every command module shares: opening the archive, printing text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from asri_desktop.core.archive import Archive


def open_archive(args: argparse.Namespace, *, create: bool = True) -> Archive:
    return Archive.open(getattr(args, "home", None), create=create)


def add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``data`` as JSON with ``--json``, else the human ``text``."""
    if getattr(args, "json", False):
        print_json(data)
    else:
        print(text)
