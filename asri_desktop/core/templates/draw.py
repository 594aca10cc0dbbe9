"""Drawing primitives shared by the renderer and the stamp band: colours, shapes, icons, text blocks.

Every text block is drawn through :func:`text_block`, which also measures the
WCAG contrast of the text against the pixels beneath its glyphs before drawing,
so the check sees exactly what the viewer will see.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from asri_desktop.core.templates import contrast, layout
from asri_desktop.core.templates.spec import ART_DIR

RGBA = tuple[int, int, int, int]


def colour(value: str, theme: dict[str, Any]) -> RGBA:
    """``#RRGGBB``/``#RRGGBBAA`` or a theme colour name as an RGBA tuple."""
    if not value.startswith("#"):
        value = theme[value]
    h = value[1:]
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    a = int(h[6:8], 16) if len(h) == 8 else 255
    return (r, g, b, a)


def with_opacity(c: RGBA, opacity: float) -> RGBA:
    return (c[0], c[1], c[2], int(round(c[3] * opacity)))


def _blend_fill(canvas: Image.Image, box: tuple[int, int, int, int], fill: RGBA, shape: str, radius: int) -> None:
    """Draw a rounded rectangle or ellipse; translucent fills are composited through a mask."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return
    if fill[3] == 255:
        d = ImageDraw.Draw(canvas)
        if shape == "ellipse":
            d.ellipse((x0, y0, x1 - 1, y1 - 1), fill=fill[:3])
        elif radius > 0:
            d.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=radius, fill=fill[:3])
        else:
            d.rectangle((x0, y0, x1 - 1, y1 - 1), fill=fill[:3])
        return
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    md = ImageDraw.Draw(mask)
    if shape == "ellipse":
        md.ellipse((0, 0, x1 - x0 - 1, y1 - y0 - 1), fill=fill[3])
    else:
        md.rounded_rectangle((0, 0, x1 - x0 - 1, y1 - y0 - 1), radius=max(0, radius), fill=fill[3])
    canvas.paste(fill[:3], (x0, y0, x1, y1), mask)


def rect(canvas: Image.Image, box: tuple[int, int, int, int], fill: RGBA, radius: int = 0) -> None:
    _blend_fill(canvas, box, fill, "rect", radius)


def ellipse(canvas: Image.Image, box: tuple[int, int, int, int], fill: RGBA, circle: bool = False) -> None:
    """An ellipse filling ``box``, or with ``circle`` the largest circle centred in it."""
    if circle:
        x0, y0, x1, y1 = box
        d = min(x1 - x0, y1 - y0)
        cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
        box = (cx - d // 2, cy - d // 2, cx - d // 2 + d, cy - d // 2 + d)
    _blend_fill(canvas, box, fill, "ellipse", 0)


@lru_cache(maxsize=64)
def _gradient_mask(w: int, h: int, direction: str) -> Image.Image:
    if direction == "horizontal":
        return Image.linear_gradient("L").rotate(90, expand=True).transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((w, h))
    if direction == "diagonal":
        size = max(w, h)
        g = Image.linear_gradient("L").resize((size * 2, size * 2)).rotate(45, resample=Image.Resampling.BILINEAR)
        off = size // 2
        return g.crop((off, off, off + size, off + size)).resize((w, h))
    return Image.linear_gradient("L").resize((w, h))


def gradient(canvas: Image.Image, box: tuple[int, int, int, int], c1: RGBA, c2: RGBA, direction: str) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w <= 0 or h <= 0:
        return
    top = Image.new("RGB", (w, h), c1[:3])
    bottom = Image.new("RGB", (w, h), c2[:3])
    canvas.paste(Image.composite(bottom, top, _gradient_mask(w, h, direction)), (x0, y0))


@lru_cache(maxsize=64)
def _icon_alpha(path: str, w: int, h: int) -> Image.Image:
    img = Image.open(path)
    img.load()
    img = img.convert("RGBA")
    side = min(w, h)
    return img.resize((side, side), Image.Resampling.LANCZOS).getchannel("A")


def icon_path(name: str) -> Path:
    return ART_DIR / "icons" / f"{name}.png"


def icon(canvas: Image.Image, box: tuple[int, int, int, int], name: str, tint: RGBA) -> None:
    """A white-on-transparent pictogram, tinted and centred in ``box``."""
    x0, y0, x1, y1 = box
    alpha = _icon_alpha(str(icon_path(name)), x1 - x0, y1 - y0)
    if tint[3] != 255:
        alpha = alpha.point(lambda v: v * tint[3] // 255)
    side = alpha.size[0]
    canvas.paste(tint[:3], (x0 + (x1 - x0 - side) // 2, y0 + (y1 - y0 - side) // 2), alpha)


@lru_cache(maxsize=32)
def _art(path: str, mtime: float, w: int, h: int) -> Image.Image:
    img = Image.open(path)
    img.load()
    img = img.convert("RGBA")
    img.thumbnail((w, h), Image.Resampling.LANCZOS)
    return img


def art(canvas: Image.Image, box: tuple[int, int, int, int], path: Path, opacity: float = 1.0) -> None:
    x0, y0, x1, y1 = box
    img = _art(str(path), path.stat().st_mtime, x1 - x0, y1 - y0)
    a = img.getchannel("A")
    if opacity < 1:
        a = a.point(lambda v: int(v * opacity))
    canvas.paste(img.convert("RGB"), (x0 + (x1 - x0 - img.width) // 2, y0 + (y1 - y0 - img.height) // 2), a)


@dataclass
class Drawn:
    """What a text block drew: its layout, where, and the measured contrast."""

    layout: layout.TextLayout
    box: tuple[int, int, int, int]
    used_width: float
    contrast: float | None
    bottom: float = 0.0  # where the last line box ends


def baseline_offset(size: int, line_height: float) -> float:
    """Where the first baseline sits in a line box: cap height centred, room below for descenders."""
    return (line_height + 0.75 * size) / 2


def text_block(canvas: Image.Image, box: tuple[int, int, int, int], lay: layout.TextLayout, font_path: Path | str,
               fill: RGBA, align: str = "left", valign: str = "top", measure: bool = True) -> Drawn:
    """Draw laid-out lines into ``box`` (a glyph mask pasted in ``fill``); returns the contrast measured first."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    f = layout.font(str(font_path), lay.size)
    total = lay.height
    top = y0 + {"top": 0, "middle": (h - total) / 2, "bottom": h - total}[valign]
    pad = int(lay.size * 0.5) + 2
    W, H = canvas.size
    rx0, ry0 = max(0, x0 - pad), max(0, int(top) - pad)
    rx1, ry1 = min(W, x1 + pad), min(H, int(top + total) + pad)
    if rx1 <= rx0 or ry1 <= ry0:
        return Drawn(lay, box, 0.0, None, top + total)
    mask = Image.new("L", (rx1 - rx0, ry1 - ry0), 0)
    md = ImageDraw.Draw(mask)
    used = 0.0
    for i, line in enumerate(lay.lines):
        lw = f.getlength(line)
        used = max(used, lw)
        if align == "center":
            x = x0 + (w - lw) / 2
        elif align == "right":
            x = x1 - lw
        else:
            x = x0
        y = top + i * lay.line_height + baseline_offset(lay.size, lay.line_height)
        md.text((x - rx0, y - ry0), line, font=f, fill=255, anchor="ls")
    measured = None
    if measure:
        measured = contrast.text_ratio(canvas.crop((rx0, ry0, rx1, ry1)), mask, fill[:3])
    if fill[3] != 255:
        mask = mask.point(lambda v: v * fill[3] // 255)
    canvas.paste(fill[:3], (rx0, ry0, rx1, ry1), mask)
    return Drawn(lay, box, used, measured, top + total)
