"""Derived figures and the chart series the monitoring screen draws."""

from __future__ import annotations

from datetime import date

import pytest

from asri_desktop.core.plan import kpi

def test_engagement_and_rate():
    assert kpi.engagement({"likes": 1, "comments": None, "shares": 2, "saves": 0}) == 3
    assert kpi.engagement({"reach": 10}) is None
    assert kpi.rate(50, 1000) == 0.05 and kpi.rate(5, 0) is None and kpi.rate(None, 10) is None


def test_summary(season_shared):
    season = season_shared
    arch, _ = season
    s = kpi.summary(arch, "2026-11-01", "2026-11-30")
    assert s["posts"] == 4 and s["reach"] == 8030 and s["impressions"] == 16060
    assert s["engagement"] == 140 + 15 + 500 + 10
    assert s["engagement_rate"] == pytest.approx(665 / 8030)
    # Apresiasi needs no reply; the open question counts as open.
    assert s["response_minutes_median"] == pytest.approx((30 + 120) / 2)
    assert s["comments_received"] == 4 and s["comments_open"] == 1
    assert s["hoaxes"] == 1 and s["hoaxes_confirmed"] == 1 and s["hoax_hours_median"] == pytest.approx(3)


def test_weekly_chart_series(season_shared):
    season = season_shared
    arch, _ = season
    series = kpi.chart_series(arch, "2026-11-02", "2026-11-22")
    assert series["weeks"] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert series["reach"] == [3000, 5000, 30]
    assert series["engagement"] == [155, 500, 10]
    assert series["rate"][1] == pytest.approx(0.1)
    assert series["response_minutes"] == [30, 120, None]
    assert [g["key"] for g in series["by_hazard"]] == ["puting-beliung", "banjir", "banjir-rob", "kolong"]
    assert series["by_hazard"][0]["label"] == "Angin Puting Beliung"
    kinds = {g["key"]: (g["posts"], g["reach"]) for g in series["by_kind"]}
    assert kinds == {"poster": (2, 2030), "video": (1, 5000), "infographic": (1, 1000)}


def test_weeks_without_posts_are_zero_not_missing(season_shared):
    season = season_shared
    arch, _ = season
    weeks = kpi.weekly(arch, "2026-10-19", "2026-11-08")
    assert [w.week_start for w in weeks] == [date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2)]
    assert [w.posts for w in weeks] == [0, 0, 2] and weeks[0].rate is None


def test_best_and_weakest_ignore_tiny_reach(season_shared):
    season = season_shared
    arch, _ = season
    best, weakest = kpi.ranked(arch, "2026-11-01", "2026-11-30")
    # Rates: atap 10 %, tas siaga 7 %, rob 1.5 %; "Kolong" has reach 30 < rank_min_reach and is left out.
    assert [p.title for p in best] == ["Amankan atap", "Banjir: siapkan tas siaga"]
    assert [p.title for p in weakest] == ["Banjir rob pesisir"]


def test_failed_checklist_items(season_shared):
    season = season_shared
    arch, _ = season
    assert kpi.failed_checklist_items(arch, "2026-01-01", "2026-12-31") == [
        {"id": "sumber", "label": "Sumber data dicantumkan", "stage": "accuracy_review", "count": 2}]


def test_turnaround_from_first_draft_to_first_publication(season):
    arch, pubs = season
    # The drafts were made "now"; set the first one three days before its publication.
    arch.conn.execute("UPDATE assets SET created_at = '2026-10-30T02:00:00.000000Z' WHERE id = ?", (pubs[0].asset_id,))
    rows = {t["asset_id"]: t["hours"] for t in kpi.turnaround(arch, "2026-11-01", "2026-11-30")}
    assert rows[pubs[0].asset_id] == pytest.approx(72)
