"""The evaluation report for the 3-6-monthly strategy review, as a PDF (reportlab).

Contents: KPIs of the period, weekly trend (chart and table), figures by hazard
and by content kind, best and weakest posts, turnaround from draft to
publication, the checklist items that failed most, hoax and comment handling,
and quiz/satisfaction results. Written to a temporary file and moved into place,
so a failure never leaves half a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asri_desktop.core import dates, resources
from asri_desktop.core import pdf as pdf_defaults
from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import files, kpi, survey, times, vocab

NAVY = "#1F4E79"
LIGHT = "#EAF1F8"


@dataclass(frozen=True)
class ReportResult:
    """Where the report went, how many pages it has, and the KPIs it shows."""

    path: Path
    pages: int
    summary: dict[str, Any]


def fmt_int(n: int | float | None) -> str:
    """``12.345`` (Indonesian grouping); ``-`` for None."""
    if n is None:
        return "-"
    return f"{int(round(n)):,}".replace(",", ".")


def fmt_pct(x: float | None) -> str:
    """``4,5%``; ``-`` for None."""
    if x is None:
        return "-"
    return f"{x * 100:.1f}%".replace(".", ",")


def fmt_minutes(m: float | None) -> str:
    """A duration for people: ``45 menit``, ``2 jam 15 menit``, ``3,2 hari``."""
    if m is None:
        return "-"
    if m < 60:
        return f"{round(m)} menit"
    if m < 48 * 60:
        h, mm = divmod(round(m), 60)
        return f"{h} jam" + (f" {mm} menit" if mm else "")
    return f"{m / 1440:.1f} hari".replace(".", ",")


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "AsriBody" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AsriBody", str(resources.font("NotoSans-Regular.ttf"))))
        pdfmetrics.registerFont(TTFont("AsriBodyBold", str(resources.font("NotoSans-Bold.ttf"))))
        pdfmetrics.registerFont(TTFont("AsriHead", str(resources.font("PlusJakartaSans-Bold.ttf"))))
        pdfmetrics.registerFontFamily("AsriBody", normal="AsriBody", bold="AsriBodyBold",
                                      italic="AsriBody", boldItalic="AsriBodyBold")
    return "AsriBody", "AsriHead"


def _esc(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_report(arch: Any, date_from: Any, date_to: Any, out: str | Path) -> ReportResult:
    """Write the evaluation report of ``[date_from, date_to]`` (local dates) to ``out`` (PDF).

    Raises:
        InputError: bad dates, an end before the start, or an unwritable target.
    """
    lo = times.parse_day(date_from, "Tanggal awal")
    hi = times.parse_day(date_to, "Tanggal akhir")
    if hi < lo:
        raise InputError(f"Tanggal akhir {hi.isoformat()} lebih awal daripada tanggal awal {lo.isoformat()}.")
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InputError(f"Berkas laporan harus berakhiran .pdf (diberikan: {out.name}).")
    if not out.parent.exists():
        raise InputError(f"Folder tujuan {out.parent} tidak ada.")

    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, head = _fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=head, fontSize=18, leading=23, textColor=colors.HexColor(NAVY)),
        "sub": ParagraphStyle("sub", fontName=body, fontSize=10.5, leading=14, textColor=colors.HexColor("#333333")),
        "h2": ParagraphStyle("h2", fontName=head, fontSize=13, leading=17, spaceBefore=12, spaceAfter=5,
                             textColor=colors.HexColor(NAVY)),
        "p": ParagraphStyle("p", fontName=body, fontSize=9.5, leading=13, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", fontName=body, fontSize=8.5, leading=11),
        "note": ParagraphStyle("note", fontName=body, fontSize=8, leading=10.5, textColor=colors.HexColor("#555555")),
    }
    settings = arch.settings()
    agency = settings.get("agency", {})
    summ = kpi.summary(arch, lo, hi)
    weeks = kpi.weekly(arch, lo, hi)
    best, weakest = kpi.ranked(arch, lo, hi)
    plat = vocab.platforms()
    kinds = vocab.kinds()

    def table(rows: list[list[Any]], widths: list[float], numeric_from: int = 1) -> Table:
        data = [[Paragraph(_esc(c), styles["cell"]) if isinstance(c, str) and len(c) > 28 else c for c in r]
                for r in rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), body, 8.5),
            ("FONT", (0, 0), (-1, 0), "AsriBodyBold", 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(NAVY)),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor(LIGHT)]),
            ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.HexColor("#9FB6CD")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return t

    story: list[Any] = [
        Paragraph("Laporan Evaluasi Sosialisasi Mitigasi Bencana di Media Sosial", styles["title"]),
        Spacer(1, 4),
        Paragraph(_esc(agency.get("full_name") or agency.get("name", "")), styles["sub"]),
        Paragraph(f"Periode: {dates.format_date(lo, weekday=False)} – {dates.format_date(hi, weekday=False)}"
                  f" &nbsp;·&nbsp; Disusun: {dates.format_datetime(times.utc_now())}", styles["sub"]),
        Spacer(1, 8),
    ]

    story.append(Paragraph("1. Indikator kinerja utama", styles["h2"]))
    kpis = [
        ["Indikator", "Nilai"],
        ["Unggahan terpublikasi", fmt_int(summ["posts"])],
        ["Unggahan dengan data monitoring", fmt_int(summ["posts_measured"])],
        ["Jangkauan (reach)", fmt_int(summ["reach"])],
        ["Impresi", fmt_int(summ["impressions"])],
        ["Engagement (suka + komentar + dibagikan + disimpan)", fmt_int(summ["engagement"])],
        ["Tingkat engagement (engagement / jangkauan)", fmt_pct(summ["engagement_rate"])],
        ["Klik tautan", fmt_int(summ["link_clicks"])],
        ["Komentar diterima / belum ditanggapi", f"{fmt_int(summ['comments_received'])} / {fmt_int(summ['comments_open'])}"],
        ["Waktu respons komentar (median)", fmt_minutes(summ["response_minutes_median"])],
        ["Kabar hoaks dicatat / terbukti hoaks / diklarifikasi",
         f"{fmt_int(summ['hoaxes'])} / {fmt_int(summ['hoaxes_confirmed'])} / {fmt_int(summ['hoaxes_clarified'])}"],
        ["Waktu verifikasi hoaks (median)",
         fmt_minutes(summ["hoax_hours_median"] * 60 if summ["hoax_hours_median"] is not None else None)],
        ["Waktu produksi draf sampai tayang (median)",
         fmt_minutes(summ["turnaround_hours_median"] * 60 if summ["turnaround_hours_median"] is not None else None)],
    ]
    story.append(table(kpis, [11.5 * cm, 5 * cm]))
    if not summ["posts"]:
        story.append(Spacer(1, 4))
        story.append(Paragraph("Belum ada publikasi tercatat pada periode ini; catat publikasi dengan "
                               "'asri publish' lalu impor angka monitoring.", styles["note"]))

    story.append(Paragraph("2. Tren mingguan", styles["h2"]))
    if any(w.posts for w in weeks):
        d = Drawing(16.5 * cm, 5.4 * cm)
        ch = VerticalBarChart()
        ch.x, ch.y, ch.width, ch.height = 1.4 * cm, 1.0 * cm, 14.6 * cm, 3.8 * cm
        ch.data = [[w.reach for w in weeks], [w.engagement for w in weeks]]
        ch.categoryAxis.categoryNames = [f"{w.week_start.day}/{w.week_start.month}" for w in weeks]
        ch.categoryAxis.labels.fontName = body
        ch.categoryAxis.labels.fontSize = 6.5
        ch.valueAxis.labels.fontName = body
        ch.valueAxis.labels.fontSize = 7
        ch.valueAxis.valueMin = 0
        ch.valueAxis.labelTextFormat = lambda v: fmt_int(v)
        ch.bars[0].fillColor = colors.HexColor(NAVY)
        ch.bars[1].fillColor = colors.HexColor("#F2A33A")
        ch.barSpacing = 1
        ch.groupSpacing = 4
        d.add(ch)
        for x, name, colour in ((1.4, "Jangkauan", NAVY), (4.2, "Engagement", "#F2A33A")):
            d.add(Rect(x * cm, 4.98 * cm, 0.25 * cm, 0.25 * cm, fillColor=colors.HexColor(colour), strokeColor=None))
            d.add(String((x + 0.4) * cm, 5.02 * cm, name, fontName=body, fontSize=7.5))
        story.append(d)
        rows = [["Minggu mulai", "Unggahan", "Jangkauan", "Impresi", "Engagement", "Tingkat", "Respons"]]
        for w in weeks:
            rows.append([dates.format_date(w.week_start, weekday=False), fmt_int(w.posts), fmt_int(w.reach),
                         fmt_int(w.impressions), fmt_int(w.engagement), fmt_pct(w.rate), fmt_minutes(w.response_minutes)])
        story.append(table(rows, [3.4 * cm, 1.8 * cm, 2.2 * cm, 2.2 * cm, 2.3 * cm, 1.8 * cm, 2.8 * cm]))
    else:
        story.append(Paragraph("Tidak ada unggahan pada periode ini.", styles["p"]))

    for n, (dim, title) in enumerate((("hazard", "Menurut jenis bencana"), ("kind", "Menurut jenis konten")), 3):
        groups = kpi.by_dimension(arch, dim, lo, hi)
        story.append(Paragraph(f"{n}. {title}", styles["h2"]))
        if groups:
            rows = [["Kategori", "Unggahan", "Jangkauan", "Engagement", "Tingkat"]]
            rows += [[g.label, fmt_int(g.posts), fmt_int(g.reach), fmt_int(g.engagement), fmt_pct(g.rate)]
                     for g in groups]
            story.append(table(rows, [7 * cm, 2.2 * cm, 2.6 * cm, 2.6 * cm, 2.1 * cm]))
        else:
            story.append(Paragraph("Tidak ada data.", styles["p"]))

    def post_rows(posts: list[kpi.PostFigures]) -> list[list[Any]]:
        rows = [["Unggahan", "Platform", "Tayang", "Jangkauan", "Tingkat"]]
        for p in posts:
            rows.append([f"#{p.asset_id} {p.title}", plat.get(p.platform, p.platform),
                         dates.format_date(times.local_date(p.published_at), weekday=False), fmt_int(p.reach),
                         fmt_pct(p.rate)])
        return rows

    min_reach = vocab.plan_config()["kpi"]["rank_min_reach"]
    story.append(Paragraph("5. Unggahan terbaik dan terlemah", styles["h2"]))
    story.append(Paragraph(f"Diurutkan menurut tingkat engagement; hanya unggahan dengan jangkauan minimal "
                           f"{fmt_int(min_reach)}.", styles["note"]))
    for label, posts in (("Terbaik", best), ("Terlemah", weakest)):
        story.append(Spacer(1, 4))
        story.append(Paragraph(f"<b>{label}</b>", styles["p"]))
        if posts:
            story.append(table(post_rows(posts), [7.4 * cm, 2.4 * cm, 3.2 * cm, 2 * cm, 1.7 * cm], numeric_from=3))
        else:
            story.append(Paragraph("Belum cukup data.", styles["p"]))

    story.append(Paragraph("6. Waktu produksi (draf sampai tayang)", styles["h2"]))
    ta = sorted(kpi.turnaround(arch, lo, hi), key=lambda t: -t["hours"])
    if ta:
        story.append(Paragraph(f"{len(ta)} aset tayang pertama kali pada periode ini; median "
                               f"{fmt_minutes(summ['turnaround_hours_median'] * 60)}. Paling lama:", styles["p"]))
        rows = [["Aset", "Jenis", "Draf sampai tayang"]]
        rows += [[f"#{t['asset_id']} {t['title']}", kinds.get(t["kind"], t["kind"]), fmt_minutes(t["hours"] * 60)]
                 for t in ta[:5]]
        story.append(table(rows, [10 * cm, 3 * cm, 3.6 * cm], numeric_from=2))
    else:
        story.append(Paragraph("Tidak ada aset yang tayang pertama kali pada periode ini.", styles["p"]))

    story.append(Paragraph("7. Butir daftar periksa yang paling sering gagal", styles["h2"]))
    failed = kpi.failed_checklist_items(arch, lo, hi)
    if failed:
        stage_names = dict(resources.data("roles.toml")["states"])
        rows = [["Butir", "Tahap", "Gagal"]]
        rows += [[f["label"], stage_names.get(f["stage"], f["stage"]), fmt_int(f["count"])] for f in failed[:10]]
        story.append(table(rows, [10 * cm, 4.6 * cm, 2 * cm], numeric_from=2))
    else:
        story.append(Paragraph("Tidak ada butir yang gagal dalam peninjauan pada periode ini.", styles["p"]))

    story.append(Paragraph("8. Penanganan hoaks", styles["h2"]))
    from asri_desktop.core.plan import hoax as hoaxmod

    hx = hoaxmod.list_hoaxes(arch, date_from=lo, date_to=hi)
    if hx:
        names = hoaxmod.outcomes()
        rows = [["Diterima", "Kanal", "Kabar", "Hasil", "Klarifikasi"]]
        for h in hx[:15]:
            rows.append([dates.format_date(times.local_date(h.received_at), weekday=False), h.channel, h.text[:90],
                         names.get(h.outcome, h.outcome), f"aset #{h.clarification_asset_id}" if h.clarification_asset_id else "-"])
        story.append(table(rows, [2.8 * cm, 2.2 * cm, 6.6 * cm, 2.6 * cm, 2.4 * cm], numeric_from=5))
    else:
        story.append(Paragraph("Tidak ada kabar hoaks yang dicatat pada periode ini.", styles["p"]))

    story.append(Paragraph("9. Kuis cepat dan survei kepuasan", styles["h2"]))
    ulo, uhi = times.day_bounds(lo, hi)
    sids = [r[0] for r in arch.conn.execute(
        "SELECT DISTINCT survey_id FROM survey_responses WHERE submitted_at >= ? AND submitted_at < ? ORDER BY survey_id",
        (ulo, uhi))]
    if sids:
        for sid in sids:
            res = survey.results(arch, sid)
            s = res["survey"]
            if s["kind"] == "quiz":
                head_line = (f"<b>{_esc(s['title'])}</b> ({survey.KINDS['quiz']}): {res['respondents']} responden, "
                             f"skor rata-rata {fmt_pct(res['mean_score'])}, paham {fmt_pct(res['comprehension_share'])}")
                rows = [["Pertanyaan", "Dijawab", "Benar"]]
                rows += [[q["text"], fmt_int(q["answers"]), fmt_pct(q["correct_share"])] for q in res["questions"]]
            else:
                mean = f"{res['mean']:.2f}".replace(".", ",") if res["mean"] is not None else "-"
                head_line = (f"<b>{_esc(s['title'])}</b> ({survey.KINDS['satisfaction']}): {res['respondents']} "
                             f"responden, rata-rata {mean}, puas {fmt_pct(res['satisfied_share'])}")
                rows = [["Pernyataan", "Dijawab", "Rata-rata", "Puas"]]
                rows += [[q["text"], fmt_int(q["answers"]),
                          f"{q['mean']:.2f}".replace(".", ",") if q["mean"] is not None else "-",
                          fmt_pct(q["satisfied_share"])] for q in res["questions"]]
            widths = [10.4 * cm, 2 * cm, 2.1 * cm, 2.1 * cm][: len(rows[0])]
            story.append(KeepTogether([Paragraph(head_line, styles["p"]), Spacer(1, 3), table(rows, widths), Spacer(1, 6)]))
    else:
        story.append(Paragraph("Tidak ada jawaban kuis atau survei pada periode ini.", styles["p"]))

    story.append(Spacer(1, 10))
    story.append(Paragraph(
        "Definisi: engagement = suka + komentar + dibagikan + disimpan dari pembacaan angka terakhir tiap unggahan; "
        "tingkat engagement = engagement dibagi jangkauan (gabungan seluruh unggahan yang memiliki keduanya); "
        "waktu respons = selisih waktu komentar diterima dan ditanggapi; minggu dihitung Senin–Minggu WIB.",
        styles["note"]))

    footer = f"{agency.get('name', '')} · Laporan evaluasi {lo.isoformat()} s.d. {hi.isoformat()}"

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(body, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(2 * cm, 1.2 * cm, footer)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Halaman {doc.page}")
        canvas.setStrokeColor(colors.HexColor(NAVY))
        canvas.setLineWidth(2)
        canvas.line(2 * cm, A4[1] - 1.3 * cm, A4[0] - 2 * cm, A4[1] - 1.3 * cm)
        canvas.restoreState()

    tmp = files.temp_beside(out)
    try:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
                                bottomMargin=2 * cm, title="Laporan Evaluasi ASRI",
                                author=agency.get("name", ""), subject=f"{lo.isoformat()} s.d. {hi.isoformat()}")
        pdf_defaults.use_binary_streams()
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
        pages = doc.page
        files.finish(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return ReportResult(out, pages, summ)
