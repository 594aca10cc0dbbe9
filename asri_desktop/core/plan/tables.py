"""Reading the spreadsheets people bring: CSV (any common encoding and delimiter) and XLSX.

Exports from Meta Business Suite, TikTok Studio and Google Sheets differ in
encoding (UTF-8 with BOM, UTF-16), delimiter (comma, semicolon, tab) and
header spelling; this module only turns a file into a header and numbered rows,
and the importers decide what the columns mean.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from asri_desktop.core.errors import InputError


@dataclass(frozen=True)
class Sheet:
    """A table read from a file: ``rows`` are ``(line_number, {header: value})``."""

    header: list[str]
    rows: list[tuple[int, dict[str, Any]]]


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(f"Berkas {path.name} bukan teks CSV yang dapat dibaca (pengodean tidak dikenali).")
    return str(best)


def read_csv(path: Path) -> Sheet:
    """Read a CSV file; the first non-empty line is the header."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"Berkas {path} tidak dapat dibaca ({exc.strerror or exc}).") from exc
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"Berkas {Path(path).name} bukan CSV (isi biner). Simpan ulang sebagai CSV atau XLSX.")
    text = _decode(raw, Path(path))
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, Any]]] = []
    for lineno, cells in enumerate(reader, 1):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append((lineno, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}))
    if header is None:
        raise InputError(f"Berkas {Path(path).name} kosong: tidak ada baris judul kolom.")
    return Sheet(header, rows)


def read_xlsx(path: Path) -> Sheet:
    """Read the first worksheet of an XLSX file; cells keep their types (dates stay dates)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise InputError(f"Berkas {Path(path).name} bukan XLSX yang dapat dibaca ({exc}).") from exc
    try:
        ws = wb.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, dict[str, Any]]] = []
        for lineno, cells in enumerate(ws.iter_rows(values_only=True), 1):
            values = ["" if c is None else c for c in cells]
            if not any(str(v).strip() for v in values):
                continue
            if header is None:
                header = [str(v).strip() for v in values]
                continue
            row = {}
            for i, h in enumerate(header):
                if not h:
                    continue
                v = values[i] if i < len(values) else ""
                row[h] = v.strip() if isinstance(v, str) else v
            rows.append((lineno, row))
    finally:
        wb.close()
    if header is None:
        raise InputError(f"Berkas {Path(path).name} kosong: tidak ada baris judul kolom.")
    return Sheet(header, rows)


def read_table(path: str | Path) -> Sheet:
    """CSV or XLSX by extension; anything else is named and refused."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"Berkas {p} tidak ditemukan.")
    suffix = p.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(p)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(p)
    raise InputError(f"Format berkas '{p.suffix or p.name}' tidak didukung: gunakan .csv atau .xlsx.")


def cell_text(value: Any) -> str:
    """A cell as text (dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H.%M") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_column(header: list[str], variants: list[str]) -> str | None:
    """The header cell matching one of ``variants`` (case-insensitive, trimmed)."""
    wanted = {v.strip().casefold() for v in variants}
    for h in header:
        if h.strip().casefold() in wanted:
            return h
    return None


@dataclass
class ImportReport:
    """What an import did: counts of rows applied and the rows refused, each naming its line.

    ``errors`` are :class:`~asri_desktop.core.findings.Finding` objects with
    ``line`` set to the row number in the file (1 = the header line).
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = None  # type: ignore[assignment]
    dry_run: bool = False
    ids: list = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.errors = [] if self.errors is None else self.errors
        self.ids = [] if self.ids is None else self.ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "ids": list(self.ids),
            "errors": [e.to_dict() for e in self.errors],
        }

    def summary(self) -> str:
        """One Indonesian sentence plus one line per refused row."""
        head = "Pratinjau: " if self.dry_run else ""
        text = (f"{head}{self.added} baris ditambahkan, {self.updated} diperbarui, {self.unchanged} tidak berubah, "
                f"{len(self.errors)} baris ditolak.")
        lines = [text] + [f"  baris {e.line}: {e.message}" for e in self.errors]
        return "\n".join(lines)
