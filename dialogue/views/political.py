"""What the Political & People page shows: milestones with their evidence, diplomat training."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dialogue import db
from dialogue.freshness import figures_to
from dialogue.i18n import fmt_date, t
from dialogue.periods import mark_years, partial_label, to_date_notes
from dialogue.views.common import (
    _known,
    events_done_per_year,
    scorecard,
    status_frame,
    target,
    targets_book,
)
from dialogue.vocab import status_badge


@dataclass
class Milestone:
    target: str
    badge: str
    wording: str
    headline: str
    reason: str
    deadline: str
    evidence: pd.DataFrame          # date, title, source
    notes: str = ""
    freshness: str = ""             # "figures to 3 Dec 2026" (dialogue.freshness)


@dataclass
class PoliticalView:
    milestones: list[Milestone]
    training_required: float
    training: pd.DataFrame          # year, count, period, period_note
    training_status: pd.DataFrame
    available: bool = True
    training_note: str = ""         # which year is counted only to the as-of date


def evidence(con, as_of: date, known_at, lang: str) -> pd.DataFrame:
    """Events and agreements tagged with a target id: target_id, date, title, source."""
    known = _known(known_at)
    ev = db.query(con, "events_listed", as_of=as_of, known_at=known)
    ag = db.query(con, "agreements_listed", as_of=as_of, known_at=known)
    rows = pd.concat([
        pd.DataFrame({"target_id": ev["target_id"], "date": ev["date"], "title": ev["title"], "source": ev["source"]}),
        pd.DataFrame({"target_id": ag["target_id"], "date": ag["date_signed"], "title": ag["title"], "source": ag["source"]}),
    ], ignore_index=True)
    rows = rows[rows["target_id"].notna()].sort_values("date")
    rows["date"] = [fmt_date(d, lang) for d in rows["date"]]
    rows["source"] = rows["source"].fillna("")
    return rows.reset_index(drop=True)


def political(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
              card=None) -> PoliticalView:
    known = _known(known_at)
    book = targets_book(con, known_at)
    card = scorecard(con, as_of, known_at, lang, card=card)
    proofs = evidence(con, as_of, known_at, lang)
    milestones = []
    if card is not None:
        for s in card.statuses:
            if s.area in ("political", "people") and s.kind == "milestone":
                tg = target(book, s.target)
                milestones.append(Milestone(
                    s.target, status_badge(s.status, lang), s.wording, s.headline, s.reason,
                    fmt_date(s.deadline, lang) if s.deadline else "",
                    proofs[proofs["target_id"] == s.target][["date", "title", "source"]].reset_index(drop=True),
                    tg.notes.get(lang, "") if tg and tg.notes else "", figures_to(s, lang)))
    tr = target(book, "diplomat-training")
    p = tr.params if tr else {"required": 3, "bind": {"kinds": ["diplomat_training"], "sum_quantity": True}}
    done = events_done_per_year(con, as_of, known, {"sum_quantity": True, **p["bind"]})
    years = sorted(y for y in done if y <= as_of.year)
    training = pd.DataFrame({"year": pd.Series(years, dtype="int64"),
                             "count": pd.Series([done[y] for y in years], dtype="float64")})
    training = mark_years(training, to_date_notes(years, as_of, lang))
    partial = partial_label(training)
    status = status_frame([s for s in card.statuses if s.target == "diplomat-training"], lang) if card else pd.DataFrame()
    return PoliticalView(milestones, float(p.get("required", 3)), training.reset_index(drop=True), status,
                         card is not None, t("year_partial_note", lang, period=partial) if partial else "")


