"""Screenshots of every screen with realistic Bangka data: ``python -m asri_desktop.ui.screenshots OUTDIR``.

Seeds a temporary archive (a team of five, a dozen posts about floods, tidal
floods, extreme weather and old tin-mine pits in every workflow state, a sent-back
draft with its reason), opens the main window offscreen at 1280x800, shows each
screen and saves ``<key>.png`` into OUTDIR (default ``docs/screenshots``), plus
``first-start.png``. The person's own archive and preferences are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEAM = (
    ("Rina Aprilia", ["desainer"]),
    ("Budi Santoso", ["editor"]),
    ("Sari Wulandari", ["pengawas"]),
    ("Dewi Lestari", ["koordinator", "desainer"]),
    ("Adi Pratama", ["admin"]),
)

# (kind, title, hazard, location, body, colour, designer, where it ends up)
POSTS = (
    ("poster", "Waspada Banjir Rob di Pesisir Sungailiat", "banjir-rob", "Sungailiat",
     "Pasang tinggi 27-29 November. Segera pindahkan barang berharga ke tempat tinggi.", "#0e4c7a", 0, "published"),
    ("infographic", "Siaga Cuaca Ekstrem Sepekan ke Depan", "cuaca-ekstrem", "Belinyu",
     "Hujan lebat disertai petir dan angin kencang. Hindari berteduh di bawah pohon.", "#4a2f7a", 3, "published"),
    ("poster", "Jauhi Kolong Bekas Tambang Timah", "kolong", "Pemali",
     "Kolong dalam dan licin. Awasi anak-anak, jangan berenang di kolong.", "#7a4a12", 0, "published"),
    ("carousel", "Siapkan Tas Siaga Bencana Keluarga", "banjir", "Merawang",
     "Dokumen penting, obat, senter, air minum, dan nomor darurat 112.", "#1f6b4f", 3, "accuracy_review"),
    ("poster", "Gelombang Tinggi 2,5 Meter di Perairan Bangka", "gelombang-tinggi", "Riau Silip",
     "Nelayan dengan perahu kecil agar tidak melaut sampai 30 November.", "#0b5d6b", 0, "technical_review"),
    ("story", "Evakuasi ke Titik Kumpul Terdekat", "banjir", "Bakam",
     "Ikuti arahan petugas BPBD. Matikan listrik sebelum meninggalkan rumah.", "#9a2d1f", 3, "technical_review"),
    ("hoax", "Hoaks: Bendungan Jebol di Puding Besar", "banjir", "Puding Besar",
     "FAKTA: Tidak ada bendungan jebol. Informasi resmi hanya dari BPBD Kabupaten Bangka.", "#8c1d18", 0, "draft_revise"),
    ("poster", "Cegah Kebakaran Hutan dan Lahan", "karhutla", "Mendo Barat",
     "Jangan membakar lahan. Laporkan titik api ke 112.", "#a3470f", 0, "draft"),
    ("infographic", "Kenali Tanda Angin Puting Beliung", "puting-beliung", "Sungailiat",
     "Awan gelap menggulung dan hawa panas. Segera cari bangunan kokoh.", "#2d4a6b", 3, "published"),
    ("poster", "Musim Kemarau: Hemat Air Bersih", "kekeringan", "Bakam",
     "Tampung air hujan dan gunakan air seperlunya.", "#8a6a12", 3, "draft"),
)


def poster_image(path: Path, title: str, body: str, colour: str, agency: str, phone: str) -> Path:
    """A 1080x1350 poster in the agency's style (header band, title, message, contact band)."""
    from PIL import Image, ImageDraw, ImageFont

    from asri_desktop.core import resources

    w, h = 1080, 1350
    im = Image.new("RGB", (w, h), colour)
    d = ImageDraw.Draw(im)
    bold = ImageFont.truetype(str(resources.font("PlusJakartaSans-ExtraBold.ttf")), 84)
    reg = ImageFont.truetype(str(resources.font("NotoSans-Regular.ttf")), 46)
    small = ImageFont.truetype(str(resources.font("NotoSans-Bold.ttf")), 34)
    d.rectangle([0, 0, w, 120], fill="#ffffff")
    d.text((60, 38), agency.upper(), font=small, fill=colour)
    d.polygon([(w - 160, 100), (w - 100, 20), (w - 40, 100)], outline="#f08a24", width=8)

    def wrap(text: str, font: Any, width: int) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if d.textlength(trial, font=font) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        return lines + [line]

    y = 240
    for line in wrap(title.upper(), bold, w - 120):
        d.text((60, y), line, font=bold, fill="#ffffff")
        y += 100
    y += 40
    d.rectangle([60, y, 220, y + 10], fill="#f08a24")
    y += 60
    for line in wrap(body, reg, w - 120):
        d.text((60, y), line, font=reg, fill="#f3f5f7")
        y += 64
    d.rectangle([0, h - 170, w, h], fill="#10283b")
    d.text((60, h - 140), f"Kontak darurat: 112 · BPBD {phone}", font=small, fill="#ffffff")
    d.text((60, h - 90), "Sumber: BMKG Stasiun Meteorologi Depati Amir", font=small, fill="#c9d6e2")
    im.save(path, "JPEG", quality=88)
    return path


def logo_image(path: Path) -> Path:
    """A simple agency mark (navy disc, orange warning triangle) standing in for the real logo."""
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([8, 8, 248, 248], fill="#10283b")
    d.polygon([(128, 52), (44, 196), (212, 196)], outline="#f08a24", width=14)
    d.rectangle([120, 100, 136, 156], fill="#ffffff")
    d.ellipse([118, 166, 138, 186], fill="#ffffff")
    im.save(path)
    return path


def seed(home: Path) -> Any:
    """Fill a fresh archive at ``home`` with the team and posts; returns the open archive."""
    from asri_desktop.core.archive import Archive

    arch = Archive.open(home)
    for name, roles in TEAM:
        arch.add_member(name, roles)
    rina, budi, sari, dewi, adi = (t[0] for t in TEAM)
    phone = "0717-92345"
    agency = dict(arch.setting("agency"))
    agency["phone"] = phone
    tmp = Path(tempfile.mkdtemp(prefix="asri-shots-media-"))
    agency["logo"] = arch.store.put_file(logo_image(tmp / "logo-bpbd.png"))[0]
    agency["logo_name"] = "logo-bpbd.png"
    arch.set_setting("agency", agency, dewi, comment="Nomor dan logo BPBD diisi")
    contacts = [dict(c) for c in arch.setting("contacts")]
    for c in contacts:
        if c["id"] == "bpbd":
            c["number"] = phone
            c.pop("placeholder", None)
    arch.set_setting("contacts", contacts, dewi, comment="Nomor BPBD diisi")
    to_publish: list[int] = []
    for i, (kind, title, hazard, loc, body, colour, who, end) in enumerate(POSTS):
        designer = (rina, dewi)[0 if who == 0 else 1]
        img = poster_image(tmp / f"poster-{i}.jpg", title, body, colour, agency["name"], phone)
        fields = {"title": title, "body": body, "source": "BMKG", "location": loc,
                  "alt_text": f"Poster {agency['name']}: {title}. {body}"}
        a = arch.import_asset([img], kind=kind, title=title, actor=designer, hazard=hazard, location=loc,
                              fields=fields, note="Versi pertama")
        if end == "draft":
            continue
        arch.submit(a.id, designer)
        if end == "draft_revise":
            arch.review(a.id, "revise", budi, "Sumber data belum dicantumkan di pita bawah; tambahkan tautan "
                                                "rilis resmi BPBD dan perbesar nomor kontak.")
            continue
        if end == "technical_review":
            continue
        arch.review(a.id, "approve", budi, "Resolusi dan format sesuai profil Instagram 4:5.")
        if end == "accuracy_review":
            continue
        reviewer = sari if designer != sari else dewi
        arch.review(a.id, "approve", reviewer, "Isi sesuai peringatan dini BMKG.")
        if end == "approved":
            continue
        arch.schedule(a.id, adi, "Jadwal unggah 07.00 WIB")
        if end == "published":
            to_publish.append(a.id)
    _seed_templates(arch, tmp, designer=rina, editor=budi)
    _seed_monitoring(arch, adi, to_publish)
    _seed_plan(arch, dewi, rina)
    return arch


def _seed_templates(arch: Any, tmp: Path, *, designer: str, editor: str) -> None:
    """Posts made from the real templates' samples, as Buat Konten saves them, two waiting for review."""
    from asri_desktop.core.templates import export, list_templates

    settings = arch.settings()
    for i, spec in enumerate(list_templates()):
        if spec.id not in ("peringatan-dini", "infografis", "hoaks-fakta"):
            continue
        data = spec.sample()
        variant = spec.variants[0].id
        out = tmp / f"tpl-{spec.id}"
        manifest = export(spec, data, out, variant=variant, settings=settings, base_dir=spec.sample_path.parent)
        files = [out / f["name"] for f in manifest["files"] if f["name"].endswith((".jpg", ".png"))]
        loc = data.get("location")
        loc = loc.get("kecamatan") if isinstance(loc, dict) else loc
        loc = ", ".join(loc) if isinstance(loc, list) else loc
        fields = {**data, "template_variant": variant, "alt_text": manifest.get("alt_text", ""),
                  "caption": manifest.get("caption", "")}
        a = arch.import_asset(files, kind=spec.kind, title=data["title"], actor=designer, hazard=data.get("hazard"),
                              location=loc,
                              template_id=spec.id, fields=fields, note="Dibuat dari templat")
        arch.submit(a.id, designer)
        if spec.id == "hoaks-fakta":
            arch.review(a.id, "approve", editor, "Elemen wajib dan resolusi sesuai.")


def _seed_monitoring(arch: Any, admin: str, asset_ids: list[int]) -> None:
    """Publications of ``asset_ids`` over the past weeks, recorded as the admin does, with monitoring figures."""
    try:
        from datetime import timedelta

        from asri_desktop.core import dates
        from asri_desktop.core.plan import metrics, publications
    except ImportError:
        return
    if not asset_ids:
        return
    today = dates.today()
    figures = ((4200, 6100, 310, 42, 65, 28), (2600, 3900, 150, 12, 31, 9), (5100, 7600, 420, 58, 97, 40),
               (1800, 2500, 90, 7, 12, 5))
    for n, asset_id in enumerate(asset_ids):
        day = today - timedelta(days=3 + 8 * n)
        platform = ("instagram", "facebook", "tiktok", "whatsapp")[n % 4]
        pub = publications.publish(arch, asset_id, platform=platform, url=f"https://{platform}.com/bpbdbangka/{asset_id}",
                                   at=f"{day.isoformat()} 07.00", actor=admin)
        reach, imp, likes, comments, shares, saves = figures[n % len(figures)]
        metrics.add(arch, pub.id, read_at=f"{(day + timedelta(days=3)).isoformat()} 09.00", actor=admin,
                    values={"reach": reach, "impressions": imp, "likes": likes, "comments": comments,
                            "shares": shares, "saves": saves})


def make_video(folder: Path) -> tuple[Path, Path]:
    """A short 9:16 test video with a tone and a subtitle file with a few typical mistakes."""
    import subprocess

    from asri_desktop.core.media.ffmpeg import ffmpeg_exe

    video = folder / "video-banjir-rob.mp4"
    subprocess.run([ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=360x640:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=44100", "-t", "64",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    str(video)], check=True)
    subs = folder / "video-banjir-rob.srt"
    cues = [
        (1.0, 5.5, "Pasang air laut maksimum diprakirakan\nterjadi 26 sampai 29 November."),
        (6.0, 9.0, "Pindahkan dokumen dan barang berharga ke tempat yang tinggi sebelum air masuk rumah."),
        (9.02, 14.0, "Matikan aliran listrik\njika air mulai masuk."),
        (20.0, 26.0, "Jauhi pantai dan muara\nsaat air pasang tertinggi."),
        (40.0, 46.0, "Hubungi 112 atau BPBD Kabupaten Bangka."),
    ]
    lines = []
    for i, (a, b, text) in enumerate(cues, 1):
        def ts(t: float) -> str:
            return f"00:{int(t) // 60:02d}:{int(t) % 60:02d},{round((t % 1) * 1000):03d}"
        lines += [str(i), f"{ts(a)} --> {ts(b)}", *text.split("\n"), ""]
    subs.write_text("\n".join(lines), encoding="utf-8")
    return video, subs


def _seed_plan(arch: Any, coordinator: str, designer: str) -> None:
    """This week's plan (when the plan module is installed): due items and scheduled posts."""
    try:
        from asri_desktop.core import dates
        from asri_desktop.core.plan import calendar
    except ImportError:
        return
    days = calendar.week_days(dates.today())
    plan = (
        ("Waspada banjir rob pekan depan", "poster", "banjir-rob", 0, {"instagram": "08:00"}),
        ("Tas siaga bencana keluarga", "carousel", "banjir", 2, {"instagram": "19:00", "facebook": "19:00"}),
        ("Jauhi kolong bekas tambang", "story", "kolong", 4, {"whatsapp": "07:00"}),
        ("Ralat jadwal pasang tinggi", "correction", "banjir-rob", 5, {}),
    )
    for topic, kind, hazard, offset, slots in plan:
        day = days[offset].isoformat()
        try:
            calendar.add_item(arch, topic=topic, kind=kind, due_date=day, actor=coordinator, hazard=hazard,
                              slots={p: f"{day}T{t}" for p, t in slots.items()}, assignee=designer,
                              status="terjadwal" if slots else "rencana")
        except Exception as exc:  # noqa: BLE001 - the plan module's own rules; screenshots go on without it
            print(f"rencana '{topic}' dilewati: {exc}", file=sys.stderr)


def _extra_view(key: str, screen: Any, arch: Any, member: Any, work: Path) -> str | None:
    """A second picture of some screens: Arsip's photo consents, Pengaturan's replication pack preview."""
    if key == "archive" and hasattr(screen, "consents") and screen.selected_id is not None:
        from asri_desktop.core.plan import consent

        consent.record(arch, person="Siti Aminah", contact="0812-7788-1122", asset_id=screen.selected_id,
                       use="Foto warga di poster banjir, Instagram dan Facebook BPBD", granted_on="2026-11-20",
                       actor=member.name, note="Izin lisan, direkam di posko Sungailiat")
        gone = consent.record(arch, person="Rudi Hartono", contact="0813-1234-5678", asset_id=screen.selected_id,
                              use="Foto evakuasi di carousel", granted_on="2026-11-18", actor=member.name)
        consent.revoke(arch, gone.id, member.name, on="2026-11-25")
        screen.refresh()
        screen.tabs.setCurrentWidget(screen.consents)
        return "archive-consent.png"
    if key == "settings" and hasattr(screen, "pack_tab"):
        from asri_desktop.core.archive import Archive
        from asri_desktop.core.plan import replication

        # Another regency's archive: one more location and a different number for an existing contact.
        other = Archive.open(work / "belitung")
        other.add_member("Tono", ["admin"])
        contacts = other.setting("contacts")
        contacts[-1] = {k: v for k, v in contacts[-1].items() if k != "placeholder"} | {"number": "0719-21000"}
        other.set_setting("contacts", contacts, "Tono")
        other.set_setting("kecamatan", [*other.setting("kecamatan"), {"name": "Tanjung Pandan"}], "Tono")
        pack = work / "paket-belitung.asripack"
        replication.export_pack(other, pack)
        other.close()
        screen.tabs.setCurrentWidget(screen.pack_tab)
        screen.pack_tab.open_pack(pack)
        return "settings-pack.png"
    return None


def _settle(app: Any, seconds: float = 0.3) -> None:
    from asri_desktop.ui import tasks

    end = time.monotonic() + 15
    while time.monotonic() < end:
        app.processEvents()
        if tasks.running() == 0:
            break
        time.sleep(0.02)
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        app.processEvents()
        time.sleep(0.01)


def save(widget: Any, path: Path) -> None:
    """Grab ``widget`` into an optimized PNG."""
    from PIL import Image

    img = widget.grab().toImage()
    tmp = path.with_suffix(".raw.png")
    img.save(str(tmp))
    with Image.open(tmp) as im:
        im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True)
    tmp.unlink()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="asri-shots-"))
    os.environ["ASRI_HOME"] = str(work / "home")
    os.environ["ASRI_UI_SETTINGS"] = str(work / "ui.ini")

    from PySide6.QtWidgets import QApplication

    from asri_desktop.ui.app import setup_application
    from asri_desktop.ui.first_start import FirstStartDialog
    from asri_desktop.ui.main_window import MainWindow
    from asri_desktop.ui.writer import Writer

    app = QApplication.instance() or QApplication(["asri-screenshots"])
    setup_application(app)
    arch = seed(work / "home")
    writer = Writer(arch.home)
    written = []
    try:
        dlg = FirstStartDialog(arch, writer)
        dlg.member_combo.setCurrentIndex(dlg.member_combo.count() - 1)
        dlg.name_edit.setText("Fajar Nugroho")
        dlg.role_checks["desainer"].setChecked(True)
        dlg.resize(680, dlg.sizeHint().height())
        dlg.show()
        _settle(app)
        save(dlg, out / "first-start.png")
        written.append("first-start.png")
        dlg.close()

        views = {"review": "Budi Santoso"}
        for key in ("home", "create", "video", "review", "archive", "plan", "monitoring", "evaluation", "log",
                    "settings"):
            member = arch.member(views.get(key, "Dewi Lestari"))
            win = MainWindow(arch, writer, member)
            win.resize(1280, 800)
            if key not in win.keys():
                win.close()
                continue
            win.show()
            screen = win.show_screen(key)
            _settle(app)
            if key == "archive":
                screen.select_asset(arch.asset_ids()[-1])
            if key == "review" and hasattr(screen, "select_asset"):
                # A post made from a template, so the automated findings and checklist are filled in.
                row = arch.conn.execute("SELECT id FROM assets WHERE template_id IS NOT NULL AND state = ?"
                                        " ORDER BY id DESC LIMIT 1", ("technical_review",)).fetchone()
                if row:
                    screen.select_asset(row[0])
                    _settle(app, 1.5)
            if key == "log":
                screen.verify()
            if key == "video" and hasattr(screen, "open_video"):
                video, subs = make_video(work)
                screen.open_video(video, check=False)
                screen.open_subtitles(subs)
                _settle(app, 1.0)
                screen.seek(5.0)  # a moment with a caption on screen (playback shows it under a real display)
                _settle(app, 1.0)
            if key == "create" and hasattr(screen, "fill_sample"):
                screen.fill_sample()  # the template's own sample text, so the preview shows a real post
                _settle(app, 1.5)
            _settle(app, 0.5)
            save(win, out / f"{key}.png")
            written.append(f"{key}.png")
            extra = _extra_view(key, screen, arch, member, work)
            if extra:
                _settle(app, 1.0)
                save(win, out / extra)
                written.append(extra)
            win.close()
            win.deleteLater()
            app.processEvents()
    finally:
        writer.close()
        arch.close()
    print("\n".join(str(out / w) for w in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
