"""Speech-like test audio with KNOWN speech intervals, written by numpy and encoded by ffmpeg.

A "sentence" is a train of syllables: a voiced harmonic complex (f0 110-230 Hz, harmonics
to ~3.5 kHz falling 6 dB/octave) with a gliding pitch, each syllable 120-280 ms with a
raised-cosine envelope, separated by 30-120 ms dips, as in connected speech. Sentences sit
over steady background noise (white noise, low-passed rumble, optional 50 Hz hum) at a
chosen signal-to-noise ratio. The ground truth is the list of sentence intervals.
"""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path
from typing import Sequence

import numpy as np

RATE = 16000


def _syllable(n: int, f0: float, rng: np.random.Generator, rate: int) -> np.ndarray:
    t = np.arange(n) / rate
    glide = f0 * (1.0 + 0.15 * rng.uniform(-1, 1) * t / max(t[-1], 1e-3))
    phase = 2 * np.pi * np.cumsum(glide) / rate
    sig = np.zeros(n)
    k = 1
    while k * f0 < 3500:
        sig += np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k
        k += 1
    # A little breath noise, like fricatives.
    sig += 0.15 * rng.standard_normal(n)
    env = np.sin(np.pi * np.arange(n) / n) ** 0.7
    return sig * env


def sentence(duration: float, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """A speech-like sentence filling ``duration`` seconds, normalised to RMS 1."""
    total = int(duration * rate)
    out = np.zeros(total)
    pos = 0
    f0 = rng.uniform(110, 230)
    while pos < total:
        n = int(rng.uniform(0.12, 0.28) * rate)
        n = min(n, total - pos)
        if n < 200:
            break
        out[pos : pos + n] = _syllable(n, f0 * rng.uniform(0.9, 1.1), rng, rate)
        pos += n + int(rng.uniform(0.03, 0.12) * rate)
    rms = np.sqrt(np.mean(out**2)) or 1.0
    return out / rms


def track(
    total: float,
    speech: Sequence[tuple[float, float]],
    *,
    snr_db: float = 20.0,
    speech_dbfs: float = -20.0,
    hum: bool = False,
    noise_ramp_db: float = 0.0,
    seed: int = 7,
    rate: int = RATE,
) -> np.ndarray:
    """Mono float32 audio with speech exactly in ``speech`` intervals over background noise.

    Args:
        total: length in seconds.
        speech: (start, end) intervals of speech.
        snr_db: speech RMS over noise RMS, in dB.
        speech_dbfs: RMS level of speech.
        hum: add a 50 Hz mains hum with harmonics (outside most of the speech band).
        noise_ramp_db: let the noise grow by this many dB from start to end (adaptive floor).
        seed: random seed.
        rate: sample rate.
    """
    rng = np.random.default_rng(seed)
    n = int(total * rate)
    speech_rms = 10 ** (speech_dbfs / 20)
    noise_rms = speech_rms / 10 ** (snr_db / 20)
    white = rng.standard_normal(n)
    # Rumble: smoothed noise, like wind or traffic.
    rumble = np.convolve(rng.standard_normal(n), np.ones(40) / 40, mode="same")
    rumble /= np.sqrt(np.mean(rumble**2)) or 1.0
    noise = (0.7 * white + 0.7 * rumble) * noise_rms
    if noise_ramp_db:
        noise *= 10 ** (np.linspace(0, noise_ramp_db, n) / 20)
    out = noise
    if hum:
        t = np.arange(n) / rate
        out = out + speech_rms * 0.5 * (np.sin(2 * np.pi * 50 * t) + 0.5 * np.sin(2 * np.pi * 100 * t))
    for a, b in speech:
        i, j = int(a * rate), int(b * rate)
        out[i:j] += speech_rms * sentence((j - i) / rate + 0.01, rng, rate)[: j - i]
    return np.clip(out, -1, 1).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> Path:
    """16-bit PCM mono WAV."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return path


def ffmpeg() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def encode(wav: Path, out: Path, *, video: bool = False) -> Path:
    """Encode a WAV to AAC in ``out`` (``.m4a``, or ``.mp4`` with a tiny black video track)."""
    cmd = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-y"]
    if video:
        cmd += ["-f", "lavfi", "-i", "color=c=black:s=64x64:r=10"]
    cmd += ["-i", str(wav)]
    if video:
        cmd += ["-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-shortest"]
    cmd += ["-c:a", "aac", "-b:a", "96k", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    return out


def frame_scores(
    truth: Sequence[tuple[float, float]],
    found: Sequence[tuple[float, float]],
    total: float,
    step: float = 0.01,
) -> tuple[float, float]:
    """Frame-level (precision, recall) of ``found`` against ``truth`` on a ``step`` grid."""
    n = int(total / step)

    def mask(iv: Sequence[tuple[float, float]]) -> np.ndarray:
        m = np.zeros(n, dtype=bool)
        for a, b in iv:
            m[int(a / step) : int(b / step)] = True
        return m

    t, f = mask(truth), mask(found)
    tp = np.sum(t & f)
    precision = tp / max(1, np.sum(f))
    recall = tp / max(1, np.sum(t))
    return float(precision), float(recall)


def random_intervals(total: float, rng: np.random.Generator) -> list[tuple[float, float]]:
    """Sentences of 0.8-4 s separated by 0.6-3 s pauses, filling ``total`` seconds."""
    out = []
    pos = rng.uniform(0.5, 2.0)
    while True:
        length = rng.uniform(0.8, 4.0)
        if pos + length > total - 0.5:
            break
        out.append((round(pos, 2), round(pos + length, 2)))
        pos += length + rng.uniform(0.6, 3.0)
    return out


CONDITIONS = [
    ("bersih (SNR 25 dB)", dict(snr_db=25)),
    ("SNR 15 dB", dict(snr_db=15)),
    ("SNR 10 dB + dengung 50 Hz", dict(snr_db=10, hum=True)),
    ("SNR 6 dB", dict(snr_db=6)),
    ("derau naik 10 dB (SNR 15->5 dB)", dict(snr_db=15, noise_ramp_db=10)),
]


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(seeds: int = 6, total: float = 60.0) -> list[tuple]:
    """Measure ``speech.detect`` and ``coverage_findings`` through the real pipeline.

    Each run: random sentences over noise -> WAV -> AAC (.m4a) -> ``speech.detect``. Frames
    are scored against the known intervals; then cues are made for a random ~60 % of the
    sentences and the ``subtitles.speech_uncovered`` findings from detected speech are
    compared with those from the true speech (a finding is a hit when it overlaps one).

    Returns:
        Rows of (condition, frame precision, frame recall, min frame precision,
        min frame recall, finding precision, finding recall).
    """
    import tempfile

    from asri_desktop.core.media import speech, subtitles

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for label, kw in CONDITIONS:
            ps, rs = [], []
            hits_found = n_found = hits_true = n_true = 0
            for seed in range(seeds):
                rng = np.random.default_rng(100 + seed)
                truth = random_intervals(total, rng)
                wav = write_wav(d / "e.wav", track(total, truth, seed=100 + seed, **kw))
                found = speech.detect(encode(wav, d / "e.m4a"))
                p, r = frame_scores(truth, found, total)
                ps.append(p)
                rs.append(r)
                cues = [
                    subtitles.Cue(i + 1, a, b, "teks")
                    for i, (a, b) in enumerate(truth)
                    if rng.random() < 0.6
                ]

                def spans(segs):
                    return [
                        (f.extra["start"], f.extra["end"])
                        for f in speech.coverage_findings(segs, cues)
                        if f.code == "subtitles.speech_uncovered"
                    ]

                expected, got = spans(truth), spans(found)
                n_found += len(got)
                n_true += len(expected)
                hits_found += sum(any(_overlaps(g, e) for e in expected) for g in got)
                hits_true += sum(any(_overlaps(e, g) for g in got) for e in expected)
            rows.append(
                (label, float(np.mean(ps)), float(np.mean(rs)), min(ps), min(rs),
                 hits_found / max(1, n_found), hits_true / max(1, n_true), n_true)
            )
    return rows


PHRASES = [
    "Waspada banjir rob di pesisir Sungailiat.",
    "Simpan dokumen penting di tempat yang tinggi.",
    "Hubungi BPBD Kabupaten Bangka di nomor satu satu dua.",
    "Hujan lebat disertai angin kencang diperkirakan terjadi sore ini.",
    "Jauhi pohon besar dan papan reklame.",
    "Siapkan tas siaga berisi obat, senter, dan air minum.",
    "Ikuti informasi resmi dari BMKG, jangan sebarkan kabar yang belum pasti.",
    "Evakuasi lewat jalur yang sudah ditentukan.",
]


def tts_available() -> bool:
    """True when the espeak-ng speech synthesiser is installed (optional, for evaluation only)."""
    import shutil

    return shutil.which("espeak-ng") is not None


def tts_sentence(text: str, workdir: Path, rate: int = RATE) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Indonesian synthetic speech from espeak-ng, with its own speech intervals.

    The truth is where the clean synthetic signal is above -50 dBFS (10 ms RMS), pauses
    under 0.3 s bridged: espeak-ng writes true silence between phrases.
    """
    wav = workdir / "tts.wav"
    subprocess.run(["espeak-ng", "-v", "id", "-s", "150", "-w", str(wav), text], check=True,
                   capture_output=True)
    with wave.open(str(wav)) as w:
        src_rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
    n = int(len(x) * rate / src_rate)
    x = np.interp(np.arange(n) * src_rate / rate, np.arange(len(x)), x)
    f = int(0.01 * rate)
    env = np.sqrt((x[: len(x) // f * f].reshape(-1, f) ** 2).mean(axis=1))
    active = env > 10 ** (-50 / 20)
    spans: list[list[float]] = []
    for i, on in enumerate(active):
        if not on:
            continue
        if spans and i * 0.01 - spans[-1][1] < 0.3:
            spans[-1][1] = (i + 1) * 0.01
        else:
            spans.append([i * 0.01, (i + 1) * 0.01])
    return x, [(a, b) for a, b in spans]


def evaluate_tts(seeds: int = 4, total: float = 60.0) -> list[tuple]:
    """Frame precision/recall of ``speech.detect`` on espeak-ng Indonesian speech in noise."""
    import tempfile

    from asri_desktop.core.media import speech

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        voices = [tts_sentence(t, d) for t in PHRASES]
        for label, kw in CONDITIONS:
            ps, rs = [], []
            for seed in range(seeds):
                rng = np.random.default_rng(200 + seed)
                base = track(total, [], seed=200 + seed, **kw).astype(np.float64)
                speech_rms = 10 ** (kw.get("speech_dbfs", -20.0) / 20)
                truth: list[tuple[float, float]] = []
                pos = rng.uniform(0.5, 2.0)
                while True:
                    x, spans = voices[int(rng.integers(len(voices)))]
                    if pos + len(x) / RATE > total - 0.5:
                        break
                    level = np.sqrt(np.mean(x[x != 0] ** 2)) or 1.0
                    i = int(pos * RATE)
                    base[i : i + len(x)] += x * speech_rms / level
                    truth += [(pos + a, pos + b) for a, b in spans]
                    pos += len(x) / RATE + rng.uniform(0.6, 3.0)
                wav = write_wav(d / "e.wav", np.clip(base, -1, 1).astype(np.float32))
                found = speech.detect(encode(wav, d / "e.m4a"))
                p, r = frame_scores(truth, found, total)
                ps.append(p)
                rs.append(r)
            rows.append((label, float(np.mean(ps)), float(np.mean(rs)), min(ps), min(rs)))
    return rows


if __name__ == "__main__":
    # python3 tests/core/media/speechgen.py — the table quoted in docs/subtitles.md.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    print("| Kondisi | Presisi bingkai | Recall bingkai | Presisi min | Recall min "
          "| Presisi temuan | Recall temuan (n) |")
    print("|---|---|---|---|---|---|---|")
    for label, p, r, pmin, rmin, fp, fr, n in evaluate():
        print(f"| {label} | {p:.3f} | {r:.3f} | {pmin:.3f} | {rmin:.3f} | {fp:.3f} | {fr:.3f} ({n}) |")
    if tts_available():
        print()
        print("espeak-ng, bahasa Indonesia:")
        print("| Kondisi | Presisi bingkai | Recall bingkai | Presisi min | Recall min |")
        print("|---|---|---|---|---|")
        for label, p, r, pmin, rmin in evaluate_tts():
            print(f"| {label} | {p:.3f} | {r:.3f} | {pmin:.3f} | {rmin:.3f} |")
