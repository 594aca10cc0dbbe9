"""Content-addressed file store: every file is kept once, under its SHA-256.

Writes are atomic: a temporary file in the same folder, fsync, then rename, so a
crash leaves either the whole file or nothing under its final name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from asri_desktop.core.errors import ArchiveError, InputError
from asri_desktop.core.hashing import CHUNK, sha256, sha256_file


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (temp file, fsync, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ContentStore:
    """Files by hash under ``root/aa/bb/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:4] / sha

    def has(self, sha: str) -> bool:
        return self.path_of(sha).is_file()

    def put_file(self, src: Path) -> tuple[str, int]:
        """Store a copy of ``src``; returns (sha256, size). Identical files are stored once."""
        src = Path(src)
        if not src.is_file():
            raise InputError(f"Berkas tidak ditemukan atau bukan berkas biasa: {src}")
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        h = sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                try:
                    with open(src, "rb") as fh:
                        while chunk := fh.read(CHUNK):
                            h.update(chunk)
                            out.write(chunk)
                            size += len(chunk)
                except OSError as exc:
                    raise InputError(f"Berkas tidak dapat dibaca: {src} ({exc.strerror})") from exc
                out.flush()
                os.fsync(out.fileno())
            sha = h.hexdigest()
            self._commit(Path(tmp), sha)
            return sha, size
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        """Store bytes; returns (sha256, size)."""
        sha = sha256(data).hexdigest()
        if self.has(sha):
            return sha, len(data)
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            self._commit(Path(tmp), sha)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, len(data)

    def _commit(self, tmp: Path, sha: str) -> None:
        final = self.path_of(sha)
        if final.is_file():
            tmp.unlink(missing_ok=True)
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_dir(final.parent)

    def open(self, sha: str):
        """Open a stored file for reading; a missing file is an :class:`ArchiveError`."""
        p = self.path_of(sha)
        if not p.is_file():
            raise ArchiveError(f"Berkas {sha[:12]}… hilang dari penyimpanan arsip ({p})")
        return open(p, "rb")

    def check(self, sha: str) -> str | None:
        """None when the stored file matches its hash, else a message naming the fault."""
        p = self.path_of(sha)
        if not p.is_file():
            return f"berkas hilang: {sha}"
        actual = sha256_file(p)
        if actual != sha:
            return f"isi berkas berubah: {sha} (sekarang {actual})"
        return None

    def export_to(self, sha: str, target: Path) -> Path:
        """Copy a stored file out to ``target`` (atomically)."""
        with self.open(sha) as fh:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(fh, out, CHUNK)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return target

    # A temporary file younger than this may belong to another process storing a file
    # right now (the CLI importing while the app runs); only older ones are leftovers.
    STALE_TEMP_SECONDS = 6 * 3600

    def clean_temp(self) -> int:
        """Remove temporary files a killed process left behind long ago; returns how many."""
        n = 0
        if self.root.exists():
            cutoff = time.time() - self.STALE_TEMP_SECONDS
            for p in self.root.glob(".tmp-*"):
                try:
                    if p.stat().st_mtime < cutoff:
                        p.unlink()
                        n += 1
                except FileNotFoundError:
                    continue
        return n
