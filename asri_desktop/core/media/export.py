"""Captioned export: burned-in captions, an end card with the stamp elements, the safe profile.

One ffmpeg job does it all: the video is scaled and padded to the profile's
frame (rotation applied), captions are burned in with libass using the bundled
Plus Jakarta Sans inside the 9:16 safe area, the end card is appended with
silent audio, and the result is encoded as H.264 yuv420p + AAC 128 kbps with
``+faststart``. The output is written to a temporary file beside ``out``,
re-checked against the profile, and only then renamed into place; a cancelled
or failed export leaves nothing behind.

Captions are converted to an ASS script of our own (PlayRes = output size)
rather than handing libass the SRT with ``force_style``: for SRT, ffmpeg uses a
384x288 script canvas, so font size and margins would be stretched on a 9:16
frame. With our own script every margin is an exact pixel count taken from
``resources/video_profiles.toml``.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.findings import Finding
from asri_desktop.core.media import ffmpeg, profiles
from asri_desktop.core.media.checks import CheckResult, check_video
from asri_desktop.core.media.ffmpeg import Cancel, JobCancelled, Progress
from asri_desktop.core.media.probe import MediaInfo, probe
from asri_desktop.core.media.profiles import Profile

# The RGB end card becomes limited-range BT.709 and the stream is tagged so: phones and
# platforms assume BT.709 for HD, and an untagged BT.601 conversion shifts its colours.
_YUV = "out_color_matrix=bt709:out_range=tv,format=yuv420p"
_TAGS = "setparams=range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709"
# Source findings an export cannot repair: it refuses before encoding.
_BLOCKING_SOURCE = ("video.no_video_stream", "video.truncated", "video.too_short", "video.resolution_low")


# --------------------------------------------------------------------------- captions → ASS
def _ass_colour(hex_rgb: str, alpha: float = 0.0) -> str:
    """``FFFFFF`` + alpha 0..1 -> ``&H00FFFFFF`` (ASS is AABBGGRR, alpha 0 = opaque)."""
    h = hex_rgb.strip().lstrip("#")
    r, g, b = h[0:2], h[2:4], h[4:6]
    a = max(0, min(255, round(alpha * 255)))
    return f"&H{a:02X}{b}{g}{r}".upper()


def _ass_time(t: float) -> str:
    cs = max(0, int(round(t * 100)))
    h, rest = divmod(cs, 360000)
    m, rest = divmod(rest, 6000)
    s, cs = divmod(rest, 100)
    return f"{h}:{m:02d}:{s:02d}.{cs:02d}"


def _ass_text(lines: list[str]) -> str:
    # Braces open override blocks and a backslash starts an escape in ASS: neutralise both
    # so a caption is always shown exactly as written.
    safe = [ln.replace("\\", "\u29f5").replace("{", "(").replace("}", ")") for ln in lines]
    return r"\N".join(safe)


def captions_ass(cues: list[Any], width: int, height: int, style: dict[str, Any] | None = None) -> str:
    """An ASS script that shows ``cues`` at the bottom of the safe area of a ``width`` x ``height`` frame.

    Args:
        cues: objects with ``start``, ``end`` (seconds) and ``text``.
        width: output frame width in pixels.
        height: output frame height in pixels.
        style: caption style (fractions of the frame); defaults to the resources table.

    Returns:
        The script text (UTF-8).
    """
    from asri_desktop.core.media.subtitles import visible_text

    st = style or profiles.captions_style()
    font_px = max(8, round(st["font_size"] * height))
    margin_l = round(st["margin_left"] * width)
    margin_r = round(st["margin_right"] * width)
    pad = max(1, round(st["box_padding"] * height))
    # MarginV places the text; the box grows by ``pad`` around it, so add it to keep the box,
    # not only the glyphs, out of the platform's bottom overlay.
    margin_v = round(st["margin_bottom"] * height) + pad
    head = "\n".join([
        "[Script Info]",
        "; Dibuat oleh ASRI Desktop",
        "ScriptType: v4.00+",
        f"PlayResX: {width}",
        f"PlayResY: {height}",
        "WrapStyle: 0",
        "ScaledBorderAndShadow: yes",
        "YCbCr Matrix: TV.709",
        "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
        "MarginL, MarginR, MarginV, Encoding",
        # BorderStyle 4 (libass) draws one box in BackColour around the whole event, padded by
        # Outline; style 3 would draw a box per line and darken where two lines' boxes overlap.
        # The glyph outline itself is made invisible so the text stays crisp on the box.
        f"Style: ASRI,{st['font_name']},{font_px},{_ass_colour(st['text_colour'])},{_ass_colour(st['text_colour'])},"
        f"{_ass_colour(st['box_colour'], 1.0)},{_ass_colour(st['box_colour'], st['box_alpha'])},"
        f"-1,0,0,0,100,100,{st.get('line_spacing', 0)},0,4,{pad},0,2,{margin_l},{margin_r},{margin_v},1",
        "",
        "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ])
    events = []
    for c in cues:
        lines = visible_text(c.text)
        if not lines or c.end <= c.start:
            continue
        events.append(f"Dialogue: 0,{_ass_time(c.start)},{_ass_time(c.end)},ASRI,,0,0,0,,{_ass_text(lines)}")
    return head + "\n" + "\n".join(events) + "\n"


# --------------------------------------------------------------------------- end card
def _settings_or_defaults(settings: dict[str, Any] | None) -> dict[str, Any]:
    if settings is not None:
        return settings
    return resources.data("defaults/bangka.toml")


def _contact_lines(data: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    """Contacts as ``Label: number`` lines; placeholders (never filled in) are dropped."""
    agency = settings.get("agency", {}) or {}
    placeholder = agency.get("phone_placeholder")
    known = {str(c.get("id")): c for c in settings.get("contacts", []) or [] if isinstance(c, dict)}
    out = []
    for item in data.get("contacts") or []:
        c = known.get(str(item), {"number": str(item)}) if not isinstance(item, dict) else item
        number = str(c.get("number", "")).strip()
        if not number or c.get("placeholder") or (placeholder and number == placeholder) or "xx" in number.lower():
            continue
        label = str(c.get("label", "")).strip()
        out.append(f"{label}: {number}" if label else number)
    return out


def _source_text(src: Any) -> str:
    if isinstance(src, dict):
        return ", ".join(str(src.get(k, "")).strip() for k in ("name", "time") if src.get(k)).strip()
    return str(src or "").strip()


def _location_text(loc: Any) -> str:
    if isinstance(loc, dict):
        parts = [str(loc.get("desa", "")).strip(), str(loc.get("kecamatan", "")).strip()]
        parts = [p for p in parts if p]
        if loc.get("kecamatan"):
            parts[-1] = f"Kec. {parts[-1]}"
        return ", ".join(parts) + (", Kab. Bangka" if parts else "")
    return str(loc or "").strip()


def end_card_missing(data: dict[str, Any], settings: dict[str, Any] | None = None) -> list[str]:
    """Names (Indonesian) of the mandatory elements missing from end-card ``data``."""
    s = _settings_or_defaults(settings)
    missing = []
    if not str(data.get("title") or "").strip():
        missing.append("judul")
    if not str(data.get("date") or "").strip():
        missing.append("tanggal")
    if not _source_text(data.get("source")):
        missing.append("sumber data")
    if not _contact_lines(data, s):
        missing.append("kontak darurat")
    if not _location_text(data.get("location")):
        missing.append("tag lokasi")
    return missing


def _draw_end_card(data: dict[str, Any], size: tuple[int, int], settings: dict[str, Any]):
    """Our own end card, used until the template engine's ``render_end_card`` is available."""
    from PIL import Image, ImageDraw, ImageFont

    from asri_desktop.core import dates

    w, h = size
    st = profiles.end_card_style()
    bg = "#" + st["background"]
    accent = "#" + st["accent"]
    img = Image.new("RGB", size, bg)
    draw = ImageDraw.Draw(img)
    unit = h / 1920
    margin = round(90 * unit * (w / h) / (1080 / 1920)) if w / h > 1 else round(90 * unit)

    def font(name: str, px: float):
        return ImageFont.truetype(str(resources.font(name)), max(8, round(px)))

    def wrap(text: str, fnt, max_w: int) -> list[str]:
        words, lines, cur = text.split(), [], ""
        for word in words:
            trial = f"{cur} {word}".strip()
            if draw.textlength(trial, font=fnt) <= max_w or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    max_w = w - 2 * margin
    agency = (settings.get("agency") or {}).get("name", "BPBD Kabupaten Bangka")
    y = round(150 * unit)
    draw.rectangle([margin, y, margin + round(120 * unit), y + round(14 * unit)], fill=accent)
    y += round(50 * unit)
    f_agency = font("PlusJakartaSans-Bold.ttf", 44 * unit)
    draw.text((margin, y), agency.upper(), font=f_agency, fill="white")
    y += round(110 * unit)
    f_title = font("PlusJakartaSans-ExtraBold.ttf", 84 * unit)
    for line in wrap(str(data.get("title", "")).strip(), f_title, max_w)[:5]:
        draw.text((margin, y), line, font=f_title, fill="white")
        y += round(100 * unit)
    y += round(50 * unit)
    f_label = font("PlusJakartaSans-Bold.ttf", 34 * unit)
    f_body = font("PlusJakartaSans-Regular.ttf", 44 * unit)
    try:
        date_text = dates.format_date(str(data.get("date")))
    except InputError:
        date_text = str(data.get("date"))
    rows = [("TANGGAL", [date_text]), ("LOKASI", [_location_text(data.get("location"))]),
            ("SUMBER DATA", [_source_text(data.get("source"))])]
    for label, values in rows:
        draw.text((margin, y), label, font=f_label, fill=accent)
        y += round(50 * unit)
        for v in values:
            for line in wrap(v, f_body, max_w)[:3]:
                draw.text((margin, y), line, font=f_body, fill="white")
                y += round(58 * unit)
        y += round(34 * unit)
    # Emergency contacts sit in a light panel at the bottom: the one thing a viewer must be able to read.
    contacts = _contact_lines(data, settings)
    f_contact = font("PlusJakartaSans-Bold.ttf", 50 * unit)
    line_h = round(66 * unit)
    panel_h = round(110 * unit) + line_h * len(contacts)
    top = max(y + round(20 * unit), h - round(300 * unit) - panel_h)
    draw.rounded_rectangle([margin - round(30 * unit), top, w - margin + round(30 * unit), top + panel_h],
                           radius=round(28 * unit), fill="white")
    draw.text((margin, top + round(30 * unit)), "KONTAK DARURAT", font=f_label, fill=bg)
    cy = top + round(86 * unit)
    for line in contacts:
        draw.text((margin, cy), line, font=f_contact, fill=bg)
        cy += line_h
    return img


def render_end_card_image(data: dict[str, Any], size: tuple[int, int], settings: dict[str, Any] | None = None):
    """The end card as a PIL image: the template engine's when it exists, else our own drawing.

    Raises:
        RefusedError: a mandatory element is missing (rule ``stamps``); the message names each one.
    """
    s = _settings_or_defaults(settings)
    try:
        from asri_desktop.core.templates import missing_stamps, render_end_card
    except ImportError:  # the template engine is optional for the video path
        missing_stamps = render_end_card = None
    if missing_stamps is not None:
        # The template engine owns the stamp rules (placeholders, contact lookup): ask it.
        stamp_findings = [f for f in missing_stamps(data, settings) if f.is_error]
        if stamp_findings:
            raise RefusedError("Kartu penutup tidak lengkap: " + " ".join(f.message for f in stamp_findings),
                               rule="stamps")
    else:
        missing = end_card_missing(data, s)
        if missing:
            raise RefusedError(f"Kartu penutup tidak lengkap; elemen wajib belum diisi: {', '.join(missing)}.",
                               rule="stamps")
    if render_end_card is not None:
        return render_end_card(data, size=size, settings=settings).convert("RGB")
    return _draw_end_card(data, size, s)


def load_end_card(path: str | Path) -> dict[str, Any]:
    """Read end-card data from a JSON file with a clear error for bad input."""
    p = ffmpeg.check_path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Data kartu penutup '{p.name}' bukan JSON yang valid: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"Data kartu penutup '{p.name}' harus berupa objek JSON (kunci: title, date, ...).")
    return data


# --------------------------------------------------------------------------- the export
def _even(x: float) -> int:
    return max(2, int(round(x / 2)) * 2)


def _main_chain(v: Any, W: int, H: int, fps: int) -> str:
    """Filters that bring the source to W x H, ``fps``, yuv420p -- only the steps it needs.

    Every step left out is a full-frame copy saved: a source already at the target (the
    usual phone video) goes straight to the caption renderer. ffmpeg applies the rotation
    before this chain (autorotate), so the displayed size is what counts.
    """
    steps = []
    dw, dh = v.display_size
    if (dw, dh) != (W, H):
        steps.append(f"scale={W}:{H}:force_original_aspect_ratio=decrease:force_divisible_by=2")
        scale = min(W / dw, H / dh) if dw and dh else 1.0
        if abs(dw * scale - W) >= 1 or abs(dh * scale - H) >= 1:
            steps.append(f"pad={W}:{H}:(ow-iw)/2:(oh-ih)/2:color=black")
    steps.append("setsar=1")
    if v.fps is None or abs(v.fps - fps) > 0.01:
        steps.append(f"fps={fps}")
    if v.pix_fmt != "yuv420p":
        # A YUV source keeps its own matrix (phones record BT.709); only the pixel layout changes.
        steps.append("format=yuv420p")
    # Tag the frames BT.709 limited range -- metadata only. Asking the encoder for BT.709
    # (-colorspace) instead makes ffmpeg insert a full colour conversion of every frame
    # (measured: +30 % CPU), and the end card's frames carry the same tags, so concat
    # needs no conversion either.
    steps.append(_TAGS)
    return ",".join(steps)


def _video_maxrate(prof: Profile, total: float, cfg: dict[str, Any]) -> int:
    """kbit/s cap so the file stays under the profile's size limit (and the table's ceiling)."""
    budget_kbit = prof.max_size_mb * 1024 * 1024 * 8 / 1000 * float(cfg["size_headroom"])
    per_s = budget_kbit / max(total, 0.5) - prof.audio_bitrate_kbps
    return int(max(200, min(float(cfg["maxrate_kbps"]), per_s)))


def _refuse(findings: list[Finding], intro: str, rule: str) -> RefusedError:
    errors = [f for f in findings if f.is_error]
    detail = "; ".join(f"{f.message} [{f.code}]" for f in errors[:5])
    more = f" (dan {len(errors) - 5} galat lain)" if len(errors) > 5 else ""
    return RefusedError(f"{intro}: {detail}{more}", rule=rule)


def export_video(
    video: str | Path,
    subtitles: str | Path,
    out: str | Path,
    *,
    end_card: dict[str, Any] | None = None,
    profile: str | Profile = "asri-60",
    settings: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    preset: str | None = None,
) -> CheckResult:
    """Burn captions into a video, append an end card, encode to the profile, and re-check it.

    Args:
        video: the source video.
        subtitles: an SRT/WebVTT file with the captions.
        out: the output ``.mp4`` path (replaced only when the export succeeds).
        end_card: stamp data (``title``, ``date``, ``source``, ``contacts``, ``location``) or None for no card.
        profile: profile id (or :class:`Profile`) whose target size and limits apply.
        settings: archive settings (agency, contacts); None uses the Bangka defaults.
        progress: ``progress(fraction, message)``.
        cancel: returns True to stop; the partial file is removed.
        preset: x264 preset overriding the resources table (tests and benchmarks).

    Returns:
        The :class:`CheckResult` of the written file (``ok`` is True).

    Raises:
        InputError: unreadable video or subtitles, bad output path.
        RefusedError: the source cannot meet the profile (too long, too small, subtitle errors) or
            the end card lacks a mandatory element; nothing is written.
        JobCancelled: cancelled; nothing is written.
    """
    from asri_desktop.core.media import subtitles as subs

    prof = profiles.get(profile)
    cfg = dict(resources.data("video_profiles.toml")["export"])
    out = Path(out)
    if out.suffix.lower() != ".mp4":
        raise InputError(f"Berkas keluaran '{out.name}' harus berakhiran .mp4.")
    if not out.parent.exists():
        raise InputError(f"Folder keluaran '{out.parent}' tidak ada.")
    if progress:
        progress(0.0, "Memeriksa video sumber")
    info = probe(video)  # InputError for unreadable input
    from asri_desktop.core.media.checks import video_findings

    card_s = float(profiles.end_card_style()["duration"]) if end_card is not None else 0.0
    src_findings = [f for f in video_findings(info, prof) if f.code in _BLOCKING_SOURCE and f.is_error]
    v = info.primary_video
    dur = info.duration
    if v is not None and dur is None:
        raise InputError(f"Durasi video '{Path(video).name}' tidak diketahui; video tidak dapat diekspor.")
    if v is not None and dur is not None and dur + card_s > prof.duration_max + profiles.tolerance():
        src_findings.append(Finding(
            "video.too_long", "error",
            f"Durasi video {dur:.1f} detik ditambah kartu penutup {card_s:.0f} detik melebihi batas "
            f"{prof.duration_max:g} detik profil {prof.name}".replace(".", ",")))
    if src_findings:
        raise _refuse(src_findings, "Video sumber tidak dapat diekspor untuk profil ini", "video")
    assert v is not None and dur is not None

    doc = subs.load(subtitles)  # InputError for unreadable subtitles
    sub_findings = subs.check(doc, video_duration=dur, fps=v.fps)
    if any(f.is_error for f in sub_findings):
        raise _refuse(sub_findings, "Takarir memiliki galat yang harus diperbaiki sebelum ekspor", "subtitles")
    card_img = render_end_card_image(end_card, (prof.target_width, prof.target_height), settings) \
        if end_card is not None else None

    W, H, fps = _even(prof.target_width), _even(prof.target_height), prof.target_fps
    total = dur + card_s
    tmp_out = out.resolve().with_name(f".{out.stem}.sedang-diekspor-{os.getpid()}.mp4")
    work = Path(tempfile.mkdtemp(prefix="asri-export-"))
    try:
        (work / "fonts").mkdir()
        style = profiles.captions_style()
        shutil.copy(resources.font(style["font_file"]), work / "fonts" / style["font_file"])
        (work / "captions.ass").write_text(captions_ass(doc.cues, W, H, style), encoding="utf-8")
        args = ["-i", ffmpeg.file_arg(video)]
        filters = [f"[0:v]{_main_chain(v, W, H, fps)},subtitles=captions.ass:fontsdir=fonts[main_v]"]
        n = 1
        if info.primary_audio is not None:
            filters.append(f"[0:a:0]aresample={prof.audio_sample_rate},aformat=sample_fmts=fltp:channel_layouts=stereo,"
                           f"apad,atrim=0:{dur:.3f}[main_a]")
        else:
            args += ["-f", "lavfi", "-t", f"{dur:.3f}", "-i", f"anullsrc=r={prof.audio_sample_rate}:cl=stereo"]
            filters.append(f"[{n}:a]anull[main_a]")
            n += 1
        if card_img is not None:
            card_img.save(work / "endcard.png", compress_level=1)  # written once, read once: speed over size
            # The card is decoded and converted once, then repeated by the loop filter: looping
            # the input instead would decode the PNG again for every frame (measured: ~2 s per 3 s card).
            card_frames = max(1, round(card_s * fps))
            args += ["-i", "endcard.png",
                     "-f", "lavfi", "-t", f"{card_s:.3f}", "-i", f"anullsrc=r={prof.audio_sample_rate}:cl=stereo"]
            filters.append(f"[{n}:v]scale={W}:{H}:{_YUV},setsar=1,{_TAGS},"
                           f"loop=loop={card_frames - 1}:size=1:start=0,setpts=N/({fps}*TB)[card_v]")
            filters.append(f"[{n + 1}:a]aformat=sample_fmts=fltp:channel_layouts=stereo[card_a]")
            filters.append("[main_v][main_a][card_v][card_a]concat=n=2:v=1:a=1[v][a]")
        else:
            filters.append("[main_v]null[v]")
            filters.append("[main_a]anull[a]")
        maxrate = _video_maxrate(prof, total, cfg)
        args += [
            "-filter_complex", ";".join(filters), "-map", "[v]", "-map", "[a]",
            "-c:v", "libx264", "-preset", preset or str(cfg["preset"]), "-crf", str(cfg["crf"]),
            "-maxrate", f"{maxrate}k", "-bufsize", f"{2 * maxrate}k",
            "-pix_fmt", "yuv420p", "-profile:v", "high", "-r", str(fps),
            "-c:a", "aac", "-b:a", f"{prof.audio_bitrate_kbps}k", "-ar", str(prof.audio_sample_rate),
            "-movflags", "+faststart",
            # Drop the source's metadata: phones store the GPS position of the recording there,
            # and a citizen's video must not publish where they live.
            "-map_metadata", "-1",
            "-t", f"{total:.3f}", "-f", "mp4", ffmpeg.file_arg(tmp_out),
        ]
        enc_progress = (lambda f, m: progress(0.02 + 0.93 * f, m)) if progress else None
        _run_in(work, args, total, enc_progress, cancel)
        if progress:
            progress(0.96, "Memeriksa hasil ekspor")
        result = check_video(tmp_out, subtitles=subtitles, profile=prof, speech=False, cancel=cancel)
        if not result.ok:
            raise _refuse(result.findings, "Hasil ekspor tidak lolos pemeriksaan profil", "export")
        os.replace(tmp_out, out)
        if result.media is not None:
            result.media = replace(result.media, path=str(out))
        if progress:
            progress(1.0, "Ekspor selesai")
        return result
    finally:
        tmp_out.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _run_in(workdir: Path, args: list[str], total: float, progress: Progress | None, cancel: Cancel | None) -> None:
    """Run the export job inside ``workdir``.

    Filter-graph option values need ':' '\\' and quotes escaped; relative names inside a
    private work folder avoid every one of those on every OS (``C:\\...`` included).
    """
    ffmpeg.run_job(args, duration=total, progress=progress, cancel=cancel, message="Mengekspor video", cwd=workdir)
