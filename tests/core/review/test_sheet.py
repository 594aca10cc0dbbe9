"""The PDF approval sheet: content, validity (qpdf), extractable text, determinism, verify."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from PIL import Image, ImageDraw

from asri_desktop.core.errors import InputError
from asri_desktop.core.review import checklist, gate, sheet

FIELDS = {
    "title": "Waspada Banjir Rob di Sungailiat",
    "body": "BMKG memperkirakan pasang air laut tinggi pada Jumat, 27 November 2026 pukul 14.00 WIB.",
    "steps": ["Segera pindahkan barang berharga ke tempat tinggi.", "Hubungi 112 bila air masuk rumah."],
    "source": "BMKG Stasiun Meteorologi Depati Amir Pangkalpinang",
    "location": "Kecamatan Sungailiat",
    "date": "2026-11-27",
    "alt_text": "Poster peringatan banjir rob di Sungailiat dengan langkah siaga.",
}


def _answers(stage, **over):
    out = {i.id: {"result": "pass", "note": "Sudah diperiksa"} for i in checklist.definition(stage)}
    out.update(over)
    return out


def _slide(path, colour, label):
    im = Image.new("RGB", (1080, 1350), colour)
    d = ImageDraw.Draw(im)
    d.rectangle((60, 1100, 1020, 1290), fill="white")
    d.text((90, 1150), label, fill="black")
    im.save(path)
    return path


@pytest.fixture
def approved(team, tmp_path):
    """A two-slide carousel that went through both review stages."""
    files = [("slide-01.png", _slide(tmp_path / "a.png", "#1d4e89", "1")),
             ("slide-02.png", _slide(tmp_path / "b.png", "#0f766e", "2"))]
    asset = team.import_asset(files, kind="carousel", title="Siaga Banjir Rob Sungailiat", actor="Rina",
                              hazard="banjir-rob", location="Sungailiat", fields=FIELDS)
    team.submit(asset.id, "Rina", "Siap ditinjau")
    gate.review(team, asset.id, "approve", "Budi", "Teknis lengkap",
                answers=_answers("technical_review", elemen_wajib={"result": "pass", "note": "Pita stempel lengkap"},
                                 teks_terbaca={"result": "pass", "note": "Kontras cukup"}))
    gate.review(team, asset.id, "approve", "Dewi", "Sesuai rilis BMKG",
                answers=_answers("accuracy_review", izin_foto_warga={"result": "na"}))
    return asset


def _text(pdf):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_sheet_text_has_title_hashes_reviewers(team, approved, tmp_path):
    out = tmp_path / "lembar.pdf"
    res = sheet.build(team, approved.id, out)
    assert out.is_file() and res["pages"] >= 2
    text = _text(out)
    flat = "".join(text.split())
    ver = team.version(approved.id)
    assert "Siaga Banjir Rob Sungailiat" in text
    assert "LEMBAR PERSETUJUAN PUBLIKASI KONTEN" in text
    assert "BADAN PENANGGULANGAN BENCANA DAERAH KABUPATEN BANGKA" in text
    assert ver.content_hash in flat
    for f in ver.files:
        assert f.name in text and f.sha256 in flat
    for entry in team.log_entries(approved.id):
        assert entry["entry_hash"] in flat
    for name in ("Budi", "Dewi", "Rina"):
        assert name in text
    for label in ("Editor Teknis", "Pengawas Keakuratan", "Koordinator Konten", "Pita stempel lengkap"):
        assert label in text
    assert f"Halaman 1 dari {res['pages']}" in text and f"Halaman {res['pages']} dari {res['pages']}" in text
    assert res["payload"] in flat


def test_sheet_passes_qpdf_and_embeds_fonts(team, approved, tmp_path):
    out = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out)
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf tidak terpasang")
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows and all(" yes " in r for r in rows), rows


def test_sheet_is_deterministic_and_carries_payload_in_metadata(team, approved, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    sheet.build(team, approved.id, a)
    sheet.build(team, approved.id, b)
    assert a.read_bytes() == b.read_bytes()
    from pypdf import PdfReader

    meta = PdfReader(str(a)).metadata
    ver = team.version(approved.id)
    assert meta.subject == sheet.payload(approved.id, ver.number, ver.content_hash)
    assert meta.title.endswith("Siaga Banjir Rob Sungailiat")


def test_signature_names_follow_the_deciders(team, approved, tmp_path):
    out = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out)
    text = _text(out)
    # Dewi approved the accuracy stage as koordinator: her name is under Koordinator Konten,
    # and the Pengawas Keakuratan block is left for a wet signature.
    assert "( Budi )" in text and "( Dewi )" in text
    assert "( Sari )" not in text and "( ........" in text


def test_verify_matches_then_detects_a_new_version(team, approved, tmp_path, run_cli):
    out = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out)
    res = sheet.verify(team, out)
    assert res["ok"] and res["problems"] == []
    code, stdout, _ = run_cli("sheet", "verify", out)
    assert code == 0 and "cocok" in stdout
    team.add_version(approved.id, None, actor="Rina", fields={**FIELDS, "title": "Waspada Banjir Rob (revisi)"},
                     keep_files=True, note="Judul diperbarui")
    res = sheet.verify(team, out)
    assert not res["ok"] and res["current_version"] == 2
    assert any("versi terbaru adalah 2" in p for p in res["problems"])
    code, stdout, _ = run_cli("sheet", "verify", out, "--json")
    assert code == 1 and json.loads(stdout)["ok"] is False


def test_verify_detects_a_changed_stored_file(team, approved, tmp_path):
    out = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out)
    stored = team.store.path_of(team.version(approved.id).files[0].sha256)
    stored.chmod(0o644)
    stored.write_bytes(b"tertimpa")
    res = sheet.verify(team, out)
    assert not res["ok"] and any("slide-01.png" in p for p in res["problems"])


def test_verify_unreadable_or_foreign_pdf_exits_2(team, approved, tmp_path, run_cli):
    junk = tmp_path / "rusak.pdf"
    junk.write_bytes(b"%PDF-1.4\n bukan pdf \x00\x01")
    code, _, err = run_cli("sheet", "verify", junk)
    assert code == 2 and "Galat:" in err
    from reportlab.pdfgen import canvas

    foreign = tmp_path / "surat.pdf"
    c = canvas.Canvas(str(foreign))
    c.drawString(100, 700, "Surat biasa tanpa kode")
    c.save()
    code, _, err = run_cli("sheet", "verify", foreign)
    assert code == 2 and "bukan lembar persetujuan ASRI" in err
    code, _, err = run_cli("sheet", "verify", tmp_path / "tidak-ada.pdf")
    assert code == 2 and "tidak ditemukan" in err


def test_verify_reads_printed_text_when_metadata_is_gone(team, approved, tmp_path):
    out = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(out)).pages:
        writer.add_page(page)
    stripped = tmp_path / "tanpa-meta.pdf"
    with open(stripped, "wb") as fh:
        writer.write(fh)
    info = sheet.read_payload(stripped)
    assert info["asset_id"] == approved.id and info["content_hash"] == team.version(approved.id).content_hash


def test_cli_sheet_build_and_bad_input(team, approved, tmp_path, run_cli):
    out = tmp_path / "keluar" / "lembar.pdf"
    code, stdout, err = run_cli("sheet", approved.id, "--out", out)
    assert code == 0, err
    assert out.is_file() and "halaman" in stdout
    code, _, err = run_cli("sheet", approved.id)
    assert code == 2 and "--out" in err
    code, _, err = run_cli("sheet", approved.id, "--out", tmp_path / "lembar.txt")
    assert code == 2 and ".pdf" in err
    code, _, err = run_cli("sheet", 999, "--out", tmp_path / "x.pdf")
    assert code == 2 and not (tmp_path / "x.pdf").exists()
    code, _, err = run_cli("sheet", approved.id, "--version", 7, "--out", tmp_path / "y.pdf")
    assert code == 2 and "versi 7" in err and not (tmp_path / "y.pdf").exists()


def test_sheet_of_an_unreviewed_draft_and_old_version(team, tmp_path):
    img = _slide(tmp_path / "p.png", "#7c2d12", "karhutla")
    asset = team.import_asset([("poster.png", img)], kind="poster", title="Cegah Karhutla & <Asap> di Mendo Barat",
                              actor="Rina", fields={"title": "Cegah Karhutla"}, note="x" * 5000)
    team.add_version(asset.id, [("poster.png", _slide(tmp_path / "q.png", "#9a3412", "v2"))], actor="Rina")
    out = tmp_path / "v1.pdf"
    res = sheet.build(team, asset.id, out, version=1)
    assert res["version"] == 1
    text = _text(out)
    assert "bukan versi terbaru" in text and "Belum ditinjau" in text
    assert "Cegah Karhutla & <Asap> di Mendo Barat" in text and "dipotong" in text
    assert not sheet.verify(team, out)["ok"]
    with pytest.raises(InputError):
        sheet.build(team, asset.id, tmp_path / "x.pdf", version=3)


def test_video_asset_gets_a_frame_thumbnail(team, tmp_path):
    import imageio_ffmpeg

    video = tmp_path / "klip.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=180x320:rate=10:duration=2", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", str(video)], check=True, timeout=60)
    end_card = _slide(tmp_path / "end.png", "#1d4e89", "akhir")
    asset = team.import_asset([("klip.mp4", video), ("kartu-akhir.png", end_card, "end_card")], kind="video",
                              title="Video Siaga Puting Beliung", actor="Rina")
    frame, caption = sheet._thumbnail(team, team.version(asset.id).files[0])
    assert frame and caption == "Cuplikan video"
    with Image.open(__import__("io").BytesIO(frame)) as im:
        assert max(im.size) <= 360 and im.size[1] > im.size[0]
    out = tmp_path / "video.pdf"
    sheet.build(team, asset.id, out)
    text = _text(out)
    assert "klip.mp4" in text and "kartu-akhir.png" in text and "Cuplikan video" in text


def test_verify_a_scanned_code_and_without_pypdf(team, approved, tmp_path, run_cli, monkeypatch):
    ver = team.version(approved.id)
    code = sheet.payload(approved.id, ver.number, ver.content_hash)
    # As typed from a phone's QR scan, with a stray line break.
    rc, out, _ = run_cli("sheet", "verify", "--code", code[:40] + "\n" + code[40:])
    assert rc == 0 and "cocok" in out
    rc, _, err = run_cli("sheet", "verify", "--code", "ASRI-LP1;aset=1;versi=1;hash=abc")
    assert rc == 2 and "tidak dikenali" in err
    rc, _, err = run_cli("sheet", "verify", "--code", code.replace(f"aset={approved.id}", "aset=99"))
    assert rc == 1
    out_pdf = tmp_path / "lembar.pdf"
    sheet.build(team, approved.id, out_pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak terpasang")
    import sys

    monkeypatch.setitem(sys.modules, "pypdf", None)  # an install without pypdf falls back to pdftotext
    assert sheet.read_payload(out_pdf)["payload"] == code


def test_subtitle_and_pdf_files_are_described(team, tmp_path):
    srt = tmp_path / "takarir.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:02,000\nSegera mengungsi\n\n2\n00:00:02,500 --> 00:00:04,000\n"
                   "Hubungi 112\n", encoding="utf-8")
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "carousel.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(100, 700, "Slide 1")
    c.save()
    asset = team.import_asset([("takarir.srt", srt), ("carousel.pdf", pdf)], kind="carousel", title="Lampiran",
                              actor="Rina")
    files = {f.name: f for f in team.version(asset.id).files}
    data, caption = sheet._thumbnail(team, files["takarir.srt"])
    assert data is None and caption.startswith("Berkas subtitle")
    if shutil.which("pdftoppm"):
        data, caption = sheet._thumbnail(team, files["carousel.pdf"])
        assert data and caption == "Dokumen PDF (halaman 1)"


def test_reprint_uses_the_thumbnail_cache(team, approved, tmp_path, monkeypatch):
    first = tmp_path / "1.pdf"
    sheet.build(team, approved.id, first)
    assert len(list((team.home / "cache" / "review" / "thumbs").glob("*.jpg"))) == 2

    def no_decode(*a, **k):
        raise AssertionError("a reprint must not decode the images again")

    monkeypatch.setattr(sheet, "_make_thumbnail", no_decode)
    second = tmp_path / "2.pdf"
    sheet.build(team, approved.id, second)
    assert first.read_bytes() == second.read_bytes()


def test_agency_logo_goes_in_the_letterhead(team, approved, tmp_path):
    logo = tmp_path / "logo-bpbd.png"
    Image.new("RGBA", (200, 200), (200, 90, 20, 255)).save(logo)
    without, with_logo = tmp_path / "a.pdf", tmp_path / "b.pdf"
    sheet.build(team, approved.id, without)
    agency = dict(team.setting("agency"))
    agency["logo"] = str(logo)
    team.set_setting("agency", agency, actor="Adi")
    sheet.build(team, approved.id, with_logo)
    from pypdf import PdfReader

    def images(p):
        return sum(len(page.images) for page in PdfReader(str(p)).pages)

    assert images(with_logo) == images(without) + len(PdfReader(str(with_logo)).pages)
    agency["logo"] = str(tmp_path / "hilang.png")
    team.set_setting("agency", agency, actor="Adi")
    sheet.build(team, approved.id, tmp_path / "c.pdf")  # a moved logo never stops the sheet
