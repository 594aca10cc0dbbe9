"""``asri analyze-text``: the Indonesian risk-communication analysis of a post's text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from asri_desktop.cli.common import add_json, emit
from asri_desktop.core.errors import InputError

_SEVERITY_LABELS = {"error": "GALAT", "warning": "PERINGATAN", "info": "INFO"}
_ELEMENT_NAMES = {
    "source": "sumber",
    "hazard": "bahaya",
    "location": "lokasi",
    "action": "tindakan",
    "time": "waktu",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "analyze-text",
        parents=[common],
        help="periksa bahasa teks unggahan (pesan aksi, unsur peringatan, kalimat, jargon)",
        description=(
            "Analisis komunikasi risiko teks unggahan dalam Bahasa Indonesia. Keluar 0 bila tidak ada "
            "temuan galat, 1 bila ada (mis. tanpa pesan aksi), 2 bila berkas tidak dapat dibaca."
        ),
    )
    p.add_argument("file", metavar="BERKAS", help="berkas teks UTF-8, atau - untuk membaca dari stdin")
    p.add_argument("--alt-text", metavar="TEKS", help="teks alternatif gambar (untuk unggahan bergambar)")
    p.add_argument("--alt-text-file", metavar="BERKAS", help="baca teks alternatif dari berkas")
    p.add_argument(
        "--image", action="store_true",
        help="unggahan bergambar: teks alternatif wajib ada (tanpa itu: galat language.no_alt_text)",
    )
    add_json(p)
    p.set_defaults(func=cmd_analyze_text)


def _read_text(source: str) -> str:
    """Read a UTF-8 text file (BOM allowed) or stdin; anything unreadable is an InputError."""
    if source == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
        name = "stdin"
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"Berkas '{source}' tidak ditemukan.")
        if path.is_dir():
            raise InputError(f"'{source}' adalah folder, bukan berkas teks.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"Berkas '{source}' tidak dapat dibaca ({exc.strerror or exc}).") from exc
        name = source
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows Notepad's "Unicode" (UTF-16 with a BOM) is text too.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"'{name}' rusak: teks UTF-16 tidak sah ({exc.reason}).") from exc
    if b"\x00" in data:
        raise InputError(f"'{name}' bukan berkas teks (berisi data biner). Simpan teksnya sebagai .txt UTF-8.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"'{name}' bukan teks UTF-8 (bita tidak sah di posisi {exc.start}). "
            "Simpan ulang berkas dengan pengodean UTF-8."
        ) from exc


def _settings(args: argparse.Namespace) -> dict | None:
    """The archive's settings (kecamatan, hazards, sources) when an archive exists.

    Without an archive the analysis uses the Bangka defaults; the text is analysed either way,
    so an archive that cannot be opened is reported on stderr, not fatal.
    """
    from asri_desktop.core.archive import Archive
    from asri_desktop.core.archive.archive import DB_NAME
    from asri_desktop.core.archive.home import resolve_home
    from asri_desktop.core.errors import AsriError

    home = resolve_home(getattr(args, "home", None))
    if not (home / DB_NAME).exists():
        return None
    try:
        archive = Archive.open(home, create=False)
    except AsriError as exc:
        print(f"Catatan: pengaturan arsip tidak terbaca ({exc}); memakai data bawaan Bangka.", file=sys.stderr)
        return None
    try:
        return archive.settings()
    finally:
        archive.close()


def _render(report) -> str:
    stats = report.stats
    lines = []
    grade = stats["fry_grade"]
    if grade is None:
        fry = {
            "too_short": "tidak dihitung (teks terlalu pendek)",
            "invalid_region": "tidak sah (titik di daerah gelap grafik Fry)",
        }.get(stats["fry_status"], "tidak dihitung")
    else:
        fry = f"kelas {grade} (cocok untuk kelas {max(1, grade - 1)}-{grade + 1})"
    lines.append(
        f"Kalimat: {stats['sentences']}, kata: {stats['words']}, rata-rata "
        f"{stats['mean_sentence_words']:.1f} kata/kalimat, "
        f"{stats['share_over_limit']:.0%} kalimat terlalu panjang"
    )
    lines.append(
        f"Keterbacaan (grafik Fry untuk bahasa Indonesia): {fry}; "
        f"{stats['syllables_per_100_words']:.0f} suku kata dan {stats['sentences_per_100_words']:.1f} "
        "kalimat per 100 kata"
    )
    marks = ", ".join(
        f"{_ELEMENT_NAMES[k]} {'ada' if v else 'TIDAK ADA'}" for k, v in stats["elements"].items()
    )
    lines.append(f"Unsur peringatan: {marks}")
    verbs = ", ".join(stats["action_verbs"]) or "-"
    lines.append(f"Kata perintah: {verbs}; pesan kunci: {stats['key_messages']}")
    if report.findings:
        lines.append("")
        lines.append(f"Temuan ({len(report.findings)}):")
        for f in report.findings:
            where = f" [baris {f.line}]" if f.line else ""
            lines.append(f"- {_SEVERITY_LABELS.get(f.severity, f.severity)} {f.code}{where}: {f.message}")
            if f.suggestion:
                lines.append(f"    Saran: {f.suggestion}")
    else:
        lines.append("")
        lines.append("Tidak ada temuan.")
    return "\n".join(lines)


def cmd_analyze_text(args: argparse.Namespace) -> int:
    from asri_desktop.core.review import language

    if args.file == "-" and args.alt_text_file == "-":
        raise InputError("Teks unggahan dan teks alternatif tidak dapat sama-sama dibaca dari stdin.")
    text = _read_text(args.file)
    alt_text = args.alt_text
    if args.alt_text_file:
        alt_text = _read_text(args.alt_text_file)
    report = language.analyze(
        text,
        alt_text=alt_text,
        settings=_settings(args),
        needs_alt_text=bool(args.image),
    )
    emit(args, report.to_dict(), _render(report))
    return 1 if report.has_errors else 0
