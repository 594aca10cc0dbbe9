"""Quick quiz and satisfaction survey: define, answer (typed and CSV), score."""

from __future__ import annotations

import json

import pytest

from asri_desktop.core.errors import InputError
from asri_desktop.core.plan import survey


def test_quiz_default_questions_and_scores(team):
    s = survey.create(team, "quiz", "Kuis banjir November", "Dewi", campaign="Siaga banjir")
    assert len(s.questions) == 3 and s.questions[1].correct == "112"
    survey.add_response(team, s.id, {1: "A", 2: "112", 3: "BMKG"}, "Dewi", respondent="Warga 1")
    survey.add_response(team, s.id, {1: "Tetap di rumah", 2: "1", 3: "bmkg"}, "Dewi", respondent="Warga 2")
    res = survey.results(team, s.id)
    assert res["respondents"] == 2
    assert [q["correct_share"] for q in res["questions"]] == [0.5, 1.0, 1.0]
    assert res["mean_score"] == pytest.approx((1 + 2 / 3) / 2)
    assert res["comprehension_share"] == 0.5  # 2/3 < 0.7 pass share


def test_satisfaction_csv_import_with_bad_rows(team, tmp_path):
    s = survey.create(team, "satisfaction", "Survei kepuasan Q4", "Dewi")
    f = tmp_path / "jawaban.csv"
    f.write_text("Timestamp,Nama,1,2,3,4\n"
                 "2026-11-20 10.00,A,5,4,4,5\n"
                 "2026-11-20 10.05,B,3,2,4,4\n"
                 "2026-11-20 10.06,C,9,4,4,4\n"
                 "2026-11-20 10.07,D,,,,\n", encoding="utf-8")
    rep = survey.import_responses(team, s.id, f, "Dewi")
    assert rep.added == 2 and [e.line for e in rep.errors] == [4, 5]
    assert "di luar skala" in rep.errors[0].message
    res = survey.results(team, s.id)
    assert res["mean"] == pytest.approx(31 / 8) and res["satisfied_share"] == pytest.approx(6 / 8)
    assert res["questions"][1]["mean"] == 3


def test_custom_questions_are_checked(team, tmp_path):
    f = tmp_path / "q.json"
    f.write_text(json.dumps([{"text": "Nomor darurat?", "options": ["112", "911"], "correct": "999"}]))
    with pytest.raises(InputError, match="tidak ada di pilihannya"):
        survey.create(team, "quiz", "Kuis", "Dewi", questions=survey.load_questions(f))
    f.write_text("{bukan json")
    with pytest.raises(InputError, match="bukan JSON"):
        survey.load_questions(f)
    with pytest.raises(InputError, match="bukan salah satu pilihan"):
        s = survey.create(team, "quiz", "Kuis", "Dewi")
        survey.add_response(team, s.id, {1: "Z"}, "Dewi")
