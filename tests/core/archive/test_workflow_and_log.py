"""Workflow rules enforced in the core, and the tamper-evident decision log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from asri_desktop.core import workflow
from asri_desktop.core.archive import log as decision_log
from asri_desktop.core.errors import RefusedError


@pytest.fixture
def poster(team, tmp_path):
    p = tmp_path / "poster.png"
    p.write_bytes(b"poster bytes")
    return team.import_asset([p], kind="poster", title="Siaga banjir rob Sungailiat", actor="Rina")


def _snapshot(arch):
    return (
        arch.asset(arch.asset_ids()[0]).state,
        len(arch.log_entries()),
        arch.conn.execute("SELECT count(*) FROM reviews").fetchone()[0],
    )


def test_full_happy_path(team, poster):
    team.submit(poster.id, "Rina")
    team.review(poster.id, "approve", "Budi", comment="Resolusi dan elemen wajib lengkap")
    team.review(poster.id, "approve", "Dewi", comment="Bahasa jelas")  # koordinator decides accuracy/communication
    team.schedule(poster.id, "Adi", comment="Instagram 28/11 07.00")
    team.publish(poster.id, "Adi")
    assert team.asset(poster.id).state == workflow.PUBLISHED
    actions = [e["action"] for e in team.log_entries(poster.id)]
    assert actions == ["asset.create", "asset.submit", "asset.approve", "asset.approve", "asset.schedule", "asset.publish"]
    roles = [e["role"] for e in team.log_entries(poster.id)]
    assert roles[2:4] == ["editor", "koordinator"]


@pytest.mark.parametrize(
    "setup, action, actor, rule",
    [
        ([], "approve", "Budi", "state"),  # still a draft
        (["submit"], "approve", "Sari", "role"),  # pengawas cannot decide the technical stage
        (["submit"], "approve", "Adi", "role"),
        (["submit", "approve:Budi"], "approve", "Budi", "role"),  # editor cannot decide accuracy
        (["submit"], "revise", "Budi", "reason"),  # revise needs a reason
        (["submit", "approve:Budi", "approve:Sari"], "publish", "Budi", "role"),
        (["submit"], "publish", "Adi", "state"),
    ],
)
def test_refusals_name_the_rule_and_change_nothing(team, poster, setup, action, actor, rule):
    for step in setup:
        if step == "submit":
            team.submit(poster.id, "Rina")
        else:
            _, who = step.split(":")
            team.review(poster.id, "approve", who)
    before = _snapshot(team)
    with pytest.raises(RefusedError) as exc:
        if action in ("approve", "revise"):
            team.review(poster.id, action, actor)
        else:
            getattr(team, action)(poster.id, actor)
    assert exc.value.rule == rule
    assert exc.value.message
    assert _snapshot(team) == before


def test_four_eyes_nobody_decides_on_their_own_version(team, tmp_path):
    team.add_member("Dewi", ["editor"])  # Dewi designs and also edits
    p = tmp_path / "x.png"
    p.write_bytes(b"x")
    a = team.import_asset([p], kind="poster", title="Karhutla Bakam", actor="Dewi")
    team.submit(a.id, "Dewi")
    with pytest.raises(RefusedError) as exc:
        team.review(a.id, "approve", "Dewi")
    assert exc.value.rule == "four_eyes"
    team.review(a.id, "approve", "Budi")
    # Dewi (koordinator) also may not decide the second stage of her own version.
    with pytest.raises(RefusedError) as exc:
        team.review(a.id, "approve", "Dewi")
    assert exc.value.rule == "four_eyes"


def test_revise_sends_back_to_draft_and_new_version_needs_new_approval(team, poster, tmp_path):
    team.submit(poster.id, "Rina")
    team.review(poster.id, "approve", "Budi")
    team.review(poster.id, "revise", "Sari", comment="Angka curah hujan tidak sesuai rilis BMKG")
    assert team.asset(poster.id).state == workflow.DRAFT
    p = tmp_path / "poster.png"
    p.write_bytes(b"poster bytes fixed")
    v2 = team.add_version(poster.id, [p], actor="Rina", note="Angka diperbaiki")
    team.submit(poster.id, "Rina")
    assert team.asset(poster.id).state == workflow.TECHNICAL
    team.review(poster.id, "approve", "Budi")
    team.review(poster.id, "approve", "Sari")
    approvals = [r for r in team.reviews(poster.id) if r["decision"] == "approve" and r["version"] == 2]
    assert {r["content_hash"] for r in approvals} == {v2.content_hash}


def test_stale_review_is_refused(team, poster):
    team.submit(poster.id, "Rina")
    with pytest.raises(RefusedError) as exc:
        team.review(poster.id, "approve", "Budi", expected_hash="0" * 64)
    assert exc.value.rule == "stale_version"


def test_published_asset_cannot_be_changed(team, poster, tmp_path):
    team.submit(poster.id, "Rina")
    team.review(poster.id, "approve", "Budi")
    team.review(poster.id, "approve", "Sari")
    team.publish(poster.id, "Adi")
    p = tmp_path / "other.png"
    p.write_bytes(b"other")
    with pytest.raises(RefusedError) as exc:
        team.add_version(poster.id, [p], actor="Rina")
    assert exc.value.rule == "published"


# ---------------------------------------------------------------- decision log


@pytest.fixture
def busy_log(team, poster):
    team.submit(poster.id, "Rina")
    team.review(poster.id, "approve", "Budi")
    team.review(poster.id, "revise", "Sari", comment="Sumber data belum dicantumkan")
    assert team.verify_log().ok
    return team


def _raw(arch) -> sqlite3.Connection:
    """A second connection, as someone with the sqlite3 shell would have, triggers dropped."""
    con = sqlite3.connect(arch.db_path, isolation_level=None)
    con.execute("DROP TRIGGER decision_log_no_update")
    con.execute("DROP TRIGGER decision_log_no_delete")
    return con


def test_triggers_refuse_update_and_delete(busy_log):
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        busy_log.conn.execute("UPDATE decision_log SET comment = 'x' WHERE seq = 2")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        busy_log.conn.execute("DELETE FROM decision_log WHERE seq = 2")


def test_edited_row_is_found(busy_log):
    con = _raw(busy_log)
    con.execute("UPDATE decision_log SET comment = 'Disetujui' WHERE seq = 8")
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == 8 and "diubah" in res.reason


def test_rehashed_edit_is_found_by_the_next_entry(busy_log):
    con = _raw(busy_log)
    row = dict(zip(decision_log.FIELDS, con.execute(
        f"SELECT {', '.join(decision_log.FIELDS)} FROM decision_log WHERE seq = 7").fetchone()))
    row["actor"] = "Orang Lain"
    con.execute("UPDATE decision_log SET actor = ?, entry_hash = ? WHERE seq = 7", ("Orang Lain", decision_log.entry_hash(row)))
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == 8


def test_deleted_middle_row_is_found(busy_log):
    _raw(busy_log).execute("DELETE FROM decision_log WHERE seq = 5")
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == 5


def test_deleted_last_row_is_found_by_the_anchor(busy_log):
    last = busy_log.log_entries()[-1]["seq"]
    _raw(busy_log).execute("DELETE FROM decision_log WHERE seq = ?", (last,))
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == last and "dihapus" in res.reason


def test_inserted_row_is_found(busy_log):
    con = _raw(busy_log)
    last = busy_log.log_entries()[-1]
    forged = {k: last[k] for k in decision_log.FIELDS}
    forged.update(seq=last["seq"] + 1, prev_hash=last["entry_hash"], action="asset.approve", actor="Sari")
    forged["entry_hash"] = decision_log.entry_hash(forged)
    con.execute(f"INSERT INTO decision_log ({', '.join(forged)}) VALUES ({', '.join('?' * len(forged))})",
                list(forged.values()))
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == last["seq"] + 1


def test_reordered_rows_are_found(busy_log):
    con = _raw(busy_log)
    rows = [list(r) for r in con.execute("SELECT * FROM decision_log ORDER BY seq")]
    con.execute("DELETE FROM decision_log")
    # Entries 4 and 5 swap places; each keeps its sequence slot (seq is the rowid).
    rows[3][1:], rows[4][1:] = rows[4][1:], rows[3][1:]
    for r in rows:
        con.execute(f"INSERT INTO decision_log VALUES ({', '.join('?' * len(r))})", r)
    res = busy_log.verify_log()
    assert not res.ok and res.bad_seq == 4


def test_rewritten_chain_is_found_by_the_anchor(busy_log):
    con = _raw(busy_log)
    rows = [dict(zip([d[0] for d in con.execute("SELECT * FROM decision_log").description], r))
            for r in con.execute("SELECT * FROM decision_log ORDER BY seq")]
    con.execute("DELETE FROM decision_log")
    prev = decision_log.GENESIS
    for r in rows:
        r["prev_hash"] = prev
        if r["seq"] == 4:
            r["comment"] = "diubah diam-diam"
        r["entry_hash"] = decision_log.entry_hash(r)
        prev = r["entry_hash"]
        con.execute(f"INSERT INTO decision_log ({', '.join(r)}) VALUES ({', '.join('?' * len(r))})", list(r.values()))
    res = busy_log.verify_log()
    assert not res.ok and "jangkar" in res.reason


def test_anchor_repaired_after_kill_between_commit_and_head(busy_log):
    # Simulate a process killed after COMMIT but before it moved the head anchor.
    last = busy_log.log_entries()[-1]
    prev = busy_log.log_entries()[-2]
    decision_log.write_anchor(busy_log.anchors.pending, last["seq"], last["entry_hash"])
    decision_log.write_anchor(busy_log.anchors.head, prev["seq"], prev["entry_hash"])
    assert busy_log.verify_log().ok
    busy_log._repair_anchor()
    assert json.loads(Path(busy_log.anchors.head).read_text())["seq"] == last["seq"]
    assert not busy_log.anchors.pending.exists()
