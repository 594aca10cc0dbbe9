"""Template files: every bundled template loads; a malformed one names file, field and problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.templates import TemplateError, list_templates, load_template, template_problems
from asri_desktop.core.templates.spec import TEMPLATES_DIR

REQUIRED = {"poster", "infographic", "carousel", "story", "warning", "hoax", "correction"}


def test_bundled_templates_cover_every_kind():
    specs = list_templates()
    assert template_problems() == []
    assert REQUIRED <= {s.kind for s in specs}
    for s in specs:
        assert s.name and s.variants and s.slots and s.sample_path.is_file()
        assert s.slot("title") is not None and s.slot("title").required


def test_poster_has_4x5_and_1x1_and_story_is_9x16():
    poster = load_template("poster")
    assert {(v.id, v.width, v.height) for v in poster.variants} >= {("4x5", 1080, 1350), ("1x1", 1080, 1080)}
    story = load_template("story")
    assert (story.variants[0].width, story.variants[0].height) == (1080, 1920)


def test_unknown_template_names_the_known_ones():
    with pytest.raises(InputError) as exc:
        load_template("tidak-ada")
    assert "tidak-ada" in str(exc.value) and "poster" in str(exc.value)
    with pytest.raises(InputError):
        load_template("../poster")


def test_unknown_variant_is_named():
    with pytest.raises(InputError, match="9x16.*4x5"):
        load_template("poster").variant("9x16")


def _copy(tmp_path: Path, tid: str = "poster") -> Path:
    root = tmp_path / "templates"
    root.mkdir()
    shutil.copytree(TEMPLATES_DIR / tid, root / tid)
    shutil.copy(TEMPLATES_DIR / "themes.toml", root / "themes.toml")
    return root


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ('fill = "panel"', 'fill = "ungu"', "pages[0].elements[7].fill", "warna 'ungu' tidak dikenal"),
        ('slot = "message"', 'slot = "pesan"', "pages[0].elements[6].slot", "tidak dideklarasikan"),
        ('kind = "poster"', 'kind = "brosur"', "kind", "'brosur' tidak dikenal"),
        ("size = [52, 92]", "size = [92, 52]", "pages[0].elements[5].size", "ukuran_min"),
        ('font = "extrabold"', 'font = "TidakAda-Bold.ttf"', "font", "berkas font tidak ditemukan"),
        ("band = 220", "band = 2000", "variants[0].band", "pita stempel"),
        ('box = [0.067, 0.18, 0.866, 0.27]', 'box = [0.5, 0.18, 0.866, 0.27]', "box", "keluar dari area"),
        ('id = "poster"', 'id = "lain"', "id", "nama foldernya"),
    ],
)
def test_malformed_template_names_file_field_and_problem(tmp_path, old, new, field, problem):
    root = _copy(tmp_path)
    f = root / "poster" / "template.toml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template("poster", root)
    msg = str(exc.value)
    assert str(f) in msg
    assert field in msg
    assert problem in msg
    # the listing skips it and reports it instead of failing
    assert list_templates(root) == []
    assert any(str(f) in p for p in template_problems(root))


def test_syntax_error_is_reported_not_raised_as_traceback(tmp_path):
    root = _copy(tmp_path)
    f = root / "poster" / "template.toml"
    f.write_text(f.read_text(encoding="utf-8") + "\n[[pages\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="sintaks"):
        load_template("poster", root)


def test_missing_font_file_is_named(tmp_path):
    root = _copy(tmp_path)
    f = root / "poster" / "template.toml"
    f.write_text(f.read_text(encoding="utf-8").replace('font = "regular"', 'font = "Hilang-Regular.ttf"'),
                 encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template("poster", root)
    assert "Hilang-Regular.ttf" in str(exc.value)


def test_template_in_json_is_accepted(tmp_path):
    import json
    import tomllib

    root = _copy(tmp_path)
    folder = root / "poster"
    raw = tomllib.loads((folder / "template.toml").read_text(encoding="utf-8"))
    (folder / "template.toml").unlink()
    (folder / "template.json").write_text(json.dumps(raw), encoding="utf-8")
    spec = load_template("poster", root)
    assert spec.file.name == "template.json" and spec.kind == "poster"


def test_to_dict_describes_the_form():
    d = load_template("infografis").to_dict()
    steps = next(s for s in d["slots"] if s["id"] == "steps")
    assert steps["type"] == "list" and steps["label"].startswith("Yang harus dilakukan")
    assert d["variants"][0] == {"id": "4x5", "label": "Feed 4:5 (1080×1350)", "width": 1080, "height": 1350}
