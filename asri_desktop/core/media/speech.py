"""Speech coverage: where people talk in a video, and whether a caption is on screen then.

Most viewers watch muted, so speech without a caption is lost. The audio track is decoded
to 16 kHz mono float32 by the bundled ffmpeg (no ffprobe needed) and an energy-based voice
activity detector written with numpy finds the speech segments:

1. frame the audio (20 ms), measure the energy in the speech band (250-4000 Hz) with an FFT;
2. smooth it and track an adaptive noise floor (sliding minimum over a few seconds, so a
   fan or rain that grows louder does not become "speech");
3. a frame is speech when it is ``threshold_db`` above the floor and above an absolute level;
4. join segments separated by short pauses, drop clicks shorter than ``min_segment``, and
   keep a short hangover tail after the last loud frame (word endings are quiet).

Every parameter is in ``resources/subtitles.toml`` ``[vad]``; the coverage thresholds are in
``[speech]``. The precision and recall measured on the test media are in ``docs/subtitles.md``.

Long functions take ``progress(fraction, message)`` and ``cancel() -> bool`` callbacks; a
cancel raises :class:`asri_desktop.core.media.ffmpeg.JobCancelled`.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from bisect import bisect_left
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.media import subtitles as _subs
from asri_desktop.core.media.ffmpeg import JobCancelled, check_path, ffmpeg_exe, file_arg

__all__ = [
    "decode_audio",
    "detect",
    "detect_samples",
    "coverage_findings",
    "check_coverage",
    "estimate_offset",
]

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
Segment = tuple[float, float]

# Bytes read from ffmpeg's pipe at a time: ~2 s of 16 kHz float32, small enough that a
# cancel is noticed quickly, large enough that Python overhead stays invisible.
_CHUNK = 1 << 17
_DURATION = re.compile(rb"Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)")
# Frames analysed per FFT block, so an hour of audio never needs a huge matrix at once.
_BLOCK = 8192


def _vad_params(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    return _subs.load_limits(overrides)["vad"]


# --------------------------------------------------------------------------- decoding


def decode_audio(
    media_path: str | os.PathLike[str],
    *,
    rate: int = 16000,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> np.ndarray:
    """Decode the first audio track of a media file to mono float32 samples.

    Args:
        media_path: a video or audio file ffmpeg can read.
        rate: the sample rate to resample to.
        progress: called with (fraction 0..1, message) while decoding.
        cancel: polled between chunks; returning True stops ffmpeg.

    Returns:
        A 1-D ``float32`` array in [-1, 1].

    Raises:
        InputError: when the file is missing, unreadable, or has no audio track.
        JobCancelled: when ``cancel()`` returned True.
    """
    path = check_path(media_path)
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats",
        "-i", file_arg(path),
        "-map", "0:a:0", "-vn", "-sn", "-dn",
        "-ac", "1", "-ar", str(int(rate)),
        "-f", "f32le", "-acodec", "pcm_f32le", "-",
    ]  # fmt: skip
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise InputError(f"ffmpeg tidak dapat dijalankan: {exc}.") from None

    # ffmpeg writes its stream report to stderr; read it on a thread so neither pipe fills.
    err_chunks: list[bytes] = []
    duration: list[float] = []

    def _read_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            err_chunks.append(line)
            if not duration:
                m = _DURATION.search(line)
                if m:
                    duration.append(int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3]))

    reader = threading.Thread(target=_read_stderr, daemon=True)
    reader.start()

    buf = bytearray()
    bytes_per_second = 4 * int(rate)
    try:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        while True:
            if cancel is not None and cancel():
                raise JobCancelled("Analisis ucapan dibatalkan oleh pengguna.")
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            buf += chunk
            if progress is not None and duration and duration[0] > 0:
                done = len(buf) / bytes_per_second
                progress(min(1.0, done / duration[0]), "Mengurai audio")
        proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        reader.join(timeout=5)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()

    stderr = b"".join(err_chunks).decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise InputError(_decode_error(path.name, stderr))
    usable = len(buf) - len(buf) % 4
    if usable == 0:
        raise InputError(f"Trek audio '{path.name}' kosong: tidak ada sampel yang dapat diurai.")
    samples = np.frombuffer(memoryview(buf)[:usable], dtype="<f4")
    if progress is not None:
        progress(1.0, "Audio selesai diurai")
    return samples


def _decode_error(name: str, stderr: str) -> str:
    low = stderr.lower()
    if "matches no streams" in low or "does not contain any stream" in low:
        return f"Berkas '{name}' tidak memiliki trek audio."
    if "invalid data found" in low or "moov atom not found" in low or "could not find codec" in low:
        return f"Berkas '{name}' tidak dapat dibaca sebagai video/audio (rusak atau bukan berkas media)."
    tail = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    detail = tail[-1] if tail else "tanpa keterangan"
    return f"Audio berkas '{name}' tidak dapat diurai oleh ffmpeg: {detail}"


# --------------------------------------------------------------------------- detection


def _band_db(samples: np.ndarray, rate: int, frame: int, low: float, high: float) -> np.ndarray:
    """Mean-square power in the band, per frame (linear; a full-scale in-band sine reads 0.5)."""
    n_frames = len(samples) // frame
    if n_frames == 0:
        return np.zeros(0, dtype=np.float64)
    window = np.hanning(frame).astype(np.float32)
    # Parseval with a window: scale so a steady in-band sine reads its mean square.
    scale = 2.0 / (frame * float(np.sum(window.astype(np.float64) ** 2)))
    freqs = np.fft.rfftfreq(frame, 1.0 / rate)
    band = (freqs >= low) & (freqs <= high)
    out = np.empty(n_frames, dtype=np.float64)
    for b0 in range(0, n_frames, _BLOCK):
        b1 = min(n_frames, b0 + _BLOCK)
        block = samples[b0 * frame : b1 * frame].reshape(b1 - b0, frame) * window
        spec = np.fft.rfft(block, axis=1)[:, band]
        power = (spec.real**2 + spec.imag**2).sum(axis=1) * scale
        out[b0:b1] = power
    return out


def _sliding_min(values: np.ndarray, width: int, step: int) -> np.ndarray:
    """Centred sliding minimum, computed on block minima of ``step`` frames for speed."""
    n = len(values)
    if n == 0:
        return values
    step = max(1, step)
    pad = (-n) % step
    padded = np.concatenate([values, np.full(pad, np.inf)]) if pad else values
    blocks = padded.reshape(-1, step).min(axis=1)
    half = max(1, width // (2 * step))
    ext = np.concatenate([np.full(half, np.inf), blocks, np.full(half, np.inf)])
    windows = np.lib.stride_tricks.sliding_window_view(ext, 2 * half + 1)
    floor_blocks = windows.min(axis=1)
    return np.repeat(floor_blocks, step)[:n]


def detect_samples(
    samples: np.ndarray, rate: int = 16000, *, params: dict[str, Any] | None = None
) -> list[Segment]:
    """Speech segments in mono samples (the detector behind :func:`detect`).

    Args:
        samples: 1-D float array in [-1, 1].
        rate: its sample rate.
        params: overrides of ``[vad]`` keys in ``resources/subtitles.toml``.

    Returns:
        Sorted, non-overlapping ``(start, end)`` pairs in seconds.
    """
    p = _vad_params({"vad": params} if params else None)
    x = np.asarray(samples, dtype=np.float32).ravel()
    frame = max(16, int(round(float(p["frame"]) * rate)))
    hop_s = frame / rate
    power = _band_db(x, rate, frame, float(p["band_low_hz"]), float(p["band_high_hz"]))
    n = len(power)
    if n == 0:
        return []
    k = max(1, int(round(float(p["smooth"]) / hop_s)))
    if k > 1:
        power = np.convolve(power, np.ones(k) / k, mode="same")
    db = 10.0 * np.log10(power + 1e-12)

    width = max(1, int(round(float(p["noise_window"]) / hop_s)))
    floor = _sliding_min(db, width, step=max(1, int(round(0.1 / hop_s))))
    floor = np.maximum(floor, float(p["noise_floor_min_db"]))
    active = (db > floor + float(p["threshold_db"])) & (db > float(p["min_level_db"]))
    if not active.any():
        return []

    # Runs of active frames.
    edges = np.diff(np.concatenate([[0], active.astype(np.int8), [0]]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)

    merge = int(round(float(p["merge_gap"]) / hop_s))
    merged: list[list[int]] = []
    for s, e in zip(starts.tolist(), ends.tolist()):
        if merged and s - merged[-1][1] <= merge:
            merged[-1][1] = e
        else:
            merged.append([s, e])

    min_len = float(p["min_segment"])
    tail = float(p["hangover"])
    total = len(x) / rate
    out: list[Segment] = []
    for s, e in merged:
        start, end = s * hop_s, e * hop_s
        if end - start < min_len:
            continue
        end = min(total, end + tail)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((round(start, 3), round(end, 3)))
    return [(round(a, 3), round(b, 3)) for a, b in out]


def detect(
    media_path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[Segment]:
    """Speech segments of a media file's first audio track.

    Args:
        media_path: a video or audio file.
        progress: called with (fraction, message); decoding is most of the work.
        cancel: polled while decoding; True stops the work.

    Returns:
        Sorted ``(start, end)`` pairs in seconds.

    Raises:
        InputError: unreadable file or no audio track.
        JobCancelled: when cancelled.
    """
    rate = int(_vad_params()["sample_rate"])

    def _decode_progress(fraction: float, message: str) -> None:
        if progress is not None:
            progress(0.95 * fraction, message)

    samples = decode_audio(media_path, rate=rate, progress=_decode_progress, cancel=cancel)
    if cancel is not None and cancel():
        raise JobCancelled("Analisis ucapan dibatalkan oleh pengguna.")
    if progress is not None:
        progress(0.95, "Mencari ucapan")
    segments = detect_samples(samples, rate)
    if progress is not None:
        progress(1.0, f"Ditemukan {len(segments)} segmen ucapan")
    return segments


# --------------------------------------------------------------------------- coverage


def _cue_list(cues: Any) -> list[Any]:
    """Accept a SubtitleDoc or any iterable of cue-like objects."""
    return list(getattr(cues, "cues", cues))


def _union(intervals: Iterable[Segment]) -> list[Segment]:
    out: list[list[float]] = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _subtract(seg: Segment, covered: list[Segment], starts: list[float]) -> list[Segment]:
    """Parts of ``seg`` outside the sorted, disjoint ``covered`` intervals."""
    a, b = seg
    parts: list[Segment] = []
    i = max(0, bisect_left(starts, a) - 1)
    cur = a
    while i < len(covered) and covered[i][0] < b:
        ca, cb = covered[i]
        if cb > cur:
            if ca > cur:
                parts.append((cur, min(ca, b)))
            cur = max(cur, cb)
        i += 1
    if cur < b:
        parts.append((cur, b))
    return parts


def _mmss(seconds: float) -> str:
    """``m:ss,s`` for messages (videos here are short)."""
    seconds = max(0.0, seconds)
    m, s = divmod(seconds, 60.0)
    return f"{int(m)}:{s:04.1f}".replace(".", ",")


def coverage_findings(
    segments: Sequence[Segment], cues: Any, *, limits: dict[str, Any] | None = None
) -> list[Finding]:
    """Speech no cue covers, and cues far from any speech.

    * ``subtitles.speech_uncovered`` (warning): a stretch of speech between two cues (pauses
      shorter than ``uncovered_min`` joined) that no cue covers for more than
      ``uncovered_min`` seconds. ``at`` is where it starts; ``extra`` has start, end and
      the seconds of uncovered speech.
    * ``subtitles.out_of_sync`` (warning): a cue with text farther than
      ``out_of_sync_distance`` seconds from every speech segment. Judged only when the audio
      has at least ``out_of_sync_min_speech`` seconds of speech. When shifting every cue by
      one offset would fit the speech clearly better, the suggestion names that offset.

    Both are warnings because the detector is a heuristic (music and loud noise can look
    like speech); a person decides.

    Args:
        segments: speech ``(start, end)`` pairs, as from :func:`detect`.
        cues: a :class:`~asri_desktop.core.media.subtitles.SubtitleDoc` or cue-like objects
            (``start``, ``end``, ``text``, optional ``index``/``line``).
        limits: overrides; ``{"speech": {...}}`` changes keys of ``[speech]``.

    Returns:
        Findings in time order.
    """
    lim = _subs.load_limits(limits)["speech"]
    min_uncovered = float(lim["uncovered_min"])
    far = float(lim["out_of_sync_distance"])
    speech = _union((float(a), float(b)) for a, b in segments)
    cue_objs = [c for c in _cue_list(cues) if c.end > c.start]
    covered = _union((float(c.start), float(c.end)) for c in cue_objs)
    cov_starts = [a for a, _ in covered]
    findings: list[Finding] = []

    # Uncovered speech, grouped while no cue interrupts it and pauses stay short.
    pieces: list[Segment] = []
    for seg in speech:
        pieces.extend(_subtract(seg, covered, cov_starts))
    groups: list[list[Segment]] = []
    for piece in pieces:
        if groups:
            last = groups[-1][-1]
            gap_has_cue = any(
                a < piece[0] and b > last[1]
                for a, b in covered[max(0, bisect_left(cov_starts, last[1]) - 1) :
                                    bisect_left(cov_starts, piece[0]) + 1]
            )
            if piece[0] - last[1] <= min_uncovered and not gap_has_cue:
                groups[-1].append(piece)
                continue
        groups.append([piece])
    for group in groups:
        seconds = sum(b - a for a, b in group)
        if seconds <= min_uncovered:
            continue
        start, end = group[0][0], group[-1][1]
        findings.append(
            Finding(
                "subtitles.speech_uncovered",
                "warning",
                f"Ada ucapan tanpa takarir pada {_mmss(start)}-{_mmss(end)} "
                f"({_subs._num(seconds)} detik ucapan); penonton tanpa suara tidak akan "
                "menangkapnya.",
                at=round(start, 3),
                suggestion="Tambahkan cue untuk ucapan ini.",
                extra={"start": round(start, 3), "end": round(end, 3),
                       "speech_seconds": round(seconds, 3)},
            )
        )

    # Cues far from any speech: likely shifted.
    total_speech = sum(b - a for a, b in speech)
    if speech and total_speech >= float(lim["out_of_sync_min_speech"]):
        sp_starts = [a for a, _ in speech]
        offset = estimate_offset(
            speech,
            cue_objs,
            max_shift=float(lim["offset_search"]),
            min_shift=float(lim["offset_min"]),
            min_gain=float(lim["offset_gain"]),
        )
        if offset is not None:
            # Shifted cues often still touch the next sentence, so the per-cue test below
            # can miss a whole-file shift; the correlation sees it.
            findings.append(
                Finding(
                    "subtitles.out_of_sync",
                    "warning",
                    f"Waktu takarir tampaknya bergeser dari ucapan: cue paling cocok dengan ucapan "
                    f"bila semuanya digeser {_subs._num(abs(offset), 2)} detik "
                    f"{'lebih awal' if offset < 0 else 'lebih lambat'}.",
                    at=round(float(cue_objs[0].start), 3) if cue_objs else None,
                    suggestion="Geser semua cue (Subtitle Edit: Sinkronisasi > Sesuaikan semua "
                    "waktu) lalu periksa ulang.",
                    extra={"offset": offset},
                )
            )
        hint = (
            f"Semua cue tampaknya bergeser: coba geser semua cue {_subs._num(abs(offset))} detik "
            f"{'lebih awal' if offset < 0 else 'lebih lambat'}."
            if offset is not None
            else "Periksa apakah waktu cue cocok dengan ucapan di video."
        )
        for c in cue_objs:
            if not _subs.visible_text(str(c.text)):
                continue
            a, b = float(c.start), float(c.end)
            i = bisect_left(sp_starts, a)
            dist = float("inf")
            for j in (i - 1, i):
                if 0 <= j < len(speech):
                    sa, sb = speech[j]
                    dist = min(dist, max(0.0, sa - b, a - sb))
            if dist > far:
                idx = getattr(c, "index", None)
                line = getattr(c, "line", None) or None
                findings.append(
                    Finding(
                        "subtitles.out_of_sync",
                        "warning",
                        f"Cue {idx} ({_mmss(a)}-{_mmss(b)}) tidak berdekatan dengan ucapan mana pun "
                        f"(ucapan terdekat {_subs._num(dist)} detik darinya); waktunya mungkin "
                        "bergeser.",
                        at=round(a, 3),
                        cue=idx,
                        line=line,
                        suggestion=hint,
                        extra={"distance": round(dist, 3)}
                        | ({"offset": offset} if offset is not None else {}),
                    )
                )
    findings.sort(key=lambda f: f.at if f.at is not None else 0.0)
    return findings


def estimate_offset(
    segments: Sequence[Segment],
    cues: Any,
    *,
    max_shift: float = 5.0,
    min_shift: float = 0.5,
    min_gain: float = 1.5,
    step: float = 0.05,
) -> float | None:
    """The one shift (seconds) of every cue that best lines them up with the speech.

    Args:
        segments: speech ``(start, end)`` pairs.
        cues: a SubtitleDoc or cue-like objects.
        max_shift: shifts from ``-max_shift`` to ``+max_shift`` are tried.
        min_shift: smaller shifts are not worth reporting.
        min_gain: the best shift must multiply the overlap of cues and speech by this much.
        step: the resolution of the search in seconds.

    Returns:
        The shift to add to every cue time (negative: earlier), or None when the cues are
        as well aligned as a shift would make them.
    """
    cue_iv = _union((float(c.start), float(c.end)) for c in _cue_list(cues) if c.end > c.start)
    speech = _union((float(a), float(b)) for a, b in segments)
    if not cue_iv or not speech:
        return None
    end = max(cue_iv[-1][1], speech[-1][1]) + max_shift
    n = int(end / step) + 1
    shift_n = int(round(max_shift / step))

    def mask(iv: list[Segment]) -> np.ndarray:
        m = np.zeros(n + 2 * shift_n, dtype=np.float32)
        for a, b in iv:
            m[shift_n + int(a / step) : shift_n + int(b / step)] = 1.0
        return m

    s_mask, c_mask = mask(speech), mask(cue_iv)
    # Overlap for every shift at once: a correlation of the two masks.
    corr = np.correlate(s_mask, c_mask[shift_n : shift_n + n], mode="valid")
    shifts = np.arange(-shift_n, shift_n + 1) * step
    if len(corr) != len(shifts):
        return None
    best = int(np.argmax(corr))
    base = corr[shift_n]
    if abs(shifts[best]) >= min_shift - 1e-9 and corr[best] >= min_gain * max(base, 1.0):
        return round(float(shifts[best]), 2)
    return None


def check_coverage(
    media_path: str | os.PathLike[str],
    cues: Any,
    *,
    limits: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[Finding]:
    """:func:`detect` then :func:`coverage_findings` in one call."""
    return coverage_findings(detect(media_path, progress=progress, cancel=cancel), cues, limits=limits)
