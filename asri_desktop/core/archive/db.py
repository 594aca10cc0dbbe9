"""Opening the archive database: pragmas, named migrations, refusing newer schemas.

Every connection gets ``foreign_keys=ON`` and WAL. Before pending migrations run
on an existing database the file is copied beside it (``archive.db.bak-<n>``).
A database that records migrations this version does not know was written by a
newer ASRI Desktop and is refused rather than damaged.

Migrations are applied with sqlite-utils' ``Migrations`` (each in a transaction
with its record), but sqlite-utils is imported only when a migration is pending:
an up-to-date archive opens with the standard library alone, which keeps the
app's start fast (sqlite-utils pulls in numpy).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from asri_desktop.core.archive import log as decision_log
from asri_desktop.core.errors import ArchiveError

if TYPE_CHECKING:
    import sqlite_utils

MIGRATION_SET = "asri"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own table of applied migrations
# Features add their tables as further named migrations at the end of this file
# ("0002_...", "0003_..."); names are never reused or reordered once released.
MIGRATIONS: list[tuple[str, Callable[["sqlite_utils.Database"], None]]] = []


def migration(name: str) -> Callable[[Callable[["sqlite_utils.Database"], None]], Callable[["sqlite_utils.Database"], None]]:
    """Register a named migration (applied in registration order)."""

    def inner(fn: Callable[["sqlite_utils.Database"], None]) -> Callable[["sqlite_utils.Database"], None]:
        if any(n == name for n, _ in MIGRATIONS):
            raise ValueError(f"Migration '{name}' is already registered")
        MIGRATIONS.append((name, fn))
        return fn

    return inner


@migration("0001_initial")
def _initial(db: "sqlite_utils.Database") -> None:
    db.executescript(
        """
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE member_roles (
            member_id INTEGER NOT NULL REFERENCES members(id),
            role TEXT NOT NULL,
            PRIMARY KEY (member_id, role)
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE assets (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            hazard TEXT,
            location TEXT,
            template_id TEXT,
            state TEXT NOT NULL DEFAULT 'draft',
            current_version INTEGER NOT NULL DEFAULT 1,
            created_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            corrects_asset_id INTEGER REFERENCES assets(id),
            fields_text TEXT NOT NULL DEFAULT '',
            comments_text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX assets_state ON assets(state);
        CREATE INDEX assets_kind ON assets(kind);
        CREATE INDEX assets_updated ON assets(updated_at);
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id),
            number INTEGER NOT NULL,
            created_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (asset_id, number)
        );
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions(id),
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'source',
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            UNIQUE (version_id, name)
        );
        CREATE INDEX files_sha ON files(sha256);
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id),
            version INTEGER NOT NULL,
            stage TEXT NOT NULL,
            decision TEXT NOT NULL,
            member_id INTEGER NOT NULL REFERENCES members(id),
            role TEXT NOT NULL,
            at TEXT NOT NULL,
            comment TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX reviews_asset ON reviews(asset_id, version);
        """
    )
    db.executescript(decision_log.SCHEMA)
    db["assets"].enable_fts(["title", "fields_text", "comments_text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the archive database with the project's pragmas."""
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 30000")
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"Berkas arsip {path} bukan basis data SQLite yang sehat ({exc}). "
            "Pulihkan dari cadangan dengan 'asri restore CADANGAN.zip'."
        ) from exc
    if mode is None:
        raise ArchiveError(f"Berkas arsip {path} tidak dapat dibuka dalam mode WAL.")
    return conn


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)).fetchone()
    if not has:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))]


def migrate(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Apply pending migrations; refuse a database written by a newer version.

    Returns the names of the migrations applied.
    """
    try:
        done = applied(conn)
        known = {name for name, _ in MIGRATIONS}
        unknown = [n for n in done if n not in known]
        if unknown:
            raise ArchiveError(
                f"Arsip {path} dibuat oleh versi ASRI Desktop yang lebih baru (skema: {', '.join(unknown)}). "
                "Perbarui aplikasi; arsip tidak diubah."
            )
        pending = [name for name, _ in MIGRATIONS if name not in set(done)]
        if not pending:
            return []
        import sqlite_utils
        from sqlite_utils import Migrations

        if done:
            _copy_before_migration(conn, path)
        migrations = Migrations(MIGRATION_SET)
        for name, fn in MIGRATIONS:
            migrations(name=name)(fn)
        migrations.apply(sqlite_utils.Database(conn))
        return pending
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"Berkas arsip {path} rusak atau bukan arsip ASRI ({exc}). "
            "Pulihkan dari cadangan dengan 'asri restore CADANGAN.zip'."
        ) from exc


def _copy_before_migration(conn: sqlite3.Connection, path: Path) -> Path:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = 1
    while (target := path.with_name(f"{path.name}.bak-{n}")).exists():
        n += 1
    shutil.copy2(path, target)
    return target


@migration("0002_plan")
def _plan(db: "sqlite_utils.Database") -> None:
    """Plan, publish, monitor, evaluate (issue 7): see ``asri_desktop/core/plan``."""
    db.executescript(
        """
        CREATE TABLE plan_items (
            id INTEGER PRIMARY KEY,
            topic TEXT NOT NULL,
            hazard TEXT,
            kind TEXT NOT NULL,
            platforms TEXT NOT NULL DEFAULT '[]',
            due_date TEXT NOT NULL,
            assignee_id INTEGER REFERENCES members(id),
            status TEXT NOT NULL DEFAULT 'rencana',
            asset_id INTEGER REFERENCES assets(id),
            notes TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX plan_items_due ON plan_items(due_date);
        CREATE TABLE plan_slots (
            id INTEGER PRIMARY KEY,
            plan_item_id INTEGER NOT NULL REFERENCES plan_items(id) ON DELETE CASCADE,
            platform TEXT NOT NULL,
            publish_at TEXT NOT NULL,
            UNIQUE (plan_item_id, platform)
        );
        CREATE INDEX plan_slots_at ON plan_slots(publish_at);
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            asset_id INTEGER NOT NULL REFERENCES assets(id),
            platform TEXT NOT NULL,
            url TEXT NOT NULL,
            url_key TEXT NOT NULL,
            published_at TEXT NOT NULL,
            plan_item_id INTEGER REFERENCES plan_items(id),
            recorded_by INTEGER NOT NULL REFERENCES members(id),
            recorded_at TEXT NOT NULL,
            UNIQUE (url_key)
        );
        CREATE INDEX publications_asset ON publications(asset_id);
        CREATE INDEX publications_at ON publications(published_at);
        CREATE TABLE metrics (
            id INTEGER PRIMARY KEY,
            publication_id INTEGER NOT NULL REFERENCES publications(id),
            read_at TEXT NOT NULL,
            reach INTEGER,
            impressions INTEGER,
            likes INTEGER,
            comments INTEGER,
            shares INTEGER,
            saves INTEGER,
            link_clicks INTEGER,
            source TEXT NOT NULL DEFAULT 'manual',
            recorded_by INTEGER NOT NULL REFERENCES members(id),
            recorded_at TEXT NOT NULL,
            UNIQUE (publication_id, read_at)
        );
        CREATE TABLE hoaxes (
            id INTEGER PRIMARY KEY,
            received_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            text TEXT NOT NULL,
            hazard TEXT,
            contact_id TEXT,
            verified_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'belum',
            verdict TEXT NOT NULL DEFAULT '',
            clarification_asset_id INTEGER REFERENCES assets(id),
            recorded_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            publication_id INTEGER NOT NULL REFERENCES publications(id),
            received_at TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            category TEXT NOT NULL,
            handled_at TEXT,
            handled_by INTEGER REFERENCES members(id),
            response TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX comments_pub ON comments(publication_id);
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            person TEXT NOT NULL,
            contact TEXT NOT NULL,
            use TEXT NOT NULL,
            granted_on TEXT NOT NULL,
            asset_id INTEGER REFERENCES assets(id),
            note TEXT NOT NULL DEFAULT '',
            revoked_on TEXT,
            recorded_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX consents_asset ON consents(asset_id);
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            campaign TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL REFERENCES members(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE survey_questions (
            id INTEGER PRIMARY KEY,
            survey_id INTEGER NOT NULL REFERENCES surveys(id),
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            qtype TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '[]',
            correct TEXT,
            UNIQUE (survey_id, position)
        );
        CREATE TABLE survey_responses (
            id INTEGER PRIMARY KEY,
            survey_id INTEGER NOT NULL REFERENCES surveys(id),
            respondent TEXT NOT NULL DEFAULT '',
            submitted_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'manual'
        );
        CREATE TABLE survey_answers (
            response_id INTEGER NOT NULL REFERENCES survey_responses(id),
            question_id INTEGER NOT NULL REFERENCES survey_questions(id),
            value TEXT NOT NULL,
            PRIMARY KEY (response_id, question_id)
        );
        """
    )
