"""Every branch of every status rule, with hand-computed expectations."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from dialogue import rules

START = date(2026, 1, 1)
D = date.fromisoformat


# ---------------------------------------------------------------- calendar helpers

@pytest.mark.parametrize("as_of,expected", [
    (D("2026-01-01"), Fraction(1, 365)),
    (D("2026-12-31"), Fraction(1)),
    (D("2028-02-29"), Fraction(60, 366)),     # leap day
    (D("2028-12-31"), Fraction(1)),           # day 366 of a leap year
    (D("2026-07-02"), Fraction(183, 365)),
])
def test_year_fraction(as_of, expected):
    assert rules.year_fraction(as_of) == expected


@pytest.mark.parametrize("start,years,last", [
    (D("2026-01-01"), 3, D("2028-12-31")),
    (D("2026-04-10"), 3, D("2029-04-09")),
    (D("2028-02-29"), 3, D("2031-02-28")),    # leap-day start: the anniversary falls on 1 March
    (D("2027-03-01"), 1, D("2028-02-29")),    # a window ending on a leap day
])
def test_window_last_day(start, years, last):
    assert rules.window_last_day(start, years) == last


# ---------------------------------------------------------------- annual_count

# counts: year -> (held to date, scheduled later that year); N = 3
ANNUAL_CASES = [
    # id, counts, as_of, expected status, expected-to-date
    ("achieved early", {2026: (3, 0)}, D("2026-03-01"), "achieved", 0),
    ("on track by pace", {2026: (2, 0)}, D("2026-07-01"), "on_track", 1),            # floor(3·182/365) = 1
    ("on track by plan", {2026: (0, 3)}, D("2026-07-01"), "on_track", 1),            # H + P = 3
    ("at risk mid-year", {2026: (0, 1)}, D("2026-07-01"), "at_risk", 1),
    ("at risk on 30 Sep", {2026: (1, 0)}, D("2026-09-30"), "at_risk", 2),            # 273/365 elapsed, 25.2% left
    ("off track on 1 Oct", {2026: (1, 0)}, D("2026-10-01"), "off_track", 2),         # 274/365 elapsed, 24.9% left
    ("off track on 31 Dec", {2026: (2, 0)}, D("2026-12-31"), "off_track", 3),
    ("1 January, nothing yet", {}, D("2026-01-01"), "on_track", 0),                  # floor(3/365) = 0
    ("leap year 30 Sep", {2028: (1, 0)}, D("2028-09-30"), "at_risk", 2),             # 274/366 elapsed, 25.1% left
    ("leap year 1 Oct", {2028: (1, 0)}, D("2028-10-01"), "off_track", 2),            # 275/366 elapsed
    ("other years do not count", {2025: (9, 0), 2027: (0, 5)}, D("2026-06-30"), "at_risk", 1),
]


@pytest.mark.parametrize("name,counts,as_of,status,expected", ANNUAL_CASES, ids=[c[0] for c in ANNUAL_CASES])
def test_annual_count_current_year(name, counts, as_of, status, expected):
    o = rules.annual_count(counts, 3, as_of, START)
    assert o.status == status
    assert o.expected_to_date == expected
    assert o.period == str(as_of.year)
    assert o.target_value == 3


def test_one_a_year_with_nothing_held_on_3_december_is_off_track_and_unlikely():
    """Issue 12: roadmap-9 was 'On track (0 expected by now) … unlikely' on 3 December (⌊1 · 337/365⌋ = 0)."""
    o = rules.annual_count({}, 1, D("2026-12-03"), START)
    assert (o.status, o.expected_to_date, o.likely) == ("off_track", 1, False)    # ⌊0.92 + ½⌋ = 1
    assert rules.annual_count({}, 1, D("2026-07-01"), START).status == "on_track"   # ⌊182/365 + ½⌋ = 0
    assert rules.annual_count({}, 1, D("2026-07-02"), START).status == "at_risk"    # ⌊183/365 + ½⌋ = 1


def test_on_track_below_pace_gives_no_projection_rather_than_unlikely():
    o = rules.annual_count({2026: (1, 0)}, 3, D("2026-05-01"), START)     # X = ⌊3 · 121/365 + ½⌋ = 1, pace 3.0
    assert (o.status, o.likely) == ("on_track", True)
    o = rules.annual_count({2026: (1, 0)}, 3, D("2026-05-31"), START)     # X = ⌊3 · 151/365 + ½⌋ = 1, pace 2.4
    assert (o.status, o.likely) == ("on_track", None)


def test_defence_agreements_with_none_signed_on_3_december_2026_are_at_risk_and_unlikely():
    o = rules.window_count([], 3, START, 3, D("2026-12-03"))       # ⌊3 · 337/1096 + ½⌋ = ⌊1.42⌋ = 1
    assert (o.status, o.expected_to_date, o.likely) == ("at_risk", 1, False)


def test_annual_count_before_start_is_not_started():
    o = rules.annual_count({2025: (5, 0)}, 3, D("2025-12-31"), START)
    assert o.status == "not_started"
    assert o.actual is None


def test_annual_count_before_first_year_is_not_started():
    o = rules.annual_count({2026: (5, 0)}, 4, D("2026-08-01"), START, first_year=2027)
    assert o.status == "not_started"
    assert o.facts["first_year"] == 2027


def test_annual_count_empty_dataset_is_no_data():
    o = rules.annual_count({}, 3, D("2026-06-01"), START, has_data=False)
    assert o.status == "no_data"


def test_annual_count_closed_years_in_history():
    o = rules.annual_count({2026: (3, 0), 2027: (2, 0)}, 3, D("2028-02-01"), START)
    assert o.facts["history"] == {2026: (3, "achieved"), 2027: (2, "missed")}
    assert rules.closed_year(3, 3, 2026).status == "achieved"
    assert rules.closed_year(2, 3, 2027).status == "missed"


@pytest.mark.parametrize("counts,as_of,likely", [
    ({2026: (2, 0)}, D("2026-07-02"), True),     # pace 2 / (183/365) = 3.99
    ({2026: (1, 0)}, D("2026-07-02"), False),    # pace 1.99
    ({2026: (1, 2)}, D("2026-10-15"), True),     # held + planned = 3
])
def test_annual_count_projection(counts, as_of, likely):
    assert rules.annual_count(counts, 3, as_of, START).likely is likely


# ---------------------------------------------------------------- window_count

WINDOW_CASES = [
    # id, dates, as_of, status, achieved_on
    ("before the start", [], D("2025-12-31"), "not_started", None),
    ("achieved with the 3rd", [D("2026-05-01"), D("2027-01-01"), D("2027-06-30")], D("2027-12-01"), "achieved", D("2027-06-30")),
    ("on track by pace", [D("2026-05-01")], D("2027-01-01"), "on_track", None),          # ⌊3·366/1096 + ½⌋ = 1
    ("at risk", [], D("2027-01-01"), "at_risk", None),
    ("off track in the last quarter", [D("2026-05-01")], D("2028-11-01"), "off_track", None),  # ⌊3·1036/1096 + ½⌋ = 3
    ("missed after the window", [D("2026-05-01"), D("2027-05-01")], D("2029-01-01"), "missed", None),
    ("last day of window still open", [D("2026-05-01"), D("2027-05-01")], D("2028-12-31"), "off_track", None),
    ("signed after the window does not count", [D("2026-05-01"), D("2027-05-01"), D("2029-02-01")], D("2029-03-01"), "missed", None),
    ("signed after as_of does not count", [D("2026-05-01"), D("2026-06-01"), D("2026-12-01")], D("2026-07-01"), "on_track", None),
]


@pytest.mark.parametrize("name,dates,as_of,status,achieved_on", WINDOW_CASES, ids=[c[0] for c in WINDOW_CASES])
def test_window_count(name, dates, as_of, status, achieved_on):
    o = rules.window_count(dates, 3, START, 3, as_of)
    assert o.status == status
    assert o.achieved_on == achieved_on
    assert o.period == "2026-01-01/2028-12-31"


def test_window_expected_to_date_is_elapsed_share_rounded_half_up():
    o = rules.window_count([D("2026-05-01")], 3, START, 3, D("2028-11-01"))
    assert o.expected_to_date == 3      # 1036 of 1096 days elapsed: 3 · 0.945 = 2.84, rounded half up
    assert o.actual == 1


def test_window_empty_dataset_is_no_data_but_before_start_is_not_started():
    assert rules.window_count([], 3, START, 3, D("2026-06-01"), has_data=False).status == "no_data"
    assert rules.window_count([], 3, START, 3, D("2025-06-01"), has_data=False).status == "not_started"


def test_window_leap_day_start():
    start = D("2028-02-29")
    assert rules.window_count([], 1, start, 1, D("2029-02-28")).status == "off_track"   # last day of the window
    assert rules.window_count([], 1, start, 1, D("2029-03-01")).status == "missed"


# ---------------------------------------------------------------- milestone

DL = D("2029-01-20")
MILESTONE_CASES = [
    # id, achieved_on, progress_on, deadline, as_of, status, late_days
    ("achieved on time", D("2028-05-01"), None, DL, D("2028-06-01"), "achieved", 0),
    ("achieved late", D("2029-01-30"), None, DL, D("2029-03-01"), "achieved", 10),
    ("achieved after as_of does not count yet", D("2028-05-01"), None, DL, D("2028-04-01"), "off_track", None),
    ("missed the day after the deadline", None, D("2027-01-01"), DL, D("2029-01-21"), "missed", None),
    ("deadline day itself is not missed", None, None, DL, D("2029-01-20"), "off_track", None),
    ("a year away with progress", None, D("2026-05-01"), DL, D("2028-01-20"), "on_track", None),
    ("a year away without progress", None, None, DL, D("2028-01-20"), "not_started", None),
    ("within a year with progress", None, D("2026-05-01"), DL, D("2028-01-21"), "at_risk", None),
    ("within a year without progress", None, None, DL, D("2028-01-21"), "off_track", None),
    ("progress after as_of does not count", None, D("2028-06-01"), DL, D("2028-03-01"), "off_track", None),
    ("no deadline, progress", None, D("2026-05-01"), None, D("2030-01-01"), "on_track", None),
    ("no deadline, nothing", None, None, None, D("2030-01-01"), "not_started", None),
    ("leap-day deadline, exactly a year before", None, None, D("2028-02-29"), D("2027-02-28"), "not_started", None),
    ("leap-day deadline, a day later", None, None, D("2028-02-29"), D("2027-03-01"), "off_track", None),
]


@pytest.mark.parametrize("name,achieved_on,progress_on,deadline,as_of,status,late", MILESTONE_CASES,
                         ids=[c[0] for c in MILESTONE_CASES])
def test_milestone(name, achieved_on, progress_on, deadline, as_of, status, late):
    o = rules.milestone(achieved_on, progress_on, deadline, as_of)
    assert o.status == status
    if late is not None:
        assert o.facts["late_days"] == late
        assert o.achieved_on == achieved_on


def test_milestone_empty_store_is_no_data():
    assert rules.milestone(None, None, DL, D("2030-01-01"), has_data=False).status == "no_data"


# ---------------------------------------------------------------- growth

def months(year, value, upto=12):
    return [(year, m, value) for m in range(1, upto + 1)]


GROWTH_CASES = [
    # id, periods, as_of, status, actual
    ("current year on track", months(2025, 100) + months(2026, 110, 6), D("2026-07-15"), "on_track", 0.10),
    ("current year at risk", months(2025, 100) + months(2026, 106, 6), D("2026-07-15"), "at_risk", 0.06),
    ("current year off track", months(2025, 100) + months(2026, 105, 6), D("2026-07-15"), "off_track", 0.05),
    ("closed year achieved", [(2025, None, 1000), (2026, None, 1100)], D("2027-03-01"), "achieved", 0.10),
    ("closed year missed", [(2025, None, 1000), (2026, None, 1050)], D("2027-03-01"), "missed", 0.05),
    ("12 months make a year", months(2025, 100) + months(2026, 111), D("2027-02-01"), "achieved", 0.11),
    ("11 months do not", months(2025, 100) + months(2026, 111, 11), D("2027-02-01"), "no_data", None),
    ("annual data only, current year", [(2024, None, 900), (2025, None, 1000)], D("2026-06-01"), "no_data", None),
    ("years before the start do not count", [(2024, None, 900), (2025, None, 1000)], D("2027-06-01"), "no_data", None),
    ("empty series", [], D("2026-06-01"), "no_data", None),
    ("before the start", [(2024, None, 900), (2025, None, 1000)], D("2025-12-31"), "not_started", None),
    # Current year known wins over the last closed year.
    ("current beats closed", [(2025, None, 1000), (2026, None, 1200)] + months(2026, 100, 3) + months(2027, 101, 3),
     D("2027-04-02"), "off_track", 0.01),
    # The current year's months need the same months a year before.
    ("no matching months a year before", [(2025, None, 1000), (2026, None, 1200)] + months(2027, 101, 3),
     D("2027-04-02"), "achieved", 0.20),
]


@pytest.mark.parametrize("name,periods,as_of,status,actual", GROWTH_CASES, ids=[c[0] for c in GROWTH_CASES])
def test_growth(name, periods, as_of, status, actual):
    o = rules.growth(periods, 0.10, as_of, START)
    assert o.status == status
    if actual is None:
        assert o.actual is None
    else:
        assert o.actual == pytest.approx(actual)
        assert o.target_value == 0.10


def test_growth_at_risk_boundary_is_sixty_percent_of_r():
    o = rules.growth(months(2025, 100) + months(2026, 106, 1), 0.10, D("2026-02-01"), START)
    assert o.status == "at_risk"          # 6% >= 0.6 · 10%
    o = rules.growth(months(2025, 100) + months(2026, 105.9, 1), 0.10, D("2026-02-01"), START)
    assert o.status == "off_track"


def test_growth_compound_rate_since_base_year():
    periods = [(2025, None, 1000), (2026, None, 1100), (2027, None, 1210)]
    o = rules.growth(periods, 0.10, D("2028-03-01"), START)
    base, last, cagr, ratio = o.facts["cagr"]
    assert (base, last) == (2025, 2027)
    assert cagr == pytest.approx(0.10)
    assert ratio == pytest.approx(1.0)
    assert o.period == "2027"
    assert o.likely is True               # recent trend (10%, 10%) meets r


def test_growth_monthly_period_string():
    o = rules.growth(months(2025, 100) + months(2026, 110, 6), 0.10, D("2026-07-15"), START)
    assert o.period == "2026-01/2026-06"
    assert o.likely is True


def test_worst_of_parts():
    assert rules.worst(["achieved", "at_risk", "on_track"]) == "at_risk"
    assert rules.worst(["achieved", "achieved"]) == "achieved"


# The current year's projection: year-to-date growth for the months known, the recent trend for the rest.
PROJECTION_CASES = [
    # id, periods, as_of, status, projected, trend, basis, likely
    # 2026 Jan–Mar +5% (126 vs 120); last 12 months 1458 vs 1260 before = +15.714%;
    # projected 0.25 · 5% + 0.75 · 15.714% = 13.036% >= 10%, but an off-track status is never called likely
    # (issue 12): no projection is given.
    ("slow start, strong 12-month trend", months(2024, 100) + months(2025, 120) + months(2026, 126, 3),
     D("2026-04-10"), "off_track", 0.130357, 0.157143, "12_months", None),
    # No monthly 2024: the trend is 2025 over 2024 as closed years, 1200 / 1000 = +20%;
    # projected 0.5 · 4% + 0.5 · 20% = 12%: would be likely, against off track: none.
    ("closed-year trend", [(2024, None, 1000)] + months(2025, 100) + months(2026, 104, 6),
     D("2026-07-10"), "off_track", 0.12, 0.20, "closed_years", None),
    # No trend at all: the current pace alone, 5% < 10%: unlikely.
    ("pace only", months(2025, 120) + months(2026, 126, 3), D("2026-04-10"), "off_track", 0.05, None, "pace", False),
    # On track so far (+12%) but the trend is falling (2025 over 2024: -10%): 0.25 · 12% + 0.75 · -10% = -4.5%;
    # an on-track status is never called unlikely: no projection.
    ("good start, falling trend", [(2024, None, 1333.3333333333333)] + months(2025, 100) + months(2026, 112, 3),
     D("2026-04-10"), "on_track", -0.045, -0.10, "closed_years", None),
    # At risk (+7%, at least 60% of 10%) and the trend agrees (2025 over 2024: +5%): unlikely.
    ("at risk, weak trend", [(2024, None, 1142.857142857143)] + months(2025, 100) + months(2026, 107, 3),
     D("2026-04-10"), "at_risk", 0.055, 0.05, "closed_years", False),
]


@pytest.mark.parametrize("name,periods,as_of,status,projected,trend,basis,likely", PROJECTION_CASES,
                         ids=[c[0] for c in PROJECTION_CASES])
def test_growth_projection_blends_pace_and_recent_trend(name, periods, as_of, status, projected, trend, basis, likely):
    o = rules.growth(periods, 0.10, as_of, START)
    p = o.facts["projection"]
    assert o.status == status
    assert p["projected"] == pytest.approx(projected, abs=1e-6)
    assert p["trend"] == (None if trend is None else pytest.approx(trend, abs=1e-6))
    assert p["basis"] == basis
    assert o.likely is likely
