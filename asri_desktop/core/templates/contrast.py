"""WCAG 2.2 contrast of text against the pixels actually beneath its glyphs."""

from __future__ import annotations

import numpy as np
from PIL import Image

from asri_desktop.core import resources


def _linear(c: np.ndarray) -> np.ndarray:
    c = c / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


_LUT = _linear(np.arange(256, dtype=np.float64))  # sRGB 8-bit -> linear, computed once


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Relative luminance (WCAG) of sRGB values, shape (..., 3), 0..255."""
    arr = np.asarray(rgb)
    lin = _LUT[arr] if arr.dtype == np.uint8 else _linear(arr.astype(np.float64))
    return lin[..., 0] * 0.2126 + lin[..., 1] * 0.7152 + lin[..., 2] * 0.0722


def ratio(l1: float | np.ndarray, l2: float | np.ndarray) -> float | np.ndarray:
    """Contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker."""
    hi, lo = np.maximum(l1, l2), np.minimum(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def colour_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Contrast ratio of two solid colours."""
    return float(ratio(luminance(np.array(a)), luminance(np.array(b))))


def text_ratio(background: Image.Image, mask: Image.Image, colour: tuple[int, int, int]) -> float | None:
    """The ratio of ``colour`` against the background pixels under the glyph ``mask``.

    ``background`` and ``mask`` are the same size (the text's box, before the text
    is drawn). The worst tenth of pixels (``render.toml [contrast] percentile``)
    decides, so a busy photo behind text is judged by its hard parts, while a few
    stray pixels are not.
    """
    m = np.asarray(mask, dtype=np.uint8) > 127
    if not m.any():
        return None
    px = np.asarray(background.convert("RGB"), dtype=np.uint8)[m]
    if len(px) > 20000:  # a regular subsample is as good a judge and keeps big text cheap
        px = px[:: len(px) // 20000 + 1]
    lum_bg = luminance(px)
    lum_fg = float(luminance(np.array(colour, dtype=np.uint8)))
    ratios = ratio(lum_fg, lum_bg)
    pct = resources.data("render.toml")["contrast"]["percentile"]
    return float(np.percentile(ratios, pct))


def threshold(size_px: float, bold: bool) -> float:
    """The minimum ratio for text of this pixel size and weight (WCAG large-text rule)."""
    c = resources.data("render.toml")["contrast"]
    large = size_px >= c["large_px"] or (bold and size_px >= c["large_bold_px"])
    return c["large"] if large else c["normal"]
