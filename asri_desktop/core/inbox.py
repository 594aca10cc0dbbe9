"""What waits for a team member: the lists Beranda shows, as plain queries.

Drafts a reviewer sent back, drafts never submitted, the review queue of the
member's stages, approved posts to schedule, and this week's plan. No Qt: the
desktop app imports this before PySide6 so its first screen starts quickly, and
the queries are tested on their own.
"""

from __future__ import annotations

import logging
from typing import Any

from asri_desktop.core import dates, workflow
from asri_desktop.core.plan import schedule

log = logging.getLogger(__name__)


def stages_for(roles: tuple[str, ...]) -> list[str]:
    """The review stages a member with ``roles`` may decide (from resources/roles.toml)."""
    table = workflow.deciders()
    return [s for s in workflow.REVIEW_STAGES if any(r in roles for r in table.get(s, []))]


def queue_rows(arch: Any, roles: tuple[str, ...], limit: int = 500) -> list[dict[str, Any]]:
    """Assets waiting in a stage the member decides, oldest first (first come, first reviewed)."""
    stages = stages_for(roles)
    if not stages:
        return []
    marks = ",".join("?" for _ in stages)
    cur = arch.conn.execute(
        "SELECT a.id, a.title, a.kind, a.state, a.current_version, a.updated_at, m.name"
        " FROM assets a JOIN versions v ON v.asset_id = a.id AND v.number = a.current_version"
        f" JOIN members m ON m.id = v.created_by WHERE a.state IN ({marks}) ORDER BY a.updated_at, a.id LIMIT ?",
        (*stages, int(limit)),
    )
    cols = ["id", "title", "kind", "state", "current_version", "updated_at", "creator"]
    return [dict(zip(cols, r)) for r in cur]


def sent_back_to(arch: Any, member_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """Drafts this member created that a reviewer sent back and that were not revised since.

    A send-back is "open" while the asset is a draft whose current version is the one
    that was sent back (a new version means the designer already answered it).
    """
    cur = arch.conn.execute(
        "SELECT a.id, a.title, r.comment, m.name, r.at, a.template_id FROM assets a"
        " JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE asset_id = a.id)"
        " JOIN members m ON m.id = r.member_id"
        " WHERE a.created_by = ? AND a.state = ? AND r.decision = 'revise' AND r.version = a.current_version"
        " ORDER BY r.at DESC LIMIT ?",
        (int(member_id), workflow.DRAFT, int(limit)),
    )
    return [dict(zip(("id", "title", "reason", "reviewer", "at", "template_id"), r)) for r in cur]


def my_drafts(arch: Any, member_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """Drafts this member made that were never sent back (new work not yet submitted)."""
    cur = arch.conn.execute(
        "SELECT a.id, a.title, a.updated_at, a.template_id FROM assets a WHERE a.created_by = ? AND a.state = ?"
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.asset_id = a.id AND r.version = a.current_version"
        " AND r.decision = 'revise') ORDER BY a.updated_at DESC LIMIT ?",
        (int(member_id), workflow.DRAFT, int(limit)),
    )
    return [dict(zip(("id", "title", "updated_at", "template_id"), r)) for r in cur]


def planned_this_week(arch: Any) -> list[dict[str, Any]] | None:
    """This week's scheduled posts and plan items without a schedule; None when the plan cannot be read."""
    try:
        days = schedule.week_days(dates.today())
        posts = schedule.scheduled_posts(arch, days[0], days[-1])
        items = schedule.list_items(arch, days[0], days[-1])
    except Exception:  # noqa: BLE001 - Beranda must open even when the plan tables cannot be read
        log.exception("plan of this week could not be read")
        return None
    out = [{"when": p.publish_at, "topic": p.topic, "platform": p.platform, "status": p.status,
            "asset_id": p.asset_id} for p in posts]
    scheduled_ids = {p.plan_item_id for p in posts}
    out += [{"when": i.due_date, "topic": i.topic, "platform": "", "status": i.status, "asset_id": i.asset_id}
            for i in items if i.id not in scheduled_ids]
    return out
