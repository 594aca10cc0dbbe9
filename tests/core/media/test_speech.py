"""Speech detection and coverage on generated audio with known speech intervals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.media import speech
from asri_desktop.core.media import subtitles as subs
from asri_desktop.core.media.ffmpeg import JobCancelled

sys.path.insert(0, str(Path(__file__).parent))
import speechgen as gen  # noqa: E402

RATE = gen.RATE
TRUTH = [(1.0, 3.5), (5.0, 6.2), (8.0, 11.0), (13.5, 15.0)]
TOTAL = 16.0


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    """One speech track encoded as AAC in MP4 (with a tiny video) and as M4A; plus bad inputs."""
    d = tmp_path_factory.mktemp("speech")
    samples = gen.track(TOTAL, TRUTH, snr_db=15, seed=3)
    wav = gen.write_wav(d / "speech.wav", samples)
    out = {
        "wav": wav,
        "mp4": gen.encode(wav, d / "speech.mp4", video=True),
        "m4a": gen.encode(wav, d / "speech.m4a"),
    }
    silent = d / "video-only.mp4"
    subprocess.run(
        [gen.ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "testsrc2=s=64x64:d=1:r=10", "-c:v", "libx264", "-preset", "ultrafast", str(silent)],
        check=True, capture_output=True,
    )
    out["video_only"] = silent
    (d / "zero.mp4").write_bytes(b"")
    out["zero"] = d / "zero.mp4"
    from PIL import Image

    Image.new("RGB", (32, 32), "red").save(d / "gambar.png")
    (d / "gambar.mp4").write_bytes((d / "gambar.png").read_bytes())
    out["png"] = d / "gambar.mp4"
    data = out["mp4"].read_bytes()
    (d / "truncated.mp4").write_bytes(data[: len(data) // 3])
    out["truncated"] = d / "truncated.mp4"
    return out


# ------------------------------------------------------------------- decoding


def test_decode_audio_gives_mono_float32_at_16k(media):
    fractions = []
    x = speech.decode_audio(media["m4a"], progress=lambda f, m: fractions.append(f))
    assert x.dtype == np.float32 and x.ndim == 1
    assert abs(len(x) / RATE - TOTAL) < 0.1
    assert float(np.max(np.abs(x))) <= 1.0
    assert fractions and fractions == sorted(fractions) and fractions[-1] == 1.0


def test_decode_audio_other_rate(media):
    x = speech.decode_audio(media["wav"], rate=8000)
    assert abs(len(x) / 8000 - TOTAL) < 0.05


def test_decode_audio_cancel_raises_and_stops(media):
    with pytest.raises(JobCancelled):
        speech.decode_audio(media["mp4"], cancel=lambda: True)


@pytest.mark.parametrize(
    "key,match",
    [
        ("video_only", "tidak memiliki trek audio"),
        ("zero", "tidak dapat"),
        ("png", "tidak"),
        ("truncated", "tidak"),
    ],
)
def test_decode_audio_bad_input_is_input_error(media, key, match):
    with pytest.raises(InputError, match=match):
        speech.decode_audio(media[key])


def test_decode_audio_missing_file(tmp_path):
    with pytest.raises(InputError, match="tidak ditemukan"):
        speech.decode_audio(tmp_path / "tidak-ada.mp4")


# ------------------------------------------------------------------- detection


def test_detect_on_encoded_media_matches_known_speech(media):
    for key in ("mp4", "m4a"):
        segments = speech.detect(media[key])
        assert len(segments) == len(TRUTH), segments
        precision, recall = gen.frame_scores(TRUTH, segments, TOTAL)
        assert precision >= 0.9 and recall >= 0.95, (key, precision, recall, segments)
        for (a, b), (ta, tb) in zip(segments, TRUTH):
            assert abs(a - ta) < 0.15 and abs(b - tb) < 0.3


def test_detect_reports_progress_and_honours_cancel(media):
    seen = []
    speech.detect(media["m4a"], progress=lambda f, m: seen.append((f, m)))
    assert seen[-1][0] == 1.0 and "segmen ucapan" in seen[-1][1]
    with pytest.raises(JobCancelled):
        speech.detect(media["m4a"], cancel=lambda: True)


@pytest.mark.parametrize(
    "snr,hum,ramp",
    [(25, False, 0), (15, False, 0), (10, True, 0), (6, False, 0), (15, False, 10)],
    ids=["clean", "snr15", "snr10-hum", "snr6", "rising-noise"],
)
def test_detect_samples_precision_recall(snr, hum, ramp):
    rng = np.random.default_rng(11)
    total = 40.0
    truth = gen.random_intervals(total, rng)
    x = gen.track(total, truth, snr_db=snr, hum=hum, noise_ramp_db=ramp, seed=11)
    found = speech.detect_samples(x, RATE)
    precision, recall = gen.frame_scores(truth, found, total)
    assert precision >= 0.9, precision
    assert recall >= 0.85, recall


def test_silence_and_steady_noise_have_no_speech():
    assert speech.detect_samples(np.zeros(RATE * 5, dtype=np.float32)) == []
    noise = gen.track(10.0, [], snr_db=0, speech_dbfs=-30, hum=True, seed=1)
    assert speech.detect_samples(noise) == []
    assert speech.detect_samples(np.zeros(10, dtype=np.float32)) == []


def test_clicks_are_not_speech():
    x = gen.track(6.0, [], snr_db=30, seed=2)
    for t in (1.0, 2.5, 4.0):
        i = int(t * RATE)
        x[i : i + 80] += 0.8
    assert speech.detect_samples(x) == []


def test_vad_parameters_come_from_resources():
    x = gen.track(10.0, [(2.0, 2.2)], snr_db=20, seed=5)
    # The 0.2 s burst is shorter than min_segment (0.25 s) in resources/subtitles.toml ...
    assert speech.detect_samples(x) == []
    # ... and found when the caller lowers it.
    found = speech.detect_samples(x, params={"min_segment": 0.1})
    assert len(found) == 1 and abs(found[0][0] - 2.0) < 0.1


# ------------------------------------------------------------------- coverage


def cue(i, a, b, text="teks"):
    return subs.Cue(i, a, b, text, line=4 * i - 3)


def test_fully_covered_speech_has_no_findings():
    cues = [cue(1, 0.9, 3.6), cue(2, 4.9, 6.3), cue(3, 7.9, 11.1), cue(4, 13.4, 15.1)]
    assert speech.coverage_findings(TRUTH, cues) == []


def test_uncovered_speech_over_a_second_is_reported_with_time():
    cues = [cue(1, 0.9, 3.6), cue(2, 4.9, 6.3)]  # nothing for 8-11 s and 13.5-15 s
    f = speech.coverage_findings(TRUTH, cues)
    assert [x.code for x in f] == ["subtitles.speech_uncovered"] * 2
    assert [x.at for x in f] == [8.0, 13.5]
    assert f[0].severity == "warning" and "0:08,0" in f[0].message and "3 detik" in f[0].message
    assert f[0].extra == {"start": 8.0, "end": 11.0, "speech_seconds": 3.0}


def test_short_uncovered_speech_is_tolerated():
    # Cue ends 0.8 s before the speech does: under the 1 s threshold.
    cues = [cue(1, 1.0, 2.7), cue(2, 5.0, 6.2), cue(3, 8.0, 11.0), cue(4, 13.5, 15.0)]
    assert speech.coverage_findings(TRUTH, cues) == []
    # Split speech either side of a short cue is judged per gap, not summed across the cue.
    segs = [(0.0, 0.7), (1.0, 1.6)]
    assert speech.coverage_findings(segs, [cue(1, 0.7, 1.0)]) == []
    # Two short bursts with no cue between them add up.
    assert [x.code for x in speech.coverage_findings([(0.0, 0.6), (0.9, 1.6)], [])] == [
        "subtitles.speech_uncovered"
    ]


def test_whole_file_shift_is_one_out_of_sync_finding_with_the_offset():
    shifted = [cue(i + 1, a + 3.0, b + 3.0) for i, (a, b) in enumerate(TRUTH)]
    f = [x for x in speech.coverage_findings(TRUTH, shifted) if x.code == "subtitles.out_of_sync"]
    whole = [x for x in f if x.cue is None]
    assert len(whole) == 1 and whole[0].severity == "warning"
    assert whole[0].extra["offset"] == pytest.approx(-3.0, abs=0.1)
    assert "3 detik lebih awal" in whole[0].message


def test_a_cue_far_from_any_speech_is_out_of_sync():
    cues = [cue(i + 1, a, b) for i, (a, b) in enumerate(TRUTH)] + [cue(5, 20.0, 22.0)]
    f = [x for x in speech.coverage_findings(TRUTH, cues) if x.code == "subtitles.out_of_sync"]
    assert [(x.cue, x.line, x.at) for x in f] == [(5, 17, 20.0)]
    assert f[0].extra["distance"] == pytest.approx(5.0)
    assert "5 detik" in f[0].message


def test_aligned_cues_are_not_out_of_sync_and_no_speech_means_no_sync_judgement():
    cues = [cue(i + 1, a, b) for i, (a, b) in enumerate(TRUTH)]
    assert speech.coverage_findings(TRUTH, cues) == []
    assert speech.coverage_findings([], cues) == []
    assert speech.estimate_offset(TRUTH, cues) is None


def test_coverage_thresholds_come_from_resources():
    f = speech.coverage_findings([(0.0, 1.5)], [], limits={"speech": {"uncovered_min": 2.0}})
    assert f == []
    assert speech.coverage_findings([(0.0, 1.5)], []) != []


def test_end_to_end_media_and_subtitle_file(media, tmp_path):
    srt = tmp_path / "sebagian.srt"
    subs.write_srt([cue(1, 1.0, 3.5, "Waspada banjir rob."), cue(2, 5.0, 6.2, "Siapkan tas siaga.")], srt)
    doc = subs.load(srt)
    findings = speech.check_coverage(media["mp4"], doc)
    uncovered = [f for f in findings if f.code == "subtitles.speech_uncovered"]
    assert [round(f.at, 1) for f in uncovered] == [8.0, 13.5]


@pytest.mark.skipif(not gen.tts_available(), reason="espeak-ng tidak terpasang (opsional)")
def test_detect_indonesian_synthetic_speech(tmp_path):
    """Real phonetics (espeak-ng, Indonesian) over noise: the detector still finds the speech."""
    voice, spans = gen.tts_sentence(gen.PHRASES[2], tmp_path)
    total = 3.0 + len(voice) / RATE + 2.0
    x = gen.track(total, [], snr_db=12, seed=9).astype(np.float64)
    level = np.sqrt(np.mean(voice[voice != 0] ** 2))
    x[3 * RATE : 3 * RATE + len(voice)] += voice * 0.1 / level
    truth = [(3.0 + a, 3.0 + b) for a, b in spans]
    found = speech.detect_samples(x.astype(np.float32))
    precision, recall = gen.frame_scores(truth, found, total)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, truth, found)
