"""Review checklists: definitions from ``resources/checklists.toml``, results for one version.

An item is decided automatically when the checks behind its ``auto`` codes ran
(see :mod:`asri_desktop.core.review.automated`); every other item is answered by
the reviewer with ``pass``, ``fail`` or ``na`` and a note. A reviewer may always
fail an item; passing an item the automated check failed is allowed only for
heuristic items (``override = true``) and only with a note saying why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from fnmatch import fnmatchcase
from typing import Any, Iterable

from asri_desktop.core import resources, workflow
from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.review import automated as automated_mod

RESULTS = ("pass", "fail", "na")
RESULT_LABELS = {"pass": "Lulus", "fail": "Gagal", "na": "T/A", "unanswered": "Belum dijawab"}
SOURCE_LABELS = {"auto": "Otomatis", "manual": "Pemeriksa"}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SYSTEM_REVIEWER = "sistem"


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a stage's checklist, as defined in ``resources/checklists.toml``."""

    id: str
    stage: str
    label: str
    help: str
    auto: tuple[str, ...] = ()
    fail_on: str = "error"
    override: bool = False
    na_allowed: bool = False
    applies_to: tuple[str, ...] = ("*",)
    evidence: str | None = None

    def applies(self, kind: str) -> bool:
        return "*" in self.applies_to or kind in self.applies_to

    def matches(self, code: str) -> bool:
        return any(fnmatchcase(code, pattern) for pattern in self.auto)

    @property
    def domains(self) -> tuple[str, ...]:
        """The check domains (first part of the codes) that can decide this item."""
        return tuple(dict.fromkeys(p.split(".", 1)[0] for p in self.auto))


@dataclass
class ItemResult:
    """The outcome of one item for one version."""

    id: str
    label: str
    help: str
    result: str  # pass | fail | na | unanswered
    source: str  # auto | manual
    note: str = ""
    reviewer: str | None = None
    at: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    auto: bool = False
    # What the reviewer may do (for a UI): pass a failed automatic result with a note, answer T/A.
    override: bool = False
    na_allowed: bool = False

    @property
    def result_label(self) -> str:
        return RESULT_LABELS[self.result]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ChecklistResult:
    """A stage's checklist filled in for one version of an asset."""

    stage: str
    stage_label: str
    asset_id: int
    version: int
    content_hash: str
    kind: str
    items: list[ItemResult]
    built_at: str
    automated: automated_mod.Automated = field(default_factory=automated_mod.Automated)

    @property
    def failed(self) -> list[ItemResult]:
        return [i for i in self.items if i.result == "fail"]

    @property
    def unanswered(self) -> list[ItemResult]:
        return [i for i in self.items if i.result == "unanswered"]

    @property
    def ok(self) -> bool:
        """True when every item passed or does not apply: the stage may be approved."""
        return not self.failed and not self.unanswered

    def item(self, item_id: str) -> ItemResult:
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape stored with a review decision and printed by ``asri checklist --json``."""
        return {
            "stage": self.stage,
            "stage_label": self.stage_label,
            "asset_id": self.asset_id,
            "version": self.version,
            "content_hash": self.content_hash,
            "kind": self.kind,
            "built_at": self.built_at,
            "ok": self.ok,
            "items": [i.to_dict() for i in self.items],
            "findings": [f.to_dict() for f in self.automated.findings],
            "checks_ran": dict(self.automated.ran),
            "checks_skipped": dict(self.automated.skipped),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ChecklistResult":
        """Rebuild a stored result (from a review's answers)."""
        items = [ItemResult(**{k: v for k, v in x.items() if k in ItemResult.__dataclass_fields__})
                 for x in d.get("items", [])]
        auto = automated_mod.Automated.from_dict(
            {"findings": d.get("findings", []), "ran": d.get("checks_ran", {}), "skipped": d.get("checks_skipped", {})}
        )
        return cls(d["stage"], d.get("stage_label", d["stage"]), int(d["asset_id"]), int(d["version"]),
                   d.get("content_hash", ""), d.get("kind", ""), items, d.get("built_at", ""), auto)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stages() -> dict[str, dict[str, Any]]:
    """The stage tables of ``resources/checklists.toml`` keyed by stage id."""
    return dict(resources.data("checklists.toml")["stages"])


def _check_stage(stage: str) -> dict[str, Any]:
    table = stages()
    if stage not in table:
        labels = workflow.state_labels()
        raise InputError(
            f"Tahap tinjauan '{stage}' tidak dikenal. Pilihan: "
            + ", ".join(f"{s} ({labels.get(s, s)})" for s in table)
        )
    return table[stage]


def definition(stage: str) -> list[ChecklistItem]:
    """Every item of a stage's checklist (for all kinds), in the order of the resources file."""
    table = _check_stage(stage)
    out = []
    for raw in table["items"]:
        out.append(ChecklistItem(
            id=raw["id"], stage=stage, label=raw["label"], help=raw.get("help", ""),
            auto=tuple(raw.get("auto", ())), fail_on=raw.get("fail_on", "error"),
            override=bool(raw.get("override", False)), na_allowed=bool(raw.get("na_allowed", False)),
            applies_to=tuple(raw.get("applies_to", ("*",))),
            evidence=raw.get("evidence") or None,
        ))
    return out


def stage_label(stage: str) -> str:
    table = _check_stage(stage)
    return table.get("label") or workflow.state_labels().get(stage, stage)


def normalize_answers(answers: Any, items: Iterable[ChecklistItem]) -> dict[str, dict[str, str]]:
    """Validate a reviewer's answers and bring them to ``{item_id: {"result", "note"}}``.

    Accepted shapes: ``{item_id: {"result": "pass", "note": "..."}}``, ``{item_id: "pass"}``,
    ``{"answers": {...}}`` or ``{"items": [{"id": ..., "result": ..., "note": ...}, ...]}``
    (so an edited ``asri checklist --json`` output can be sent back).

    Raises:
        InputError: naming every unknown item, unknown result, failure without a note or
            ``na`` on an item that must apply.
    """
    items = list(items)
    if answers is None:
        return {}
    if isinstance(answers, dict) and "items" in answers and isinstance(answers["items"], list):
        # Ids are item names (text); anything else in an edited file is reported below as unknown.
        answers = {x.get("id") if isinstance(x.get("id"), str) else repr(x.get("id")): x
                   for x in answers["items"] if isinstance(x, dict)}
    elif isinstance(answers, dict) and isinstance(answers.get("answers"), dict):
        answers = answers["answers"]
    if not isinstance(answers, dict):
        raise InputError("Jawaban daftar periksa harus berupa objek JSON {id_item: {\"result\": ..., \"note\": ...}}.")
    by_id = {i.id: i for i in items}
    problems: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for key, raw in answers.items():
        if raw is None:
            continue
        if isinstance(raw, str):
            raw = {"result": raw}
        if not isinstance(raw, dict):
            problems.append(f"jawaban untuk '{key}' harus berupa objek dengan 'result' dan 'note'")
            continue
        result = str(raw.get("result", "")).strip().lower()
        note = str(raw.get("note") or "").strip()
        if result in ("", "unanswered"):
            continue  # an item left open in an edited checklist
        if key not in by_id:
            problems.append(f"item '{key}' tidak ada di daftar periksa tahap ini")
            continue
        if result not in RESULTS:
            problems.append(f"hasil '{result}' untuk '{key}' tidak dikenal (pilihan: pass, fail, na)")
            continue
        if result == "fail" and not note:
            problems.append(f"item '{key}' ditandai gagal tanpa catatan; tuliskan alasannya untuk desainer")
            continue
        if result == "na" and not by_id[key].na_allowed:
            problems.append(f"item '{key}' selalu berlaku dan tidak boleh dijawab T/A")
            continue
        out[key] = {"result": result, "note": note}
    if problems:
        raise InputError("Jawaban daftar periksa tidak valid: " + "; ".join(problems) + ".")
    return out


def _fails(f: Finding, fail_on: str) -> bool:
    return SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK.get(fail_on, 2)


def _summary(findings: list[Finding], limit: int = 3) -> str:
    text = "; ".join(f.message.rstrip(" .") for f in findings[:limit])
    if len(findings) > limit:
        text += f"; dan {len(findings) - limit} temuan lain"
    return text + "."


def build(arch: Any, asset_id: int, stage: str, answers: Any = None, version: int | None = None,
          *, reviewer: str | None = None, at: str | None = None) -> ChecklistResult:
    """Fill in a stage's checklist for one version of an asset.

    Args:
        arch: an open archive.
        asset_id: the asset.
        stage: ``technical_review`` or ``accuracy_review``.
        answers: the reviewer's answers (see :func:`normalize_answers`); None = none yet.
        version: version number; the current version when None.
        reviewer: the name recorded on manually answered items.
        at: the time recorded on answered items (ISO UTC); now when None.

    Returns:
        The :class:`ChecklistResult`; items that do not apply to the asset's kind are left out.

    Raises:
        InputError: unknown stage, asset or version, or invalid answers.
    """
    defs = definition(stage)
    asset = arch.asset(asset_id)
    ver = arch.version(asset.id, version)
    items = [d for d in defs if d.applies(asset.kind)]
    # Validate against the whole stage, so answers for items of another kind are accepted and ignored.
    given = normalize_answers(answers, defs)
    auto = automated_mod.collect(arch, asset.id, ver.number)
    when = at or _now()
    results: list[ItemResult] = []
    for item in items:
        res = _decide(item, auto, given.get(item.id), reviewer, when)
        if item.evidence:
            _check_evidence(arch, asset.id, item, res)
        results.append(res)
    return ChecklistResult(stage, stage_label(stage), asset.id, ver.number, ver.content_hash, asset.kind,
                           results, when, auto)


def _decide(item: ChecklistItem, auto: automated_mod.Automated, answer: dict[str, str] | None,
            reviewer: str | None, when: str) -> ItemResult:
    res = ItemResult(item.id, item.label, item.help, "unanswered", "manual", auto=bool(item.auto),
                     override=item.override, na_allowed=item.na_allowed)
    ran = [d for d in item.domains if d in auto.ran]
    if item.auto and ran:
        matched = [f for f in auto.findings if item.matches(f.code)]
        failing = [f for f in matched if _fails(f, item.fail_on)]
        res.findings = [{"code": f.code, "severity": f.severity, "message": f.message} for f in matched]
        res.source, res.reviewer, res.at = "auto", SYSTEM_REVIEWER, when
        if failing:
            res.result = "fail"
            res.note = _summary(failing)
        else:
            res.result = "pass"
            others = [f for f in matched if f.severity != "info"]
            res.note = ("Pemeriksaan otomatis lulus dengan catatan: " + _summary(others)) if others \
                else "Pemeriksaan otomatis: tidak ada masalah."
        if answer:
            _apply_over_auto(item, res, answer, reviewer, when)
        return res
    if item.auto:
        reasons = {auto.skipped[d] for d in item.domains if d in auto.skipped}
        res.note = (" ".join(sorted(reasons)) if reasons
                    else "Pemeriksaan otomatis tidak berjalan untuk aset ini; periksa secara manual.")
    if answer:
        res.result, res.source, res.reviewer, res.at = answer["result"], "manual", reviewer, when
        res.note = answer["note"] or ("" if answer["result"] != "na" else "Tidak berlaku untuk konten ini.")
    return res


def _consents(arch: Any, asset_id: int) -> list[Any] | None:
    """Active photo consents recorded for the asset; None when the plan feature is not installed."""
    import importlib

    try:
        consent = importlib.import_module("asri_desktop.core.plan.consent")
        return list(consent.for_asset(arch, asset_id))
    except Exception:  # feature absent (or its table not migrated yet): no evidence to check
        return None


def _check_evidence(arch: Any, asset_id: int, item: ChecklistItem, res: ItemResult) -> None:
    """Hold a "pass" to the record the item names (only ``consent`` is known)."""
    if item.evidence != "consent":
        return
    records = _consents(arch, asset_id)
    if records is None:
        return
    if records:
        listed = "; ".join(f"#{c.id} {c.person} ({c.use}, {c.granted_on})" for c in records[:5])
        res.note = (res.note + " " if res.note else "") + f"Izin tercatat: {listed}."
    elif res.result == "pass":
        res.result = "fail"
        res.note = ("Dijawab lulus, tetapi belum ada catatan izin foto untuk aset ini. Catat izinnya "
                    "('asri consent add --asset ...') atau pilih T/A bila tidak ada foto warga."
                    + (f" Catatan pemeriksa: {res.note}" if res.note else ""))


def _apply_over_auto(item: ChecklistItem, res: ItemResult, answer: dict[str, str],
                     reviewer: str | None, when: str) -> None:
    """A reviewer's answer on an automatically decided item."""
    result, note = answer["result"], answer["note"]
    if result == "fail":
        # A person may always find a problem the checks missed.
        res.result, res.source, res.reviewer, res.at = "fail", "manual", reviewer, when
        res.note = note if res.note.startswith("Pemeriksaan otomatis") else f"{note} (otomatis: {res.note})"
    elif result == "pass" and res.result == "fail":
        if item.override and note:
            res.result, res.source, res.reviewer, res.at = "pass", "manual", reviewer, when
            res.note = f"Diterima pemeriksa: {note} (otomatis: {res.note})"
        elif item.override:
            res.note += " — jawaban 'lulus' tanpa catatan diabaikan: tuliskan alasan menerima temuan ini."
        else:
            res.note += " — hasil pemeriksaan otomatis ini tidak dapat dikesampingkan; perbaiki berkasnya."
    elif result == "na" and item.na_allowed:
        res.result, res.source, res.reviewer, res.at = "na", "manual", reviewer, when
        res.note = note or "Tidak berlaku untuk konten ini."
    elif result == "pass" and note:
        res.note += f" Catatan pemeriksa: {note}"
