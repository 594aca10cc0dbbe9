"""Plan, publish, monitor, evaluate: plan, publish, publication, correction, metrics, comment, hoax,
consent, survey, report, pack.

Printing only; every decision is in ``asri_desktop.core.plan``. An import that
refused some rows exits 1 (the good rows are saved) so scripts notice.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from asri_desktop.cli.common import add_json, emit, open_archive, print_json
from asri_desktop.core.errors import InputError


def _as(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--as", dest="actor", required=required, metavar="NAMA", help="anggota tim yang melakukan")


def _range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", metavar="TTTT-BB-HH")
    p.add_argument("--to", dest="date_to", metavar="TTTT-BB-HH")


def _slots(values: list[str] | None) -> dict[str, str]:
    out = {}
    for v in values or []:
        if "=" not in v:
            raise InputError(f"--slot '{v}' tidak valid: tulis PLATFORM=WAKTU, mis. instagram='2026-12-01 09.00'.")
        k, _, t = v.partition("=")
        out[k.strip()] = t.strip()
    return out


def _fields(path: str | None) -> dict[str, Any] | None:
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"Berkas isian {path} tidak dapat dibaca ({exc.strerror or exc}).") from exc
    except ValueError as exc:
        raise InputError(f"Berkas isian {path} bukan JSON yang valid ({exc}).") from exc
    if not isinstance(data, dict):
        raise InputError(f"Berkas isian {path} harus berisi objek JSON {{\"kunci\": \"nilai\"}}.")
    return data


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    # ---------------------------------------------------------------- plan
    plan = sub.add_parser("plan", parents=[common], help="rencana konten mingguan (kalender)")
    ps = plan.add_subparsers(dest="plan_cmd", metavar="AKSI", required=True)
    p = ps.add_parser("add", parents=[common], help="tambah butir rencana")
    p.add_argument("--topic", required=True, help="topik konten")
    p.add_argument("--kind", required=True, help="poster, infographic, carousel, story, video, warning, hoax, correction")
    p.add_argument("--due", required=True, metavar="TTTT-BB-HH", help="tenggat konten siap")
    p.add_argument("--hazard", help="jenis bencana (id atau nama dari pengaturan)")
    p.add_argument("--platform", action="append", default=[], help="platform tujuan (boleh diulang)")
    p.add_argument("--slot", action="append", metavar="PLATFORM=WAKTU",
                   help="jadwal tayang per platform, mis. instagram='2026-12-01 09.00' (WIB; boleh diulang)")
    p.add_argument("--assignee", metavar="NAMA", help="penanggung jawab")
    p.add_argument("--status", default="rencana", help="rencana, produksi, terjadwal, terbit, batal")
    p.add_argument("--notes", default="")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_add)
    p = ps.add_parser("update", parents=[common], help="ubah butir rencana")
    p.add_argument("item", metavar="ID")
    for opt in ("topic", "kind", "due", "hazard", "assignee", "status", "notes"):
        p.add_argument(f"--{opt}")
    p.add_argument("--platform", action="append", help="ganti daftar platform (boleh diulang)")
    p.add_argument("--slot", action="append", metavar="PLATFORM=WAKTU", help="ganti semua jadwal tayang")
    p.add_argument("--asset", help="aset yang mewujudkan rencana ini")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_update)
    p = ps.add_parser("start", parents=[common], help="jadikan butir rencana sebuah aset draf")
    p.add_argument("item", metavar="ID")
    p.add_argument("--template")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_start)
    p = ps.add_parser("schedule", parents=[common], help="jadwalkan aset rencana yang sudah disetujui (Admin Platform)")
    p.add_argument("item", metavar="ID")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_schedule)
    p = ps.add_parser("list", parents=[common], help="daftar rencana")
    _range(p)
    p.add_argument("--status")
    add_json(p)
    p.set_defaults(func=cmd_plan_list)
    p = ps.add_parser("export", parents=[common], help="ekspor rencana ke iCalendar, CSV atau XLSX")
    p.add_argument("--format", required=True, choices=["ics", "csv", "xlsx"])
    p.add_argument("--out", required=True, metavar="BERKAS")
    _range(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_export)
    p = ps.add_parser("import", parents=[common], help="impor rencana dari CSV, XLSX atau ICS (setiap baris diperiksa)")
    p.add_argument("file", metavar="BERKAS")
    p.add_argument("--dry-run", action="store_true", help="hanya pratinjau; tidak ada yang disimpan")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_plan_import)

    # ---------------------------------------------------------------- publish
    p = sub.add_parser("publish", parents=[common], help="catat publikasi (platform, tautan, waktu) dan tandai terpublikasi")
    p.add_argument("asset", metavar="ASET")
    p.add_argument("--platform", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--at", required=True, metavar="WAKTU", help="waktu tayang, mis. '2026-12-01 09.00' (WIB)")
    p.add_argument("--plan", dest="plan_item", metavar="ID", help="butir rencana yang dipenuhi")
    p.add_argument("--comment", default="")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_publish)
    pub = sub.add_parser("publication", parents=[common], help="daftar publikasi")
    pbs = pub.add_subparsers(dest="pub_cmd", metavar="AKSI", required=True)
    p = pbs.add_parser("list", parents=[common], help="daftar publikasi")
    p.add_argument("--asset")
    p.add_argument("--platform")
    _range(p)
    add_json(p)
    p.set_defaults(func=cmd_publication_list)
    p = sub.add_parser("correction", parents=[common], help="mulai Ralat atas unggahan yang sudah tayang")
    p.add_argument("asset", metavar="ASET", help="aset asli yang dikoreksi")
    p.add_argument("--title")
    p.add_argument("--fields", metavar="ISIAN.json", help="isian templat Ralat (JSON)")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_correction)

    # ---------------------------------------------------------------- metrics
    met = sub.add_parser("metrics", parents=[common], help="angka monitoring per unggahan")
    ms = met.add_subparsers(dest="metrics_cmd", metavar="AKSI", required=True)
    p = ms.add_parser("add", parents=[common], help="ketik angka satu unggahan")
    p.add_argument("publication", metavar="PUBLIKASI", help="ID publikasi atau tautannya")
    p.add_argument("--read-at", required=True, metavar="WAKTU", help="kapan angka dibaca (WIB)")
    for f in ("reach", "impressions", "likes", "comments", "shares", "saves", "link-clicks"):
        p.add_argument(f"--{f}", metavar="N")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_metrics_add)
    p = ms.add_parser("import", parents=[common], help="impor ekspor CSV/XLSX Meta Business Suite atau TikTok")
    p.add_argument("file", metavar="BERKAS")
    p.add_argument("--source", required=True, choices=["meta", "tiktok"])
    p.add_argument("--read-at", metavar="WAKTU", help="kapan angka dibaca bila berkas tidak punya kolom tanggal")
    p.add_argument("--dry-run", action="store_true")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_metrics_import)
    p = ms.add_parser("show", parents=[common], help="KPI dan angka per unggahan untuk satu periode")
    _range(p)
    add_json(p)
    p.set_defaults(func=cmd_metrics_show)

    # ---------------------------------------------------------------- comments
    com = sub.add_parser("comment", parents=[common], help="moderasi komentar per unggahan")
    cs = com.add_subparsers(dest="comment_cmd", metavar="AKSI", required=True)
    p = cs.add_parser("add", parents=[common], help="catat komentar yang masuk")
    p.add_argument("publication", metavar="PUBLIKASI")
    p.add_argument("--text", required=True)
    p.add_argument("--category", required=True, help="pertanyaan, laporan, keluhan, apresiasi, hoaks, spam, lainnya")
    p.add_argument("--at", required=True, metavar="WAKTU")
    p.add_argument("--author", default="")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_comment_add)
    p = cs.add_parser("handle", parents=[common], help="catat tanggapan atas komentar")
    p.add_argument("comment", metavar="ID")
    p.add_argument("--response", required=True)
    p.add_argument("--at", metavar="WAKTU", help="bawaan: sekarang")
    p.add_argument("--category")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_comment_handle)
    p = cs.add_parser("list", parents=[common], help="daftar komentar")
    p.add_argument("--publication")
    p.add_argument("--category")
    p.add_argument("--open", action="store_true", help="hanya yang belum ditanggapi")
    add_json(p)
    p.set_defaults(func=cmd_comment_list)

    # ---------------------------------------------------------------- hoax
    hx = sub.add_parser("hoax", parents=[common], help="log hoaks: kabar, verifikasi, klarifikasi")
    hs = hx.add_subparsers(dest="hoax_cmd", metavar="AKSI", required=True)
    p = hs.add_parser("add", parents=[common], help="catat kabar yang diterima")
    p.add_argument("--text", required=True)
    p.add_argument("--channel", required=True, help="dari mana: WhatsApp, Facebook, telepon ...")
    p.add_argument("--at", required=True, metavar="WAKTU")
    p.add_argument("--hazard")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_hoax_add)
    p = hs.add_parser("verify", parents=[common], help="catat hasil verifikasi dengan sumber resmi")
    p.add_argument("hoax", metavar="ID")
    p.add_argument("--with", dest="authority", required=True, help="kontak atau sumber dari daftar (mis. bmkg, bpbd, 112)")
    p.add_argument("--outcome", required=True, help="hoaks, fakta, sebagian, tidak_dapat")
    p.add_argument("--verdict", required=True, help="fakta/penjelasan hasil verifikasi")
    p.add_argument("--at", metavar="WAKTU")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_hoax_verify)
    p = hs.add_parser("link", parents=[common], help="tautkan aset Hoaks vs Fakta sebagai klarifikasi")
    p.add_argument("hoax", metavar="ID")
    p.add_argument("--asset", required=True)
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_hoax_link)
    p = hs.add_parser("clarify", parents=[common], help="mulai draf Hoaks vs Fakta untuk kabar yang sudah diverifikasi")
    p.add_argument("hoax", metavar="ID")
    p.add_argument("--title")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_hoax_clarify)
    p = hs.add_parser("list", parents=[common], help="daftar log hoaks")
    p.add_argument("--outcome")
    _range(p)
    add_json(p)
    p.set_defaults(func=cmd_hoax_list)

    # ---------------------------------------------------------------- consent
    co = sub.add_parser("consent", parents=[common], help="catatan izin penggunaan foto warga")
    css = co.add_subparsers(dest="consent_cmd", metavar="AKSI", required=True)
    p = css.add_parser("add", parents=[common], help="catat izin")
    p.add_argument("--person", required=True)
    p.add_argument("--contact", required=True)
    p.add_argument("--use", required=True, help="penggunaan yang diizinkan")
    p.add_argument("--date", required=True, metavar="TTTT-BB-HH")
    p.add_argument("--asset")
    p.add_argument("--note", default="")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_consent_add)
    p = css.add_parser("revoke", parents=[common], help="catat pencabutan izin")
    p.add_argument("consent", metavar="ID")
    p.add_argument("--date", metavar="TTTT-BB-HH")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_consent_revoke)
    p = css.add_parser("list", parents=[common], help="daftar izin")
    p.add_argument("--asset")
    add_json(p)
    p.set_defaults(func=cmd_consent_list)

    # ---------------------------------------------------------------- survey
    sv = sub.add_parser("survey", parents=[common], help="kuis cepat dan survei kepuasan")
    ss = sv.add_subparsers(dest="survey_cmd", metavar="AKSI", required=True)
    p = ss.add_parser("create", parents=[common], help="buat kuis atau survei (pertanyaan bawaan bila tanpa --questions)")
    p.add_argument("--kind", required=True, choices=["quiz", "satisfaction"])
    p.add_argument("--title", required=True)
    p.add_argument("--campaign", default="")
    p.add_argument("--questions", metavar="PERTANYAAN.json")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_survey_create)
    p = ss.add_parser("answer", parents=[common], help="ketik jawaban satu responden")
    p.add_argument("survey", metavar="ID")
    p.add_argument("--answer", action="append", required=True, metavar="NO=JAWABAN")
    p.add_argument("--respondent", default="")
    p.add_argument("--at", metavar="WAKTU")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_survey_answer)
    p = ss.add_parser("import", parents=[common], help="impor jawaban dari CSV/XLSX (satu baris per responden)")
    p.add_argument("survey", metavar="ID")
    p.add_argument("file", metavar="BERKAS")
    _as(p)
    add_json(p)
    p.set_defaults(func=cmd_survey_import)
    p = ss.add_parser("results", parents=[common], help="skor kuis/survei")
    p.add_argument("survey", metavar="ID")
    add_json(p)
    p.set_defaults(func=cmd_survey_results)

    # ---------------------------------------------------------------- report and pack
    p = sub.add_parser("report", parents=[common], help="laporan evaluasi PDF untuk tinjauan strategi")
    p.add_argument("--from", dest="date_from", required=True, metavar="TTTT-BB-HH")
    p.add_argument("--to", dest="date_to", required=True, metavar="TTTT-BB-HH")
    p.add_argument("--out", required=True, metavar="BERKAS.pdf")
    add_json(p)
    p.set_defaults(func=cmd_report)
    pk = sub.add_parser("pack", parents=[common], help="paket replikasi untuk kecamatan/OPD lain")
    pks = pk.add_subparsers(dest="pack_cmd", metavar="AKSI", required=True)
    p = pks.add_parser("export", parents=[common], help="ekspor templat, daftar periksa, tabel platform, kontak, lokasi, sumber")
    p.add_argument("file", metavar="BERKAS")
    add_json(p)
    p.set_defaults(func=cmd_pack_export)
    p = pks.add_parser("import", parents=[common], help="impor paket (tampilkan perubahan; tidak menimpa tanpa --replace)")
    p.add_argument("file", metavar="BERKAS")
    p.add_argument("--dry-run", action="store_true", help="hanya pratinjau perubahan")
    p.add_argument("--replace", action="store_true", help="ganti butir yang berbeda dengan isi paket")
    _as(p, required=False)
    add_json(p)
    p.set_defaults(func=cmd_pack_import)


# -------------------------------------------------------------------- handlers
def _item_text(it: Any) -> str:
    from asri_desktop.core import dates
    from asri_desktop.core.plan import times, vocab

    plats = vocab.platforms()
    slots = ", ".join(f"{plats.get(p, p)} {times.format_local(at)}" for p, at in it.slots.items())
    return (f"#{it.id} [{vocab.statuses().get(it.status, it.status)}] {it.topic} — {vocab.kinds().get(it.kind, it.kind)}, "
            f"tenggat {dates.format_date(it.due_date)}" + (f", jadwal: {slots} WIB" if slots else "")
            + (f", oleh {it.assignee}" if it.assignee else "") + (f", aset #{it.asset_id}" if it.asset_id else ""))


def cmd_plan_add(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        it = calendar.add_item(arch, topic=args.topic, kind=args.kind, due_date=args.due, actor=args.actor,
                               hazard=args.hazard, platforms=args.platform, slots=_slots(args.slot),
                               assignee=args.assignee, status=args.status, notes=args.notes)
        emit(args, it.to_dict(), f"Rencana ditambahkan: {_item_text(it)}")
    return 0


def cmd_plan_update(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    changes: dict[str, Any] = {}
    for opt, key in (("topic", "topic"), ("kind", "kind"), ("due", "due_date"), ("hazard", "hazard"),
                     ("assignee", "assignee"), ("status", "status"), ("notes", "notes"), ("asset", "asset_id")):
        if getattr(args, opt) is not None:
            changes[key] = getattr(args, opt)
    if args.platform is not None:
        changes["platforms"] = args.platform
    if args.slot is not None:
        changes["slots"] = _slots(args.slot)
    with open_archive(args) as arch:
        it = calendar.update_item(arch, args.item, args.actor, **changes)
        emit(args, it.to_dict(), f"Rencana diperbarui: {_item_text(it)}")
    return 0


def cmd_plan_start(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        asset = calendar.start_asset(arch, args.item, args.actor, template_id=args.template)
        emit(args, asset.to_dict(), f"Aset draf #{asset.id} dibuat dari rencana #{args.item}: {asset.title}")
    return 0


def cmd_plan_schedule(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        it = calendar.schedule_asset(arch, args.item, args.actor)
        emit(args, it.to_dict(), f"Aset #{it.asset_id} terjadwal: {_item_text(it)}")
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        items = calendar.list_items(arch, args.date_from, args.date_to, args.status)
        emit(args, [i.to_dict() for i in items],
             "\n".join(_item_text(i) for i in items) if items else "Belum ada rencana pada periode ini.")
    return 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        n = calendar.export_plan(arch, args.format, args.out, args.date_from, args.date_to)
        what = "acara" if args.format == "ics" else "baris"
        emit(args, {"format": args.format, "out": args.out, "count": n}, f"{n} {what} ditulis ke {args.out}")
    return 0


def cmd_plan_import(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import calendar

    with open_archive(args) as arch:
        rep = calendar.import_plan(arch, args.file, args.actor, dry_run=args.dry_run)
        emit(args, rep.to_dict(), rep.summary())
    return 1 if rep.errors else 0


def cmd_publish(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import publications, times, vocab

    with open_archive(args) as arch:
        pub = publications.publish(arch, args.asset, platform=args.platform, url=args.url, at=args.at,
                                   actor=args.actor, plan_item_id=args.plan_item, comment=args.comment)
        emit(args, pub.to_dict(), f"Publikasi #{pub.id} dicatat: aset #{pub.asset_id} di "
                                  f"{vocab.platforms()[pub.platform]}, {times.format_local(pub.published_at)} WIB, {pub.url}")
    return 0


def cmd_publication_list(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import publications, times, vocab

    with open_archive(args) as arch:
        pubs = publications.list_publications(arch, asset_id=int(args.asset) if args.asset else None,
                                              date_from=args.date_from, date_to=args.date_to, platform=args.platform)
        plats = vocab.platforms()
        text = "\n".join(f"#{p.id} aset #{p.asset_id} {p.title} — {plats.get(p.platform, p.platform)}, "
                         f"{times.format_local(p.published_at)} WIB, {p.url}" for p in pubs)
        emit(args, [p.to_dict() for p in pubs], text or "Belum ada publikasi.")
    return 0


def cmd_correction(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import publications

    with open_archive(args) as arch:
        asset = publications.start_correction(arch, args.asset, args.actor, _fields(args.fields), title=args.title)
        emit(args, asset.to_dict(), f"Ralat dimulai: aset draf #{asset.id} '{asset.title}' mengoreksi aset "
                                    f"#{asset.corrects_asset_id}. Kirim ke peninjauan seperti biasa.")
    return 0


def _publication_id(arch: Any, ref: str) -> int:
    from asri_desktop.core.plan import publications

    if ref.strip().isdigit():
        return int(ref)
    pub = publications.find_by_url(arch, ref)
    if pub is None:
        raise InputError(f"Publikasi dengan tautan {ref} belum tercatat.")
    return pub.id


def cmd_metrics_add(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import metrics

    values = {f: getattr(args, f) for f in ("reach", "impressions", "likes", "comments", "shares", "saves", "link_clicks")
              if getattr(args, f) is not None}
    with open_archive(args) as arch:
        r = metrics.add(arch, _publication_id(arch, args.publication), read_at=args.read_at, actor=args.actor,
                        values=values)
        labels = metrics.fields()
        emit(args, r.to_dict(), f"Angka publikasi #{r.publication_id} disimpan: "
             + ", ".join(f"{labels[k]} {v}" for k, v in r.values.items() if v is not None))
    return 0


def cmd_metrics_import(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import metrics

    with open_archive(args) as arch:
        rep = metrics.import_file(arch, args.file, args.source, args.actor, read_at=args.read_at, dry_run=args.dry_run)
        emit(args, rep.to_dict(), rep.summary())
    return 1 if rep.errors else 0


def cmd_metrics_show(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import kpi
    from asri_desktop.core.plan.report import fmt_int, fmt_minutes, fmt_pct

    with open_archive(args) as arch:
        summ = kpi.summary(arch, args.date_from, args.date_to)
        posts = kpi.post_figures(arch, args.date_from, args.date_to)
        if getattr(args, "json", False):
            print_json({"summary": summ, "posts": [p.to_dict() for p in posts],
                        "weeks": [w.to_dict() for w in kpi.weekly(arch, args.date_from, args.date_to)]})
            return 0
        print(f"Periode {summ['from']} s.d. {summ['to']}: {summ['posts']} unggahan, jangkauan {fmt_int(summ['reach'])}, "
              f"impresi {fmt_int(summ['impressions'])}, engagement {fmt_int(summ['engagement'])} "
              f"({fmt_pct(summ['engagement_rate'])}), respons median {fmt_minutes(summ['response_minutes_median'])}.")
        for p in posts:
            print(f"  publikasi #{p.publication_id} {p.title} [{p.platform}]: jangkauan {fmt_int(p.reach)}, "
                  f"engagement {fmt_int(p.engagement)} ({fmt_pct(p.rate)})")
    return 0


def cmd_comment_add(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import comments

    with open_archive(args) as arch:
        c = comments.record(arch, _publication_id(arch, args.publication), text=args.text, category_id=args.category,
                            received_at=args.at, actor=args.actor, author=args.author)
        emit(args, c.to_dict(), f"Komentar #{c.id} dicatat ({comments.categories()[c.category]}).")
    return 0


def cmd_comment_handle(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import comments
    from asri_desktop.core.plan.report import fmt_minutes

    with open_archive(args) as arch:
        c = comments.handle(arch, args.comment, response=args.response, actor=args.actor, at=args.at,
                            category_id=args.category)
        emit(args, c.to_dict(), f"Komentar #{c.id} ditangani; waktu respons {fmt_minutes(c.response_minutes)}.")
    return 0


def cmd_comment_list(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import comments
    from asri_desktop.core.plan.report import fmt_minutes

    with open_archive(args) as arch:
        pid = _publication_id(arch, args.publication) if args.publication else None
        items = comments.list_comments(arch, publication_id=pid, category_id=args.category, open_only=args.open)
        cats = comments.categories()
        text = "\n".join(f"#{c.id} publikasi #{c.publication_id} [{cats.get(c.category, c.category)}] {c.text[:70]} — "
                         + (f"ditangani {c.handled_by} ({fmt_minutes(c.response_minutes)})" if c.handled_at else "BELUM ditanggapi")
                         for c in items)
        emit(args, [c.to_dict() for c in items], text or "Tidak ada komentar.")
    return 0


def _hoax_text(h: Any) -> str:
    from asri_desktop.core.plan import hoax, times

    out = hoax.outcomes()
    return (f"#{h.id} [{out.get(h.outcome, h.outcome)}] {h.text[:80]} — via {h.channel}, "
            f"{times.format_local(h.received_at)} WIB"
            + (f"; diverifikasi dengan {h.authority}: {h.verdict}" if h.verified_at else "")
            + (f"; klarifikasi aset #{h.clarification_asset_id}" if h.clarification_asset_id else ""))


def cmd_hoax_add(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import hoax

    with open_archive(args) as arch:
        h = hoax.record(arch, text=args.text, channel=args.channel, received_at=args.at, actor=args.actor,
                        hazard=args.hazard)
        emit(args, h.to_dict(), f"Hoaks dicatat: {_hoax_text(h)}")
    return 0


def cmd_hoax_verify(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import hoax

    with open_archive(args) as arch:
        h = hoax.verify(arch, args.hoax, authority=args.authority, outcome=args.outcome, verdict=args.verdict,
                        actor=args.actor, at=args.at)
        emit(args, h.to_dict(), f"Verifikasi dicatat: {_hoax_text(h)}")
    return 0


def cmd_hoax_link(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import hoax

    with open_archive(args) as arch:
        h = hoax.link_clarification(arch, args.hoax, args.asset, args.actor)
        emit(args, h.to_dict(), f"Klarifikasi ditautkan: {_hoax_text(h)}")
    return 0


def cmd_hoax_clarify(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import hoax

    with open_archive(args) as arch:
        asset = hoax.start_clarification(arch, args.hoax, args.actor, title=args.title)
        emit(args, asset.to_dict(), f"Draf Hoaks vs Fakta #{asset.id} dibuat dan ditautkan ke hoaks #{args.hoax}.")
    return 0


def cmd_hoax_list(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import hoax

    with open_archive(args) as arch:
        items = hoax.list_hoaxes(arch, outcome=args.outcome, date_from=args.date_from, date_to=args.date_to)
        emit(args, [h.to_dict() for h in items], "\n".join(_hoax_text(h) for h in items) or "Log hoaks kosong.")
    return 0


def _consent_text(c: Any) -> str:
    return (f"#{c.id} {c.person} ({c.contact}) — {c.use}; {c.granted_on}"
            + (f", aset #{c.asset_id}" if c.asset_id else "") + (f", DICABUT {c.revoked_on}" if c.revoked_on else ""))


def cmd_consent_add(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import consent

    with open_archive(args) as arch:
        c = consent.record(arch, person=args.person, contact=args.contact, use=args.use, granted_on=args.date,
                           actor=args.actor, asset_id=args.asset, note=args.note)
        emit(args, c.to_dict(), f"Izin dicatat: {_consent_text(c)}")
    return 0


def cmd_consent_revoke(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import consent

    with open_archive(args) as arch:
        c = consent.revoke(arch, args.consent, args.actor, on=args.date)
        emit(args, c.to_dict(), f"Izin dicabut: {_consent_text(c)}")
    return 0


def cmd_consent_list(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import consent

    with open_archive(args) as arch:
        items = consent.list_consents(arch, asset_id=int(args.asset) if args.asset else None)
        emit(args, [c.to_dict() for c in items], "\n".join(_consent_text(c) for c in items) or "Belum ada catatan izin.")
    return 0


def cmd_survey_create(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import survey

    questions = survey.load_questions(args.questions) if args.questions else None
    with open_archive(args) as arch:
        s = survey.create(arch, args.kind, args.title, args.actor, questions=questions, campaign=args.campaign)
        lines = [f"{survey.KINDS[s.kind]} #{s.id} dibuat: {s.title}"]
        for q in s.questions:
            opts = f" [{' | '.join(q.options)}]" if q.options else ""
            lines.append(f"  {q.position}. {q.text}{opts}")
        emit(args, s.to_dict(), "\n".join(lines))
    return 0


def cmd_survey_answer(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import survey

    answers: dict[int, str] = {}
    for a in args.answer:
        k, sep, v = a.partition("=")
        if not sep or not k.strip().isdigit():
            raise InputError(f"--answer '{a}' tidak valid: tulis NOMOR=JAWABAN, mis. 1=B atau 2=5.")
        answers[int(k)] = v.strip()
    with open_archive(args) as arch:
        rid = survey.add_response(arch, args.survey, answers, args.actor, respondent=args.respondent, at=args.at)
        emit(args, {"response_id": rid}, f"Jawaban #{rid} disimpan.")
    return 0


def cmd_survey_import(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import survey

    with open_archive(args) as arch:
        rep = survey.import_responses(arch, args.survey, args.file, args.actor)
        emit(args, rep.to_dict(), rep.summary())
    return 1 if rep.errors else 0


def cmd_survey_results(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import survey
    from asri_desktop.core.plan.report import fmt_pct

    with open_archive(args) as arch:
        res = survey.results(arch, args.survey)
        s = res["survey"]
        lines = [f"{survey.KINDS[s['kind']]} #{s['id']} {s['title']}: {res['respondents']} responden"]
        if s["kind"] == "quiz":
            lines[0] += f", skor rata-rata {fmt_pct(res['mean_score'])}, paham {fmt_pct(res['comprehension_share'])}"
            lines += [f"  {q['position']}. {q['text']} — benar {fmt_pct(q['correct_share'])}" for q in res["questions"]]
        else:
            mean = "-" if res["mean"] is None else f"{res['mean']:.2f}".replace(".", ",")
            lines[0] += f", rata-rata {mean}, puas {fmt_pct(res['satisfied_share'])}"
            lines += [f"  {q['position']}. {q['text']} — puas {fmt_pct(q['satisfied_share'])}" for q in res["questions"]]
        emit(args, res, "\n".join(lines))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import report

    with open_archive(args) as arch:
        res = report.build_report(arch, args.date_from, args.date_to, args.out)
        emit(args, {"out": str(res.path), "pages": res.pages, "summary": res.summary},
             f"Laporan evaluasi ditulis ke {res.path} ({res.pages} halaman).")
    return 0


def cmd_pack_export(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import replication

    with open_archive(args) as arch:
        contents = replication.export_pack(arch, args.file)
        text = (f"Paket replikasi ditulis ke {args.file}: "
                + ", ".join(f"{replication.SETTING_LABELS.get(k, k)} {n}" for k, n in contents["settings"].items())
                + f"; tabel {', '.join(contents['resources']) or '-'}; templat {len(contents['templates'])}.")
        emit(args, contents, text)
    return 0


def cmd_pack_import(args: argparse.Namespace) -> int:
    from asri_desktop.core.plan import replication

    if not args.dry_run and not args.actor:
        raise InputError("Sebutkan siapa yang mengimpor dengan --as NAMA (atau gunakan --dry-run untuk pratinjau).")
    with open_archive(args) as arch:
        if args.dry_run:
            prev = replication.preview_pack(arch, args.file)
        else:
            prev = replication.import_pack(arch, args.file, args.actor, replace=args.replace)
        emit(args, prev.to_dict(), prev.summary())
    return 0
