"""The tamper-evident decision log.

Each row of ``decision_log`` carries the hash of the row before it and its own
hash, SHA-256 over a canonical JSON encoding of all its other columns. Triggers
refuse UPDATE and DELETE. Because someone with the sqlite3 shell can drop the
triggers, :func:`verify` re-derives the whole chain and also checks it against a
head anchor kept beside the database (``log-head.json``): editing, deleting,
inserting or reordering any row breaks the chain or the anchor.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from asri_desktop.core.hashing import canonical_json, sha256_bytes
from asri_desktop.core.archive.store import atomic_write_bytes

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "at",
    "actor",
    "role",
    "asset_id",
    "version",
    "action",
    "from_state",
    "to_state",
    "comment",
    "content_hash",
    "prev_hash",
)

SCHEMA = """
CREATE TABLE decision_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT,
    asset_id INTEGER,
    version INTEGER,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    comment TEXT NOT NULL DEFAULT '',
    content_hash TEXT,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log
BEGIN SELECT RAISE(ABORT, 'decision_log hanya boleh ditambah (append-only)'); END;
CREATE TRIGGER decision_log_no_delete BEFORE DELETE ON decision_log
BEGIN SELECT RAISE(ABORT, 'decision_log hanya boleh ditambah (append-only)'); END;
CREATE INDEX decision_log_asset ON decision_log(asset_id, seq);
"""


def entry_hash(entry: dict[str, Any]) -> str:
    """The hash of one entry: SHA-256 over the canonical JSON of FIELDS."""
    return sha256_bytes(canonical_json({k: entry.get(k) for k in FIELDS}))


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    role: str | None = None,
    asset_id: int | None = None,
    version: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str = "",
    content_hash: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Append one entry inside the caller's transaction; returns the full row."""
    last = conn.execute("SELECT seq, entry_hash FROM decision_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry: dict[str, Any] = {
        "seq": seq,
        "at": at or utc_now(),
        "actor": actor,
        "role": role,
        "asset_id": asset_id,
        "version": version,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "comment": comment or "",
        "content_hash": content_hash,
        "prev_hash": prev,
    }
    entry["entry_hash"] = entry_hash(entry)
    cols = ", ".join(entry)
    marks = ", ".join("?" for _ in entry)
    conn.execute(f"INSERT INTO decision_log ({cols}) VALUES ({marks})", list(entry.values()))
    return entry


class VerifyResult(NamedTuple):
    """Outcome of :func:`verify`: ``ok`` or the first bad sequence number and why."""

    ok: bool
    count: int
    bad_seq: int | None = None
    reason: str = ""
    head_hash: str | None = None

    def message(self) -> str:
        if self.ok:
            return f"Rantai log keputusan utuh: {self.count} entri, hash terakhir {(self.head_hash or GENESIS)[:16]}…"
        return f"Rantai log keputusan RUSAK pada entri #{self.bad_seq}: {self.reason}"


def read_anchor(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_anchor(path: Path, seq: int, entry_hash_: str) -> None:
    """Record an entry outside the database (atomic write)."""
    atomic_write_bytes(path, json.dumps({"seq": seq, "entry_hash": entry_hash_}).encode())


class Anchors(NamedTuple):
    """The two files that anchor the chain's head outside the database.

    ``pending`` is written just before a transaction that appends entries commits,
    ``head`` just after; a process killed between the two leaves a head one commit
    behind, which the pending file explains. Deleting the newest rows leaves a head
    that points past the end of the table.
    """

    head: Path
    pending: Path

    def before_commit(self, seq: int, entry_hash_: str) -> None:
        write_anchor(self.pending, seq, entry_hash_)

    def after_commit(self, seq: int, entry_hash_: str) -> None:
        write_anchor(self.head, seq, entry_hash_)
        self.pending.unlink(missing_ok=True)


def verify(conn: sqlite3.Connection, anchors: Anchors | None = None) -> VerifyResult:
    """Re-derive the chain from the first entry; report the first entry that does not fit."""
    cols = ", ".join(FIELDS + ("entry_hash",))
    prev = GENESIS
    expected_seq = 1
    count = 0
    by_seq: dict[int, str] = {}
    for row in conn.execute(f"SELECT {cols} FROM decision_log ORDER BY rowid"):
        entry = dict(zip(FIELDS + ("entry_hash",), row))
        seq = entry["seq"]
        if seq != expected_seq:
            if seq > expected_seq:
                return VerifyResult(False, count, expected_seq, f"entri #{expected_seq} hilang (berikutnya #{seq})")
            return VerifyResult(False, count, seq, f"urutan entri kacau: #{seq} muncul setelah #{expected_seq - 1}")
        if entry["prev_hash"] != prev:
            return VerifyResult(False, count, seq, "hash entri sebelumnya tidak cocok (entri disisipkan, dihapus atau diubah)")
        if entry_hash(entry) != entry["entry_hash"]:
            return VerifyResult(False, count, seq, "isi entri telah diubah (hash tidak cocok)")
        prev = entry["entry_hash"]
        by_seq[seq] = prev
        expected_seq += 1
        count += 1
    if anchors is not None:
        problem = _check_anchors(anchors, by_seq, count)
        if problem:
            return VerifyResult(False, count, problem[0], problem[1])
    return VerifyResult(True, count, head_hash=prev if count else None)


def _check_anchors(anchors: Anchors, by_seq: dict[int, str], last: int) -> tuple[int, str] | None:
    head = read_anchor(anchors.head)
    pending = read_anchor(anchors.pending)
    hseq = head.get("seq", 0) if head else 0
    if head and (hseq not in by_seq or by_seq[hseq] != head.get("entry_hash")):
        if hseq > last:
            return hseq, f"entri #{hseq} yang tercatat sebagai entri terakhir tidak ada lagi (dihapus)"
        return hseq, "entri tidak cocok dengan jangkar kepala log (rantai ditulis ulang)"
    if hseq == last:
        return None
    # The table runs past the head: fine only when a commit's pending anchor names the last entry.
    if pending and pending.get("seq") == last and by_seq.get(last) == pending.get("entry_hash"):
        return None
    return hseq + 1, "entri setelah jangkar kepala log tidak tercatat (disisipkan di luar aplikasi)"
