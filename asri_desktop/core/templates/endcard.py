"""The end card of a video: the stamp elements on a full frame, for the video export to append."""

from __future__ import annotations

from typing import Any

from PIL import Image

from asri_desktop.core import resources
from asri_desktop.core.templates import draw, layout, stamps
from asri_desktop.core.templates.spec import shared_themes


def render_end_card(data: dict[str, Any], *, size: tuple[int, int] = (1080, 1920),
                    settings: dict[str, Any] | None = None) -> Image.Image:
    """A frame carrying title, date, source, location, emergency contacts and the agency logo.

    The theme follows ``data["hazard"]``. Missing stamps are not refused here (the
    video export checks :func:`missing_stamps` itself); what is present is drawn.

    Args:
        data: the stamp keys (``title``, ``date``, ``source``, ``contacts``, ``location``, ``hazard``).
        size: (width, height) of the frame, e.g. the video's size.
        settings: ``Archive.settings()``; None uses the Bangka defaults.
    """
    w, h = int(size[0]), int(size[1])
    st = stamps.resolve(data, settings)
    themes = shared_themes()
    theme = themes.get(st.hazard or "", themes["umum"])
    img = Image.new("RGB", (w, h))
    draw.gradient(img, (0, 0, w, h), draw.colour("bg", theme), draw.colour("bg2", theme), "diagonal")
    px = min(w, h) / resources.data("render.toml")["text"]["reference_width"]
    m = round(80 * px)
    bold = resources.font("PlusJakartaSans-Bold.ttf")
    xbold = resources.font("PlusJakartaSans-ExtraBold.ttf")
    regular = resources.font("PlusJakartaSans-Regular.ttf")
    portrait = h >= w
    y = round(h * (0.1 if portrait else 0.08))
    if st.logo is not None:
        side = round(150 * px)
        logo = st.logo.copy()
        logo.thumbnail((side, side), Image.Resampling.LANCZOS)
        pad = round(18 * px)
        draw.rect(img, (m, y, m + side + 2 * pad, y + side + 2 * pad), draw.colour("panel", theme), round(24 * px))
        img.paste(logo.convert("RGB"), (m + pad, y + pad), logo.getchannel("A"))
        y += side + 2 * pad + round(40 * px)

    def block(text: str, font: Any, smin: float, smax: float, colour: str, height: float, lines: int) -> None:
        nonlocal y
        if not text:
            return
        lay = layout.fit(text, font, w - 2 * m, height, smin * px, smax * px, lines)
        drawn = draw.text_block(img, (m, y, w - m, y + round(lay.height)), lay, font, draw.colour(colour, theme),
                                measure=False)
        y += round(drawn.layout.height + 24 * px)

    block(st.agency.upper(), bold, 22, 34, "muted", 60 * px, 1)
    block(st.title, xbold, 44, 96 if portrait else 72, "text", h * (0.28 if portrait else 0.25), 4)
    y += round(20 * px)
    block(st.date_line, bold, 22, 34, "muted", 90 * px, 2)
    block(st.source_line, regular, 20, 30, "muted", 80 * px, 2)
    # Contacts on a panel sized to its rows, anchored low but above the part of a 9:16 frame that
    # Reels/TikTok/Shorts cover with their own buttons and caption: the part a viewer must read and dial.
    if st.contacts:
        safe = resources.data("render.toml")["endcard"]["portrait_safe_bottom"] if portrait else 0.0
        bottom = h - max(m, round(h * safe))
        inner = round(44 * px)
        head_h = round(30 * px * 1.18)
        row_h = min(round(64 * px * 1.25), max(1, (bottom - y - 3 * inner - head_h) // len(st.contacts)))
        panel_h = 2 * inner + head_h + round(16 * px) + row_h * len(st.contacts)
        top = max(y + round(20 * px), bottom - panel_h)
        draw.rect(img, (m, top, w - m, bottom), draw.colour("panel", theme), round(36 * px))
        yy = top + inner
        lay = layout.fit("KONTAK DARURAT", bold, w - 2 * m - 2 * inner, head_h, 20 * px, 30 * px, 1)
        draw.text_block(img, (m + inner, yy, w - m - inner, yy + head_h), lay, bold,
                        draw.colour("band_muted", theme), measure=False)
        yy += head_h + round(16 * px)
        for label, number in st.contacts:
            text = f"{label}  {number}".strip()
            lay = layout.fit(text, xbold, w - 2 * m - 2 * inner, row_h, 20 * px, 64 * px, 1)
            draw.text_block(img, (m + inner, yy, w - m - inner, yy + row_h), lay, xbold,
                            draw.colour("panel_text", theme), valign="middle", measure=False)
            yy += row_h
    return img
