"""Video benchmark on a generated 90 s 1080x1920 file: probe+checks, speech coverage, export speed.

Each figure is measured against its baseline in the same run:

* ``PROBE_CHECKS``: ``check_video`` (probe, box walk, profile checks, subtitle checks; no
  speech) against one bare ``ffmpeg -i`` header read. Medians of several runs.
* ``SPEECH_COVERAGE``: ``speech.detect`` + ``coverage_findings`` against the bare ffmpeg decode
  of the audio track to 16 kHz mono float (the work it cannot avoid). Best of three.
* ``EXPORT_FPS``: frames per second of ``export_video`` (captions burned in with libass,
  end card, re-check) against a plain ``ffmpeg`` re-encode of the same file with the same
  x264 preset. Higher is better.

Run: ``python3 bench/video.py [--seconds 90] [--size 1080x1920] [--preset ultrafast]``.
The default preset is ``ultrafast`` so the whole run stays within a few minutes on a
2-core machine; ``--preset veryfast`` measures with the export's own table setting.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asri_desktop.core.media import ffmpeg, profiles, speech  # noqa: E402
from asri_desktop.core.media import subtitles as subs  # noqa: E402
from asri_desktop.core.media.checks import check_video  # noqa: E402
from asri_desktop.core.media.export import export_video  # noqa: E402

GOALS = {"PROBE_CHECKS": ("<=", 1.5), "SPEECH_COVERAGE": ("<=", 1.5), "EXPORT_FPS": (">=", 0.7)}
CARD = {
    "title": "Waspada Banjir Rob di Pesisir Sungailiat",
    "date": "2026-11-27",
    "source": "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang",
    "contacts": ["112", "117", {"label": "BPBD Kab. Bangka", "number": "0717-92345"}],
    "location": {"kecamatan": "Sungailiat", "desa": "Jelitik"},
}


def ff(*args: str) -> None:
    subprocess.run([ffmpeg.ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def make_source(folder: Path, seconds: float, size: str) -> tuple[Path, Path]:
    """A test-pattern video with speech-like bursts (2.4 s on, 1.6 s off) and matching cues."""
    video = folder / "sumber.mp4"
    # A 180 Hz buzz with harmonics, amplitude-modulated like syllables, gated into sentences.
    expr = ("0.3*(sin(2*PI*180*t)+0.5*sin(2*PI*360*t)+0.3*sin(2*PI*720*t))"
            "*(0.6+0.4*sin(2*PI*4*t))*lt(mod(t,4),2.4)")
    # Encode 10 s of picture once and repeat it by stream copy: the file is a real 90 s
    # H.264 stream, made in seconds instead of a minute.
    piece = folder / "potongan.mp4"
    ff("-f", "lavfi", "-i", f"testsrc2=s={size}:r=30:d={min(seconds, 10)}",
       "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", str(piece))
    loops = max(0, int(-(-seconds // 10)) - 1)
    ff("-stream_loop", str(loops), "-i", str(piece), "-f", "lavfi", "-i",
       f"aevalsrc=exprs='{expr}':s=48000:d={seconds}", "-map", "0:v", "-map", "1:a", "-t", str(seconds),
       "-c:v", "copy", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(video))
    cues = []
    t, i = 0.0, 1
    while t + 2.4 <= seconds:
        cues.append(subs.Cue(i, t, t + 2.4, "Segera evakuasi ke tempat\nyang lebih tinggi."))
        t += 4.0
        i += 1
    srt = folder / "takarir.srt"
    subs.write_srt(cues, srt)
    return video, srt


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def interleaved(baseline, ours, runs: int) -> tuple[list[float], list[float]]:
    """Time both functions alternately, so a machine busy with other work slows both alike."""
    base_t, ours_t = [], []
    for _ in range(runs):
        base_t += timed(baseline, 1)
        ours_t += timed(ours, 1)
    return base_t, ours_t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=90.0)
    ap.add_argument("--size", default="1080x1920")
    ap.add_argument("--preset", default="ultrafast")
    args = ap.parse_args(argv)
    w, h = (int(x) for x in args.size.split("x"))
    # A 90 s video with a 3 s end card needs a profile longer than asri-90: Instagram Reels (180 s).
    prof = profiles.get("instagram-reels")
    if w < prof.min_short_side:
        # Tiny runs (smoke test) lower the floor and target with the size.
        prof = replace(prof, min_short_side=w, min_long_side=h, target_width=w, target_height=h)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="asri-bench-video-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        video, srt = make_source(folder, args.seconds, args.size)
        print(f"sumber: {args.seconds:g} s {args.size} dibuat dalam {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        base, ours = interleaved(lambda: ffmpeg.run_quick(["-i", str(video)]),
                                 lambda: check_video(video, subtitles=srt, profile=prof, speech=False), 15)
        figures["PROBE_CHECKS"] = statistics.median(ours) / statistics.median(base)
        print(f"ffmpeg -i {statistics.median(base) * 1000:.0f} ms, check_video "
              f"{statistics.median(ours) * 1000:.0f} ms", file=sys.stderr)

        def bare_decode() -> None:
            p = subprocess.run([ffmpeg.ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(video), "-map", "0:a:0",
                                "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", "-"], capture_output=True, check=True)
            assert p.stdout

        cues = subs.load(srt).cues

        def coverage() -> None:
            segments = speech.detect(video)
            speech.coverage_findings(segments, cues)

        base, ours = interleaved(bare_decode, coverage, 3)
        figures["SPEECH_COVERAGE"] = min(ours) / min(base)
        print(f"dekode audio {min(base):.2f} s, cakupan ucapan {min(ours):.2f} s", file=sys.stderr)

        plain = folder / "ulang.mp4"
        t0 = time.perf_counter()
        ff("-i", str(video), "-c:v", "libx264", "-preset", args.preset, "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(plain))
        base_s = time.perf_counter() - t0
        base_fps = args.seconds * 30 / base_s
        out = folder / "ekspor.mp4"
        t0 = time.perf_counter()
        result = export_video(video, srt, out, end_card=CARD, profile=prof, preset=args.preset)
        ours_s = time.perf_counter() - t0
        assert result.ok, result.findings
        frames = (result.media.duration or 0) * prof.target_fps
        ours_fps = frames / ours_s
        figures["EXPORT_FPS"] = ours_fps / base_fps
        print(f"re-encode biasa {base_fps:.1f} fps ({base_s:.1f} s), ekspor ASRI {ours_fps:.1f} fps "
              f"({ours_s:.1f} s, preset {args.preset})", file=sys.stderr)

    for name, value in figures.items():
        op, goal = GOALS[name]
        print(f"{name}: ratio {value:.2f} (goal {op} {goal})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
