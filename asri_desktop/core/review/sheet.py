"""The PDF approval sheet (Lembar Persetujuan Konten) that a head of agency signs.

A4, Bahasa Indonesia, every font embedded (Plus Jakarta Sans for headings, Noto
Sans for text, DejaVu Sans Mono for hashes). It carries the asset's identity, a
thumbnail, name and SHA-256 of every file, the automated findings, each stage's
checklist with result, reviewer and time per item, the decision history from the
log with entry hashes, a QR code, signature blocks and "Halaman X dari Y".

The QR code, the PDF's Subject and a printed line all carry the same payload,
``ASRI-LP1;aset=<id>;versi=<n>;hash=<content hash>``, so :func:`verify` can read
a sheet back (metadata first, the page text second) and tell whether the archive
still holds exactly that version. Output is deterministic for the same archive
state (reportlab ``invariant=1``; no "printed at" clock: the sheet states the
time of the asset's latest log entry instead).
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from asri_desktop.core import dates, resources, workflow
from asri_desktop.core import pdf as pdf_defaults
from asri_desktop.core.archive import cache
from asri_desktop.core.archive.store import atomic_write_bytes
from asri_desktop.core.errors import AsriError, InputError, RefusedError
from asri_desktop.core.review import automated as automated_mod
from asri_desktop.core.review import checklist

PAYLOAD_PREFIX = "ASRI-LP1"
PAYLOAD_RE = re.compile(r"ASRI-LP1;aset=(\d+);versi=(\d+);hash=([0-9a-f]{64})")
SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan", "info": "Info"}
ACTION_LABELS = {
    "asset.create": "Aset dibuat",
    "version.new": "Versi baru disimpan",
    "asset.submit": "Diajukan ke validasi",
    "asset.approve": "Disetujui",
    "asset.revise": "Dikembalikan untuk revisi",
    "asset.schedule": "Dijadwalkan",
    "asset.publish": "Dipublikasikan",
    "consent.record": "Izin foto warga dicatat",
    "consent.revoke": "Izin foto warga dicabut",
    "correction.start": "Ralat dimulai",
    "publication.record": "Publikasi dicatat",
    "plan.add": "Masuk rencana konten",
    "plan.update": "Rencana konten diubah",
    "metrics.import": "Angka monitoring diimpor",
    "comment.record": "Komentar dicatat",
    "comment.handle": "Komentar ditangani",
    "hoax.record": "Kabar hoaks dicatat",
    "hoax.verdict": "Hasil verifikasi hoaks",
    "hoax.link": "Ditautkan ke klarifikasi hoaks",
}
# Signature blocks: (role id, the stage whose approval fills the name).
SIGNERS = (("editor", "technical_review"), ("pengawas", "accuracy_review"), ("koordinator", "accuracy_review"))

# House colours (ink, accent, pale fills); the sheet is meant to print well in greyscale too.
INK = "#1B2A3A"
ACCENT = "#B4451F"
MUTED = "#5B6B7B"
RULE = "#9AA7B4"
PALE = "#EEF2F5"
RESULT_COLOURS = {"pass": "#1E7B45", "fail": "#B3261E", "na": "#5B6B7B", "unanswered": "#9A6700"}


def payload(asset_id: int, version: int, content_hash: str) -> str:
    """The verification payload printed, put in the QR code and in the PDF Subject."""
    return f"{PAYLOAD_PREFIX};aset={int(asset_id)};versi={int(version)};hash={content_hash}"


# ---------------------------------------------------------------------- fonts and styles
@lru_cache(maxsize=1)
def _fonts() -> dict[str, str]:
    """Register the bundled TTFs once; reportlab embeds (subsets) them in every PDF."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces = {
        "head": ("AsriHead", "PlusJakartaSans-ExtraBold.ttf"),
        "headbold": ("AsriHeadBold", "PlusJakartaSans-Bold.ttf"),
        "body": ("AsriBody", "NotoSans-Regular.ttf"),
        "bold": ("AsriBodyBold", "NotoSans-Bold.ttf"),
        "mono": ("AsriMono", "DejaVuSansMono.ttf"),
    }
    for name, file in faces.values():
        pdfmetrics.registerFont(TTFont(name, str(resources.font(file))))
    # <b> inside body paragraphs uses Noto Sans Bold; there is no italic face, so italic maps to regular.
    addMapping("AsriBody", 0, 0, "AsriBody")
    addMapping("AsriBody", 1, 0, "AsriBodyBold")
    addMapping("AsriBody", 0, 1, "AsriBody")
    addMapping("AsriBody", 1, 1, "AsriBodyBold")
    return {k: v[0] for k, v in faces.items()}


@lru_cache(maxsize=1)
def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    f = _fonts()
    ink = colors.HexColor(INK)
    return {
        "title": ParagraphStyle("title", fontName=f["head"], fontSize=14.5, leading=18, alignment=TA_CENTER,
                                textColor=ink, spaceAfter=2),
        "number": ParagraphStyle("number", fontName=f["body"], fontSize=9, leading=12, alignment=TA_CENTER,
                                 textColor=colors.HexColor(MUTED)),
        "h2": ParagraphStyle("h2", fontName=f["headbold"], fontSize=10.5, leading=14, textColor=ink,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        # A line that introduces a table stays on the table's page.
        "lead": ParagraphStyle("lead", fontName=f["body"], fontSize=7.5, leading=9.5, textColor=ink,
                               spaceAfter=3, keepWithNext=1),
        "body": ParagraphStyle("body", fontName=f["body"], fontSize=8.5, leading=11, textColor=ink),
        "small": ParagraphStyle("small", fontName=f["body"], fontSize=7.5, leading=9.5, textColor=ink),
        "muted": ParagraphStyle("muted", fontName=f["body"], fontSize=7.5, leading=9.5,
                                textColor=colors.HexColor(MUTED)),
        "label": ParagraphStyle("label", fontName=f["bold"], fontSize=8.5, leading=11, textColor=ink),
        "cellhead": ParagraphStyle("cellhead", fontName=f["bold"], fontSize=7.5, leading=9.5,
                                   textColor=colors.white),
        "mono": ParagraphStyle("mono", fontName=f["mono"], fontSize=7, leading=9, textColor=ink),
        "sign": ParagraphStyle("sign", fontName=f["body"], fontSize=8.5, leading=11, alignment=TA_CENTER,
                               textColor=ink),
        "signrole": ParagraphStyle("signrole", fontName=f["headbold"], fontSize=9, leading=12,
                                   alignment=TA_CENTER, textColor=ink),
    }


def _p(text: str, style: str = "body") -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(text, _styles()[style])


# A table row cannot split across pages: clip free text so no single row outgrows a page.
MAX_CELL_CHARS = 1200


def _t(text: Any) -> str:
    """Escape user text for a reportlab paragraph (clipped to :data:`MAX_CELL_CHARS`)."""
    s = str(text if text is not None else "")
    if len(s) > MAX_CELL_CHARS:
        s = s[:MAX_CELL_CHARS].rstrip() + " … (dipotong; teks lengkap di log keputusan)"
    return escape(s)


# ---------------------------------------------------------------------- thumbnails
def _thumb_bytes(path: Path, box_px: int) -> bytes | None:
    """A JPEG thumbnail of an image file, or None when Pillow cannot read it."""
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            im.draft("RGB", (box_px, box_px))  # JPEG decodes at a reduced scale: much faster
            if im.getexif().get(0x0112, 1) != 1:  # only a rotated photo pays for the transpose copy
                im = ImageOps.exif_transpose(im)
            im = im.convert("RGB")
            im.thumbnail((box_px, box_px), Image.Resampling.BICUBIC)  # printed at ~28 mm: bicubic is plenty
            out = io.BytesIO()
            im.save(out, "JPEG", quality=82, optimize=True)
            return out.getvalue()
    except Exception:  # a damaged file shows as "no preview"; its finding is listed elsewhere
        return None


def _video_frame(path: Path, box_px: int) -> bytes | None:
    """One frame of a video (1 s in, else the first), via the bundled ffmpeg, as a JPEG thumbnail."""
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:
        return None
    for seek in ("1", "0"):
        try:
            proc = subprocess.run(
                [exe, "-v", "error", "-ss", seek, "-i", str(path), "-frames:v", "1",
                 "-vf", f"scale={box_px}:{box_px}:force_original_aspect_ratio=decrease",
                 "-f", "image2pipe", "-vcodec", "png", "-"],
                capture_output=True, timeout=30, check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if proc.returncode == 0 and proc.stdout:
            with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
                tmp.write(proc.stdout)
                tmp.flush()
                return _thumb_bytes(Path(tmp.name), box_px)
    return None


def _pdf_first_page(path: Path, box_px: int) -> bytes | None:
    """The first page of a PDF (the carousel export) via poppler's pdftoppm, when installed."""
    import shutil

    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="asri-sheet-") as tmp:
        root = Path(tmp) / "hal"
        try:
            subprocess.run([exe, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(path), str(root)],
                           capture_output=True, timeout=30, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        png = root.with_suffix(".png")
        return _thumb_bytes(png, box_px) if png.is_file() else None


def _subtitle_caption(path: Path, ext: str) -> str:
    """"Berkas subtitle (SRT, 12 isyarat)" when the subtitle reader is installed."""
    try:
        import importlib

        subs = importlib.import_module("asri_desktop.core.media.subtitles")
        with tempfile.TemporaryDirectory(prefix="asri-sheet-") as tmp:
            named = Path(tmp) / f"subtitle{ext}"  # the reader tells SRT from WebVTT by the name
            named.write_bytes(path.read_bytes())
            doc = subs.load(named)
        return f"Berkas subtitle ({str(doc.format).upper()}, {len(doc.cues)} isyarat)"
    except Exception:  # reader absent or file unreadable: its finding is listed in section B
        return "Berkas subtitle"


def _thumbnail(arch: Any, rec: Any, box_px: int = 360) -> tuple[bytes | None, str]:
    """(JPEG bytes or None, a caption) for one stored file; thumbnails are cached per file hash."""
    ext = Path(rec.name).suffix.lower()
    if ext in automated_mod.SUBTITLE_EXT:
        return None, _subtitle_caption(arch.store.path_of(rec.sha256), ext)
    cached = cache.folder(arch.home) / "review" / "thumbs" / f"{rec.sha256}-{box_px}{ext or '.bin'}.jpg"
    caption = ("Cuplikan video" if ext in automated_mod.VIDEO_EXT
               else "Dokumen PDF (halaman 1)" if ext == ".pdf" else "")
    try:
        data = cached.read_bytes()
    except OSError:
        pass
    else:
        cache.touch(cached)  # used: the last to be pruned
        return data, caption
    data, caption = _make_thumbnail(arch, rec, ext, box_px)
    if data:
        _write_cache(cached, data)
    return data, caption


def _write_cache(target: Path, data: bytes) -> None:
    """Write a cache file: atomic (rename) but not fsynced, since a lost cache file is only remade."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with open(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(target)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        # a read-only home still prints sheets, only slower


def _make_thumbnail(arch: Any, rec: Any, ext: str, box_px: int) -> tuple[bytes | None, str]:
    path = arch.store.path_of(rec.sha256)
    if ext in automated_mod.VIDEO_EXT:
        return _video_frame(path, box_px), "Cuplikan video"
    if ext == ".pdf":
        return _pdf_first_page(path, box_px), "Dokumen PDF (halaman 1)"
    data = _thumb_bytes(path, box_px)
    return data, ("" if data else "Tanpa pratinjau")


def _image_flowable(data: bytes, max_w: float, max_h: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage

    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    return RLImage(io.BytesIO(data), width=w * scale, height=h * scale)


# ---------------------------------------------------------------------- data gathering
def _member_label(roles: dict[str, str], role: str | None) -> str:
    return roles.get(role or "", role or "")


def _stage_record(arch: Any, asset_id: int, version: int, stage: str) -> tuple[checklist.ChecklistResult, str,
                                                                                 dict[str, Any] | None]:
    """The checklist to print for a stage: the stored one of the latest decision, else a live one."""
    decided = [r for r in arch.reviews(asset_id) if r["version"] == version and r["stage"] == stage]
    roles = workflow.role_labels()
    if decided:
        last = decided[-1]
        when = dates.format_datetime(last["at"])
        who = f"{last['member']} ({_member_label(roles, last['role'])})"
        status = (f"Disetujui oleh {who}, {when}." if last["decision"] == "approve"
                  else f"Dikembalikan untuk revisi oleh {who}, {when}.")
        answers = last["answers"] if isinstance(last["answers"], dict) else {}
        if answers.get("items"):
            return checklist.ChecklistResult.from_dict(answers), status, last
        live = checklist.build(arch, asset_id, stage, None, version)
        return live, status + " Keputusan ini tercatat tanpa daftar periksa.", last
    live = checklist.build(arch, asset_id, stage, None, version)
    return live, "Belum ditinjau pada tahap ini: item manual belum dijawab.", None


def _gather(arch: Any, asset_id: int, version: int | None) -> dict[str, Any]:
    asset = arch.asset(asset_id)
    ver = arch.version(asset.id, version)
    settings = arch.settings()
    auto = automated_mod.collect(arch, asset.id, ver.number)
    stages = {}
    for stage in workflow.REVIEW_STAGES:
        stages[stage] = _stage_record(arch, asset.id, ver.number, stage)
    log = arch.log_entries(asset.id)
    return {"asset": asset, "version": ver, "settings": settings, "automated": auto, "stages": stages, "log": log}


# ---------------------------------------------------------------------- page furniture
def _canvas_class(footer_left: str) -> Any:
    """A canvas that knows the page count when it saves, for "Halaman X dari Y"."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    fonts = _fonts()

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start on a bundled font, so no unembedded Helvetica is referenced by any page.
            if not kwargs.get("initialFontName"):
                kwargs["initialFontName"] = fonts["body"]
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            w, _ = self._pagesize
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(18 * mm, 14 * mm, w - 18 * mm, 14 * mm)
            self.setFillColor(MUTED)
            self.setFont(fonts["body"], 7)
            self.drawString(18 * mm, 10 * mm, footer_left)
            self.setFont(fonts["bold"], 7.5)
            self.drawRightString(w - 18 * mm, 10 * mm, f"Halaman {self._pageNumber} dari {total}")

    return NumberedCanvas


def _header(settings: dict[str, Any]) -> Any:
    """The letterhead drawn on every page (kop surat: agency, region, double rule)."""
    from reportlab.lib.units import mm

    fonts = _fonts()
    agency = settings.get("agency") or {}
    full = str(agency.get("full_name") or agency.get("name") or "").upper()
    short = str(agency.get("name") or "")
    region = str(agency.get("region") or "")
    logo = agency.get("logo") or ""
    logo_path = Path(str(logo)).expanduser() if logo else None
    if logo_path is not None and not logo_path.is_file():
        logo_path = None  # a logo that moved: the header still names the agency in words

    def draw(canv: Any, doc: Any) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w, h = doc.pagesize
        canv.saveState()
        top = h - 14 * mm
        left, right = 18 * mm, w - 18 * mm
        if logo_path is not None:
            try:
                canv.drawImage(str(logo_path), left, top - 15.5 * mm, width=15 * mm, height=15 * mm,
                               preserveAspectRatio=True, mask="auto")
                left += 18 * mm  # the letterhead text sits beside the logo, as on the agency's letters
            except Exception:
                pass  # a broken logo file must not stop the sheet; the header text still names the agency
        cx = (left + right) / 2
        # The agency's name on one line: shrink a long name to the width instead of running over the logo.
        size = min(12.5, 12.5 * (right - left) / max(stringWidth(full, fonts["head"], 12.5), 1.0))
        canv.setFillColor(INK)
        canv.setFont(fonts["head"], size)
        canv.drawCentredString(cx, top - 4 * mm, full)
        canv.setFont(fonts["body"], 8.5)
        canv.drawCentredString(cx, top - 9 * mm, region)
        canv.setFillColor(ACCENT)
        canv.setFont(fonts["headbold"], 8)
        canv.drawCentredString(cx, top - 13.5 * mm, f"TIM MEDIA SOSIAL {short.upper()}  ·  ASRI")
        canv.setStrokeColor(INK)
        canv.setLineWidth(1.6)
        canv.line(18 * mm, top - 16.5 * mm, w - 18 * mm, top - 16.5 * mm)
        canv.setLineWidth(0.5)
        canv.line(18 * mm, top - 17.6 * mm, w - 18 * mm, top - 17.6 * mm)
        canv.restoreState()

    return draw


# ---------------------------------------------------------------------- sections
def _table(rows: list[list[Any]], widths: list[float], *, header: bool = True, zebra: bool = True,
           extra: list[tuple] | None = None) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), _fonts()["body"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor(RULE)),
        ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(INK))]
    if zebra:
        start = 1 if header else 0
        for r in range(start, len(rows)):
            if (r - start) % 2 == 1:
                style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(PALE)))
    table.setStyle(TableStyle(style + (extra or [])))
    return table


@lru_cache(maxsize=64)
def _qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules for ``text`` (error correction M, no quiet zone: the cell's padding is the zone)."""
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


@lru_cache(maxsize=1)
def _qr_class() -> type:
    from reportlab.platypus import Flowable

    class QrFlowable(Flowable):
        """A QR code drawn as vector squares (crisp in print, no image, no font)."""

        def __init__(self, text: str, size: float) -> None:
            super().__init__()
            self.matrix = _qr_matrix(text)
            self.size = size
            self.width = self.height = size

        def draw(self) -> None:
            n = len(self.matrix)
            cell = self.size / n
            canv = self.canv
            canv.setFillColor("#000000")
            for r, row in enumerate(self.matrix):
                c = 0
                while c < n:
                    if row[c]:
                        start = c
                        while c < n and row[c]:
                            c += 1
                        # One rectangle per run of dark modules keeps the PDF small.
                        canv.rect(start * cell, self.size - (r + 1) * cell, (c - start) * cell, cell,
                                  stroke=0, fill=1)
                    else:
                        c += 1

    return QrFlowable


def _identity(data: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    asset, ver, settings = data["asset"], data["version"], data["settings"]
    kinds = resources.data("roles.toml")["kinds"]
    hazards = {h.get("id"): h.get("name") for h in settings.get("hazards", []) if isinstance(h, dict)}
    states = workflow.state_labels()
    current = ver.number == asset.current_version
    rows = [
        ("Judul", f"<b>{_t(asset.title)}</b>"),
        ("Jenis konten", _t(kinds.get(asset.kind, asset.kind))),
        ("Jenis bencana", _t(hazards.get(asset.hazard, asset.hazard) or "—")),
        ("Lokasi", _t(asset.location or "—")),
        ("Versi", f"{ver.number} dari {asset.current_version}"
                  + ("" if current else " (<b>bukan versi terbaru</b>)")
                  + f", disimpan {_t(dates.format_datetime(ver.created_at))}"),
        ("Pembuat versi", _t(ver.created_by)),
        ("Status aset", _t(states.get(asset.state, asset.state))),
    ]
    if asset.template_id:
        rows.append(("Templat", _t(asset.template_id)))
    if ver.note:
        rows.append(("Catatan versi", _t(ver.note)))
    rows.append(("Hash isi (SHA-256)", f'<font name="{_fonts()["mono"]}" size="7">{ver.content_hash}</font>'))
    qr_size = 38 * mm
    left_w = width - qr_size - 6 * mm
    ident = Table([[_p(k, "label"), _p(v)] for k, v in rows], colWidths=[32 * mm, left_w - 32 * mm])
    ident.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), _fonts()["body"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    code = payload(asset.id, ver.number, ver.content_hash)
    drawing = _qr_class()(code, qr_size)
    qr_cell = [drawing, _p("Pindai atau jalankan<br/><b>asri sheet verify</b>", "muted")]
    outer = Table([[ident, qr_cell]], colWidths=[left_w + 6 * mm, qr_size])
    outer.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), _fonts()["body"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    verify_line = _p(f'Kode verifikasi: <font name="{_fonts()["mono"]}" size="7">{_t(code)}</font>', "small")
    return [outer, Spacer(1, 1.5 * mm), verify_line]


def _files_section(arch: Any, data: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib.units import mm

    ver = data["version"]
    out: list[Any] = [_p("A. Berkas", "h2")]
    if not ver.files:
        out.append(_p("Versi ini tidak memuat berkas (hanya isian templat)."))
        return out
    thumb_w = 28 * mm
    rows: list[list[Any]] = [[_p("Pratinjau", "cellhead"), _p("Berkas dan sidik jari SHA-256", "cellhead")]]
    mono = _fonts()["mono"]
    for i, rec in enumerate(ver.files, 1):
        img, caption = _thumbnail(arch, rec)
        cell: list[Any] = []
        if img:
            cell.append(_image_flowable(img, thumb_w - 8, 32 * mm))
        if caption:
            cell.append(_p(caption, "muted"))
        info = [
            _p(f"<b>{i}. {_t(rec.name)}</b>"),
            _p(f"Peran: {_t(rec.role)} · Ukuran: {_size(rec.size)}", "muted"),
            _p(f'<font name="{mono}" size="7.5">{rec.sha256}</font>', "body"),
        ]
        rows.append([cell, info])
    out.append(_table(rows, [thumb_w, width - thumb_w], zebra=False))
    return out


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB".replace(".", ",")
    if n >= 1000:
        return f"{n / 1e3:.0f} KB"
    return f"{n} bita"


def _findings_section(data: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    auto = data["automated"]
    out: list[Any] = [_p("B. Hasil Pemeriksaan Otomatis", "h2")]
    ran = sorted(set(auto.ran.values()))
    if ran:
        out.append(_p("Pemeriksaan yang dijalankan: " + _t(", ".join(ran)) + ".", "muted"))
    shown = [f for f in auto.findings if f.code != "review.check_unavailable"]
    for reason in sorted(set(auto.skipped.values())):
        out.append(_p("Tidak dijalankan: " + _t(reason), "muted"))
    if not shown:
        out.append(_p("Tidak ada temuan dari pemeriksaan otomatis."))
        return out
    rows: list[list[Any]] = [[_p("Tingkat", "cellhead"), _p("Kode", "cellhead"), _p("Uraian dan saran", "cellhead")]]
    extra = []
    order = {"error": 0, "warning": 1, "info": 2}
    for r, f in enumerate(sorted(shown, key=lambda f: order.get(f.severity, 3)), 1):
        text = _t(f.message)
        if f.suggestion:
            text += f'<br/><font color="{MUTED}">Saran: {_t(f.suggestion)}</font>'
        rows.append([_p(f"<b>{SEVERITY_LABELS.get(f.severity, f.severity)}</b>", "small"),
                     _p(f'<font name="{_fonts()["mono"]}">{_t(f.code)}</font>', "small"), _p(text, "small")])
        colour = RESULT_COLOURS["fail"] if f.severity == "error" else (
            RESULT_COLOURS["unanswered"] if f.severity == "warning" else MUTED)
        extra.append(("TEXTCOLOR", (0, r), (0, r), colors.HexColor(colour)))
    out.append(_table(rows, [20 * mm, 42 * mm, width - 62 * mm], extra=extra))
    return out


def _checklist_section(letter: str, result: checklist.ChecklistResult, status: str, width: float) -> list[Any]:
    from reportlab.lib.units import mm

    out: list[Any] = [_p(f"{letter}. Daftar Periksa — {_t(result.stage_label)}", "h2"), _p(_t(status), "lead")]
    rows: list[list[Any]] = [[_p("No", "cellhead"), _p("Item pemeriksaan", "cellhead"), _p("Hasil", "cellhead"),
                              _p("Pemeriksa dan waktu", "cellhead"), _p("Catatan", "cellhead")]]
    for n, item in enumerate(result.items, 1):
        colour = RESULT_COLOURS.get(item.result, MUTED)
        who = item.reviewer or "—"
        if item.source == "auto":
            who = "Pemeriksaan otomatis"
        when = _short_time(item.at) if item.reviewer else ""
        rows.append([
            _p(str(n), "small"),
            _p(_t(item.label), "small"),
            _p(f'<font color="{colour}"><b>{checklist.RESULT_LABELS.get(item.result, item.result)}</b></font>', "small"),
            _p(_t(who) + (f"<br/>{_t(when)}" if when else ""), "small"),
            _p(_t(item.note), "small"),
        ])
    out.append(_table(rows, [8 * mm, 55 * mm, 21 * mm, 33 * mm, width - 117 * mm]))
    return out


def _local_date(iso: str) -> str:
    """``27 November 2026``: the date in Bangka of a UTC timestamp (a decision at 01.00 WIB is the next day)."""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso[:10]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return dates.format_date(moment.astimezone(dates.local_tz()).date(), weekday=False)


def _short_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dates.format_datetime(iso)
    except AsriError:
        return iso


def _history_section(data: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    states = workflow.state_labels()
    roles = workflow.role_labels()
    out: list[Any] = [_p("E. Riwayat Keputusan (log keputusan berantai hash)", "h2")]
    rows: list[list[Any]] = [[_p("No", "cellhead"), _p("Waktu", "cellhead"), _p("Pelaku", "cellhead"),
                              _p("Tindakan", "cellhead"), _p("Catatan", "cellhead")]]
    extra = []
    mono = _fonts()["mono"]
    for e in data["log"]:
        action = ACTION_LABELS.get(e["action"], e["action"])
        if e.get("to_state"):
            # The bundled text fonts have no arrow glyph: spell the new state out.
            action += f"; status: {states.get(e['to_state'], e['to_state'])}"
        who = _t(e["actor"]) + (f"<br/>{_t(roles.get(e['role'], e['role']))}" if e.get("role") else "")
        comment = _t(e.get("comment") or "").replace("\n", "<br/>")
        rows.append([_p(f"#{e['seq']}", "small"), _p(_t(_short_time(e["at"])), "small"), _p(who, "small"),
                     _p(_t(action) + (f"<br/>versi {e['version']}" if e.get("version") else ""), "small"),
                     _p(comment or "—", "small")])
        rows.append(["", _p(f'Hash entri: <font name="{mono}" size="6.8">{e["entry_hash"]}</font>', "muted"),
                     "", "", ""])
        r = len(rows) - 1
        extra += [("SPAN", (1, r), (4, r)), ("TOPPADDING", (0, r), (-1, r), 0),
                  ("LINEBELOW", (0, r - 1), (-1, r - 1), 0, colors.white)]
    table = _table(rows, [10 * mm, 36 * mm, 28 * mm, 40 * mm, width - 114 * mm], zebra=False, extra=extra)
    out.append(table)
    return out


def _signatures(data: dict[str, Any], width: float) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    roles = workflow.role_labels()
    ver = data["version"]
    agency = (data["settings"].get("agency") or {})
    place = agency.get("capital") or ""
    cells = []
    for role, stage in SIGNERS:
        _, _, decided = data["stages"][stage]
        name, when = "", ""
        if decided and decided["decision"] == "approve" and decided["role"] == role and decided["version"] == ver.number:
            name, when = decided["member"], _local_date(decided["at"])
        line = f"( <b>{_t(name)}</b> )" if name else "( ........................................ )"
        cells.append([
            _p(_t(roles[role]), "signrole"),
            _p(f"{_t(place)}, {when}" if when else f"{_t(place)}, ......................", "sign"),
            Spacer(1, 20 * mm),
            _p(line, "sign"),
            _p("NIP. ..................................", "sign"),
        ])
    col = width / 3
    table = Table([cells], colWidths=[col] * 3)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("FONTNAME", (0, 0), (-1, -1), _fonts()["body"])]))
    return [KeepTogether([_p("F. Pengesahan", "h2"),
                          _p("Dengan menandatangani lembar ini, para pejabat menyatakan konten versi di atas telah "
                             "divalidasi dan layak dipublikasikan.", "small"),
                          Spacer(1, 4 * mm), table])]


# ---------------------------------------------------------------------- build and verify
def build(arch: Any, asset_id: int, out: Path, *, version: int | None = None) -> dict[str, Any]:
    """Write the approval sheet of one version of an asset as a PDF.

    Args:
        arch: an open archive.
        asset_id: the asset.
        out: the PDF to write (written atomically: a temporary file, then renamed).
        version: version number; the current version when None.

    Returns:
        ``{"path", "asset_id", "version", "content_hash", "payload", "pages", "bytes"}``.

    Raises:
        InputError: unknown asset or version, or the target cannot be written.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InputError(f"Berkas keluaran harus berakhiran .pdf: {out}")
    if out.exists() and out.is_dir():
        raise InputError(f"{out} adalah folder; sebutkan nama berkas PDF.")
    data = _gather(arch, asset_id, version)
    asset, ver = data["asset"], data["version"]
    code = payload(asset.id, ver.number, ver.content_hash)
    agency = data["settings"].get("agency") or {}
    buf = io.BytesIO()
    margin = 18 * mm
    frame_top = 36 * mm  # the letterhead
    width = A4[0] - 2 * margin
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=frame_top, bottomMargin=20 * mm,
        title=f"Lembar Persetujuan Konten — {asset.title}", author=str(agency.get("name") or ""),
        subject=code, creator="ASRI Desktop", keywords=["ASRI", "lembar persetujuan", f"aset {asset.id}"],
        invariant=1, lang="id-ID", initialFontName=_fonts()["body"],
    )
    frame = Frame(margin, 20 * mm, width, A4[1] - frame_top - 20 * mm, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="sheet", frames=[frame], onPage=_header(data["settings"]))])
    latest = data["log"][-1]["at"] if data["log"] else ver.created_at
    story: list[Any] = [
        _p("LEMBAR PERSETUJUAN PUBLIKASI KONTEN", "title"),
        _p(f"Nomor: ASRI/{asset.id:04d}/V{ver.number} · Keadaan arsip per {_t(dates.format_datetime(latest))}",
           "number"),
        Spacer(1, 5 * mm),
        *_identity(data, width),
        *_files_section(arch, data, width),
        *_findings_section(data, width),
    ]
    for letter, stage in zip("CD", workflow.REVIEW_STAGES):
        result, status, _ = data["stages"][stage]
        story += _checklist_section(letter, result, status, width)
    story += _history_section(data, width)
    story += _signatures(data, width)
    footer = f"ASRI Desktop · Lembar persetujuan aset #{asset.id} versi {ver.number} · hash {ver.content_hash[:16]}…"
    pdf_defaults.use_binary_streams()
    doc.build(story, canvasmaker=_canvas_class(footer))
    pdf = buf.getvalue()
    try:
        atomic_write_bytes(out, pdf)
    except OSError as exc:
        raise InputError(f"Lembar persetujuan tidak dapat ditulis ke {out} ({exc.strerror or exc}).") from exc
    return {"path": str(out), "asset_id": asset.id, "version": ver.number, "content_hash": ver.content_hash,
            "payload": code, "pages": doc.page, "bytes": len(pdf)}


def _pdf_texts(pdf_path: Path) -> list[str]:
    """The Subject, then (only if needed) the text of every page: pypdf, else poppler's pdftotext."""
    try:
        from pypdf import PdfReader
    except ImportError:
        import shutil

        exe = shutil.which("pdftotext")
        if exe is None:
            raise
        proc = subprocess.run([exe, str(pdf_path), "-"], capture_output=True, timeout=60, check=True)
        return [proc.stdout.decode("utf-8", "replace")]
    reader = PdfReader(str(pdf_path))
    meta = reader.metadata or {}
    texts = [str(meta.get("/Subject") or "")]
    if not PAYLOAD_RE.search(texts[0]):
        texts += [page.extract_text() or "" for page in reader.pages]
    return texts


def read_payload(pdf_path: Path) -> dict[str, Any]:
    """The verification payload of a sheet: from the PDF Subject, else from the page text.

    Raises:
        InputError: the file is missing, not a readable PDF, or carries no ASRI payload.
    """
    pdf_path = Path(pdf_path)
    if not pdf_path.is_file():
        raise InputError(f"Berkas PDF tidak ditemukan: {pdf_path}")
    try:
        candidates = _pdf_texts(pdf_path)
    except Exception as exc:  # pypdf raises many types for damaged files; all mean "unreadable"
        raise InputError(f"Berkas {pdf_path.name} bukan PDF yang dapat dibaca ({type(exc).__name__}).") from exc
    for text in candidates:
        try:
            return parse_payload(text)
        except InputError:
            continue
    raise InputError(f"Berkas {pdf_path.name} bukan lembar persetujuan ASRI: kode verifikasi tidak ditemukan.")


def verify(arch: Any, pdf_path: Path) -> dict[str, Any]:
    """Tell whether a printed sheet still matches the archive.

    Returns:
        ``{"ok", "asset_id", "version", "content_hash", "current_version", "current_hash", "state",
        "problems": [...]}``. ``ok`` is False when the asset has a newer version, the version's hash
        differs, or a stored file of the version is missing or changed.

    Raises:
        InputError: the PDF is unreadable or not an ASRI sheet (exit 2).
    """
    return check_payload(arch, read_payload(Path(pdf_path)))


def parse_payload(text: str) -> dict[str, Any]:
    """A payload typed in or scanned from a printed sheet's QR code (spaces and line breaks ignored).

    Raises:
        InputError: the text holds no ASRI verification code.
    """
    m = PAYLOAD_RE.search(re.sub(r"\s+", "", str(text or "")))
    if not m:
        raise InputError("Kode verifikasi tidak dikenali; bentuknya ASRI-LP1;aset=N;versi=N;hash=<64 heksadesimal>.")
    return {"asset_id": int(m.group(1)), "version": int(m.group(2)), "content_hash": m.group(3),
            "payload": m.group(0)}


def check_payload(arch: Any, info: dict[str, Any]) -> dict[str, Any]:
    """Compare a sheet's payload (from :func:`read_payload` or :func:`parse_payload`) with the archive.

    Returns the same dict as :func:`verify`.
    """
    problems: list[str] = []
    out: dict[str, Any] = {**info, "ok": False, "current_version": None, "current_hash": None, "state": None,
                           "problems": problems}
    try:
        asset = arch.asset(info["asset_id"])
    except InputError:
        problems.append(f"Aset #{info['asset_id']} tidak ada di arsip ini.")
        return out
    out["current_version"], out["state"] = asset.current_version, asset.state
    try:
        ver = arch.version(asset.id, info["version"])
    except InputError:
        problems.append(f"Aset #{asset.id} tidak memiliki versi {info['version']} di arsip ini.")
        return out
    out["current_hash"] = arch.version(asset.id).content_hash
    if ver.content_hash != info["content_hash"]:
        problems.append(f"Hash isi versi {ver.number} di arsip ({ver.content_hash[:16]}…) berbeda dengan lembar "
                        f"({info['content_hash'][:16]}…).")
    if asset.current_version != ver.number:
        problems.append(f"Aset sudah berubah: versi terbaru adalah {asset.current_version}, lembar ini untuk "
                        f"versi {ver.number}.")
    try:
        arch.verify_version_files(ver)
    except RefusedError as exc:
        problems.append(str(exc))
    out["ok"] = not problems
    return out
