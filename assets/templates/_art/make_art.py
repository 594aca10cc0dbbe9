"""Draw the template icons and the neutral logo placeholder (run once; the PNGs are committed).

Usage: ``python3 assets/templates/_art/make_art.py``. Icons are white pictograms on transparency, drawn
at 4x and reduced for smooth edges, so a template can tint them to any theme colour. The logo placeholder
is deliberately neutral (a ring and the word LOGO): the real agency logo is set in Pengaturan.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SIZE = 256
K = 4  # supersampling factor
W = (255, 255, 255, 255)


def canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGBA", (SIZE * K, SIZE * K), (0, 0, 0, 0))
    return img, ImageDraw.Draw(img)


def s(*v: float) -> list[float]:
    """Coordinates given on a 256 grid, scaled to the supersampled canvas."""
    return [x * K for x in v]


def wave(d: ImageDraw.ImageDraw, y: float, amp: float, width: float, x0: float = 20, x1: float = 236) -> None:
    pts = []
    for i in range(0, 101):
        x = x0 + (x1 - x0) * i / 100
        pts.append((x * K, (y + amp * math.sin(i / 100 * math.pi * 4)) * K))
    d.line(pts, fill=W, width=int(width * K), joint="curve")


def house(d: ImageDraw.ImageDraw) -> None:
    d.polygon(s(128, 30, 40, 108, 216, 108), fill=W)
    d.rectangle(s(62, 104, 194, 170), fill=W)
    d.rectangle(s(112, 128, 144, 170), fill=(0, 0, 0, 0))


def icon_banjir():
    img, d = canvas()
    house(d)
    wave(d, 186, 8, 14)
    wave(d, 222, 8, 14)
    return img


def icon_rob():
    img, d = canvas()
    d.ellipse(s(150, 26, 214, 90), outline=W, width=12 * K)
    wave(d, 128, 12, 16)
    wave(d, 170, 12, 16)
    wave(d, 212, 12, 16)
    return img


def icon_angin():
    img, d = canvas()
    rows = [(30, 200, 18), (66, 176, 16), (102, 150, 15), (138, 124, 14), (174, 96, 13), (210, 70, 12)]
    for i, (y, w, lw) in enumerate(rows):
        cx = 128 + (i % 2) * 8 - 4
        d.rounded_rectangle(s(cx - w / 2, y, cx + w / 2, y + lw), radius=lw * K / 2, fill=W)
    return img


def icon_petir():
    img, d = canvas()
    d.ellipse(s(40, 50, 130, 140), fill=W)
    d.ellipse(s(96, 30, 200, 134), fill=W)
    d.ellipse(s(160, 76, 230, 146), fill=W)
    d.rounded_rectangle(s(30, 96, 226, 146), radius=25 * K, fill=W)
    d.polygon(s(132, 150, 92, 210, 124, 210, 106, 250, 166, 184, 134, 184, 154, 150), fill=W)
    return img


def icon_api():
    img, d = canvas()
    outer = [(128, 18), (176, 82), (206, 140), (200, 190), (168, 230), (128, 242), (88, 230), (56, 190), (50, 140),
             (76, 96), (96, 120), (104, 70)]
    d.polygon([(x * K, y * K) for x, y in outer], fill=W)
    inner = [(130, 130), (156, 170), (160, 200), (146, 222), (128, 228), (110, 222), (96, 200), (100, 172), (114, 182)]
    d.polygon([(x * K, y * K) for x, y in inner], fill=(0, 0, 0, 0))
    return img


def icon_matahari():
    img, d = canvas()
    d.ellipse(s(78, 78, 178, 178), fill=W)
    for i in range(12):
        a = i * math.pi / 6
        x0, y0 = 128 + 66 * math.cos(a), 128 + 66 * math.sin(a)
        x1, y1 = 128 + 112 * math.cos(a), 128 + 112 * math.sin(a)
        d.line(s(x0, y0, x1, y1), fill=W, width=14 * K)
    return img


def icon_longsor():
    img, d = canvas()
    d.polygon(s(16, 60, 16, 236, 240, 236), fill=W)
    for cx, cy, r in ((150, 120, 22), (196, 160, 18), (226, 112, 14)):
        d.ellipse(s(cx - r, cy - r, cx + r, cy + r), fill=W)
    return img


def icon_kolong():
    img, d = canvas()
    # a pit with water and a warning sign
    d.polygon(s(16, 120, 240, 120, 200, 236, 56, 236), fill=W)
    d.polygon(s(40, 132, 216, 132, 186, 222, 70, 222), fill=(0, 0, 0, 0))
    wave(d, 168, 6, 10, 60, 196)
    wave(d, 198, 6, 10, 74, 182)
    d.polygon(s(128, 10, 176, 96, 80, 96), fill=W)
    d.rectangle(s(123, 36, 133, 72), fill=(0, 0, 0, 0))
    d.rectangle(s(123, 78, 133, 88), fill=(0, 0, 0, 0))
    return img


def icon_siaga():
    img, d = canvas()
    d.polygon(s(128, 20, 240, 224, 16, 224), fill=W)
    d.rounded_rectangle(s(116, 82, 140, 170), radius=8 * K, fill=(0, 0, 0, 0))
    d.ellipse(s(114, 182, 142, 210), fill=(0, 0, 0, 0))
    return img


def icon_cek():
    img, d = canvas()
    d.ellipse(s(8, 8, 248, 248), fill=W)
    d.line(s(66, 132, 110, 176, 192, 90), fill=(0, 0, 0, 0), width=28 * K, joint="curve")
    return img


def icon_silang():
    img, d = canvas()
    d.ellipse(s(8, 8, 248, 248), fill=W)
    d.line(s(80, 80, 176, 176), fill=(0, 0, 0, 0), width=28 * K)
    d.line(s(176, 80, 80, 176), fill=(0, 0, 0, 0), width=28 * K)
    return img


def icon_telepon():
    img, d = canvas()
    d.rounded_rectangle(s(70, 16, 186, 240), radius=22 * K, fill=W)
    d.rounded_rectangle(s(84, 44, 172, 196), radius=6 * K, fill=(0, 0, 0, 0))
    d.ellipse(s(116, 206, 140, 230), fill=(0, 0, 0, 0))
    return img


def icon_ralat():
    img, d = canvas()
    d.rounded_rectangle(s(40, 16, 200, 240), radius=14 * K, fill=W)
    for y in (60, 100, 140):
        d.rounded_rectangle(s(66, y, 174, y + 14), radius=7 * K, fill=(0, 0, 0, 0))
    d.polygon(s(150, 236, 236, 150, 252, 166, 166, 252), fill=W)
    d.polygon(s(150, 236, 166, 252, 140, 256), fill=W)
    return img


def logo_placeholder() -> Image.Image:
    """A neutral mark for the logo slot: a ring and the word LOGO, never a fake agency emblem."""
    size = 256
    img = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((16, 16, size * 2 - 16, size * 2 - 16), fill=(236, 240, 244, 255), outline=(120, 134, 150, 255),
              width=14)
    font = ImageFont.truetype(str(ROOT / "resources/fonts/PlusJakartaSans-Bold.ttf"), 125)
    d.text((size, size), "LOGO", font=font, fill=(96, 110, 126, 255), anchor="mm")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    out = HERE / "icons"
    out.mkdir(exist_ok=True)
    for name, fn in sorted(globals().items()):
        if name.startswith("icon_"):
            img = fn().resize((SIZE, SIZE), Image.Resampling.LANCZOS)
            img.save(out / f"{name[5:]}.png", optimize=True)
    logo_dir = ROOT / "resources" / "logo"
    logo_dir.mkdir(exist_ok=True)
    logo_placeholder().save(logo_dir / "placeholder.png", optimize=True)


if __name__ == "__main__":
    main()
