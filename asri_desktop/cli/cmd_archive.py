"""Archive commands: init, member, asset, submit, review, search, log, verify, backup, restore."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from asri_desktop.cli.common import add_json, emit, open_archive, print_json
from asri_desktop.core import workflow
from asri_desktop.core.archive.home import resolve_home
from asri_desktop.core.errors import InputError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="buat (atau buka) arsip dan isi data bawaan Bangka")
    add_json(p)
    p.set_defaults(func=cmd_init)

    member = sub.add_parser("member", parents=[common], help="anggota tim dan peran")
    msub = member.add_subparsers(dest="member_cmd", metavar="AKSI", required=True)
    p = msub.add_parser("add", parents=[common], help="tambah anggota tim dengan peran")
    p.add_argument("name", metavar="NAMA")
    p.add_argument("--role", action="append", required=True,
                   help="peran (boleh diulang): desainer, editor, pengawas, koordinator, admin")
    add_json(p)
    p.set_defaults(func=cmd_member_add)
    p = msub.add_parser("list", parents=[common], help="daftar anggota tim")
    add_json(p)
    p.set_defaults(func=cmd_member_list)

    asset = sub.add_parser("asset", parents=[common], help="aset konten")
    asub = asset.add_subparsers(dest="asset_cmd", metavar="AKSI", required=True)
    p = asub.add_parser("import", parents=[common], help="impor berkas sebagai aset baru (status draf)")
    p.add_argument("files", nargs="+", metavar="BERKAS")
    p.add_argument("--kind", required=True, help="poster, infographic, carousel, story, video, warning, hoax, correction")
    p.add_argument("--title", required=True)
    p.add_argument("--hazard")
    p.add_argument("--location")
    p.add_argument("--template")
    p.add_argument("--fields", metavar="FIELDS.json", help="isian templat (JSON)")
    p.add_argument("--as", dest="actor", required=True, metavar="NAMA")
    add_json(p)
    p.set_defaults(func=cmd_asset_import)
    p = asub.add_parser("show", parents=[common], help="tampilkan aset, versi, berkas dan riwayatnya")
    p.add_argument("asset", metavar="ASET")
    add_json(p)
    p.set_defaults(func=cmd_asset_show)

    p = sub.add_parser("submit", parents=[common], help="kirim draf ke validasi teknis")
    p.add_argument("asset", metavar="ASET")
    p.add_argument("--comment", default="")
    p.add_argument("--as", dest="actor", required=True, metavar="NAMA")
    add_json(p)
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("review", parents=[common], help="setujui atau kembalikan untuk revisi")
    p.add_argument("asset", metavar="ASET")
    p.add_argument("--decision", required=True, choices=["approve", "revise"])
    p.add_argument("--comment", default="")
    p.add_argument("--answers", metavar="JAWABAN.json", help="jawaban daftar periksa (JSON)")
    p.add_argument("--as", dest="actor", required=True, metavar="NAMA")
    add_json(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("search", parents=[common], help="cari aset (teks lengkap) dengan filter")
    p.add_argument("text", nargs="?", default="", metavar="TEKS")
    for f in ("kind", "hazard", "location", "state"):
        p.add_argument(f"--{f}")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=50)
    add_json(p)
    p.set_defaults(func=cmd_search)

    log = sub.add_parser("log", parents=[common], help="log keputusan")
    lsub = log.add_subparsers(dest="log_cmd", metavar="AKSI", required=True)
    p = lsub.add_parser("verify", parents=[common], help="periksa rantai hash log keputusan")
    add_json(p)
    p.set_defaults(func=cmd_log_verify)
    p = lsub.add_parser("show", parents=[common], help="tampilkan log keputusan")
    p.add_argument("--asset", type=int)
    p.add_argument("--limit", type=int)
    add_json(p)
    p.set_defaults(func=cmd_log_show)

    p = sub.add_parser("verify", parents=[common], help="hitung ulang hash setiap berkas tersimpan")
    add_json(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("backup", parents=[common], help="cadangkan arsip ke satu berkas zip")
    p.add_argument("target", metavar="BERKAS.zip")
    add_json(p)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help="pulihkan arsip dari cadangan (diverifikasi dahulu)")
    p.add_argument("source", metavar="BERKAS.zip")
    add_json(p)
    p.set_defaults(func=cmd_restore)

    cache = sub.add_parser("cache", parents=[common], help="tembolok hasil yang dapat dibuat ulang")
    csub = cache.add_subparsers(dest="cache_cmd", required=True, metavar="PERINTAH")
    p = csub.add_parser("prune", parents=[common],
                        help="hapus entri tembolok yang lama tak dipakai (batas di resources/cache.toml)")
    p.add_argument("--max-days", type=float, help="hapus yang tidak dipakai selama lebih dari N hari")
    p.add_argument("--max-mb", type=float, help="batas ukuran tembolok (yang paling lama tak dipakai dihapus dulu)")
    add_json(p)
    p.set_defaults(func=cmd_cache_prune)


def cmd_init(args: argparse.Namespace) -> int:
    with open_archive(args) as arch:
        n = len(arch.log_entries())
        emit(args, {"home": str(arch.home), "log_entries": n}, f"Arsip siap di {arch.home}")
    return 0


def cmd_member_add(args: argparse.Namespace) -> int:
    with open_archive(args) as arch:
        m = arch.add_member(args.name, args.role)
        labels = workflow.role_labels()
        emit(args, {"id": m.id, "name": m.name, "roles": list(m.roles)},
             f"Anggota '{m.name}' (#{m.id}): {', '.join(labels[r] for r in m.roles)}")
    return 0


def cmd_member_list(args: argparse.Namespace) -> int:
    with open_archive(args) as arch:
        members = arch.members()
        labels = workflow.role_labels()
        emit(args, [{"id": m.id, "name": m.name, "roles": list(m.roles)} for m in members],
             "\n".join(f"{m.id:>4}  {m.name}: {', '.join(labels[r] for r in m.roles)}" for m in members)
             or "Belum ada anggota tim.")
    return 0


def _read_json_file(path: str, what: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{what} tidak dapat dibaca: {path} ({exc.strerror})") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{what} bukan JSON yang valid: {path} ({exc})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{what} harus berupa objek JSON: {path}")
    return data


def cmd_asset_import(args: argparse.Namespace) -> int:
    fields = _read_json_file(args.fields, "Berkas isian") if args.fields else {}
    with open_archive(args) as arch:
        asset = arch.import_asset(
            [Path(f) for f in args.files], kind=args.kind, title=args.title, actor=args.actor,
            hazard=args.hazard, location=args.location, template_id=args.template, fields=fields,
        )
        v = arch.version(asset.id)
        emit(args, {"id": asset.id, "version": 1, "content_hash": v.content_hash,
                    "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in v.files]},
             f"Aset #{asset.id} '{asset.title}' diimpor (versi 1, draf).")
    return 0


def _asset_dict(arch, asset_id) -> dict:
    asset = arch.asset(asset_id)
    versions = arch.versions(asset.id)
    return {
        **asset.to_dict(),
        "versions": [
            {"number": v.number, "created_by": v.created_by, "created_at": v.created_at,
             "content_hash": v.content_hash, "note": v.note,
             "files": [{"name": f.name, "role": f.role, "sha256": f.sha256, "size": f.size} for f in v.files]}
            for v in versions
        ],
        "reviews": arch.reviews(asset.id),
        "log": arch.log_entries(asset.id),
    }


def cmd_asset_show(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        d = _asset_dict(arch, args.asset)
        states = workflow.state_labels()
        lines = [
            f"Aset #{d['id']}: {d['title']}",
            f"  Jenis: {d['kind']}  Bahaya: {d['hazard'] or '-'}  Lokasi: {d['location'] or '-'}",
            f"  Status: {states.get(d['state'], d['state'])}  Versi: {d['current_version']}  Dibuat oleh: {d['created_by']}",
        ]
        for v in d["versions"]:
            lines.append(f"  Versi {v['number']} oleh {v['created_by']} ({v['created_at']}) hash {v['content_hash'][:16]}…")
            lines += [f"    {f['name']}  {f['sha256']}  {f['size']} B" for f in v["files"]]
        lines.append("  Riwayat:")
        lines += [f"    #{e['seq']} {e['at']} {e['actor']}: {e['action']} {e['from_state'] or ''}→{e['to_state'] or ''} {e['comment']}"
                  for e in d["log"]]
        emit(args, d, "\n".join(lines))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        dec = arch.submit(args.asset, args.actor, args.comment)
        states = workflow.state_labels()
        emit(args, {"asset": int(args.asset), "from": dec.from_state, "to": dec.to_state},
             f"Aset #{args.asset}: {states[dec.from_state]} → {states[dec.to_state]}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    answers = _read_json_file(args.answers, "Berkas jawaban") if args.answers else None
    with open_archive(args, create=False) as arch:
        dec = _review(arch, args, answers)
        states = workflow.state_labels()
        emit(args, {"asset": int(args.asset), "decision": args.decision, "from": dec.from_state, "to": dec.to_state},
             f"Aset #{args.asset}: {states[dec.from_state]} → {states[dec.to_state]}")
    return 0


def _review(arch, args: argparse.Namespace, answers: dict | None):
    """Review through the checklist gate when the review feature is present, else the plain workflow."""
    try:
        from asri_desktop.core.review import gate
    except ImportError:
        return arch.review(args.asset, args.decision, args.actor, args.comment, answers=answers)
    return gate.review(arch, args.asset, args.decision, args.actor, args.comment, answers=answers)


def cmd_search(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        filters = dict(kind=args.kind, hazard=args.hazard, location=args.location, state=args.state,
                       date_from=args.date_from, date_to=args.date_to)
        rows = arch.search(args.text, limit=args.limit, **filters)
        states = workflow.state_labels()
        emit(args, rows, "\n".join(
            f"#{r['id']:<6} {r['title']}  [{r['kind']}, {states.get(r['state'], r['state'])}]" for r in rows
        ) or "Tidak ada aset yang cocok.")
    return 0


def cmd_log_verify(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        res = arch.verify_log()
        emit(args, {"ok": res.ok, "count": res.count, "bad_seq": res.bad_seq, "reason": res.reason,
                    "head_hash": res.head_hash}, res.message())
        return 0 if res.ok else 1


def cmd_log_show(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        rows = arch.log_entries(args.asset, limit=args.limit)
        emit(args, rows, "\n".join(
            f"#{e['seq']:<5} {e['at']}  {e['actor']:<14} {e['action']:<16} "
            f"aset={e['asset_id'] or '-'} v={e['version'] or '-'} {e['from_state'] or ''}→{e['to_state'] or ''} "
            f"{e['comment']}  {e['entry_hash'][:12]}" for e in rows))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_archive(args, create=False) as arch:
        problems = arch.verify_files()
        n = arch.conn.execute("SELECT count(DISTINCT sha256) FROM files").fetchone()[0]
        emit(args, {"ok": not problems, "files": n, "problems": problems},
             "\n".join(problems) if problems else f"Semua {n} berkas tersimpan utuh.")
        return 1 if problems else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from asri_desktop.core.archive.backup import backup

    with open_archive(args, create=False) as arch:
        manifest = backup(arch, Path(args.target))
        emit(args, {"target": args.target, "members": len(manifest["members"])},
             f"Cadangan ditulis ke {args.target} ({len(manifest['members'])} berkas).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from asri_desktop.core.archive.backup import restore

    home = resolve_home(getattr(args, "home", None))
    kept = restore(home, Path(args.source))
    emit(args, {"home": str(home), "previous": str(kept) if kept else None},
         f"Arsip dipulihkan ke {home}." + (f" Arsip sebelumnya disimpan di {kept}." if kept else ""))
    return 0


def cmd_cache_prune(args: argparse.Namespace) -> int:
    from asri_desktop.core.archive import cache

    for name in ("max_days", "max_mb"):
        value = getattr(args, name)
        if value is not None and value < 0:
            raise InputError(f"--{name.replace('_', '-')} tidak boleh negatif: {value:g}.")
    home = resolve_home(getattr(args, "home", None))
    report = cache.prune(home, max_age_days=args.max_days, max_mb=args.max_mb)
    emit(args, {"removed": report.removed, "freed_bytes": report.freed_bytes, "kept": report.kept,
                "kept_bytes": report.kept_bytes},
         f"{report.removed} entri tembolok dihapus ({report.freed_bytes / 1048576:.1f} MB); "
         f"{report.kept} tersisa ({report.kept_bytes / 1048576:.1f} MB).")
    return 0
