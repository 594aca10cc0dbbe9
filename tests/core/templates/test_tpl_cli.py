"""``asri templates`` and ``asri render``: exit codes, manifest, refusal, saving to the archive."""

from __future__ import annotations

import json

import pytest

from asri_desktop.core.templates import load_template


@pytest.fixture
def phone_set(archive):
    agency = archive.setting("agency")
    agency["phone"] = "0717-92123"
    archive.set_setting("agency", agency, actor="sistem")
    return archive


def _data(tmp_path, tid, **changes):
    data = load_template(tid).sample()
    data.update(changes)
    p = tmp_path / f"{tid}.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_templates_lists_every_template(run_cli):
    code, out, _ = run_cli("templates", "--json")
    assert code == 0
    ids = {t["id"] for t in json.loads(out)["templates"]}
    assert {"poster", "infografis", "carousel", "story", "peringatan-dini", "hoaks-fakta", "ralat"} <= ids
    code, out, _ = run_cli("templates")
    assert code == 0 and "Poster Imbauan" in out


def test_render_writes_files_and_prints_the_manifest(run_cli, phone_set, tmp_path):
    code, out, err = run_cli("render", "poster", "--data", _data(tmp_path, "poster"), "--out", tmp_path / "out",
                             "--variant", "1x1", "--json")
    assert code == 0, err
    m = json.loads(out)
    assert m["written"] and m["variant"] == "1x1"
    f = m["files"][0]
    assert {"name", "variant", "width", "height", "bytes", "sha256"} <= set(f)
    assert (tmp_path / "out" / f["name"]).stat().st_size == f["bytes"]
    assert m["alt_text"] and all("code" in x for x in m["findings"])


def test_render_refused_exits_1_and_names_the_missing(run_cli, archive, tmp_path):
    code, out, err = run_cli("render", "poster", "--data", _data(tmp_path, "poster", source=""), "--out",
                             tmp_path / "out")
    assert code == 1
    assert "sumber data" in err and "kontak darurat" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    code, out, _ = run_cli("render", "poster", "--data", _data(tmp_path, "poster", source=""), "--out",
                           tmp_path / "out", "--json")
    assert code == 1
    j = json.loads(out)
    assert j["written"] is False and j["refused"] == "stamps"
    assert {f["code"] for f in j["findings"]} >= {"stamp.missing"}


def test_bad_input_exits_2(run_cli, archive, tmp_path):
    code, _, err = run_cli("render", "tidak-ada", "--data", _data(tmp_path, "poster"), "--out", tmp_path / "o")
    assert code == 2 and "tidak-ada" in err
    bad = tmp_path / "rusak.json"
    bad.write_text("{ bukan json", encoding="utf-8")
    code, _, err = run_cli("render", "poster", "--data", bad, "--out", tmp_path / "o")
    assert code == 2 and "rusak.json" in err and "Traceback" not in err
    code, _, err = run_cli("render", "poster", "--data", tmp_path / "hilang.json", "--out", tmp_path / "o")
    assert code == 2 and "hilang.json" in err
    code, _, err = run_cli("render", "poster", "--data", _data(tmp_path, "poster"), "--out", tmp_path / "o",
                           "--variant", "9x16")
    assert code == 2 and "9x16" in err
    code, _, err = run_cli("render", "poster", "--data", _data(tmp_path, "poster"), "--out", tmp_path / "o",
                           "--save")
    assert code == 2 and "--as" in err


def test_save_stores_a_draft_asset(run_cli, phone_set, team, tmp_path):
    code, out, err = run_cli("render", "carousel", "--data", _data(tmp_path, "carousel"), "--out", tmp_path / "o",
                             "--save", "--as", "Rina", "--json")
    assert code == 0, err
    m = json.loads(out)
    asset = team.asset(m["asset_id"])
    assert asset.kind == "carousel" and asset.state == "draft" and asset.template_id == "carousel"
    assert asset.title == load_template("carousel").sample()["title"]
    assert asset.hazard == "banjir" and asset.location == "Belinyu"
    version = team.version(asset.id)
    assert len(version.files) == len(m["files"]) + 1  # the slides and the PDF
    assert version.fields["steps"] == load_template("carousel").sample()["steps"]
