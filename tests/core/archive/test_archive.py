"""The archive: seeding, members, assets and versions, the content store, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from asri_desktop.core import workflow
from asri_desktop.core.archive import Archive
from asri_desktop.core.errors import ArchiveError, InputError, RefusedError


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_new_archive_is_seeded_with_bangka_defaults(archive):
    s = archive.settings()
    assert [k["name"] for k in s["kecamatan"]][:2] == ["Sungailiat", "Pemali"]
    assert len(s["kecamatan"]) == 8
    assert any(h["id"] == "kolong" for h in s["hazards"])
    assert {c["number"] for c in s["contacts"]} >= {"112", "110", "113", "115", "118/119", "117"}
    bpbd = next(c for c in s["contacts"] if c["id"] == "bpbd")
    assert bpbd["placeholder"] is True
    assert any("Depati Amir" in src["name"] for src in s["sources"])
    assert archive.log_entries()[0]["action"] == "archive.init"


def test_wal_and_foreign_keys_on_every_connection(archive):
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        archive.conn.execute("INSERT INTO member_roles(member_id, role) VALUES (999, 'editor')")


def test_member_with_several_roles_and_unknown_role(archive):
    m = archive.add_member("Dewi", ["Koordinator Konten", "desainer"])
    assert m.roles == ("desainer", "koordinator")
    with pytest.raises(InputError, match="Peran 'kepala' tidak dikenal"):
        archive.add_member("X", ["kepala"])
    with pytest.raises(InputError, match="tidak dikenal"):
        archive.member("Tidak Ada")


def test_identical_files_are_stored_once(team, tmp_path):
    a = _file(tmp_path, "a.png", b"same bytes")
    b = _file(tmp_path, "b.png", b"same bytes")
    x = team.import_asset([a], kind="poster", title="Satu", actor="Rina")
    y = team.import_asset([b], kind="poster", title="Dua", actor="Rina")
    sha = team.version(x.id).files[0].sha256
    assert sha == team.version(y.id).files[0].sha256
    stored = [p for p in (team.home / "store").rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].name == sha


def test_import_refuses_bad_input_and_writes_nothing(team, tmp_path):
    before = len(team.log_entries())
    with pytest.raises(InputError, match="tidak ditemukan"):
        team.import_asset([tmp_path / "nope.png"], kind="poster", title="T", actor="Rina")
    with pytest.raises(InputError, match="Jenis konten"):
        team.import_asset([], kind="meme", title="T", actor="Rina")
    with pytest.raises(InputError, match="tidak dikenal"):
        team.import_asset([], kind="poster", title="T", actor="Siapa")
    assert len(team.log_entries()) == before
    assert team.asset_ids() == []


def test_new_version_goes_back_to_draft_and_changes_hash(team, tmp_path):
    a = team.import_asset([_file(tmp_path, "p.png", b"v1")], kind="poster", title="Banjir", actor="Rina")
    team.submit(a.id, "Rina")
    team.review(a.id, "approve", "Budi")
    v2 = team.add_version(a.id, [_file(tmp_path, "p.png", b"v2")], actor="Rina")
    assert v2.number == 2
    assert team.asset(a.id).state == workflow.DRAFT
    assert v2.content_hash != team.version(a.id, 1).content_hash
    with pytest.raises(RefusedError, match="Tidak ada perubahan"):
        team.add_version(a.id, [_file(tmp_path, "p.png", b"v2")], actor="Rina")


def test_search_over_titles_fields_and_comments(team, tmp_path):
    f = _file(tmp_path, "p.png", b"x")
    a = team.import_asset([f], kind="poster", title="Waspada banjir rob", actor="Rina", hazard="banjir-rob",
                          location="Sungailiat", fields={"body": "Siapkan tas siaga bencana"})
    team.import_asset([f], kind="video", title="Kolong bekas tambang", actor="Rina", hazard="kolong", location="Belinyu")
    team.submit(a.id, "Rina")
    team.review(a.id, "revise", "Budi", comment="Kontras teks kurang pada latar foto")
    assert [r["id"] for r in team.search("banjir")] == [a.id]
    assert [r["id"] for r in team.search("tas siag")] == [a.id]  # prefix on the last word
    assert [r["id"] for r in team.search("kontras")] == [a.id]  # review comments are searchable
    assert [r["title"] for r in team.search("", hazard="kolong")] == ["Kolong bekas tambang"]
    assert team.search("banjir", location="Belinyu") == []
    assert team.count("") == 2
    assert team.search('"; DROP TABLE assets; --') == []  # typed text never breaks FTS syntax


def test_missing_file_in_store_is_reported(team, tmp_path):
    a = team.import_asset([_file(tmp_path, "p.png", b"abc")], kind="poster", title="T", actor="Rina")
    sha = team.version(a.id).files[0].sha256
    team.store.path_of(sha).unlink()
    problems = team.verify_files()
    assert len(problems) == 1 and "hilang" in problems[0] and f"{a.id}:p.png" in problems[0]
    team.submit(a.id, "Rina")
    with pytest.raises(RefusedError) as exc:
        team.review(a.id, "approve", "Budi")
    assert exc.value.rule == "file_integrity"
    assert team.asset(a.id).state == workflow.TECHNICAL


def test_changed_file_in_store_is_reported(team, tmp_path):
    a = team.import_asset([_file(tmp_path, "p.png", b"abc")], kind="poster", title="T", actor="Rina")
    sha = team.version(a.id).files[0].sha256
    p = team.store.path_of(sha)
    p.chmod(0o644)
    p.write_bytes(b"tampered")
    assert "berubah" in team.verify_files()[0]


def test_non_sqlite_archive_file_is_refused(fresh_home):
    fresh_home.mkdir(parents=True)
    (fresh_home / "archive.db").write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(ArchiveError, match="bukan basis data SQLite"):
        Archive.open(fresh_home)
    assert (fresh_home / "archive.db").read_bytes().startswith(b"this is not")


def test_corrupt_sqlite_archive_is_refused(fresh_home):
    Archive.open(fresh_home).close()
    db = fresh_home / "archive.db"
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    for p in fresh_home.glob("archive.db-*"):
        p.unlink()
    with pytest.raises(ArchiveError):
        arch = Archive.open(fresh_home)
        try:
            arch.search("x")
        finally:
            arch.close()


def test_newer_schema_is_refused_and_left_untouched(fresh_home):
    Archive.open(fresh_home).close()
    con = sqlite3.connect(fresh_home / "archive.db")
    con.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('asri', '9999_future', 'x')")
    con.commit()
    con.close()
    before = (fresh_home / "archive.db").read_bytes()
    with pytest.raises(ArchiveError, match="lebih baru"):
        Archive.open(fresh_home)
    assert (fresh_home / "archive.db").read_bytes() == before


def test_database_is_copied_before_a_migration(fresh_home, monkeypatch):
    from asri_desktop.core.archive import db as dbmod

    Archive.open(fresh_home).close()

    def _add(db):
        db.execute("CREATE TABLE test_extra (x INTEGER)")

    monkeypatch.setattr(dbmod, "MIGRATIONS", [*dbmod.MIGRATIONS, ("9000_test_extra", _add)])
    arch = Archive.open(fresh_home)
    try:
        assert arch.db["test_extra"].exists()
        assert dbmod.applied(arch.conn)[-1] == "9000_test_extra"
    finally:
        arch.close()
    backups = list(fresh_home.glob("archive.db.bak-*"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'test_extra'").fetchone()[0] == 0
    con.close()


def test_up_to_date_archive_opens_without_sqlite_utils(fresh_home):
    """sqlite-utils (and numpy behind it) loads only when a migration is pending: start-up stays fast."""
    import subprocess
    import sys

    Archive.open(fresh_home).close()
    code = ("import sys\nfrom asri_desktop.core.archive import Archive\n"
            f"Archive.open({str(fresh_home)!r}).close()\n"
            "bad = [m for m in ('sqlite_utils', 'numpy') if m in sys.modules]\nprint(bad)\nsys.exit(1 if bad else 0)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_unwritable_home_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(ArchiveError, match="tidak dapat dibuat atau ditulisi"):
        Archive.open(blocker / "home")


def test_settings_change_is_logged(archive):
    contacts = archive.setting("contacts")
    for c in contacts:
        if c["id"] == "bpbd":
            c["number"] = "0717-92345"
            c["placeholder"] = False
    archive.set_setting("contacts", contacts, "Rina")
    assert archive.log_entries()[-1]["action"] == "settings.change"
    assert next(c for c in archive.setting("contacts") if c["id"] == "bpbd")["number"] == "0717-92345"


def test_keep_files_replaces_in_place(team, tmp_path):
    files = [_file(tmp_path, f"slide_{i}.png", f"s{i}".encode()) for i in range(3)]
    a = team.import_asset(files, kind="carousel", title="Carousel", actor="Rina")
    new2 = tmp_path / "new" / "slide_1.png"
    new2.parent.mkdir()
    new2.write_bytes(b"s1-fixed")
    extra = _file(tmp_path, "caption.txt", b"caption")
    v2 = team.add_version(a.id, [new2, extra], actor="Rina", keep_files=True)
    assert [f.name for f in v2.files] == ["slide_0.png", "slide_1.png", "slide_2.png", "caption.txt"]
    assert v2.files[1].sha256 != team.version(a.id, 1).files[1].sha256


def test_opening_keeps_a_temp_file_another_process_is_writing(fresh_home):
    import os
    import time

    Archive.open(fresh_home).close()
    store = fresh_home / "store"
    fresh = store / ".tmp-in-progress"
    fresh.write_bytes(b"partial")
    stale = store / ".tmp-left-behind"
    stale.write_bytes(b"old")
    old = time.time() - 7 * 24 * 3600
    os.utime(stale, (old, old))
    Archive.open(fresh_home).close()
    assert fresh.exists() and not stale.exists()


def test_date_filter_takes_days_in_bangka_not_in_utc(team, tmp_path):
    """An asset changed at 04.00 WIB on 28 November was stored at 21.00 UTC on the 27th: it is a 28th asset."""
    from PIL import Image

    p = tmp_path / "pagi.png"
    Image.new("RGB", (20, 25), "#0e4c7a").save(p)
    a = team.import_asset([p], kind="poster", title="Pagi buta", actor="Rina")
    with team.write():
        team.conn.execute("UPDATE assets SET updated_at = '2026-11-27T21:00:00.000000Z' WHERE id = ?", (a.id,))

    def found(day_from: str, day_to: str) -> list[int]:
        return [r["id"] for r in team.search(date_from=day_from, date_to=day_to)]

    assert found("2026-11-28", "2026-11-28") == [a.id]
    assert found("2026-11-27", "2026-11-27") == []
    assert found("2026-11-20", "2026-11-28") == [a.id]
    assert team.count(date_from="2026-11-28", date_to="2026-11-28") == 1
    with pytest.raises(InputError):
        team.search(date_from="28/13/2026")
