"""Startup benchmark: process start to the first painted main window, against a bare PySide6 QMainWindow.

Both are launched as fresh processes by the same Python, interleaved (bare, app, bare,
app, ...), eleven times by default; the clock runs in this parent from just before the
launch until the child prints its "painted" marker (the app's marker comes from ``asri-desktop --exit-after-paint``,
emitted just after the main window's first paint). The app opens a seeded archive
(a team and 300 assets) as a person who already did the first start.

The figure is the median of the eleven ratios of each app start to the bare start just
before it: the load of a busy machine drifts, and a pair is measured under the same load.
The medians of each side are printed too. Prints ``startup: ratio R (goal <= 1.5)``.

``--instructions`` also counts the CPU instructions of one start of each under valgrind's
callgrind (when valgrind is installed; ~1 min): a figure that does not move with the load
of a busy machine, for comparing changes. Both processes end with ``os._exit`` at their
marker so neither counts its teardown; the hash seed is fixed.
Prints ``startup_instructions: ratio R (goal <= 1.5)``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("ASRI_BENCH_RUNS", "11"))
GOAL = 1.5

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print("PAINTED", flush=True), app.quit()))

app = QApplication(sys.argv[:1])
w = Window()
w.setCentralWidget(QLabel("ASRI"))
w.resize(1280, 800)
w.show()
sys.exit(app.exec())
"""


# For --instructions: the same two programs, ended with os._exit at their marker.
HARD_EXIT = r"""
import builtins, os, sys
_print = builtins.print
def _marker_then_exit(*args, **kwargs):
    _print(*args, **kwargs)
    if args and str(args[0]).split()[0] in ("PAINTED", "ASRI_FIRST_PAINT"):
        sys.stdout.flush()
        os._exit(0)
builtins.print = _marker_then_exit
"""


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """CPU instructions (callgrind's Ir) of one run of ``cmd``, a Python command, ended at its marker."""
    script = cmd[2] if cmd[1] == "-c" else None
    if script is None:  # main.py and its arguments
        script = (f"import runpy, sys; sys.argv = {cmd[1:]!r}; sys.path.insert(0, {str(ROOT)!r}); "
                  f"runpy.run_path({cmd[1]!r}, run_name='__main__')")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        res = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c",
                              HARD_EXIT + script], cwd=ROOT, env={**env, "PYTHONHASHSEED": "0"},
                             capture_output=True, text=True, timeout=600)
    found = re.search(r"Collected : (\d+)", res.stderr)
    if not found:
        raise SystemExit(f"callgrind did not report a count for {cmd[:2]}: {res.stderr[-400:]}")
    return int(found.group(1))


def seed(home: Path) -> None:
    """A realistic archive: the team and 300 assets (direct SQL for speed, like the UI tests)."""
    code = r"""
import json, sys
from asri_desktop.core.archive import Archive
a = Archive.open(sys.argv[1])
for n, r in (("Rina", ["desainer"]), ("Budi", ["editor"]), ("Sari", ["pengawas"]), ("Adi", ["admin"])):
    a.add_member(n, r)
mid = a.member("Rina").id
with a.write():
    for i in range(300):
        t = f"2026-11-{1 + i % 27:02d}T08:00:00.000000Z"
        aid = a.conn.execute("INSERT INTO assets(kind, title, hazard, location, state, current_version, created_by,"
                             " created_at, updated_at) VALUES ('poster', ?, 'banjir', 'Sungailiat', 'draft', 1, ?, ?, ?)",
                             (f"Waspada banjir {i}", mid, t, t)).lastrowid
        a.conn.execute("INSERT INTO versions(asset_id, number, created_by, created_at, fields, content_hash)"
                       " VALUES (?, 1, ?, ?, '{}', ?)", (aid, mid, t, f"h{i}"))
a.close()
"""
    subprocess.run([sys.executable, "-c", code, str(home)], cwd=ROOT, check=True)


def time_to_marker(cmd: list[str], marker: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - t0
            break
    else:
        proc.wait()
        raise SystemExit(f"no '{marker}' from {' '.join(cmd)} (exit {proc.returncode})")
    proc.wait(timeout=30)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instructions", action="store_true",
                    help="also count instructions under valgrind/callgrind (steady on a busy machine)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="asri-bench-startup-"))
    try:
        return run(work, args.instructions)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, count_instructions: bool) -> int:
    home = work / "home"
    seed(home)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app has its bytecode (pip compiles it; Python caches it on first run), as PySide6
    # in the baseline does. Some shells set PYTHONDONTWRITEBYTECODE, which would make every app start
    # recompile the project's modules while the baseline's stay compiled: let the warm-up write them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["ASRI_UI_SETTINGS"] = str(work / "ui.ini")
    bare_cmd = [sys.executable, "-c", BARE]
    app_cmd = [sys.executable, str(ROOT / "main.py"), "gui", "--home", str(home), "--member", "Rina",
               "--exit-after-paint"]
    # One warm-up each so both start from a warm file cache.
    time_to_marker(bare_cmd, "PAINTED", env)
    time_to_marker(app_cmd, "ASRI_FIRST_PAINT", env)
    bare, app = [], []
    for _ in range(RUNS):
        bare.append(time_to_marker(bare_cmd, "PAINTED", env))
        app.append(time_to_marker(app_cmd, "ASRI_FIRST_PAINT", env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare QMainWindow: median {b * 1000:.0f} ms over {RUNS} runs")
    print(f"ASRI Desktop:     median {a * 1000:.0f} ms over {RUNS} runs (ratio of the medians {a / b:.2f})")
    print(f"startup: ratio {statistics.median(x / y for x, y in zip(app, bare)):.2f} (goal <= {GOAL})")
    if count_instructions:
        if shutil.which("valgrind") is None:
            print("startup_instructions: valgrind is not installed; skipped")
            return 0
        # Warm bytecode caches first (the wall-clock runs above did), then one counted run each.
        ib, ia = instructions(bare_cmd, env), instructions(app_cmd, env)
        print(f"bare QMainWindow: {ib / 1e6:.0f} M instructions")
        print(f"ASRI Desktop:     {ia / 1e6:.0f} M instructions")
        print(f"startup_instructions: ratio {ia / ib:.2f} (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
