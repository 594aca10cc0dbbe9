"""Startup benchmark: process start to the first painted main window, against a bare PySide6 QMainWindow.

Both are launched as fresh processes by the same Python, interleaved, several times;
the clock runs in this parent from just before the launch until the child prints
its "painted" marker (the app's marker comes from ``asri-desktop --exit-after-paint``,
emitted just after the main window's first paint). The app opens a seeded archive
(a team and 300 assets) as a person who already did the first start.

Prints ``startup: ratio R (goal <= 1.5)``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("ASRI_BENCH_RUNS", "7"))
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


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="asri-bench-startup-"))
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
    print(f"ASRI Desktop:     median {a * 1000:.0f} ms over {RUNS} runs")
    print(f"startup: ratio {a / b:.2f} (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
