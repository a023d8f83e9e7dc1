"""Helpers every view shares: the targets book, the scorecard, the as-known-at moment, status frames."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

import pandas as pd

from dialogue import db
from dialogue.datasets import PROCESS_AREA
from dialogue.i18n import fmt_date, t
from dialogue.vocab import status_badge

# Which page holds each area's charts (None: the overview lists its records).
AREA_PAGES = {
    "economic": "trade", "security": "security", "political": "political", "people": "political",
    "process": "roadmap", "regional": None, "energy": None, "european": None,
}
AREA_ORDER = ("economic", "security", "regional", "energy", "european", "political", "people", PROCESS_AREA)
UNMEASURED_AREAS = ("regional", "energy", "european")
# The overview lists the latest records of an unmeasured area and the security page draws the latest
# exercises: a loaded history of thousands would be sent to the browser on every rerun (the Data page
# browses and downloads them all).
AREA_RECORDS_SHOWN = 50
TIMELINE_SHOWN = 200
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# ------------------------------------------------------------------ shared helpers

def _known(known_at: datetime | None) -> datetime:
    """The "as known at" moment the queries take: now (every committed upload) unless given."""
    return known_at or db.utcnow() + timedelta(days=1)


def targets_book(con=None, known_at: datetime | None = None):
    """The targets as known at `known_at` (the file itself when no moment is given), or None while the status part
    is not installed."""
    try:
        from dialogue.target_versions import book_known_at
    except ImportError:
        return None
    return book_known_at(con, known_at if con is not None else None)


def events_done_per_year(con, as_of: date, known: datetime, bind: dict,
                         query: str = "events_per_kind_year") -> dict[int, float]:
    """Events (or completed actions, query actions_done_per_year) of the bound kinds done each year, counted
    exactly as the status engine counts them."""
    from dialogue.status import event_counts

    frame = db.query(con, query, as_of=as_of, known_at=known)
    counts, _has_data = event_counts(frame, {"kinds": bind.get("kinds", []), "sum_quantity": bind.get("sum_quantity")})
    return {year: done for year, (done, _scheduled) in counts.items()}


def target(book, target_id: str):
    if book is None:
        return None
    try:
        return book.get(target_id)
    except KeyError:
        return None


def scorecard(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
              trade_series: str | None = None, card=None):
    """Every target's status (dialogue.status.compute_all), or None while the status engine is missing.

    `card`, when given, is that scorecard already computed for the same moment and language (a report
    passes its own, so one briefing computes it once) and is returned as it is.
    """
    if card is not None:
        return card
    try:
        from dialogue.status import compute_all
    except ImportError:
        return None
    return compute_all(con, as_of, known_at, lang=lang, trade_series=trade_series)


def start_date(book, card) -> date:
    """The dialogue's start: recorded (from the scorecard) or planned (from the targets file)."""
    if card is not None:
        return card.start_date
    if book is not None:
        return book.settings["planned_start"]
    return date(2026, 1, 1)


def millions(unit_currency: str, lang: str) -> str:
    return t("unit_million", lang, cur=unit_currency)


def status_frame(statuses, lang: str) -> pd.DataFrame:
    """One row per target status: badge (icon + word), wording, headline, reason, how fresh its figures are."""
    from dialogue.freshness import figures_short

    rows = [{
        "target": s.target, "area": s.area, "status": s.status,
        "badge": status_badge(s.status, lang), "wording": s.wording,
        "headline": s.headline, "reason": s.reason,
        "deadline": fmt_date(s.deadline, lang) if s.deadline else "",
        "data_through": figures_short(s, lang),
    } for s in statuses]
    return pd.DataFrame(rows, columns=["target", "area", "status", "badge", "wording", "headline",
                                       "reason", "deadline", "data_through"])


_URL = re.compile(r"https?://\S+")


def split_source(source) -> tuple[str, str | None]:
    """A source cell as (text that is not a link, the first URL or None): only a URL is shown as a link."""
    text = "" if source is None or (isinstance(source, float) and math.isnan(source)) or source is pd.NA else str(source)
    found = _URL.search(text)
    if not found:
        return text.strip(), None
    rest = (text[:found.start()] + text[found.end():]).strip(" ;,·\n\t")
    return rest, found.group(0).rstrip(".,;)")


def with_links(frame: pd.DataFrame, column: str = "source", link: str = "link") -> pd.DataFrame:
    """The frame with `column` holding only non-link text and a `link` column holding its first URL."""
    parts = [split_source(v) for v in frame[column]] if len(frame) else []
    return frame.assign(**{column: [p[0] for p in parts], link: [p[1] for p in parts]})
