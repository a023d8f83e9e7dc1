"""The answer on one screen: counts by status and their change since the last quarter end, what worsened, what falls
due, and per target its progress, freshness, what it would take and its quarterly history. One builder serves the
Overview, the PDF's first page, the public report and `python -m dialogue summary`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dialogue import status_history
from dialogue.status import Scorecard, compute_all
from dialogue.targets import TargetBook, load_targets
from dialogue.vocab import MEASURED_ORDER, STATUSES, change_direction

DUE_DAYS = 90
WORSENED_SHOWN = 3


@dataclass
class Summary:
    as_of: date
    since: date
    card: Scorecard
    counts: dict[str, int]
    counts_since: dict[str, int]
    worsened: list[dict]
    improved: list[dict]
    due: list[dict]
    history: dict[str, list[status_history.Mark]] = field(default_factory=dict)
    then: dict[str, status_history.Mark] = field(default_factory=dict)   # each target's mark at `since`

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "since": self.since.isoformat(),
            "counts": dict(self.counts),
            "counts_since": dict(self.counts_since),
            "worsened": [_move_json(m) for m in self.worsened],
            "improved": [_move_json(m) for m in self.improved],
            "due": [{"what": d["what"], "date": d["date"].isoformat(), "kind": d["kind"]} for d in self.due],
            "targets": [{
                "target": s.target, "status": s.status,
                "progress": None if s.progress is None else round(s.progress, 4),
                "data_through": _iso(getattr(s, "data_through", None)),
                "needed": s.needed,
                "history": [{"quarter": m.quarter, "status": m.status} for m in self.history.get(s.target, [])],
            } for s in self.card.statuses],
        }


def _iso(d):
    return d.isoformat() if isinstance(d, (date, datetime)) else d


def _move_json(m: dict) -> dict:
    return {"target": m["target"], "from": m["from"], "to": m["to"], "reason": m["reason"]}


def previous_quarter_end(as_of: date) -> date:
    """The last day of the quarter before the one holding as_of."""
    return date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1) - timedelta(days=1)


def _counts(statuses) -> dict[str, int]:
    return {s: sum(1 for x in statuses if x == s) for s in STATUSES}


def due_items(card: Scorecard, as_of: date, days: int = DUE_DAYS) -> list[dict]:
    """What falls due within `days` after as_of: milestone and road-map deadlines not yet achieved, and the end of
    a counting period whose target is not yet met; soonest first."""
    horizon = as_of + timedelta(days=days)
    out = []
    for s in card.statuses:
        if s.status in ("achieved", "missed", "no_data") or (s.status == "not_started" and s.kind != "milestone"):
            continue
        when, kind = None, None
        if s.kind == "milestone" and s.deadline:
            when, kind = s.deadline, "roadmap" if s.target.startswith("roadmap-") else "deadline"
        elif s.kind == "annual_count":
            when, kind = date(as_of.year, 12, 31), "period_end"
        elif s.kind == "window_count" and s.details.get("need"):
            when, kind = s.details["need"].get("by"), "period_end"
        elif s.kind == "growth":
            when, kind = date(as_of.year, 12, 31), "period_end"
        if when and as_of <= when <= horizon:
            out.append({"what": s.wording, "target": s.target, "date": when, "kind": kind, "status": s.status,
                        "needed": s.needed})
    return sorted(out, key=lambda d: (d["date"], d["target"]))


def build(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
          book: TargetBook | None = None, card: Scorecard | None = None, with_history: bool = True) -> Summary:
    """The summary as of `as_of`, from the data known at `known_at` (default: everything committed)."""
    book = book or load_targets()
    card = card or compute_all(con, as_of, known_at, lang, book=book)
    since = previous_quarter_end(as_of)
    marks = status_history.history(con, as_of, known_at, lang, book=book, start=card.start_date) if with_history else {}
    then = {t: ms[-1] for t, ms in marks.items() if ms and ms[-1].end == since}
    if not then:             # the start is after the last quarter end (or no history asked): as said then
        before = compute_all(con, since, min(status_history.end_of_day(since), known_at or datetime.max), lang,
                             book=book)
        then = {s.target: status_history.Mark(status_history.quarter_label(since), since, s.status, s.reason)
                for s in before.statuses}
    worsened, improved = [], []
    for s in card.statuses:
        old = then.get(s.target)
        if old is None or old.status == s.status:
            continue
        move = {"target": s.target, "wording": s.wording, "from": old.status, "to": s.status, "reason": s.reason}
        direction = change_direction(old.status, s.status)
        if direction == "worsened":
            worsened.append(move)
        elif direction == "improved":
            improved.append(move)
    worsened.sort(key=lambda m: (-MEASURED_ORDER.index(m["to"]), m["target"]))   # the worst news first
    return Summary(as_of, since, card, _counts([s.status for s in card.statuses]),
                   _counts([then[s.target].status for s in card.statuses if s.target in then]),
                   worsened, improved, due_items(card, as_of), marks, then)
