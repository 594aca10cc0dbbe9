"""The approval workflow: states, who may decide what, and the four-eyes rule.

Pure rules, no database: :func:`check` either returns the target state or raises
:class:`RefusedError` naming the rule. The archive calls it inside the same
transaction that records the decision, so a refused action changes nothing.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from asri_desktop.core import resources
from asri_desktop.core.errors import InputError, RefusedError

DRAFT = "draft"
TECHNICAL = "technical_review"
ACCURACY = "accuracy_review"
APPROVED = "approved"
SCHEDULED = "scheduled"
PUBLISHED = "published"
STATES = (DRAFT, TECHNICAL, ACCURACY, APPROVED, SCHEDULED, PUBLISHED)
REVIEW_STAGES = (TECHNICAL, ACCURACY)

ACTIONS = ("submit", "approve", "revise", "schedule", "publish")


def role_labels() -> dict[str, str]:
    return {r["id"]: r["label"] for r in resources.data("roles.toml")["roles"]}


def state_labels() -> dict[str, str]:
    return dict(resources.data("roles.toml")["states"])


def deciders() -> dict[str, list[str]]:
    return dict(resources.data("roles.toml")["deciders"])


def normalize_role(role: str) -> str:
    """Accept a role id (``editor``) or its label (``Editor Teknis``), any case."""
    labels = role_labels()
    key = role.strip().lower()
    for rid, label in labels.items():
        if key in (rid, label.lower()):
            return rid
    raise InputError(
        f"Peran '{role}' tidak dikenal. Pilihan: "
        + ", ".join(f"{rid} ({label})" for rid, label in labels.items())
    )


class Decision(NamedTuple):
    """What a permitted action does: the new state and the role it was taken in."""

    action: str
    from_state: str
    to_state: str
    role: str | None


def check(
    action: str,
    state: str,
    actor_roles: Iterable[str],
    *,
    actor_id: int,
    version_creator_id: int | None,
    comment: str = "",
) -> Decision:
    """Decide whether ``action`` is allowed; returns the :class:`Decision` or raises.

    Rules, each with a stable id in ``RefusedError.rule``:
      * ``state``: the action does not apply in the asset's current state;
      * ``role``: the actor lacks the role that decides this stage;
      * ``four_eyes``: nobody decides on a version they created;
      * ``reason``: a revision request must say why.
    """
    roles = set(actor_roles)
    labels = state_labels()
    table = deciders()
    if action not in ACTIONS:
        raise InputError(f"Tindakan '{action}' tidak dikenal. Pilihan: {', '.join(ACTIONS)}")

    def need_state(*allowed: str) -> None:
        if state not in allowed:
            raise RefusedError(
                f"Tindakan '{action}' tidak berlaku untuk aset berstatus '{labels.get(state, state)}' "
                f"(hanya dari: {', '.join(labels.get(s, s) for s in allowed)}).",
                rule="state",
            )

    def need_role(stage_key: str) -> str:
        allowed = table[stage_key]
        held = [r for r in allowed if r in roles]
        if not held:
            names = role_labels()
            raise RefusedError(
                f"Hanya {' atau '.join(names[r] for r in allowed)} yang boleh memutuskan tahap ini.",
                rule="role",
            )
        return held[0]

    def four_eyes() -> None:
        if version_creator_id is not None and version_creator_id == actor_id:
            raise RefusedError(
                "Prinsip empat mata: Anda tidak boleh memutuskan versi yang Anda buat sendiri.",
                rule="four_eyes",
            )

    if action == "submit":
        need_state(DRAFT)
        return Decision(action, state, TECHNICAL, None)
    if action in ("approve", "revise"):
        need_state(*REVIEW_STAGES)
        role = need_role(state)
        four_eyes()
        if action == "revise":
            if not comment.strip():
                raise RefusedError("Permintaan revisi harus menyebutkan alasannya.", rule="reason")
            return Decision(action, state, DRAFT, role)
        return Decision(action, state, ACCURACY if state == TECHNICAL else APPROVED, role)
    if action == "schedule":
        need_state(APPROVED, SCHEDULED)
        return Decision(action, state, SCHEDULED, need_role("schedule"))
    # publish
    need_state(APPROVED, SCHEDULED, PUBLISHED)
    return Decision(action, state, PUBLISHED, need_role("publish"))
