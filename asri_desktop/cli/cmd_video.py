"""Video commands: check-video, check-subtitles, export-video, video-profiles.

Exit codes: 0 ok, 1 error findings (or a refused export), 2 unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from asri_desktop.cli.common import add_json, emit, print_json

_SEVERITY = {"error": "GALAT", "warning": "PERINGATAN", "info": "INFO"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check-video", parents=[common],
                       help="periksa video terhadap profil (resolusi, durasi, kodek, subtitle, cakupan ucapan)")
    p.add_argument("video", metavar="VIDEO")
    p.add_argument("--subtitles", metavar="BERKAS", help="berkas subtitle SRT/WebVTT pendamping")
    p.add_argument("--profile", metavar="ID", default=None, help="profil video (bawaan: asri-60); lihat video-profiles")
    p.add_argument("--no-speech", action="store_true", help="lewati deteksi ucapan (lebih cepat)")
    add_json(p)
    p.set_defaults(func=cmd_check_video)

    p = sub.add_parser("check-subtitles", parents=[common], help="periksa berkas subtitle saja")
    p.add_argument("subtitles", metavar="BERKAS")
    p.add_argument("--video", metavar="VIDEO", help="video untuk durasi, laju bingkai dan cakupan ucapan")
    p.add_argument("--profile", metavar="ID", default=None)
    p.add_argument("--no-speech", action="store_true", help="lewati deteksi ucapan")
    add_json(p)
    p.set_defaults(func=cmd_check_subtitles)

    p = sub.add_parser("export-video", parents=[common],
                       help="ekspor video dengan subtitle tertanam dan kartu penutup, lalu periksa hasilnya")
    p.add_argument("video", metavar="VIDEO")
    p.add_argument("--subtitles", metavar="BERKAS", required=True)
    p.add_argument("--out", metavar="KELUARAN.mp4", required=True)
    p.add_argument("--end-card", metavar="DATA.json",
                   help="data kartu penutup: title, date, source, contacts, location")
    p.add_argument("--profile", metavar="ID", default=None)
    add_json(p)
    p.set_defaults(func=cmd_export_video)

    p = sub.add_parser("video-profiles", parents=[common], help="daftar profil video dan batasnya")
    add_json(p)
    p.set_defaults(func=cmd_profiles)


def _at(seconds: float | None) -> str:
    if seconds is None:
        return ""
    m, s = divmod(seconds, 60)
    return f"{int(m)}:{s:04.1f}".replace(".", ",")


def _report_text(result: Any, title: str) -> str:
    lines = [title]
    media = result.media
    if media is not None and media.primary_video is not None:
        v = media.primary_video
        w, h = v.display_size
        dur = f"{media.duration:.1f} detik".replace(".", ",") if media.duration is not None else "durasi ?"
        size = (f"{media.size_bytes / 1048576:.1f} MB" if media.size_bytes >= 1048576
                else f"{media.size_bytes / 1024:.0f} KB")
        lines.append(f"  {media.container.upper()} {w}x{h}, {v.codec} {v.pix_fmt or ''}, "
                     f"{(v.fps or 0):g} fps, {dur}, {size}".replace(".", ","))
    if result.subtitles and result.subtitles.get("cues") is not None:
        lines.append(f"  Subtitle: {result.subtitles['cues']} cue ({result.subtitles.get('format') or '?'}, "
                     f"{result.subtitles.get('encoding') or '?'})")
    if not result.findings:
        lines.append("  Tidak ada temuan.")
    for f in result.findings:
        where = []
        if f.at is not None:
            where.append(_at(f.at))
        if f.cue is not None:
            where.append(f"cue {f.cue}")
        if f.line is not None:
            where.append(f"baris {f.line}")
        loc = f" [{', '.join(where)}]" if where else ""
        lines.append(f"  {_SEVERITY.get(f.severity, f.severity)} {f.code}{loc}: {f.message}")
        if f.suggestion:
            lines.append(f"      Saran: {f.suggestion}")
    errors = sum(1 for f in result.findings if f.severity == "error")
    lines.append("Hasil: LOLOS" if result.ok else f"Hasil: TIDAK LOLOS ({errors} galat)")
    return "\n".join(lines)


def _exit_code(result: Any) -> int:
    if result.unreadable:
        return 2
    return 0 if result.ok else 1


def _progress(args: argparse.Namespace):
    """A stderr progress line for people at a terminal; silent for --json and pipes."""
    if getattr(args, "json", False) or not sys.stderr.isatty():
        return None

    def show(fraction: float, message: str) -> None:
        sys.stderr.write(f"\r{message} {fraction * 100:5.1f}%   ")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_check_video(args: argparse.Namespace) -> int:
    from asri_desktop.core.media import profiles
    from asri_desktop.core.media.checks import check_video

    prof = profiles.get(args.profile)
    result = check_video(args.video, subtitles=args.subtitles, profile=prof, speech=not args.no_speech,
                         progress=_progress(args))
    emit(args, result.to_dict(), _report_text(result, f"Pemeriksaan video {args.video} (profil {prof.name})"))
    return _exit_code(result)


def cmd_check_subtitles(args: argparse.Namespace) -> int:
    from asri_desktop.core.media import profiles
    from asri_desktop.core.media.checks import check_subtitles

    prof = profiles.get(args.profile)
    result = check_subtitles(args.subtitles, video=args.video, profile=prof, speech=not args.no_speech,
                             progress=_progress(args))
    emit(args, result.to_dict(), _report_text(result, f"Pemeriksaan subtitle {args.subtitles}"))
    return _exit_code(result)


def _settings(args: argparse.Namespace) -> dict[str, Any] | None:
    """The archive's settings when an archive exists (the agency's real numbers), else None (defaults)."""
    from asri_desktop.cli.common import open_archive
    from asri_desktop.core.errors import AsriError

    try:
        arch = open_archive(args, create=False)
    except AsriError:
        return None
    try:
        return arch.settings()
    finally:
        arch.close()


def cmd_export_video(args: argparse.Namespace) -> int:
    from asri_desktop.core.media import profiles
    from asri_desktop.core.media.export import export_video, load_end_card

    prof = profiles.get(args.profile)
    card = load_end_card(args.end_card) if args.end_card else None
    result = export_video(args.video, args.subtitles, args.out, end_card=card, profile=prof,
                          settings=_settings(args) if card is not None else None, progress=_progress(args))
    emit(args, {**result.to_dict(), "out": str(args.out)},
         _report_text(result, f"Video diekspor ke {args.out} (profil {prof.name})"))
    return 0


def cmd_profiles(args: argparse.Namespace) -> int:
    from asri_desktop.core.media import profiles

    items = profiles.all_profiles()
    if getattr(args, "json", False):
        print_json({"default": profiles.default_id(), "profiles": [p.to_dict() for p in items]})
        return 0
    lines = []
    for p in items:
        mark = " (bawaan)" if p.id == profiles.default_id() else ""
        lines.append(f"{p.id}{mark}: {p.name} — {p.duration_min:g}-{p.duration_max:g} detik, "
                     f"min {p.min_short_side}x{p.min_long_side}, {p.aspect}, maks {p.max_size_mb:g} MB, "
                     f"{p.fps_min:g}-{p.fps_max:g} fps".replace(".", ","))
    print("\n".join(lines))
    return 0
