"""The hoax log: a rumour received, its verification with the competent authority, the outcome,
and the clarification post ("Hoaks vs Fakta") linked to it.

Every step is a decision-log entry, so the audit shows who judged a rumour a
hoax, on whose word, and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import times, vocab


@dataclass(frozen=True)
class Hoax:
    """One rumour in the log. ``authority`` is the label of the contact or source it was checked with."""

    id: int
    received_at: str
    channel: str
    text: str
    hazard: str | None
    contact_id: str | None
    authority: str | None
    verified_at: str | None
    outcome: str
    verdict: str
    clarification_asset_id: int | None
    recorded_by: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def outcomes() -> dict[str, str]:
    return dict(vocab.plan_config()["hoax_outcomes"])


def authorities(settings: dict[str, Any]) -> dict[str, str]:
    """Who a rumour can be verified with: the emergency contacts and the data sources of the settings.

    Keys are ``kontak:<id>`` and ``sumber:<id>``; values are the labels people read.
    """
    out = {}
    for c in settings.get("contacts", []):
        out[f"kontak:{c['id']}"] = f"{c['label']} ({c['number']})"
    for s in settings.get("sources", []):
        out[f"sumber:{s['id']}"] = s["name"]
    return out


def resolve_authority(value: str, settings: dict[str, Any]) -> str:
    """A contact or source by key, id, label, short name or number."""
    key = str(value or "").strip().casefold()
    if not key:
        raise InputError("Sebutkan kontak atau sumber resmi tempat verifikasi (mis. bmkg, bpbd, 112).")
    for c in settings.get("contacts", []):
        if key in (f"kontak:{c['id']}".casefold(), str(c["id"]).casefold(), c["label"].casefold(),
                   str(c["number"]).casefold()):
            return f"kontak:{c['id']}"
    for s in settings.get("sources", []):
        if key in (f"sumber:{s['id']}".casefold(), s["id"].casefold(), s["name"].casefold(),
                   s.get("short", "").casefold()):
            return f"sumber:{s['id']}"
    known = ", ".join(authorities(settings).values())
    raise InputError(f"Kontak/sumber '{value}' tidak ada di daftar kontak darurat atau sumber data. Pilihan: {known}.")


_SELECT = (
    "SELECT h.id, h.received_at, h.channel, h.text, h.hazard, h.contact_id, h.verified_at, h.outcome, h.verdict,"
    " h.clarification_asset_id, m.name, h.created_at FROM hoaxes h JOIN members m ON m.id = h.recorded_by"
)


def _make(row: tuple, names: dict[str, str]) -> Hoax:
    (hid, rec, channel, text, hazard, contact, ver, outcome, verdict, clar, by, created) = row
    return Hoax(hid, rec, channel, text, hazard, contact, names.get(contact or "", contact), ver, outcome, verdict,
                clar, by, created)


def get_hoax(arch: Any, hoax_id: int) -> Hoax:
    try:
        hid = int(hoax_id)
    except (TypeError, ValueError):
        raise InputError(f"ID hoaks tidak valid: '{hoax_id}' (harus berupa angka).") from None
    row = arch.conn.execute(_SELECT + " WHERE h.id = ?", (hid,)).fetchone()
    if not row:
        raise InputError(f"Catatan hoaks #{hid} tidak ada di arsip.")
    return _make(row, authorities(arch.settings()))


def list_hoaxes(arch: Any, *, outcome: str | None = None, date_from: Any = None, date_to: Any = None) -> list[Hoax]:
    """Hoax records, newest received first."""
    where, params = [], []
    if outcome:
        where.append("h.outcome = ?")
        params.append(_outcome(outcome))
    if date_from or date_to:
        from datetime import date

        lo = times.parse_day(date_from) if date_from else date(1970, 1, 1)
        hi = times.parse_day(date_to) if date_to else date(9999, 12, 30)
        ulo, uhi = times.day_bounds(lo, hi)
        where.append("h.received_at >= ? AND h.received_at < ?")
        params += [ulo, uhi]
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY h.received_at DESC, h.id DESC"
    names = authorities(arch.settings())
    return [_make(r, names) for r in arch.conn.execute(sql, params).fetchall()]


def _outcome(value: str) -> str:
    table = outcomes()
    key = str(value or "").strip().casefold()
    for k, label in table.items():
        if key in (k, label.casefold()):
            return k
    raise InputError(f"Hasil verifikasi '{value}' tidak dikenal. Pilihan: {', '.join(f'{k} ({v})' for k, v in table.items())}.")


def record(arch: Any, *, text: str, channel: str, received_at: Any, actor: str, hazard: str | None = None) -> Hoax:
    """Log a rumour: where it was received, when, and its text (logged as ``hoax.record``)."""
    member = arch.member(actor)
    text = (text or "").strip()
    if not text:
        raise InputError("Isi kabar (hoaks) yang diterima tidak boleh kosong.")
    channel = (channel or "").strip()
    if not channel:
        raise InputError(f"Sebutkan dari mana kabar diterima (mis. {', '.join(vocab.plan_config()['hoax_channels'])}).")
    when = times.parse_time(received_at, "Waktu diterima")
    haz = vocab.hazard(hazard, arch.settings())
    now = times.to_iso(times.utc_now())
    with arch.write():
        hid = arch.conn.execute(
            "INSERT INTO hoaxes(received_at, channel, text, hazard, recorded_by, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (times.to_iso(when), channel, text, haz, member.id, now, now),
        ).lastrowid
        arch.log(member.name, "hoax.record", comment=f"Hoaks #{hid} diterima via {channel}: {text[:120]}")
    return get_hoax(arch, hid)


def verify(arch: Any, hoax_id: int, *, authority: str, outcome: str, verdict: str, actor: str,
           at: Any = None) -> Hoax:
    """Record the verification: with whom (a contact or source from the list), the outcome and the facts.

    Logged as ``hoax.verdict``. A rumour already given a verdict can be given a
    new one (the log keeps both); an outcome of ``belum`` is not a verdict.
    """
    member = arch.member(actor)
    item = get_hoax(arch, hoax_id)
    settings = arch.settings()
    key = resolve_authority(authority, settings)
    result = _outcome(outcome)
    if result == "belum":
        raise InputError("Hasil verifikasi 'belum' bukan keputusan; pilih hoaks, fakta, sebagian atau tidak_dapat.")
    verdict = (verdict or "").strip()
    if not verdict:
        raise InputError("Tuliskan fakta/penjelasan dari hasil verifikasi (mis. 'BMKG: tidak ada peringatan tsunami').")
    when = times.parse_time(at, "Waktu verifikasi") if at else times.utc_now()
    if times.to_iso(when) < item.received_at:
        raise InputError("Waktu verifikasi lebih awal daripada waktu kabar diterima.")
    with arch.write():
        arch.conn.execute(
            "UPDATE hoaxes SET contact_id=?, verified_at=?, outcome=?, verdict=?, updated_at=? WHERE id=?",
            (key, times.to_iso(when), result, verdict, times.to_iso(times.utc_now()), item.id),
        )
        arch.log(member.name, "hoax.verdict",
                 comment=f"Hoaks #{item.id}: {outcomes()[result]} (diverifikasi dengan {authorities(settings)[key]}). "
                         f"{verdict[:200]}")
    return get_hoax(arch, item.id)


def link_clarification(arch: Any, hoax_id: int, asset_id: int, actor: str) -> Hoax:
    """Link an existing "Hoaks vs Fakta" asset as the clarification post of a rumour."""
    member = arch.member(actor)
    item = get_hoax(arch, hoax_id)
    asset = arch.asset(asset_id)
    if asset.kind != "hoax":
        raise InputError(f"Aset #{asset.id} berjenis '{asset.kind}', bukan 'hoax' (Hoaks vs Fakta).")
    with arch.write():
        arch.conn.execute("UPDATE hoaxes SET clarification_asset_id=?, updated_at=? WHERE id=?",
                          (asset.id, times.to_iso(times.utc_now()), item.id))
        arch.log(member.name, "hoax.link", asset_id=asset.id,
                 comment=f"Aset #{asset.id} menjadi klarifikasi hoaks #{item.id}")
    return get_hoax(arch, item.id)


def start_clarification(arch: Any, hoax_id: int, actor: str, *, title: str | None = None,
                        fields: dict[str, Any] | None = None) -> Any:
    """Start the "Hoaks vs Fakta" draft for a verified rumour and link it; returns the new asset."""
    item = get_hoax(arch, hoax_id)
    if item.outcome == "belum":
        raise RefusedError(f"Hoaks #{item.id} belum diverifikasi; verifikasi dulu dengan sumber resmi.",
                           rule="hoax_unverified")
    if item.clarification_asset_id is not None:
        raise InputError(f"Hoaks #{item.id} sudah memiliki klarifikasi: aset #{item.clarification_asset_id}.")
    member = arch.member(actor)
    data = {"hoax": item.text, "fact": item.verdict, "source": item.authority, "hoax_id": item.id}
    data.update(fields or {})
    name = title or f"Hoaks vs Fakta: {item.text[:60]}"
    with arch.write():
        asset = arch.import_asset([], kind="hoax", title=name, actor=member.name, hazard=item.hazard,
                                  template_id=vocab.plan_config()["templates"]["hoax"], fields=data,
                                  note=f"Klarifikasi hoaks #{item.id}")
        arch.conn.execute("UPDATE hoaxes SET clarification_asset_id=?, updated_at=? WHERE id=?",
                          (asset.id, times.to_iso(times.utc_now()), item.id))
        arch.log(member.name, "hoax.link", asset_id=asset.id,
                 comment=f"Aset #{asset.id} menjadi klarifikasi hoaks #{item.id}")
    return asset
