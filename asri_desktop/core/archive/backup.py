"""Backup to one zip file and verified restore.

The backup holds a consistent snapshot of the database (SQLite's online backup
API), every stored file, the log anchors and a manifest of SHA-256 sums. A
restore unpacks into a sibling folder, checks the manifest, opens the snapshot
and verifies the decision log and every file *before* anything is replaced; the
old home is kept beside the new one, never deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Callable

from asri_desktop.core.archive.archive import DB_NAME, Archive
from asri_desktop.core.errors import ArchiveError, InputError
from asri_desktop.core.hashing import sha256_bytes, sha256_file

MANIFEST = "asri-backup.json"
FORMAT = 1
Progress = Callable[[int, int], None]


def backup(archive: Archive, target: Path, progress: Progress | None = None) -> dict:
    """Write a backup zip of ``archive`` to ``target`` (atomically); returns the manifest."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".asri-backup-") as tmp:
        snap = Path(tmp) / DB_NAME
        with archive._locked():
            dest = sqlite3.connect(snap)
            try:
                archive.conn.backup(dest)
            finally:
                dest.close()
            anchors = {p.name: p.read_bytes() for p in (archive.anchors.head, archive.anchors.pending) if p.exists()}
        con = sqlite3.connect(snap)
        try:
            shas = sorted({r[0] for r in con.execute("SELECT sha256 FROM files")})
        finally:
            con.close()
        members: dict[str, str] = {DB_NAME: sha256_file(snap)}
        part = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.write(snap, DB_NAME)
            for name, data in anchors.items():
                zf.writestr(name, data)
                members[name] = sha256_bytes(data)
            for i, sha in enumerate(shas, 1):
                src = archive.store.path_of(sha)
                if not src.is_file():
                    raise ArchiveError(f"Berkas {sha} hilang dari penyimpanan; jalankan 'asri verify'. Cadangan tidak dibuat.")
                arc = f"store/{sha[:2]}/{sha[2:4]}/{sha}"
                zf.write(src, arc, compress_type=zipfile.ZIP_STORED)
                members[arc] = sha
                if progress:
                    progress(i, len(shas))
            manifest = {
                "format": FORMAT,
                "created_at": datetime.now(timezone.utc).isoformat(),
                "members": members,
            }
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
    return manifest


def _safe_name(name: str) -> PurePosixPath:
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or name.startswith(("/", "\\")) or ":" in p.parts[0] or "\\" in name:
        raise InputError(f"Cadangan ditolak: nama berkas berbahaya di dalam zip: '{name}'")
    return p


def restore(target_home: Path, source: Path, progress: Progress | None = None) -> Path | None:
    """Restore ``source`` into ``target_home``; returns where the previous home was kept (or None)."""
    source = Path(source)
    target_home = Path(target_home)
    if not source.is_file():
        raise InputError(f"Berkas cadangan tidak ditemukan: {source}")
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"Berkas cadangan {source} bukan zip yang valid ({exc}).") from exc
    target_home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target_home.parent, prefix=f".{target_home.name}.restore-"))
    try:
        with zf:
            names = zf.namelist()
            for n in names:
                _safe_name(n)
            if MANIFEST not in names or DB_NAME not in names:
                raise InputError(f"Berkas {source} bukan cadangan ASRI (manifest atau basis data tidak ada).")
            try:
                manifest = json.loads(zf.read(MANIFEST))
                members: dict[str, str] = manifest["members"]
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"Manifest cadangan rusak: {exc}") from exc
            if manifest.get("format") != FORMAT:
                raise InputError(f"Format cadangan {manifest.get('format')} tidak dikenal oleh versi ini.")
            extra = set(names) - set(members) - {MANIFEST}
            if extra:
                raise InputError(f"Cadangan berisi berkas yang tidak tercatat di manifest: {sorted(extra)[:3]}")
            total = len(members)
            for i, (name, sha) in enumerate(sorted(members.items()), 1):
                dest = staging / _safe_name(name)
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    with zf.open(name) as src, open(dest, "wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
                except KeyError:
                    raise InputError(f"Cadangan tidak lengkap: '{name}' tidak ada di zip.") from None
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    raise InputError(f"Isi cadangan rusak pada '{name}': {exc}") from exc
                if sha256_file(dest) != sha:
                    raise InputError(f"Isi cadangan rusak: '{name}' tidak cocok dengan hash di manifest.")
                if progress:
                    progress(i, total)
        # Open the staged archive and verify it fully before touching the real home.
        try:
            staged = Archive.open(staging, create=False)
        except ArchiveError as exc:
            raise InputError(f"Basis data di dalam cadangan tidak dapat dibuka: {exc}") from exc
        try:
            result = staged.verify_log()
            if not result.ok:
                raise InputError(f"Log keputusan di dalam cadangan tidak utuh: {result.message()}")
            problems = staged.verify_files()
            if problems:
                raise InputError(f"Cadangan tidak utuh: {problems[0]}")
        finally:
            staged.close()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    kept = None
    if target_home.exists() and any(target_home.iterdir()):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = target_home.with_name(f"{target_home.name}.sebelum-pulih-{stamp}")
        os.replace(target_home, kept)
    elif target_home.exists():
        target_home.rmdir()
    os.replace(staging, target_home)
    return kept
