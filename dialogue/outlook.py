"""How far each target has come (progress, 0..1) and what it would take from here ("needed"): the minister's
"what next", computed from the same figures as the status so the two can never disagree."""
from __future__ import annotations

import math
from datetime import date

from dialogue.formats import MONTHS_EN, MONTHS_SR, fmt_count, fmt_date, fmt_money
from dialogue.reasons import base_lang, days_word, serbian_plural
from dialogue.rules import window_last_day
from dialogue.translit import to_cyrillic

# Serbian written once in Latin script; Cyrillic is derived (placeholders are kept).
_T = {
    "count": {"en": "{more} more by {end}", "sr-Latn": "još {more} do {end}"},
    "count.planned": {"en": "{more} more by {end} ({planned} planned)",
                      "sr-Latn": "još {more} do {end} (planirano {planned})"},
    "count.part": {"en": "{name}: {more} more", "sr-Latn": "{name}: još {more}"},
    "count.parts": {"en": "By {end}: {parts}", "sr-Latn": "Do {end}: {parts}"},
    "window": {"en": "{more} more in {months} (by {end})", "sr-Latn": "još {more} za {months} (do {end})"},
    "window.passed": {"en": "The window closed on {end}, {more} short",
                      "sr-Latn": "Period je istekao {end}, nedostaje {more}"},
    "milestone.left": {"en": "{days} left to the deadline of {deadline}",
                       "sr-Latn": "do roka {deadline} ostaje {days}"},
    "milestone.passed": {"en": "The deadline of {deadline} passed {days} ago",
                         "sr-Latn": "Rok {deadline} je prošao pre {days}"},
    "growth.need": {"en": "{per_month} a month for {months} to reach {total} in {year}, against {recent} a month lately",
                    "sr-Latn": "{per_month} mesečno za {months} da bi se u {year}. dostiglo {total}, prema {recent} mesečno u poslednje vreme"},
    "growth.need.no_recent": {"en": "{per_month} a month for {months} to reach {total} in {year}",
                              "sr-Latn": "{per_month} mesečno za {months} da bi se u {year}. dostiglo {total}"},
    "milestone.open": {"en": "No deadline is set; it is achieved once evidence of it is recorded",
                       "sr-Latn": "Rok nije određen; ostvaruje se kada se zabeleži dokaz"},
    "milestone.parts_open": {"en": "{open} of {total} parts still open; no deadline is set",
                             "sr-Latn": "otvoreno je još {open} od {total} delova; rok nije određen"},
    "growth.met": {"en": "Already met: {ytd} so far in {year} is above the {total} that +{rate} requires",
                   "sr-Latn": "Već ostvareno: {ytd} do sada u {year}. je više od {total} koliko traži rast od {rate}"},
}


def _text(key: str, lang: str, **values) -> str:
    template = _T[key][base_lang(lang)]
    if lang == "sr-Cyrl":
        template = to_cyrillic(template)
    out = template.format(**values)
    return out[:1].upper() + out[1:]


def _months_word(n: int, lang: str) -> str:
    if lang == "en":
        return "1 month" if n == 1 else f"{n} months"
    w = f"{n} {serbian_plural(n, 'mesec', 'meseca', 'meseci')}"
    return to_cyrillic(w) if lang == "sr-Cyrl" else w


def _month_span(first: int, last: int, lang: str) -> str:
    names = MONTHS_EN if lang == "en" else MONTHS_SR
    span = names[first - 1] if first == last else f"{names[first - 1]}–{names[last - 1]}"
    return to_cyrillic(span) if lang == "sr-Cyrl" else span


def months_between(a: date, b: date) -> int:
    """Whole calendar months from a to b, rounded up (a part of a month counts as one); 0 if b <= a."""
    if b <= a:
        return 0
    months = (b.year - a.year) * 12 + b.month - a.month
    return max(1, months + (1 if b.day > a.day else 0))


# ---------------------------------------------------------------- progress

def progress(kind: str, status: str, actual, target_value) -> float | None:
    """Share of the target reached, 0..1: 2 of 3 exercises = 0.67; trade growth observed ÷ required; a milestone
    1 when achieved (its parts' share when it has parts); None where nothing is measured."""
    if status == "achieved":
        return 1.0
    if status in ("no_data", "not_started") or actual is None or not target_value:
        return None
    if kind == "milestone" and target_value == 1:
        return None                      # a single milestone has no share: done or not
    share = float(actual) / float(target_value)
    if math.isnan(share):
        return None
    return min(1.0, max(0.0, share))


def bar(share: float | None, lang: str = "en", width: int = 10) -> str:
    """A progress bar in plain text, "▰▰▰▰▰▰▱▱▱▱ 67%"; "" where no share applies."""
    if share is None:
        return ""
    from dialogue.formats import fmt_percent

    filled = round(share * width)
    return "▰" * filled + "▱" * (width - filled) + " " + fmt_percent(share, lang, decimals=0)


# ---------------------------------------------------------------- needed: the figures

def growth_need(periods: list[tuple[int, int | None, float]], rate: float, as_of: date) -> dict | None:
    """For the current year: the value needed in the months still to come to reach (1 + rate) × last year's total,
    per month, beside the average month of the latest 12 known; None without last year's full total."""
    from dialogue.rules import annual_values

    annual, monthly = annual_values(periods)
    year = as_of.year
    previous = annual.get(year - 1)
    if previous is None or previous <= 0:
        return None
    required = previous * (1 + rate)
    months = sorted(m for y, m in monthly if y == year)
    if year in annual and not months:    # a full-year figure for the current year: nothing left to need
        return None
    last = months[-1] if months else 0
    ytd = sum(monthly[(year, m)] for m in months)
    remaining = 12 - last
    # the latest 12 months known: those ending with the last month of this year, else last December
    end = year * 12 + last - 1 if months else (year - 1) * 12 + 11
    recent_keys = [k for k in ((i // 12, i % 12 + 1) for i in range(end - 11, end + 1)) if k in monthly]
    recent = sum(monthly[k] for k in recent_keys) / len(recent_keys) if recent_keys else None
    need = {"year": year, "required_total": required, "ytd": ytd, "months_known": last,
            "remaining_months": remaining, "recent_monthly": recent, "rate": rate}
    if ytd >= required:
        need.update(kind="met", per_month=0.0)
    elif remaining == 0:
        need.update(kind="passed", per_month=None)
    else:
        need.update(kind="value_per_month", per_month=(required - ytd) / remaining, first_month=last + 1)
    return need


def count_need(held: float, planned: float, required: float, year: int) -> dict:
    more = max(0, math.ceil(required - held))
    return {"kind": "more_items", "more": more, "planned": planned, "by": date(year, 12, 31)}


def window_need(count: float, required: float, start: date, years: int, as_of: date) -> dict:
    end = window_last_day(start, years)
    more = max(0, math.ceil(required - count))
    if as_of > end:
        return {"kind": "passed", "more": more, "by": end}
    return {"kind": "more_items", "more": more, "by": end, "months": months_between(as_of, end)}


def milestone_need(deadline: date | None, as_of: date, parts_done: int | None = None,
                   parts: int | None = None) -> dict:
    if deadline is None:
        return {"kind": "open", "open": (parts or 0) - (parts_done or 0), "parts": parts}
    days = (deadline - as_of).days
    return {"kind": "passed" if days < 0 else "days_left", "days": days, "by": deadline}


# ---------------------------------------------------------------- needed: the sentence

def needed_sentence(kind: str, need: dict | None, lang: str, currency: str = "USD", parts: list | None = None) -> str | None:
    """One sentence saying what it would take; None where nothing can be said (no data, no deadline, achieved)."""
    if not need:
        return None
    if kind == "growth":
        total = fmt_money(need["required_total"], currency, lang)
        if need["kind"] == "met":
            from dialogue.formats import fmt_percent

            return _text("growth.met", lang, ytd=fmt_money(need["ytd"], currency, lang), year=need["year"],
                         total=total, rate=fmt_percent(need["rate"], lang, decimals=None))
        if need["kind"] != "value_per_month":
            return None
        values = dict(per_month=fmt_money(need["per_month"], currency, lang), total=total, year=need["year"],
                      months=_month_span(need["first_month"], 12, lang))
        if need["recent_monthly"] is None:
            return _text("growth.need.no_recent", lang, **values)
        return _text("growth.need", lang, recent=fmt_money(need["recent_monthly"], currency, lang), **values)
    if kind == "annual_count":
        end = fmt_date(need["by"], lang)
        if parts:
            items = [_text("count.part", lang, name=p["name"], more=fmt_count(p["more"], lang)) for p in parts if p["more"]]
            return _text("count.parts", lang, end=end, parts="; ".join(items)) if items else None
        if not need["more"]:
            return None
        if need.get("planned"):
            return _text("count.planned", lang, more=fmt_count(need["more"], lang), end=end,
                         planned=fmt_count(need["planned"], lang))
        return _text("count", lang, more=fmt_count(need["more"], lang), end=end)
    if kind == "window_count":
        end = fmt_date(need["by"], lang)
        if need["kind"] == "passed":
            return _text("window.passed", lang, end=end, more=fmt_count(need["more"], lang))
        if not need["more"]:
            return None
        return _text("window", lang, more=fmt_count(need["more"], lang), months=_months_word(need["months"], lang), end=end)
    if need["kind"] == "open":
        if need.get("parts"):
            return _text("milestone.parts_open", lang, open=need["open"], total=need["parts"])
        return _text("milestone.open", lang)
    deadline = fmt_date(need["by"], lang)
    if need["kind"] == "passed":
        return _text("milestone.passed", lang, deadline=deadline, days=days_word(-need["days"], lang))
    return _text("milestone.left", lang, deadline=deadline, days=days_word(need["days"], lang))


# ---------------------------------------------------------------- what-if: the year end under an assumption

def what_if(periods: list[tuple[int, int | None, float]], rate: float, as_of: date,
            assumed_growth: float | None = None, monthly_value: float | None = None) -> dict | None:
    """The current year's projected end if each month still to come grows by `assumed_growth` on the same month a
    year earlier (or equals `monthly_value`): projected total and growth, the status that would give, and the
    cumulative path month by month (kind "actual" up to the last month with figures, "projection" after).
    None without last year's twelve months."""
    from dialogue.rules import annual_values

    annual, monthly = annual_values(periods)
    year = as_of.year
    previous = annual.get(year - 1)
    if previous is None or previous <= 0 or not all((year - 1, m) in monthly for m in range(1, 13)):
        return None
    months = sorted(m for y, m in monthly if y == year)
    last = months[-1] if months else 0
    if any(m not in months for m in range(1, last + 1)):      # a gap inside the year: no honest projection
        return None
    rows, total = [], 0.0
    for m in range(1, 13):
        if m <= last:
            value, kind = monthly[(year, m)], "actual"
        elif monthly_value is not None:
            value, kind = monthly_value, "projection"
        else:
            value, kind = monthly[(year - 1, m)] * (1 + (assumed_growth or 0.0)), "projection"
        total += value
        rows.append({"month": m, "value": value, "cumulative": total, "kind": kind})
    required = previous * (1 + rate)
    growth = total / previous - 1
    return {"year": year, "months_known": last, "previous_total": previous, "required_total": required,
            "projected_total": total, "projected_growth": growth,
            "status": "achieved" if growth >= rate - 1e-9 else "missed", "rows": rows}
