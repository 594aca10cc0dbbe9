"""Tested docs: every CLI command is in the README, and the README's commands are the ones CI runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from asri_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    parser = build_parser()
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
                if nested:
                    out += [f"{name} {child}" for child in nested[0].choices]
                else:
                    out.append(name)
    return out


def test_every_cli_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for cmd in _commands():
        name, _, child = cmd.partition(" ")
        # "asri plan add|update|..." documents several subcommands in one row.
        if f"asri {cmd}" in readme:
            continue
        rows = [line for line in readme.splitlines() if f"asri {name} " in line or f"`asri {name}`" in line]
        if child and any(child in row for row in rows):
            continue
        if not child and rows:
            continue
        missing.append(cmd)
    assert missing == []


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash .ci/test.sh" in readme
    assert "bash .ci/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e . && python3 main.py" in readme


def test_readme_screenshots_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        for part in line.split("](")[1:]:
            target = part.split(")")[0]
            if target.startswith(("docs/", "resources/")):
                assert (ROOT / target).exists(), target
