"""Photo consent records: who agreed, how to reach them, for what use, on what date.

The review checklist can point to :func:`for_asset` to show that a citizen's
photo in a post has a consent on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import times


@dataclass(frozen=True)
class Consent:
    """Permission from a person to use their photo."""

    id: int
    person: str
    contact: str
    use: str
    granted_on: str
    asset_id: int | None
    note: str
    revoked_on: str | None
    recorded_by: str
    created_at: str

    @property
    def active(self) -> bool:
        return self.revoked_on is None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["active"] = self.active
        return d


_SELECT = (
    "SELECT c.id, c.person, c.contact, c.use, c.granted_on, c.asset_id, c.note, c.revoked_on, m.name, c.created_at"
    " FROM consents c JOIN members m ON m.id = c.recorded_by"
)


def get_consent(arch: Any, consent_id: int) -> Consent:
    try:
        cid = int(consent_id)
    except (TypeError, ValueError):
        raise InputError(f"ID izin tidak valid: '{consent_id}'.") from None
    row = arch.conn.execute(_SELECT + " WHERE c.id = ?", (cid,)).fetchone()
    if not row:
        raise InputError(f"Catatan izin #{cid} tidak ada di arsip.")
    return Consent(*row)


def list_consents(arch: Any, *, asset_id: int | None = None, active_only: bool = False) -> list[Consent]:
    where, params = [], []
    if asset_id is not None:
        where.append("c.asset_id = ?")
        params.append(int(asset_id))
    if active_only:
        where.append("c.revoked_on IS NULL")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.granted_on, c.id"
    return [Consent(*r) for r in arch.conn.execute(sql, params).fetchall()]


def for_asset(arch: Any, asset_id: int) -> list[Consent]:
    """Active consents recorded for an asset (for the checklist item on citizens' photos)."""
    return list_consents(arch, asset_id=asset_id, active_only=True)


def record(arch: Any, *, person: str, contact: str, use: str, granted_on: Any, actor: str,
           asset_id: int | None = None, note: str = "") -> Consent:
    """Record a consent (``consent.record`` in the decision log)."""
    member = arch.member(actor)
    person, contact, use = (person or "").strip(), (contact or "").strip(), (use or "").strip()
    if not person:
        raise InputError("Nama orang yang memberi izin tidak boleh kosong.")
    if not contact:
        raise InputError("Kontak orang yang memberi izin (telepon/alamat) tidak boleh kosong.")
    if not use:
        raise InputError("Sebutkan penggunaan yang diizinkan (mis. 'poster banjir di Instagram dan Facebook').")
    day = times.parse_day(granted_on, "Tanggal izin")
    aid = int(arch.asset(asset_id).id) if asset_id not in (None, "") else None
    with arch.write():
        cid = arch.conn.execute(
            "INSERT INTO consents(person, contact, use, granted_on, asset_id, note, recorded_by, created_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (person, contact, use, day.isoformat(), aid, (note or "").strip(), member.id,
             times.to_iso(times.utc_now())),
        ).lastrowid
        arch.log(member.name, "consent.record", asset_id=aid, comment=f"Izin foto #{cid}: {person} — {use[:120]}")
    return get_consent(arch, cid)


def revoke(arch: Any, consent_id: int, actor: str, *, on: Any = None) -> Consent:
    """Record that a person withdrew their consent (``consent.revoke``)."""
    member = arch.member(actor)
    c = get_consent(arch, consent_id)
    if c.revoked_on:
        raise InputError(f"Izin #{c.id} sudah dicabut pada {c.revoked_on}.")
    day = times.parse_day(on, "Tanggal pencabutan") if on else times.local_date(times.utc_now())
    with arch.write():
        arch.conn.execute("UPDATE consents SET revoked_on = ? WHERE id = ?", (day.isoformat(), c.id))
        arch.log(member.name, "consent.revoke", asset_id=c.asset_id, comment=f"Izin foto #{c.id} ({c.person}) dicabut")
    return get_consent(arch, c.id)
