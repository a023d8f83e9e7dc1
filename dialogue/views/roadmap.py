"""What the Road map page shows: the Gantt of planned against achieved steps, cadence of reports."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dialogue.freshness import figures_short
from dialogue.i18n import fmt_date, fmt_number, t
from dialogue.periods import mark_years, partial_label, to_date_notes
from dialogue.views.common import (
    ROMAN,
    _known,
    events_done_per_year,
    scorecard,
    start_date,
    target,
    targets_book,
)
from dialogue.vocab import status_badge


@dataclass
class RoadmapView:
    steps: pd.DataFrame             # step, planned, end, state, state_code, days_late, when (for the Gantt)
    table: pd.DataFrame             # badge, step, planned, achieved, days late, reason
    cadence: pd.DataFrame           # year, step, step_code, count, required, period, period_note
    available: bool = True
    cadence_note: str = ""          # which year is counted only to the as-of date


def roadmap(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
            card=None) -> RoadmapView:
    known = _known(known_at)
    book = targets_book(con, known_at)
    card = scorecard(con, as_of, known_at, lang, card=card)
    statuses = {s.target: s for s in card.statuses} if card else {}
    steps, table, cadence = [], [], []
    for n in range(1, 11):
        tid = f"roadmap-{n}"
        tg = target(book, tid)
        s = statuses.get(tid)
        wording = (s.wording if s else (tg.text(lang) if tg else tid))
        full = wording if wording.split(" ")[0] in ("Step", "Korak", "Корак") else f"{ROMAN[n - 1]}. {wording}"
        label = wrap(full)
        if tg is not None and tg.kind == "milestone" and tg.deadline:
            achieved = s.achieved_on if s else None
            end = achieved or as_of
            late = (end - tg.deadline).days
            steps.append({"step": label, "planned": tg.deadline, **gantt_state(tg.deadline, achieved, as_of, lang)})
            table.append({t("col_status", lang): status_badge(s.status, lang) if s else "",
                          t("axis_step", lang): full,
                          t("col_planned", lang): fmt_date(tg.deadline, lang),
                          t("col_achieved", lang): fmt_date(achieved, lang) if achieved else "",
                          t("col_days_late", lang): fmt_number(max(late, 0), lang) if late > 0 else "",
                          t("col_reason", lang): s.reason if s else "",
                          t("col_data_through", lang): figures_short(s, lang) if s else ""})
        elif tg is not None and tg.kind == "annual_count":
            parts = tg.params.get("parts") or [{"name": "", "required": tg.params.get("required", 1),
                                                "bind": tg.params.get("bind", {})}]
            first = int(tg.params.get("first_year", start_date(book, card).year))
            # a step counted from a later year (Step VI: 2027) says so in its label and has no target before it,
            # so the chart never shows a year "reaching the target" that the status does not count
            counted = f", {t('rm_counted_from', lang, year=first)}" if "first_year" in tg.params else ""
            for part in parts:
                bind = part.get("bind", {})
                done = events_done_per_year(con, as_of, known, bind, part.get("query", tg.query))
                unit = _unit(part, lang) if part.get("name") else _unit(tg.params, lang)
                name = f"{ROMAN[n - 1]} ({unit}{counted})"
                code = tid + (f":{part['name']}" if part.get("name") else "")
                for year in range(min(first, as_of.year), as_of.year + 1):
                    held = done.get(year, 0.0)
                    required = float(part.get("required", 1)) if year >= first else None
                    cadence.append({"year": year, "step": name, "step_code": code, "count": held,
                                    "required": required})
            table.append({t("col_status", lang): status_badge(s.status, lang) if s else "",
                          t("axis_step", lang): full, t("col_planned", lang): "", t("col_achieved", lang): "",
                          t("col_days_late", lang): "", t("col_reason", lang): s.reason if s else "",
                          t("col_data_through", lang): figures_short(s, lang) if s else ""})
    cadence = pd.DataFrame(cadence, columns=["year", "step", "step_code", "count", "required"])
    cadence = mark_years(cadence, to_date_notes(cadence["year"], as_of, lang))
    partial = partial_label(cadence)
    return RoadmapView(pd.DataFrame(steps, columns=["step", "planned", "end", "state", "state_code", "days_late",
                                                    "when"]),
                       pd.DataFrame(table), cadence, card is not None,
                       t("year_partial_note", lang, period=partial) if partial else "")


def gantt_state(deadline: date, achieved: date | None, as_of: date, lang: str) -> dict:
    """A step's bar on the Gantt: achieved (deadline to the achieved date), missed (deadline passed, to the as-of
    date) or due (as-of date to the deadline), with the tooltip's sentence and the days late."""
    if achieved is not None:
        late = (achieved - deadline).days
        when = (t("gantt_when_achieved_late", lang, date=fmt_date(achieved, lang), n=fmt_number(late, lang))
                if late > 0 else t("gantt_when_achieved", lang, date=fmt_date(achieved, lang)))
        return {"end": achieved, "state": t("legend_achieved", lang), "state_code": "achieved",
                "days_late": max(late, 0), "when": when}
    if deadline < as_of:
        late = (as_of - deadline).days
        return {"end": as_of, "state": t("gantt_missed", lang), "state_code": "missed", "days_late": late,
                "when": t("gantt_when_missed", lang, date=fmt_date(deadline, lang), n=fmt_number(late, lang))}
    return {"end": as_of, "state": t("gantt_due", lang), "state_code": "due", "days_late": 0,
            "when": t("gantt_when_due", lang, date=fmt_date(deadline, lang))}


def wrap(text: str, width: int = 44, lines: int = 3) -> str:
    """A long chart label as up to `lines` lines of about `width` characters, joined by "|" (the Gantt
    axis splits there), the last line shortened with "…" only when even that is not enough."""
    import textwrap

    parts = textwrap.wrap(text, width) or [text]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "|".join(parts)


def _unit(params: dict, lang: str) -> str:
    unit = params.get("unit") or {}
    key = "en" if lang == "en" else "sr-Latn"
    value = unit.get(key) if isinstance(unit, dict) else None
    if isinstance(value, list):
        value = value[-1]
    if not value:
        return params.get("name", "")
    from dialogue.i18n import cyrillic

    return cyrillic(value) if lang == "sr-Cyrl" else value


