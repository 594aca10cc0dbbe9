"""The shape the design card fixes, and the one rule of the layout: the core knows no screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pytestqt")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_faces():
    offenders = []
    for py in (ROOT / "asri_desktop" / "core").rglob("*.py"):
        for name in _imports(py):
            top = name.split(".")[0]
            if top in QT_MODULES or name.startswith(("asri_desktop.ui", "asri_desktop.cli")):
                offenders.append(f"{py.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, asri_desktop.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'asri_desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_top_level_shape():
    for name in ("main.py", "asri_desktop", "assets/templates", "resources", "tests", "pyproject.toml", "README.md"):
        assert (ROOT / name).exists(), name
