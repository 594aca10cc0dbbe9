"""check_video: each finding code triggered by a case built for it, and absent from the clean case."""

from __future__ import annotations

from dataclasses import replace

import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.media import profiles
from asri_desktop.core.media.checks import check_subtitles, check_video
from asri_desktop.core.media.ffmpeg import JobCancelled

VIDEO_CODES = {
    "video.unreadable", "video.no_video_stream", "video.too_long", "video.too_short", "video.resolution_low",
    "video.aspect_ratio", "video.odd_dimensions", "video.codec", "video.pixel_format", "video.frame_rate",
    "video.file_too_large", "video.no_audio", "video.audio_codec", "video.not_faststart",
}


def codes(result) -> set[str]:
    return {f.code for f in result.findings}


def test_clean_video_has_no_findings(clean_video, clean_srt):
    r = check_video(clean_video, subtitles=clean_srt)
    assert r.findings == [] and r.ok
    assert len(r.cues) == 2 and r.speech_segments
    d = r.to_dict()
    assert d["ok"] is True and d["findings"] == [] and d["media"]["video"][0]["codec"] == "h264"
    assert d["profile"] == "asri-60"


def test_every_profile_is_complete_and_accepts_the_export_target():
    assert profiles.default_id() == "asri-60"
    ids = set(profiles.ids())
    assert {"asri-60", "asri-90", "instagram-reels", "facebook-reels", "tiktok", "youtube-shorts",
            "whatsapp-status", "x"} <= ids
    for p in profiles.all_profiles():
        assert p.duration_min < p.duration_max and p.max_size_mb > 0
        assert p.aspect_ok(p.target_width, p.target_height), p.id
        assert p.target_width % 2 == 0 and p.target_height % 2 == 0
        assert p.fps_min <= p.target_fps <= p.fps_max
        assert all(p.severity_of(c) in ("error", "warning", "info") for c in VIDEO_CODES)
    assert profiles.get("asri-90").duration_max == 90
    with pytest.raises(InputError, match="asri-60"):
        profiles.get("vine")


# (fixture name, ffmpeg args (after the output-less inputs), profile, the code it is built for)
CASES = {
    "too_long": (["-f", "lavfi", "-i", "color=s=64x64:r=24:d=61", "-c:v", "libx264", "-preset", "ultrafast",
                  "-pix_fmt", "yuv420p"], "asri-60", "video.too_long"),
    "too_short": (["-f", "lavfi", "-i", "color=s=64x64:r=24:d=1"], "asri-60", "video.too_short"),
    "low_res": (["-f", "lavfi", "-i", "color=s=360x640:r=30:d=1"], "asri-60", "video.resolution_low"),
    "landscape": (["-f", "lavfi", "-i", "color=s=1280x720:r=30:d=1"], "asri-60", "video.aspect_ratio"),
    "odd": (["-f", "lavfi", "-i", "color=s=65x129:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast",
             "-pix_fmt", "yuv444p"], "asri-60", "video.odd_dimensions"),
    "mpeg4": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1", "-c:v", "mpeg4"], "asri-60", "video.codec"),
    "yuv444": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv444p"], "asri-60", "video.pixel_format"),
    "fps15": (["-f", "lavfi", "-i", "color=s=64x64:r=15:d=1"], "asri-60", "video.frame_rate"),
    "silent": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1"], "asri-60", "video.no_audio"),
    "mp3": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:a",
             "libmp3lame"], "asri-60", "video.audio_codec"),
    "nofast": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1"], "asri-60", "video.not_faststart"),
    "mkv": (["-f", "lavfi", "-i", "color=s=64x64:r=30:d=1", "-f", "matroska"], "asri-60", "video.container"),
}
DEFAULT_VIDEO = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_video_code_has_a_case(make_media, clean_srt, case):
    args, profile, code = CASES[case]
    if "-c:v" not in args and "-f" not in args[-2:]:
        args = args + DEFAULT_VIDEO
    elif "-c:v" not in args:
        args = args[:-2] + DEFAULT_VIDEO + args[-2:]
    if "sine" not in " ".join(args) and case not in ("silent",):
        args = ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", *args, "-c:a", "aac", "-shortest"]
    p = make_media(f"case-{case}.mp4", *args)
    r = check_video(p, subtitles=clean_srt, profile=profile, speech=False)
    assert code in codes(r), [f.code for f in r.findings]
    finding = next(f for f in r.findings if f.code == code)
    assert finding.message and finding.severity in ("error", "warning", "info")


def test_file_too_large_uses_the_profile_limit(clean_video, clean_srt):
    tiny = replace(profiles.get("asri-60"), max_size_mb=0.01)
    r = check_video(clean_video, subtitles=clean_srt, profile=tiny, speech=False)
    assert codes(r) == {"video.file_too_large"} and not r.ok
    assert "MB" in r.findings[0].message


def test_whatsapp_status_is_stricter_than_asri_90(make_media, clean_srt):
    p = make_media("sixty-five.mp4", "-f", "lavfi", "-i", "color=s=64x64:r=24:d=65", *DEFAULT_VIDEO)
    assert "video.too_long" not in codes(check_video(p, subtitles=clean_srt, profile="asri-90", speech=False))
    assert "video.too_long" in codes(check_video(p, subtitles=clean_srt, profile="whatsapp-status", speech=False))


def test_rotation_is_reported_and_used_for_size(make_media, clean_srt, clean_video):
    # A 1280x720 picture displayed rotated by 90 degrees is a portrait 720x1280 video.
    land = make_media("land.mp4", "-f", "lavfi", "-i", "color=s=1280x720:r=30:d=1", "-f", "lavfi", "-i",
                      "anullsrc", *DEFAULT_VIDEO, "-c:a", "aac", "-shortest")
    rot = make_media("land-rot.mp4", "-display_rotation", "90", "-i", str(land), "-c", "copy",
                     "-movflags", "+faststart")
    r = check_video(rot, subtitles=clean_srt, speech=False)
    assert "video.rotation" in codes(r) and "video.aspect_ratio" not in codes(r)
    assert "video.resolution_low" not in codes(r)


def test_no_video_stream(make_media):
    r = check_video(make_media("only-audio.m4a", "-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac"))
    assert codes(r) == {"video.no_video_stream"} and not r.ok


@pytest.mark.parametrize("kind", ["zero", "garbage", "png", "truncated"])
def test_unreadable_inputs_become_a_finding(tmp_path, clean_video, kind):
    p = tmp_path / "video.mp4"
    if kind == "zero":
        p.write_bytes(b"")
    elif kind == "garbage":
        p.write_bytes(b"\x00\xff\x13\x37" * 3000)
    elif kind == "png":
        from PIL import Image

        Image.new("RGB", (50, 50), "green").save(p, format="PNG")
    else:
        # moov first, then cut: the header reads but the data is short.
        p.write_bytes(clean_video.read_bytes()[:3000])
    r = check_video(p)
    assert not r.ok
    if kind == "truncated":
        assert {"video.unreadable", "video.truncated"} & codes(r)
    else:
        assert codes(r) == {"video.unreadable"} and r.unreadable and r.media is None
        assert "video.mp4" in r.findings[0].message


def test_subtitles_missing_unless_sidecar_or_embedded(make_media, clean_video, clean_srt):
    assert "subtitles.missing" in codes(check_video(clean_video, speech=False))
    emb = make_media("clean-embedded.mp4", "-i", str(clean_video), "-i", str(clean_srt), "-map", "0", "-map", "1",
                     "-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text", "-movflags", "+faststart")
    r = check_video(emb)
    assert r.findings == [], r.findings
    assert r.subtitles["embedded"] is True and len(r.cues) == 2


def test_subtitle_findings_are_timed_against_the_video(clean_video, tmp_path):
    srt = tmp_path / "bad.srt"
    srt.write_text(
        "1\n00:00:00,600 --> 00:00:01,900\nSegera evakuasi.\n\n"
        "2\n00:00:01,800 --> 00:00:03,600\nHubungi 112.\n\n"
        "3\n00:00:05,000 --> 00:00:06,500\nSetelah video selesai.\n",
        encoding="utf-8",
    )
    r = check_video(clean_video, subtitles=srt, speech=False)
    assert {"subtitles.overlap", "subtitles.beyond_video"} <= codes(r)
    beyond = next(f for f in r.findings if f.code == "subtitles.beyond_video")
    assert beyond.cue == 3 and beyond.line


def test_unreadable_and_utf16_subtitles(clean_video, tmp_path):
    bin_ = tmp_path / "garbage.srt"
    bin_.write_bytes(bytes(range(256)) * 8)
    r = check_video(clean_video, subtitles=bin_, speech=False)
    assert "subtitles.unreadable" in codes(r) and r.unreadable
    u16 = tmp_path / "utf16.srt"
    u16.write_text("1\n00:00:00,600 --> 00:00:01,900\nSegera evakuasi.\n", encoding="utf-16")
    r = check_video(clean_video, subtitles=u16, speech=False)
    assert "subtitles.encoding" in codes(r) and len(r.cues) == 1


def test_speech_without_cues_is_uncovered(clean_video, tmp_path):
    srt = tmp_path / "half.srt"
    srt.write_text("1\n00:00:00,600 --> 00:00:01,900\nSegera evakuasi.\n", encoding="utf-8")
    r = check_video(clean_video, subtitles=srt)
    unc = [f for f in r.findings if f.code == "subtitles.speech_uncovered"]
    # The uncovered stretch runs from the end of the only cue through the second sentence.
    assert unc and 1.8 <= unc[0].at <= 2.5 and unc[0].extra["end"] == pytest.approx(3.6, abs=0.3)
    assert "subtitles.speech_uncovered" not in codes(check_video(clean_video, subtitles=srt, speech=False))


def test_progress_and_cancel(clean_video, clean_srt):
    seen = []
    check_video(clean_video, subtitles=clean_srt, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert all(isinstance(m, str) and m for _, m in seen)
    with pytest.raises(JobCancelled):
        check_video(clean_video, subtitles=clean_srt, cancel=lambda: True)


def test_check_subtitles_alone(clean_video, clean_srt, tmp_path):
    r = check_subtitles(clean_srt)
    assert r.ok and r.media is None and len(r.cues) == 2
    r = check_subtitles(clean_srt, video=clean_video)
    assert r.findings == [] and r.media is not None
    bad = tmp_path / "v.mp4"
    bad.write_bytes(b"nope")
    assert "video.unreadable" in codes(check_subtitles(clean_srt, video=bad))


def test_names_ffmpeg_could_misread(clean_video, clean_srt, tmp_path, monkeypatch):
    # "banjir: rob.mp4" would be the protocol "banjir" to ffmpeg; spaces and brackets too.
    import shutil

    shutil.copy(clean_video, tmp_path / "banjir: rob [1].mp4")
    shutil.copy(clean_srt, tmp_path / "takarir: 1.srt")
    monkeypatch.chdir(tmp_path)
    r = check_video("banjir: rob [1].mp4", subtitles="takarir: 1.srt")
    assert r.findings == [] and r.speech_segments
