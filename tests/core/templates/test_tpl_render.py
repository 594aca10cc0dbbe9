"""The renderer: every sample in every variant, reference images, determinism, checks and bad pictures."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from asri_desktop.core.errors import InputError
from asri_desktop.core.templates import list_templates, load_template, render

REFERENCE = Path(__file__).parent / "reference"
REF_SCALE = 0.2
UPDATE = os.environ.get("ASRI_UPDATE_REFERENCE") == "1"


def _codes(result):
    return [f.code for f in result.findings]


CASES = [(s.id, v.id) for s in list_templates() for v in s.variants]


@pytest.mark.parametrize(("tid", "vid"), CASES)
def test_every_sample_renders_in_every_variant_without_errors(tid, vid, settings):
    spec = load_template(tid)
    result = render(spec, spec.sample(), variant=vid, scale=REF_SCALE, settings=settings, base_dir=spec.dir)
    v = spec.variant(vid)
    assert result.pages and all(p.size == (round(v.width * REF_SCALE), round(v.height * REF_SCALE))
                                for p in result.pages)
    assert [f for f in result.findings if f.is_error] == []
    assert "contrast.low" not in _codes(result)
    assert result.alt_text and result.caption and "#" in result.caption
    if spec.is_multipage:
        assert len(result.pages) == len(spec.sample()["steps"]) + 2
    # The first page; for a carousel also a step slide and the closing slide.
    shown = [(f"{tid}_{vid}.png", result.pages[0])]
    if spec.is_multipage:
        shown += [(f"{tid}_{vid}_p2.png", result.pages[1]), (f"{tid}_{vid}_last.png", result.pages[-1])]
    for name, page in shown:
        ref = REFERENCE / name
        if UPDATE:
            REFERENCE.mkdir(exist_ok=True)
            page.save(ref, optimize=True)
        assert ref.is_file(), f"reference render missing: run with ASRI_UPDATE_REFERENCE=1 ({ref.name})"
        expected = np.asarray(Image.open(ref).convert("RGB"), dtype=np.int16)
        got = np.asarray(page.convert("RGB"), dtype=np.int16)
        assert expected.shape == got.shape
        diff = np.abs(expected - got)
        # Tolerance: font hinting or resampling may move a few pixels between Pillow builds, not the layout.
        assert diff.mean() < 1.5, f"{ref.name}: mean difference {diff.mean():.2f}"
        assert (diff.max(axis=2) > 48).mean() < 0.02


def test_same_input_gives_identical_bytes(settings, sample):
    spec = load_template("poster")
    a = render(spec, sample("poster"), scale=0.3, settings=settings).pages[0].tobytes()
    b = render(spec, sample("poster"), scale=0.3, settings=settings).pages[0].tobytes()
    assert a == b


def test_preview_is_the_export_scaled(settings, sample):
    spec = load_template("poster")
    full = render(spec, sample("poster"), scale=1.0, settings=settings).pages[0]
    half = render(spec, sample("poster"), scale=0.5, settings=settings).pages[0]
    # Same layout and line breaks: compared coarsely, glyph rasterisation at another size aside.
    small = (half.width // 6, half.height // 6)
    a = np.asarray(full.resize(small, Image.Resampling.BOX), dtype=np.int16)
    b = np.asarray(half.resize(small, Image.Resampling.BOX), dtype=np.int16)
    assert np.abs(a - b).mean() < 4
    # and the preview reports what the export reports
    codes = lambda r: sorted((f.code, f.slot) for f in r.findings)  # noqa: E731
    data = sample("poster")
    data["message"] = data["message"] * 3
    assert codes(render(spec, data, scale=0.5, settings=settings)) == codes(render(spec, data, settings=settings))


def test_theme_follows_the_hazard(settings, sample):
    spec = load_template("poster")
    data = sample("poster")
    assert render(spec, data, scale=0.1, settings=settings).theme == "banjir-rob"
    data["hazard"] = "karhutla"
    assert render(spec, data, scale=0.1, settings=settings).theme == "karhutla"
    data.pop("hazard")
    assert render(spec, data, scale=0.1, settings=settings).theme == spec.default_theme


def test_ten_thousand_character_title_is_an_overflow_finding(settings, sample):
    spec = load_template("poster")
    data = sample("poster")
    data["title"] = ("Waspada banjir rob " * 600)[:10000]
    result = render(spec, data, scale=0.25, settings=settings)
    over = [f for f in result.findings if f.code == "text.overflow" and f.slot == "title"]
    assert over and over[0].is_error
    assert "Judul" in over[0].message and over[0].extra["total_chars"] == 10000


def test_overflowing_list_is_reported(settings, sample):
    spec = load_template("poster")
    data = sample("poster")
    data["actions"] = ["Siapkan " + "tas siaga berisi dokumen penting " * 12] * 3
    result = render(spec, data, scale=0.25, settings=settings)
    assert any(f.code == "text.overflow" and f.slot == "actions" for f in result.findings)


def test_low_contrast_is_found_against_the_pixels_beneath(tmp_path, settings, sample):
    import shutil

    from asri_desktop.core.templates.spec import TEMPLATES_DIR

    root = tmp_path / "t"
    root.mkdir()
    shutil.copytree(TEMPLATES_DIR / "poster", root / "poster")
    shutil.copy(TEMPLATES_DIR / "themes.toml", root / "themes.toml")
    f = root / "poster" / "template.toml"
    # the explanation in a colour barely different from the background
    f.write_text(f.read_text(encoding="utf-8").replace('color = "muted"', 'color = "#2A6F96"'), encoding="utf-8")
    spec = load_template("poster", root)
    result = render(spec, sample("poster"), scale=0.5, settings=settings)
    low = [x for x in result.findings if x.code == "contrast.low"]
    assert low and low[0].slot == "message"
    assert low[0].extra["ratio"] < low[0].extra["required"] == 3.0  # 26–34 px counts as large text


def _photo(path: Path, size=(300, 200), **save) -> Path:
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))
    img.save(path, **save)
    return path


def test_photo_exif_orientation_is_honoured(tmp_path, settings, sample):
    from asri_desktop.core.templates.render import load_image

    src = Image.new("RGB", (300, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    src.save(tmp_path / "rot.jpg", exif=exif.tobytes())
    img, found = load_image("rot.jpg", tmp_path, "photo")
    assert found == [] and img.size == (200, 300)


def test_photo_with_a_foreign_profile_is_converted_to_srgb(tmp_path):
    from asri_desktop.core.templates.render import load_image

    lab = ImageCms.createProfile("LAB")
    cmyk = Image.new("CMYK", (40, 40), (0, 100, 100, 0))
    cmyk.save(tmp_path / "c.jpg")
    img, found = load_image(tmp_path / "c.jpg", None, "photo")
    assert found == [] and img.mode == "RGB"
    rgba = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    rgba.save(tmp_path / "t.png")
    img, _ = load_image(tmp_path / "t.png", None, "logo")
    assert img.mode == "RGBA"
    assert lab is not None


def test_story_photo_is_drawn_and_alt_text_mentions_it(tmp_path, settings, sample):
    spec = load_template("story")
    data = sample("story")
    data["photo"] = {"path": str(_photo(tmp_path / "foto.jpg")), "focal": [0.2, 0.5], "alt": "Warga di depan rumah"}
    with_photo = render(spec, data, scale=0.2, settings=settings)
    without = render(spec, sample("story"), scale=0.2, settings=settings)
    assert with_photo.pages[0].tobytes() != without.pages[0].tobytes()
    assert "Warga di depan rumah" in with_photo.alt_text
    assert not [f for f in with_photo.findings if f.is_error]


def test_corrupt_image_is_a_finding_not_a_crash(tmp_path, settings, sample):
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 bukan jpeg sama sekali")
    spec = load_template("story")
    data = sample("story")
    data["photo"] = str(bad)
    result = render(spec, data, scale=0.2, settings=settings)
    f = [x for x in result.findings if x.code == "image.unreadable"]
    assert f and f[0].is_error and "rusak.jpg" in f[0].message
    data["photo"] = str(tmp_path / "tidak-ada.jpg")
    assert "image.unreadable" in _codes(render(spec, data, scale=0.2, settings=settings))


def test_decompression_bomb_is_refused(tmp_path, settings, sample):
    bomb = tmp_path / "bom.png"
    Image.new("1", (9000, 9000)).save(bomb)  # 81 megapixels in a few kilobytes
    assert bomb.stat().st_size < 200_000
    spec = load_template("story")
    data = sample("story")
    data["photo"] = str(bomb)
    result = render(spec, data, scale=0.2, settings=settings)
    f = [x for x in result.findings if x.code == "image.too_large"]
    assert f and f[0].is_error and "9000×9000" in f[0].message


def test_transparent_logo_is_composited(tmp_path, settings, sample):
    logo = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (50, 50, 150, 150))
    logo.save(tmp_path / "logo.png")
    settings["agency"]["logo"] = str(tmp_path / "logo.png")
    spec = load_template("poster")
    result = render(spec, sample("poster"), scale=0.5, settings=settings)
    assert "stamp.logo_placeholder" not in _codes(result)
    band = np.asarray(result.pages[0].crop((0, result.pages[0].height - 100, 120, result.pages[0].height)))
    assert ((band[..., 0] > 180) & (band[..., 1] < 40)).any()  # the red square is there
    assert (band.reshape(-1, 3) == 255).all(axis=1).any()  # and the band shows through the transparency


def test_unreadable_logo_is_an_error(tmp_path, settings, sample):
    settings["agency"]["logo"] = str(tmp_path / "tidak-ada.png")
    result = render(load_template("poster"), sample("poster"), scale=0.2, settings=settings)
    assert any(f.code == "image.unreadable" and f.slot == "logo" and f.is_error for f in result.findings)


def test_wrong_data_shape_is_bad_input(settings, sample):
    spec = load_template("poster")
    data = sample("poster")
    data["actions"] = "bukan daftar"
    with pytest.raises(InputError, match="actions"):
        render(spec, data, settings=settings, scale=0.2)
    with pytest.raises(InputError):
        render(spec, ["bukan", "objek"], settings=settings, scale=0.2)  # type: ignore[arg-type]


def test_required_slot_and_list_count(settings, sample):
    spec = load_template("carousel")
    data = sample("carousel")
    data["steps"] = data["steps"][:2]
    result = render(spec, data, scale=0.2, settings=settings)
    assert any(f.code == "list.count" and f.slot == "steps" for f in result.findings)
    spec = load_template("ralat")
    data = sample("ralat")
    data.pop("corrects")
    result = render(spec, data, scale=0.2, settings=settings)
    assert any(f.code == "slot.missing" and f.slot == "corrects" for f in result.findings)


def test_thumbnail_is_small_and_cached():
    spec = load_template("infografis")
    a = spec.thumbnail()
    b = spec.thumbnail()
    assert a.size == (270, 338) and a.tobytes() == b.tobytes()


def test_alt_text_holds_every_text_and_caption_has_camelcase_tags(settings, sample):
    result = render(load_template("infografis"), sample("infografis"), scale=0.2, settings=settings)
    data = sample("infografis")
    for step in data["steps"]:
        assert step["title"] in result.alt_text and step["text"] in result.alt_text
    assert data["title"] in result.alt_text and "Kec. Pemali" in result.alt_text
    assert "#KolongBekasTambangTimah" in result.caption and "#Pemali" in result.caption
    buf = io.StringIO(result.caption)
    assert buf.readline().strip() == data["title"]


def test_camel_tag():
    from asri_desktop.core.templates.alttext import camel_tag

    assert camel_tag("Banjir Rob") == "#BanjirRob"
    assert camel_tag("Kebakaran Hutan dan Lahan (Karhutla)") == "#Karhutla"
    assert camel_tag("BPBD Kabupaten Bangka") == "#BPBDKabupatenBangka"
    assert camel_tag("riau silip") == "#RiauSilip"
