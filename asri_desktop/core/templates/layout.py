"""Text layout: word wrapping, autofit between a size range, and honest overflow.

Text is wrapped at word boundaries (a single word wider than the box is broken
between characters, as the only way to show it). Autofit picks the largest size
in the slot's range at which the text fits the box and its line limit; when even
the smallest size does not fit, the layout says so (``overflow``) and carries
the lines that fit, the last one ending in an ellipsis, so the renderer can
report a finding instead of silently clipping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

ELLIPSIS = "…"


def font(path: str | Path, size: float) -> ImageFont.FreeTypeFont:
    """A cached FreeType font; fonts are loaded once per file and size.

    Sizes may be fractional (a preview at half scale draws 15.5 px for 31 px), so
    the preview's glyphs are exactly half as wide as the export's.
    """
    return _font(str(path), max(1.0, round(float(size), 2)))


@lru_cache(maxsize=512)
def _font(path: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@lru_cache(maxsize=65536)
def _width(path: str, size: float, text: str) -> float:
    return font(path, size).getlength(text)


def text_width(path: str | Path, size: float, text: str) -> float:
    return _width(str(path), size, text)


def _break_word(word: str, path: str, size: int, max_width: float) -> list[str]:
    parts, cur = [], ""
    for ch in word:
        if cur and _width(path, size, cur + ch) > max_width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def wrap(text: str, path: str | Path, size: int, max_width: float, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap; paragraphs (``\\n``) are kept. Stops early after ``max_lines + 1`` lines."""
    path = str(path)
    limit = None if max_lines is None else max_lines + 1
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            if limit and len(lines) >= limit:
                return lines
            continue
        cur = ""
        for word in words:
            trial = f"{cur} {word}" if cur else word
            if _width(path, size, trial) <= max_width:
                cur = trial
                continue
            if cur:
                lines.append(cur)
                if limit and len(lines) >= limit:
                    return lines
            if _width(path, size, word) > max_width:
                pieces = _break_word(word, path, size, max_width)
                lines.extend(pieces[:-1])
                if limit and len(lines) >= limit:
                    return lines[:limit]
                cur = pieces[-1]
            else:
                cur = word
        lines.append(cur)
        if limit and len(lines) >= limit:
            return lines
    return lines


@dataclass(frozen=True)
class TextLayout:
    """The result of fitting text into a box."""

    lines: tuple[str, ...]
    size: float
    line_height: float
    overflow: bool
    fitted_chars: int  # how many characters of the text are shown

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)


def _line_height(size: int, spacing: float) -> float:
    return size * spacing


def fit(text: str, path: str | Path, box_w: float, box_h: float, size_min: float, size_max: float,
        max_lines: int | None = None, spacing: float = 1.18) -> TextLayout:
    """The largest size in ``[size_min, size_max]`` at which ``text`` fits; overflow at the smallest otherwise."""
    path = str(path)
    lo, hi = max(1, int(round(size_min))), max(1, int(round(size_max)))

    def attempt(size: int) -> tuple[bool, list[str]]:
        lh = _line_height(size, spacing)
        cap = int(box_h // lh) if lh > 0 else 0
        if max_lines is not None:
            cap = min(cap, max_lines)
        lines = wrap(text, path, size, box_w, cap)
        return len(lines) <= cap and cap > 0, lines

    ok, lines = attempt(hi)
    if ok:
        return TextLayout(tuple(lines), hi, _line_height(hi, spacing), False, len(text))
    best: tuple[int, list[str]] | None = None
    a, b = lo, hi - 1
    # Binary search: fitting is monotonic in size for practical text (smaller never needs more lines).
    while a <= b:
        mid = (a + b) // 2
        ok, lines = attempt(mid)
        if ok:
            best = (mid, lines)
            a = mid + 1
        else:
            b = mid - 1
    if best is not None:
        return TextLayout(tuple(best[1]), best[0], _line_height(best[0], spacing), False, len(text))
    # Overflow: show what fits at the smallest size, the last line ellipsised.
    lh = _line_height(lo, spacing)
    cap = max(1, int(box_h // lh))
    if max_lines is not None:
        cap = min(cap, max_lines)
    lines = wrap(text, path, lo, box_w, cap)[:cap]
    shown = sum(len(x) + 1 for x in lines)
    last = lines[-1] if lines else ""
    while last and _width(path, lo, last + ELLIPSIS) > box_w:
        last = last[:-1]
    lines[-1] = last.rstrip() + ELLIPSIS
    return TextLayout(tuple(lines), lo, lh, True, min(shown, len(text)))


def fit_scaled(text: str, path: str | Path, box_w: float, box_h: float, size_min: float, size_max: float,
               max_lines: int | None, spacing: float, scale: float) -> TextLayout:
    """Fit at export size, then scale the result: the preview breaks lines exactly where the export does.

    Sizes and boxes are in canvas pixels at ``scale``; the decision (size, line breaks,
    overflow) is made at ``scale`` 1 so that a preview never disagrees with the export.
    """
    if scale == 1:
        return fit(text, path, box_w, box_h, size_min, size_max, max_lines, spacing)
    nominal = fit(text, path, box_w / scale, box_h / scale, size_min / scale, size_max / scale, max_lines, spacing)
    return TextLayout(nominal.lines, nominal.size * scale, nominal.line_height * scale,
                      nominal.overflow, nominal.fitted_chars)
