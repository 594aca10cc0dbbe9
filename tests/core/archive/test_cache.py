"""<home>/cache: entries a hit marks as used; pruning by age, then by size (least recently used first)."""

from __future__ import annotations

import os
import time

from asri_desktop.core.archive import cache

DAY = 86400


def _entry(home, rel: str, size: int, age_days: float, now: float):
    p = cache.folder(home) / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(b"x" * size)
    os.utime(p, (now - age_days * DAY, now - age_days * DAY))
    return p


def test_prune_removes_old_entries_then_the_least_recently_used_beyond_the_size(tmp_path):
    now = time.time()
    old = _entry(tmp_path, "review/old.json", 1000, 120, now)
    a = _entry(tmp_path, "review/thumbs/a.jpg", 400_000, 30, now)
    b = _entry(tmp_path, "review/thumbs/b.jpg", 400_000, 10, now)
    c = _entry(tmp_path, "review/c.json", 400_000, 1, now)
    temp = _entry(tmp_path, "review/.tmp-abc", 10, 1, now)
    fresh_temp = _entry(tmp_path, "review/.tmp-def", 10, 0.01, now)
    report = cache.prune(tmp_path, max_age_days=90, max_mb=1.0, now=now)  # 1 MiB keeps two of three
    assert not old.exists() and not temp.exists() and fresh_temp.exists()
    assert not a.exists() and b.exists() and c.exists()  # the least recently used went first
    assert (report.removed, report.freed_bytes, report.kept, report.kept_bytes) == (3, 401_010, 2, 800_000)


def test_prune_uses_the_limits_in_resources_and_an_empty_home(tmp_path):
    from asri_desktop.core import resources

    assert cache.prune(tmp_path) == cache.PruneReport(0, 0, 0, 0)
    conf = resources.data("cache.toml")
    now = time.time()
    keep = _entry(tmp_path, "review/k.json", 10, conf["max_age_days"] - 1, now)
    gone = _entry(tmp_path, "review/g.json", 10, conf["max_age_days"] + 1, now)
    cache.prune(tmp_path, now=now)
    assert keep.exists() and not gone.exists()


def test_a_cache_hit_marks_the_entry_as_used(team, tmp_path):
    """The automated review reads its cached result and touches it, so pruning keeps it longest."""
    from PIL import Image

    from asri_desktop.core.review import automated

    p = tmp_path / "poster.png"
    Image.new("RGB", (1080, 1350), "#0e4c7a").save(p)
    a = team.import_asset([p], kind="poster", title="Waspada banjir", actor="Rina")
    first = automated.collect(team, a.id)
    files = list((cache.folder(team.home) / "review").glob("*.json"))
    assert len(files) == 1
    os.utime(files[0], (time.time() - 50 * DAY, time.time() - 50 * DAY))
    again = automated.collect(team, a.id)
    assert again.to_dict() == first.to_dict()
    assert time.time() - files[0].stat().st_mtime < 60


def test_cli_cache_prune(run_cli, archive, tmp_path):
    now = time.time()
    p = _entry(archive.home, "review/x.json", 2048, 1, now)
    code, out, _err = run_cli("cache", "prune", "--max-mb", "0", "--json")
    assert code == 0 and '"removed": 1' in out and not p.exists()
    code, _out, err = run_cli("cache", "prune", "--max-days", "-1")
    assert code == 2 and "--max-days" in err
