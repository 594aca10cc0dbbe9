"""Export: platform profiles, JPEG sRGB under the size limit, carousel files + PDF, atomic, refusals."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image, ImageCms

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.templates import export, load_template, platforms
from asri_desktop.core.templates.export import encode


def test_platform_table_has_the_brief_surfaces():
    ids = {p["id"]: p for p in platforms()}
    assert (ids["instagram-feed-4x5"]["width"], ids["instagram-feed-4x5"]["height"]) == (1080, 1350)
    assert (ids["x"]["width"], ids["x"]["height"], ids["x"]["max_bytes"]) == (1200, 675, 5_000_000)
    assert "png" not in ids["tiktok-photo"]["formats"]


def test_export_writes_jpeg_srgb_and_a_true_manifest(tmp_path, settings, sample):
    seen = []
    m = export(load_template("poster"), sample("poster"), tmp_path, variant="1x1", settings=settings,
               progress=lambda d, t, msg: seen.append((d, t)))
    assert m["template"] == "poster" and m["variant"] == "1x1" and m["format"] == "jpeg"
    (f,) = m["files"]
    blob = (tmp_path / f["name"]).read_bytes()
    assert f["bytes"] == len(blob) and f["sha256"] == hashlib.sha256(blob).hexdigest()
    img = Image.open(io.BytesIO(blob))
    assert img.format == "JPEG" and img.size == (1080, 1080) == (f["width"], f["height"])
    profile = ImageCms.ImageCmsProfile(io.BytesIO(img.info["icc_profile"]))
    assert "sRGB" in ImageCms.getProfileDescription(profile)
    assert seen[-1][0] == seen[-1][1]
    assert m["alt_text"] and m["caption"]
    assert all(fi["code"] != "stamp.missing" for fi in m["findings"])
    assert [p.name for p in tmp_path.iterdir()] == [f["name"]]  # no temporary leftovers


def test_export_is_deterministic(tmp_path, settings, sample):
    a = export(load_template("poster"), sample("poster"), tmp_path / "a", settings=settings)
    b = export(load_template("poster"), sample("poster"), tmp_path / "b", settings=settings)
    assert a["files"][0]["sha256"] == b["files"][0]["sha256"]
    # and across processes and days: the embedded sRGB profile carries no clock
    import subprocess
    import sys

    code = ("from asri_desktop.core.templates.export import _SRGB_ICC; import hashlib; "
            "print(hashlib.sha256(_SRGB_ICC).hexdigest())")
    from asri_desktop.core.templates.export import _SRGB_ICC

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == hashlib.sha256(_SRGB_ICC).hexdigest()


def test_platform_picks_the_closest_variant_and_size(tmp_path, settings, sample):
    m = export(load_template("peringatan-dini"), sample("peringatan-dini"), tmp_path, platform="whatsapp-status",
               settings=settings)
    assert m["variant"] == "9x16" and (m["files"][0]["width"], m["files"][0]["height"]) == (1080, 1920)
    m = export(load_template("poster"), sample("poster"), tmp_path, platform="x", settings=settings)
    assert (m["files"][0]["width"], m["files"][0]["height"]) == (1200, 675)
    assert any(f["code"] == "platform.letterbox" for f in m["findings"])


def test_png_on_request_but_never_for_tiktok(tmp_path, settings, sample):
    m = export(load_template("poster"), sample("poster"), tmp_path, fmt="png", settings=settings)
    assert m["files"][0]["name"].endswith(".png")
    with pytest.raises(InputError, match="PNG"):
        export(load_template("story"), sample("story"), tmp_path / "t", platform="tiktok-photo", fmt="png",
               settings=settings)
    with pytest.raises(InputError, match="gif"):
        export(load_template("story"), sample("story"), tmp_path / "t", fmt="gif", settings=settings)


def test_quality_steps_down_to_fit_the_limit():
    import numpy as np

    rng = np.random.default_rng(1)
    noisy = Image.fromarray(rng.integers(0, 255, (400, 400, 3), dtype=np.uint8))
    big, q_big = encode(noisy, "jpeg", None)
    limit = len(big) // 2
    small, q_small = encode(noisy, "jpeg", limit)
    assert len(small) <= limit and q_small < q_big


def test_carousel_exports_numbered_files_and_one_pdf(tmp_path, settings, sample):
    from pypdf import PdfReader

    data = sample("carousel")
    m = export(load_template("carousel"), data, tmp_path, variant="1x1", settings=settings)
    n = len(data["steps"]) + 2
    names = [f["name"] for f in m["files"]]
    assert len(names) == n and names == sorted(names) and names[0].endswith("_01.jpg")
    assert all((f["width"], f["height"]) == (1080, 1080) for f in m["files"])  # all slides share one ratio
    assert m["pdf"]["name"].endswith(".pdf") and len(PdfReader(tmp_path / m["pdf"]["name"]).pages) == n
    again = export(load_template("carousel"), data, tmp_path / "b", variant="1x1", settings=settings)
    assert again["pdf"]["sha256"] == m["pdf"]["sha256"]


def test_refusal_writes_nothing(tmp_path, sample):
    out = tmp_path / "out"
    with pytest.raises(RefusedError) as exc:
        export(load_template("poster"), sample("poster"), out)  # the BPBD phone is still a placeholder
    assert exc.value.rule == "stamps" and "kontak darurat" in str(exc.value)
    assert not out.exists() or list(out.iterdir()) == []


def test_overflow_refuses_with_the_findings_rule(tmp_path, settings, sample):
    data = sample("poster")
    data["title"] = "Banjir " * 1500
    with pytest.raises(RefusedError) as exc:
        export(load_template("poster"), data, tmp_path / "o", settings=settings)
    assert exc.value.rule == "findings" and "text.overflow" in str(exc.value)
    assert [f.code for f in exc.value.findings if f.is_error] == ["text.overflow"]


def test_cancel_writes_nothing(tmp_path, settings, sample):
    out = tmp_path / "c"
    with pytest.raises(RefusedError) as exc:
        export(load_template("carousel"), sample("carousel"), out, settings=settings, cancel=lambda: True)
    assert exc.value.rule == "cancelled"
    assert not out.exists() or list(out.iterdir()) == []
