"""One plain sentence per status, with its numbers, in English and Serbian (Latin and Cyrillic)."""
from __future__ import annotations

import re
from datetime import date

from dialogue import vocab
from dialogue.formats import MONTHS_EN, MONTHS_SR, fmt_count, fmt_date, fmt_money, fmt_number, fmt_percent
from dialogue.rules import Outcome
from dialogue.translit import to_cyrillic

_DOUBLE_STOP = re.compile(r"(\d\.)\.")


def base_lang(lang: str) -> str:
    return "en" if lang == "en" else "sr-Latn"


def serbian_plural(n: float, one: str, few: str, many: str) -> str:
    """Serbian noun form after a number: 1 dan, 2 dana... (21 dan, 22 dana, 25 dana)."""
    if not float(n).is_integer():
        return few
    n = int(abs(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def days_word(n: int, lang: str) -> str:
    if lang == "en":
        return f"{n} day" if n == 1 else f"{n} days"
    return word(f"{n} {serbian_plural(n, 'dan', 'dana', 'dana')}", lang)


def years_word(n: int, lang: str) -> str:
    if lang == "en":
        return f"{n}-year"
    return word(f"{n} {serbian_plural(n, 'godine', 'godine', 'godina')}", lang)


# Templates: Serbian written once in Latin script; Cyrillic is derived (placeholders are kept).
T = {
    "count.current": {
        "en": "{held} {unit} {done} and {planned} planned in {year}, {required} required: {status}{why}{projection}.",
        "sr-Latn": "{heading} u {year}. godini: {done} {held}, planirano još {planned}, potrebno {required} — {status}{why}{projection}.",
    },
    "count.why.on_track": {"en": " ({expected} expected by now)", "sr-Latn": " (do sada se očekuje {expected})"},
    "count.why.on_track.planned": {"en": " ({expected} expected by now; with those planned, {required} are reached)",
                                   "sr-Latn": " (do sada se očekuje {expected}; sa planiranim se dostiže {required})"},
    "count.why.at_risk": {"en": " (at least a quarter of the year remains)", "sr-Latn": " (ostaje bar četvrtina godine)"},
    "count.why.off_track": {"en": " (less than a quarter of the year remains)", "sr-Latn": " (ostalo je manje od četvrtine godine)"},
    "count.projection": {
        "en": "; at the current pace, {required} by the end of the year is {likely}",
        "sr-Latn": "; sadašnjim tempom, dostizanje broja {required} do kraja godine je {likely}",
    },
    "count.last_year": {"en": "; {year} ended with {held}, {status}", "sr-Latn": "; {year}. godina završena je sa {held} — {status}"},
    "count.not_started": {
        "en": "Not started: counting begins in {first_year}; the dialogue's start is {start} ({start_kind}).",
        "sr-Latn": "Nije započeto: brojanje počinje {first_year}. godine; početak dijaloga je {start} ({start_kind}).",
    },
    "no_data": {
        "en": "No data: nothing is recorded yet in the {dataset} dataset, so this cannot be measured.",
        "sr-Latn": "Nema podataka: u skupu podataka „{dataset}“ još nema zapisa, pa ovo ne može da se izmeri.",
    },
    "no_data.kinds": {
        "en": "No data: nothing uploaded yet, no {units} are recorded in the events dataset, so this cannot be measured.",
        "sr-Latn": "Nema podataka: još ništa nije otpremljeno, u skupu podataka „događaji“ nema zapisa „{heading}“, pa ovo ne može da se izmeri.",
    },
    "window.progress": {
        "en": "{count} {unit} {done} since {start}, {required} required by {end}: {status}{why}{projection}.",
        "sr-Latn": "{heading} od {start}: {done} {count}, potrebno {required} do {end} — {status}{why}{projection}.",
    },
    "window.why.on_track": {"en": " ({expected} expected by now)", "sr-Latn": " (do sada se očekuje {expected})"},
    "window.why.at_risk": {"en": " (at least a quarter of the window remains)", "sr-Latn": " (ostaje bar četvrtina perioda)"},
    "window.why.off_track": {"en": " (less than a quarter of the window remains)", "sr-Latn": " (ostalo je manje od četvrtine perioda)"},
    "window.why.missed": {"en": " (the window closed on {end})", "sr-Latn": " (period je istekao {end})"},
    "window.why.achieved": {"en": " on {achieved_on}", "sr-Latn": " {achieved_on}"},
    "window.projection": {
        "en": "; at the current pace, {required} by {end} is {likely}",
        "sr-Latn": "; sadašnjim tempom, dostizanje broja {required} do {end} je {likely}",
    },
    "window.not_started": {
        "en": "Not started: the {years} window opens when the dialogue starts on {start} ({start_kind}).",
        "sr-Latn": "Nije započeto: period od {years} počinje sa početkom dijaloga, {start} ({start_kind}).",
    },
    "milestone.achieved": {"en": "Achieved on {date}{late}: {evidence}.", "sr-Latn": "Ostvareno {date}{late}: {evidence}."},
    "milestone.late": {"en": ", {days} after the deadline of {deadline}", "sr-Latn": ", {days} posle roka {deadline}"},
    "milestone.missed": {
        "en": "Missed: the deadline of {deadline} passed {days} ago with no evidence that it was achieved{progress}.",
        "sr-Latn": "Nije ostvareno: rok {deadline} je istekao pre {days}, bez dokaza o ostvarenju{progress}.",
    },
    "milestone.missed.progress": {"en": " (latest progress {date})", "sr-Latn": " (poslednji napredak {date})"},
    "milestone.on_track": {
        "en": "On track: progress recorded (latest on {date}: {evidence}); {deadline_text}.",
        "sr-Latn": "Na dobrom putu: zabeležen napredak (poslednji {date}: {evidence}); {deadline_text}.",
    },
    "milestone.not_started": {
        "en": "Not started: no progress recorded yet; {deadline_text}.",
        "sr-Latn": "Nije započeto: još nije zabeležen napredak; {deadline_text}.",
    },
    "milestone.at_risk": {
        "en": "At risk: progress recorded (latest on {date}), but only {days} remain until the deadline of {deadline}.",
        "sr-Latn": "Ugroženo: zabeležen napredak (poslednji {date}), ali do roka {deadline} je ostalo samo {days}.",
    },
    "milestone.off_track": {
        "en": "Off track: no progress recorded and only {days} remain until the deadline of {deadline}.",
        "sr-Latn": "Zaostaje: nije zabeležen napredak, a do roka {deadline} je ostalo samo {days}.",
    },
    "milestone.deadline": {"en": "deadline {deadline}", "sr-Latn": "rok {deadline}"},
    "milestone.no_deadline": {"en": "no deadline set", "sr-Latn": "rok nije određen"},
    "milestone.parts": {"en": "; parts: {parts}", "sr-Latn": "; delovi: {parts}"},
    "milestone.part.done": {"en": "{label} achieved on {date}", "sr-Latn": "{label} ostvareno {date}"},
    "milestone.part.open": {"en": "{label} not yet", "sr-Latn": "{label} još ne"},
    "growth.current": {
        "en": "{series} goods trade in {months} {year} is {growth} on the same months of {previous_year}, {rate} a year required: {status}{why}{projection}.",
        "sr-Latn": "Robna razmena ({series}) za {months} {year}. je {growth} u odnosu na iste mesece {previous_year}., potrebno {rate} godišnje — {status}{why}{projection}.",
    },
    "growth.why.at_risk": {"en": " (at least {share} of the required rate)", "sr-Latn": " (bar {share} potrebne stope)"},
    "growth.why.off_track": {"en": " (below {share} of the required rate)", "sr-Latn": " (ispod {share} potrebne stope)"},
    "growth.closed": {
        "en": "{series} goods trade in {year} was {value}, {growth} on {previous_year}, {rate} required: {status}{no_months}{cagr}{projection}.",
        "sr-Latn": "Robna razmena ({series}) u {year}. iznosila je {value}, {growth} u odnosu na {previous_year}., potrebno {rate} — {status}{no_months}{cagr}{projection}.",
    },
    "growth.no_months": {"en": " (no monthly figures for {year} yet)", "sr-Latn": " (još nema mesečnih podataka za {year}.)"},
    "growth.cagr": {
        "en": "; compound growth since {base} is {cagr} a year against {rate} required (observed / required {ratio})",
        "sr-Latn": "; prosečan godišnji rast od {base}. je {cagr} prema potrebnih {rate} (ostvareno / potrebno {ratio})",
    },
    "growth.projection.current": {
        "en": "; at the current pace, {rate} growth in {year} is {likely}",
        "sr-Latn": "; sadašnjim tempom, dostizanje rasta od {rate} u {year}. je {likely}",
    },
    "growth.projection.12_months": {
        "en": "; at the current pace and the recent trend ({trend} over the last 12 months), {rate} growth in {year} is {likely}",
        "sr-Latn": "; sadašnjim tempom i prema skorašnjem trendu ({trend} u poslednjih 12 meseci), dostizanje rasta od {rate} u {year}. je {likely}",
    },
    "growth.projection.closed_years": {
        "en": "; at the current pace and the recent trend ({trend} a year), {rate} growth in {year} is {likely}",
        "sr-Latn": "; sadašnjim tempom i prema skorašnjem trendu ({trend} godišnje), dostizanje rasta od {rate} u {year}. je {likely}",
    },
    "growth.projection.trend": {
        "en": "; at the recent trend ({trend} a year), {rate} growth in {year} is {likely}",
        "sr-Latn": "; prema skorašnjem trendu ({trend} godišnje), dostizanje rasta od {rate} u {year}. je {likely}",
    },
    "growth.trend.12_months": {
        "en": "; the last 12 months grew {trend} on the 12 before",
        "sr-Latn": "; poslednjih 12 meseci rast je {trend} u odnosu na prethodnih 12",
    },
    "growth.trend.closed_years": {
        "en": "; the recent trend is {trend} a year",
        "sr-Latn": "; skorašnji trend je {trend} godišnje",
    },
    "growth.no_data": {
        "en": "No data: {series} has no monthly figures for {year} to compare with {previous_year}, and no full year since the start ({start_year}) with the year before it{latest}.",
        "sr-Latn": "Nema podataka: za {series} nema mesečnih podataka za {year}. koji bi se uporedili sa {previous_year}., niti pune godine od početka ({start_year}.) sa prethodnom godinom{latest}.",
    },
    "growth.not_started": {
        "en": "Not started: the dialogue starts on {start} ({start_kind}){latest}.",
        "sr-Latn": "Nije započeto: dijalog počinje {start} ({start_kind}){latest}.",
    },
    "growth.latest": {
        "en": "; the latest full-year growth, {year}, was {growth}",
        "sr-Latn": "; poslednji godišnji rast, za {year}., iznosio je {growth}",
    },
    "stale": {
        "en": "; the figures run only to {through} and newer ones were due by {due}, so this may be out of date",
        "sr-Latn": "; podaci sežu samo do {through}, a noviji su se očekivali do {due}, pa ovo možda nije ažurno",
    },
    "likely": {"en": "likely", "sr-Latn": "verovatno"},
    "unlikely": {"en": "unlikely", "sr-Latn": "malo verovatno"},
    "planned": {"en": "planned", "sr-Latn": "planiran"},
    "recorded": {"en": "recorded", "sr-Latn": "zabeležen"},
    "dataset.exercises": {"en": "exercises", "sr-Latn": "vežbe"},
    "dataset.events": {"en": "events", "sr-Latn": "događaji"},
    "dataset.actions": {"en": "actions", "sr-Latn": "mere"},
    "dataset.agreements": {"en": "agreements", "sr-Latn": "sporazumi"},
    "dataset.trade": {"en": "trade", "sr-Latn": "trgovina"},
    "dataset.evidence": {"en": "events or agreements", "sr-Latn": "događaji i sporazumi"},
    "headline.count": {"en": "{actual} of {target} in {period}", "sr-Latn": "{actual} od {target} u {period}."},
    "headline.window": {"en": "{actual} of {target} by {end}", "sr-Latn": "{actual} od {target} do {end}"},
    "headline.growth": {"en": "{actual} against {target}", "sr-Latn": "{actual} prema {target}"},
    "headline.achieved": {"en": "{date}", "sr-Latn": "{date}"},
    "headline.deadline": {"en": "deadline {date}", "sr-Latn": "rok {date}"},
}


def text(key: str, lang: str, **values) -> str:
    """A template in `lang` with its values filled in."""
    template = T[key][base_lang(lang)]
    if lang == "sr-Cyrl":
        template = to_cyrillic(template)
    out = template.format(**values)
    # a Serbian date or ordinal ends with a full stop: never double it at the end of a clause
    return out if lang == "en" else _DOUBLE_STOP.sub(r"\1", out)


def extend(sentence: str, clause: str) -> str:
    """Add a clause to a sentence before its full stop, so a reason stays one sentence."""
    if sentence.endswith(".") and not re.search(r"\d\.$", sentence):
        sentence = sentence[:-1]
    # a clause ending on a Serbian date ("1. 6. 2026.") already ends with its full stop
    return f"{sentence}{clause}" if re.search(r"\d\.$", clause) else f"{sentence}{clause}."


def word(value: str, lang: str) -> str:
    """A Serbian word from the targets file, in the right script."""
    return to_cyrillic(value) if lang == "sr-Cyrl" else value


def status_phrase(status: str, lang: str) -> str:
    """The status word inside a sentence: vocab's word with a lower-case first letter ('at risk')."""
    w = vocab.status_word(status, lang)
    return w[:1].lower() + w[1:]


def _months(first: int, last: int, lang: str) -> str:
    names = MONTHS_EN if lang == "en" else MONTHS_SR
    a, b = names[first - 1], names[last - 1]
    if lang == "sr-Cyrl":
        a, b = to_cyrillic(a), to_cyrillic(b)
    return a if first == last else f"{a}–{b}"


def _likely(likely: bool, lang: str) -> str:
    return text("likely" if likely else "unlikely", lang)


# ---------------------------------------------------------------- per kind

def count_reason(o: Outcome, part: dict, lang: str, start: date, start_kind: str, dataset: str) -> str:
    """annual_count: e.g. '1 exercise held and 1 planned in 2026, 3 required: at risk (...)'."""
    f = o.facts
    if o.status == "not_started":
        return text("count.not_started", lang, first_year=f["first_year"], start=fmt_date(start, lang),
                    start_kind=text(start_kind, lang))
    if o.status == "no_data" and dataset == "events":    # the events dataset holds many kinds: name this one
        return text("no_data.kinds", lang, units=part["unit"]["en"][1], heading=word(part["unit"]["sr-Latn"], lang))
    if o.status == "no_data":
        return text("no_data", lang, dataset=text(f"dataset.{dataset}", lang))
    held = f["held"]
    why_key = f"count.why.{o.status}"
    if o.status == "on_track" and held < f["expected"]:      # on track only by what is planned: say so
        why_key = "count.why.on_track.planned"
    why = text(why_key, lang, expected=fmt_count(f["expected"], lang),
               required=fmt_count(f["required"], lang)) if why_key in T else ""
    projection = ""
    if o.likely is not None:
        projection = text("count.projection", lang, required=fmt_count(f["required"], lang),
                          likely=_likely(o.likely, lang))
    sentence = text(
        "count.current", lang,
        held=fmt_count(held, lang), planned=fmt_count(f["planned"], lang), year=f["year"],
        required=fmt_count(f["required"], lang), status=status_phrase(o.status, lang), why=why,
        projection=projection,
        unit=part["unit"]["en"][0 if held == 1 else 1] if lang == "en" else "",
        heading=word(part["unit"]["sr-Latn"], lang) if lang != "en" else "",
        done=word(part["done"][base_lang(lang)], lang),
    )
    last = f["year"] - 1
    if last in f.get("history", {}):
        count, status = f["history"][last]
        sentence = extend(sentence, text("count.last_year", lang, year=last, held=fmt_count(count, lang),
                                         status=status_phrase(status, lang)))
    return sentence


def window_reason(o: Outcome, params: dict, lang: str, start_kind: str) -> str:
    """window_count: e.g. '1 agreement signed since 1 Jan 2026, 3 required by 31 Dec 2028: on track'."""
    f = o.facts
    start, end = fmt_date(f["start"], lang), fmt_date(f["end"], lang)
    if o.status == "not_started":
        return text("window.not_started", lang, years=years_word(f["years"], lang), start=start,
                    start_kind=text(start_kind, lang))
    if o.status == "no_data":
        return text("no_data", lang, dataset=text("dataset.agreements", lang))
    why_key = f"window.why.{o.status}"
    why = ""
    if why_key in T:
        why = text(why_key, lang, expected=fmt_count(f.get("expected", 0), lang), end=end,
                   achieved_on=fmt_date(o.achieved_on, lang) if o.achieved_on else "")
    projection = ""
    if o.likely is not None:
        projection = text("window.projection", lang, required=fmt_count(f["required"], lang), end=end,
                          likely=_likely(o.likely, lang))
    count = f["count"]
    return text(
        "window.progress", lang, count=fmt_count(count, lang), start=start, end=end,
        required=fmt_count(f["required"], lang), status=status_phrase(o.status, lang), why=why,
        projection=projection,
        unit=params["unit"]["en"][0 if count == 1 else 1] if lang == "en" else "",
        heading=word(params["unit"]["sr-Latn"], lang) if lang != "en" else "",
        done=word(params["done"][base_lang(lang)], lang),
    )


def milestone_reason(o: Outcome, lang: str, evidence: str | None, parts: list[dict] | None = None) -> str:
    """milestone: achieved on a date (late or not), or judged by progress and deadline."""
    f = o.facts
    deadline = f.get("deadline")
    dl = fmt_date(deadline, lang) if deadline else ""
    days = days_word(abs(f.get("days_left", 0)), lang)
    progress = fmt_date(f["progress_on"], lang) if f.get("progress_on") else ""
    if o.status == "achieved":
        late = text("milestone.late", lang, days=days_word(f["late_days"], lang), deadline=dl) if f.get("late_days") else ""
        sentence = text("milestone.achieved", lang, date=fmt_date(o.achieved_on, lang), late=late,
                        evidence=evidence or "")
    elif o.status == "no_data":
        sentence = text("no_data", lang, dataset=text("dataset.evidence", lang))
    elif o.status == "missed":
        extra = text("milestone.missed.progress", lang, date=progress) if progress else ""
        sentence = text("milestone.missed", lang, deadline=dl, days=days, progress=extra)
    elif o.status in ("on_track", "not_started"):
        deadline_text = text("milestone.deadline", lang, deadline=dl) if deadline else text("milestone.no_deadline", lang)
        sentence = text(f"milestone.{o.status}", lang, date=progress, evidence=evidence or "",
                        deadline_text=deadline_text)
    else:
        sentence = text(f"milestone.{o.status}", lang, date=progress, days=days, deadline=dl)
    if parts:
        items = []
        for p in parts:
            label = word(p["label"][base_lang(lang)], lang) if lang != "en" else p["label"]["en"]
            if p.get("achieved_on"):
                items.append(text("milestone.part.done", lang, label=label, date=fmt_date(p["achieved_on"], lang)))
            else:
                items.append(text("milestone.part.open", lang, label=label))
        sentence = extend(sentence, text("milestone.parts", lang, parts=", ".join(items)))
    return sentence


def growth_reason(o: Outcome, lang: str, series: str, currency: str, start: date, start_kind: str,
                  at_risk_share: float) -> str:
    """growth: year-to-date or closed-year growth against r, compound growth since the base year."""
    f = o.facts
    rate = fmt_percent(f["rate"], lang, decimals=None)
    latest = ""
    if "latest" in f:
        latest = text("growth.latest", lang, year=f["latest"][0], growth=fmt_percent(f["latest"][1], lang, signed=True))
    if o.status == "not_started":
        return text("growth.not_started", lang, start=fmt_date(start, lang), start_kind=text(start_kind, lang),
                    latest=latest)
    if o.status == "no_data":
        return text("growth.no_data", lang, series=series, year=f["year"], previous_year=f["year"] - 1,
                    start_year=start.year, latest=latest)
    cagr = ""
    if "cagr" in f:
        base, _last, value, ratio = f["cagr"]
        cagr = text("growth.cagr", lang, base=base, cagr=fmt_percent(value, lang, signed=True), rate=rate,
                    ratio=fmt_number(ratio, lang, 2))
    if f.get("current"):
        why_key = f"growth.why.{o.status}"
        why = text(why_key, lang, share=fmt_percent(at_risk_share, lang, decimals=None)) if why_key in T else ""
        p = f.get("projection") or {"basis": "pace", "trend": None}
        key = "growth.projection.current" if p["trend"] is None else f"growth.projection.{p['basis']}"
        trend = "" if p["trend"] is None else fmt_percent(p["trend"], lang, signed=True)
        if o.likely is not None:
            projection = text(key, lang, rate=rate, year=f["year"], trend=trend, likely=_likely(o.likely, lang))
        else:       # the projection would argue with the status (rules.agreeing_projection): the trend alone
            projection = text(f"growth.trend.{p['basis']}", lang, trend=trend) if p["trend"] is not None else ""
        return text("growth.current", lang, series=series, months=_months(*f["months"], lang), year=f["year"],
                    growth=fmt_percent(o.actual, lang, signed=True), previous_year=f["year"] - 1, rate=rate,
                    status=status_phrase(o.status, lang), why=why, projection=projection + cagr)
    projection = ""
    if o.likely is not None:
        projection = text("growth.projection.trend", lang, trend=fmt_percent(f["trend"], lang, signed=True), rate=rate,
                          year=f["year"], likely=_likely(o.likely, lang))
    no_months = text("growth.no_months", lang, year=f["year"])
    return text("growth.closed", lang, series=series, year=f["closed_year"], value=fmt_money(f["value"], currency, lang),
                growth=fmt_percent(o.actual, lang, signed=True), previous_year=f["closed_year"] - 1, rate=rate,
                status=status_phrase(o.status, lang), no_months=no_months, cagr=cagr, projection=projection)


def headline(o: Outcome, kind: str, lang: str, status_word: str) -> str:
    """A short label for a card: the status word and the key numbers."""
    f = o.facts
    if o.status in ("no_data", "not_started") and kind != "milestone":
        return status_word
    if kind == "annual_count":
        short = text("headline.count", lang, actual=fmt_count(o.actual or 0, lang),
                     target=fmt_count(o.target_value, lang), period=o.period)
    elif kind == "window_count":
        short = text("headline.window", lang, actual=fmt_count(o.actual or 0, lang),
                     target=fmt_count(o.target_value, lang), end=fmt_date(f["end"], lang))
    elif kind == "growth":
        short = text("headline.growth", lang, actual=fmt_percent(o.actual, lang, signed=True),
                     target=fmt_percent(o.target_value, lang, decimals=None))
    elif o.achieved_on:
        short = text("headline.achieved", lang, date=fmt_date(o.achieved_on, lang))
    elif f.get("deadline"):
        short = text("headline.deadline", lang, date=fmt_date(f["deadline"], lang))
    else:
        return status_word
    return f"{status_word} · {short}"


def stale_clause(sentence: str, through: str, due: date, lang: str) -> str:
    """A reason computed on stale figures says so: how far they run and by when newer ones were due."""
    return extend(sentence, text("stale", lang, through=through, due=fmt_date(due, lang)))
