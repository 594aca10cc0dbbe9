"""Quick quiz and satisfaction survey after a campaign: questions, answers (typed or CSV), scores.

A *quiz* has choice questions with one correct option; comprehension is the
share of correct answers, and a respondent "understood" when their share
reaches ``quiz_pass_share``. A *satisfaction* survey has scale questions
(``scale_min``..``scale_max``); the share at or above ``satisfied_min`` is
"puas". Thresholds live in ``resources/plan.toml [kpi]``.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asri_desktop.core.errors import InputError
from asri_desktop.core.findings import Finding
from asri_desktop.core.plan import times, vocab
from asri_desktop.core.plan.tables import ImportReport, cell_text, find_column, read_table

KINDS = {"quiz": "Kuis cepat", "satisfaction": "Survei kepuasan"}


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    text: str
    qtype: str  # "choice" or "scale"
    options: tuple[str, ...] = ()
    correct: str | None = None


@dataclass(frozen=True)
class Survey:
    id: int
    kind: str
    title: str
    campaign: str
    created_at: str
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "campaign": self.campaign,
                "created_at": self.created_at,
                "questions": [q.__dict__ | {"options": list(q.options)} for q in self.questions]}


def _kpi() -> dict[str, Any]:
    return vocab.plan_config()["kpi"]


def default_questions(kind: str) -> list[dict[str, Any]]:
    """The default questions of a quiz or a satisfaction survey (from plan.toml)."""
    cfg = vocab.plan_config()
    if kind == "quiz":
        return [dict(q) for q in cfg["quiz_default"]]
    if kind == "satisfaction":
        return [dict(q) for q in cfg["satisfaction_default"]]
    raise InputError(f"Jenis survei '{kind}' tidak dikenal: gunakan quiz atau satisfaction.")


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Questions from a JSON file: a list of {"text", "options"?, "correct"?}."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"Berkas pertanyaan {p} tidak dapat dibaca ({exc.strerror or exc}).") from exc
    except ValueError as exc:
        raise InputError(f"Berkas pertanyaan {p.name} bukan JSON yang valid ({exc}).") from exc
    if not isinstance(data, list) or not all(isinstance(q, dict) for q in data):
        raise InputError(f"Berkas pertanyaan {p.name} harus berisi daftar JSON: [{{\"text\": ..., \"options\": [...], \"correct\": ...}}].")
    return data


def _check_questions(kind: str, questions: list[dict[str, Any]]) -> list[tuple[str, str, list[str], str | None]]:
    if not questions:
        raise InputError("Survei harus memiliki setidaknya satu pertanyaan.")
    out = []
    for n, q in enumerate(questions, 1):
        text = str(q.get("text", "")).strip()
        if not text:
            raise InputError(f"Pertanyaan {n} tidak memiliki teks.")
        if kind == "quiz":
            options = [str(o).strip() for o in q.get("options", []) if str(o).strip()]
            correct = str(q.get("correct", "")).strip()
            if len(options) < 2:
                raise InputError(f"Pertanyaan kuis {n} harus memiliki setidaknya dua pilihan jawaban.")
            if correct not in options:
                raise InputError(f"Jawaban benar pertanyaan {n} ('{correct}') tidak ada di pilihannya.")
            out.append((text, "choice", options, correct))
        else:
            out.append((text, "scale", [], None))
    return out


def create(arch: Any, kind: str, title: str, actor: str, *, questions: list[dict[str, Any]] | None = None,
           campaign: str = "") -> Survey:
    """Define a quiz or a satisfaction survey (default questions when none given); logged ``survey.create``."""
    if kind not in KINDS:
        raise InputError(f"Jenis survei '{kind}' tidak dikenal: gunakan quiz atau satisfaction.")
    title = (title or "").strip()
    if not title:
        raise InputError("Judul survei tidak boleh kosong.")
    member = arch.member(actor)
    qs = _check_questions(kind, questions if questions is not None else default_questions(kind))
    with arch.write():
        sid = arch.conn.execute("INSERT INTO surveys(kind, title, campaign, created_by, created_at) VALUES (?,?,?,?,?)",
                                (kind, title, (campaign or "").strip(), member.id,
                                 times.to_iso(times.utc_now()))).lastrowid
        for pos, (text, qtype, options, correct) in enumerate(qs, 1):
            arch.conn.execute(
                "INSERT INTO survey_questions(survey_id, position, text, qtype, options, correct) VALUES (?,?,?,?,?,?)",
                (sid, pos, text, qtype, json.dumps(options, ensure_ascii=False), correct))
        arch.log(member.name, "survey.create", comment=f"{KINDS[kind]} #{sid}: {title} ({len(qs)} pertanyaan)")
    return get_survey(arch, sid)


def get_survey(arch: Any, survey_id: int) -> Survey:
    try:
        sid = int(survey_id)
    except (TypeError, ValueError):
        raise InputError(f"ID survei tidak valid: '{survey_id}'.") from None
    row = arch.conn.execute("SELECT id, kind, title, campaign, created_at FROM surveys WHERE id = ?", (sid,)).fetchone()
    if not row:
        raise InputError(f"Survei #{sid} tidak ada di arsip.")
    qs = tuple(Question(q[0], q[1], q[2], q[3], tuple(json.loads(q[4])), q[5]) for q in arch.conn.execute(
        "SELECT id, position, text, qtype, options, correct FROM survey_questions WHERE survey_id = ? ORDER BY position",
        (sid,)))
    return Survey(*row, questions=qs)


def list_surveys(arch: Any) -> list[Survey]:
    return [get_survey(arch, r[0]) for r in arch.conn.execute("SELECT id FROM surveys ORDER BY created_at, id")]


def _value(q: Question, raw: Any) -> str:
    text = cell_text(raw)
    if q.qtype == "choice":
        for opt in q.options:
            if text.casefold() == opt.casefold():
                return opt
        # A sheet may hold the option letter (A, B, C) or number instead of its text.
        if len(text) == 1 and text.isalpha() and ord(text.upper()) - 65 < len(q.options):
            return q.options[ord(text.upper()) - 65]
        if text.isdigit() and 1 <= int(text) <= len(q.options):
            return q.options[int(text) - 1]
        raise InputError(f"jawaban '{text}' untuk pertanyaan {q.position} bukan salah satu pilihan")
    cfg = _kpi()
    try:
        n = int(float(text.replace(",", ".")))
    except ValueError:
        raise InputError(f"jawaban '{text}' untuk pertanyaan {q.position} bukan angka skala") from None
    if not cfg["scale_min"] <= n <= cfg["scale_max"]:
        raise InputError(f"jawaban {n} untuk pertanyaan {q.position} di luar skala {cfg['scale_min']}–{cfg['scale_max']}")
    return str(n)


def _save_response(arch: Any, s: Survey, answers: dict[int, Any], respondent: str, at: Any, source: str) -> int:
    clean = {}
    for q in s.questions:
        if q.position in answers and cell_text(answers[q.position]) != "":
            clean[q.id] = _value(q, answers[q.position])
    if not clean:
        raise InputError("tidak ada jawaban")
    when = times.parse_time(at, "Waktu jawaban") if at else times.utc_now()
    rid = arch.conn.execute("INSERT INTO survey_responses(survey_id, respondent, submitted_at, source) VALUES (?,?,?,?)",
                            (s.id, (respondent or "").strip(), times.to_iso(when), source)).lastrowid
    for qid, val in clean.items():
        arch.conn.execute("INSERT INTO survey_answers(response_id, question_id, value) VALUES (?,?,?)", (rid, qid, val))
    return rid


def add_response(arch: Any, survey_id: int, answers: dict[int, Any], actor: str, *, respondent: str = "",
                 at: Any = None) -> int:
    """Record one respondent's answers typed in: {question position: answer}. Returns the response id."""
    member = arch.member(actor)
    s = get_survey(arch, survey_id)
    with arch.write():
        rid = _save_response(arch, s, answers, respondent, at, "manual")
        arch.log(member.name, "survey.answer", comment=f"Jawaban #{rid} untuk survei #{s.id}")
    return rid


def import_responses(arch: Any, survey_id: int, path: str | Path, actor: str) -> ImportReport:
    """Import answers from CSV/XLSX: one row per respondent, a column per question.

    A question's column is headed by its number (``1``, ``P1``, ``Q1``) or its
    exact text; ``Responden``/``Nama`` and ``Waktu``/``Timestamp`` columns are
    optional (Google Forms writes ``Timestamp``). Bad rows are reported by row number.
    """
    member = arch.member(actor)
    s = get_survey(arch, survey_id)
    sheet = read_table(path)
    qcols: dict[int, str] = {}
    for q in s.questions:
        col = find_column(sheet.header, [str(q.position), f"P{q.position}", f"Q{q.position}",
                                         f"Pertanyaan {q.position}", q.text])
        if col:
            qcols[q.position] = col
    if not qcols:
        raise InputError(f"Berkas {Path(path).name} tidak memiliki kolom pertanyaan: beri judul kolom 1, 2, 3 ... "
                         "atau teks pertanyaannya.")
    rcol = find_column(sheet.header, ["Responden", "Nama", "Name", "Respondent"])
    tcol = find_column(sheet.header, ["Waktu", "Timestamp", "Tanggal", "Time"])
    report = ImportReport()
    with arch.write():
        for line, row in sheet.rows:
            try:
                at = cell_text(row.get(tcol)) if tcol else None
                rid = _save_response(arch, s, {pos: row.get(col) for pos, col in qcols.items()},
                                     cell_text(row.get(rcol)) if rcol else "", at or None, "csv")
                report.ids.append(rid)
                report.added += 1
            except InputError as exc:
                report.errors.append(Finding("survey.import.row", "error", str(exc).rstrip("."), line=line))
        if report.added:
            arch.log(member.name, "survey.answer",
                     comment=f"Impor {report.added} jawaban untuk survei #{s.id} dari {Path(path).name}")
    return report


def results(arch: Any, survey_id: int) -> dict[str, Any]:
    """Scores of a survey: per question, and overall comprehension or satisfaction."""
    s = get_survey(arch, survey_id)
    cfg = _kpi()
    responses = [r[0] for r in arch.conn.execute("SELECT id FROM survey_responses WHERE survey_id = ?", (s.id,))]
    answers: dict[int, dict[int, str]] = {r: {} for r in responses}
    for rid, qid, val in arch.conn.execute(
        "SELECT a.response_id, a.question_id, a.value FROM survey_answers a JOIN survey_responses r"
        " ON r.id = a.response_id WHERE r.survey_id = ?", (s.id,)):
        answers[rid][qid] = val
    per_q = []
    for q in s.questions:
        vals = [a[q.id] for a in answers.values() if q.id in a]
        item: dict[str, Any] = {"position": q.position, "text": q.text, "answers": len(vals)}
        if q.qtype == "choice":
            right = sum(v == q.correct for v in vals)
            item["correct_share"] = right / len(vals) if vals else None
        else:
            nums = [int(v) for v in vals]
            item["mean"] = statistics.fmean(nums) if nums else None
            item["satisfied_share"] = sum(n >= cfg["satisfied_min"] for n in nums) / len(nums) if nums else None
        per_q.append(item)
    out: dict[str, Any] = {"survey": s.to_dict(), "respondents": len(responses), "questions": per_q}
    if s.kind == "quiz":
        scores = []
        for a in answers.values():
            answered = [q for q in s.questions if q.id in a]
            if answered:
                scores.append(sum(a[q.id] == q.correct for q in answered) / len(s.questions))
        out["mean_score"] = statistics.fmean(scores) if scores else None
        out["comprehension_share"] = (sum(sc >= cfg["quiz_pass_share"] for sc in scores) / len(scores)) if scores else None
    else:
        nums = [int(v) for a in answers.values() for v in a.values()]
        out["mean"] = statistics.fmean(nums) if nums else None
        out["satisfied_share"] = sum(n >= cfg["satisfied_min"] for n in nums) / len(nums) if nums else None
    return out
