"""Status rules per target kind, pure and date-driven, so any past status can be recomputed exactly."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

# Growth rates are ratios of floats: 1.1 - 1 is not exactly 0.1, so compare with a tolerance.
_EPS = 1e-9
# Order used to combine several parts into one status: the first one present wins.
SEVERITY = ("missed", "off_track", "at_risk", "no_data", "not_started", "on_track", "achieved")


@dataclass
class Outcome:
    """What a rule decided, with the numbers behind it (facts feed the reason sentence)."""

    status: str
    period: str
    actual: float | None = None
    target_value: float | None = None
    expected_to_date: float | None = None
    achieved_on: date | None = None
    likely: bool | None = None          # projection: will the period's target be met at this pace?
    facts: dict = field(default_factory=dict)


# ---------------------------------------------------------------- calendar helpers

def days_in_year(year: int) -> int:
    return 366 if date(year, 12, 31).timetuple().tm_yday == 366 else 365


def year_fraction(as_of: date) -> Fraction:
    """Elapsed share of as_of's calendar year, as_of included (1 January = 1/365, 31 December = 1)."""
    return Fraction(as_of.timetuple().tm_yday, days_in_year(as_of.year))


def add_years(d: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes 28 February in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def window_last_day(start: date, years: int) -> date:
    """Last day of a window of `years` years opening on `start`: the day before the anniversary
    (a window opening on 29 February has its anniversary on 1 March in a common year)."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:
        anniversary = date(start.year + years, 3, 1)
    return anniversary - timedelta(days=1)


def window_fraction(start: date, last_day: date, as_of: date) -> Fraction:
    """Elapsed share of a window, as_of included, clipped to 0..1."""
    total = (last_day - start).days + 1
    done = (as_of - start).days + 1
    return Fraction(min(max(done, 0), total), total)


def expected_by(required: int, fraction: Fraction) -> int:
    """X = floor(N·f + 1/2): N·f rounded half up, computed exactly (rounding down left N = 1 at 0 all year)."""
    return math.floor(required * Fraction(fraction) + Fraction(1, 2))


def count_status(held: float, planned: float, required: int, fraction: Fraction, remaining_share: float) -> str:
    """The one counting rule of annual_count and window_count inside an open period: achieved if H >= N,
    on track if H + P >= N or H >= X, else at risk while at least `remaining_share` of the period remains
    and off track after."""
    if held >= required:
        return "achieved"
    if held + planned >= required or held >= expected_by(required, fraction):
        return "on_track"
    if 1 - fraction >= Fraction(remaining_share).limit_denominator(1000):
        return "at_risk"
    return "off_track"


def agreeing_projection(status: str, likely: bool | None) -> bool | None:
    """The projection shown with a status, never against it: an on-track status is never called
    unlikely and an at-risk or off-track one never likely (a disagreeing projection is left out)."""
    if likely is None or status not in ("on_track", "at_risk", "off_track"):
        return likely
    return likely if likely == (status == "on_track") else None


def count_projection(status: str, held: float, planned: float, required: int, fraction: Fraction) -> bool | None:
    """Will N be reached by the period's end? Likely if what is held and planned reaches N or the pace
    H / f does; shown only when it agrees with the status (on track at a pace below N says nothing)."""
    if status == "achieved":
        return None
    likely = held + planned >= required or held >= required * Fraction(fraction)
    return agreeing_projection(status, likely)


def worst(statuses: list[str]) -> str:
    """The most severe of several part statuses."""
    return next(s for s in SEVERITY if s in statuses)


# ---------------------------------------------------------------- annual_count

def annual_count(
    counts: dict[int, tuple[float, float]],
    required: int,
    as_of: date,
    start: date,
    *,
    first_year: int | None = None,
    has_data: bool = True,
    remaining_share: float = 0.25,
) -> Outcome:
    """N a calendar year: counts maps year -> (held up to as_of, scheduled after as_of)."""
    year = as_of.year
    first = max(start.year, first_year or start.year)
    history = {  # closed years since counting began: year -> (count, status)
        y: (counts.get(y, (0, 0))[0], closed_year(counts.get(y, (0, 0))[0], required, y).status)
        for y in range(first, year)
    }
    facts = {"year": year, "first_year": first, "history": history, "required": required}
    if as_of < start or year < first:
        return Outcome("not_started", str(year), None, required, None, facts=facts)
    if not has_data:
        return Outcome("no_data", str(year), None, required, None, facts=facts)
    held, scheduled = counts.get(year, (0, 0))
    f = year_fraction(as_of)
    expected = expected_by(required, f)
    facts.update(held=held, planned=scheduled, expected=expected, fraction=float(f), closed=False)
    status = count_status(held, scheduled, required, f, remaining_share)
    if status != "achieved":
        facts["pace"] = float(held / f)
    likely = count_projection(status, held, scheduled, required, f)
    return Outcome(status, str(year), held, required, expected, likely=likely, facts=facts)


def closed_year(held: float, required: int, year: int) -> Outcome:
    """A calendar year that is over: achieved if the count reached N, else missed."""
    status = "achieved" if held >= required else "missed"
    return Outcome(status, str(year), held, required, required,
                   facts={"year": year, "held": held, "required": required, "closed": True})


# ---------------------------------------------------------------- window_count

def window_count(
    dates: list[date],
    required: int,
    start: date,
    years: int,
    as_of: date,
    *,
    has_data: bool = True,
    remaining_share: float = 0.25,
) -> Outcome:
    """N within W years of the start: dates are the counted items inside the window up to as_of."""
    last = window_last_day(start, years)
    period = f"{start.isoformat()}/{last.isoformat()}"
    counted = sorted(d for d in dates if start <= d <= min(as_of, last))
    c = len(counted)
    facts = {"start": start, "end": last, "years": years, "required": required, "count": c}
    if as_of < start:
        return Outcome("not_started", period, None, required, None, facts=facts)
    if c >= required:
        return Outcome("achieved", period, c, required, required,
                       achieved_on=counted[required - 1], facts=facts)
    if not has_data:
        return Outcome("no_data", period, None, required, None, facts=facts)
    f = window_fraction(start, last, as_of)
    expected = expected_by(required, f)
    facts.update(expected=expected, fraction=float(f))
    if as_of > last:
        return Outcome("missed", period, c, required, required, facts=facts)
    status = count_status(c, 0, required, f, remaining_share)
    facts["pace"] = float(c / f)
    return Outcome(status, period, c, required, expected, likely=count_projection(status, c, 0, required, f),
                   facts=facts)


# ---------------------------------------------------------------- milestone

def milestone(
    achieved_on: date | None,
    progress_on: date | None,
    deadline: date | None,
    as_of: date,
    *,
    has_data: bool = True,
    warning_years: int = 1,
) -> Outcome:
    """Achieved by a dated achieving event; otherwise judged by progress and the deadline."""
    period = f"../{deadline.isoformat()}" if deadline else ".."
    facts = {"deadline": deadline, "progress_on": progress_on}
    if achieved_on is not None and achieved_on <= as_of:
        late = (achieved_on - deadline).days if deadline and achieved_on > deadline else 0
        facts["late_days"] = late
        return Outcome("achieved", period, 1, 1, None, achieved_on=achieved_on, facts=facts)
    if not has_data:
        return Outcome("no_data", period, None, 1, None, facts=facts)
    progress = progress_on is not None and progress_on <= as_of
    if deadline is None:
        return Outcome("on_track" if progress else "not_started", period, 0, 1, None, facts=facts)
    facts["days_left"] = (deadline - as_of).days
    if as_of > deadline:
        return Outcome("missed", period, 0, 1, 1, facts=facts)
    if as_of <= add_years(deadline, -warning_years):
        return Outcome("on_track" if progress else "not_started", period, 0, 1, None, facts=facts)
    return Outcome("at_risk" if progress else "off_track", period, 0, 1, None, facts=facts)


# ---------------------------------------------------------------- growth

def annual_values(periods: list[tuple[int, int | None, float]]) -> tuple[dict[int, float], dict[tuple[int, int], float]]:
    """Full-year values (a full-year figure, else the sum of 12 months) and monthly values."""
    annual: dict[int, float] = {}
    monthly: dict[tuple[int, int], float] = {}
    for year, month, value in periods:
        if month is None:
            annual[year] = value
        else:
            monthly[(year, month)] = value
    for year in {y for y, _ in monthly}:
        if year not in annual and all((year, m) in monthly for m in range(1, 13)):
            annual[year] = sum(monthly[(year, m)] for m in range(1, 13))
    return annual, monthly


def _ratio(new: float | None, old: float | None) -> float | None:
    if new is None or old is None or old <= 0:
        return None
    return new / old - 1


def _trailing_growth(monthly: dict, year: int, month: int) -> float | None:
    """Growth of the 12 months ending with (year, month) over the 12 months before; None unless all 24 are known."""
    index = year * 12 + month - 1
    window = [divmod(i, 12) for i in range(index - 23, index + 1)]
    keys = [(y, m + 1) for y, m in window]
    if any(k not in monthly for k in keys):
        return None
    return _ratio(sum(monthly[k] for k in keys[12:]), sum(monthly[k] for k in keys[:12]))


def _growth_projection(ytd: float, months: int, monthly: dict, year: int, last_month: int,
                       closed_trend: float | None) -> dict:
    """The current year's likely full-year growth: year-to-date growth for the months known, and for the
    months still to come the recent trend (the last 12 months against the 12 before, else the mean
    growth of the latest closed years); without a trend, the current pace alone."""
    trend, basis = _trailing_growth(monthly, year, last_month), "12_months"
    if trend is None:
        trend, basis = closed_trend, "closed_years"
    if trend is None:
        return {"projected": ytd, "trend": None, "basis": "pace"}
    share = months / 12
    return {"projected": share * ytd + (1 - share) * trend, "trend": trend, "basis": basis}


def growth(
    periods: list[tuple[int, int | None, float]],
    rate: float,
    as_of: date,
    start: date,
    *,
    at_risk_share: float = 0.6,
) -> Outcome:
    """Growth of one series: the current year's months against the same months a year before
    when monthly data exist, else the last closed year since the start; plus compound growth
    since the base year (the year before the start) and a projection."""
    annual, monthly = annual_values(periods)
    year = as_of.year
    base = start.year - 1
    facts: dict = {"rate": rate, "year": year, "base_year": base, "annual": annual}

    # the latest closed-year growth of all (context, even before the start)
    closed = [y for y in sorted(annual, reverse=True) if y < year and _ratio(annual[y], annual.get(y - 1)) is not None]
    if closed:
        facts["latest"] = (closed[0], _ratio(annual[closed[0]], annual[closed[0] - 1]), annual[closed[0]])
    # recent trend: mean growth of up to three latest closed years
    trend = [_ratio(annual[y], annual[y - 1]) for y in closed[:3]]
    facts["trend"] = sum(trend) / len(trend) if trend else None
    # compound annual growth since the base year
    later = [y for y in annual if base < y < year]
    if base in annual and later and annual[base] > 0:
        last = max(later)
        cagr = (annual[last] / annual[base]) ** (1 / (last - base)) - 1
        facts["cagr"] = (base, last, cagr, cagr / rate)

    if as_of < start:
        return Outcome("not_started", str(year), None, rate, None, facts=facts)
    if not periods:
        return Outcome("no_data", str(year), None, rate, None, facts=facts)

    months = sorted(m for y, m in monthly if y == year)
    if months and all((year - 1, m) in monthly for m in months):
        now = sum(monthly[(year, m)] for m in months)
        before = sum(monthly[(year - 1, m)] for m in months)
        g = _ratio(now, before)
        if g is not None:
            if g >= rate - _EPS:
                status = "on_track"
            elif g >= at_risk_share * rate - _EPS:
                status = "at_risk"
            else:
                status = "off_track"
            facts.update(current=True, months=(months[0], months[-1]), value=now, previous=before)
            facts["projection"] = _growth_projection(g, len(months), monthly, year, months[-1], facts["trend"])
            period = f"{year}-{months[0]:02d}/{year}-{months[-1]:02d}"
            likely = agreeing_projection(status, facts["projection"]["projected"] >= rate - _EPS)
            return Outcome(status, period, g, rate, rate, likely=likely, facts=facts)

    facts["current"] = False
    for y in range(year - 1, start.year - 1, -1):
        g = _ratio(annual.get(y), annual.get(y - 1))
        if g is not None:
            facts.update(closed_year=y, value=annual[y], previous=annual[y - 1])
            likely = None if facts["trend"] is None else facts["trend"] >= rate - _EPS
            status = "achieved" if g >= rate - _EPS else "missed"
            return Outcome(status, str(y), g, rate, rate, likely=likely, facts=facts)
    return Outcome("no_data", str(year), None, rate, None, facts=facts)
