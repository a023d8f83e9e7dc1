"""What each dashboard page shows, as plain data: pages draw, this module shapes (SQL stays in queries/)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from dialogue import db
from dialogue.datasets import AREAS, PROCESS_AREA
from dialogue.i18n import fmt_date, fmt_number, label, t
from dialogue.vocab import STATUS_RANK, status_badge

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


def targets_book():
    """The targets file, or None while the status part is not installed."""
    try:
        from dialogue.targets import load_targets
    except ImportError:
        return None
    return load_targets()


def events_done_per_year(con, as_of: date, known: datetime, bind: dict) -> dict[int, float]:
    """Events of the bound kinds done each year, counted exactly as the status engine counts them."""
    from dialogue.status import event_counts

    frame = db.query(con, "events_per_kind_year", as_of=as_of, known_at=known)
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
              trade_series: str | None = None):
    """Every target's status (dialogue.status.compute_all), or None while the status engine is missing."""
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
    """One row per target status: badge (icon + word), wording, headline, reason."""
    rows = [{
        "target": s.target, "area": s.area, "status": s.status,
        "badge": status_badge(s.status, lang), "wording": s.wording,
        "headline": s.headline, "reason": s.reason,
        "deadline": fmt_date(s.deadline, lang) if s.deadline else "",
    } for s in statuses]
    return pd.DataFrame(rows, columns=["target", "area", "status", "badge", "wording", "headline",
                                       "reason", "deadline"])


# ------------------------------------------------------------------ overview

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
                better = STATUS_RANK[s.status] < STATUS_RANK[was]
                out.append({"target": s.wording, "before": status_badge(was, lang),
                            "now": status_badge(s.status, lang),
                            "direction": t("moves_better" if better else "moves_worse", lang)})
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


# ------------------------------------------------------------------ trade

@dataclass
class TradeView:
    series: list[str]                 # "reporter · currency" labels, default first
    selected: str | None
    reporter: str | None
    currency: str | None
    unit: str
    rate: float
    base_year: int | None
    status: pd.DataFrame              # the trade-growth target's status row (may be empty)
    turnover: pd.DataFrame            # year, value, target
    growth: pd.DataFrame              # year, growth
    ytd: pd.DataFrame                 # period, value, target
    ytd_year: int | None
    flows: pd.DataFrame               # year, flow, kind, value
    mirror: pd.DataFrame              # year, reporter, value
    mirror_gaps: pd.DataFrame         # year, top, gap
    mirror_flow: str
    products: pd.DataFrame            # product, value
    products_year: int | None
    sources: pd.DataFrame             # year, flow, value, source (the rows behind the series)
    mirror_currency: str = ""         # the mirror's one currency (may differ from the selected series')
    mirror_unit: str = ""
    mirror_note: str = ""             # which reporters are paired, and which figures are others' conversions
    turnover_note: str = ""           # why the year in progress has no bar
    turnover_partial: int | None = None   # the as-of year when it has no full-year figure yet


def series_label(reporter: str, currency: str) -> str:
    return f"{reporter} · {currency}"


def _side(reporter: str) -> str:
    """Whose statistics: 'us' for US reporters, 'serbia' for Serbian ones (and others, by default)."""
    return "us" if reporter.strip().upper().startswith("US") else "serbia"


def trade(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
          selected: str | None = None) -> TradeView:
    """The trade page: turnover against the +rate path, growth, year to date, flows, mirror, products."""
    known = _known(known_at)
    book = targets_book()
    tg = target(book, "trade-growth")
    params = tg.params if tg else {}
    rate = float(params.get("rate", 0.10))
    series = db.query(con, "trade_series", known_at=known)
    labels = [series_label(r, c) for r, c in zip(series["reporter"], series["currency"])]
    default = series_label(params.get("reporter", "US Census"), params.get("currency", "USD"))
    if default in labels:
        labels.remove(default)
        labels.insert(0, default)
    if selected not in labels:
        selected = labels[0] if labels else None
    empty = pd.DataFrame()
    view = TradeView(labels, selected, None, None, "", rate, None, empty,
                     pd.DataFrame(columns=["year", "value", "target"]), pd.DataFrame(columns=["year", "growth"]),
                     pd.DataFrame(columns=["period", "value", "target"]), None,
                     pd.DataFrame(columns=["year", "flow", "kind", "value"]),
                     pd.DataFrame(columns=["year", "reporter", "value"]),
                     pd.DataFrame(columns=["year", "top", "gap"]), "", pd.DataFrame(columns=["product", "value"]),
                     None, pd.DataFrame())
    if selected is None:
        return view
    reporter, currency = selected.rsplit(" · ", 1)
    view.reporter, view.currency = reporter, currency
    view.unit = millions(currency, lang)
    card = scorecard(con, as_of, known_at, lang, trade_series=f"{reporter} ({currency})")
    if card is not None:
        view.status = status_frame([s for s in card.statuses if s.target == "trade-growth"], lang)
    by_period = db.query(con, "trade_series_by_period", as_of=as_of, known_at=known,
                         reporter=reporter, currency=currency)
    annual = _annual_turnover(by_period)
    start = start_date(book, card)
    view.base_year = start.year - 1
    if not annual.empty:
        base = _base_year(annual, view.base_year)
        base_value = float(annual.loc[annual["year"] == base, "value"].iloc[0])
        # the path runs to the as-of year; a year without a full-year figure is labelled "in progress"
        # on the axis and explained in the note (its months so far are on the year-to-date chart)
        full = int(annual["year"].max())
        last = max(full, as_of.year)
        if as_of.year > full:
            view.turnover_partial = as_of.year
            view.turnover_note = t("turnover_partial_note", lang, year=as_of.year, last=full)
        path = pd.DataFrame({"year": range(base, last + 1)})
        path["target"] = [base_value * (1 + rate) ** (y - base) for y in path["year"]]
        view.base_year = base
        turnover = path.merge(annual, on="year", how="outer").sort_values("year")
        view.turnover = turnover.assign(value=turnover["value"] / 1e6,
                                        target=turnover["target"] / 1e6)[["year", "value", "target"]]
        growth = annual.sort_values("year").assign(prev=lambda d: d["value"].shift(1),
                                                   prev_year=lambda d: d["year"].shift(1))
        growth = growth[(growth["prev_year"] == growth["year"] - 1) & (growth["prev"] > 0)]
        view.growth = pd.DataFrame({"year": growth["year"].astype(int),
                                    "growth": growth["value"] / growth["prev"] - 1}).reset_index(drop=True)
    view.ytd, view.ytd_year = _ytd(by_period, as_of, rate, lang)
    flows = db.query(con, "trade_annual_flows", as_of=as_of, known_at=known)
    view.flows = _flows(flows, reporter, currency, lang)
    view.mirror, view.mirror_gaps, view.mirror_flow, view.mirror_currency, view.mirror_note = \
        _mirror(flows, reporter, currency, lang)
    view.mirror_unit = millions(view.mirror_currency, lang)
    prods = db.query(con, "trade_by_product", as_of=as_of, known_at=known, reporter=reporter, currency=currency)
    if not prods.empty:
        year = int(prods["year"].max())
        p = prods[prods["year"] == year].groupby("product", as_index=False)["value"].sum()
        view.products = p.assign(value=p["value"] / 1e6).sort_values("value", ascending=False).head(15)
        view.products_year = year
    rows = flows[(flows["reporter"] == reporter) & (flows["currency"] == currency)]
    view.sources = rows.assign(value=rows["value"] / 1e6)[["year", "flow", "value", "months"]].reset_index(drop=True)
    return view


def _annual_turnover(by_period: pd.DataFrame) -> pd.DataFrame:
    """Turnover per year: the full-year figure, else the sum of 12 months."""
    full = by_period[by_period["month"].isna()][["year", "value"]]
    months = by_period[by_period["month"].notna()].groupby("year").agg(value=("value", "sum"), n=("month", "count"))
    months = months[months["n"] == 12].reset_index()[["year", "value"]]
    months = months[~months["year"].isin(full["year"])]
    out = pd.concat([full, months], ignore_index=True)
    return out.assign(year=out["year"].astype(int), value=out["value"].astype(float)).sort_values("year")


def _base_year(annual: pd.DataFrame, wanted: int) -> int:
    """The base year of the target path: the year before the start if known, else the nearest earlier, else the first."""
    years = sorted(int(y) for y in annual["year"])
    earlier = [y for y in years if y <= wanted]
    return earlier[-1] if earlier else years[0]


def _ytd(by_period: pd.DataFrame, as_of: date, rate: float, lang: str) -> tuple[pd.DataFrame, int | None]:
    """This year's months with data against the same months a year earlier (target = last year × (1 + rate))."""
    monthly = by_period[by_period["month"].notna()]
    this = monthly[monthly["year"] == as_of.year]
    if this.empty:
        return pd.DataFrame(columns=["period", "value", "target"]), None
    months = sorted(int(m) for m in this["month"])
    prev = monthly[(monthly["year"] == as_of.year - 1) & monthly["month"].isin(months)]
    if len(prev) < len(months):
        return pd.DataFrame(columns=["period", "value", "target"]), None
    m = months[-1]
    last_value = float(prev["value"].sum()) / 1e6
    return pd.DataFrame({
        "period": [t("ytd_last", lang, year=as_of.year - 1), t("ytd_this", lang, year=as_of.year, m=m)],
        "value": [last_value, float(this["value"].sum()) / 1e6],
        "target": [math.nan, last_value * (1 + rate)],
    }), as_of.year


def _flows(flows: pd.DataFrame, reporter: str, currency: str, lang: str) -> pd.DataFrame:
    """Exports, imports and balance from the reporter's side, in millions."""
    rows = flows[(flows["reporter"] == reporter) & (flows["currency"] == currency)]
    if rows.empty:
        return pd.DataFrame(columns=["year", "flow", "kind", "value"])
    wide = rows.pivot_table(index="year", columns="flow", values="value", aggfunc="sum")
    exports, imports = ("us_to_serbia", "serbia_to_us") if _side(reporter) == "us" else ("serbia_to_us", "us_to_serbia")
    out = []
    for year, r in wide.iterrows():
        ex, im = r.get(exports), r.get(imports)
        bal = r.get("balance")
        if (bal is None or pd.isna(bal)) and pd.notna(ex) and pd.notna(im):
            bal = ex - im
        for name, kind, v in (("flow_exports", "bar", ex), ("flow_imports", "bar", im), ("flow_balance", "line", bal)):
            if v is not None and pd.notna(v):
                out.append({"year": int(year), "flow": t(name, lang), "kind": kind, "value": float(v) / 1e6})
    return pd.DataFrame(out, columns=["year", "flow", "kind", "value"])


def _rank(reporter: str, side: str, selected: str) -> int:
    """How well a reporter speaks for its side: the selected series, the statistics office itself,
    a series derived from it (e.g. a conversion of its figures), then any other source."""
    office = "US Census" if side == "us" else "Serbia RZS"
    if reporter == selected:
        return 0
    if reporter == office:
        return 1
    return 2 if reporter.startswith(office) else 3


def mirror_pair(flows: pd.DataFrame, reporter: str, currency: str) -> tuple[str, str, str, list[str], list[int]] | None:
    """The mirror pair to show: (flow, currency, US reporter, Serbian reporters, years).

    Both sides in ONE currency, full years only, never a conversion made here: the selected
    currency first, then the others; Serbian exports to the US first, then US exports to Serbia.
    On each side the best-ranked reporter (_rank) wins; Serbian reporters of equal rank are all
    kept (e.g. two sources' USD conversions of the same RZS figure)."""
    full = flows[flows["months"] == 12]
    currencies = [currency] + sorted(c for c in full["currency"].unique() if c != currency)
    for cur in currencies:
        for flow in ("serbia_to_us", "us_to_serbia"):
            rows = full[(full["currency"] == cur) & (full["flow"] == flow)]
            years = {r: set(g["year"].astype(int)) for r, g in rows.groupby("reporter")}
            us = sorted((r for r in years if _side(r) == "us"), key=lambda r: (_rank(r, "us", reporter), -len(years[r]), r))
            sr = [r for r in years if _side(r) == "serbia"]
            for u in us:
                shared = [r for r in sr if years[r] & years[u]]
                if not shared:
                    continue
                best = min(_rank(r, "serbia", reporter) for r in shared)
                picked = sorted(r for r in shared if _rank(r, "serbia", reporter) == best)
                both = sorted(years[u] & set().union(*(years[r] for r in picked)))
                return flow, cur, u, picked, both
    return None


def _mirror(flows: pd.DataFrame, reporter: str, currency: str, lang: str):
    """The same flow as a US and a Serbian reporter state it, in one currency, with the gap per year.

    Returns (bars: year, reporter, value; gaps: year, reporter, top, gap; flow words; currency; note)."""
    empty = (pd.DataFrame(columns=["year", "reporter", "value"]),
             pd.DataFrame(columns=["year", "reporter", "top", "gap"]), t("flow_serbia_to_us", lang), currency, "")
    pair = mirror_pair(flows, reporter, currency)
    if pair is None:
        return empty
    flow, cur, us, serbian, years = pair
    rows = flows[(flows["months"] == 12) & (flows["currency"] == cur) & (flows["flow"] == flow)]
    value = {(r, int(y)): float(v) / 1e6 for r, y, v in zip(rows["reporter"], rows["year"], rows["value"])}
    out, gaps = [], []
    for year in years:
        a = value.get((us, year))
        if a is None:
            continue
        out.append({"year": year, "reporter": us, "value": a})
        for r in serbian:
            b = value.get((r, year))
            if b is not None:
                out.append({"year": year, "reporter": r, "value": b})
                gaps.append({"year": year, "reporter": r, "top": max(a, b), "gap": a - b})
    converters = [m.group(1).strip() for r in [us, *serbian]
                  for m in [re.search(r"conversion by ([^)]+)", r)] if m]
    note = t("mirror_pair_note", lang, us=us, serbia=", ".join(serbian), cur=cur)
    if converters:
        note += " " + t("mirror_conversion_note", lang, cur=cur, names=", ".join(converters))
    return (pd.DataFrame(out, columns=["year", "reporter", "value"]),
            pd.DataFrame(gaps, columns=["year", "reporter", "top", "gap"]), t(f"flow_{flow}", lang), cur, note)


# ------------------------------------------------------------------ security

@dataclass
class SecurityView:
    required: float
    statuses: pd.DataFrame          # joint-exercises, national-guard-partnership, defence-agreements
    per_year: pd.DataFrame          # year, status, count, order
    timeline: pd.DataFrame          # name, start, end, format, status, location, source
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


def security(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> SecurityView:
    known = _known(known_at)
    book = targets_book()
    card = scorecard(con, as_of, known_at, lang)
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
        pd.DataFrame({"year": counts["year"].astype(int), "status": t("status_held", lang),
                      "count": counts["held"].astype(int), "order": 0}),
        pd.DataFrame({"year": counts["year"].astype(int), "status": t("status_planned", lang),
                      "count": counts["scheduled"].astype(int), "order": 1}),
    ], ignore_index=True)
    per_year = per_year[(per_year["count"] > 0) | (per_year["order"] == 0)].sort_values(["year", "order"])
    listed = db.query(con, "exercises_listed", known_at=known)      # oldest first
    exercises_total = len(listed)
    listed = listed.tail(TIMELINE_SHOWN).reset_index(drop=True)    # the latest (by start date) are drawn
    timeline = pd.DataFrame({
        "name": listed["name"],
        "start": pd.to_datetime(listed["start_date"]),
        "end": [_end_date(s, e, p) for s, e, p in zip(listed["start_date"], listed["end_date"], listed["date_precision"])],
        "format": [label("format", f, lang) for f in listed["format"]],
        "status": [label("status", s, lang) for s in listed["status"]],
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
                        start, end, pd.DataFrame(steps), pace, ag_table, note, exercises_total)


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


# ------------------------------------------------------------------ political & people

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


@dataclass
class PoliticalView:
    milestones: list[Milestone]
    training_required: float
    training: pd.DataFrame          # year, count
    training_status: pd.DataFrame
    available: bool = True


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


def political(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> PoliticalView:
    known = _known(known_at)
    book = targets_book()
    card = scorecard(con, as_of, known_at, lang)
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
                    tg.notes.get(lang, "") if tg and tg.notes else ""))
    tr = target(book, "diplomat-training")
    p = tr.params if tr else {"required": 3, "bind": {"kinds": ["diplomat_training"], "sum_quantity": True}}
    done = events_done_per_year(con, as_of, known, {"sum_quantity": True, **p["bind"]})
    years = sorted(y for y in done if y <= as_of.year)
    training = pd.DataFrame({"year": pd.Series(years, dtype="int64"),
                             "count": pd.Series([done[y] for y in years], dtype="float64")})
    status = status_frame([s for s in card.statuses if s.target == "diplomat-training"], lang) if card else pd.DataFrame()
    return PoliticalView(milestones, float(p.get("required", 3)), training.reset_index(drop=True), status,
                         card is not None)


# ------------------------------------------------------------------ road map

@dataclass
class RoadmapView:
    steps: pd.DataFrame             # step, planned, end, state, days_late (for the Gantt)
    table: pd.DataFrame             # badge, step, planned, achieved, days late, reason
    cadence: pd.DataFrame           # year, step, count, required
    available: bool = True


def roadmap(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> RoadmapView:
    known = _known(known_at)
    book = targets_book()
    card = scorecard(con, as_of, known_at, lang)
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
            state = t("legend_achieved", lang) if achieved else t("legend_revised", lang)
            steps.append({"step": label, "planned": tg.deadline, "end": end, "state": state,
                          "days_late": max(late, 0)})
            table.append({t("col_status", lang): status_badge(s.status, lang) if s else "",
                          t("axis_step", lang): full,
                          t("col_planned", lang): fmt_date(tg.deadline, lang),
                          t("col_achieved", lang): fmt_date(achieved, lang) if achieved else "",
                          t("col_days_late", lang): fmt_number(max(late, 0), lang) if late > 0 else "",
                          t("col_reason", lang): s.reason if s else ""})
        elif tg is not None and tg.kind == "annual_count":
            parts = tg.params.get("parts") or [{"name": "", "required": tg.params.get("required", 1),
                                                "bind": tg.params.get("bind", {})}]
            first = int(tg.params.get("first_year", start_date(book, card).year))
            for part in parts:
                bind = part.get("bind", {})
                done = events_done_per_year(con, as_of, known, bind)
                name = f"{ROMAN[n - 1]}" + (f" ({_unit(part, lang)})" if part.get("name") else f" ({_unit(tg.params, lang)})")
                for year in range(min(first, as_of.year), as_of.year + 1):
                    held = done.get(year, 0.0)
                    cadence.append({"year": year, "step": name, "count": held, "required": float(part.get("required", 1))})
            table.append({t("col_status", lang): status_badge(s.status, lang) if s else "",
                          t("axis_step", lang): full, t("col_planned", lang): "", t("col_achieved", lang): "",
                          t("col_days_late", lang): "", t("col_reason", lang): s.reason if s else ""})
    return RoadmapView(pd.DataFrame(steps, columns=["step", "planned", "end", "state", "days_late"]),
                       pd.DataFrame(table), pd.DataFrame(cadence, columns=["year", "step", "count", "required"]),
                       card is not None)


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


# ------------------------------------------------------------------ method

@dataclass
class MethodView:
    statuses: pd.DataFrame          # badge, id
    rules: list[tuple[str, str]]    # (kind, text)
    targets: pd.DataFrame           # id, area, kind, wording, params, deadline, assumptions
    sources: str
    settings: dict = field(default_factory=dict)


def method(lang: str = "en") -> MethodView:
    from dialogue.vocab import STATUSES

    book = targets_book()
    rows = []
    if book is not None:
        for tg in book.targets:
            params = {k: v for k, v in tg.params.items() if k not in ("unit", "done", "parts", "label")}
            rows.append({
                t("col_id", lang): tg.id,
                t("col_area", lang): t(f"area_{tg.area}", lang),
                t("col_kind", lang): label("kindname", tg.kind, lang),
                t("col_wording", lang): tg.text(lang),
                t("col_params", lang): ", ".join(f"{k} = {v}" for k, v in params.items()),
                t("col_deadline", lang): fmt_date(tg.deadline, lang) if tg.deadline else "",
                t("col_assumptions", lang): " • ".join(f"{t('assumption', lang)}: {a}" for a in tg.assumptions),
            })
    # formula variables stay Latin in every script (V(Y) in English, V(G) — godina — in Serbian)
    variables = {"N": "N", "W": "W", "V": "V", "Y": "Y" if lang == "en" else "G"}
    return MethodView(
        pd.DataFrame({t("col_status", lang): [status_badge(s, lang) for s in STATUSES],
                      t("col_meaning", lang): [t(f"status_def_{s}", lang) for s in STATUSES]}),
        [(t(f"kindname_{k}", lang), t(f"kind_{k}", lang, **variables))
         for k in ("growth", "annual_count", "window_count", "milestone")],
        pd.DataFrame(rows),
        t("method_sources_text", lang),
        dict(book.settings) if book else {},
    )


def method_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> MethodView:
    """The Method page's data (the same signature as every other page's)."""
    return method(lang)


# ------------------------------------------------------------------ data page

ENCODINGS = ("utf-8", "cp1250", "cp1251", "iso-8859-1")


def encoding_sample(data: bytes, encoding: str, lines: int = 3) -> str:
    """The first lines holding non-ASCII letters, decoded as `encoding`: lets an analyst see č, ć, š, ž, đ read right."""
    picked = [line for line in data.splitlines() if any(b > 127 for b in line)][:lines]
    if not picked:
        return ""
    return " / ".join(line.decode(encoding, errors="replace").strip()[:120] for line in picked)


def history_frame(con, lang: str) -> pd.DataFrame:
    """Uploads newest first, with the row counts in one readable column."""
    from dialogue import store

    rows = store.history(con)
    out = [{
        "upload_id": h["upload_id"], "dataset": h["dataset"], "file": h["file"], "user": h["user"],
        "time": h["time"], "mode": h["mode"],
        "rows": " · ".join(f"{k} {v}" for k, v in h["rows"].items()),
        "status": h["status"], "rolls_back": h.get("rolls_back"),
    } for h in reversed(rows)]
    return pd.DataFrame(out, columns=["upload_id", "dataset", "file", "user", "time", "mode", "rows",
                                      "status", "rolls_back"])


def browse(con, dataset: str, contains: str = "") -> pd.DataFrame:
    """A dataset's current rows, keeping those where any cell contains the text (case-insensitive)."""
    from dialogue import store

    rows = store.current_rows(con, dataset)
    text = contains.strip().lower()
    if text and not rows.empty:
        hit = rows.astype("string").apply(lambda col: col.str.lower().str.contains(text, regex=False)).fillna(False)
        rows = rows[hit.any(axis=1)]
    return rows.reset_index(drop=True)


def export_bytes(frame: pd.DataFrame, fmt: str, sheet: str = "data", label: str | None = None) -> bytes:
    """A browsed dataset as CSV or XLSX bytes, written by dialogue.export (formula-like text neutralised);
    `label` is export.demo_label(con): the demo workspace's exports carry it (issue 3)."""
    import tempfile
    from pathlib import Path

    from dialogue import export

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{sheet}.{fmt}"
        if fmt == "csv":
            export.write_csv(frame, out, label)
        else:
            export.write_xlsx(frame, out, sheet, label)
        return out.read_bytes()


def preview_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of an upload preview as an analyst reads them: dates without a time of day."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.date
    return out


def problems_frame(errors: list[dict], lang: str) -> pd.DataFrame:
    """The validation report as a table: sheet, row, column, value, message."""
    cols = ["sheet", "row", "column", "value", "message"]
    frame = pd.DataFrame([{c: e.get(c) for c in cols} for e in errors], columns=cols)
    return frame.rename(columns={c: t(f"col_{c}", lang) for c in cols})


def template_bytes(dataset: str) -> bytes:
    """The blank .xlsx template of a dataset (dialogue.templates), as bytes for a download button."""
    import inspect
    import io
    import tempfile
    from pathlib import Path

    from dialogue import templates

    for name in ("template_bytes", "build_template", "make_template", "write_template"):
        fn = getattr(templates, name, None)
        if fn is None:
            continue
        params = list(inspect.signature(fn).parameters)
        if len(params) == 1:
            out = fn(dataset)
            if isinstance(out, (bytes, bytearray)):
                return bytes(out)
            if hasattr(out, "save"):
                buf = io.BytesIO()
                out.save(buf)
                return buf.getvalue()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{dataset}.xlsx"
            fn(dataset, path)
            return path.read_bytes()
    raise RuntimeError("dialogue.templates offers no template builder")


def encoding_choices(candidates: list[dict], lang: str) -> pd.DataFrame:
    """The readers' encoding candidates (encoding, label, preview) as a table to choose from."""
    return pd.DataFrame([{t("data_encoding", lang): c.get("encoding"), "": c.get("label", ""),
                          t("col_value", lang): c.get("preview", "")} for c in candidates])


def history_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> pd.DataFrame:
    """The Data page's upload history (the same signature as every other page's data)."""
    return history_frame(con, lang)


def browse_page(con, as_of: date, known_at: datetime | None = None, lang: str = "en", dataset: str = "trade",
                contains: str = "") -> pd.DataFrame:
    """The Data page's dataset browser rows."""
    return browse(con, dataset, contains)


def area_targets(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
                 area: str = "") -> pd.DataFrame:
    """The targets of one framework area with their status (for the pages' notes sections)."""
    card = scorecard(con, as_of, known_at, lang)
    return status_frame([s for s in card.statuses if s.area == area] if card else [], lang)


def rollback_candidates(history: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The newest active uploads that can be rolled back (not rollbacks themselves), for the Data page."""
    if history.empty:
        return history
    return history[(history["status"] == "active") & (history["mode"] != "rollback")].head(limit)
