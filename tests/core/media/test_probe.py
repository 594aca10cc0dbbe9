"""Probe: stream facts from ``ffmpeg -i`` and the MP4 box walk, without decoding."""

from __future__ import annotations

import struct

import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.media import probe as probe_mod
from asri_desktop.core.media.probe import parse_ffmpeg_info, probe, read_boxes


def test_probe_reads_streams_of_a_clean_video(clean_video):
    info = probe(clean_video)
    assert info.container == "mp4"
    assert info.duration == pytest.approx(4.0, abs=0.1)
    assert info.size_bytes == clean_video.stat().st_size
    v = info.primary_video
    assert (v.codec, v.pix_fmt, v.width, v.height, v.fps) == ("h264", "yuv420p", 720, 1280, 30.0)
    assert v.profile and v.bitrate and v.bitrate > 0
    a = info.primary_audio
    assert (a.codec, a.sample_rate, a.channels) == ("aac", 16000, 1)
    assert info.faststart is True and info.truncated is False
    d = info.to_dict()
    assert d["video"][0]["display_width"] == 720 and d["subtitle_streams"] == []


def test_moov_after_mdat_is_not_faststart(make_media, ff):
    p = make_media("nofast.mp4", *ff.video_args("64x64", 1.0), *ff.H264)
    facts = read_boxes(p)
    assert facts.top_level.index("moov") > facts.top_level.index("mdat")
    assert probe(p).faststart is False


@pytest.mark.parametrize("angle", [90, -90, 180])
def test_rotation_from_display_matrix(make_media, ff, angle):
    plain = make_media("plain-rot.mp4", *ff.video_args("64x128", 1.0), *ff.H264)
    rotated = make_media(f"rot{angle}.mp4", "-display_rotation", str(angle), "-i", str(plain), "-c", "copy")
    info = probe(rotated)
    assert abs(info.primary_video.rotation) == abs(angle)
    # The box walk alone finds the same matrix ffmpeg reports.
    assert abs(read_boxes(rotated).rotation) == abs(angle)
    expected = (128, 64) if angle in (90, -90) else (64, 128)
    assert info.primary_video.display_size == expected


def test_embedded_subtitle_stream_is_listed(make_media, ff, clean_srt):
    base = make_media("base-sub.mp4", *ff.video_args("64x64", 2.0), *ff.H264)
    p = make_media("embedded.mp4", "-i", str(base), "-i", str(clean_srt), "-c:v", "copy", "-c:s", "mov_text")
    info = probe(p)
    assert [s.codec for s in info.subtitle_streams] == ["mov_text"]


def test_audio_only_file_has_no_video(make_media, ff):
    info = probe(make_media("tone.m4a", "-f", "lavfi", "-i", "sine=d=1", *ff.AAC))
    assert info.video == [] and info.primary_audio.codec == "aac"


def test_cover_art_is_not_a_video_stream(make_media, tmp_path):
    from PIL import Image

    cover = tmp_path / "cover.png"
    Image.new("RGB", (32, 32), "red").save(cover)
    p = make_media("cover.mp3", "-f", "lavfi", "-i", "sine=d=1", "-i", str(cover), "-map", "0:a", "-map", "1:v",
                   "-c:a", "libmp3lame", "-c:v", "png", "-disposition:v", "attached_pic")
    assert probe(p).video == []


def test_truncated_mp4_with_moov_first_is_flagged(clean_video, tmp_path):
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(clean_video.read_bytes()[: clean_video.stat().st_size // 2])
    info = probe(cut)
    assert info.truncated is True


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.mp4", b"", "kosong"),
        ("garbage.mp4", bytes(range(256)) * 40, "bukan media"),
        ("image.mp4", None, "gambar"),
    ],
)
def test_bad_inputs_raise_clear_input_errors(tmp_path, name, content, words):
    p = tmp_path / name
    if content is None:
        from PIL import Image

        Image.new("RGB", (40, 40), "blue").save(p, format="PNG")
    else:
        p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        probe(p)
    assert words in str(exc.value) and name in str(exc.value)


def test_truncated_mp4_without_moov_is_unreadable(make_media, ff, tmp_path):
    p = make_media("nofast2.mp4", *ff.video_args("64x64", 1.0), *ff.H264)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    with pytest.raises(InputError, match="moov"):
        probe(cut)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="tidak ditemukan"):
        probe(tmp_path / "nope.mp4")
    with pytest.raises(InputError, match="bukan berkas"):
        probe(tmp_path)


def test_parse_handles_nested_commas_and_odd_lines():
    stderr = """Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mov':
  Metadata:
    major_brand     : qt
  Duration: 00:01:02.50, start: 0.000000, bitrate: 5000 kb/s
  Stream #0:0[0x1](eng): Video: hevc (Main 10) (hvc1 / 0x31637668), yuv420p10le(tv, bt2020nc/bt2020/arib-std-b67), 1920x1080 [SAR 1:1 DAR 16:9], 4800 kb/s, 29.97 fps, 29.97 tbr, 600 tbn (default)
    Side data:
      Display Matrix: rotation of -90.00 degrees
  Stream #0:1[0x2](und): Audio: pcm_s16le (sowt / 0x74776F73), 48000 Hz, 5.1, s16, 4608 kb/s (default)
  Stream #0:2[0x3](ind): Subtitle: mov_text (tx3g / 0x67337874), 0 kb/s
"""
    info = parse_ffmpeg_info(stderr, "x.mov", 10)
    assert info.container == "mov" and info.duration == pytest.approx(62.5)
    v = info.primary_video
    assert (v.codec, v.profile, v.pix_fmt, v.width, v.height, v.fps, v.rotation) == (
        "hevc", "Main 10", "yuv420p10le", 1920, 1080, 29.97, -90.0)
    assert v.display_size == (1080, 1920)
    assert (info.primary_audio.codec, info.primary_audio.channels) == ("pcm_s16le", 6)
    assert info.subtitle_streams[0].language == "ind"


def test_box_walk_survives_a_lying_box_size(tmp_path):
    # ftyp, then a box that claims to be smaller than its own header.
    data = struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0) + struct.pack(">I4s", 3, b"moov") + b"\0" * 20
    p = tmp_path / "bad.mp4"
    p.write_bytes(data)
    facts = read_boxes(p)
    assert facts.truncated is True and facts.faststart is None


def test_probe_does_not_decode(clean_video, monkeypatch):
    seen = []
    real = probe_mod.ffmpeg.run_quick

    def spy(args, **kw):
        seen.append(list(args))
        return real(args, **kw)

    monkeypatch.setattr(probe_mod.ffmpeg, "run_quick", spy)
    probe(clean_video)
    # One header read: no output file, no "-f null" decode pass.
    assert seen == [["-i", "file:" + str(clean_video)]]


# Property tests: the parsers meet arbitrary input without crashing.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from([
        "  Duration: 00:00:0x.00, start: 0.000000, bitrate: N/A",
        "  Duration: N/A, bitrate: N/A",
        "  Stream #0:0: Video: h264, 0x0",
        "  Stream #0:1: Audio: aac, Hz, channels",
        "  Stream #0:2: Video: ",
        "  Stream #0:3(und): Subtitle: ",
        "      Display Matrix: rotation of nan degrees",
        "    rotate          : 90",
    ]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_parse_ffmpeg_info_never_crashes(lines):
    text = "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':\n" + "\n".join(lines)
    info = parse_ffmpeg_info(text, "x.mp4", 1)
    assert info.container in ("mp4", "mov")
    for v in info.video:
        assert v.width >= 0 and v.height >= 0


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_box_walk_never_crashes(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("boxes") / "x.mp4"
    p.write_bytes(struct.pack(">I4s4s", 16, b"ftyp", b"isom") + b"\0\0\0\0" + data)
    facts = read_boxes(p)
    assert facts is None or facts.faststart in (True, False, None)


def test_run_job_streams_stdout_and_reports_failures(tmp_path):
    from asri_desktop.core.media import ffmpeg

    chunks: list[bytes] = []
    ffmpeg.run_job(["-f", "lavfi", "-i", "sine=d=1:r=16000", "-ac", "1", "-f", "s16le", "-"],
                   stdout_sink=chunks.append)
    assert sum(len(c) for c in chunks) == 16000 * 2
    with pytest.raises(ffmpeg.FFmpegFailed) as exc:
        ffmpeg.run_job(["-i", str(tmp_path / "tidak-ada.mp4"), str(tmp_path / "x.mp4")])
    assert "ffmpeg gagal" in str(exc.value) and exc.value.stderr_tail
