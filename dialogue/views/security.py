"""What the Security & Defence page shows: exercises per year, the exercise timeline, defence agreements."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from dialogue import db
from dialogue.i18n import fmt_date, label, t
from dialogue.periods import mark_years, partial_label, to_date_notes
from dialogue.views.common import (
    TIMELINE_SHOWN,
    _known,
    scorecard,
    split_source,
    start_date,
    status_frame,
    target,
    targets_book,
)


@dataclass
class SecurityView:
    required: float
    statuses: pd.DataFrame          # joint-exercises, national-guard-partnership, defence-agreements
    per_year: pd.DataFrame          # year, status, status_code, count, order, period, period_note
    timeline: pd.DataFrame          # name, start, end, format, format_code, status, status_code, location, source
    exercises_table: pd.DataFrame
    agreements_required: float
    window_years: int
    window_start: date
    window_end: date
    agreements: pd.DataFrame        # date, cumulative, title
    pace: pd.DataFrame              # date, expected
    agreements_table: pd.DataFrame
    note: str = ""
    exercises_total: int = 0        # every exercise recorded; timeline and table hold the latest TIMELINE_SHOWN
    per_year_note: str = ""         # which year is counted only to the as-of date


def security(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
             card=None) -> SecurityView:
    known = _known(known_at)
    book = targets_book(con, known_at)
    card = scorecard(con, as_of, known_at, lang, card=card)
    statuses = status_frame([s for s in card.statuses if s.area == "security"], lang) if card else pd.DataFrame()
    ex_t = target(book, "joint-exercises")
    ex_p = ex_t.params if ex_t else {"required": 3, "bind": {"formats": ["bilateral", "multinational", "cyber"],
                                                               "participation": ["yes"]}}
    required = float(ex_p.get("required", 3))
    counts = db.query(con, "exercises_per_year", as_of=as_of, known_at=known,
                      formats=ex_p["bind"]["formats"], participation=ex_p["bind"]["participation"])
    counts = counts.dropna(subset=["year"])
    if not counts.empty:
        # a year with no exercise at all is a year below the target: show it as 0, never skip it
        years = range(int(counts["year"].min()), max(int(counts["year"].max()), as_of.year) + 1)
        counts = pd.DataFrame({"year": years}).merge(
            counts.assign(year=counts["year"].astype(int)), on="year", how="left").fillna({"held": 0, "scheduled": 0})
    per_year = pd.concat([
        pd.DataFrame({"year": counts["year"].astype(int), "status": t("status_held", lang), "status_code": "held",
                      "count": counts["held"].astype(int), "order": 0}),
        pd.DataFrame({"year": counts["year"].astype(int), "status": t("status_planned", lang),
                      "status_code": "planned", "count": counts["scheduled"].astype(int), "order": 1}),
    ], ignore_index=True)
    per_year = per_year[(per_year["count"] > 0) | (per_year["order"] == 0)].sort_values(["year", "order"])
    per_year = mark_years(per_year, to_date_notes(per_year["year"], as_of, lang))
    listed = db.query(con, "exercises_listed", known_at=known)      # oldest first
    exercises_total = len(listed)
    listed = listed.tail(TIMELINE_SHOWN).reset_index(drop=True)    # the latest (by start date) are drawn
    timeline = pd.DataFrame({
        "name": listed["name"],
        "start": pd.to_datetime(listed["start_date"]),
        "end": [_end_date(s, e, p) for s, e, p in zip(listed["start_date"], listed["end_date"], listed["date_precision"])],
        "format": [label("format", f, lang) for f in listed["format"]],
        "format_code": listed["format"].fillna("unspecified").astype(str),
        "status": [label("status", s, lang) for s in listed["status"]],
        "status_code": listed["status"].astype(str),
        "location": listed["location"].fillna(""),
        "source": listed["source"].fillna(""),
    })
    table = pd.DataFrame({
        t("axis_exercise", lang): listed["name"],
        t("col_start", lang): [fmt_date(d, lang) for d in listed["start_date"]],
        t("col_end", lang): [fmt_date(d, lang) if pd.notna(d) else "" for d in listed["end_date"]],
        t("axis_format", lang): timeline["format"],
        t("col_status", lang): timeline["status"],
        "US": listed["us_participation"],
        t("col_location", lang): timeline["location"],
        t("source", lang): [split_source(v)[0] for v in timeline["source"]],
        t("col_link", lang): [split_source(v)[1] for v in timeline["source"]],
    })
    ag_t = target(book, "defence-agreements")
    ag_p = ag_t.params if ag_t else {"required": 3, "window_years": 3,
                                     "bind": {"categories": ["defence"], "statuses": ["signed", "in_force"]}}
    start = start_date(book, card)
    years = int(ag_p.get("window_years", 3))
    end = date(start.year + years, start.month, min(start.day, 28)) - timedelta(days=1)
    got = db.query(con, "agreements_in_window", as_of=as_of, known_at=known, window_start=start, window_end=end,
                   categories=ag_p["bind"]["categories"], statuses=ag_p["bind"]["statuses"])
    dates = [pd.Timestamp(d).date() for d in got["dates"].iloc[0]] if len(got) else []
    titles = list(got["titles"].iloc[0]) if len(got) else []
    stop = min(max(as_of, start), end)
    steps = [{"date": start, "cumulative": 0, "title": ""}]
    steps += [{"date": d, "cumulative": i + 1, "title": ti} for i, (d, ti) in enumerate(zip(dates, titles))]
    steps.append({"date": stop, "cumulative": len(dates), "title": ""})
    need = float(ag_p.get("required", 3))
    pace = pd.DataFrame({"date": [start, end], "expected": [0.0, need]})
    ag_table = pd.DataFrame({t("col_date", lang): [fmt_date(d, lang) for d in dates], t("col_title", lang): titles})
    ngp = target(book, "national-guard-partnership")
    note = ngp.notes.get(lang, "") if ngp and ngp.notes else t("ngp_note", lang)
    return SecurityView(required, statuses, per_year.reset_index(drop=True), timeline, table, need, years,
                        start, end, pd.DataFrame(steps), pace, ag_table, note, exercises_total,
                        t("year_partial_note", lang, period=partial_label(per_year)) if partial_label(per_year) else "")


def _end_date(start, end, precision) -> pd.Timestamp:
    """The bar's end: the recorded end, else the end of the month/year the date stands for, else the next day."""
    s = pd.Timestamp(start)
    if pd.notna(end):
        return max(pd.Timestamp(end), s + pd.Timedelta(days=1))
    if precision == "year":
        return pd.Timestamp(s.year, 12, 31)
    if precision == "month":
        return s + pd.offsets.MonthEnd(0)
    return s + pd.Timedelta(days=1)


