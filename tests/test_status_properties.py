"""Invariants of the status rules over many generated inputs."""
from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogue import reasons, rules
from dialogue.targets import load_targets
from dialogue.vocab import STATUS_RANK
from tests.test_status_agreement import LIKELY, UNLIKELY

pytestmark = pytest.mark.slow(seconds=25)   # few tests, long ones: queued early (conftest.py)

START = date(2026, 1, 1)
as_of_dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31))
counts = st.tuples(st.integers(0, 6), st.integers(0, 6))


@given(as_of=as_of_dates, held_planned=counts, required=st.integers(1, 6))
def test_adding_a_held_exercise_never_worsens_joint_exercises(as_of, held_planned, required):
    held, planned = held_planned
    before = rules.annual_count({as_of.year: (held, planned)}, required, as_of, START)
    after = rules.annual_count({as_of.year: (held + 1, planned)}, required, as_of, START)
    assert STATUS_RANK[after.status] <= STATUS_RANK[before.status]


@given(as_of=as_of_dates, held_planned=counts, required=st.integers(1, 6))
def test_a_held_exercise_after_as_of_counts_as_planned_and_never_worsens(as_of, held_planned, required):
    held, planned = held_planned
    before = rules.annual_count({as_of.year: (held, planned)}, required, as_of, START)
    after = rules.annual_count({as_of.year: (held, planned + 1)}, required, as_of, START)
    assert STATUS_RANK[after.status] <= STATUS_RANK[before.status]


@settings(max_examples=300)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    years=st.integers(1, 5),
    after=st.integers(1, 4000),
    offsets=st.lists(st.integers(-400, 3000), max_size=8),
    required=st.integers(1, 5),
)
def test_after_a_windows_end_it_is_never_on_track_or_at_risk(start, years, after, offsets, required):
    last = rules.window_last_day(start, years)
    as_of = last + timedelta(days=after)
    dates = [start + timedelta(days=o) for o in offsets]
    o = rules.window_count(dates, required, start, years, as_of)
    assert o.status in ("achieved", "missed")


@given(as_of=as_of_dates, offsets=st.lists(st.integers(0, 2000), max_size=6), extra=st.integers(0, 2000))
def test_one_more_agreement_never_worsens_the_window(as_of, offsets, extra):
    dates = [START + timedelta(days=o) for o in offsets]
    before = rules.window_count(dates, 3, START, 3, as_of)
    after = rules.window_count(dates + [START + timedelta(days=extra)], 3, START, 3, as_of)
    assert STATUS_RANK[after.status] <= STATUS_RANK[before.status]


@given(as_of=as_of_dates, achieved=st.one_of(st.none(), as_of_dates), progress=st.one_of(st.none(), as_of_dates),
       deadline=st.one_of(st.none(), as_of_dates))
def test_a_milestone_is_achieved_exactly_when_the_evidence_is_dated_by_as_of(as_of, achieved, progress, deadline):
    o = rules.milestone(achieved, progress, deadline, as_of)
    assert (o.status == "achieved") == (achieved is not None and achieved <= as_of)
    if deadline and as_of > deadline and o.status != "achieved":
        assert o.status == "missed"


# The same invariant end to end: through the query, the rule and the scorecard.
exercise = st.fixed_dictionaries({
    "start_date": st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 30)),
    "format": st.sampled_from(["bilateral", "multinational", "training", "cyber", "police_training"]),
    "us_participation": st.sampled_from(["yes", "no", "unclear"]),
    "status": st.sampled_from(["held", "planned", "cancelled"]),
})


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(exercise, max_size=6),
       new_day=st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 30)),
       as_of=st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 6, 30)))
def test_adding_a_held_exercise_never_worsens_joint_exercises_end_to_end(rows, new_day, as_of):
    from dialogue import db
    from dialogue.status import compute_all
    from tests.conftest import put_rows

    con = db.connect(":memory:")
    try:
        named = [{**r, "name": f"E{i}"} for i, r in enumerate(rows)]
        if named:
            put_rows(con, "exercises", named, time="2025-01-01 00:00:00")
        before = compute_all(con, as_of).get("joint-exercises").status
        put_rows(con, "exercises", [{"name": "New", "start_date": new_day, "format": "bilateral",
                                     "us_participation": "yes", "status": "held"}], time="2025-01-02 00:00:00")
        after = compute_all(con, as_of).get("joint-exercises").status
    finally:
        con.close()
    if before != "no_data":
        assert STATUS_RANK[after] <= STATUS_RANK[before]


# ---------------------------------------------------------------- issue 12: rules that cannot contradict themselves

LANGS = ("en", "sr-Latn", "sr-Cyrl")
EVERY_DAY = [date(2027, 1, 1) + timedelta(days=i) for i in range(365 + 366)]     # 2027 common, 2028 leap
_BOOK = load_targets()


def _spec_status(held, planned, required, done_days, period_days):
    """Issue 12's rule written out independently, in integers: X = ⌊N·d/D + ½⌋ = ⌊(2·N·d + D) / 2D⌋."""
    expected = (2 * required * done_days + period_days) // (2 * period_days)
    if held >= required:
        return "achieved", expected
    if held + planned >= required or held >= expected:
        return "on_track", expected
    return ("at_risk" if 4 * (period_days - done_days) >= period_days else "off_track"), expected


def _assert_reason_agrees(o, reason, lang):
    if o.status == "on_track":
        assert o.likely is not False and not UNLIKELY[lang].search(reason), reason
    if o.status in ("at_risk", "off_track"):
        assert o.likely is False and not LIKELY[lang].search(reason), reason


@settings(max_examples=40, deadline=None)
@given(required=st.integers(1, 6), held=st.integers(0, 8), planned=st.integers(0, 8))
def test_annual_count_follows_the_rule_and_its_reason_agrees_on_every_day(required, held, planned):
    part = {**_BOOK.get("joint-exercises").params, "required": required}
    for as_of in EVERY_DAY:
        o = rules.annual_count({as_of.year: (held, planned)}, required, as_of, START)
        day, length = as_of.timetuple().tm_yday, (366 if as_of.year == 2028 else 365)
        assert (o.status, o.expected_to_date) == _spec_status(held, planned, required, day, length), as_of
        for lang in LANGS:
            _assert_reason_agrees(o, reasons.count_reason(o, part, lang, START, "planned", "exercises"), lang)


@settings(max_examples=25, deadline=None)
@given(required=st.integers(1, 5), offsets=st.lists(st.integers(0, 1095), max_size=6))
def test_window_count_follows_the_rule_and_its_reason_agrees_on_every_day(required, offsets):
    start = date(2027, 1, 1)            # a three-year window holding the leap year 2028: 1096 days
    dates = [start + timedelta(days=o) for o in offsets]
    params = _BOOK.get("defence-agreements").params
    for i in range(1096):
        as_of = start + timedelta(days=i)
        o = rules.window_count(dates, required, start, 3, as_of)
        held = sum(d <= as_of for d in dates)
        status, expected = _spec_status(held, 0, required, i + 1, 1096)
        assert o.status == status, as_of
        if status != "achieved":
            assert o.expected_to_date == expected
        if i % 61 == 0 or i > 1000:
            for lang in LANGS:
                _assert_reason_agrees(o, reasons.window_reason(o, params, lang, "planned"), lang)


@given(status=st.sampled_from(["on_track", "at_risk", "off_track", "achieved", "missed"]),
       likely=st.one_of(st.none(), st.booleans()))
def test_a_projection_never_argues_with_its_status(status, likely):
    shown = rules.agreeing_projection(status, likely)
    if status == "on_track":
        assert shown is not False
    elif status in ("at_risk", "off_track"):
        assert shown is not True
    assert shown in (likely, None)


def test_expected_by_rounds_half_up_exactly():
    assert rules.expected_by(1, Fraction(1, 2)) == 1          # exactly half: up
    assert rules.expected_by(1, Fraction(182, 365)) == 0      # just under half
    assert rules.expected_by(1, Fraction(183, 365)) == 1
    assert rules.expected_by(3, Fraction(337, 365)) == 3      # 3 December: 2.77 -> 3 (floor gave 2)
    assert rules.expected_by(4, Fraction(1, 8)) == 1          # 0.5 -> 1
