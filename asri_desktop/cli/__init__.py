"""The ``asri`` command line: argument parsing and printing only; every decision is the core's.

Commands live in ``cmd_*.py`` modules beside this file, each with a
``register(subparsers, common)`` function; they are found automatically, so a
feature adds its commands without touching this file.

Exit codes: 0 done, 1 refused by a rule or a failed check, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sqlite3
import sys
from typing import Sequence

from asri_desktop import __version__
from asri_desktop.core.errors import AsriError


class _Parser(argparse.ArgumentParser):
    """argparse that speaks Indonesian on errors and exits with 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: galat: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home", default=argparse.SUPPRESS, help="folder arsip (bawaan: ASRI_HOME atau folder data pengguna)"
    )
    parser = _Parser(
        prog="asri",
        description="ASRI Desktop — meja produksi konten mitigasi bencana BPBD Kabupaten Bangka.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"asri {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    sub.required = True
    package = importlib.import_module(__name__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one CLI command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return int(args.func(args) or 0)
    except AsriError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        print(f"Galat: arsip tidak dapat dibaca atau ditulis ({exc}).", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
