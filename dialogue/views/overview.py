"""What the Overview page shows: status tiles and their change since the last quarter end, what worsened, what is
due, then every target by area with its progress, quarterly history and data-through date."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dialogue import db, outlook, status_history
from dialogue.i18n import fmt_date, t
from dialogue.safe_text import plain
from dialogue.views.common import (
    AREA_ORDER,
    AREA_PAGES,
    AREA_RECORDS_SHOWN,
    UNMEASURED_AREAS,
    _known,
    scorecard,
    start_date,
    status_frame,
    targets_book,
    with_links,
)
from dialogue.vocab import STATUS_RANK, change_direction, status_badge


@dataclass
class AreaBlock:
    area: str
    title: str
    page: str | None
    targets: pd.DataFrame            # badge, wording, headline, reason (may be empty)
    records: pd.DataFrame | None     # for areas without measurable targets: date, kind, title, source
    records_total: int = 0           # how many are recorded: `records` holds the latest AREA_RECORDS_SHOWN


@dataclass
class Overview:
    as_of: date
    available: bool                  # False while the status engine is missing
    start_text: str
    counts: pd.DataFrame             # status, badge, n, since, delta (every status, in rank order)
    areas: list[AreaBlock]
    moves: pd.DataFrame              # target, before, now, direction (every move since the quarter end)
    since: date
    counts_line: str = ""            # "✅ Achieved 10 · 🟢 On track 10 · …"
    worsened: list[str] = field(default_factory=list)   # the (at most three) worst moves, one Markdown-safe line each
    due: list[str] = field(default_factory=list)        # what falls due within summary.DUE_DAYS days, soonest first


def previous_quarter_end(as_of: date) -> date:
    """The last day of the quarter before the one holding as_of."""
    from dialogue.summary import previous_quarter_end as quarter_before

    return quarter_before(as_of)


def area_records(con, as_of: date, known_at, areas, lang: str) -> pd.DataFrame:
    """Agreements and events recorded for the given areas, newest first."""
    known = _known(known_at)
    ag = db.query(con, "agreements_listed", as_of=as_of, known_at=known)
    ev = db.query(con, "events_listed", as_of=as_of, known_at=known)
    ag = ag[ag["area"].isin(areas)]
    ev = ev[ev["area"].isin(areas)]
    rows = pd.concat([
        pd.DataFrame({"area": ag["area"], "date": ag["date_signed"], "kind": t("ds_agreements", lang),
                      "title": ag["title"], "source": ag["source"]}),
        pd.DataFrame({"area": ev["area"], "date": ev["date"], "kind": t("ds_events", lang),
                      "title": ev["title"], "source": ev["source"]}),
    ], ignore_index=True)
    if rows.empty:
        return rows
    rows = rows.sort_values("date", ascending=False)
    rows["date"] = [fmt_date(d, lang) for d in rows["date"]]
    return with_links(rows.reset_index(drop=True))


def _target_rows(card, marks, lang: str) -> pd.DataFrame:
    """One compact row per target: badge, wording with its figure, reason, progress bar, quarterly strip, data through."""
    frame = status_frame(card.statuses if card else [], lang)
    # the figure follows the target's wording ("… signed — 10 Jun 2026"); one that only repeats the status word goes
    frame = frame.assign(wording=[f"{w} — {f}" if f else w for w, f in
                                  zip(frame["wording"], [figure_only(s, h, lang) for s, h in
                                                         zip(frame["status"], frame["headline"])])])
    statuses = card.statuses if card else []
    return frame.assign(
        progress=[outlook.bar(s.progress, lang) for s in statuses],
        history=[status_history.strip(marks.get(s.target, [])) for s in statuses],
    )


def _moves(summary_, lang: str) -> pd.DataFrame:
    rows = []
    for s in summary_.card.statuses:
        old = summary_.then.get(s.target)
        direction = change_direction(old.status, s.status) if old else "unchanged"
        if direction != "unchanged":
            rows.append({"target": s.wording, "before": status_badge(old.status, lang),
                         "now": status_badge(s.status, lang), "direction": t(f"moves_{direction}", lang)})
    return pd.DataFrame(rows, columns=["target", "before", "now", "direction"])


def overview(con, as_of: date, known_at: datetime | None = None, lang: str = "en", card=None) -> Overview:
    """Status tiles with their change since the last quarter end, what worsened, what falls due, then every target
    by area with its progress, quarterly history and data-through date."""
    from dialogue import summary

    book = targets_book(con, known_at)
    card = scorecard(con, as_of, known_at, lang, card=card)
    since = previous_quarter_end(as_of)
    result = summary.build(con, as_of, known_at, lang, book=book, card=card) if card else None
    counts = pd.DataFrame({
        "status": list(STATUS_RANK),
        "badge": [status_badge(s, lang) for s in STATUS_RANK],
        "n": [result.counts[s] if result else 0 for s in STATUS_RANK],
        "since": [result.counts_since.get(s, 0) if result else 0 for s in STATUS_RANK],
    })
    counts["delta"] = counts["n"] - counts["since"]
    frame = _target_rows(card, result.history if result else {}, lang)
    records = area_records(con, as_of, known_at, UNMEASURED_AREAS, lang)
    blocks = []
    for area in AREA_ORDER:
        rows = frame[frame["area"] == area][["badge", "wording", "progress", "history", "data_through", "reason"]]
        recs, total = None, 0
        if area in UNMEASURED_AREAS:
            recs = records[records["area"] == area].drop(columns="area") if not records.empty else records
            total = len(recs)
            recs = recs.head(AREA_RECORDS_SHOWN).reset_index(drop=True)    # newest first
        blocks.append(AreaBlock(area, t(f"area_{area}", lang), AREA_PAGES[area], rows.reset_index(drop=True),
                                recs, total))
    worsened = [f"**{plain(m['wording'])}**: {status_badge(m['from'], lang)} → {status_badge(m['to'], lang)}. "
                f"{plain(m['reason'])}" for m in (result.worsened if result else [])[:summary.WORSENED_SHOWN]]
    due = [due_line(d, lang) for d in (result.due if result else [])]
    start = start_date(book, card)
    recorded = bool(card and card.start_recorded)
    start_text = t("start_recorded" if recorded else "start_planned", lang, date=fmt_date(start, lang))
    counts_line = " · ".join(f"{b} **{n}**" for b, n in zip(counts["badge"], counts["n"]))
    moves = _moves(result, lang) if result else pd.DataFrame(columns=["target", "before", "now", "direction"])
    return Overview(as_of, card is not None, start_text, counts, blocks, moves, since, counts_line, worsened, due)


def due_line(d: dict, lang: str) -> str:
    """'**31 Dec 2026** · wording (kind): what it would take', Markdown-safe."""
    # the end of a counting period needs no label: the date and the wording say it
    kind = "" if d["kind"] == "period_end" else " (" + t("due_" + d["kind"], lang) + ")"
    line = f"**{fmt_date(d['date'], lang)}** · {plain(d['what'])}{kind}"
    needed = d["needed"] or ""
    if needed[1:2].islower():            # a sentence continues after the colon ("2 more", "Još 2" → "još 2")
        needed = needed[0].lower() + needed[1:]
    return line + (f": {plain(needed)}" if needed else "")


def figure_only(status: str, headline: str, lang: str) -> str:
    """The headline figure without the status word the badge beside it already says ("" if nothing is left)."""
    from dialogue.vocab import status_word

    word = status_word(status, lang)
    figure = (headline or "").strip()
    if figure.startswith(word + " · "):
        return figure[len(word) + 3:]
    return "" if figure == word else figure


