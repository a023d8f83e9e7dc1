"""The delivery rules of issue 14 as pure functions, so the page, the command line and the briefings flag alike.

An action is overdue when its due date is before the as-of date and it is neither done nor dropped; a
commitment likewise while it is still open. An action is slipping when its progress trails the share of
its time elapsed by more than a margin (25 points in data/targets.toml). A working group is active when
it has met within the last six months. The thresholds live in the targets file's [settings].
"""
from __future__ import annotations

import calendar
import math
from datetime import date

ACTION_CLOSED = ("done", "dropped")
# A commitment judged kept, partly kept, not kept or dropped is settled: only an open one can be overdue.
COMMITMENT_CLOSED = ("kept", "partly_kept", "not_kept", "dropped")
SLIPPING_POINTS = 25          # defaults when the targets file does not say
ACTIVE_MONTHS = 6


def _missing(value) -> bool:
    """None, NaN, pandas NA/NaT: no value."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:          # pd.NA compares to NA, whose truth value is undefined
        return True


def _day(value) -> date | None:
    """A date from a date, datetime or pandas Timestamp; None when missing."""
    if _missing(value):
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def is_overdue(due, state: str, as_of: date, closed: tuple[str, ...] = ACTION_CLOSED) -> bool:
    """Due before as_of (not on it) and not in a closed state; no due date is never overdue."""
    due = _day(due)
    return due is not None and due < as_of and state not in closed


def elapsed_percent(start, due, as_of: date) -> float | None:
    """How much of the time from start to due has passed on as_of, 0-100; None without both dates."""
    start, due = _day(start), _day(due)
    if start is None or due is None:
        return None
    if due <= start:
        return 100.0 if as_of >= due else 0.0
    share = (as_of - start).days / (due - start).days
    return 100.0 * min(1.0, max(0.0, share))


def is_slipping(start, due, progress, state: str, as_of: date, points: float = SLIPPING_POINTS) -> bool:
    """Open, with progress more than `points` below the elapsed share of its time (needs both dates and progress)."""
    if state in ACTION_CLOSED or _missing(progress):
        return False
    elapsed = elapsed_percent(start, due, as_of)
    return elapsed is not None and elapsed - float(progress) > points


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's end (31 Aug - 6 = 29 Feb in a leap year)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_active(last_meeting, as_of: date, months: int = ACTIVE_MONTHS) -> bool:
    """Met on or after the day `months` months before as_of, and not after as_of."""
    last = _day(last_meeting)
    return last is not None and months_before(as_of, months) <= last <= as_of


def settings(book) -> tuple[float, int]:
    """(slipping margin in points, months a group stays active) from the targets file, else the defaults."""
    s = getattr(book, "settings", None) or {}
    return float(s.get("slipping_points", SLIPPING_POINTS)), int(s.get("group_active_months", ACTIVE_MONTHS))
