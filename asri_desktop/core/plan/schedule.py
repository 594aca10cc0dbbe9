"""Reading the content plan: plan items, their scheduled posts, and the days of a week or month.

The read side of :mod:`asri_desktop.core.plan.calendar`, kept apart so Beranda and the
calendar views can list the plan without loading the editing and sheet import/export
code (csv, spreadsheets, iCalendar). ``calendar`` re-exports everything here.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any, NamedTuple

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import times, vocab


class PlanItem(NamedTuple):
    """One row of the weekly plan. ``slots`` maps platform id -> UTC ISO publication time."""

    id: int
    topic: str
    kind: str
    due_date: str
    hazard: str | None
    platforms: tuple[str, ...]
    slots: dict[str, str]
    assignee: str | None
    status: str
    asset_id: int | None
    notes: str
    created_by: str
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        d = self._asdict()
        d["platforms"] = list(self.platforms)
        return d


class ScheduledPost(NamedTuple):
    """A plan slot on the calendar: one platform of one plan item at one time."""

    plan_item_id: int
    platform: str
    publish_at: str
    topic: str
    kind: str
    hazard: str | None
    status: str
    asset_id: int | None


# ---------------------------------------------------------------- reading
def _row_to_item(arch: Any, row: tuple) -> PlanItem:
    (iid, topic, hazard, kind, platforms, due, assignee, status, asset_id, notes, creator, updated) = row
    slots = {p: at for p, at in arch.conn.execute(
        "SELECT platform, publish_at FROM plan_slots WHERE plan_item_id = ? ORDER BY publish_at, platform", (iid,))}
    return PlanItem(iid, topic, kind, due, hazard, tuple(json.loads(platforms)), slots, assignee, status, asset_id,
                    notes, creator, updated)


_SELECT = (
    "SELECT p.id, p.topic, p.hazard, p.kind, p.platforms, p.due_date, a.name, p.status, p.asset_id, p.notes,"
    " c.name, p.updated_at FROM plan_items p LEFT JOIN members a ON a.id = p.assignee_id"
    " JOIN members c ON c.id = p.created_by"
)


def get_item(arch: Any, item_id: int) -> PlanItem:
    """A plan item by id; unknown is an :class:`InputError`."""
    try:
        iid = int(item_id)
    except (TypeError, ValueError):
        raise InputError(f"ID rencana tidak valid: '{item_id}' (harus berupa angka).") from None
    row = arch.conn.execute(_SELECT + " WHERE p.id = ?", (iid,)).fetchone()
    if not row:
        raise InputError(f"Rencana #{iid} tidak ada di arsip.")
    return _row_to_item(arch, row)


def list_items(arch: Any, date_from: date | str | None = None, date_to: date | str | None = None,
               status: str | None = None) -> list[PlanItem]:
    """Plan items whose due date or any slot falls in ``[date_from, date_to]`` (both optional), by due date."""
    where, params = [], []
    if date_from or date_to:
        lo = times.parse_day(date_from) if date_from else date(1970, 1, 1)
        hi = times.parse_day(date_to) if date_to else date(9999, 12, 30)
        ulo, uhi = times.day_bounds(lo, hi)
        where.append("(p.due_date BETWEEN ? AND ? OR EXISTS (SELECT 1 FROM plan_slots s WHERE s.plan_item_id = p.id"
                     " AND s.publish_at >= ? AND s.publish_at < ?))")
        params += [lo.isoformat(), hi.isoformat(), ulo, uhi]
    if status:
        where.append("p.status = ?")
        params.append(vocab.status(status))
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.due_date, p.id"
    return [_row_to_item(arch, r) for r in arch.conn.execute(sql, params).fetchall()]


def scheduled_posts(arch: Any, start: date, end: date) -> list[ScheduledPost]:
    """Every plan slot between two local dates (inclusive), in time order."""
    lo, hi = times.day_bounds(start, end)
    rows = arch.conn.execute(
        "SELECT s.plan_item_id, s.platform, s.publish_at, p.topic, p.kind, p.hazard, p.status, p.asset_id"
        " FROM plan_slots s JOIN plan_items p ON p.id = s.plan_item_id"
        " WHERE s.publish_at >= ? AND s.publish_at < ? ORDER BY s.publish_at, s.platform",
        (lo, hi),
    ).fetchall()
    return [ScheduledPost(*r) for r in rows]


def week_days(day: date) -> list[date]:
    """The seven days (Monday first) of ``day``'s week."""
    start = times.week_start(day)
    return [start + timedelta(days=i) for i in range(7)]


def month_days(year: int, month: int) -> list[date]:
    """Whole weeks covering a month (Monday first), as a month grid shows them."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    start = times.week_start(first)
    end = times.week_start(nxt - timedelta(days=1)) + timedelta(days=6)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def agenda(arch: Any, start: date, end: date) -> dict[date, dict[str, list]]:
    """For each local day: the plan items due (``due``) and the posts scheduled (``posts``)."""
    out: dict[date, dict[str, list]] = {}
    d = start
    while d <= end:
        out[d] = {"due": [], "posts": []}
        d += timedelta(days=1)
    for item in list_items(arch, start, end):
        due = date.fromisoformat(item.due_date)
        if due in out:
            out[due]["due"].append(item)
    for post in scheduled_posts(arch, start, end):
        day = times.local_date(post.publish_at)
        if day in out:
            out[day]["posts"].append(post)
    return out
