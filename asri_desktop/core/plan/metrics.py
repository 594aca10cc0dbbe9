"""Monitoring figures per published post: typed in, or imported from Meta Business Suite and TikTok exports.

A reading is the set of figures (reach, impressions, likes, comments, shares,
saves, link clicks) of one publication at the time they were read. The
importers map the export's column names (English and Indonesian variants, from
``resources/plan.toml``) to these fields, match each row to a recorded
publication by its link (or post id inside the link) and report every row that
does not fit with its row number; the rows that fit are saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.plan import times, vocab
from asri_desktop.core.plan.publications import get_publication, url_key
from asri_desktop.core.plan.tables import ImportReport, cell_text, find_column, read_table

_GROUPED = re.compile(r"^[0-9]{1,3}([.,\s][0-9]{3})+$")


def fields() -> dict[str, str]:
    """Figure id -> Indonesian label, in display order."""
    return dict(vocab.plan_config()["metric_fields"])


@dataclass(frozen=True)
class Reading:
    """The figures of one publication at one moment (None: not reported by the source)."""

    id: int
    publication_id: int
    read_at: str
    values: dict[str, int | None]
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "publication_id": self.publication_id, "read_at": self.read_at, "source": self.source,
                **self.values}


def parse_count(value: Any, what: str) -> int | None:
    """A count from a cell: ``1234``, ``1,234``, ``1.234`` (Indonesian grouping); empty or ``-`` is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}: '{value}' bukan angka")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise InputError(f"{what}: '{value}' bukan bilangan bulat")
        n = int(value)
    else:
        text = str(value).strip()
        if text in ("", "-", "--", "—"):
            return None
        # isdecimal, not isdigit: '²' is a digit but not a number int() reads.
        if text.isdecimal():
            n = int(text)
        elif text.startswith("-") and text[1:].isdecimal():
            n = -int(text[1:])
        elif _GROUPED.match(text):
            n = int(re.sub(r"[.,\s]", "", text))
        else:
            raise InputError(f"{what}: '{text}' bukan angka bulat")
    if n < 0:
        raise InputError(f"{what}: nilai negatif ({n})")
    return n


def add(arch: Any, publication_id: int, *, read_at: Any, actor: str, values: dict[str, Any],
        source: str = "manual") -> Reading:
    """Save (or replace) the reading of a publication at ``read_at``.

    ``values`` maps figure ids to counts; unknown ids are refused, missing ones
    stay None. A second reading at the same moment replaces the first (an export
    imported twice does not double).
    """
    member = arch.member(actor)
    pub = get_publication(arch, publication_id)
    when = times.parse_time(read_at, "Waktu pembacaan")
    clean = _clean_values(values)
    with arch.write():
        rid, _ = _save(arch, pub.id, pub.published_at, times.to_iso(when), clean, source, member.id,
                       times.to_iso(times.utc_now()))
    return get_reading(arch, rid)


def _clean_values(values: dict[str, Any]) -> dict[str, int | None]:
    known = fields()
    unknown = [k for k in values if k not in known]
    if unknown:
        raise InputError(f"Angka '{', '.join(unknown)}' tidak dikenal. Pilihan: {', '.join(known)}.")
    clean = {k: parse_count(values.get(k), known[k]) for k in known}
    if all(v is None for v in clean.values()):
        raise InputError("Tidak ada angka yang diisi (jangkauan, impresi, suka ...).")
    return clean


def _save(arch: Any, pub_id: int, published_at: str, iso: str, clean: dict[str, int | None], source: str,
          member_id: int, recorded_at: str) -> tuple[int, bool]:
    """Insert or replace the reading of ``pub_id`` at ``iso``; returns (id, whether it replaced one)."""
    if iso < published_at:
        raise InputError(f"waktu pembacaan {times.format_local(iso)} WIB lebih awal daripada waktu publikasi")
    cols = list(clean)
    row = arch.conn.execute("SELECT id FROM metrics WHERE publication_id = ? AND read_at = ?", (pub_id, iso)).fetchone()
    if row:
        arch.conn.execute(
            f"UPDATE metrics SET {', '.join(f'{c} = ?' for c in cols)}, source = ?, recorded_by = ?, recorded_at = ?"
            " WHERE id = ?", (*clean.values(), source, member_id, recorded_at, row[0]))
        return row[0], True
    rid = arch.conn.execute(
        f"INSERT INTO metrics(publication_id, read_at, {', '.join(cols)}, source, recorded_by, recorded_at)"
        f" VALUES (?, ?, {', '.join('?' for _ in cols)}, ?, ?, ?)",
        (pub_id, iso, *clean.values(), source, member_id, recorded_at)).lastrowid
    return rid, False


def get_reading(arch: Any, reading_id: int) -> Reading:
    names = list(fields())
    row = arch.conn.execute(f"SELECT id, publication_id, read_at, {', '.join(names)}, source FROM metrics WHERE id = ?",
                            (int(reading_id),)).fetchone()
    if not row:
        raise InputError(f"Pembacaan angka #{reading_id} tidak ada di arsip.")
    return Reading(row[0], row[1], row[2], dict(zip(names, row[3:3 + len(names)])), row[-1])


def readings(arch: Any, publication_id: int | None = None) -> list[Reading]:
    names = list(fields())
    sql = f"SELECT id, publication_id, read_at, {', '.join(names)}, source FROM metrics"
    params: list[Any] = []
    if publication_id is not None:
        sql += " WHERE publication_id = ?"
        params.append(int(publication_id))
    sql += " ORDER BY publication_id, read_at"
    return [Reading(r[0], r[1], r[2], dict(zip(names, r[3:3 + len(names)])), r[-1])
            for r in arch.conn.execute(sql, params).fetchall()]


def latest(arch: Any) -> dict[int, Reading]:
    """The newest reading of every publication that has one."""
    out: dict[int, Reading] = {}
    for r in readings(arch):
        out[r.publication_id] = r  # ordered by read_at, so the last wins
    return out


# ---------------------------------------------------------------- importers
def sources() -> dict[str, str]:
    """Importer id -> label (``meta``, ``tiktok``)."""
    return {k: v["label"] for k, v in vocab.plan_config()["importers"].items()}


def _match(ucol: str | None, pcol: str | None, row: dict[str, Any], by_key: dict[str, int],
           by_postid: dict[str, int]) -> int:
    link = cell_text(row.get(ucol)) if ucol else ""
    if link:
        pid = by_key.get(url_key(link))
        if pid is not None:
            return pid
    post = cell_text(row.get(pcol)) if pcol else ""
    # Meta writes a Facebook post id as PAGEID_POSTID; the link holds only the post part.
    for piece in [post, *post.split("_")] if post else []:
        if piece in by_postid:
            return by_postid[piece]
    if not link and not post:
        raise InputError("baris tanpa tautan atau ID unggahan, tidak dapat dicocokkan")
    raise InputError(f"unggahan {link or post} belum tercatat sebagai publikasi di arsip (catat dengan 'asri publish')")


def import_file(arch: Any, path: str | Path, source: str, actor: str, *, read_at: Any = None,
                dry_run: bool = False) -> ImportReport:
    """Import an export of Meta Business Suite (``meta``) or TikTok Studio (``tiktok``), CSV or XLSX.

    Args:
        path: the export file.
        source: ``meta`` or ``tiktok``.
        actor: the member importing (logged once as ``metrics.import``).
        read_at: when the figures were read, if the file has no usable ``Date``
            column (Meta writes "Lifetime"); default now.
        dry_run: validate and count, save nothing.

    Returns:
        The report: rows saved (``added`` new readings, ``updated`` replaced ones)
        and the rows refused, each with its row number.
    """
    importers = vocab.plan_config()["importers"]
    if source not in importers:
        raise InputError(f"Sumber '{source}' tidak dikenal: gunakan {' atau '.join(importers)}.")
    cfg = importers[source]
    member = arch.member(actor)
    p = Path(path)
    sheet = read_table(p)
    known = fields()
    colmap = {f: find_column(sheet.header, cfg[f]) for f in known}
    if not any(colmap.values()):
        raise InputError(
            f"Berkas {p.name} tidak tampak seperti ekspor {cfg['label']}: tidak ada kolom angka yang dikenali "
            f"(mis. {', '.join(cfg['reach'][:2] + cfg['likes'][:2])}). Kolom di berkas: {', '.join(sheet.header)}."
        )
    ucol, pcol = find_column(sheet.header, cfg["url"]), find_column(sheet.header, cfg["post_id"])
    if not (ucol or pcol):
        raise InputError(f"Berkas {p.name} tidak memiliki kolom tautan ({', '.join(cfg['url'])}) untuk mencocokkan unggahan.")
    default_at = times.parse_time(read_at, "Waktu pembacaan") if read_at else times.utc_now()
    default_iso = times.to_iso(default_at)
    recorded_at = times.to_iso(times.utc_now())
    dcol = find_column(sheet.header, cfg["read_at"])
    by_key: dict[str, int] = {}
    by_postid: dict[str, int] = {}
    pubs = {}
    for pid, url, key, pub_at in arch.conn.execute("SELECT id, url, url_key, published_at FROM publications"):
        by_key[key] = pid
        pubs[pid] = pub_at
        for piece in re.findall(r"\d{6,}", url):
            by_postid[piece] = pid
    report = ImportReport(dry_run=dry_run)
    seen: dict[tuple[int, str], int] = {}
    try:
        with arch.write():
            for line, row in sheet.rows:
                try:
                    pid = _match(ucol, pcol, row, by_key, by_postid)
                    values = {}
                    for f, col in colmap.items():
                        if col is not None:
                            values[f] = parse_count(row.get(col), f"kolom '{col}'")
                    if all(v is None for v in values.values()):
                        raise InputError("tidak ada angka di baris ini")
                    values = {f: values.get(f) for f in known}
                    when = default_at
                    if dcol:
                        raw = cell_text(row.get(dcol))
                        if raw and raw[:1].isdigit():
                            day = times.parse_day(raw, f"kolom '{dcol}'")
                            when = times.parse_time(f"{day.isoformat()} 23.59", "Tanggal")
                    iso = default_iso if when is default_at else times.to_iso(when)
                    if (pid, iso) in seen:
                        raise InputError(f"unggahan yang sama sudah ada di baris {seen[(pid, iso)]} untuk waktu yang sama")
                    _, existed = _save(arch, pid, pubs[pid], iso, values, source, member.id, recorded_at)
                    seen[(pid, iso)] = line
                    report.ids.append(pid)
                    if existed:
                        report.updated += 1
                    else:
                        report.added += 1
                except InputError as exc:
                    report.errors.append(Finding("metrics.import.row", "error", str(exc).rstrip("."), line=line))
            if report.added or report.updated:
                arch.log(member.name, "metrics.import",
                         comment=f"Impor {cfg['label']} dari {p.name}: {report.added + report.updated} baris, "
                                 f"{len(report.errors)} ditolak")
            if dry_run:
                raise _Preview()
    except _Preview:
        pass
    return report


class _Preview(Exception):
    """Rolls the import transaction back for a dry run."""
