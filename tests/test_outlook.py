"""Progress and "what it would take", per kind, against hand-computed figures (issue 15, item 3)."""
from datetime import date

import pytest

from dialogue import outlook


@pytest.mark.parametrize("kind,status,actual,target,expected", [
    ("annual_count", "on_track", 2, 3, 2 / 3),          # 2 of 3 exercises = 67 %
    ("annual_count", "achieved", 4, 3, 1.0),
    ("annual_count", "no_data", None, 3, None),
    ("annual_count", "not_started", 0, 3, None),
    ("window_count", "at_risk", 1, 3, 1 / 3),
    ("growth", "at_risk", 0.05, 0.10, 0.5),             # observed ÷ required
    ("growth", "off_track", -0.02, 0.10, 0.0),          # a fall is no progress, never negative
    ("growth", "on_track", 0.14, 0.10, 1.0),            # capped at the target
    ("milestone", "on_track", 0, 1, None),              # a single milestone has no share
    ("milestone", "on_track", 2, 4, 0.5),               # two of four parts
    ("milestone", "achieved", 1, 1, 1.0),
])
def test_progress(kind, status, actual, target, expected):
    got = outlook.progress(kind, status, actual, target)
    assert got == (None if expected is None else pytest.approx(expected))


def _months(year, values):
    return [(year, m, v) for m, v in enumerate(values, start=1)]


def test_growth_need_per_month_against_the_latest_twelve():
    # 2025: 12 × 100 m = 1,200 m; +10 % needs 1,320 m; Jan–Oct 2026: 10 × 105 m = 1,050 m
    periods = _months(2025, [100e6] * 12) + _months(2026, [105e6] * 10)
    need = outlook.growth_need(periods, 0.10, date(2026, 12, 3))
    assert need["kind"] == "value_per_month"
    assert need["required_total"] == pytest.approx(1320e6)
    assert need["per_month"] == pytest.approx(135e6)              # (1,320 − 1,050) / 2
    assert need["recent_monthly"] == pytest.approx(1250e6 / 12)   # Nov–Dec 2025 + Jan–Oct 2026
    assert outlook.needed_sentence("growth", need, "en") == (
        "USD 135.0 million a month for Nov–Dec to reach USD 1,320.0 million in 2026, "
        "against USD 104.2 million a month lately")
    assert outlook.needed_sentence("growth", need, "sr-Latn") == (
        "135,0 mil. USD mesečno za nov–dec da bi se u 2026. dostiglo 1.320,0 mil. USD, "
        "prema 104,2 mil. USD mesečno u poslednje vreme")
    assert outlook.needed_sentence("growth", need, "sr-Cyrl").startswith("135,0 мил. USD месечно за нов–дец")


def test_growth_need_when_the_year_is_already_met():
    periods = _months(2025, [100e6] * 12) + _months(2026, [140e6] * 10)   # 1,400 m ≥ 1,320 m
    need = outlook.growth_need(periods, 0.10, date(2026, 11, 15))
    assert need["kind"] == "met" and need["per_month"] == 0
    assert outlook.needed_sentence("growth", need, "en") == (
        "Already met: USD 1,400.0 million so far in 2026 is above the USD 1,320.0 million that +10% requires")


def test_growth_need_without_last_years_total_says_nothing():
    periods = _months(2025, [100e6] * 11) + _months(2026, [105e6] * 3)   # December 2025 missing
    assert outlook.growth_need(periods, 0.10, date(2026, 5, 1)) is None
    assert outlook.needed_sentence("growth", None, "en") is None


def test_growth_need_with_no_month_of_the_year_yet():
    need = outlook.growth_need(_months(2025, [100e6] * 12), 0.10, date(2026, 1, 20))
    assert need["remaining_months"] == 12 and need["per_month"] == pytest.approx(110e6)
    assert need["recent_monthly"] == pytest.approx(100e6)


def test_count_need():
    need = outlook.count_need(held=1, planned=1, required=3, year=2026)
    assert need == {"kind": "more_items", "more": 2, "planned": 1, "by": date(2026, 12, 31)}
    assert outlook.needed_sentence("annual_count", need, "en") == "2 more by 31 Dec 2026 (1 planned)"
    assert outlook.needed_sentence("annual_count", outlook.count_need(0, 0, 3, 2026), "sr-Latn") == \
        "Još 3 do 31. 12. 2026."


def test_window_need_months_left_and_closed_window():
    # a 3-year window opening 12 Feb 2026 closes on 11 Feb 2029; from 3 Dec 2026 that is 26 months and 8 days
    need = outlook.window_need(1, 3, date(2026, 2, 12), 3, date(2026, 12, 3))
    assert need == {"kind": "more_items", "more": 2, "by": date(2029, 2, 11), "months": 27}
    assert outlook.needed_sentence("window_count", need, "en") == "2 more in 27 months (by 11 Feb 2029)"
    closed = outlook.window_need(1, 3, date(2026, 2, 12), 3, date(2029, 3, 1))
    assert outlook.needed_sentence("window_count", closed, "en") == "The window closed on 11 Feb 2029, 2 short"


def test_milestone_days_left_and_deadline_passed():
    left = outlook.milestone_need(date(2026, 12, 31), date(2026, 12, 3))
    assert left == {"kind": "days_left", "days": 28, "by": date(2026, 12, 31)}
    assert outlook.needed_sentence("milestone", left, "en") == "28 days left to the deadline of 31 Dec 2026"
    passed = outlook.milestone_need(date(2025, 6, 30), date(2026, 12, 3))
    assert passed["days"] == -521
    assert outlook.needed_sentence("milestone", passed, "en") == "The deadline of 30 Jun 2025 passed 521 days ago"
    assert outlook.needed_sentence("milestone", passed, "sr-Cyrl") == "Рок 30. 6. 2025. је прошао пре 521 дан"
    open_parts = outlook.milestone_need(None, date(2026, 12, 3), parts_done=2, parts=4)
    assert outlook.needed_sentence("milestone", open_parts, "en") == "2 of 4 parts still open; no deadline is set"


@pytest.mark.parametrize("a,b,months", [
    (date(2026, 12, 3), date(2026, 12, 3), 0), (date(2026, 12, 3), date(2026, 12, 4), 1),
    (date(2026, 1, 31), date(2026, 2, 28), 1), (date(2024, 2, 29), date(2025, 2, 28), 12),
    (date(2026, 1, 1), date(2026, 3, 2), 3),
])
def test_months_between(a, b, months):
    assert outlook.months_between(a, b) == months


def test_what_if_projects_the_year_end_from_an_assumed_growth():
    # 2025: 12 × 100 m; Jan–Oct 2026: 10 × 105 m = 1,050 m; Nov–Dec at +20 % on 2025: 2 × 120 m = 240 m
    periods = _months(2025, [100e6] * 12) + _months(2026, [105e6] * 10)
    w = outlook.what_if(periods, 0.10, date(2026, 12, 3), assumed_growth=0.20)
    assert w["projected_total"] == pytest.approx(1290e6)
    assert w["projected_growth"] == pytest.approx(0.075)           # 1,290 / 1,200 − 1
    assert w["status"] == "missed" and w["required_total"] == pytest.approx(1320e6)
    assert [r["kind"] for r in w["rows"]] == ["actual"] * 10 + ["projection"] * 2
    assert w["rows"][-1]["cumulative"] == pytest.approx(1290e6)
    # at 135 m a month (what "needed" asks for) the year ends exactly on +10 %
    w = outlook.what_if(periods, 0.10, date(2026, 12, 3), monthly_value=135e6)
    assert w["projected_total"] == pytest.approx(1320e6) and w["status"] == "achieved"


def test_what_if_needs_last_years_twelve_months_and_no_gap():
    assert outlook.what_if(_months(2025, [100e6] * 11), 0.10, date(2026, 6, 1), assumed_growth=0.1) is None
    gap = _months(2025, [100e6] * 12) + [(2026, 1, 1e8), (2026, 3, 1e8)]
    assert outlook.what_if(gap, 0.10, date(2026, 6, 1), assumed_growth=0.1) is None
