"""Which year in a per-year chart is only part of a year, and how its label says so (so it never reads as a full year)."""
from __future__ import annotations

from datetime import date

import pandas as pd

from dialogue.formats import MONTHS_EN, MONTHS_SR, is_english
from dialogue.i18n import cyrillic, t


def month_name(m: int, lang: str) -> str:
    """A month's short name in the reader's language: "Oct", "okt", "окт"."""
    if is_english(lang):
        return MONTHS_EN[m - 1]
    return cyrillic(MONTHS_SR[m - 1]) if lang == "sr-Cyrl" else MONTHS_SR[m - 1]


def months_note(first: int, last: int, lang: str) -> str:
    """The months a partial year covers: "(Jan–Oct)", "(jan–okt)", "(јан–окт)"; one month alone: "(Jan)"."""
    if first == last:
        return f"({month_name(first, lang)})"
    return t("period_months", lang, first=month_name(first, lang), last=month_name(last, lang))


def to_date_note(as_of: date, lang: str) -> str:
    """A year counted to the as-of date: "(to 3 Dec)", "(do 3. 12.)", "(до 3. 12.)"."""
    day = f"{as_of.day} {MONTHS_EN[as_of.month - 1]}" if is_english(lang) else f"{as_of.day}. {as_of.month}."
    return t("period_to_date", lang, date=day)


def in_progress(year: int, as_of: date) -> bool:
    """True for the as-of year unless the as-of date is its last day."""
    return int(year) == as_of.year and (as_of.month, as_of.day) != (12, 31)


def mark_years(df: pd.DataFrame, notes: dict[int, str]) -> pd.DataFrame:
    """df (with a `year` column) plus `period` ("2026 (Jan–Oct)" for a partial year, else "2025") and
    `period_note` ("(Jan–Oct)" or ""): what charts.year_axis and charts.partial_opacity read."""
    years = [int(y) for y in df["year"]]
    note = [notes.get(y, "") for y in years]
    return df.assign(period=[f"{y} {n}" if n else str(y) for y, n in zip(years, note)], period_note=note)


def to_date_notes(years, as_of: date, lang: str) -> dict[int, str]:
    """{as-of year: "(to 3 Dec)"} when that year is among `years` and still in progress, else {}."""
    return {as_of.year: to_date_note(as_of, lang)} if any(in_progress(y, as_of) for y in years) else {}


def partial_label(df: pd.DataFrame) -> str:
    """The first partial period's label in a marked frame ("2026 (Jan–Oct)"), or "" when every year is full."""
    if "period_note" not in df.columns:
        return ""
    rows = df[df["period_note"] != ""]
    return str(rows["period"].iloc[0]) if len(rows) else ""
