"""Reliability: SIGKILL during imports, backup and verified restore, zip slip, corrupt backups."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from asri_desktop.core.archive import Archive
from asri_desktop.core.archive.backup import backup, restore
from asri_desktop.core.errors import InputError

ROOT = Path(__file__).resolve().parents[3]

IMPORTER = r"""
import os, sys
from pathlib import Path
from asri_desktop.core.archive import Archive
home, src, start = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
arch = Archive.open(home)
if not any(m.name == "Rina" for m in arch.members()):
    arch.add_member("Rina", ["desainer"])
for i in range(start, start + 10_000):
    f = src / f"f{i}.bin"
    f.write_bytes(os.urandom(2048) + str(i).encode())
    a = arch.import_asset([f], kind="poster", title=f"Poster {i}", actor="Rina")
    print(f"done {a.id} {i}", flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_during_imports_loses_nothing_reported(tmp_path, fresh_home):
    src = tmp_path / "src"
    src.mkdir()
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    rng = random.Random(1234)
    reported: set[int] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = 0
    for _round in range(12):
        proc = subprocess.Popen([sys.executable, str(script), str(fresh_home), str(src), str(start)],
                                stdout=subprocess.PIPE, text=True, env=env)
        # Wait until it is importing, then kill it at a random moment.
        first = proc.stdout.readline()
        assert first.startswith("done"), first
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in [first, *out.splitlines()]:
            if line.startswith("done"):
                reported.add(int(line.split()[1]))
        start += 10_000
    arch = Archive.open(fresh_home)
    try:
        assert arch.verify_log().ok, arch.verify_log().message()
        assert arch.verify_files() == []
        present = set(arch.asset_ids())
        assert reported <= present
        # Every asset has its creation entry in the log.
        created = {e["asset_id"] for e in arch.log_entries(action="asset.create")}
        assert present == created
    finally:
        arch.close()


def _populated(fresh_home, tmp_path) -> Archive:
    arch = Archive.open(fresh_home)
    arch.add_member("Rina", ["desainer"])
    arch.add_member("Budi", ["editor"])
    for i in range(3):
        f = tmp_path / f"p{i}.png"
        f.write_bytes(os.urandom(1000))
        a = arch.import_asset([f], kind="poster", title=f"Poster banjir {i}", actor="Rina")
    arch.submit(a.id, "Rina")
    arch.review(a.id, "approve", "Budi")
    return arch


def test_backup_and_restore_round_trip(tmp_path, fresh_home):
    arch = _populated(fresh_home, tmp_path)
    zpath = tmp_path / "cadangan.zip"
    backup(arch, zpath)
    n_log = len(arch.log_entries())
    # Work continues after the backup; the restore brings back the snapshot.
    f = tmp_path / "later.png"
    f.write_bytes(b"later")
    arch.import_asset([f], kind="poster", title="Sesudah cadangan", actor="Rina")
    arch.close()
    kept = restore(fresh_home, zpath)
    assert kept is not None and (kept / "archive.db").exists()  # the old home is kept, not deleted
    arch = Archive.open(fresh_home)
    try:
        assert len(arch.log_entries()) == n_log
        assert arch.verify_log().ok and arch.verify_files() == []
        assert [r["title"] for r in arch.search("Sesudah")] == []
    finally:
        arch.close()


def _zip_with(tmp_path: Path, good: Path, name: str, data: bytes) -> Path:
    bad = tmp_path / f"bad-{abs(hash(name))}.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, data)
    return bad


@pytest.mark.parametrize("evil", ["../evil.txt", "store/../../evil.txt", "/etc/evil.txt"])
def test_zip_slip_is_refused_and_nothing_changes(tmp_path, fresh_home, evil):
    arch = _populated(fresh_home, tmp_path)
    good = tmp_path / "good.zip"
    backup(arch, good)
    before = len(arch.log_entries())
    arch.close()
    bad = _zip_with(tmp_path, good, evil, b"pwned")
    with pytest.raises(InputError, match="berbahaya"):
        restore(fresh_home, bad)
    assert not (tmp_path / "evil.txt").exists()
    arch = Archive.open(fresh_home)
    assert len(arch.log_entries()) == before
    arch.close()
    assert not list(fresh_home.parent.glob(".*restore-*"))


def test_corrupt_member_is_refused(tmp_path, fresh_home):
    arch = _populated(fresh_home, tmp_path)
    good = tmp_path / "good.zip"
    backup(arch, good)
    arch.close()
    bad = tmp_path / "corrupt.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("store/"):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            dst.writestr(item, data)
    with pytest.raises(InputError, match="tidak cocok"):
        restore(fresh_home, bad)


def test_not_a_zip_and_missing_file(tmp_path, fresh_home):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="bukan zip"):
        restore(fresh_home, junk)
    with pytest.raises(InputError, match="tidak ditemukan"):
        restore(fresh_home, tmp_path / "nope.zip")
