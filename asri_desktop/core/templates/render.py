"""The renderer: one function draws a template with its data, for the live preview and the export alike.

``render(spec, data, scale=0.5)`` is the preview; ``export`` calls the very same
function at scale 1, so what the designer sees is what gets published.
Static decoration at the start of each page (backgrounds, shapes, icons) is
cached per template, variant, theme and scale; fonts are cached by
:mod:`layout`.
"""

from __future__ import annotations

import warnings
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageDraw, ImageOps

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.templates import contrast, draw, layout, stamps
from asri_desktop.core.templates.alttext import build_alt_text, build_caption
from asri_desktop.core.templates.spec import Page, TemplateSpec, Variant

STATIC_TYPES = ("rect", "gradient", "circle", "icon", "art")


@dataclass
class RenderResult:
    """Pages drawn for one variant, with everything the checks found and the texts for alt text/caption."""

    template_id: str
    variant: str
    theme: str
    pages: list[Image.Image]
    findings: list[Finding]
    alt_text: str
    caption: str
    texts: list[list[tuple[str, str]]] = field(default_factory=list)  # per page: (role, text)
    # Per page: where each slot or stamp sits, (x0, y0, x1, y1) as fractions of the page, so a
    # finding about ``slot`` can be pointed at in the preview (stamps point at the stamp band).
    boxes: list[dict[str, tuple[float, float, float, float]]] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


@dataclass
class _Ctx:
    spec: TemplateSpec
    variant: Variant
    scale: float
    px: float  # template pixels -> canvas pixels
    theme: dict[str, Any]
    theme_name: str
    data: dict[str, Any]
    stamps: stamps.Stamps
    base_dir: Path | None
    findings: list[Finding]
    width: int
    height: int
    content_h: int
    item: Any = None
    repeat: str | None = None  # the list slot a carousel's slides repeat (their item.* texts belong to it)
    n: int = 0
    total: int = 0
    page_no: int = 1
    last_bottom: float | None = None  # bottom of the last text drawn (for `follow`)
    texts: list[tuple[str, str]] = field(default_factory=list)
    boxes: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # this page's, in pixels


def _conf() -> dict[str, Any]:
    return resources.data("render.toml")


# ---------------------------------------------------------------------------- data validation
def _check_data(spec: TemplateSpec, data: Any) -> list[Finding]:
    """Type errors are bad input (exit 2); missing or oversized content are findings."""
    if not isinstance(data, dict):
        raise InputError("Data templat harus berupa objek JSON ({...}).")
    findings: list[Finding] = []
    for slot in spec.slots:
        value = data.get(slot.id)
        if value is not None:
            if slot.type == "text" and not isinstance(value, str):
                raise InputError(f"Isian '{slot.id}' ({slot.label}) harus teks.")
            if slot.type == "list":
                if not isinstance(value, list) or not all(
                        isinstance(x, str) or (isinstance(x, dict) and all(isinstance(v, str) for v in x.values()))
                        for x in value):
                    raise InputError(f"Isian '{slot.id}' ({slot.label}) harus daftar teks atau "
                                     "daftar {\"title\": ..., \"text\": ...}.")
            if slot.type == "image" and not isinstance(value, (str, dict, Image.Image)):
                raise InputError(f"Isian '{slot.id}' ({slot.label}) harus jalur berkas gambar atau "
                                 "{\"path\": ..., \"focal\": [x, y]}.")
        empty = value is None or (isinstance(value, (str, list)) and not (value.strip() if isinstance(value, str)
                                                                          else value))
        if slot.required and empty and slot.id != "title":  # the title is a stamp: reported there
            findings.append(Finding("slot.missing", "error", f"Isian wajib '{slot.label}' belum diisi.", slot=slot.id,
                                    suggestion=f"Isi '{slot.id}' pada data templat."))
        if slot.type == "text" and isinstance(value, str) and slot.max_chars and len(value) > slot.max_chars:
            findings.append(Finding("text.too_long", "warning",
                                    f"'{slot.label}' {len(value)} karakter; disarankan paling banyak {slot.max_chars}.",
                                    slot=slot.id, suggestion="Persingkat: pesan singkat lebih mudah dibaca."))
        if slot.type == "list" and isinstance(value, list) and value:
            if slot.min_items and len(value) < slot.min_items or slot.max_items and len(value) > slot.max_items:
                findings.append(Finding(
                    "list.count", "error",
                    f"'{slot.label}' berisi {len(value)} butir; harus {slot.min_items or 1} sampai "
                    f"{slot.max_items or len(value)}.", slot=slot.id))
    return findings


# ---------------------------------------------------------------------------- images
_image_cache: OrderedDict[tuple[str, float], Image.Image] = OrderedDict()
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def to_srgb(img: Image.Image) -> Image.Image:
    """Honour EXIF orientation and convert to sRGB (RGBA keeps its transparency)."""
    img = ImageOps.exif_transpose(img)
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            import io

            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
            img = ImageCms.profileToProfile(img, src, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are rather than refuse the photo
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        return img.convert("RGBA")
    return img.convert("RGB")


def load_image(source: Any, base_dir: Path | None, slot: str) -> tuple[Image.Image | None, list[Finding]]:
    """Open a picture safely; unreadable files and decompression bombs become findings, never crashes."""
    if isinstance(source, Image.Image):
        return to_srgb(source), []
    p = Path(str(source)).expanduser()
    if not p.is_absolute() and base_dir is not None:
        p = base_dir / p
    max_px = _conf()["images"]["max_pixels"]
    try:
        key = (str(p.resolve()), p.stat().st_mtime)
    except OSError:
        return None, [Finding("image.unreadable", "error", f"Berkas gambar '{source}' tidak ditemukan.", slot=slot,
                              suggestion="Periksa jalur berkas foto.")]
    if key in _image_cache:
        _image_cache.move_to_end(key)
        return _image_cache[key], []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(p) as im:
                if im.width * im.height > max_px:
                    return None, [Finding(
                        "image.too_large", "error",
                        f"Gambar '{p.name}' berukuran {im.width}×{im.height} piksel, melebihi batas "
                        f"{max_px:,} piksel (kemungkinan 'bom dekompresi').".replace(",", "."), slot=slot,
                        suggestion="Perkecil gambar terlebih dahulu.")]
                im.draft("RGB", (2400, 2400))  # JPEG: decode at a reduced scale, enough for any canvas
                im.load()
                img = to_srgb(im)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return None, [Finding("image.too_large", "error", f"Gambar '{p.name}' ditolak: {exc}", slot=slot)]
    except (OSError, ValueError, SyntaxError) as exc:
        return None, [Finding("image.unreadable", "error", f"Gambar '{p.name}' rusak atau bukan gambar ({exc}).",
                              slot=slot, suggestion="Ekspor ulang foto sebagai JPEG atau PNG.")]
    _image_cache[key] = img
    while len(_image_cache) > 16:
        _image_cache.popitem(last=False)
    return img, []


def _cover(img: Image.Image, w: int, h: int, focal: tuple[float, float]) -> Image.Image:
    """Scale to cover ``w``×``h`` and crop around the focal point (fractions of the picture)."""
    s = max(w / img.width, h / img.height)
    nw, nh = max(w, round(img.width * s)), max(h, round(img.height * s))
    big = img.resize((nw, nh), Image.Resampling.LANCZOS)
    fx, fy = focal
    x = min(max(0, round(fx * nw - w / 2)), nw - w)
    y = min(max(0, round(fy * nh - h / 2)), nh - h)
    return big.crop((x, y, x + w, y + h))


# ---------------------------------------------------------------------------- elements
def _eff(el: dict[str, Any], ctx: _Ctx) -> dict[str, Any]:
    """The element with the current variant's overrides applied."""
    ov = el.get("variant", {}).get(ctx.variant.id)
    return {**el, **ov} if ov else el


def _box(el: dict[str, Any], ctx: _Ctx) -> tuple[int, int, int, int]:
    x, y, w, h = el["box"]
    return (round(x * ctx.width), round(y * ctx.content_h), round((x + w) * ctx.width), round((y + h) * ctx.content_h))


def _col(value: str, ctx: _Ctx, opacity: float = 1.0) -> draw.RGBA:
    return draw.with_opacity(draw.colour(value, ctx.theme), opacity)


def _draw_static(canvas: Image.Image, el: dict[str, Any], ctx: _Ctx) -> None:
    box = _box(el, ctx)
    op = float(el.get("opacity", 1.0))
    t = el["type"]
    if t == "rect":
        draw.rect(canvas, box, _col(el.get("fill", "panel"), ctx, op), round(el.get("radius", 0) * ctx.px))
    elif t == "circle":
        draw.ellipse(canvas, box, _col(el.get("fill", "accent"), ctx, op), not el.get("ellipse", False))
    elif t == "gradient":
        draw.gradient(canvas, box, _col(el.get("from", "bg"), ctx), _col(el.get("to", "bg2"), ctx),
                      el.get("direction", "vertical"))
    elif t == "icon":
        name = ctx.theme["icon"] if el["icon"] == "hazard" else el["icon"]
        draw.icon(canvas, box, name, _col(el.get("tint", "text"), ctx, op))
    elif t == "art":
        draw.art(canvas, box, ctx.spec.dir / el["file"], op)


_static_cache: OrderedDict[tuple, Image.Image] = OrderedDict()


def _background(page: Page, ctx: _Ctx) -> tuple[Image.Image, int]:
    """The page's leading static elements drawn once and cached; returns a copy and how many were drawn."""
    n = 0
    for el in page.elements:
        if el["type"] not in STATIC_TYPES or "when" in el or "unless" in el:
            break
        n += 1
    key = (ctx.spec.id, ctx.spec.file.stat().st_mtime, page.id, ctx.variant.id, ctx.scale, ctx.theme_name, n)
    hit = _static_cache.get(key)
    if hit is None:
        hit = Image.new("RGB", (ctx.width, ctx.height), draw.colour("bg", ctx.theme)[:3])
        for el in page.elements[:n]:
            _draw_static(hit, _eff(el, ctx), ctx)
        _static_cache[key] = hit
        while len(_static_cache) > 48:
            _static_cache.popitem(last=False)
    else:
        _static_cache.move_to_end(key)
    return hit.copy(), n


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _text_value(el: dict[str, Any], ctx: _Ctx) -> tuple[str, str | None, str]:
    """(text, slot id, label) of a text element."""
    if "text" in el:
        values = _SafeDict(n=ctx.n, total=ctx.total, agency=ctx.stamps.agency,
                           hazard=ctx.stamps.hazard_name or "", date=ctx.stamps.date_text)
        return el["text"].format_map(values), None, "teks templat"
    sid = el["slot"]
    if sid.startswith("item."):
        item, owner = ctx.item, ctx.repeat or sid
        if isinstance(item, dict):
            return str(item.get(sid[5:], "") or ""), owner, "langkah"
        return (str(item) if sid == "item.title" else ""), owner, "langkah"
    slot = ctx.spec.slot(sid)
    value = ctx.stamps.title if sid == "title" else ctx.data.get(sid)
    return (value or "").strip() if isinstance(value, str) else "", sid, slot.label if slot else sid


def _overflow(ctx: _Ctx, sid: str | None, label: str, lay: layout.TextLayout, text: str) -> None:
    page = f", halaman {ctx.page_no}" if ctx.spec.is_multipage else ""
    ctx.findings.append(Finding(
        "text.overflow", "error",
        f"Teks '{label}' tidak muat di kotaknya (varian {ctx.variant.id}{page}): hanya sekitar "
        f"{lay.fitted_chars} dari {len(text)} karakter yang tampil, bahkan pada ukuran terkecil.",
        slot=sid, suggestion=f"Persingkat '{label}' menjadi sekitar {max(1, int(lay.fitted_chars * 0.9))} karakter.",
        extra={"variant": ctx.variant.id, "page": ctx.page_no, "shown_chars": lay.fitted_chars,
               "total_chars": len(text)}))


def _check_contrast(ctx: _Ctx, drawn: draw.Drawn, sid: str | None, label: str, bold: bool) -> None:
    if drawn.contrast is None:
        return
    nominal = drawn.layout.size / ctx.scale  # judge the exported size, not the preview's
    need = contrast.threshold(nominal, bold)
    if drawn.contrast + 1e-9 < need:
        ctx.findings.append(Finding(
            "contrast.low", "warning",
            f"Kontras teks '{label}' terhadap latar di bawahnya {drawn.contrast:.2f}:1, di bawah batas WCAG "
            f"{need:g}:1 (varian {ctx.variant.id}, halaman {ctx.page_no}).",
            slot=sid, suggestion="Ganti warna teks atau latar, atau beri panel di belakang teks.",
            extra={"ratio": round(drawn.contrast, 2), "required": need, "variant": ctx.variant.id,
                   "page": ctx.page_no}))


def _is_bold(path: Any) -> bool:
    name = Path(str(path)).stem.lower()
    return "bold" in name or "black" in name or "heavy" in name


def _draw_text(canvas: Image.Image, el: dict[str, Any], ctx: _Ctx) -> None:
    text, sid, label = _text_value(el, ctx)
    if el.get("upper"):
        text = text.upper()
    if not text:
        ctx.last_bottom = None
        return
    x0, y0, x1, y1 = _box(el, ctx)
    if el.get("follow") and ctx.last_bottom is not None:
        # Flow: start just below the text drawn before, keeping this box's bottom edge.
        y0 = min(y1 - 1, round(ctx.last_bottom + float(el.get("follow_gap", 24)) * ctx.px))
    fpath = el["_font_path"]
    smin, smax = el["size"]
    spacing = float(el.get("line_height", _conf()["text"]["line_height"]))
    chip = el.get("chip")
    padx = pady = 0
    if chip:
        padx, pady = round(smax * 0.55 * ctx.px), round(smax * 0.28 * ctx.px)
    lay = layout.fit_scaled(text, fpath, x1 - x0 - 2 * padx, y1 - y0 - 2 * pady, smin * ctx.px, smax * ctx.px,
                            el.get("max_lines"), spacing, ctx.scale)
    align, valign = el.get("align", "left"), el.get("valign", "top")
    tbox = (x0 + padx, y0 + pady, x1 - padx, y1 - pady)
    if chip:
        f = layout.font(str(fpath), lay.size)
        used = max(f.getlength(line) for line in lay.lines)
        cw, ch = int(used + 2 * padx), int(lay.height + 2 * pady)
        cx0 = {"left": x0, "center": x0 + (x1 - x0 - cw) // 2, "right": x1 - cw}[align]
        cy0 = {"top": y0, "middle": y0 + (y1 - y0 - ch) // 2, "bottom": y1 - ch}[valign]
        draw.rect(canvas, (cx0, cy0, cx0 + cw, cy0 + ch), _col(chip, ctx), round(el.get("radius", 12) * ctx.px))
        tbox = (cx0 + padx, cy0 + pady, cx0 + cw - padx, cy0 + ch - pady)
    drawn = draw.text_block(canvas, tbox, lay, fpath, _col(el.get("color", "text"), ctx), align, valign)
    ctx.last_bottom = drawn.bottom
    if lay.overflow:
        _overflow(ctx, sid, label, lay, text)
    _check_contrast(ctx, drawn, sid, label, _is_bold(fpath))
    if el.get("alt", True):  # decoration such as a big slide number repeats text already said
        ctx.texts.append((label if sid else "", text))


def _items(value: Any) -> list[tuple[str, str]]:
    out = []
    for it in value or []:
        if isinstance(it, dict):
            out.append((str(it.get("title", "") or "").strip(), str(it.get("text", "") or "").strip()))
        else:
            out.append((str(it).strip(), ""))
    return [i for i in out if i[0] or i[1]]


def _list_layout(items: list[tuple[str, str]], el: dict[str, Any], w: int, size: int, spacing: float,
                 numbered: bool) -> tuple[int, list[tuple[list[str], list[str], int, int]], bool]:
    """Lay out all items at ``size``: returns total height, per item (title lines, text lines, sizes), and fits."""
    indent = round(size * (2.1 if numbered else 1.3))
    tw = max(10, w - indent)
    tsize = max(1, round(size * float(el.get("text_ratio", 0.82))))
    max_lines = int(el.get("max_lines", 5))
    total, rows, ok = 0, [], True
    gap = round(size * float(el.get("gap", 0.75)))
    for title, text in items:
        tl = layout.wrap(title, el["_title_font_path"] if text else el["_font_path"], size, tw, max_lines) if title else []
        xl = layout.wrap(text, el["_font_path"], tsize, tw, max_lines) if text else []
        if len(tl) + len(xl) > max_lines:
            ok = False
        h = max(round(size * 1.6) if numbered else 0, round(len(tl) * size * spacing + len(xl) * tsize * spacing))
        rows.append((tl, xl, size, tsize))
        total += h + gap
    return total - gap if rows else 0, rows, ok


def _draw_list(canvas: Image.Image, el: dict[str, Any], ctx: _Ctx) -> None:
    sid = el["slot"]
    slot = ctx.spec.slot(sid)
    label = slot.label if slot else sid
    items = _items(ctx.data.get(sid))
    if not items:
        return
    x0, y0, x1, y1 = _box(el, ctx)
    w, h = x1 - x0, y1 - y0
    spacing = float(el.get("line_height", _conf()["text"]["line_height"]))
    numbered = bool(el.get("numbered", True))
    k = ctx.scale
    # Decide at export size (like text_block's fit_scaled) so the preview wraps exactly like the export.
    nom_px = ctx.px / k
    smin, smax = round(el["size"][0] * nom_px), round(el["size"][1] * nom_px)
    chosen = None
    lo, hi = max(1, smin), max(1, smax)
    while lo <= hi:  # the largest size at which every item fits
        mid = (lo + hi) // 2
        total, rows, ok = _list_layout(items, el, w / k, mid, spacing, numbered)
        if ok and total <= h / k:
            chosen = (mid, rows, total)
            lo = mid + 1
        else:
            hi = mid - 1
    overflow = chosen is None
    if overflow:
        total, rows, _ = _list_layout(items, el, w / k, max(1, smin), spacing, numbered)
        chosen = (max(1, smin), rows, total)
    nsize, rows, total = chosen
    rows = [(tl, xl, s1 * k, s2 * k) for tl, xl, s1, s2 in rows]
    size, total = nsize * k, total * k
    valign = el.get("valign", "top")
    y = y0 + {"top": 0, "middle": max(0, round((h - total) / 2)), "bottom": max(0, round(h - total))}[valign]
    gap = size * float(el.get("gap", 0.75))
    indent = round(size * (2.1 if numbered else 1.3))
    tcol = _col(el.get("color", "text"), ctx)
    title_col = _col(el.get("title_color", el.get("color", "text")), ctx)
    numfill = _col(el.get("number_fill", "accent"), ctx)
    numcol = _col(el.get("number_color", "on_accent"), ctx)
    shown = 0
    d = ImageDraw.Draw(canvas)
    for i, (tl, xl, s1, s2) in enumerate(rows):
        ih = max(s1 * 1.6 if numbered else 0, len(tl) * s1 * spacing + len(xl) * s2 * spacing)
        if y + ih > y1 + 1:
            break
        yi = round(y)
        if numbered:
            dsz = round(s1 * 1.6)
            draw.ellipse(canvas, (x0, yi, x0 + dsz, yi + dsz), numfill)
            nf = layout.font(str(el["_title_font_path"]), s1 * 0.9)
            d.text((x0 + dsz / 2, yi + dsz / 2), str(i + 1), font=nf, fill=numcol[:3], anchor="mm")
        else:
            r = max(1, round(s1 * 0.18))
            cy = yi + round(s1 * spacing / 2)
            draw.ellipse(canvas, (x0 + r, cy - r, x0 + 3 * r, cy + r), numfill)
        ty = y
        if numbered and len(tl) + len(xl) == 1:
            ty = y + (s1 * 1.6 - s1 * spacing) / 2  # centre a one-line item on its number
        if tl:
            lay = layout.TextLayout(tuple(tl), s1, s1 * spacing, False, 0)
            fp = el["_title_font_path"] if xl else el["_font_path"]
            drawn = draw.text_block(canvas, (x0 + indent, round(ty), x1, round(ty + lay.height)), lay, fp, title_col)
            _check_contrast(ctx, drawn, sid, label, _is_bold(fp))
            ty += lay.height
        if xl:
            lay = layout.TextLayout(tuple(xl), s2, s2 * spacing, False, 0)
            drawn = draw.text_block(canvas, (x0 + indent, round(ty), x1, round(ty + lay.height)), lay,
                                    el["_font_path"], tcol)
            _check_contrast(ctx, drawn, sid, label, _is_bold(el["_font_path"]))
        y += ih + gap
        shown += 1
    if overflow or shown < len(rows):
        ctx.findings.append(Finding(
            "text.overflow", "error",
            f"Daftar '{label}' tidak muat di kotaknya (varian {ctx.variant.id}, halaman {ctx.page_no}): "
            f"{shown} dari {len(items)} butir tampil utuh pada ukuran terkecil.", slot=sid,
            suggestion="Persingkat butir-butirnya atau kurangi jumlahnya.",
            extra={"variant": ctx.variant.id, "page": ctx.page_no}))
    for i, (title, text) in enumerate(items, 1):
        ctx.texts.append((label, f"{i}. {title}" + (f" — {text}" if title and text else text)))


def _draw_photo(canvas: Image.Image, el: dict[str, Any], ctx: _Ctx) -> None:
    sid = el["slot"]
    value = ctx.data.get(sid)
    if not value:
        return
    focal = el.get("focal", [0.5, 0.5])
    src = value
    if isinstance(value, dict):
        src = value.get("path")
        focal = value.get("focal", focal)
        if not src:
            raise InputError(f"Isian '{sid}' harus punya 'path'.")
    if (not isinstance(focal, (list, tuple)) or len(focal) != 2
            or not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in focal)):
        raise InputError(f"Titik fokus '{sid}' harus [x, y] dengan nilai 0..1.")
    img, found = load_image(src, ctx.base_dir, sid)
    ctx.findings.extend(f for f in found if f not in ctx.findings)
    if img is None:
        return
    x0, y0, x1, y1 = _box(el, ctx)
    w, h = x1 - x0, y1 - y0
    if el.get("fit", "cover") == "contain":
        pic = img.copy()
        pic.thumbnail((w, h), Image.Resampling.LANCZOS)
        x0, y0 = x0 + (w - pic.width) // 2, y0 + (h - pic.height) // 2
        w, h = pic.size
    else:
        pic = _cover(img, w, h, (float(focal[0]), float(focal[1])))
    mask = pic.getchannel("A") if pic.mode == "RGBA" else None
    radius = round(el.get("radius", 0) * ctx.px)
    if radius:
        rm = Image.new("L", (w, h), 0)
        ImageDraw.Draw(rm).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
        mask = rm if mask is None else Image.composite(mask, rm, rm)
    canvas.paste(pic.convert("RGB"), (x0, y0), mask)
    caption = value.get("alt") if isinstance(value, dict) else None
    ctx.texts.append(("foto", caption or "foto"))


def _draw_contacts(canvas: Image.Image, el: dict[str, Any], ctx: _Ctx) -> None:
    contacts = ctx.stamps.contacts
    if not contacts:
        return
    x0, y0, x1, y1 = _box(el, ctx)
    cols = 1 if len(contacts) <= int(el.get("single_column_max", 3)) else 2
    rows = (len(contacts) + cols - 1) // cols
    cw = (x1 - x0) / cols
    rh = (y1 - y0) / rows
    smax = el["size"][1] * ctx.px
    size = max(el["size"][0] * ctx.px, min(smax, rh / 1.95))
    label_size = round(size * 0.42)
    for i, (label, number) in enumerate(contacts):
        cx = round(x0 + (i // rows) * cw)
        cy = round(y0 + (i % rows) * rh)
        ly = layout.fit_scaled(label, el["_font_path"].parent / "PlusJakartaSans-Bold.ttf", cw - 10,
                               label_size * 1.3, label_size * 0.7, label_size, 1, 1.18, ctx.scale)
        drawn = draw.text_block(canvas, (cx, cy, round(cx + cw), cy + round(label_size * 1.3)), ly,
                                el["_font_path"].parent / "PlusJakartaSans-Bold.ttf",
                                _col(el.get("label_color", "muted"), ctx), el.get("align", "left"))
        _check_contrast(ctx, drawn, "contacts", "kontak darurat", True)
        ny = cy + round(label_size * 1.35)
        nl = layout.fit_scaled(number, el["_font_path"], cw - 10, rh - label_size * 1.35, size * 0.5, size, 1, 1.18,
                               ctx.scale)
        drawn = draw.text_block(canvas, (cx, ny, round(cx + cw), round(cy + rh)), nl, el["_font_path"],
                                _col(el.get("color", "text"), ctx), el.get("align", "left"))
        _check_contrast(ctx, drawn, "contacts", "kontak darurat", True)
        if nl.overflow:
            _overflow(ctx, "contacts", "kontak darurat", nl, number)
    ctx.texts.append(("kontak darurat", "; ".join(f"{a} {b}".strip() for a, b in contacts)))


_DRAW = {"text": _draw_text, "list": _draw_list, "photo": _draw_photo, "contacts": _draw_contacts}


def _page_shows_title(page: Page) -> bool:
    return any(el["type"] == "text" and el.get("slot") == "title" for el in page.elements)


def _mark(ctx: _Ctx, key: str, box: tuple[int, int, int, int]) -> None:
    """Remember where ``key`` is drawn on this page (the union when it appears more than once)."""
    old = ctx.boxes.get(key)
    if old is not None:
        box = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3]))
    ctx.boxes[key] = box


def _render_page(page: Page, ctx: _Ctx) -> Image.Image:
    canvas, skip = _background(page, ctx)
    for el in page.elements[skip:]:
        el = _eff(el, ctx)
        if "when" in el and not ctx.data.get(el["when"]):
            continue
        if "unless" in el and ctx.data.get(el["unless"]):
            continue
        if el["type"] in STATIC_TYPES:
            _draw_static(canvas, el, ctx)
            continue
        key = "contacts" if el["type"] == "contacts" else el.get("slot")
        if key:
            # A carousel slide's item.* texts belong to the list slot the slides repeat.
            _mark(ctx, ctx.repeat if key.startswith("item.") and ctx.repeat else key, _box(el, ctx))
        _DRAW[el["type"]](canvas, el, ctx)
    band = (0, ctx.content_h, ctx.width, ctx.height)
    for key in (*stamps.STAMP_NAMES, "logo"):  # what the page does not show itself is in the band
        if key not in ctx.boxes:
            _mark(ctx, key, band)
    texts, found = stamps.draw_band(canvas, band, ctx.theme, ctx.stamps, ctx.px, not _page_shows_title(page),
                                    ctx.scale)
    for f in found:
        if f not in ctx.findings:
            ctx.findings.append(f)
    ctx.texts.extend(("stempel", t) for t in texts)
    return canvas


def choose_theme(spec: TemplateSpec, data: dict[str, Any], st: stamps.Stamps) -> str:
    """The pinned theme, else the data's hazard, else the template's default."""
    if spec.pinned_theme:
        return spec.pinned_theme
    if st.hazard and st.hazard in spec.themes:
        return st.hazard
    if isinstance(data.get("theme"), str) and data["theme"] in spec.themes:
        return data["theme"]
    return spec.default_theme


def render(spec: TemplateSpec, data: dict[str, Any], *, variant: str | None = None, scale: float = 1.0,
           settings: dict[str, Any] | None = None, base_dir: str | Path | None = None) -> RenderResult:
    """Render ``data`` into the template: the live preview (e.g. ``scale=0.5``) and the export use this.

    Args:
        spec: a loaded template (:func:`load_template`).
        data: the slot values and the stamp keys (``title``, ``date``, ``source``, ``contacts``, ``location``,
            ``hazard``); image slots hold file paths, relative to ``base_dir``.
        variant: a variant id of the template; None is its first.
        scale: 1.0 is the export size; smaller for a quick preview.
        settings: ``Archive.settings()``; None uses the Bangka defaults.
        base_dir: folder that relative image paths in ``data`` are resolved against.

    Returns:
        A :class:`RenderResult` with one image per page and every finding.

    Raises:
        InputError: data of the wrong shape (a list where text belongs, an unknown contact id ...).
    """
    if not (0.05 <= float(scale) <= 4):
        raise InputError(f"Skala {scale} di luar rentang 0,05..4.")
    v = spec.variant(variant)
    findings = _check_data(spec, data)
    st = stamps.resolve(data, settings)
    findings = st.findings + findings
    expected = spec.raw.get("expected_source")
    if isinstance(expected, str) and st.source_text and expected.lower() not in st.source_text.lower():
        # CERC: cite the competent authority (BMKG for weather warnings).
        findings.append(Finding("source.authority", "warning",
                                f"Templat '{spec.name}' mengutip {expected} sebagai otoritas; sumber yang tertulis "
                                f"'{st.source_text}'.", slot="source",
                                suggestion=f"Periksa bahwa informasi ini memang berasal dari {expected}."))
    theme_name = choose_theme(spec, data, st)
    width, height = max(1, round(v.width * scale)), max(1, round(v.height * scale))
    band = max(1, round(v.band * scale))
    ctx = _Ctx(spec=spec, variant=v, scale=float(scale),
               px=scale * v.width / _conf()["text"]["reference_width"], theme=spec.themes[theme_name],
               theme_name=theme_name, data=data, stamps=st,
               base_dir=Path(base_dir) if base_dir is not None else None, findings=findings, width=width,
               height=height, content_h=height - band)
    plan: list[tuple[Page, Any, int]] = []
    for page in spec.pages:
        if page.repeat:
            items = data.get(page.repeat) or []
            for i, item in enumerate(items, 1):
                plan.append((page, item, i))
        else:
            plan.append((page, None, 0))
    pages, texts, boxes = [], [], []
    for no, (page, item, n) in enumerate(plan, 1):
        ctx.item, ctx.n, ctx.page_no, ctx.repeat = item, n, no, page.repeat
        ctx.total = len(data.get(page.repeat) or []) if page.repeat else 0
        ctx.texts = []
        ctx.boxes = {}
        ctx.last_bottom = None
        pages.append(_render_page(page, ctx))
        texts.append(ctx.texts)
        boxes.append({k: (b[0] / width, b[1] / height, b[2] / width, b[3] / height) for k, b in ctx.boxes.items()})
    result = RenderResult(template_id=spec.id, variant=v.id, theme=theme_name, pages=pages, findings=ctx.findings,
                          alt_text="", caption="", texts=texts, boxes=boxes)
    result.alt_text = build_alt_text(spec, result, st)
    result.caption = build_caption(spec, data, st)
    return result


_thumbs: OrderedDict[tuple, Image.Image] = OrderedDict()


def thumbnail(spec: TemplateSpec, variant: str | None, scale: float) -> Image.Image:
    """The sample rendered small (first page), cached per template file, variant and scale."""
    key = (spec.id, spec.file.stat().st_mtime, variant, scale)
    if key not in _thumbs:
        data = spec.sample()
        _thumbs[key] = render(spec, data, variant=variant, scale=scale, base_dir=spec.dir).pages[0]
        while len(_thumbs) > 64:
            _thumbs.popitem(last=False)
    return _thumbs[key].copy()
