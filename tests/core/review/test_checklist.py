"""Checklist definitions (resources/checklists.toml) and filling them in for a version."""

from __future__ import annotations

import json
import sys

import pytest
from PIL import Image

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.review import automated, checklist

GOOD_FIELDS = {
    "title": "Waspada Banjir Rob di Sungailiat",
    "body": "BMKG memperkirakan pasang air laut tinggi pada Jumat, 27 November 2026 pukul 14.00 WIB.",
    "steps": ["Segera pindahkan barang berharga ke tempat tinggi.", "Hubungi 112 bila air masuk rumah."],
    "source": "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang",
    "location": "Kecamatan Sungailiat",
    "date": "2026-11-27",
    "alt_text": "Poster peringatan banjir rob di Sungailiat dengan langkah siaga.",
}


def _png(path, size=(1080, 1350), colour="#1d4e89"):
    Image.new("RGB", size, colour).save(path)
    return path


def _poster(arch, tmp_path, *, size=(1080, 1350), fields=None, kind="poster"):
    img = _png(tmp_path / "poster.png", size)
    return arch.import_asset([("poster-banjir-rob.png", img)], kind=kind, title="Waspada Banjir Rob",
                             actor="Rina", hazard="banjir-rob", location="Sungailiat",
                             fields=dict(GOOD_FIELDS if fields is None else fields))


def _fake_automated(monkeypatch, findings, ran=("image", "language", "stamp", "text", "contrast")):
    """Make the automated checks return exactly these findings (the checks themselves are tested elsewhere)."""
    fake = automated.Automated(findings=list(findings), ran={d: "uji" for d in ran})
    monkeypatch.setattr(automated, "collect", lambda *a, **k: fake)


# ---------------------------------------------------------------------- definitions
@pytest.mark.parametrize("stage", ["technical_review", "accuracy_review"])
def test_definition_items_are_complete_and_unique(stage):
    items = checklist.definition(stage)
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids)) and len(ids) >= 5
    kinds = set(resources.data("roles.toml")["kinds"])
    for item in items:
        assert item.label and item.help
        assert item.fail_on in ("error", "warning")
        assert set(item.applies_to) <= kinds | {"*"}, item.id


def test_definition_covers_the_guideline_items():
    tech = {i.id for i in checklist.definition("technical_review")}
    acc = {i.id for i in checklist.definition("accuracy_review")}
    assert {"elemen_wajib", "resolusi_format", "subtitle", "teks_alternatif"} <= tech
    assert {"fakta_sesuai_sumber", "angka_tanggal", "izin_foto_warga", "bukan_hoaks", "bahasa_sederhana",
            "pesan_tindakan", "nada_santun"} <= acc
    by_id = {i.id: i for i in checklist.definition("technical_review")}
    assert by_id["elemen_wajib"].auto == ("stamp.*",)
    assert by_id["subtitle"].applies_to == ("video",)


def test_unknown_stage_names_the_known_ones():
    with pytest.raises(InputError, match="technical_review"):
        checklist.definition("publikasi")


# ---------------------------------------------------------------------- answers
def test_answers_are_validated_and_every_problem_named():
    defs = checklist.definition("accuracy_review")
    with pytest.raises(InputError) as exc:
        checklist.normalize_answers({
            "tidak_ada": "pass",
            "fakta_sesuai_sumber": {"result": "mungkin"},
            "angka_tanggal": {"result": "fail"},
            "bukan_hoaks": {"result": "na"},
        }, defs)
    msg = str(exc.value)
    assert "tidak_ada" in msg and "mungkin" in msg and "tanpa catatan" in msg and "T/A" in msg


def test_answer_shapes_accepted():
    defs = checklist.definition("accuracy_review")
    flat = checklist.normalize_answers({"bukan_hoaks": "pass"}, defs)
    wrapped = checklist.normalize_answers({"answers": {"bukan_hoaks": {"result": "PASS"}}}, defs)
    listed = checklist.normalize_answers({"items": [{"id": "bukan_hoaks", "result": "pass"},
                                                    {"id": "angka_tanggal", "result": "unanswered"}]}, defs)
    assert flat == wrapped == listed == {"bukan_hoaks": {"result": "pass", "note": ""}}
    with pytest.raises(InputError, match="objek JSON"):
        checklist.normalize_answers(["pass"], defs)


# ---------------------------------------------------------------------- building
def test_build_fills_auto_items_and_leaves_manual_ones_open(team, tmp_path):
    asset = _poster(team, tmp_path)
    res = checklist.build(team, asset.id, "technical_review")
    ids = [i.id for i in res.items]
    assert "subtitle" not in ids  # video only
    fmt = res.item("resolusi_format")
    assert (fmt.result, fmt.source, fmt.reviewer) == ("pass", "auto", "sistem")
    assert res.item("tampilan_jelas").result == "unanswered"
    assert not res.ok and res.unanswered
    assert res.version == 1 and res.content_hash == team.version(asset.id).content_hash


def test_low_resolution_image_fails_the_format_item(team, tmp_path):
    asset = _poster(team, tmp_path, size=(400, 500))
    item = checklist.build(team, asset.id, "technical_review").item("resolusi_format")
    assert item.result == "fail" and item.source == "auto"
    assert "400x500" in item.note
    assert item.findings[0]["code"] == "image.low_resolution"


def test_unreadable_image_fails(team, tmp_path):
    bad = tmp_path / "rusak.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    asset = team.import_asset([bad], kind="poster", title="Rusak", actor="Rina")
    item = checklist.build(team, asset.id, "technical_review").item("resolusi_format")
    assert item.result == "fail" and "tidak dapat dibaca" in item.note


def test_video_kind_gets_subtitle_item(team, tmp_path):
    f = tmp_path / "catatan.txt"
    f.write_text("bukan video")
    asset = team.import_asset([f], kind="video", title="Video tanpa berkas video", actor="Rina")
    res = checklist.build(team, asset.id, "technical_review")
    assert "subtitle" in [i.id for i in res.items]
    assert "teks_alternatif" not in [i.id for i in res.items]
    assert res.item("resolusi_format").result == "fail"  # media.missing


def test_manual_answers_recorded_with_reviewer(team, tmp_path):
    asset = _poster(team, tmp_path)
    res = checklist.build(team, asset.id, "accuracy_review",
                          {"fakta_sesuai_sumber": {"result": "pass", "note": "Cocok dengan rilis BMKG"},
                           "izin_foto_warga": {"result": "na"}}, reviewer="Sari")
    fakta = res.item("fakta_sesuai_sumber")
    assert (fakta.result, fakta.source, fakta.reviewer, fakta.note) == ("pass", "manual", "Sari", "Cocok dengan rilis BMKG")
    assert fakta.at
    assert res.item("izin_foto_warga").result == "na"
    assert res.item("bukan_hoaks").result == "unanswered"


def test_auto_failure_cannot_be_overridden_on_hard_items(team, tmp_path, monkeypatch):
    asset = _poster(team, tmp_path)
    _fake_automated(monkeypatch, [Finding("stamp.missing", "error", "Elemen wajib tidak ada: kontak darurat")])
    res = checklist.build(team, asset.id, "technical_review",
                          {"elemen_wajib": {"result": "pass", "note": "saya setuju"}}, reviewer="Budi")
    item = res.item("elemen_wajib")
    assert item.result == "fail" and item.source == "auto"
    assert "kontak darurat" in item.note and "tidak dapat dikesampingkan" in item.note


def test_heuristic_failure_overridden_only_with_a_note(team, tmp_path, monkeypatch):
    asset = _poster(team, tmp_path)
    _fake_automated(monkeypatch, [Finding("language.jargon", "warning", "Istilah 'mitigasi' sulit dipahami",
                                          suggestion="upaya mengurangi risiko")])
    res = checklist.build(team, asset.id, "accuracy_review")
    assert res.item("bahasa_sederhana").result == "fail"
    res = checklist.build(team, asset.id, "accuracy_review", {"bahasa_sederhana": "pass"}, reviewer="Sari")
    assert res.item("bahasa_sederhana").result == "fail"
    assert "tanpa catatan diabaikan" in res.item("bahasa_sederhana").note
    res = checklist.build(team, asset.id, "accuracy_review",
                          {"bahasa_sederhana": {"result": "pass", "note": "Istilah resmi dalam kampanye"}},
                          reviewer="Sari")
    item = res.item("bahasa_sederhana")
    assert (item.result, item.source, item.reviewer) == ("pass", "manual", "Sari")
    assert "Istilah resmi" in item.note and "mitigasi" in item.note


def test_reviewer_can_fail_an_item_the_checks_passed(team, tmp_path, monkeypatch):
    asset = _poster(team, tmp_path)
    _fake_automated(monkeypatch, [])
    res = checklist.build(team, asset.id, "accuracy_review",
                          {"pesan_tindakan": {"result": "fail", "note": "Perintahnya membingungkan"}}, reviewer="Sari")
    assert res.item("pesan_tindakan").result == "fail"
    assert res.item("pesan_tindakan").source == "manual"


def test_warning_below_fail_threshold_passes_with_note(team, tmp_path, monkeypatch):
    asset = _poster(team, tmp_path)
    _fake_automated(monkeypatch, [Finding("contrast.low", "warning", "Kontras judul 4,1:1")])
    item = checklist.build(team, asset.id, "technical_review").item("teks_terbaca")
    assert item.result == "pass" and "4,1:1" in item.note


def test_missing_module_leaves_item_to_the_reviewer(team, tmp_path, monkeypatch):
    asset = _poster(team, tmp_path)
    monkeypatch.setitem(sys.modules, "asri_desktop.core.review.language", None)
    res = checklist.build(team, asset.id, "accuracy_review")
    item = res.item("pesan_tindakan")
    assert item.result == "unanswered" and "belum tersedia" in item.note
    assert "language" in res.automated.skipped


def test_template_asset_without_templates_module_is_manual(team, tmp_path, monkeypatch):
    img = _png(tmp_path / "p.png")
    asset = team.import_asset([img], kind="poster", title="Dari templat", actor="Rina", template_id="poster-banjir",
                              fields=GOOD_FIELDS)
    monkeypatch.setitem(sys.modules, "asri_desktop.core.templates", None)
    res = checklist.build(team, asset.id, "technical_review")
    assert res.item("elemen_wajib").result == "unanswered"
    assert "templat" in res.item("elemen_wajib").note


def test_result_round_trips_through_json(team, tmp_path):
    asset = _poster(team, tmp_path)
    res = checklist.build(team, asset.id, "accuracy_review", {"bukan_hoaks": "pass"}, reviewer="Sari")
    back = checklist.ChecklistResult.from_dict(json.loads(json.dumps(res.to_dict())))
    assert [i.to_dict() for i in back.items] == [i.to_dict() for i in res.items]
    assert back.stage_label == "Validasi Akurasi & Komunikasi"


# ---------------------------------------------------------------------- automated
def test_post_text_reads_like_the_post():
    text = automated.post_text(GOOD_FIELDS, "Judul aset")
    lines = text.splitlines()
    assert lines[0] == "Waspada Banjir Rob di Sungailiat"
    assert "Segera pindahkan barang berharga ke tempat tinggi." in lines
    assert "Sumber: BMKG Stasiun Meteorologi Depati Amir Pangkalpinang." in lines
    assert "Jumat, 27 November 2026." in lines
    assert "Poster peringatan" not in text  # alt text is checked separately


def test_automated_results_are_cached_per_content_hash(team, tmp_path):
    asset = _poster(team, tmp_path, size=(400, 500))
    first = automated.collect(team, asset.id)
    files = list((team.home / "cache" / "review").glob("*.json"))
    assert len(files) == 1
    files[0].write_text("{ rusak", encoding="utf-8")  # a damaged cache entry is recomputed
    again = automated.collect(team, asset.id)
    assert [f.code for f in again.findings] == [f.code for f in first.findings]
    assert json.loads(files[0].read_text(encoding="utf-8"))["ran"] == first.ran


# ---------------------------------------------------------------------- with the real template renderer
def _template_asset(arch, tmp_path, template_id="peringatan-dini"):
    templates = pytest.importorskip("asri_desktop.core.templates")
    spec = templates.load_template(template_id)
    data = json.loads(spec.sample_path.read_text(encoding="utf-8"))
    page = tmp_path / "halaman.png"
    _png(page, (1080, 1350))
    return arch.import_asset([("peringatan.png", page)], kind=spec.kind, title=data["title"], actor="Rina",
                             template_id=spec.id, fields=data)


def test_template_asset_stamp_check_decides_mandatory_elements(team, tmp_path):
    asset = _template_asset(team, tmp_path)
    item = checklist.build(team, asset.id, "technical_review").item("elemen_wajib")
    # The agency's own number is still the sample value: the stamp check fails the item by itself.
    assert (item.result, item.source) == ("fail", "auto")
    assert "kontak darurat" in item.note
    agency = dict(team.setting("agency"))
    agency["phone"] = "0717-92123"
    team.set_setting("agency", agency, actor="Adi")
    item = checklist.build(team, asset.id, "technical_review").item("elemen_wajib")
    assert item.result == "pass" and item.source == "auto"


def test_template_alt_text_counts_for_the_alt_text_item(team, tmp_path):
    asset = _template_asset(team, tmp_path)
    res = checklist.build(team, asset.id, "technical_review")
    assert res.item("teks_alternatif").result == "pass"
    assert res.automated.alt_text


def test_missing_source_photo_of_a_stored_render_is_not_a_defect(team, tmp_path):
    templates = pytest.importorskip("asri_desktop.core.templates")
    spec = next((t for t in templates.list_templates() if any(s.type == "image" for s in t.slots)), None)
    if spec is None:
        pytest.skip("tidak ada templat dengan slot foto")
    slot = next(s.id for s in spec.slots if s.type == "image")
    data = json.loads(spec.sample_path.read_text(encoding="utf-8"))
    data[slot] = str(tmp_path / "foto-di-pc-desainer.jpg")  # never existed on this computer
    page = _png(tmp_path / "halaman.png")
    asset = team.import_asset([("hasil.png", page)], kind=spec.kind, title="Dengan foto", actor="Rina",
                              template_id=spec.id, fields=data)
    auto = automated.collect(team, asset.id)
    assert "review.source_photo_missing" in [f.code for f in auto.findings]
    assert not [f for f in auto.findings if f.code == "image.unreadable"]


def test_citizen_photo_pass_needs_a_recorded_consent(team, tmp_path):
    consent = pytest.importorskip("asri_desktop.core.plan.consent")
    asset = _poster(team, tmp_path)
    answer = {"izin_foto_warga": {"result": "pass", "note": "Foto Ibu Siti di posko"}}
    item = checklist.build(team, asset.id, "accuracy_review", answer, reviewer="Sari").item("izin_foto_warga")
    assert item.result == "fail" and "belum ada catatan izin" in item.note and "Ibu Siti" in item.note
    consent.record(team, person="Siti Aminah", contact="0812-0000-1111", use="poster banjir rob di Instagram",
                   granted_on="2026-11-20", actor="Rina", asset_id=asset.id)
    item = checklist.build(team, asset.id, "accuracy_review", answer, reviewer="Sari").item("izin_foto_warga")
    assert item.result == "pass" and "Siti Aminah" in item.note
    na = checklist.build(team, asset.id, "accuracy_review", {"izin_foto_warga": "na"}).item("izin_foto_warga")
    assert na.result == "na"


def test_answers_never_crash_on_arbitrary_json():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    defs = checklist.definition("accuracy_review")
    ids = st.sampled_from([d.id for d in defs] + ["lain", "items", "answers"])
    leaf = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(["pass", "fail", "na"])
    value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(st.sampled_from(["result", "note", "id"]) | ids, inner, max_size=3),
                         max_leaves=8)

    @settings(max_examples=150, deadline=None)
    @given(st.dictionaries(ids, value, max_size=5) | value)
    def check(answers):
        try:
            out = checklist.normalize_answers(answers, defs)
        except InputError:
            return
        assert all(v["result"] in checklist.RESULTS for v in out.values())

    check()
