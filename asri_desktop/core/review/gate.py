"""The review gate: a stage is approved only when its whole checklist passes.

``asri review`` and the UI call :func:`review`. Approval is refused (rule
``checklist``) while any item fails or is unanswered, naming every such item; a
revision records the failed items with their notes so the designer sees the
reasons per item (:func:`revision_reasons`). The full checklist result is stored
with the decision (``reviews.answers``) and bound to the version's content hash.
"""

from __future__ import annotations

from typing import Any

from asri_desktop.core import workflow
from asri_desktop.core.errors import InputError, RefusedError
from asri_desktop.core.review import checklist


def _item_line(item: checklist.ItemResult) -> str:
    if item.result == "unanswered":
        return f"'{item.label}' [{item.id}] belum dijawab"
    return f"'{item.label}' [{item.id}] gagal: {item.note}"


def review(arch: Any, asset_id: int, decision: str, actor: str, comment: str = "",
           answers: Any = None) -> workflow.Decision:
    """Approve the asset's current review stage or send it back, through the stage's checklist.

    Args:
        arch: an open archive.
        asset_id: the asset under review.
        decision: ``approve`` or ``revise``.
        actor: the reviewer's name.
        comment: the reviewer's comment (a revision needs a reason: a comment or a failed item).
        answers: the reviewer's answers to the manual items (see :func:`checklist.normalize_answers`).

    Returns:
        The workflow decision (from and to state).

    Raises:
        RefusedError: ``checklist`` when approval meets failed or unanswered items; the
            workflow's own rules (``state``, ``role``, ``four_eyes``, ``reason``, ``stale_version``).
        InputError: unknown asset, member or decision, invalid answers.
    """
    if decision not in ("approve", "revise"):
        raise InputError(f"Keputusan '{decision}' tidak dikenal: gunakan 'approve' atau 'revise'.")
    asset = arch.asset(asset_id)
    if asset.state not in workflow.REVIEW_STAGES:
        # Not under review: the workflow gives its own refusal naming the state.
        return arch.review(asset.id, decision, actor, comment, answers=answers)
    member = arch.member(actor)
    ver = arch.version(asset.id)
    # Role and four-eyes first, so nobody waits for the automated checks only to be refused.
    workflow.check(decision, asset.state, member.roles, actor_id=member.id,
                   version_creator_id=ver.created_by_id, comment=comment or "-")
    result = checklist.build(arch, asset.id, asset.state, answers, ver.number, reviewer=member.name)
    record = result.to_dict()
    record["comment"] = comment.strip()
    if decision == "approve":
        problems = result.failed + result.unanswered
        if problems:
            raise RefusedError(
                f"Tahap {result.stage_label} belum dapat disetujui: "
                + "; ".join(_item_line(i) for i in problems)
                + ". Jawab item yang terbuka atau kembalikan untuk revisi (--decision revise).",
                rule="checklist",
            )
        return arch.review(asset.id, "approve", member.name, comment.strip(), answers=record,
                           expected_hash=ver.content_hash)
    text = comment.strip()
    if result.failed:
        per_item = "\n".join(f"- {i.label}: {i.note}" for i in result.failed)
        text = f"{text}\n{per_item}" if text else f"Perlu diperbaiki:\n{per_item}"
    return arch.review(asset.id, "revise", member.name, text, answers=record, expected_hash=ver.content_hash)


def revision_reasons(arch: Any, asset_id: int) -> list[dict[str, Any]]:
    """The reasons of the latest revision request, one entry per failed item, for the designer.

    Each entry: ``stage``, ``stage_label``, ``version``, ``reviewer``, ``at``, ``item_id``
    (None for the general comment), ``label``, ``note``, ``source`` (auto|manual).
    Empty when the asset was never sent back.
    """
    asset = arch.asset(asset_id)
    revs = [r for r in arch.reviews(asset.id) if r["decision"] == "revise"]
    if not revs:
        return []
    last = revs[-1]
    labels = workflow.state_labels()
    base = {"stage": last["stage"], "stage_label": labels.get(last["stage"], last["stage"]),
            "version": last["version"], "reviewer": last["member"], "at": last["at"]}
    answers = last["answers"] if isinstance(last["answers"], dict) else {}
    out = []
    general = answers.get("comment", last["comment"] if not answers.get("items") else "")
    if general:
        out.append({**base, "item_id": None, "label": "Catatan umum", "note": general, "source": "manual"})
    for item in answers.get("items", []):
        if item.get("result") == "fail":
            out.append({**base, "item_id": item["id"], "label": item["label"], "note": item.get("note", ""),
                        "source": item.get("source", "manual")})
    return out
