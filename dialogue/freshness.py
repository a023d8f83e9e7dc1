"""How fresh a target's figures are: the date they run to, and whether newer ones are overdue by the source's own rhythm."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dialogue.formats import fmt_date, fmt_month

PERIODS = {"month": 1, "quarter": 3, "year": 12}
# Which datasets hold a target's figures when they are counted from uploads (growth reads its series instead).
DATASETS = {"exercises_per_year": ("exercises",), "events_per_kind_year": ("events",),
            "agreements_in_window": ("agreements",), "milestone_evidence": ("events", "agreements")}


@dataclass(frozen=True)
class Freshness:
    """What a target declares: its source publishes every `every` (month, quarter, year), `lag_days` after the period."""

    every: str
    lag_days: int


def parse(value, where: str) -> Freshness | None:
    """A `freshness = { every = "month", lag_days = 40 }` table, checked (None when not declared)."""
    from dialogue.coded import said
    from dialogue.targets import TargetsFileError

    if value is None:
        return None
    every = value.get("every") if isinstance(value, dict) else None
    lag = value.get("lag_days") if isinstance(value, dict) else None
    if every not in PERIODS or not isinstance(lag, int) or isinstance(lag, bool) or lag < 0:
        raise TargetsFileError("tgt_bad", where=where, name="freshness", value=repr(value), expected=said(
            "tgt_freshness", example='{ every = "month", lag_days = 40 }'))
    return Freshness(every, lag)


def add_period(d: date, every: str) -> date:
    """The same day one period later; a month's last day stays a month's last day (31 Oct + 1 month = 30 Nov)."""
    months = PERIODS[every]
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return date(year, month, last)
    return date(year, month, min(d.day, last))


def due(through: date, declared: Freshness) -> date:
    """The day by which figures newer than `through` should have been published: through + one period + the lag."""
    return add_period(through, declared.every) + timedelta(days=declared.lag_days)


def is_stale(as_of: date, through: date | None, declared: Freshness | None) -> bool:
    """Stale when as_of is later than data-through plus the period plus the lag (never without figures or a declaration)."""
    return through is not None and declared is not None and as_of > due(through, declared)


def series_through(periods: list[tuple[int, int | None, float]]) -> date | None:
    """The last day of the latest period with figures (a month, or a whole year when only a year is given)."""
    ends = [date(y, m, calendar.monthrange(y, m)[1]) if m else date(y, 12, 31) for y, m, _v in periods]
    return max(ends, default=None)


def uploads_through(last_uploads: dict[str, datetime], query: str, as_of: date) -> date | None:
    """The date of the latest upload into any dataset the target counts (no later than as_of), or None."""
    times = [last_uploads[d] for d in DATASETS.get(query, ()) if d in last_uploads]
    return min(max(times).date(), as_of) if times else None


def through_text(through: date, by_month: bool, lang: str) -> str:
    """'Oct 2026' (figures by month) or '3 Dec 2026' (figures by upload), as the language writes them."""
    return fmt_month(through, lang) if by_month else fmt_date(through, lang)


def figures_short(status, lang: str) -> str:
    """What the "Figures to" column shows: 'Oct 2026', or 'Jan 2026, out of date (newer ones were due by 9 Apr 2026)'
    when stale; '' for a status without figures."""
    from dialogue.i18n import t

    if getattr(status, "data_through", None) is None:
        return ""
    info = (status.details or {}).get("freshness") or {}
    through = through_text(status.data_through, bool(info.get("by_month")), lang)
    if status.stale and info.get("due"):
        return t("figures_stale", lang, through=through, due=fmt_date(info["due"], lang))
    return through


def figures_to(status, lang: str) -> str:
    """'figures to Oct 2026' for a TargetStatus (with 'out of date …' when stale), for a line of text; '' without figures."""
    from dialogue.i18n import t

    short = figures_short(status, lang)
    return t("figures_to", lang, through=short) if short else ""
