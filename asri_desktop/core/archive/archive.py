"""The archive: one home folder holding the database, the file store and the log anchors.

:class:`Archive` is the one door the CLI, the UI and the other core modules use.
Every write runs in :meth:`Archive.write`: an exclusive lock on the home, one
``BEGIN IMMEDIATE`` transaction, the decision-log entries appended in that same
transaction, and the log's head anchor moved around the commit. A refused or
failed action rolls back whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, NewType, Sequence

from asri_desktop.core import dates, resources, workflow
from asri_desktop.core.archive import db as dbmod
from asri_desktop.core.archive import log as decision_log
from asri_desktop.core.archive.home import resolve_home
from asri_desktop.core.archive.lock import exclusive
from asri_desktop.core.archive.store import ContentStore
from asri_desktop.core.errors import ArchiveError, InputError, RefusedError
from asri_desktop.core.hashing import content_hash

AssetId = NewType("AssetId", int)
MemberId = NewType("MemberId", int)

SYSTEM_ACTOR = "sistem"
SETTING_KEYS = ("agency", "kecamatan", "hazards", "sources", "contacts")
DB_NAME = "archive.db"
CUSTOM_DIR = "custom"


# Records are NamedTuples, not dataclasses: the desktop app imports them on its way to the
# first window, and each frozen dataclass compiles six generated methods (~4 M instructions,
# bench/startup.py); a NamedTuple costs a fifth of that and is just as immutable.
class Member(NamedTuple):
    id: MemberId
    name: str
    roles: tuple[str, ...]

    def has(self, role: str) -> bool:
        return role in self.roles


class FileRecord(NamedTuple):
    name: str
    role: str
    sha256: str
    size: int


class Version(NamedTuple):
    asset_id: AssetId
    number: int
    created_by: str
    created_by_id: MemberId
    created_at: str
    fields: dict[str, Any]
    content_hash: str
    note: str
    files: tuple[FileRecord, ...]


class Asset(NamedTuple):
    id: AssetId
    kind: str
    title: str
    hazard: str | None
    location: str | None
    template_id: str | None
    state: str
    current_version: int
    created_by: str
    created_at: str
    updated_at: str
    corrects_asset_id: AssetId | None
    fields: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


def _now() -> str:
    return decision_log.utc_now()


def _utc_text(moment: datetime) -> str:
    """``moment`` as stored times are written (UTC, microseconds), so text comparison orders them."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _flatten_text(value: Any) -> str:
    """All strings inside a fields structure, for full-text search."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_flatten_text(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return " ".join(_flatten_text(v) for v in value)
    return ""


class Archive:
    """An open archive home. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, home: Path, conn: sqlite3.Connection) -> None:
        self.home = home
        self.conn = conn
        self.store = ContentStore(home / "store")
        self.anchors = decision_log.Anchors(home / "log-head.json", home / "log-pending.json")
        self._lock_path = home / ".write.lock"
        self._tx_entries: list[dict[str, Any]] | None = None
        self._lock_depth = 0

    @property
    def db(self) -> Any:
        """A ``sqlite_utils.Database`` over this connection, for table-level helpers (imported on first use)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The home's write lock, re-entrant within this object (flock is per open file)."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        with exclusive(self._lock_path):
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, *, create: bool = True) -> "Archive":
        """Open the archive at ``home`` (see :func:`resolve_home`), creating and seeding it if new."""
        root = resolve_home(home)
        db_path = root / DB_NAME
        if not db_path.exists() and not create:
            raise ArchiveError(f"Belum ada arsip di {root}. Jalankan 'asri init' terlebih dahulu.")
        try:
            root.mkdir(parents=True, exist_ok=True)
            (root / "store").mkdir(exist_ok=True)
            probe = root / ".write-probe"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise ArchiveError(
                f"Folder arsip {root} tidak dapat dibuat atau ditulisi ({exc.strerror or exc})."
            ) from exc
        if db_path.exists() and db_path.stat().st_size:
            with open(db_path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise ArchiveError(
                        f"Berkas arsip {db_path} bukan basis data SQLite (rusak atau tertimpa). "
                        "Pulihkan dari cadangan dengan 'asri restore CADANGAN.zip'."
                    )
        conn = dbmod.connect(db_path)
        arch = cls(root, conn)
        # Tables and templates a replication pack brought into this archive take precedence.
        resources.set_overlay(root / CUSTOM_DIR)
        try:
            with arch._locked():
                fresh = not dbmod.applied(conn)
                dbmod.migrate(conn, db_path)
                arch.store.clean_temp()
                arch._repair_anchor()
                if fresh:
                    arch._seed()
        except BaseException:
            conn.close()
            raise
        return arch

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    def _repair_anchor(self) -> None:
        """Finish the head anchor of a commit whose process was killed before moving it."""
        pending = decision_log.read_anchor(self.anchors.pending)
        if not pending:
            return
        row = self.conn.execute(
            "SELECT seq, entry_hash FROM decision_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if row and row[0] == pending.get("seq") and row[1] == pending.get("entry_hash"):
            self.anchors.after_commit(row[0], row[1])
        else:
            # The transaction it announced never committed.
            self.anchors.pending.unlink(missing_ok=True)

    def _seed(self) -> None:
        defaults = resources.data("defaults/bangka.toml")
        with self.write():
            for key in SETTING_KEYS:
                self.conn.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?)", (key, json.dumps(defaults[key], ensure_ascii=False))
                )
            self.log(SYSTEM_ACTOR, "archive.init", comment="Arsip dibuat dengan data bawaan Kabupaten Bangka")

    # ------------------------------------------------------------------ writing
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the home's lock; log entries go in with it.

        Nested use joins the outer transaction.
        """
        if self._tx_entries is not None:
            yield self.conn
            return
        with self._locked():
            self.conn.execute("BEGIN IMMEDIATE")
            self._tx_entries = []
            try:
                yield self.conn
                if self._tx_entries:
                    last = self._tx_entries[-1]
                    self.anchors.before_commit(last["seq"], last["entry_hash"])
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self.anchors.pending.unlink(missing_ok=True)
                self._tx_entries = None
                raise
            entries, self._tx_entries = self._tx_entries, None
            if entries:
                self.anchors.after_commit(entries[-1]["seq"], entries[-1]["entry_hash"])

    def log(self, actor: str, action: str, **kw: Any) -> dict[str, Any]:
        """Append a decision-log entry; must run inside :meth:`write`."""
        if self._tx_entries is None:
            raise RuntimeError("Archive.log must be called inside Archive.write()")
        entry = decision_log.append(self.conn, actor=actor, action=action, **kw)
        self._tx_entries.append(entry)
        return entry

    # ------------------------------------------------------------------ settings
    def settings(self) -> dict[str, Any]:
        """All settings as a dict (agency, kecamatan, hazards, sources, contacts, ...).

        The agency logo is kept in the store by its SHA-256 (``agency.logo``); for the
        renderers this adds ``agency.logo_file``, the stored file's path, when it exists.
        """
        out = {k: json.loads(v) for k, v in self.conn.execute("SELECT key, value FROM settings")}
        agency = out.get("agency")
        if isinstance(agency, dict):
            logo = str(agency.get("logo") or "")
            if len(logo) == 64 and all(c in "0123456789abcdef" for c in logo) and self.store.has(logo):
                agency["logo_file"] = str(self.store.path_of(logo))
        return out

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any, actor: str, comment: str = "") -> None:
        """Change one setting; the change is logged with the actor."""
        encoded = json.dumps(value, ensure_ascii=False)
        with self.write():
            old = self.setting(key)
            if old == value:
                return
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, encoded),
            )
            self.log(actor, "settings.change", comment=comment or f"Pengaturan '{key}' diubah")

    # ------------------------------------------------------------------ members
    def add_member(self, name: str, roles: Iterable[str], actor: str = SYSTEM_ACTOR) -> Member:
        """Add a team member with one or more roles (ids or labels); adding roles to an existing member merges."""
        name = name.strip()
        if not name:
            raise InputError("Nama anggota tim tidak boleh kosong.")
        if len(name) > 120:
            raise InputError("Nama anggota tim terlalu panjang (maksimal 120 karakter).")
        role_ids = sorted({workflow.normalize_role(r) for r in roles})
        if not role_ids:
            raise InputError("Anggota tim harus memiliki setidaknya satu peran.")
        with self.write():
            row = self.conn.execute("SELECT id FROM members WHERE name = ?", (name,)).fetchone()
            if row:
                mid = row[0]
            else:
                mid = self.conn.execute(
                    "INSERT INTO members(name, created_at) VALUES (?, ?)", (name, _now())
                ).lastrowid
            added = []
            for r in role_ids:
                cur = self.conn.execute("INSERT OR IGNORE INTO member_roles(member_id, role) VALUES (?, ?)", (mid, r))
                if cur.rowcount:
                    added.append(r)
            if added:
                labels = workflow.role_labels()
                self.log(
                    actor,
                    "member.add",
                    comment=f"{name}: {', '.join(labels[r] for r in added)}",
                )
        return self.member(name)

    def set_member_roles(self, name: str, roles: Iterable[str], actor: str) -> Member:
        """Replace a member's roles (logged)."""
        m = self.member(name)
        role_ids = sorted({workflow.normalize_role(r) for r in roles})
        if not role_ids:
            raise InputError("Anggota tim harus memiliki setidaknya satu peran.")
        with self.write():
            self.conn.execute("DELETE FROM member_roles WHERE member_id = ?", (m.id,))
            for r in role_ids:
                self.conn.execute("INSERT INTO member_roles(member_id, role) VALUES (?, ?)", (m.id, r))
            labels = workflow.role_labels()
            self.log(actor, "member.roles", comment=f"{m.name}: {', '.join(labels[r] for r in role_ids)}")
        return self.member(name)

    def member(self, name_or_id: str | int) -> Member:
        """A member by name (case-insensitive) or id; unknown is an :class:`InputError`."""
        if isinstance(name_or_id, int):
            row = self.conn.execute("SELECT id, name FROM members WHERE id = ?", (name_or_id,)).fetchone()
        else:
            row = self.conn.execute("SELECT id, name FROM members WHERE name = ?", (name_or_id.strip(),)).fetchone()
        if not row:
            known = [m.name for m in self.members()]
            raise InputError(
                f"Anggota tim '{name_or_id}' tidak dikenal. "
                + (f"Anggota terdaftar: {', '.join(known)}." if known else "Belum ada anggota; tambahkan dengan 'asri member add'.")
            )
        roles = tuple(r for (r,) in self.conn.execute("SELECT role FROM member_roles WHERE member_id = ? ORDER BY role", (row[0],)))
        return Member(MemberId(row[0]), row[1], roles)

    def members(self) -> list[Member]:
        out = []
        for mid, name in self.conn.execute("SELECT id, name FROM members ORDER BY name"):
            roles = tuple(r for (r,) in self.conn.execute("SELECT role FROM member_roles WHERE member_id = ? ORDER BY role", (mid,)))
            out.append(Member(MemberId(mid), name, roles))
        return out

    # ------------------------------------------------------------------ assets
    def _store_files(self, files: Sequence[Path | tuple[str, Path] | tuple[str, Path, str]]) -> list[FileRecord]:
        records: list[FileRecord] = []
        seen: set[str] = set()
        for item in files:
            if isinstance(item, tuple):
                name, src = item[0], Path(item[1])
                role = item[2] if len(item) > 2 else "source"
            else:
                src = Path(item)
                name, role = src.name, "source"
            if name in seen:
                raise InputError(f"Dua berkas bernama sama dalam satu versi: {name}")
            seen.add(name)
            sha, size = self.store.put_file(src)
            records.append(FileRecord(name, role, sha, size))
        return records

    def import_asset(
        self,
        files: Sequence[Path | tuple[str, Path] | tuple[str, Path, str]],
        *,
        kind: str,
        title: str,
        actor: str,
        hazard: str | None = None,
        location: str | None = None,
        template_id: str | None = None,
        fields: dict[str, Any] | None = None,
        corrects_asset_id: int | None = None,
        note: str = "",
    ) -> Asset:
        """Create an asset in draft with its first version; files are stored first, then one transaction."""
        kinds = resources.data("roles.toml")["kinds"]
        if kind not in kinds:
            raise InputError(f"Jenis konten '{kind}' tidak dikenal. Pilihan: {', '.join(kinds)}")
        title = (title or "").strip()
        if not title:
            raise InputError("Judul aset tidak boleh kosong.")
        for label, value in (("bahaya", hazard), ("lokasi", location), ("templat", template_id)):
            if value is not None and not isinstance(value, str):
                raise InputError(f"Isian {label} aset harus berupa teks, bukan {type(value).__name__}.")
        member = self.member(actor)
        fields = dict(fields or {})
        if corrects_asset_id is not None:
            self.asset(corrects_asset_id)
        records = self._store_files(files)
        chash = content_hash(fields, [(r.name, r.sha256) for r in records])
        now = _now()
        with self.write():
            aid = self.conn.execute(
                "INSERT INTO assets(kind, title, hazard, location, template_id, state, current_version, created_by,"
                " created_at, updated_at, corrects_asset_id, fields_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (kind, title, hazard, location, template_id, workflow.DRAFT, 1, member.id, now, now,
                 corrects_asset_id, _flatten_text(fields)),
            ).lastrowid
            self._insert_version(aid, 1, member, fields, chash, note, records, now)
            self.log(member.name, "asset.create", asset_id=aid, version=1, to_state=workflow.DRAFT,
                     content_hash=chash, comment=title)
        return self.asset(aid)

    def _insert_version(self, aid: int, number: int, member: Member, fields: dict[str, Any], chash: str,
                        note: str, records: list[FileRecord], now: str) -> None:
        vid = self.conn.execute(
            "INSERT INTO versions(asset_id, number, created_by, created_at, fields, content_hash, note)"
            " VALUES (?,?,?,?,?,?,?)",
            (aid, number, member.id, now, json.dumps(fields, ensure_ascii=False), chash, note),
        ).lastrowid
        for r in records:
            self.conn.execute(
                "INSERT INTO files(version_id, name, role, sha256, size) VALUES (?,?,?,?,?)",
                (vid, r.name, r.role, r.sha256, r.size),
            )

    def add_version(
        self,
        asset_id: int,
        files: Sequence[Path | tuple[str, Path] | tuple[str, Path, str]] | None,
        *,
        actor: str,
        fields: dict[str, Any] | None = None,
        title: str | None = None,
        note: str = "",
        keep_files: bool = False,
    ) -> Version:
        """Make a new version in draft. Any change after an approval goes through here.

        ``files=None`` with ``keep_files=True`` keeps the previous version's files
        (a change of fields only). Refused once the asset is published: start a
        correction (Ralat) instead.
        """
        member = self.member(actor)
        asset = self.asset(asset_id)
        if asset.state == workflow.PUBLISHED:
            raise RefusedError(
                "Aset sudah terpublikasi dan tidak dapat diubah; buat Ralat (koreksi) yang menautkan aset ini.",
                rule="published",
            )
        prev = self.version(asset_id)
        records = self._store_files(files or [])
        if keep_files:
            # A replaced file keeps its place (carousel slides stay in order); new names go last.
            new_by_name = {r.name: r for r in records}
            kept = [new_by_name.pop(r.name, r) for r in prev.files]
            records = kept + [r for r in records if r.name in new_by_name]
        new_fields = prev.fields if fields is None else dict(fields)
        chash = content_hash(new_fields, [(r.name, r.sha256) for r in records])
        if chash == prev.content_hash and (title is None or title == asset.title):
            raise RefusedError("Tidak ada perubahan dibanding versi terakhir.", rule="no_change")
        now = _now()
        number = prev.number + 1
        with self.write():
            self._insert_version(asset_id, number, member, new_fields, chash, note, records, now)
            self.conn.execute(
                "UPDATE assets SET current_version = ?, state = ?, updated_at = ?, title = ?, fields_text = ? WHERE id = ?",
                (number, workflow.DRAFT, now, (title or asset.title).strip(), _flatten_text(new_fields), asset_id),
            )
            self.log(member.name, "version.new", asset_id=asset_id, version=number, from_state=asset.state,
                     to_state=workflow.DRAFT, content_hash=chash, comment=note)
        return self.version(asset_id, number)

    def asset(self, asset_id: int) -> Asset:
        """An asset by id; unknown is an :class:`InputError` (exit 2)."""
        try:
            aid = int(asset_id)
        except (TypeError, ValueError):
            raise InputError(f"ID aset tidak valid: '{asset_id}' (harus berupa angka).") from None
        row = self.conn.execute(
            "SELECT a.id, a.kind, a.title, a.hazard, a.location, a.template_id, a.state, a.current_version,"
            " m.name, a.created_at, a.updated_at, a.corrects_asset_id, v.fields"
            " FROM assets a JOIN members m ON m.id = a.created_by"
            " LEFT JOIN versions v ON v.asset_id = a.id AND v.number = a.current_version WHERE a.id = ?",
            (aid,),
        ).fetchone()
        if not row:
            raise InputError(f"Aset #{aid} tidak ada di arsip.")
        *head, fields = row
        return Asset(*head, fields=json.loads(fields or "{}"))

    def version(self, asset_id: int, number: int | None = None) -> Version:
        """A version of an asset (the current one by default) with its files."""
        asset = self.asset(asset_id)
        n = asset.current_version if number is None else int(number)
        row = self.conn.execute(
            "SELECT v.id, v.number, m.name, m.id, v.created_at, v.fields, v.content_hash, v.note"
            " FROM versions v JOIN members m ON m.id = v.created_by WHERE v.asset_id = ? AND v.number = ?",
            (asset.id, n),
        ).fetchone()
        if not row:
            raise InputError(f"Aset #{asset.id} tidak memiliki versi {n} (versi terakhir: {asset.current_version}).")
        vid = row[0]
        files = tuple(
            FileRecord(*r)
            for r in self.conn.execute(
                "SELECT name, role, sha256, size FROM files WHERE version_id = ? ORDER BY id", (vid,)
            )
        )
        return Version(AssetId(asset.id), row[1], row[2], MemberId(row[3]), row[4], json.loads(row[5]), row[6], row[7], files)

    def versions(self, asset_id: int) -> list[Version]:
        asset = self.asset(asset_id)
        return [self.version(asset.id, n) for n in range(1, asset.current_version + 1)]

    def file_path(self, sha: str) -> Path:
        """Where a stored file lives (read-only use)."""
        return self.store.path_of(sha)

    def asset_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM assets ORDER BY id")]

    # ------------------------------------------------------------------ search
    _ASSET_COLS = "a.id, a.kind, a.title, a.hazard, a.location, a.state, a.current_version, a.updated_at"

    def _filters(self, kind: str | None, hazard: str | None, location: str | None, state: str | None,
                 date_from: str | None, date_to: str | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for col, val in (("kind", kind), ("hazard", hazard), ("location", location), ("state", state)):
            if val:
                where.append(f"a.{col} = ?")
                params.append(val)
        # The dates are days in Bangka; updated_at is stored in UTC (a WIB morning is the UTC evening before).
        if date_from:
            where.append("a.updated_at >= ?")
            params.append(_utc_text(dates.local_day_span(dates.parse_date(date_from), dates.parse_date(date_from))[0]))
        if date_to:
            where.append("a.updated_at < ?")
            params.append(_utc_text(dates.local_day_span(dates.parse_date(date_to), dates.parse_date(date_to))[1]))
        return where, params

    @staticmethod
    def fts_query(text: str) -> str:
        """Turn what a person types into a safe FTS5 query: every word must match (prefix on the last)."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return ""
        quoted = [f'"{w}"' for w in words]
        quoted[-1] += "*"
        return " ".join(quoted)

    def search(
        self,
        text: str = "",
        *,
        kind: str | None = None,
        hazard: str | None = None,
        location: str | None = None,
        state: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Full-text search (FTS5 over titles, fields and comments) with filters; best match first."""
        where, params = self._filters(kind, hazard, location, state, date_from, date_to)
        q = self.fts_query(text or "")
        lim = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
        if q:
            sql = (
                f"SELECT {self._ASSET_COLS} FROM assets_fts JOIN assets a ON a.rowid = assets_fts.rowid"
                f" WHERE assets_fts MATCH ?{''.join(' AND ' + w for w in where)} ORDER BY assets_fts.rank{lim}"
            )
            params = [q, *params]
        else:
            sql = (
                f"SELECT {self._ASSET_COLS} FROM assets a"
                f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY a.updated_at DESC, a.id DESC{lim}"
            )
        cols = ["id", "kind", "title", "hazard", "location", "state", "current_version", "updated_at"]
        return [dict(zip(cols, r)) for r in self.conn.execute(sql, params)]

    def count(self, text: str = "", **filters: Any) -> int:
        """How many assets :meth:`search` would find without a limit."""
        where, params = self._filters(*(filters.get(k) for k in ("kind", "hazard", "location", "state", "date_from", "date_to")))
        q = self.fts_query(text or "")
        if q:
            sql = ("SELECT count(*) FROM assets_fts JOIN assets a ON a.rowid = assets_fts.rowid WHERE assets_fts MATCH ?"
                   + "".join(" AND " + w for w in where))
            params = [q, *params]
        else:
            sql = "SELECT count(*) FROM assets a" + (" WHERE " + " AND ".join(where) if where else "")
        return self.conn.execute(sql, params).fetchone()[0]

    # ------------------------------------------------------------------ workflow
    def verify_version_files(self, version: Version) -> None:
        """Refuse when a stored file of the version is missing or changed (approval binds to the bytes)."""
        for f in version.files:
            problem = self.store.check(f.sha256)
            if problem:
                raise RefusedError(
                    f"Berkas '{f.name}' versi {version.number} tidak utuh di penyimpanan ({problem}); persetujuan ditolak.",
                    rule="file_integrity",
                )
        actual = content_hash(version.fields, [(f.name, f.sha256) for f in version.files])
        if actual != version.content_hash:
            raise RefusedError("Isi versi tidak cocok dengan hash yang tercatat.", rule="content_hash")

    def _transition(self, asset_id: int, action: str, actor: str, comment: str = "",
                    answers: dict[str, Any] | None = None, expected_hash: str | None = None) -> workflow.Decision:
        member = self.member(actor)
        with self.write():
            asset = self.asset(asset_id)
            version = self.version(asset.id)
            if expected_hash and expected_hash != version.content_hash:
                raise RefusedError(
                    "Versi yang Anda tinjau sudah berubah; muat ulang dan tinjau versi terbaru.", rule="stale_version"
                )
            decision = workflow.check(
                action, asset.state, member.roles, actor_id=member.id,
                version_creator_id=version.created_by_id, comment=comment,
            )
            if action == "approve":
                self.verify_version_files(version)
                self._check_stage_binding(asset.id, version)
            now = _now()
            self.conn.execute(
                "UPDATE assets SET state = ?, updated_at = ?, comments_text = comments_text || ? WHERE id = ?",
                (decision.to_state, now, (" " + comment) if comment else "", asset.id),
            )
            if action in ("approve", "revise"):
                self.conn.execute(
                    "INSERT INTO reviews(asset_id, version, stage, decision, member_id, role, at, comment, content_hash, answers)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (asset.id, version.number, asset.state, action, member.id, decision.role, now, comment,
                     version.content_hash, json.dumps(answers or {}, ensure_ascii=False)),
                )
            self.log(member.name, f"asset.{action}", role=decision.role, asset_id=asset.id, version=version.number,
                     from_state=decision.from_state, to_state=decision.to_state, comment=comment,
                     content_hash=version.content_hash)
        return decision

    def _check_stage_binding(self, asset_id: int, version: Version) -> None:
        """Every earlier approval of this version must have bound to the same content hash."""
        for (h,) in self.conn.execute(
            "SELECT content_hash FROM reviews WHERE asset_id = ? AND version = ? AND decision = 'approve'",
            (asset_id, version.number),
        ):
            if h != version.content_hash:
                raise RefusedError("Versi berubah setelah disetujui pada tahap sebelumnya.", rule="content_hash")

    def submit(self, asset_id: int, actor: str, comment: str = "") -> workflow.Decision:
        """Send a draft to the technical review."""
        return self._transition(asset_id, "submit", actor, comment)

    def review(self, asset_id: int, decision: str, actor: str, comment: str = "",
               answers: dict[str, Any] | None = None, expected_hash: str | None = None) -> workflow.Decision:
        """Approve the current review stage or send the asset back for revision."""
        if decision not in ("approve", "revise"):
            raise InputError(f"Keputusan '{decision}' tidak dikenal: gunakan 'approve' atau 'revise'.")
        return self._transition(asset_id, decision, actor, comment, answers, expected_hash)

    def schedule(self, asset_id: int, actor: str, comment: str = "") -> workflow.Decision:
        return self._transition(asset_id, "schedule", actor, comment)

    def publish(self, asset_id: int, actor: str, comment: str = "") -> workflow.Decision:
        return self._transition(asset_id, "publish", actor, comment)

    def reviews(self, asset_id: int) -> list[dict[str, Any]]:
        cols = ["version", "stage", "decision", "member", "role", "at", "comment", "content_hash", "answers"]
        rows = self.conn.execute(
            "SELECT r.version, r.stage, r.decision, m.name, r.role, r.at, r.comment, r.content_hash, r.answers"
            " FROM reviews r JOIN members m ON m.id = r.member_id WHERE r.asset_id = ? ORDER BY r.id",
            (int(asset_id),),
        )
        out = []
        for r in rows:
            d = dict(zip(cols, r))
            d["answers"] = json.loads(d["answers"])
            out.append(d)
        return out

    # ------------------------------------------------------------------ log and checks
    @staticmethod
    def _log_filter(asset_id: int | None, actor: str | None, action: str | None) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if asset_id is not None:
            where.append("asset_id = ?")
            params.append(int(asset_id))
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if action:
            where.append("action LIKE ?")
            params.append(action + "%")
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def count_log_entries(self, asset_id: int | None = None, *, actor: str | None = None,
                          action: str | None = None) -> int:
        """How many entries :meth:`log_entries` would return without a limit."""
        where, params = self._log_filter(asset_id, actor, action)
        return self.conn.execute("SELECT count(*) FROM decision_log" + where, params).fetchone()[0]

    def log_entries(self, asset_id: int | None = None, *, actor: str | None = None, action: str | None = None,
                    limit: int | None = None, offset: int = 0, newest_first: bool = False) -> list[dict[str, Any]]:
        """Decision-log entries, filtered by asset, actor and action prefix (``asset.``), oldest first."""
        where, params = self._log_filter(asset_id, actor, action)
        sql = "SELECT * FROM decision_log" + where
        sql += " ORDER BY seq" + (" DESC" if newest_first else "")
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur]

    def verify_log(self) -> decision_log.VerifyResult:
        """Re-derive the decision log's hash chain and check its head anchor."""
        return decision_log.verify(self.conn, self.anchors)

    def verify_files(self, progress: Any = None) -> list[str]:
        """Re-hash every stored file referenced by a version; returns the problems found."""
        shas = [r[0] for r in self.conn.execute("SELECT DISTINCT sha256 FROM files ORDER BY sha256")]
        problems = []
        for i, sha in enumerate(shas, 1):
            problem = self.store.check(sha)
            if problem:
                names = [n for (n,) in self.conn.execute(
                    "SELECT DISTINCT a.id || ':' || f.name FROM files f JOIN versions v ON v.id = f.version_id"
                    " JOIN assets a ON a.id = v.asset_id WHERE f.sha256 = ?", (sha,))]
                problems.append(f"{problem} (aset {', '.join(names)})")
            if progress:
                progress(i, len(shas))
        try:
            ic = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            ic = str(exc)
        if ic != "ok":
            problems.append(f"pemeriksaan integritas SQLite: {ic}")
        return problems
