"""The evaluation report PDF: content checked by text extraction."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import report, survey


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_report_content(season, tmp_path):
    arch, _ = season
    s = survey.create(arch, "quiz", "Kuis banjir November", "Dewi")
    survey.add_response(arch, s.id, {1: "A", 2: "112", 3: "BMKG"}, "Dewi", at="2026-11-21 10.00")
    survey.add_response(arch, s.id, {1: "B", 2: "112", 3: "BMKG"}, "Dewi", at="2026-11-21 10.05")
    out = tmp_path / "laporan.pdf"
    res = report.build_report(arch, "2026-11-01", "2026-11-30", out)
    assert res.path == out and res.pages >= 2 and res.summary["posts"] == 4
    text = _text(out)
    for expected in (
        "Laporan Evaluasi", "Badan Penanggulangan Bencana Daerah Kabupaten Bangka",
        "1 November 2026 – 30 November 2026",
        "Jangkauan (reach)", "8.030", "16.060",  # totals with Indonesian grouping
        "8,3%",  # pooled engagement rate 665 / 8030
        "Tren mingguan", "2 November 2026",
        "Angin Puting Beliung", "Video Singkat",
        "Terbaik", "Amankan atap", "Terlemah", "Banjir rob pesisir",
        "Sumber data dicantumkan",  # the checklist item that failed most
        "Tanggul jebol", "Hoaks",
        "Kuis banjir November", "skor rata-rata 83,3%", "paham 50,0%",
        "Halaman 1",
    ):
        assert expected in text, expected
    assert not list(tmp_path.glob(".tmp-*"))


def test_empty_period_still_reports(team, tmp_path):
    out = tmp_path / "kosong.pdf"
    report.build_report(team, "2026-01-01", "2026-01-31", out)
    text = _text(out)
    assert "Belum ada publikasi tercatat pada periode ini" in text
    assert "Tidak ada jawaban kuis" in text


@pytest.mark.parametrize("a, b, name, fragment", [
    ("2026-11-30", "2026-11-01", "x.pdf", "lebih awal"),
    ("2026-11-01", "kemarin", "x.pdf", "Tanggal akhir"),
    ("2026-11-01", "2026-11-30", "x.docx", ".pdf"),
])
def test_bad_report_input(team, tmp_path, a, b, name, fragment):
    out = tmp_path / "laporan"
    out.mkdir()
    with pytest.raises(InputError, match=fragment):
        report.build_report(team, a, b, out / name)
    assert list(out.iterdir()) == []


def test_formatting():
    assert report.fmt_int(1234567) == "1.234.567" and report.fmt_pct(0.0833) == "8,3%"
    assert report.fmt_minutes(45) == "45 menit" and report.fmt_minutes(135) == "2 jam 15 menit"
    assert report.fmt_minutes(60 * 24 * 3.2) == "3,2 hari" and report.fmt_int(None) == "-"
