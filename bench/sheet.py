"""Benchmark: the approval sheet against a bare reportlab document with the same elements.

Both sides build, in the same run, a PDF with the same content: the letterhead, the identity
table and QR code, a thumbnail + SHA-256 per file (thumbnails made with the same Pillow calls
from the same files), the findings table, two checklist tables, the decision history with entry
hashes and three signature blocks, with the same embedded fonts and the same stream encoding
(binary, no ASCII85). The sheet additionally reads
everything from the archive (asset, versions, reviews, log, cached automated findings), keeps
headings with their tables, numbers pages "Halaman X dari Y" and writes atomically.

The headline figure is the cold build (every thumbnail made again, as the bare side does); the
reprint figure shows the sheet with its per-file-hash thumbnail cache warm.

Run: ``python3 bench/sheet.py [--slides N] [--runs R]``. Prints
``SHEET_VS_BARE: ratio R (goal <= 1.5)`` as its last line.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _setup(home: Path, slides: int) -> tuple[object, int]:
    """An archive with a carousel that went through revision and both review stages."""
    import numpy as np
    from PIL import Image

    from asri_desktop.core.archive import Archive
    from asri_desktop.core.review import checklist, gate

    arch = Archive.open(home)
    for name, roles in [("Rina", ["desainer"]), ("Budi", ["editor"]), ("Sari", ["pengawas"])]:
        arch.add_member(name, roles)
    rng = np.random.default_rng(7)
    files = []
    for i in range(slides):
        # Photographic-like content so image decoding costs what real slides cost.
        arr = rng.integers(0, 255, (1350, 1080, 3), dtype=np.uint8)
        p = home.parent / f"slide-{i + 1:02d}.jpg"
        Image.fromarray(arr).save(p, "JPEG", quality=85)
        files.append((p.name, p))
    fields = {
        "title": "Waspada Banjir Rob di Sungailiat",
        "body": "BMKG memperkirakan pasang air laut tinggi pada Jumat, 27 November 2026 pukul 14.00 WIB.",
        "steps": ["Segera pindahkan barang berharga ke tempat tinggi.", "Hubungi 112 bila air masuk rumah."],
        "source": "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang",
        "location": "Kecamatan Sungailiat", "date": "2026-11-27",
        "alt_text": "Carousel peringatan banjir rob di Sungailiat.",
    }
    asset = arch.import_asset(files, kind="carousel", title="Siaga Banjir Rob Sungailiat", actor="Rina",
                              hazard="banjir-rob", location="Sungailiat", fields=fields)
    arch.submit(asset.id, "Rina")
    gate.review(arch, asset.id, "revise", "Budi", "Logo terlalu kecil")
    arch.add_version(asset.id, None, actor="Rina", fields={**fields, "body": fields["body"] + " Tetap tenang."},
                     keep_files=True, note="Perbaikan")
    arch.submit(asset.id, "Rina")
    tech = {i.id: {"result": "pass", "note": "Sesuai"} for i in checklist.definition("technical_review")}
    gate.review(arch, asset.id, "approve", "Budi", "Teknis lengkap", answers=tech)
    acc = {i.id: {"result": "pass", "note": "Dicek dengan BMKG"} for i in checklist.definition("accuracy_review")}
    acc["izin_foto_warga"] = {"result": "na"}
    gate.review(arch, asset.id, "approve", "Sari", "Akurat", answers=acc)
    return arch, asset.id


def _bare(content: dict, files: list[Path], out: Path) -> None:
    """The same elements with plain reportlab: no archive, no page count, a fixed footer."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from asri_desktop.core.review import sheet

    f = sheet._fonts()
    body = ParagraphStyle("b", fontName=f["body"], fontSize=8, leading=10)
    head = ParagraphStyle("h", fontName=f["headbold"], fontSize=10.5, leading=14)
    mono = ParagraphStyle("m", fontName=f["mono"], fontSize=7, leading=9)
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), f["body"]), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("GRID", (0, 0), (-1, -1), 0.25, "#9AA7B4")])

    def letterhead(canv, doc):
        canv.setFont(f["head"], 12.5)
        canv.drawCentredString(A4[0] / 2, A4[1] - 18 * mm, content["agency"])
        canv.setFont(f["body"], 7)
        canv.drawString(18 * mm, 10 * mm, f"Halaman {doc.page}")

    story = [Paragraph(content["title"], head)]
    story.append(Table([[Table([[Paragraph(k, body), Paragraph(v, body)] for k, v in content["identity"]]),
                         sheet._qr_class()(content["payload"], 38 * mm)]], style=style))
    rows = []
    for p, (name, sha) in zip(files, content["files"]):
        with Image.open(p) as im:
            im.draft("RGB", (360, 360))
            im = im.convert("RGB")
            im.thumbnail((360, 360))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=82, optimize=True)
        w, h = ImageReader(io.BytesIO(buf.getvalue())).getSize()
        s = min(72 / w, 90 / h)
        rows.append([RLImage(io.BytesIO(buf.getvalue()), w * s, h * s), [Paragraph(name, body), Paragraph(sha, mono)]])
    story += [Paragraph("Berkas", head), Table(rows, style=style)]
    for title, table in content["tables"]:
        story += [Paragraph(title, head),
                  Table([[Paragraph(c, body) for c in r] for r in table], style=style, repeatRows=1)]
    story += [Spacer(1, 6 * mm), Table([[Paragraph(n, body) for n in content["signers"]]], style=style)]
    doc = SimpleDocTemplate(str(out), pagesize=A4, invariant=1, initialFontName=f["body"])
    from asri_desktop.core import pdf as pdf_defaults

    pdf_defaults.use_binary_streams()  # the same stream encoding as the sheet: compare layout work, not encoding
    doc.build(story, onFirstPage=letterhead, onLaterPages=letterhead)


def _content(arch, asset_id: int) -> tuple[dict, list[Path]]:
    """The sheet's content as plain strings, gathered once (outside the baseline's timing)."""
    from asri_desktop.core.review import sheet

    data = sheet._gather(arch, asset_id, None)
    asset, ver = data["asset"], data["version"]
    tables = [("Temuan", [["Tingkat", "Kode", "Uraian"]] + [[x.severity, x.code, x.message]
                                                             for x in data["automated"].findings])]
    for stage, (res, status, _) in data["stages"].items():
        tables.append((f"Daftar periksa {stage}", [["Item", "Hasil", "Pemeriksa", "Catatan"]] + [
            [i.label, i.result, f"{i.reviewer} {i.at}", i.note] for i in res.items]))
    hist = [["Waktu", "Pelaku", "Tindakan", "Catatan"]]
    for e in data["log"]:
        hist.append([e["at"], e["actor"], e["action"], e["comment"]])
        hist.append(["", "", "", e["entry_hash"]])
    tables.append(("Riwayat", hist))
    content = {
        "agency": data["settings"]["agency"]["full_name"].upper(),
        "title": "LEMBAR PERSETUJUAN PUBLIKASI KONTEN",
        "identity": [("Judul", asset.title), ("Jenis", asset.kind), ("Versi", str(ver.number)),
                     ("Pembuat", ver.created_by), ("Hash", ver.content_hash)],
        "payload": sheet.payload(asset.id, ver.number, ver.content_hash),
        "files": [(f.name, f.sha256) for f in ver.files],
        "tables": tables,
        "signers": ["Editor Teknis", "Pengawas Keakuratan", "Koordinator Konten"],
    }
    return content, [arch.store.path_of(f.sha256) for f in ver.files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slides", type=int, default=5)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    from asri_desktop.core.review import sheet

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["ASRI_HOME"] = str(home)
        arch, aid = _setup(home, args.slides)
        out_sheet, out_bare = Path(tmp) / "lembar.pdf", Path(tmp) / "bare.pdf"
        sheet.build(arch, aid, out_sheet)  # warm: fonts registered, automated findings cached
        content, files = _content(arch, aid)
        _bare(content, files, out_bare)
        thumbs = home / "cache" / "review" / "thumbs"
        t_cold, t_warm, t_bare = [], [], []
        for _ in range(args.runs):  # interleaved, so drift in machine load hits all sides alike
            shutil.rmtree(thumbs, ignore_errors=True)  # cold: every thumbnail made again, like the bare side
            t0 = time.perf_counter()
            res = sheet.build(arch, aid, out_sheet)
            t_cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            _bare(content, files, out_bare)
            t_bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sheet.build(arch, aid, out_sheet)  # warm: thumbnails from the per-hash cache (a reprint)
            t_warm.append(time.perf_counter() - t0)
        c, w, b = (statistics.median(t) for t in (t_cold, t_warm, t_bare))
        print(f"sheet cold: {c * 1000:.0f} ms, sheet reprint: {w * 1000:.0f} ms ({res['pages']} pages, "
              f"{res['bytes'] / 1000:.0f} KB); bare reportlab: {b * 1000:.0f} ms "
              f"({out_bare.stat().st_size / 1000:.0f} KB); {args.slides} slides, median of {args.runs}")
        arch.close()
        print(f"SHEET_REPRINT_VS_BARE: ratio {w / b:.2f} (goal <= 1.5)")
        print(f"SHEET_VS_BARE: ratio {c / b:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
