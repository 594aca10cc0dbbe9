"""The review gate: approval only with a passing checklist; revisions carry reasons per item."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.findings import Finding
from asri_desktop.core.review import automated, checklist, gate

FIELDS = {
    "title": "Waspada Banjir Rob di Sungailiat",
    "body": "BMKG memperkirakan pasang air laut tinggi pada Jumat, 27 November 2026 pukul 14.00 WIB.",
    "steps": ["Segera pindahkan barang berharga ke tempat tinggi.", "Hubungi 112 bila air masuk rumah."],
    "source": "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang",
    "location": "Kecamatan Sungailiat",
    "date": "2026-11-27",
    "alt_text": "Poster peringatan banjir rob di Sungailiat dengan langkah siaga.",
}


def _submitted(arch, tmp_path, size=(1080, 1350)):
    img = tmp_path / "poster.png"
    Image.new("RGB", size, "#1d4e89").save(img)
    asset = arch.import_asset([("poster.png", img)], kind="poster", title="Waspada Banjir Rob", actor="Rina",
                              hazard="banjir-rob", location="Sungailiat", fields=FIELDS)
    arch.submit(asset.id, "Rina")
    return asset


def _all_pass(stage, **over):
    answers = {i.id: {"result": "pass", "note": "Sudah diperiksa"} for i in checklist.definition(stage)}
    answers.update(over)
    return answers


def _clean_automated(monkeypatch, findings=()):
    """Automated checks that found nothing (or exactly ``findings``): the gate logic is what is tested."""
    fake = automated.Automated(findings=list(findings),
                               ran={d: "uji" for d in ("image", "language", "stamp", "text", "contrast")})
    monkeypatch.setattr(automated, "collect", lambda *a, **k: fake)


def test_approval_refused_naming_every_unanswered_item(team, tmp_path):
    asset = _submitted(team, tmp_path)
    log_before = len(team.log_entries())
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "approve", "Budi", "ok",
                    answers={"tampilan_jelas": {"result": "pass", "note": ""}})
    assert exc.value.rule == "checklist"
    msg = str(exc.value)
    manual_open = [i for i in checklist.build(team, asset.id, "technical_review").items
                   if i.result == "unanswered" and i.id != "tampilan_jelas"]
    assert manual_open
    for item in manual_open:
        assert item.id in msg
    assert "[tampilan_jelas]" not in msg
    # Nothing changed: state, reviews, log.
    assert team.asset(asset.id).state == "technical_review"
    assert team.reviews(asset.id) == []
    assert len(team.log_entries()) == log_before


def test_approval_refused_while_an_automated_item_fails(team, tmp_path):
    asset = _submitted(team, tmp_path, size=(400, 500))
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "approve", "Budi", answers=_all_pass("technical_review"))
    assert exc.value.rule == "checklist"
    assert "[resolusi_format] gagal" in str(exc.value) and "400x500" in str(exc.value)
    assert team.asset(asset.id).state == "technical_review"


def test_approval_with_full_checklist_moves_on_and_stores_it(team, tmp_path, monkeypatch):
    _clean_automated(monkeypatch)
    asset = _submitted(team, tmp_path)
    dec = gate.review(team, asset.id, "approve", "Budi", "Teknis siap", answers=_all_pass("technical_review"))
    assert (dec.from_state, dec.to_state) == ("technical_review", "accuracy_review")
    rev = team.reviews(asset.id)[-1]
    assert rev["decision"] == "approve" and rev["member"] == "Budi"
    stored = rev["answers"]
    assert stored["stage"] == "technical_review" and stored["ok"] is True
    assert stored["content_hash"] == team.version(asset.id).content_hash
    manual = [i for i in stored["items"] if i["source"] == "manual"]
    assert manual and all(i["reviewer"] == "Budi" and i["at"] for i in manual)
    # Accuracy stage: a pengawas approves with a T/A for the citizen-photo item.
    dec = gate.review(team, asset.id, "approve", "Sari", "Akurat",
                      answers=_all_pass("accuracy_review", izin_foto_warga={"result": "na"}))
    assert dec.to_state == "approved"


def test_revise_records_reasons_per_item(team, tmp_path, monkeypatch):
    _clean_automated(monkeypatch, [Finding("language.no_action", "error", "Tidak ada pesan tindakan.")])
    asset = _submitted(team, tmp_path)
    gate.review(team, asset.id, "approve", "Budi", answers=_all_pass("technical_review"))
    answers = {"angka_tanggal": {"result": "fail", "note": "Jam pasang tertinggi 15.00 WIB, bukan 14.00"}}
    dec = gate.review(team, asset.id, "revise", "Sari", "", answers=answers)
    assert dec.to_state == "draft"
    rev = team.reviews(asset.id)[-1]
    assert "Jam pasang tertinggi 15.00 WIB" in rev["comment"]
    assert "Tidak ada pesan tindakan" in rev["comment"]
    reasons = gate.revision_reasons(team, asset.id)
    by_id = {r["item_id"]: r for r in reasons}
    assert set(by_id) == {"angka_tanggal", "pesan_tindakan"}
    assert by_id["angka_tanggal"]["reviewer"] == "Sari" and by_id["angka_tanggal"]["source"] == "manual"
    assert by_id["pesan_tindakan"]["source"] == "auto"
    assert by_id["angka_tanggal"]["stage_label"] == "Validasi Akurasi & Komunikasi"


def test_revise_keeps_the_general_comment(team, tmp_path, monkeypatch):
    _clean_automated(monkeypatch)
    asset = _submitted(team, tmp_path)
    gate.review(team, asset.id, "revise", "Budi", "Logo terlalu kecil",
                answers={"tampilan_jelas": {"result": "fail", "note": "Logo BPBD nyaris tak terlihat"}})
    reasons = gate.revision_reasons(team, asset.id)
    assert reasons[0]["item_id"] is None and reasons[0]["note"] == "Logo terlalu kecil"
    assert reasons[1]["item_id"] == "tampilan_jelas"


def test_revise_without_any_reason_is_refused(team, tmp_path, monkeypatch):
    _clean_automated(monkeypatch)
    asset = _submitted(team, tmp_path)
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "revise", "Budi", "")
    assert exc.value.rule == "reason"


def test_role_and_four_eyes_are_checked_first(team, tmp_path, monkeypatch):
    asset = _submitted(team, tmp_path)

    def boom(*a, **k):
        raise AssertionError("the checks must not run for a refused reviewer")

    monkeypatch.setattr(automated, "collect", boom)
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "approve", "Sari", answers=_all_pass("technical_review"))
    assert exc.value.rule == "role"
    team.add_member("Rina", ["editor"])
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "approve", "Rina", answers=_all_pass("technical_review"))
    assert exc.value.rule == "four_eyes"


def test_not_under_review_gets_the_workflow_refusal(team, tmp_path):
    img = tmp_path / "p.png"
    Image.new("RGB", (1080, 1350)).save(img)
    asset = team.import_asset([img], kind="poster", title="Draf", actor="Rina")
    with pytest.raises(RefusedError) as exc:
        gate.review(team, asset.id, "approve", "Budi")
    assert exc.value.rule == "state"
    with pytest.raises(InputError):
        gate.review(team, asset.id, "setuju", "Budi")


def test_no_reasons_when_never_revised(team, tmp_path):
    asset = _submitted(team, tmp_path)
    assert gate.revision_reasons(team, asset.id) == []


# ---------------------------------------------------------------------- CLI
def test_cli_review_and_checklist(team, tmp_path, run_cli, monkeypatch):
    _clean_automated(monkeypatch)
    asset = _submitted(team, tmp_path)
    code, out, err = run_cli("checklist", asset.id)
    assert code == 0 and "Validasi Teknis" in out and "Belum dijawab" in out and "Belum dapat disetujui" in out
    code, out, _ = run_cli("checklist", asset.id, "--stage", "accuracy_review", "--json")
    data = json.loads(out)
    assert code == 0 and data["stage"] == "accuracy_review" and data["ok"] is False

    code, out, err = run_cli("review", asset.id, "--decision", "approve", "--as", "Budi", "--comment", "ok")
    assert code == 1 and "Galat:" in err and "[tampilan_jelas] belum dijawab" in err

    answers = tmp_path / "jawaban.json"
    answers.write_text(json.dumps(_all_pass("technical_review")), encoding="utf-8")
    code, out, err = run_cli("checklist", asset.id, "--answers", answers)
    assert code == 0 and "Semua item lulus" in out
    code, out, err = run_cli("review", asset.id, "--decision", "approve", "--as", "Budi", "--comment", "ok",
                             "--answers", answers)
    assert code == 0, err
    assert team.asset(asset.id).state == "accuracy_review"


def test_cli_checklist_bad_input(team, tmp_path, run_cli):
    asset = _submitted(team, tmp_path)
    bad = tmp_path / "rusak.json"
    bad.write_text("{ bukan json", encoding="utf-8")
    code, _, err = run_cli("checklist", asset.id, "--answers", bad)
    assert code == 2 and "bukan JSON" in err
    code, _, err = run_cli("checklist", asset.id, "--stage", "lain")
    assert code == 2 and "tidak dikenal" in err
    code, _, err = run_cli("checklist", 999)
    assert code == 2 and "#999" in err
