"""The weekly content plan: plan items, their publication slots, and the shared-sheet round trip.

A plan item is a topic due on a date (hazard, content kind, target platforms,
assignee, status) that becomes an asset; each target platform may have a
scheduled publication time (a *slot*). The plan exports as iCalendar (RFC 5545,
one event per scheduled post; an item without a slot is an all-day event on its
due date) and as CSV/XLSX laid out like the guideline's shared Google Sheet, and
imports either back: every row is validated, a bad row is reported with its row
number, and the good rows are applied in one transaction.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

from asri_desktop.core import dates
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.plan import files, times, vocab
from asri_desktop.core.plan.schedule import (  # noqa: F401 - the read side, re-exported
    PlanItem,
    ScheduledPost,
    agenda,
    get_item,
    list_items,
    month_days,
    scheduled_posts,
    week_days,
)
from asri_desktop.core.plan.tables import ImportReport, Sheet, cell_text, read_table

ICS_PRODID = "-//BPBD Kabupaten Bangka//ASRI Desktop//ID"
UID_DOMAIN = "asri-desktop"


# ---------------------------------------------------------------- writing
@dataclass
class _Values:
    topic: str
    kind: str
    due_date: str
    hazard: str | None
    platforms: list[str]
    slots: dict[str, str]
    assignee_id: int | None
    status: str
    asset_id: int | None
    notes: str


def _member_id(arch: Any, name: str | None) -> int | None:
    if name is None or not str(name).strip():
        return None
    return int(arch.member(str(name).strip()).id)


def _validate(arch: Any, *, topic: str, kind: str, due_date: Any, hazard: str | None, platforms: Iterable[str],
              slots: dict[str, Any] | None, assignee: str | None, status: str, asset_id: Any, notes: str,
              settings: dict[str, Any]) -> _Values:
    topic = (topic or "").strip()
    if not topic:
        raise InputError("Topik rencana tidak boleh kosong.")
    if len(topic) > 200:
        raise InputError("Topik rencana terlalu panjang (maksimal 200 karakter).")
    kind_id = vocab.kind(kind)
    due = times.parse_day(due_date, "Tenggat")
    haz = vocab.hazard(hazard, settings)
    plats = []
    for p in platforms:
        pid = vocab.platform(p)
        if pid not in plats:
            plats.append(pid)
    slot_map: dict[str, str] = {}
    for p, at in (slots or {}).items():
        pid = vocab.platform(p)
        slot_map[pid] = times.to_iso(times.parse_time(at, f"Jadwal {vocab.platforms()[pid]}"))
        if pid not in plats:
            plats.append(pid)
    aid = None
    if asset_id not in (None, ""):
        aid = int(arch.asset(asset_id).id)
    return _Values(topic, kind_id, due.isoformat(), haz, plats, slot_map, _member_id(arch, assignee),
                   vocab.status(status or "rencana"), aid, (notes or "").strip())


def _write_slots(arch: Any, iid: int, slots: dict[str, str]) -> None:
    arch.conn.execute("DELETE FROM plan_slots WHERE plan_item_id = ?", (iid,))
    for p, at in slots.items():
        arch.conn.execute("INSERT INTO plan_slots(plan_item_id, platform, publish_at) VALUES (?,?,?)", (iid, p, at))


def _insert(arch: Any, v: _Values, actor: Any) -> int:
    now = times.to_iso(times.utc_now())
    iid = arch.conn.execute(
        "INSERT INTO plan_items(topic, hazard, kind, platforms, due_date, assignee_id, status, asset_id, notes,"
        " created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (v.topic, v.hazard, v.kind, json.dumps(v.platforms), v.due_date, v.assignee_id, v.status, v.asset_id,
         v.notes, actor.id, now, now),
    ).lastrowid
    _write_slots(arch, iid, v.slots)
    arch.log(actor.name, "plan.add", asset_id=v.asset_id,
             comment=f"Rencana #{iid}: {v.topic} (tenggat {dates.format_date(v.due_date)})")
    return iid


def add_item(arch: Any, *, topic: str, kind: str, due_date: str | date, actor: str, hazard: str | None = None,
             platforms: Iterable[str] = (), slots: dict[str, Any] | None = None, assignee: str | None = None,
             status: str = "rencana", notes: str = "", asset_id: int | None = None) -> PlanItem:
    """Add a plan item (logged as ``plan.add``).

    Args:
        topic: what the post is about.
        kind: content kind id or label (``poster``, ``Infografis`` ...).
        due_date: when the content must be ready (ISO or ``HH/BB/TTTT``).
        actor: the member making the plan.
        hazard: hazard id or name from the archive's settings.
        platforms: target platforms (ids or labels).
        slots: platform -> publication time (WIB when no zone); adds the platform to ``platforms``.
        assignee: the member who makes it.
        status: ``rencana`` (default), ``produksi``, ``terjadwal``, ``terbit``, ``batal``.
        notes: free text.
        asset_id: an existing asset this plan item becomes.
    """
    member = arch.member(actor)
    v = _validate(arch, topic=topic, kind=kind, due_date=due_date, hazard=hazard, platforms=platforms, slots=slots,
                  assignee=assignee, status=status, asset_id=asset_id, notes=notes, settings=arch.settings())
    with arch.write():
        iid = _insert(arch, v, member)
    return get_item(arch, iid)


_UNSET: Any = object()


def update_item(arch: Any, item_id: int, actor: str, *, topic: str = _UNSET, kind: str = _UNSET,
                due_date: Any = _UNSET, hazard: Any = _UNSET, platforms: Any = _UNSET, slots: Any = _UNSET,
                assignee: Any = _UNSET, status: str = _UNSET, notes: str = _UNSET,
                asset_id: Any = _UNSET) -> PlanItem:
    """Change some fields of a plan item (logged as ``plan.update`` naming what changed).

    ``slots`` replaces all slots when given. Unchanged input changes nothing and logs nothing.
    """
    member = arch.member(actor)
    old = get_item(arch, item_id)
    merged = dict(
        topic=old.topic if topic is _UNSET else topic,
        kind=old.kind if kind is _UNSET else kind,
        due_date=old.due_date if due_date is _UNSET else due_date,
        hazard=old.hazard if hazard is _UNSET else hazard,
        platforms=old.platforms if platforms is _UNSET else platforms,
        slots=old.slots if slots is _UNSET else slots,
        assignee=old.assignee if assignee is _UNSET else assignee,
        status=old.status if status is _UNSET else status,
        notes=old.notes if notes is _UNSET else notes,
        asset_id=old.asset_id if asset_id is _UNSET else asset_id,
    )
    v = _validate(arch, settings=arch.settings(), **merged)
    with arch.write():
        changed = _apply_update(arch, old, v, member)
    return get_item(arch, old.id) if changed is not None else old


def _apply_update(arch: Any, old: PlanItem, v: _Values, member: Any) -> list[str] | None:
    """Write ``v`` over ``old`` inside the caller's transaction; returns the changed field names or None."""
    old_assignee = _member_id(arch, old.assignee)
    pairs = {
        "topik": (old.topic, v.topic), "jenis": (old.kind, v.kind), "tenggat": (old.due_date, v.due_date),
        "bahaya": (old.hazard, v.hazard), "platform": (list(old.platforms), v.platforms),
        "jadwal": (old.slots, v.slots), "penanggung jawab": (old_assignee, v.assignee_id),
        "status": (old.status, v.status), "catatan": (old.notes, v.notes), "aset": (old.asset_id, v.asset_id),
    }
    changed = [name for name, (a, b) in pairs.items() if a != b]
    if not changed:
        return None
    arch.conn.execute(
        "UPDATE plan_items SET topic=?, hazard=?, kind=?, platforms=?, due_date=?, assignee_id=?, status=?,"
        " asset_id=?, notes=?, updated_at=? WHERE id=?",
        (v.topic, v.hazard, v.kind, json.dumps(v.platforms), v.due_date, v.assignee_id, v.status, v.asset_id,
         v.notes, times.to_iso(times.utc_now()), old.id),
    )
    _write_slots(arch, old.id, v.slots)
    arch.log(member.name, "plan.update", asset_id=v.asset_id,
             comment=f"Rencana #{old.id} ({v.topic}): {', '.join(changed)} diubah")
    return changed


def start_asset(arch: Any, item_id: int, actor: str, *, template_id: str | None = None,
                fields: dict[str, Any] | None = None) -> Any:
    """Turn a plan item into a draft asset (kind, title, hazard from the plan) and link the two."""
    item = get_item(arch, item_id)
    if item.asset_id is not None:
        raise InputError(f"Rencana #{item.id} sudah menjadi aset #{item.asset_id}.")
    member = arch.member(actor)
    with arch.write():
        asset = arch.import_asset([], kind=item.kind, title=item.topic, actor=member.name, hazard=item.hazard,
                                  template_id=template_id, fields=fields or {}, note=f"Dari rencana #{item.id}")
        arch.conn.execute("UPDATE plan_items SET asset_id = ?, status = ?, updated_at = ? WHERE id = ?",
                          (asset.id, "produksi", times.to_iso(times.utc_now()), item.id))
        arch.log(member.name, "plan.update", asset_id=asset.id,
                 comment=f"Rencana #{item.id} ({item.topic}) menjadi aset #{asset.id}")
    return asset


def schedule_asset(arch: Any, item_id: int, actor: str) -> PlanItem:
    """Schedule the item's approved asset for its slots: the asset moves to *scheduled* (Admin Platform only).

    The workflow's ``schedule`` action and the plan status ``terjadwal`` change in one
    transaction; the decision log names the platforms and times.
    """
    item = get_item(arch, item_id)
    if item.asset_id is None:
        raise InputError(f"Rencana #{item.id} belum memiliki aset; buat asetnya dulu ('asri plan start').")
    if not item.slots:
        raise InputError(f"Rencana #{item.id} belum memiliki jadwal tayang; tambahkan dengan --slot PLATFORM=WAKTU.")
    member = arch.member(actor)
    labels = vocab.platforms()
    when = ", ".join(f"{labels.get(p, p)} {times.format_local(at)} WIB" for p, at in item.slots.items())
    with arch.write():
        arch.schedule(item.asset_id, member.name, f"Dijadwalkan: {when}")
        arch.conn.execute("UPDATE plan_items SET status = 'terjadwal', updated_at = ? WHERE id = ?",
                          (times.to_iso(times.utc_now()), item.id))
        arch.log(member.name, "plan.update", asset_id=item.asset_id,
                 comment=f"Rencana #{item.id} ({item.topic}): terjadwal — {when}")
    return get_item(arch, item.id)


# ---------------------------------------------------------------- the shared sheet
def _columns() -> list[str]:
    return list(vocab.plan_config()["calendar"]["columns"])


def _slots_text(slots: dict[str, str]) -> str:
    labels = vocab.platforms()
    return "; ".join(f"{labels.get(p, p)} {times.format_local(at)}" for p, at in slots.items())


def parse_slots(text: str) -> dict[str, str]:
    """``Instagram 2026-12-01 09.00; TikTok 2026-12-01 16.00`` -> {platform: typed time}.

    The platform is everything before the first digit, so labels with spaces
    (``YouTube Shorts``) work; a ``:`` after the platform is allowed.
    """
    out: dict[str, str] = {}
    for part in str(text or "").replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        idx = next((i for i, c in enumerate(part) if c.isdigit()), None)
        if idx is None or idx == 0:
            raise InputError(f"Jadwal '{part}' tidak valid: tulis 'Platform TTTT-BB-HH JJ.MM', mis. 'Instagram 2026-12-01 09.00'.")
        name = part[:idx].strip().rstrip(":").strip()
        pid = vocab.platform(name)
        if pid in out:
            raise InputError(f"Platform {name} muncul dua kali di kolom Jadwal.")
        out[pid] = part[idx:].strip()
    return out


def item_row(item: PlanItem, hazard_names: dict[str, str] | None = None) -> list[Any]:
    """One sheet row for an item, in the order of ``plan.toml [calendar] columns``.

    Hazards, kinds, platforms and statuses are written as their Indonesian labels
    (what a person reads in the shared sheet); the import accepts labels or ids.
    """
    plat = vocab.platforms()
    return [
        item.id, item.topic, (hazard_names or {}).get(item.hazard or "", item.hazard or ""),
        vocab.kinds().get(item.kind, item.kind), ", ".join(plat.get(p, p) for p in item.platforms), item.due_date,
        _slots_text(item.slots), item.assignee or "", vocab.statuses().get(item.status, item.status), item.notes,
        item.asset_id or "",
    ]


def export_csv(arch: Any, out: str | Path, date_from: Any = None, date_to: Any = None) -> int:
    """Write the plan as CSV (UTF-8 with BOM so spreadsheet programs read the accents); returns rows written."""
    items = list_items(arch, date_from, date_to)
    tmp = files.temp_beside(out)
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(_columns())
            names = vocab.hazards(arch.settings())
            for item in items:
                w.writerow(item_row(item, names))
        files.finish(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(items)


def export_xlsx(arch: Any, out: str | Path, date_from: Any = None, date_to: Any = None) -> int:
    """Write the plan as an XLSX workbook (one sheet, bold frozen header, due dates as real dates)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    items = list_items(arch, date_from, date_to)
    wb = Workbook()
    ws = wb.active
    ws.title = vocab.plan_config()["calendar"]["sheet_name"]
    cols = _columns()
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    names = vocab.hazards(arch.settings())
    for item in items:
        row = item_row(item, names)
        row[5] = date.fromisoformat(item.due_date)
        ws.append(row)
        ws.cell(row=ws.max_row, column=6).number_format = "yyyy-mm-dd"
    widths = [6, 40, 16, 12, 24, 12, 44, 18, 12, 30, 6]
    for i, w in enumerate(widths[: len(cols)], 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "A2"
    tmp = files.temp_beside(out)
    try:
        wb.save(tmp)
        files.finish(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(items)


def export_ics(arch: Any, out: str | Path, date_from: Any = None, date_to: Any = None) -> int:
    """Write the plan as iCalendar: one VEVENT per scheduled post, an all-day VEVENT for an item without slots.

    Each event carries ``X-ASRI-*`` properties so an import restores the plan item exactly.
    Returns the number of events written.
    """
    from icalendar import Calendar, Event

    cfg = vocab.plan_config()
    minutes = int(cfg["calendar"]["event_minutes"])
    labels = vocab.platforms()
    kinds = vocab.kinds()
    cal = Calendar()
    cal.add("prodid", ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{cfg['calendar']['sheet_name']} — {arch.settings()['agency']['name']}")
    cal.add("x-wr-timezone", "Asia/Jakarta")
    stamp = times.utc_now()
    count = 0
    for item in list_items(arch, date_from, date_to):
        base = {
            "X-ASRI-PLAN-ID": str(item.id), "X-ASRI-TOPIC": item.topic, "X-ASRI-KIND": item.kind,
            "X-ASRI-HAZARD": item.hazard or "", "X-ASRI-DUE": item.due_date,
            "X-ASRI-PLATFORMS": ",".join(item.platforms), "X-ASRI-ASSIGNEE": item.assignee or "",
            "X-ASRI-STATUS": item.status, "X-ASRI-NOTES": item.notes,
            "X-ASRI-ASSET": str(item.asset_id or ""),
        }
        desc = [f"Jenis: {kinds.get(item.kind, item.kind)}", f"Tenggat: {dates.format_date(item.due_date)}"]
        if item.assignee:
            desc.append(f"Penanggung jawab: {item.assignee}")
        if item.notes:
            desc.append(f"Catatan: {item.notes}")
        events: list[tuple[str, Any]] = [(p, at) for p, at in item.slots.items()] or [("", None)]
        for platform, at in events:
            ev = Event()
            ev.add("uid", f"plan-{item.id}-{platform or 'tenggat'}@{UID_DOMAIN}")
            ev.add("dtstamp", stamp)
            if at:
                start = times.from_iso(at)
                ev.add("dtstart", start)
                ev.add("dtend", start + timedelta(minutes=minutes))
                ev.add("summary", f"[{labels.get(platform, platform)}] {item.topic}")
            else:
                due = date.fromisoformat(item.due_date)
                ev.add("dtstart", due)
                ev.add("dtend", due + timedelta(days=1))
                ev.add("summary", f"Tenggat: {item.topic}")
            ev.add("description", "\n".join(desc))
            ev.add("categories", [kinds.get(item.kind, item.kind)])
            for k, val in base.items():
                ev.add(k, val)
            ev.add("X-ASRI-PLATFORM", platform)
            cal.add_component(ev)
            count += 1
    tmp = files.temp_beside(out)
    try:
        tmp.write_bytes(cal.to_ical())
        files.finish(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def export_plan(arch: Any, fmt: str, out: str | Path, date_from: Any = None, date_to: Any = None) -> int:
    """Export in ``ics``, ``csv`` or ``xlsx``; returns events (ics) or rows written."""
    fns = {"ics": export_ics, "csv": export_csv, "xlsx": export_xlsx}
    if fmt not in fns:
        raise InputError(f"Format ekspor '{fmt}' tidak dikenal: gunakan ics, csv atau xlsx.")
    return fns[fmt](arch, out, date_from, date_to)


# ---------------------------------------------------------------- import
def _ics_rows(path: Path) -> Sheet:
    """Turn ASRI calendar events back into sheet rows (events of one plan item merge into one row)."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(path.read_bytes())
    except (ValueError, OSError) as exc:
        raise InputError(f"Berkas {path.name} bukan iCalendar yang valid ({exc}).") from exc
    cols = _columns()
    rows: list[tuple[int, dict[str, Any]]] = []
    by_plan: dict[str, dict[str, Any]] = {}
    for n, ev in enumerate(cal.walk("VEVENT"), 1):
        pid = str(ev.get("X-ASRI-PLAN-ID", "")).strip()
        topic = str(ev.get("X-ASRI-TOPIC", "")).strip()
        if not topic:
            # A foreign event: keep its row so the report names it.
            rows.append((n, {cols[1]: "", "_error": f"acara '{ev.get('summary', '')}' bukan acara rencana ASRI "
                                                       "(tidak ada X-ASRI-TOPIC)"}))
            continue
        key = pid or f"baru-{topic}-{ev.get('X-ASRI-DUE', '')}"
        row = by_plan.get(key)
        if row is None:
            row = {cols[0]: pid, cols[1]: topic, cols[2]: str(ev.get("X-ASRI-HAZARD", "")),
                   cols[3]: str(ev.get("X-ASRI-KIND", "")), cols[4]: str(ev.get("X-ASRI-PLATFORMS", "")),
                   cols[5]: str(ev.get("X-ASRI-DUE", "")), cols[6]: "", cols[7]: str(ev.get("X-ASRI-ASSIGNEE", "")),
                   cols[8]: str(ev.get("X-ASRI-STATUS", "")), cols[9]: str(ev.get("X-ASRI-NOTES", "")),
                   cols[10]: str(ev.get("X-ASRI-ASSET", ""))}
            by_plan[key] = row
            rows.append((n, row))
        platform = str(ev.get("X-ASRI-PLATFORM", "")).strip()
        if platform:
            start = ev.decoded("dtstart")
            if not isinstance(start, datetime):
                rows.append((n, {cols[1]: "", "_error": f"acara #{n} untuk {platform} tidak memiliki jam tayang"}))
                continue
            if start.tzinfo is None:
                start = start.replace(tzinfo=timezone.utc)
            piece = f"{platform} {times.format_local(start)}"
            row[cols[6]] = f"{row[cols[6]]}; {piece}" if row[cols[6]] else piece
    return Sheet(cols, rows)


def _row_values(arch: Any, row: dict[str, Any], settings: dict[str, Any]) -> tuple[int | None, _Values]:
    cols = _columns()
    if row.get("_error"):
        raise InputError(row["_error"])
    missing = [c for c in cols[1:6] if c not in row]
    if missing:
        raise InputError(f"kolom {', '.join(missing)} tidak ada")
    ident = cell_text(row.get(cols[0]))
    iid = None
    if ident:
        try:
            iid = int(ident)
        except ValueError:
            raise InputError(f"ID '{ident}' bukan angka") from None
    plats = [p for p in cell_text(row.get(cols[4])).replace(";", ",").split(",") if p.strip()]
    v = _validate(
        arch, topic=cell_text(row.get(cols[1])), kind=cell_text(row.get(cols[3])),
        due_date=cell_text(row.get(cols[5])), hazard=cell_text(row.get(cols[2])), platforms=plats,
        slots=parse_slots(cell_text(row.get(cols[6]))), assignee=cell_text(row.get(cols[7])),
        status=cell_text(row.get(cols[8])) or "rencana", asset_id=cell_text(row.get(cols[10])) or None,
        notes=cell_text(row.get(cols[9])), settings=settings,
    )
    return iid, v


def import_plan(arch: Any, path: str | Path, actor: str, *, dry_run: bool = False) -> ImportReport:
    """Import a plan sheet (CSV, XLSX) or calendar (ICS) exported by :func:`export_plan` or edited by hand.

    Rows with an ID update that plan item; rows without one add a new item
    (unless an item with the same topic and due date exists: then it is the
    same row imported again). Every row is validated; refused rows are listed in
    the report with their row number, and the good rows are applied together in
    one transaction (nothing with ``dry_run``).
    """
    p = Path(path)
    member = arch.member(actor)
    sheet = _ics_rows(p) if p.suffix.lower() in (".ics", ".ical") else read_table(p)
    cols = _columns()
    if p.suffix.lower() not in (".ics", ".ical"):
        absent = [c for c in cols[1:6] if c not in sheet.header]
        if absent:
            raise InputError(
                f"Berkas {p.name} tidak memiliki kolom {', '.join(absent)}. Kolom yang diharapkan: {', '.join(cols)}."
            )
    settings = arch.settings()
    report = ImportReport(dry_run=dry_run)
    try:
        _import_rows(arch, sheet, member, settings, report)
    except _DryRun:
        pass
    return report


def _import_rows(arch: Any, sheet: Sheet, member: Any, settings: dict[str, Any], report: ImportReport) -> None:
    with arch.write():
        for line, row in sheet.rows:
            try:
                iid, v = _row_values(arch, row, settings)
                if iid is not None:
                    try:
                        old = get_item(arch, iid)
                    except InputError:
                        raise InputError(f"rencana #{iid} tidak ada di arsip ini; kosongkan kolom ID untuk "
                                         "menambahkannya sebagai rencana baru") from None
                    if _apply_update(arch, old, v, member) is None:
                        report.unchanged += 1
                    else:
                        report.updated += 1
                    report.ids.append(iid)
                    continue
                twin = arch.conn.execute(
                    "SELECT id FROM plan_items WHERE topic = ? COLLATE NOCASE AND due_date = ?", (v.topic, v.due_date)
                ).fetchone()
                if twin:
                    old = get_item(arch, twin[0])
                    if _apply_update(arch, old, v, member) is None:
                        report.unchanged += 1
                    else:
                        report.updated += 1
                    report.ids.append(twin[0])
                    continue
                report.ids.append(_insert(arch, v, member))
                report.added += 1
            except InputError as exc:
                report.errors.append(Finding("plan.import.row", "error", f"{exc}".rstrip("."), line=line))
        if report.dry_run:
            # Roll the whole transaction back: the preview must leave nothing behind.
            raise _DryRun()


class _DryRun(Exception):
    """Raised inside the import transaction to roll a preview back."""
