"""Review commands: ``asri checklist`` and ``asri sheet`` (build and verify the PDF approval sheet).

``asri review`` itself lives with the archive commands and calls the checklist gate.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from asri_desktop.cli.common import add_json, emit, open_archive
from asri_desktop.core.errors import InputError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("checklist", parents=[common], help="tampilkan daftar periksa tinjauan sebuah aset")
    p.add_argument("asset", metavar="ASET", help="ID aset")
    p.add_argument("--stage", metavar="TAHAP",
                   help="technical_review atau accuracy_review (bawaan: tahap aset saat ini)")
    p.add_argument("--version", type=int, metavar="N", help="nomor versi (bawaan: versi terbaru)")
    p.add_argument("--answers", metavar="JAWABAN.json", help="isi daftar periksa dengan jawaban ini (pratinjau)")
    add_json(p)
    p.set_defaults(func=cmd_checklist)

    p = sub.add_parser(
        "sheet", parents=[common], help="buat lembar persetujuan PDF, atau periksa lembar cetak",
        description="asri sheet ASET --out BERKAS.pdf [--version N]  |  asri sheet verify BERKAS.pdf  |  "
                    "asri sheet verify --code 'ASRI-LP1;aset=...' (kode dari QR lembar cetak)",
    )
    p.add_argument("target", nargs="*", metavar="ASET | verify BERKAS.pdf")
    p.add_argument("--out", metavar="BERKAS.pdf", help="berkas PDF yang ditulis")
    p.add_argument("--version", type=int, metavar="N", help="nomor versi (bawaan: versi terbaru)")
    p.add_argument("--code", metavar="KODE", help="untuk verify: kode verifikasi yang dipindai dari QR lembar cetak")
    add_json(p)
    p.set_defaults(func=cmd_sheet)


def _read_answers(path: str) -> Any:
    p = Path(path)
    try:
        text = _read_text(p)
        return json.loads(text)
    except OSError as exc:
        raise InputError(f"Berkas jawaban {p} tidak dapat dibaca ({exc.strerror or exc}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Berkas jawaban {p} bukan JSON UTF-8 yang valid ({exc}).") from exc


def _read_text(p: Path) -> str:
    """Read ``-`` from standard input, anything else as a UTF-8 file."""
    if str(p) == "-":
        import sys

        return sys.stdin.read()
    return p.read_text(encoding="utf-8-sig")


def cmd_checklist(args: argparse.Namespace) -> int:
    from asri_desktop.core import workflow
    from asri_desktop.core.review import checklist

    answers = _read_answers(args.answers) if args.answers else None
    with open_archive(args, create=False) as arch:
        asset = arch.asset(args.asset)
        stage = args.stage or asset.state
        if stage not in workflow.REVIEW_STAGES and not args.stage:
            raise InputError(
                f"Aset #{asset.id} tidak sedang ditinjau (status: {workflow.state_labels().get(asset.state)}); "
                "sebutkan tahap dengan --stage technical_review atau --stage accuracy_review."
            )
        result = checklist.build(arch, asset.id, stage, answers, args.version)
        emit(args, result.to_dict(), _checklist_text(asset, result))
    return 0


def _checklist_text(asset: Any, result: Any) -> str:
    from asri_desktop.core.review.checklist import RESULT_LABELS, SOURCE_LABELS

    lines = [f"Daftar periksa {result.stage_label} — aset #{asset.id} \"{asset.title}\" versi {result.version}"]
    width = max(len(RESULT_LABELS[i.result]) for i in result.items) if result.items else 5
    for i in result.items:
        mark = RESULT_LABELS[i.result].ljust(width)
        lines.append(f"  [{mark}] {i.label} ({i.id}; {SOURCE_LABELS[i.source]})")
        if i.note:
            lines.append(f"      {i.note}")
    if result.ok:
        lines.append("Semua item lulus: tahap ini dapat disetujui.")
    else:
        lines.append(f"Belum dapat disetujui: {len(result.failed)} gagal, {len(result.unanswered)} belum dijawab.")
    return "\n".join(lines)


def cmd_sheet(args: argparse.Namespace) -> int:
    from asri_desktop.core.review import sheet

    target = args.target
    if not target:
        raise InputError("Gunakan: asri sheet ASET --out BERKAS.pdf [--version N]  atau  asri sheet verify BERKAS.pdf")
    if target[0] == "verify":
        if args.code and len(target) == 1:
            info = sheet.parse_payload(args.code)
            with open_archive(args, create=False) as arch:
                res = sheet.check_payload(arch, info)
        elif len(target) == 2 and not args.code:
            with open_archive(args, create=False) as arch:
                res = sheet.verify(arch, Path(target[1]))
        else:
            raise InputError("Gunakan: asri sheet verify BERKAS.pdf  atau  asri sheet verify --code KODE")
        if res["ok"]:
            text = (f"Lembar cocok dengan arsip: aset #{res['asset_id']} versi {res['version']}, "
                    f"hash {res['content_hash'][:16]}….")
        else:
            text = "Lembar TIDAK cocok dengan arsip:\n" + "\n".join(f"  - {p}" for p in res["problems"])
        emit(args, res, text)
        return 0 if res["ok"] else 1
    if len(target) != 1:
        raise InputError("Gunakan: asri sheet ASET --out BERKAS.pdf [--version N]")
    if not args.out:
        raise InputError("Sebutkan berkas keluaran dengan --out BERKAS.pdf.")
    with open_archive(args, create=False) as arch:
        res = sheet.build(arch, target[0], Path(args.out), version=args.version)
    emit(args, res, f"Lembar persetujuan aset #{res['asset_id']} versi {res['version']} ditulis ke {res['path']} "
                    f"({res['pages']} halaman).")
    return 0
