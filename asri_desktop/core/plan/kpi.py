"""Derived figures: engagement, engagement rate, response time, turnaround, and the chart series.

Definitions (``resources/plan.toml [kpi]``):
  * engagement of a post = likes + comments + shares + saves of its newest reading;
  * engagement rate = engagement / reach (posts without reach are left out of rates);
  * response time = minutes from a comment's receipt to its handling (categories
    that need no reply are left out);
  * hoax verification time = hours from a rumour's receipt to its verdict;
  * turnaround = hours from an asset's creation (its first draft) to its first publication.
Weeks run Monday to Sunday in Bangka local time.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from asri_desktop.core.plan import times, vocab
from asri_desktop.core.plan.metrics import fields, latest
from asri_desktop.core.plan.publications import list_publications


def _cfg() -> dict[str, Any]:
    return vocab.plan_config()["kpi"]


def engagement(values: dict[str, int | None]) -> int | None:
    """Sum of the interaction figures; None when none of them was reported."""
    got = [values.get(f) for f in _cfg()["engagement_fields"]]
    return None if all(v is None for v in got) else sum(v or 0 for v in got)


def rate(eng: int | None, reach: int | None) -> float | None:
    if eng is None or not reach:
        return None
    return eng / reach


@dataclass(frozen=True)
class PostFigures:
    """A publication with its newest reading and derived figures."""

    publication_id: int
    asset_id: int
    title: str
    kind: str
    hazard: str | None
    platform: str
    url: str
    published_at: str
    values: dict[str, int | None]
    engagement: int | None
    rate: float | None

    @property
    def reach(self) -> int | None:
        return self.values.get("reach")

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d.update(self.values)
        return d


def _range(date_from: Any, date_to: Any) -> tuple[date, date]:
    hi = times.parse_day(date_to) if date_to else times.local_date(times.utc_now())
    lo = times.parse_day(date_from) if date_from else hi - timedelta(days=90)
    return lo, hi


def post_figures(arch: Any, date_from: Any = None, date_to: Any = None) -> list[PostFigures]:
    """Every publication in the period with its newest reading (figures None when never read)."""
    lo, hi = _range(date_from, date_to)
    newest = latest(arch)
    empty = {f: None for f in fields()}
    out = []
    for p in list_publications(arch, date_from=lo, date_to=hi):
        r = newest.get(p.id)
        vals = dict(r.values) if r else dict(empty)
        eng = engagement(vals)
        out.append(PostFigures(p.id, p.asset_id, p.title, p.kind, p.hazard, p.platform, p.url, p.published_at, vals,
                               eng, rate(eng, vals.get("reach"))))
    return out


def _sum(posts: list[PostFigures], field: str) -> int:
    return sum(p.values.get(field) or 0 for p in posts)


def _pooled_rate(posts: list[PostFigures]) -> float | None:
    """Engagement over reach across the posts that report both (a pooled rate, not a mean of rates)."""
    pairs = [(p.engagement, p.reach) for p in posts if p.engagement is not None and p.reach]
    reach = sum(r for _, r in pairs)
    return sum(e for e, _ in pairs) / reach if reach else None


def response_minutes(arch: Any, date_from: Any = None, date_to: Any = None) -> list[tuple[str, float]]:
    """(received_at, minutes) of every handled comment received in the period that needed a reply."""
    lo, hi = times.day_bounds(*_range(date_from, date_to))
    skip = set(vocab.plan_config()["comment_no_reply"])
    out = []
    for rec, handled, cat in arch.conn.execute(
        "SELECT received_at, handled_at, category FROM comments WHERE received_at >= ? AND received_at < ?"
        " AND handled_at IS NOT NULL ORDER BY received_at", (lo, hi)
    ):
        if cat in skip:
            continue
        out.append((rec, (times.from_iso(handled) - times.from_iso(rec)).total_seconds() / 60))
    return out


def open_comments(arch: Any, date_from: Any = None, date_to: Any = None) -> int:
    lo, hi = times.day_bounds(*_range(date_from, date_to))
    skip = list(vocab.plan_config()["comment_no_reply"])
    marks = ",".join("?" for _ in skip) or "''"
    return arch.conn.execute(
        f"SELECT count(*) FROM comments WHERE received_at >= ? AND received_at < ? AND handled_at IS NULL"
        f" AND category NOT IN ({marks})", (lo, hi, *skip)).fetchone()[0]


def hoax_hours(arch: Any, date_from: Any = None, date_to: Any = None) -> list[float]:
    lo, hi = times.day_bounds(*_range(date_from, date_to))
    return [(times.from_iso(v) - times.from_iso(r)).total_seconds() / 3600 for r, v in arch.conn.execute(
        "SELECT received_at, verified_at FROM hoaxes WHERE received_at >= ? AND received_at < ?"
        " AND verified_at IS NOT NULL", (lo, hi))]


def turnaround(arch: Any, date_from: Any = None, date_to: Any = None) -> list[dict[str, Any]]:
    """Assets first published in the period: hours from first draft to first publication."""
    lo, hi = times.day_bounds(*_range(date_from, date_to))
    rows = arch.conn.execute(
        "SELECT a.id, a.title, a.kind, a.created_at, min(p.published_at) FROM assets a"
        " JOIN publications p ON p.asset_id = a.id GROUP BY a.id HAVING min(p.published_at) >= ?"
        " AND min(p.published_at) < ? ORDER BY min(p.published_at)", (lo, hi)).fetchall()
    out = []
    for aid, title, kind, created, first in rows:
        hours = (times.from_iso(first) - times.from_iso(created)).total_seconds() / 3600
        out.append({"asset_id": aid, "title": title, "kind": kind, "hours": max(hours, 0.0)})
    return out


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summary(arch: Any, date_from: Any = None, date_to: Any = None) -> dict[str, Any]:
    """The period's KPIs in one dict (counts, totals, pooled engagement rate, medians)."""
    lo, hi = _range(date_from, date_to)
    posts = post_figures(arch, lo, hi)
    measured = [p for p in posts if any(v is not None for v in p.values.values())]
    resp = [m for _, m in response_minutes(arch, lo, hi)]
    hx = hoax_hours(arch, lo, hi)
    ta = [t["hours"] for t in turnaround(arch, lo, hi)]
    ulo, uhi = times.day_bounds(lo, hi)
    hoaxes = arch.conn.execute("SELECT count(*), sum(outcome = 'hoaks'), sum(clarification_asset_id IS NOT NULL)"
                               " FROM hoaxes WHERE received_at >= ? AND received_at < ?", (ulo, uhi)).fetchone()
    comments = arch.conn.execute("SELECT count(*) FROM comments WHERE received_at >= ? AND received_at < ?",
                                 (ulo, uhi)).fetchone()[0]
    out: dict[str, Any] = {
        "from": lo.isoformat(), "to": hi.isoformat(),
        "posts": len(posts), "posts_measured": len(measured),
        "assets": len({p.asset_id for p in posts}),
        "engagement": sum(p.engagement or 0 for p in posts),
        "engagement_rate": _pooled_rate(posts),
        "comments_received": comments, "comments_open": open_comments(arch, lo, hi),
        "response_minutes_median": _median(resp), "responses": len(resp),
        "hoaxes": hoaxes[0] or 0, "hoaxes_confirmed": hoaxes[1] or 0, "hoaxes_clarified": hoaxes[2] or 0,
        "hoax_hours_median": _median(hx),
        "turnaround_hours_median": _median(ta), "turnaround_count": len(ta),
    }
    for f in fields():
        # None (shown as "-") when no reading reported the figure at all, rather than a misleading 0.
        out[f] = _sum(posts, f) if any(p.values.get(f) is not None for p in posts) else None
    return out


@dataclass(frozen=True)
class WeekPoint:
    """One week of the trend: posts published that week and their figures."""

    week_start: date
    posts: int
    reach: int
    impressions: int
    engagement: int
    rate: float | None
    response_minutes: float | None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["week_start"] = self.week_start.isoformat()
        return d


def weekly(arch: Any, date_from: Any = None, date_to: Any = None) -> list[WeekPoint]:
    """Reach, impressions, engagement, rate and median response time per week, every week of the period."""
    lo, hi = _range(date_from, date_to)
    posts = post_figures(arch, lo, hi)
    buckets: dict[date, list[PostFigures]] = defaultdict(list)
    for p in posts:
        buckets[times.week_start(times.local_date(p.published_at))].append(p)
    resp: dict[date, list[float]] = defaultdict(list)
    for rec, minutes in response_minutes(arch, lo, hi):
        resp[times.week_start(times.local_date(rec))].append(minutes)
    out = []
    wk = times.week_start(lo)
    while wk <= hi:
        ps = buckets.get(wk, [])
        out.append(WeekPoint(wk, len(ps), _sum(ps, "reach"), _sum(ps, "impressions"),
                             sum(p.engagement or 0 for p in ps), _pooled_rate(ps), _median(resp.get(wk, []))))
        wk += timedelta(days=7)
    return out


@dataclass(frozen=True)
class GroupPoint:
    """Totals of the posts sharing one hazard or one content kind."""

    key: str
    label: str
    posts: int
    reach: int
    engagement: int
    rate: float | None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def by_dimension(arch: Any, dimension: str, date_from: Any = None, date_to: Any = None) -> list[GroupPoint]:
    """Totals per ``hazard`` or per ``kind``, largest reach first."""
    if dimension not in ("hazard", "kind", "platform"):
        raise ValueError(dimension)
    labels = {"hazard": vocab.hazards(arch.settings()), "kind": vocab.kinds(), "platform": vocab.platforms()}[dimension]
    groups: dict[str, list[PostFigures]] = defaultdict(list)
    for p in post_figures(arch, date_from, date_to):
        groups[getattr(p, dimension) or ""].append(p)
    out = [GroupPoint(k, labels.get(k, k) if k else "Tanpa kategori", len(ps), _sum(ps, "reach"),
                      sum(p.engagement or 0 for p in ps), _pooled_rate(ps)) for k, ps in groups.items()]
    return sorted(out, key=lambda g: (-g.reach, g.label))


def ranked(arch: Any, date_from: Any = None, date_to: Any = None) -> tuple[list[PostFigures], list[PostFigures]]:
    """Best and weakest posts by engagement rate among posts with at least ``rank_min_reach`` reach.

    A post appears in only one list (short periods may have few posts).
    """
    cfg = _cfg()
    eligible = [p for p in post_figures(arch, date_from, date_to)
                if p.rate is not None and (p.reach or 0) >= int(cfg["rank_min_reach"])]
    eligible.sort(key=lambda p: (-p.rate, -(p.reach or 0), p.publication_id))
    # With few posts, split them so the weakest list is never empty while the best one is long.
    n = min(int(cfg["rank_count"]), (len(eligible) + 1) // 2)
    best = eligible[:n]
    rest = eligible[n:]
    weakest = list(reversed(rest))[: int(cfg["rank_count"])]
    return best, weakest


def _answer_items(answers: Any) -> list[tuple[str, str, str]]:
    """(id, label, result) from a review's stored answers, whatever shape the checklist stored."""
    out = []
    items = answers.get("items") if isinstance(answers, dict) else None
    if isinstance(items, list):
        for it in items:
            if isinstance(it, dict):
                iid = str(it.get("id") or it.get("item") or "")
                out.append((iid, str(it.get("label") or it.get("text") or iid), str(it.get("result", ""))))
        return out
    if isinstance(answers, dict):
        for iid, val in answers.items():
            if isinstance(val, dict):
                out.append((iid, str(val.get("label") or iid), str(val.get("result", ""))))
            elif isinstance(val, bool):
                out.append((iid, iid, "pass" if val else "fail"))
            elif isinstance(val, str):
                out.append((iid, iid, val))
    return out


def failed_checklist_items(arch: Any, date_from: Any = None, date_to: Any = None) -> list[dict[str, Any]]:
    """Checklist items that failed most often in the reviews of the period, most frequent first."""
    lo, hi = times.day_bounds(*_range(date_from, date_to))
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    stages: dict[str, str] = {}
    for stage, raw in arch.conn.execute("SELECT stage, answers FROM reviews WHERE at >= ? AND at < ?", (lo, hi)):
        try:
            answers = json.loads(raw or "{}")
        except ValueError:
            continue
        for iid, label, result in _answer_items(answers):
            if result.strip().lower() in ("fail", "false", "tidak", "gagal", "no"):
                counts[iid] += 1
                labels.setdefault(iid, label)
                stages.setdefault(iid, stage)
    return [{"id": i, "label": labels[i], "stage": stages[i], "count": c} for i, c in counts.most_common()]


def chart_series(arch: Any, date_from: Any = None, date_to: Any = None) -> dict[str, Any]:
    """Everything the monitoring charts draw, as plain data (the Qt screen only paints it)."""
    weeks = weekly(arch, date_from, date_to)
    return {
        "weeks": [w.week_start.isoformat() for w in weeks],
        "reach": [w.reach for w in weeks],
        "engagement": [w.engagement for w in weeks],
        "rate": [w.rate for w in weeks],
        "response_minutes": [w.response_minutes for w in weeks],
        "by_hazard": [g.to_dict() for g in by_dimension(arch, "hazard", date_from, date_to)],
        "by_kind": [g.to_dict() for g in by_dimension(arch, "kind", date_from, date_to)],
    }
