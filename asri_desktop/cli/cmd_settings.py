"""``asri settings``: show the archive's settings, set the agency's phone and logo."""

from __future__ import annotations

import argparse
from pathlib import Path

from asri_desktop.cli.common import add_json, emit, open_archive


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("settings", parents=[common], help="pengaturan arsip: kontak, lokasi, sumber, instansi")
    ssub = p.add_subparsers(dest="settings_cmd", metavar="AKSI", required=True)
    s = ssub.add_parser("show", parents=[common], help="tampilkan pengaturan")
    add_json(s)
    s.set_defaults(func=cmd_show)
    s = ssub.add_parser("agency", parents=[common], help="isi nomor telepon dan/atau logo BPBD")
    s.add_argument("--phone", help="nomor telepon BPBD (menggantikan nomor contoh)")
    s.add_argument("--logo", help="berkas logo (PNG/JPEG)")
    s.add_argument("--as", dest="actor", required=True, metavar="NAMA")
    add_json(s)
    s.set_defaults(func=cmd_agency)


def cmd_show(args: argparse.Namespace) -> int:
    with open_archive(args) as arch:
        st = arch.settings()
        lines = [f"Instansi: {st['agency'].get('name')}  Telepon: {st['agency'].get('phone')}"]
        lines.append("Kontak darurat: " + ", ".join(
            f"{c['label']} {c['number']}" + (" (contoh)" if c.get("placeholder") else "") for c in st["contacts"]))
        lines.append("Kecamatan: " + ", ".join(k["name"] for k in st["kecamatan"]))
        lines.append("Sumber data: " + ", ".join(s["name"] for s in st["sources"]))
        lines.append("Jenis bahaya: " + ", ".join(h["name"] for h in st["hazards"]))
        emit(args, st, "\n".join(lines))
    return 0


def cmd_agency(args: argparse.Namespace) -> int:
    from asri_desktop.core.agency import set_agency

    if args.phone is None and args.logo is None:
        from asri_desktop.core.errors import InputError

        raise InputError("Sebutkan --phone dan/atau --logo.")
    with open_archive(args) as arch:
        member = arch.member(args.actor)
        agency = set_agency(arch, member.name, phone=args.phone, logo=Path(args.logo) if args.logo else None)
        emit(args, agency, f"Data instansi disimpan: telepon {agency.get('phone')}"
             + (f", logo {agency.get('logo_name')}" if agency.get("logo_name") else ""))
    return 0
