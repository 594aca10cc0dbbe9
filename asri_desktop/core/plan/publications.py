"""Publication records and corrections (Ralat).

Publishing an approved asset records platform, link and time and moves the
asset to *published* through the workflow in the same transaction, so the
record and the state change (and their decision-log entries) land together or
not at all. Only Admin Platform may publish: the workflow refuses others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from asri_desktop.core import workflow
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.plan import times, vocab


@dataclass(frozen=True)
class Publication:
    """One post of an asset on one platform."""

    id: int
    asset_id: int
    platform: str
    url: str
    published_at: str
    recorded_by: str
    recorded_at: str
    plan_item_id: int | None = None
    title: str = ""
    kind: str = ""
    hazard: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def url_key(url: str) -> str:
    """A link reduced to what identifies the post: host without ``www.``/``m.``, path without trailing slash.

    Exports from Meta and TikTok write the same post's link with or without
    ``www``, query strings or a trailing slash; matching on this key finds it.
    """
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    for prefix in ("www.", "m.", "web.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    path = parts.path.rstrip("/")
    return f"{host}{path}".lower()


def check_url(url: str) -> str:
    """A post link must be an http(s) address with a host."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise InputError(f"Tautan '{url}' tidak valid: salin alamat lengkap unggahan, mis. https://www.instagram.com/p/...")
    return url


_SELECT = (
    "SELECT p.id, p.asset_id, p.platform, p.url, p.published_at, m.name, p.recorded_at, p.plan_item_id,"
    " a.title, a.kind, a.hazard FROM publications p JOIN members m ON m.id = p.recorded_by"
    " JOIN assets a ON a.id = p.asset_id"
)


def get_publication(arch: Any, publication_id: int) -> Publication:
    try:
        pid = int(publication_id)
    except (TypeError, ValueError):
        raise InputError(f"ID publikasi tidak valid: '{publication_id}' (harus berupa angka).") from None
    row = arch.conn.execute(_SELECT + " WHERE p.id = ?", (pid,)).fetchone()
    if not row:
        raise InputError(f"Publikasi #{pid} tidak ada di arsip.")
    return Publication(*row)


def list_publications(arch: Any, *, asset_id: int | None = None, date_from: date | str | None = None,
                      date_to: date | str | None = None, platform: str | None = None) -> list[Publication]:
    """Publications, oldest first, filtered by asset, local date range and platform."""
    where, params = [], []
    if asset_id is not None:
        where.append("p.asset_id = ?")
        params.append(int(asset_id))
    if date_from or date_to:
        lo = times.parse_day(date_from) if date_from else date(1970, 1, 1)
        hi = times.parse_day(date_to) if date_to else date(9999, 12, 30)
        ulo, uhi = times.day_bounds(lo, hi)
        where.append("p.published_at >= ? AND p.published_at < ?")
        params += [ulo, uhi]
    if platform:
        where.append("p.platform = ?")
        params.append(vocab.platform(platform))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.published_at, p.id"
    return [Publication(*r) for r in arch.conn.execute(sql, params).fetchall()]


def find_by_url(arch: Any, url: str) -> Publication | None:
    row = arch.conn.execute("SELECT id FROM publications WHERE url_key = ?", (url_key(url),)).fetchone()
    return get_publication(arch, row[0]) if row else None


def publish(arch: Any, asset_id: int, *, platform: str, url: str, at: Any, actor: str,
            plan_item_id: int | None = None, comment: str = "") -> Publication:
    """Record that ``asset_id`` was posted on ``platform`` at ``url`` at time ``at`` and mark it published.

    Args:
        arch: the open archive.
        asset_id: an approved, scheduled or already published asset.
        platform: platform id or label.
        url: the post's link.
        at: when it went out (WIB when no zone; ISO or ``2026-12-01 09.00``).
        actor: the member recording it; must be Admin Platform (the workflow refuses others).
        plan_item_id: the plan item it fulfils; by default the plan item linked to the asset, if any.
        comment: optional note for the decision log.

    Raises:
        RefusedError: the workflow refuses (role, state).
        InputError: bad platform, link or time, or a link already recorded.
    """
    member = arch.member(actor)
    asset = arch.asset(asset_id)
    pid_platform = vocab.platform(platform)
    link = check_url(url)
    when = times.parse_time(at, "Waktu publikasi")
    if when > times.utc_now().replace(second=0) + _grace():
        raise InputError(f"Waktu publikasi {times.format_local(when)} WIB masih di masa depan; "
                         "catat publikasi setelah unggahan benar-benar tayang.")
    key = url_key(link)
    existing = arch.conn.execute("SELECT id, asset_id FROM publications WHERE url_key = ?", (key,)).fetchone()
    if existing:
        raise InputError(f"Tautan ini sudah tercatat sebagai publikasi #{existing[0]} (aset #{existing[1]}).")
    if asset.kind == "correction" and asset.corrects_asset_id is None:
        raise RefusedError("Ralat ini tidak menautkan unggahan yang dikoreksi.", rule="correction_link")
    labels = vocab.platforms()
    with arch.write():
        if plan_item_id is None:
            row = arch.conn.execute("SELECT id FROM plan_items WHERE asset_id = ? ORDER BY id LIMIT 1",
                                    (asset.id,)).fetchone()
            plan_item_id = row[0] if row else None
        elif not arch.conn.execute("SELECT 1 FROM plan_items WHERE id = ?", (int(plan_item_id),)).fetchone():
            raise InputError(f"Rencana #{plan_item_id} tidak ada di arsip.")
        text = f"{labels[pid_platform]}: {link} ({times.format_local(when)} WIB)"
        # The workflow decides first: a refused publish leaves no record behind.
        arch.publish(asset.id, member.name, comment or f"Dipublikasikan di {text}")
        new_id = arch.conn.execute(
            "INSERT INTO publications(asset_id, platform, url, url_key, published_at, plan_item_id, recorded_by,"
            " recorded_at) VALUES (?,?,?,?,?,?,?,?)",
            (asset.id, pid_platform, link, key, times.to_iso(when), plan_item_id, member.id,
             times.to_iso(times.utc_now())),
        ).lastrowid
        if plan_item_id is not None:
            arch.conn.execute("UPDATE plan_items SET status = 'terbit', updated_at = ? WHERE id = ?",
                              (times.to_iso(times.utc_now()), plan_item_id))
        arch.log(member.name, "publication.record", role="admin", asset_id=asset.id,
                 comment=f"Publikasi #{new_id} — {text}")
    return get_publication(arch, new_id)


def _grace() -> Any:
    from datetime import timedelta

    # Clocks of the office PC and the phone that posted differ by a few minutes.
    return timedelta(minutes=10)


def start_correction(arch: Any, original_asset_id: int, actor: str, fields: dict[str, Any] | None = None,
                     *, title: str | None = None, note: str = "") -> Any:
    """Start a correction (Ralat) of a published post: a draft asset of kind ``correction`` on the Ralat template.

    The new asset has ``corrects_asset_id`` set and its fields name the post it
    corrects (title, links, publication time), so the Ralat template can print
    "Ralat atas unggahan ... tanggal ...". It goes through the same review as any draft.
    """
    original = arch.asset(original_asset_id)
    if original.state != workflow.PUBLISHED:
        raise RefusedError(
            f"Aset #{original.id} belum terpublikasi; ubah saja drafnya (Ralat hanya untuk unggahan yang sudah tayang).",
            rule="state",
        )
    member = arch.member(actor)
    pubs = list_publications(arch, asset_id=original.id)
    corrects = {
        "asset_id": original.id,
        "title": original.title,
        "published_at": pubs[0].published_at if pubs else None,
        "links": [p.url for p in pubs],
    }
    data = dict(fields or {})
    data["corrects"] = corrects
    data.setdefault("title", title or f"Ralat: {original.title}")
    template = vocab.plan_config()["templates"]["correction"]
    with arch.write():
        asset = arch.import_asset(
            [], kind="correction", title=title or f"Ralat: {original.title}", actor=member.name,
            hazard=original.hazard, location=original.location, template_id=template, fields=data,
            corrects_asset_id=original.id, note=note or f"Ralat atas aset #{original.id}",
        )
        arch.log(member.name, "correction.start", asset_id=asset.id,
                 comment=f"Ralat atas aset #{original.id} '{original.title}'")
    return asset
