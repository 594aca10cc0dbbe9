"""Canonical encodings and SHA-256 helpers shared by the store, versions and the log.

``hashlib`` (OpenSSL behind it) is imported on the first hash, not with the archive:
opening an archive to show the desktop app's first screen hashes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def canonical_json(obj: Any) -> bytes:
    """A stable byte encoding: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def sha256(data: bytes = b"") -> Any:
    """A new SHA-256 hash object (``update`` it, then ``hexdigest``)."""
    import hashlib

    return hashlib.sha256(data)


def sha256_bytes(data: bytes) -> str:
    return sha256(data).hexdigest()


def sha256_file(p: Path) -> str:
    """SHA-256 of a file, read in chunks so large videos do not fill memory."""
    h = sha256()
    with open(p, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def content_hash(fields: dict[str, Any], files: list[tuple[str, str]]) -> str:
    """The hash a version is known by: its fields and its (name, sha256) files.

    An approval binds to this value; change a field or a byte of a file and it changes.
    """
    return sha256_bytes(canonical_json({"fields": fields, "files": sorted([list(f) for f in files])}))
