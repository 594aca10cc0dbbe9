"""Preview latency of Buat Konten after a keystroke, against the bare renderer in the same run.

What is measured (offscreen Qt, the 4:5 poster with its sample content):

* baseline: ``render(spec, data, scale=0.5)`` called directly, once per keystroke's text;
* preview: one key typed into the title field of the real :class:`CreateScreen` → the
  undo command, the background render through the shared task helper, the language
  analysis, the QImage conversion, and the new pixmap painted on the canvas.

Each keystroke waits for its frame (latency, not throughput). Medians over the keystrokes,
three interleaved rounds. Prints ``preview_latency: ratio R (goal <= 1.5)``.

Run: ``python3 bench/preview.py`` (``--keys N`` to change the keystrokes per round).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL = 1.5
TEXT = "Air laut pasang tinggi, jauhi pantai"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=int, default=20, help="keystrokes per round (default 20)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    home = tempfile.mkdtemp(prefix="asri-bench-preview-")
    os.environ["ASRI_HOME"] = home
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from asri_desktop.core.archive import Archive
    from asri_desktop.core.templates import load_template, render
    from asri_desktop.ui.app import setup_application
    from asri_desktop.ui.screens.create import CreateScreen
    from asri_desktop.ui.tasks import running

    setup_application(app)
    arch = Archive.open(home)
    arch.add_member("Rina", ["desainer"])
    agency = arch.setting("agency")
    agency["phone"] = "0717-92345"
    arch.set_setting("agency", agency, "Rina")
    settings = arch.settings()

    screen = CreateScreen(arch, arch.member("Rina"))
    screen.resize(1280, 820)
    screen.show()
    screen.select_template("poster", "4x5")
    screen.fill_sample()

    def spin_until(cond, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise SystemExit("bench: timed out waiting for the preview")
            app.processEvents()
            time.sleep(0.0005)

    spin_until(lambda: screen.renderer.idle and running() == 0 and screen.frame is not None)
    spec = load_template("poster")
    title_edit = screen.editors["title"].edit

    shown: dict[str, float] = {}

    def on_ready(_frame) -> None:
        # Connected after the screen's own slot: the pixmap is set; paint it now so "shown" means painted.
        screen.canvas.repaint()
        shown["t"] = time.perf_counter()
        loop.quit()

    screen.renderer.ready.connect(on_ready)

    loop = QEventLoop()

    def keystroke(i: int) -> float:
        shown.clear()
        t0 = time.perf_counter()
        QTest.keyClicks(title_edit, TEXT[i % len(TEXT)])  # the simulated keystroke
        # Wait in a real event loop, as the app does: the GUI thread sleeps in Qt, not in a Python spin
        # that would compete with the render thread for the GIL.
        QTimer.singleShot(30000, loop.quit)
        if "t" not in shown:
            loop.exec()
        spin_until(lambda: screen.renderer.idle and running() == 0)
        if "t" not in shown:
            raise SystemExit("bench: timed out waiting for the preview")
        return shown["t"] - t0

    def bare(data: dict) -> float:
        t0 = time.perf_counter()
        render(spec, data, variant="4x5", scale=0.5, settings=settings, base_dir=spec.dir)
        return time.perf_counter() - t0

    # Baseline and preview alternate keystroke by keystroke, so both see the same machine load.
    base_all: list[float] = []
    ui_all: list[float] = []
    title_edit.setFocus()
    for r in range(args.rounds + 1):
        title_edit.setText("")
        spin_until(lambda: screen.renderer.idle and running() == 0)
        for i in range(args.keys):
            b = bare({**screen.data(), "title": title_edit.text() + TEXT[i % len(TEXT)]})
            u = keystroke(i)
            if r > 0:  # round 0 warms the font, image and analysis caches of both sides
                base_all.append(b)
                ui_all.append(u)
    base_med = statistics.median(base_all)
    ui_med = statistics.median(ui_all)
    print(f"bare render(scale=0.5) median: {base_med * 1000:.1f} ms over {len(base_all)} calls")
    print(f"keystroke -> painted preview median: {ui_med * 1000:.1f} ms over {len(ui_all)} keystrokes "
          f"(p90 {statistics.quantiles(ui_all, n=10)[-1] * 1000:.1f} ms)")
    ratio = ui_med / base_med
    print(f"preview_latency: ratio {ratio:.2f} (goal <= {GOAL})")
    screen.close()
    arch.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
