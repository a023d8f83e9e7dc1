"""What the Overview page shows: counts by status, targets by area, moves since the last quarter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from dialogue import db
from dialogue.i18n import fmt_date, t
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
    counts: pd.DataFrame             # status, badge, n (every status, in rank order)
    areas: list[AreaBlock]
    moves: pd.DataFrame              # target, before, now, direction
    since: date
    counts_line: str = ""            # "✅ Achieved 10 · 🟢 On track 10 · …" (one short line instead of seven metrics)


def previous_quarter_end(as_of: date) -> date:
    """The last day of the quarter before the one holding as_of."""
    first_of_quarter = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    return first_of_quarter - timedelta(days=1)


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


def overview(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> Overview:
    """Counts by status, targets by area, status moves since the previous quarter, unmeasured areas."""
    book = targets_book()
    card = scorecard(con, as_of, known_at, lang)
    since = previous_quarter_end(as_of)
    statuses = card.statuses if card else []
    frame = status_frame(statuses, lang)
    counts = pd.DataFrame({
        "status": list(STATUS_RANK),
        "badge": [status_badge(s, lang) for s in STATUS_RANK],
        "n": [int((frame["status"] == s).sum()) for s in STATUS_RANK],
    })
    records = area_records(con, as_of, known_at, UNMEASURED_AREAS, lang)
    blocks = []
    # one compact row per target: the figure follows the target's wording ("… signed — 10 Jun 2026") and a
    # figure that only repeats the status word is dropped, so the first area fits one screen
    frame = frame.assign(wording=[f"{w} — {f}" if f else w for w, f in
                                  zip(frame["wording"], [figure_only(s, h, lang) for s, h in
                                                         zip(frame["status"], frame["headline"])])])
    for area in AREA_ORDER:
        rows = frame[frame["area"] == area][["badge", "wording", "reason"]].reset_index(drop=True)
        recs, total = None, 0
        if area in UNMEASURED_AREAS:
            recs = records[records["area"] == area].drop(columns="area") if not records.empty else records
            total = len(recs)
            recs = recs.head(AREA_RECORDS_SHOWN).reset_index(drop=True)    # newest first
        blocks.append(AreaBlock(area, t(f"area_{area}", lang), AREA_PAGES[area], rows, recs, total))
    moves = pd.DataFrame(columns=["target", "before", "now", "direction"])
    if card is not None:
        before = scorecard(con, since, known_at, lang)
        old = {s.target: s.status for s in before.statuses} if before else {}
        out = []
        for s in statuses:
            was = old.get(s.target)
            if was is not None and was != s.status:
                out.append({"target": s.wording, "before": status_badge(was, lang),
                            "now": status_badge(s.status, lang),
                            "direction": t(f"moves_{change_direction(was, s.status)}", lang)})
        if out:
            moves = pd.DataFrame(out)
    start = start_date(book, card)
    recorded = bool(card and card.start_recorded)
    start_text = t("start_recorded" if recorded else "start_planned", lang, date=fmt_date(start, lang))
    counts_line = " · ".join(f"{b} **{n}**" for b, n in zip(counts["badge"], counts["n"]))
    return Overview(as_of, card is not None, start_text, counts, blocks, moves, since, counts_line)


def figure_only(status: str, headline: str, lang: str) -> str:
    """The headline figure without the status word the badge beside it already says ("" if nothing is left)."""
    from dialogue.vocab import status_word

    word = status_word(status, lang)
    figure = (headline or "").strip()
    if figure.startswith(word + " · "):
        return figure[len(word) + 3:]
    return "" if figure == word else figure


