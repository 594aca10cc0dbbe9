"""The archive commands of ``asri``: exit codes, JSON output, Indonesian messages."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup(run_cli, tmp_path):
    for name, role in [("Rina", "desainer"), ("Budi", "editor"), ("Sari", "pengawas")]:
        assert run_cli("member", "add", name, "--role", role)[0] == 0
    f = tmp_path / "poster.png"
    f.write_bytes(b"png-ish")
    code, out, err = run_cli("asset", "import", f, "--kind", "poster", "--title", "Waspada puting beliung",
                             "--hazard", "puting-beliung", "--location", "Merawang", "--as", "Rina", "--json")
    assert code == 0, err
    return json.loads(out)["id"]


def test_init_then_whole_flow(run_cli, tmp_path, fresh_home):
    code, out, _ = run_cli("init", "--json")
    assert code == 0 and json.loads(out)["home"] == str(fresh_home)
    aid = _setup(run_cli, tmp_path)
    assert run_cli("submit", aid, "--as", "Rina")[0] == 0
    code, _, err = run_cli("review", aid, "--decision", "approve", "--comment", "ok", "--as", "Rina")
    assert code == 1 and "Hanya Editor Teknis" in err
    # The checklist gate refuses approval while manual items are unanswered ...
    code, _, err = run_cli("review", aid, "--decision", "approve", "--comment", "ok", "--as", "Budi")
    assert code == 1 and "belum dapat disetujui" in err
    # ... and the editor sends it back with a reason instead.
    code, _, err = run_cli("review", aid, "--decision", "revise", "--comment", "Sumber data belum ada", "--as", "Budi")
    assert code == 0, err
    code, out, _ = run_cli("asset", "show", aid, "--json")
    shown = json.loads(out)
    assert shown["state"] == "draft" and len(shown["versions"][0]["files"][0]["sha256"]) == 64
    assert shown["reviews"][-1]["decision"] == "revise"
    code, out, _ = run_cli("search", "beliung", "--json")
    assert [r["id"] for r in json.loads(out)] == [aid]
    assert run_cli("log", "verify")[0] == 0
    code, out, _ = run_cli("log", "show")
    assert "asset.revise" in out
    assert run_cli("verify")[0] == 0


def test_exit_codes_for_bad_input(run_cli, tmp_path):
    _setup(run_cli, tmp_path)
    assert run_cli("asset", "show", "9999")[0] == 2
    assert run_cli("asset", "show", "abc")[0] == 2
    assert run_cli("submit", "1", "--as", "Orang Asing")[0] == 2
    assert run_cli("member", "add", "X", "--role", "raja")[0] == 2
    code, _, err = run_cli("review", "1", "--decision", "maybe", "--as", "Budi")
    assert code == 2 and "galat" in err
    assert run_cli()[0] == 2


def test_log_verify_fails_naming_the_entry(run_cli, tmp_path, fresh_home):
    _setup(run_cli, tmp_path)
    con = sqlite3.connect(fresh_home / "archive.db")
    con.execute("DROP TRIGGER decision_log_no_update")
    con.execute("UPDATE decision_log SET actor = 'Palsu' WHERE seq = 3")
    con.commit()
    con.close()
    code, out, _ = run_cli("log", "verify")
    assert code == 1 and "#3" in out


def test_verify_reports_missing_file(run_cli, tmp_path, fresh_home):
    aid = _setup(run_cli, tmp_path)
    sha = json.loads(run_cli("asset", "show", aid, "--json")[1])["versions"][0]["files"][0]["sha256"]
    (fresh_home / "store" / sha[:2] / sha[2:4] / sha).unlink()
    code, out, _ = run_cli("verify")
    assert code == 1 and "hilang" in out


def test_corrupt_archive_file_exit_2(run_cli, fresh_home):
    fresh_home.mkdir(parents=True)
    (fresh_home / "archive.db").write_text("bukan database")
    code, _, err = run_cli("search", "x")
    assert code == 2 and "bukan basis data SQLite" in err


def test_backup_restore_commands(run_cli, tmp_path):
    _setup(run_cli, tmp_path)
    z = tmp_path / "b.zip"
    assert run_cli("backup", z)[0] == 0
    code, out, _ = run_cli("restore", z, "--json")
    assert code == 0 and json.loads(out)["previous"]
    assert run_cli("restore", tmp_path / "none.zip")[0] == 2


def test_main_py_and_module_run_the_cli(tmp_path, fresh_home):
    env = {"ASRI_HOME": str(fresh_home), "PATH": "/usr/bin:/bin"}
    for cmd in ([sys.executable, "main.py", "init", "--json"], [sys.executable, "-m", "asri_desktop", "log", "verify"]):
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
        assert res.returncode == 0, res.stderr


def test_home_flag_overrides_env(run_cli, tmp_path):
    other = tmp_path / "lain"
    code, out, _ = run_cli("--home", other, "init", "--json")
    assert code == 0 and json.loads(out)["home"] == str(other)
    code, out, _ = run_cli("init", "--home", other, "--json")
    assert json.loads(out)["home"] == str(other)
