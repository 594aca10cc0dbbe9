"""Technical checks of a short video against a profile, with its subtitles and speech coverage.

``check_video`` is the one entry point the CLI and the UI call. It never
raises for a bad media file: an unreadable video becomes a ``video.unreadable``
finding, so a report can always be shown. Limits come from
``resources/video_profiles.toml`` through :mod:`.profiles`; subtitle limits
from the subtitle module's own resources table.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from asri_desktop.core.errors import AsriError, InputError
from asri_desktop.core.findings import Finding, has_errors
from asri_desktop.core.media import ffmpeg, profiles
from asri_desktop.core.media.ffmpeg import Cancel, JobCancelled, Progress
from asri_desktop.core.media.probe import MediaInfo, probe
from asri_desktop.core.media.profiles import Profile

MB = 1024 * 1024
# Codes that mean "the input itself could not be read": the CLI exits 2 on them.
UNREADABLE_CODES = ("video.unreadable", "subtitles.unreadable")


@dataclass
class CheckResult:
    """The outcome of a check: the media facts, the findings, and the subtitle cues read."""

    media: MediaInfo | None
    findings: list[Finding]
    cues: list[Any] = field(default_factory=list)
    profile: str = ""
    subtitles: dict[str, Any] | None = None
    speech_segments: list[tuple[float, float]] | None = None

    @property
    def ok(self) -> bool:
        """False iff any finding is an error."""
        return not has_errors(self.findings)

    @property
    def unreadable(self) -> bool:
        """True when an input could not be read at all (CLI exit code 2)."""
        return any(f.code in UNREADABLE_CODES for f in self.findings)

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``asri check-video --json``."""
        out: dict[str, Any] = {
            "ok": self.ok,
            "profile": self.profile,
            "media": self.media.to_dict() if self.media else None,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.subtitles is not None:
            out["subtitles"] = self.subtitles
        if self.speech_segments is not None:
            out["speech_segments"] = [[round(a, 3), round(b, 3)] for a, b in self.speech_segments]
        return out


def _num(x: float, digits: int = 1) -> str:
    """Indonesian number: decimal comma, no trailing ``,0``."""
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:.0f}"
    return text.replace(".", ",")


def _sub_progress(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    if progress is None:
        return None
    return lambda f, msg: progress(lo + (hi - lo) * max(0.0, min(1.0, f)), msg)


def video_findings(info: MediaInfo, prof: Profile) -> list[Finding]:
    """The ``video.*`` findings of probed media under a profile (no decoding)."""
    out: list[Finding] = []

    def add(code: str, message: str, suggestion: str | None = None, **extra: Any) -> None:
        out.append(Finding(code, prof.severity_of(code), message, suggestion=suggestion, extra=extra))  # type: ignore[arg-type]

    if info.truncated:
        add("video.truncated", "Berkas video terpotong: ukuran berkas lebih kecil dari yang dinyatakan strukturnya.",
            "Salin ulang atau ekspor ulang video dari sumber aslinya.")
    v = info.primary_video
    if v is None:
        add("video.no_video_stream", "Berkas tidak berisi aliran video (hanya audio atau data).",
            "Pilih berkas video, bukan rekaman suara.")
        return out
    if info.container not in prof.containers:
        add("video.container",
            f"Format berkas '{info.container}' tidak didukung profil {prof.name} "
            f"(harus {', '.join(prof.containers).upper()}).",
            "Ekspor ulang sebagai MP4.", container=info.container)
    if info.duration is not None:
        if info.duration > prof.duration_max + _tolerance():
            add("video.too_long",
                f"Durasi video {_num(info.duration)} detik melebihi batas {_num(prof.duration_max)} detik "
                f"untuk profil {prof.name}.",
                "Potong video agar pesan utama muat dalam batas durasi.", duration=info.duration)
        elif info.duration < prof.duration_min - _tolerance():
            add("video.too_short",
                f"Durasi video {_num(info.duration, 2)} detik di bawah minimum {_num(prof.duration_min)} detik "
                f"untuk profil {prof.name}.", duration=info.duration)
    w, h = v.display_size
    short, long_ = sorted((w, h))
    if short < prof.min_short_side or long_ < prof.min_long_side:
        add("video.resolution_low",
            f"Resolusi {w}x{h} terlalu kecil: minimal {prof.min_short_side}x{prof.min_long_side} "
            f"untuk profil {prof.name}.",
            f"Gunakan rekaman {prof.target_width}x{prof.target_height}.", width=w, height=h)
    if not prof.aspect_ok(w, h):
        add("video.aspect_ratio",
            f"Rasio aspek {w}:{h} ({_num(w / h if h else 0, 3)}) tidak sesuai {prof.aspect} untuk profil {prof.name}.",
            "Ekspor ulang dengan bingkai yang sesuai; ekspor ASRI menambahkan bingkai otomatis.")
    if v.width % 2 or v.height % 2:
        add("video.odd_dimensions",
            f"Lebar/tinggi video {v.width}x{v.height} ganjil; H.264 yuv420p membutuhkan ukuran genap.",
            "Ekspor ulang melalui ASRI (ukuran dibulatkan ke genap).")
    if v.codec not in prof.video_codecs:
        add("video.codec",
            f"Kodek video '{v.codec}' tidak didukung profil {prof.name} (harus {', '.join(prof.video_codecs)}).",
            "Ekspor ulang ke H.264.", codec=v.codec)
    if v.pix_fmt is not None and v.pix_fmt not in prof.pixel_formats:
        add("video.pixel_format",
            f"Format piksel '{v.pix_fmt}' tidak didukung (harus {', '.join(prof.pixel_formats)}).",
            "Ekspor ulang dengan yuv420p.", pix_fmt=v.pix_fmt)
    if v.fps is not None and not (prof.fps_min <= v.fps <= prof.fps_max):
        add("video.frame_rate",
            f"Laju bingkai {_num(v.fps, 2)} fps di luar rentang {_num(prof.fps_min)}-{_num(prof.fps_max)} fps.",
            f"Ekspor ulang pada {prof.target_fps} fps.", fps=v.fps)
    if info.size_bytes > prof.max_size_mb * MB:
        add("video.file_too_large",
            f"Ukuran berkas {_num(info.size_bytes / MB)} MB melebihi batas {_num(prof.max_size_mb)} MB "
            f"untuk profil {prof.name}.", "Ekspor ulang dengan kualitas lebih rendah atau durasi lebih pendek.")
    a = info.primary_audio
    if a is None:
        if prof.require_audio:
            add("video.no_audio", "Video tidak memiliki trek audio.",
                "Tambahkan suara atau trek senyap; sebagian platform menolak video tanpa audio.")
    elif a.codec not in prof.audio_codecs:
        add("video.audio_codec",
            f"Kodek audio '{a.codec}' tidak didukung profil {prof.name} (harus {', '.join(prof.audio_codecs)}).",
            "Ekspor ulang dengan audio AAC.", codec=a.codec)
    if prof.require_faststart and info.faststart is False:
        add("video.not_faststart",
            "Indeks video (kotak 'moov') ada di akhir berkas; video tidak bisa mulai diputar sebelum terunduh penuh.",
            "Ekspor ulang dengan opsi +faststart (ekspor ASRI melakukannya).")
    if v.rotation:
        add("video.rotation",
            f"Video disimpan dengan rotasi {_num(v.rotation)} derajat; sebagian pemutar mengabaikannya.",
            "Ekspor melalui ASRI agar rotasi diterapkan langsung pada gambar.", rotation=v.rotation)
    return out


def _tolerance() -> float:
    # Containers round durations and audio priming adds a few ms: allow what the table says.
    return float(profiles.tolerance())


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.cue, f.line, f.at, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _load_subtitles(path: Path, prof: Profile) -> tuple[Any | None, list[Finding]]:
    """Parse a subtitle file through the subtitles module; unreadable becomes a finding."""
    from asri_desktop.core.media import subtitles as subs

    try:
        doc = subs.load(path)
    except InputError as exc:
        return None, [Finding("subtitles.unreadable", prof.severity_of("subtitles.unreadable"),
                              f"Berkas subtitle '{path.name}' tidak dapat dibaca: {exc}")]
    return doc, list(getattr(doc, "findings", []) or [])


def _extract_embedded(info: MediaInfo, workdir: Path, cancel: Cancel | None) -> Path | None:
    """Copy the first embedded text subtitle stream out as SRT so it can be checked like a sidecar."""
    out = workdir / "embedded.srt"
    try:
        ffmpeg.run_job(["-i", ffmpeg.file_arg(info.path), "-map", f"0:{info.subtitle_streams[0].index}",
                        "-c:s", "srt", ffmpeg.file_arg(out)],
                       cancel=cancel)
    except JobCancelled:
        raise
    except AsriError:
        return None  # image-based subtitles (PGS, DVB) cannot become text; the stream still counts
    return out if out.exists() and out.stat().st_size > 0 else None


def check_subtitle_doc(
    sub_path: Path,
    prof: Profile,
    media: MediaInfo | None,
    *,
    speech: bool,
    progress: Progress | None,
    cancel: Cancel | None,
) -> tuple[list[Finding], list[Any], dict[str, Any] | None, list[tuple[float, float]] | None]:
    """Subtitle checks of one file, timed against ``media`` when given, plus speech coverage."""
    from asri_desktop.core.media import subtitles as subs

    doc, findings = _load_subtitles(sub_path, prof)
    if doc is None:
        return findings, [], {"path": str(sub_path)}, None
    v = media.primary_video if media else None
    findings += subs.check(doc, video_duration=media.duration if media else None, fps=v.fps if v else None)
    cues = list(doc.cues)
    meta = {"path": str(sub_path), "format": getattr(doc, "format", None),
            "encoding": getattr(doc, "encoding", None), "cues": len(cues)}
    segments = None
    if speech and media is not None and media.primary_audio is not None:
        from asri_desktop.core.media import speech as sp

        if cancel is not None and cancel():
            raise JobCancelled("Proses dibatalkan oleh pengguna.")
        segments = sp.detect(media.path, progress=progress, cancel=cancel)
        findings += sp.coverage_findings(segments, cues)
    return _dedupe(findings), cues, meta, segments


def check_video(
    path: str | Path,
    *,
    subtitles: str | Path | None = None,
    profile: str | Profile = "asri-60",
    speech: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CheckResult:
    """Check a video against a profile, with its subtitles and (optionally) speech coverage.

    Args:
        path: the video file.
        subtitles: a sidecar SRT/WebVTT file; without it an embedded text
            subtitle stream is checked, and with neither ``subtitles.missing`` is reported.
        profile: a profile id from ``resources/video_profiles.toml`` (or a :class:`Profile`).
        speech: run speech-coverage detection (decodes the audio track once).
        progress: ``progress(fraction, message)``.
        cancel: returns True to stop; raises :class:`JobCancelled` then.

    Returns:
        A :class:`CheckResult`; ``ok`` is False iff any finding is an error.

    Raises:
        InputError: unknown profile. An unreadable video is a finding, not an exception.
        JobCancelled: cancelled by the person.
    """
    prof = profiles.get(profile)
    if progress:
        progress(0.0, "Membaca informasi video")
    try:
        info = probe(path)
    except InputError as exc:
        f = Finding("video.unreadable", prof.severity_of("video.unreadable"), str(exc),
                    suggestion="Pastikan berkas adalah video MP4/MOV yang utuh.")
        result = CheckResult(None, [f], profile=prof.id)
        if subtitles is not None:
            sf, cues, meta, _ = check_subtitle_doc(Path(subtitles), prof, None, speech=False,
                                                    progress=None, cancel=cancel)
            result.findings += sf
            result.cues, result.subtitles = cues, meta
        if progress:
            progress(1.0, "Selesai")
        return result
    findings = video_findings(info, prof)
    result = CheckResult(info, findings, profile=prof.id)
    if info.primary_video is None:
        if progress:
            progress(1.0, "Selesai")
        return result
    if progress:
        progress(0.05, "Memeriksa subtitle")
    speech_progress = _sub_progress(progress, 0.1, 1.0)
    sub_path: Path | None = Path(subtitles) if subtitles is not None else None
    tmp: tempfile.TemporaryDirectory[str] | None = None
    try:
        if sub_path is None and info.subtitle_streams:
            # A private folder only when there is an embedded stream to copy out: creating and
            # removing one costs as much as the rest of the check.
            tmp = tempfile.TemporaryDirectory(prefix="asri-check-")
            sub_path = _extract_embedded(info, Path(tmp.name), cancel)
            if sub_path is None:
                # A stream we cannot read as text (e.g. PGS) still means the video carries subtitles.
                result.subtitles = {"embedded": True, "codec": info.subtitle_streams[0].codec}
        if sub_path is None and not info.subtitle_streams:
            findings.append(Finding(
                "subtitles.missing", prof.severity_of("subtitles.missing"),
                "Video tidak memiliki subtitle: tidak ada berkas subtitle pendamping maupun subtitle tertanam.",
                suggestion="Sertakan berkas SRT/WebVTT; sebagian besar penonton menonton tanpa suara."))
        elif sub_path is not None:
            sf, cues, meta, segments = check_subtitle_doc(sub_path, prof, info, speech=speech,
                                                          progress=speech_progress, cancel=cancel)
            if subtitles is None and meta is not None:
                meta = {**meta, "path": None, "embedded": True, "codec": info.subtitle_streams[0].codec}
            findings += sf
            result.cues, result.subtitles, result.speech_segments = cues, meta, segments
    finally:
        if tmp is not None:
            tmp.cleanup()
    if progress:
        progress(1.0, "Selesai")
    return result


def check_subtitles(
    path: str | Path,
    *,
    video: str | Path | None = None,
    profile: str | Profile = "asri-60",
    speech: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> CheckResult:
    """Run the subtitle checks alone; with ``video``, time them against it and check speech coverage.

    The video's own technical findings are not included (that is :func:`check_video`),
    except ``video.unreadable`` when the given video cannot be read.
    """
    prof = profiles.get(profile)
    info: MediaInfo | None = None
    pre: list[Finding] = []
    if video is not None:
        try:
            info = probe(video)
        except InputError as exc:
            pre.append(Finding("video.unreadable", prof.severity_of("video.unreadable"), str(exc)))
    sf, cues, meta, segments = check_subtitle_doc(Path(path), prof, info, speech=speech,
                                                  progress=progress, cancel=cancel)
    return CheckResult(info, pre + sf, cues, profile=prof.id, subtitles=meta, speech_segments=segments)



