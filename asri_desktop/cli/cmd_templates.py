"""Template commands: ``asri templates`` lists them, ``asri render`` fills one with data and exports it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from asri_desktop.cli.common import add_json, emit, open_archive, print_json
from asri_desktop.core.errors import InputError, RefusedError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("templates", parents=[common], help="daftar templat (poster, infografis, carousel, ...)")
    add_json(p)
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser("render", parents=[common],
                       help="isi templat dengan data JSON dan tulis berkas siap unggah (dengan stempel wajib)")
    p.add_argument("template", metavar="TEMPLAT", help="id templat (lihat 'asri templates')")
    p.add_argument("--data", required=True, metavar="DATA.json", help="isian templat (JSON)")
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    p.add_argument("--variant", metavar="VARIAN", help="id varian, mis. 4x5, 1x1, 9x16")
    p.add_argument("--platform", metavar="PLATFORM", help="profil platform (ukuran, format, batas berkas)")
    p.add_argument("--format", dest="fmt", default=None, choices=["jpeg", "png", "webp"],
                   help="format berkas (bawaan: format pertama platform, atau jpeg)")
    p.add_argument("--save", action="store_true", help="simpan hasilnya sebagai aset draf baru di arsip")
    p.add_argument("--as", dest="actor", metavar="NAMA", help="anggota tim yang menyimpan (wajib dengan --save)")
    add_json(p)
    p.set_defaults(func=cmd_render)


def cmd_templates(args: argparse.Namespace) -> int:
    from asri_desktop.core.templates import list_templates, template_problems

    specs = list_templates()
    problems = template_problems()
    data = {"templates": [s.to_dict() for s in specs], "problems": problems}
    lines = []
    for s in specs:
        variants = ", ".join(f"{v.id} ({v.width}×{v.height})" for v in s.variants)
        lines.append(f"{s.id:<18} {s.name} [{s.kind}] — varian: {variants}")
    for msg in problems:
        lines.append(f"! {msg}")
    emit(args, data, "\n".join(lines) or "Belum ada templat.")
    return 1 if problems else 0


def _read_data(path: str) -> dict[str, Any]:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"Berkas data '{path}' tidak ditemukan.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Berkas data '{path}' tidak dapat dibaca sebagai teks UTF-8 ({exc}).") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"Berkas data '{path}' bukan JSON yang sah: baris {exc.lineno}, kolom {exc.colno}: "
                         f"{exc.msg}.") from None
    if not isinstance(data, dict):
        raise InputError(f"Berkas data '{path}' harus berisi objek JSON ({{...}}), bukan {type(data).__name__}.")
    return data


def _location_of(data: dict[str, Any]) -> str | None:
    loc = data.get("location")
    if isinstance(loc, dict):
        loc = loc.get("kecamatan")
    if isinstance(loc, list):
        loc = loc[0] if loc else None
    return loc if isinstance(loc, str) and loc.strip() else None


def cmd_render(args: argparse.Namespace) -> int:
    from asri_desktop.core.templates import export, load_template, platform_profile

    if args.save and not args.actor:
        raise InputError("--save memerlukan --as NAMA (anggota tim yang menyimpan).")
    spec = load_template(args.template)
    data = _read_data(args.data)
    base_dir = Path(args.data).resolve().parent
    arch = open_archive(args)
    try:
        settings = arch.settings()
        if args.save:
            arch.member(args.actor)  # an unknown member is refused before anything is written
        fmt = args.fmt or (platform_profile(args.platform)["formats"][0] if args.platform else "jpeg")
        try:
            manifest = export(spec, data, args.out, variant=args.variant, platform=args.platform, fmt=fmt,
                              settings=settings, base_dir=base_dir)
        except RefusedError as exc:
            findings = getattr(exc, "findings", None)
            if args.json and findings is not None:
                print_json({"written": False, "refused": exc.rule, "message": exc.message,
                            "findings": [f.to_dict() for f in findings]})
                return exc.exit_code
            raise
        manifest["written"] = True
        if args.save:
            files = [(f["name"], Path(f["path"]), "export") for f in manifest["files"]]
            if manifest.get("pdf"):
                files.append((manifest["pdf"]["name"], Path(manifest["pdf"]["path"]), "export"))
            fields = {**data, "template_variant": manifest["variant"], "alt_text": manifest["alt_text"],
                      "caption": manifest["caption"]}
            corrects = data.get("corrects_asset_id")
            asset = arch.import_asset(
                files, kind=spec.kind, title=manifest["title"], actor=args.actor,
                hazard=data.get("hazard") if isinstance(data.get("hazard"), str) else None,
                location=_location_of(data), template_id=spec.id, fields=fields,
                corrects_asset_id=int(corrects) if isinstance(corrects, int) else None,
                note=f"Dirender dari templat {spec.id} ({manifest['variant']})",
            )
            manifest["asset_id"] = asset.id
    finally:
        arch.close()
    lines = [f"Ditulis {len(manifest['files'])} berkas ({manifest['variant']}, {manifest['format'].upper()}):"]
    for f in manifest["files"]:
        lines.append(f"  {f['path']}  {f['width']}×{f['height']}  {f['bytes']:,} bita".replace(",", "."))
    if manifest.get("pdf"):
        lines.append(f"  {manifest['pdf']['path']}  PDF {manifest['pdf']['pages']} halaman")
    for f in manifest["findings"]:
        lines.append(f"  [{f['severity']}] {f['code']}: {f['message']}")
    lines.append(f"Teks alternatif: {manifest['alt_text']}")
    if "asset_id" in manifest:
        lines.append(f"Disimpan sebagai aset #{manifest['asset_id']} (draf).")
    emit(args, manifest, "\n".join(lines))
    return 0
