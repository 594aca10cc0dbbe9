"""Bench: importing a Meta Business Suite export of 5,000 posts, against a bare CSV-to-SQLite load.

Both runs read the same file into the same archive database in one transaction.
The baseline only parses the CSV and inserts the raw numbers; ``metrics.import_file``
also decodes and sniffs the file, maps the header variants, matches every row to a
recorded publication by its normalised link, validates every count and upserts one
reading per post. The ratio says what that care costs.

Run: ``python3 bench/plan_import.py``; prints ``plan_import: ratio R (goal <= G)``.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

N = 5000
GOAL = 10.0  # validation, link matching and upsert may cost up to 10x a bare load (~0.5 s per 5,000 rows)


def seed(arch) -> None:
    """N published posts, written straight into the tables (the workflow is not what is measured)."""
    arch.add_member("Adi", ["admin"])
    mid = arch.member("Adi").id
    now = "2026-11-01T00:00:00Z"
    with arch.write():
        for i in range(N):
            aid = arch.conn.execute(
                "INSERT INTO assets(kind, title, state, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?)",
                ("poster", f"Unggahan {i}", "published", mid, now, now)).lastrowid
            url = f"https://www.instagram.com/p/C{i:07d}/"
            arch.conn.execute(
                "INSERT INTO publications(asset_id, platform, url, url_key, published_at, recorded_by, recorded_at)"
                " VALUES (?,?,?,?,?,?,?)", (aid, "instagram", url, f"instagram.com/p/c{i:07d}", now, mid, now))


def write_export(path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Post ID", "Account ID", "Account username", "Description", "Publish time", "Permalink",
                    "Post type", "Date", "Impressions", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves"])
        for i in range(N):
            w.writerow([f"1789{i:08d}", "1789", "bpbdbangka", f"Unggahan {i}", "11/02/2026 09:00",
                        f"https://www.instagram.com/p/C{i:07d}/", "IG image", "Lifetime", f"{2000 + i:,}",
                        1500 + i, 90, 12, 0, 7, 5])


def baseline(conn: sqlite3.Connection, path: Path) -> float:
    t = time.perf_counter()
    conn.execute("CREATE TABLE IF NOT EXISTS raw(url TEXT, impressions TEXT, reach TEXT, likes TEXT, comments TEXT,"
                 " shares TEXT, saves TEXT)")
    conn.execute("BEGIN")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = [(r["Permalink"], r["Impressions"], r["Reach"], r["Likes"], r["Comments"], r["Shares"], r["Saves"])
                for r in csv.DictReader(fh)]
    conn.executemany("INSERT INTO raw VALUES (?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    return time.perf_counter() - t


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ASRI_HOME"] = str(Path(tmp) / "home")
        from asri_desktop.core.archive import Archive
        from asri_desktop.core.plan import metrics

        arch = Archive.open()
        seed(arch)
        export = Path(tmp) / "meta.csv"
        write_export(export)
        base = min(baseline(arch.conn, export) for _ in range(3))
        ours = []
        for _ in range(3):
            t = time.perf_counter()
            rep = metrics.import_file(arch, export, "meta", "Adi", read_at="2026-11-20 09.00")
            ours.append(time.perf_counter() - t)
            assert not rep.errors and rep.added + rep.updated == N, rep.summary()[:300]
        arch.close()
    best = min(ours)
    print(f"baseline (csv.DictReader + executemany): {base * 1000:.0f} ms for {N} rows")
    print(f"metrics.import_file: {best * 1000:.0f} ms for {N} rows ({N / best:.0f} rows/s)")
    print(f"plan_import: ratio {best / base:.2f} (goal <= {GOAL})")


if __name__ == "__main__":
    main()
