"""Archive search benchmark: 100,000 assets, ``Archive.search`` against sqlite-utils ``table.search``.

Both run in the same process on the same database; the figure is the ratio of the
medians (ours / baseline). Run: ``python3 bench/archive.py [N]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asri_desktop.core.archive import Archive  # noqa: E402

GOAL = 2.0
WORDS = ("banjir rob puting beliung karhutla kolong tambang timah gelombang tinggi abrasi kekeringan longsor "
         "siaga waspada evakuasi tas darurat sekolah pantai sungai hujan lebat angin kencang asap titik api "
         "warga desa nelayan anak posko pengungsian air bersih listrik").split()
KEC = ["Sungailiat", "Pemali", "Bakam", "Belinyu", "Riau Silip", "Merawang", "Puding Besar", "Mendo Barat"]
QUERIES = ["banjir", "puting beliung", "kolong timah", "nelayan", "Belinyu", "evakuasi sekolah", "asap",
           "air bersih", "posko", "gelombang tinggi pantai"]


def populate(arch: Archive, n: int) -> None:
    rng = random.Random(7)
    arch.add_member("Rina", ["desainer"])
    now = "2026-11-27T00:00:00Z"
    rows = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(25))
        rows.append(("poster", title, "banjir", rng.choice(KEC), "draft", 1, 1, now, now, body, ""))
    with arch.write():
        arch.conn.executemany(
            "INSERT INTO assets(kind, title, hazard, location, state, current_version, created_by, created_at,"
            " updated_at, fields_text, comments_text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        arch = Archive.open(Path(tmp) / "home")
        t0 = time.perf_counter()
        populate(arch, n)
        print(f"populated {n} assets in {time.perf_counter() - t0:.1f} s")
        table = arch.db["assets"]
        ours, base = [], []
        for q in QUERIES:
            fts = arch.fts_query(q)
            # warm both paths once
            arch.search(q, limit=50)
            list(table.search(fts, limit=50, columns=["id", "title"]))
            ours.append(median_time(lambda: arch.search(q, limit=50), 15))
            base.append(median_time(lambda: list(table.search(fts, limit=50, columns=["id", "title"])), 15))
        arch.close()
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"asri search median {m_ours * 1000:.2f} ms, sqlite-utils table.search median {m_base * 1000:.2f} ms")
    print(f"archive_search: ratio {m_ours / m_base:.2f} (goal <= {GOAL})")


if __name__ == "__main__":
    main()
