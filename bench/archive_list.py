"""Archive list benchmark: the lazy search model with 100,000 assets.

Seeds 100,000 assets (direct SQL, one version each) and measures, in the same run:

* ``archive_first_page``: showing the first page of the whole archive (count + 200 rows)
  with 100,000 assets, against the same with 1,000 assets. SQLite's ``count(*)`` walks
  an index, so it grows with the archive; the goal (<= 5 for 100x the assets) says the
  page itself does not, and the absolute times are printed too;
* ``archive_deep_page``: one more page of a full-text search that matches every asset,
  200 rows at row 20,000, as the model pages it (ranked ids fetched once, rows by id),
  against ``Archive.search(text, offset=20000, limit=200)``, which ranks every match
  again for each page (goal <= 0.1).

Prints one ``NAME: ratio R (goal ...)`` line per figure.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def seed(arch, n: int) -> None:
    mid = arch.member("Rina").id
    hazards, places = ["banjir", "kolong", "banjir-rob", "abrasi"], ["Pemali", "Bakam", "Belinyu", "Sungailiat"]
    with arch.write():
        for i in range(n):
            t = f"2026-{1 + i % 11:02d}-{1 + i % 27:02d}T0{i % 10}:00:00.000000Z"
            aid = arch.conn.execute(
                "INSERT INTO assets(kind, title, hazard, location, state, current_version, created_by, created_at,"
                " updated_at, fields_text) VALUES ('poster', ?, ?, ?, 'draft', 1, ?, ?, ?, ?)",
                (f"Peringatan dini nomor {i}", hazards[i % 4], places[i % 4], mid, t, t, f"isi pesan {i}"),
            ).lastrowid
            arch.conn.execute("INSERT INTO versions(asset_id, number, created_by, created_at, fields, content_hash)"
                              " VALUES (?, 1, ?, ?, '{}', ?)", (aid, mid, t, f"h{i}"))


def timed(fn, runs: int = 5) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def main() -> int:
    from PySide6.QtCore import QCoreApplication

    from asri_desktop.core.archive import Archive
    from asri_desktop.ui.models.assets import AssetSearchModel

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - models need an application
    archives = {}
    for n in (1_000, 100_000):
        arch = Archive.open(Path(tempfile.mkdtemp(prefix=f"asri-bench-{n}-")))
        arch.add_member("Rina", ["desainer"])
        seed(arch, n)
        archives[n] = arch

    def first_page(arch) -> None:
        AssetSearchModel().search(arch, "")

    small = timed(lambda: first_page(archives[1_000]))
    big = timed(lambda: first_page(archives[100_000]))

    arch = archives[100_000]
    model = AssetSearchModel()
    model.search(arch, "peringatan")
    model.fetch_all_until(19_999)

    def model_page() -> None:
        model.fetchMore()

    deep_model = timed(model_page, runs=5)
    deep_offset = timed(lambda: arch.search("peringatan", limit=200, offset=20_000), runs=3)
    print(f"first page, 1,000 assets: {small * 1000:.1f} ms; 100,000 assets: {big * 1000:.1f} ms")
    print(f"page at row 20,000 of a 100,000-hit search: model {deep_model * 1000:.1f} ms,"
          f" Archive.search offset {deep_offset * 1000:.1f} ms")
    print(f"archive_first_page: ratio {big / small:.2f} (goal <= 5)")
    print(f"archive_deep_page: ratio {deep_model / deep_offset:.3f} (goal <= 0.1)")
    for a in archives.values():
        a.close()
        shutil.rmtree(a.home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
