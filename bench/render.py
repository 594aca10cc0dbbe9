"""Benchmark of the template renderer against a bare-Pillow baseline drawing the same layers.

Run: ``python3 bench/render.py``. The baseline draws the poster's layers (gradient, translucent
circles, tinted icon, chip, title, message, panel, numbered list, stamp band with logo) with
plain Pillow calls at fixed, precomputed positions and pre-broken lines, fonts loaded once:
no template parsing, autofit, contrast check, alt text or manifest. The renderer does all of
those. Each figure is the median of several runs; the last lines print the ratios.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from asri_desktop.core import resources  # noqa: E402
from asri_desktop.core.templates import default_settings, export, load_template, render  # noqa: E402

FONTS = {n: str(resources.font(f"PlusJakartaSans-{n}.ttf")) for n in ("Regular", "Bold", "ExtraBold")}
ICON = Image.open(ROOT / "assets/templates/_art/icons/rob.png").convert("RGBA")
LOGO = Image.open(resources.path("logo/placeholder.png")).convert("RGBA")
_font_cache: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}


def _f(name: str, size: float) -> ImageFont.FreeTypeFont:
    key = (name, round(size, 2))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(FONTS[name], key[1])
    return _font_cache[key]


def baseline_page(s: float, title: list[str], message: list[str], steps: list[str], band_lines: list[str]) -> Image.Image:
    """The same layers as the poster 4:5, drawn directly (``s`` = scale)."""
    w, h, band = round(1080 * s), round(1350 * s), round(220 * s)
    ch = h - band
    top = Image.new("RGB", (w, h), (5, 59, 80))
    bottom = Image.new("RGB", (w, h), (14, 110, 140))
    img = Image.composite(bottom, top, Image.linear_gradient("L").resize((w, h)))
    for box in ((0.62, -0.16, 0.62), (0.74, -0.02, 0.34)):
        d = round(box[2] * w)
        mask = Image.new("L", (d, d), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, d - 1, d - 1), fill=18)
        img.paste((255, 255, 255), (round(box[0] * w), round(box[1] * ch)), mask)
    side = round(0.145 * ch)
    icon = ICON.resize((side, side), Image.Resampling.LANCZOS).getchannel("A")
    img.paste((255, 209, 102), (round(0.77 * w), round(0.055 * ch)), icon)
    dr = ImageDraw.Draw(img)
    dr.rounded_rectangle((72 * s, 73 * s, 430 * s, 125 * s), radius=10 * s, fill=(255, 209, 102))
    dr.text((88 * s, 110 * s), "WASPADA BANJIR ROB", font=_f("ExtraBold", 30 * s), fill=(6, 43, 58), anchor="ls")
    for i, line in enumerate(title):
        dr.text((72 * s, (290 + i * 99) * s), line, font=_f("ExtraBold", 92 * s), fill=(255, 255, 255), anchor="ls")
    for i, line in enumerate(message):
        dr.text((72 * s, (550 + i * 40) * s), line, font=_f("Regular", 34 * s), fill=(205, 235, 243), anchor="ls")
    dr.rounded_rectangle((72 * s, 678 * s, 1008 * s, 1081 * s), radius=28 * s, fill=(255, 255, 255))
    dr.text((119 * s, 730 * s), "YANG HARUS DILAKUKAN", font=_f("ExtraBold", 24 * s), fill=(5, 59, 80), anchor="ls")
    for i, step in enumerate(steps):
        y = (790 + i * 95) * s
        dr.ellipse((119 * s, y, 169 * s, y + 50 * s), fill=(5, 59, 80))
        dr.text((144 * s, y + 25 * s), str(i + 1), font=_f("Bold", 28 * s), fill=(255, 255, 255), anchor="mm")
        dr.text((190 * s, y + 36 * s), step, font=_f("Bold", 31 * s), fill=(6, 43, 58), anchor="ls")
    dr.rectangle((0, ch, w, h), fill=(255, 255, 255))
    dr.rectangle((0, ch, w, ch + 8 * s), fill=(255, 209, 102))
    logo = LOGO.resize((round(150 * s), round(150 * s)), Image.Resampling.LANCZOS)
    img.paste(logo.convert("RGB"), (round(44 * s), ch + round(38 * s)), logo.getchannel("A"))
    for i, (line, size) in enumerate(zip(band_lines, (34, 27, 27, 29))):
        dr.text((222 * s, ch + (70 + i * 40) * s), line, font=_f("Bold", size * s), fill=(6, 43, 58), anchor="ls")
    return img


TITLE = ["Waspada Banjir Rob", "di Pesisir Sungailiat"]
MESSAGE = ["Pasang air laut maksimum diprakirakan terjadi 26–29", "November 2026 bersamaan dengan fase bulan purnama.",
           "Air laut dapat masuk ke permukiman pesisir."]
STEPS = ["Pindahkan dokumen dan barang berharga", "Matikan aliran listrik jika air masuk", "Jauhi pantai dan muara"]
BAND = ["BPBD Kabupaten Bangka", "Jumat, 27 November 2026 · Kec. Sungailiat, Kelurahan Matras",
        "Sumber: BMKG, data 26 November 2026, 07.00 WIB", "Kontak darurat: Panggilan Darurat 112 · BPBD 0717-92123"]


def baseline_export(out: Path, pages: int) -> None:
    imgs = [baseline_page(1.0, TITLE, MESSAGE, STEPS, BAND) for _ in range(pages)]
    for i, img in enumerate(imgs, 1):
        p = out / f"b_{i:02d}.jpg"
        img.save(p, "JPEG", quality=95)
        hashlib.sha256(p.read_bytes()).hexdigest()
    if pages > 1:
        imgs[0].save(out / "b.pdf", "PDF", save_all=True, append_images=imgs[1:])


def timed(fn, runs: int) -> float:
    fn()  # warm-up: fonts and caches, as in a running app
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    settings = default_settings()
    settings["agency"]["phone"] = "0717-92123"
    poster = load_template("poster")
    data = poster.sample()
    carousel = load_template("carousel")
    cdata = carousel.sample()
    extra = [{"title": "Simpan nomor darurat", "text": "Catat 112 dan nomor BPBD Kabupaten Bangka di ponsel."},
             {"title": "Bantu tetangga", "text": "Pastikan lansia dan anak-anak ikut mengungsi lebih dulu."},
             {"title": "Kembali saat aman", "text": "Pulang setelah petugas menyatakan air sudah surut."}]
    cdata["steps"] = cdata["steps"] + extra  # 8 steps: cover + 8 + closing = 10 slides
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        figures = []
        base = timed(lambda: baseline_page(0.5, TITLE, MESSAGE, STEPS, BAND), 15)
        ours = timed(lambda: render(poster, data, scale=0.5, settings=settings), 15)
        figures.append(("preview_half_scale", ours, base))
        base = timed(lambda: baseline_export(out, 1), 7)
        ours = timed(lambda: export(poster, data, out / "p", settings=settings), 7)
        figures.append(("export_jpeg", ours, base))
        base = timed(lambda: baseline_export(out, 10), 3)
        ours = timed(lambda: export(carousel, cdata, out / "c", settings=settings), 3)
        figures.append(("carousel_10_export", ours, base))
    for name, ours, base in figures:
        print(f"# {name}: renderer {ours * 1000:.0f} ms, bare Pillow {base * 1000:.0f} ms")
    for name, ours, base in figures:
        print(f"{name}: ratio {ours / base:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
