"""Captioned export: burned-in captions, end card, safe profile, re-check, no partial files."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.media import export as export_mod
from asri_desktop.core.media import ffmpeg, profiles
from asri_desktop.core.media.export import captions_ass, end_card_missing, export_video, render_end_card_image
from asri_desktop.core.media.ffmpeg import FFmpegFailed, JobCancelled
from asri_desktop.core.media.probe import probe

CARD = {
    "title": "Waspada Banjir Rob di Pesisir Sungailiat",
    "date": "2026-11-27",
    "source": {"name": "BMKG Stasiun Meteorologi Depati Amir", "time": "06.00 WIB"},
    "contacts": ["112", "117", {"label": "BPBD Kab. Bangka", "number": "0717-92345"}],
    "location": {"kecamatan": "Sungailiat", "desa": "Jelitik"},
}


def frame_at(video, t: float, tmp_path) -> np.ndarray:
    png = tmp_path / f"frame-{t}.png"
    ffmpeg.run_job(["-ss", str(t), "-i", str(video), "-frames:v", "1", str(png)])
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "sedang-diekspor" in p.name)


@pytest.mark.slow  # the one real-size (1080x1920) export; every other export test is 180x320
def test_export_to_default_profile_passes_and_shows_captions_and_card(clean_video, clean_srt, tmp_path):
    out = tmp_path / "hasil.mp4"
    seen = []
    result = export_video(clean_video, clean_srt, out, end_card=CARD, preset="ultrafast",
                          progress=lambda f, m: seen.append(f))
    assert result.ok and result.profile == "asri-60"
    assert not [f for f in result.findings if f.severity != "info"], result.findings
    info = probe(out)
    v, a = info.primary_video, info.primary_audio
    assert (v.codec, v.pix_fmt, v.width, v.height, v.fps) == ("h264", "yuv420p", 1080, 1920, 30.0)
    assert (a.codec, a.sample_rate, a.channels) == ("aac", 48000, 2)
    assert info.faststart is True
    assert info.duration == pytest.approx(4.0 + profiles.end_card_style()["duration"], abs=0.15)
    assert result.media.path == str(out) and leftovers(tmp_path) == []
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    # A caption is on screen at 1.0 s and none at 2.15 s (between the two cues): the caption
    # area differs, and it lies inside the safe area (above the bottom quarter, inside the side margins).
    with_cap, without = frame_at(out, 1.0, tmp_path), frame_at(out, 2.15, tmp_path)
    diff = np.abs(with_cap - without).sum(axis=2) > 60
    ys, xs = np.nonzero(diff)
    assert len(ys) > 500
    style = profiles.captions_style()
    assert ys.max() <= 1920 * (1 - style["margin_bottom"]) + 5
    assert xs.min() >= 1080 * style["margin_left"] - 20 and xs.max() <= 1080 * (1 - style["margin_right"]) + 20
    # White caption text is drawn.
    assert (with_cap[ys, xs].min(axis=1) > 200).sum() > 100
    # The end card is on screen after the video, colours intact (BT.709 tagged and converted).
    card = frame_at(out, 5.5, tmp_path)
    expected = np.asarray(render_end_card_image(CARD, (1080, 1920))).astype(int)
    assert np.abs(card - expected).mean() < 6


@pytest.fixture
def silent_rotated(make_media):
    # Stored 320x180, shown rotated by 90 degrees: a portrait 180x320 clip without audio.
    plain = make_media("land-small.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=4",
                       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")
    return make_media("land-small-rot.mp4", "-display_rotation", "90", "-i", str(plain), "-c", "copy")


def test_export_applies_rotation_and_adds_silent_audio(silent_rotated, clean_srt, small_profile, tmp_path):
    out = tmp_path / "rot.mp4"
    result = export_video(silent_rotated, clean_srt, out, profile=small_profile, preset="ultrafast")
    assert result.ok
    info = probe(out)
    v = info.primary_video
    assert (v.width, v.height, v.rotation, v.fps) == (180, 320, 0.0, 30.0)
    assert info.primary_audio is not None and info.primary_audio.codec == "aac"
    assert info.duration == pytest.approx(4.0, abs=0.15)


def test_landscape_source_is_letterboxed(make_media, clean_srt, small_profile, tmp_path):
    src = make_media("land-white.mp4", "-f", "lavfi", "-i", "color=c=white:s=320x180:r=30:d=4",
                     "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")
    out = tmp_path / "kotak.mp4"
    assert export_video(src, clean_srt, out, profile=small_profile, preset="ultrafast").ok
    frame = frame_at(out, 2.2, tmp_path)
    assert frame.shape == (320, 180, 3)
    # Black bars above and below, the white picture in the middle (180 wide -> about 100 high).
    assert frame[10].mean() < 30 and frame[310].mean() < 30 and frame[160].mean() > 200


def test_cancel_leaves_no_file(small_video, clean_srt, small_profile, tmp_path):
    out = tmp_path / "batal.mp4"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(JobCancelled):
        export_video(small_video, clean_srt, out, end_card=CARD, profile=small_profile, preset="ultrafast",
                     cancel=cancel)
    assert not out.exists() and leftovers(tmp_path) == []


def test_failure_keeps_the_old_output_and_removes_the_partial(small_video, clean_srt, small_profile, tmp_path,
                                                               monkeypatch):
    out = tmp_path / "lama.mp4"
    out.write_bytes(b"versi lama")

    def broken(args, **kw):
        # Write half a file where ffmpeg would, then fail like ffmpeg does.
        assert args[-1].startswith("file:")
        with open(args[-1][len("file:"):], "wb") as fh:
            fh.write(b"sebagian")
        raise FFmpegFailed("ffmpeg gagal (kode 1): disk penuh")

    monkeypatch.setattr(export_mod.ffmpeg, "run_job", broken)
    with pytest.raises(FFmpegFailed):
        export_video(small_video, clean_srt, out, profile=small_profile)
    assert out.read_bytes() == b"versi lama" and leftovers(tmp_path) == []


def test_refuses_when_video_plus_card_exceeds_profile(small_video, clean_srt, small_profile, tmp_path):
    short = replace(small_profile, duration_max=5.0)
    with pytest.raises(RefusedError) as exc:
        export_video(small_video, clean_srt, tmp_path / "x.mp4", end_card=CARD, profile=short)
    assert "kartu penutup" in str(exc.value) and exc.value.rule == "video"
    assert list(tmp_path.iterdir()) == []


def test_refuses_low_resolution_source(small_video, clean_srt, tmp_path):
    with pytest.raises(RefusedError, match="video.resolution_low"):
        export_video(small_video, clean_srt, tmp_path / "x.mp4")


def test_refuses_subtitles_with_errors(small_video, small_profile, tmp_path):
    srt = tmp_path / "overlap.srt"
    srt.write_text("1\n00:00:00,500 --> 00:00:02,000\nSatu.\n\n2\n00:00:01,000 --> 00:00:02,500\nDua.\n",
                   encoding="utf-8")
    with pytest.raises(RefusedError) as exc:
        export_video(small_video, srt, tmp_path / "x.mp4", profile=small_profile)
    assert exc.value.rule == "subtitles" and "subtitles.overlap" in str(exc.value)
    assert not (tmp_path / "x.mp4").exists()


def test_end_card_names_every_missing_element(small_video, clean_srt, small_profile, tmp_path):
    data = {"title": "Judul", "contacts": ["bpbd"]}  # BPBD's number is still the placeholder
    assert end_card_missing(data) == ["tanggal", "sumber data", "kontak darurat", "tag lokasi"]
    with pytest.raises(RefusedError) as exc:
        export_video(small_video, clean_srt, tmp_path / "x.mp4", end_card=data, profile=small_profile)
    assert exc.value.rule == "stamps" and "kontak darurat" in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def test_bad_paths(small_video, clean_srt, tmp_path):
    with pytest.raises(InputError, match=".mp4"):
        export_video(small_video, clean_srt, tmp_path / "x.mov")
    with pytest.raises(InputError, match="tidak ada"):
        export_video(small_video, clean_srt, tmp_path / "nope" / "x.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(InputError):
        export_video(junk, clean_srt, tmp_path / "x.mp4")
    bad_srt = tmp_path / "bad.srt"
    bad_srt.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError):
        export_video(small_video, bad_srt, tmp_path / "y.mp4", profile=replace(
            profiles.get("asri-60"), min_short_side=2, min_long_side=2))
    assert leftovers(tmp_path) == []


def test_captions_ass_escapes_and_uses_the_style():
    class C:
        def __init__(self, s, e, t):
            self.start, self.end, self.text = s, e, t

    text = captions_ass([C(0, 1.5, "Awas {\\b1}banjir\\N\nbaris dua"), C(2, 1, "terbalik"), C(3, 4, "  ")],
                        1080, 1920)
    assert "PlayResX: 1080" in text and "PlayResY: 1920" in text
    style = profiles.captions_style()
    pad = round(style["box_padding"] * 1920)
    assert f",{round(style['margin_bottom'] * 1920) + pad},1" in text and style["font_name"] in text
    dialogues = [ln for ln in text.splitlines() if ln.startswith("Dialogue:")]
    # Override tags are not executed, lines become \N, bad and empty cues are skipped.
    assert len(dialogues) == 1 and "{" not in dialogues[0] and dialogues[0].count("\\N") == 1


def test_end_card_image_carries_the_stamp_elements(tmp_path):
    img = render_end_card_image(CARD, (540, 960))
    assert img.size == (540, 960) and img.mode == "RGB"
    img.save(tmp_path / "card.png")
    # More than background: text was drawn.
    arr = np.asarray(img)
    assert len(np.unique(arr.reshape(-1, 3), axis=0)) > 20


def test_load_end_card_errors(tmp_path):
    p = tmp_path / "card.json"
    p.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="objek JSON"):
        export_mod.load_end_card(p)
    p.write_text("{bukan json", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        export_mod.load_end_card(p)
    p.write_text(json.dumps(CARD), encoding="utf-8")
    assert export_mod.load_end_card(p)["title"] == CARD["title"]


def test_fallback_end_card_without_the_template_engine(monkeypatch, tmp_path):
    import sys

    # An import of the template engine now fails, as in a build without it.
    monkeypatch.setitem(sys.modules, "asri_desktop.core.templates", None)
    img = render_end_card_image(CARD, (540, 960))
    assert img.size == (540, 960)
    arr = np.asarray(img).astype(int)
    bg = tuple(int(profiles.end_card_style()["background"][i : i + 2], 16) for i in (0, 2, 4))
    assert np.abs(arr[3, 3] - np.array(bg)).max() <= 1
    # The white contact panel is drawn.
    assert (arr.min(axis=2) > 250).sum() > 5000
    with pytest.raises(RefusedError, match="tag lokasi"):
        render_end_card_image({**CARD, "location": ""}, (540, 960))


def test_export_strips_source_metadata(make_media, clean_srt, small_profile, tmp_path):
    src = make_media("gps.mp4", "-f", "lavfi", "-i", "testsrc2=s=180x320:r=30:d=4", "-c:v", "libx264",
                     "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-metadata", "location=-1.8661+106.1085/")
    proc_text = ffmpeg.run_quick(["-i", str(src)]).stderr.decode()
    assert "location" in proc_text
    out = tmp_path / "bersih.mp4"
    export_video(src, clean_srt, out, profile=small_profile, preset="ultrafast")
    assert "location" not in ffmpeg.run_quick(["-i", str(out)]).stderr.decode()
