"""What the Trade page shows: series, turnover against the +10 % path, growth, flows, mirror statistics."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dialogue import db
from dialogue.i18n import t
from dialogue.periods import mark_years, months_note, partial_label
from dialogue.views.common import (
    _known,
    millions,
    scorecard,
    start_date,
    status_frame,
    target,
    targets_book,
)


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
    growth: pd.DataFrame              # year, growth, period, period_note (a year in progress: its months so far)
    ytd: pd.DataFrame                 # period, value, target
    ytd_year: int | None
    flows: pd.DataFrame               # year, flow, flow_code, kind, value, period, period_note
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
    growth_note: str = ""             # what the partial year's growth compares
    flows_note: str = ""              # which year holds only some months


def series_label(reporter: str, currency: str) -> str:
    return f"{reporter} · {currency}"


def _side(reporter: str) -> str:
    """Whose statistics: 'us' for US reporters, 'serbia' for Serbian ones (and others, by default)."""
    return "us" if reporter.strip().upper().startswith("US") else "serbia"


def trade(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
          selected: str | None = None, card=None) -> TradeView:
    """The trade page: turnover against the +rate path, growth, year to date, flows, mirror, products."""
    known = _known(known_at)
    book = targets_book(con, known_at)
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
                     pd.DataFrame(columns=["year", "flow", "flow_code", "kind", "value"]),
                     pd.DataFrame(columns=["year", "reporter", "value"]),
                     pd.DataFrame(columns=["year", "top", "gap"]), "", pd.DataFrame(columns=["product", "value"]),
                     None, pd.DataFrame())
    if selected is None:
        return view
    reporter, currency = selected.rsplit(" · ", 1)
    view.reporter, view.currency = reporter, currency
    view.unit = millions(currency, lang)
    # a given scorecard (computed for the targets' own series) serves only when that series is the one shown
    card = scorecard(con, as_of, known_at, lang, trade_series=f"{reporter} ({currency})",
                     card=card if selected == default else None)
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
        turnover = turnover.assign(value=turnover["value"] / 1e6,
                                   target=turnover["target"] / 1e6)[["year", "value", "target"]]
        in_progress = {view.turnover_partial: t("axis_in_progress", lang)} if view.turnover_partial else {}
        view.turnover = mark_years(turnover, in_progress)
        growth = annual.sort_values("year").assign(prev=lambda d: d["value"].shift(1),
                                                   prev_year=lambda d: d["year"].shift(1))
        growth = growth[(growth["prev_year"] == growth["year"] - 1) & (growth["prev"] > 0)]
        view.growth = pd.DataFrame({"year": growth["year"].astype(int),
                                    "growth": growth["value"] / growth["prev"] - 1}).reset_index(drop=True)
    view.ytd, view.ytd_year = _ytd(by_period, as_of, rate, lang)
    partial = partial_months(by_period, lang)
    view.growth, view.growth_note = _growth_so_far(view.growth, view.ytd, view.ytd_year, partial, lang)
    flows = db.query(con, "trade_annual_flows", as_of=as_of, known_at=known)
    view.flows = mark_years(_flows(flows, reporter, currency, lang), partial)
    if partial_label(view.flows):
        view.flows_note = t("flows_partial_note", lang, period=partial_label(view.flows))
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


def partial_months(by_period: pd.DataFrame, lang: str) -> dict[int, str]:
    """{year: "(Jan–Oct)"} for each year whose figures are fewer than twelve months and no full-year figure."""
    monthly = by_period[by_period["month"].notna()]
    full = {int(y) for y in by_period[by_period["month"].isna()]["year"]}
    out = {}
    for year, rows in monthly.groupby("year"):
        months = sorted({int(m) for m in rows["month"]})
        if int(year) not in full and len(months) < 12:
            out[int(year)] = months_note(months[0], months[-1], lang)
    return out


def _growth_so_far(growth: pd.DataFrame, ytd: pd.DataFrame, ytd_year: int | None, partial: dict[int, str],
                   lang: str) -> tuple[pd.DataFrame, str]:
    """Full years' growth plus, for a year in progress, its months against the same months a year earlier
    (the year-to-date chart's figures), marked as partial; and the sentence that says what that bar compares."""
    notes = {}
    if ytd_year is not None and ytd_year in partial and ytd_year not in set(growth["year"]) and len(ytd) == 2 \
            and ytd["value"].iloc[0] > 0:
        so_far = float(ytd["value"].iloc[1]) / float(ytd["value"].iloc[0]) - 1
        growth = pd.concat([growth, pd.DataFrame({"year": [ytd_year], "growth": [so_far]})], ignore_index=True)
        notes = {ytd_year: partial[ytd_year]}
    marked = mark_years(growth.assign(year=growth["year"].astype(int)), notes)
    note = t("growth_partial_note", lang, period=partial_label(marked), prev=ytd_year - 1) if notes else ""
    return marked, note


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
        return pd.DataFrame(columns=["year", "flow", "flow_code", "kind", "value"])
    wide = rows.pivot_table(index="year", columns="flow", values="value", aggfunc="sum")
    exports, imports = ("us_to_serbia", "serbia_to_us") if _side(reporter) == "us" else ("serbia_to_us", "us_to_serbia")
    out = []
    for year, r in wide.iterrows():
        ex, im = r.get(exports), r.get(imports)
        bal = r.get("balance")
        if (bal is None or pd.isna(bal)) and pd.notna(ex) and pd.notna(im):
            bal = ex - im
        for code, kind, v in (("exports", "bar", ex), ("imports", "bar", im), ("balance", "line", bal)):
            if v is not None and pd.notna(v):
                out.append({"year": int(year), "flow": t(f"flow_{code}", lang), "flow_code": code, "kind": kind,
                            "value": float(v) / 1e6})
    return pd.DataFrame(out, columns=["year", "flow", "flow_code", "kind", "value"])


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




@dataclass
class WhatIf:
    available: bool
    frame: pd.DataFrame            # month, month_name, cumulative (millions), kind_code, kind
    required: float | None         # the year's required total, millions
    status: str | None             # "achieved" | "missed": what the assumption would give
    sentence: str
    unit: str


def trade_what_if(con, as_of: date, known_at: datetime | None = None, lang: str = "en", selected: str | None = None,
                  growth: float | None = None, monthly: float | None = None) -> WhatIf:
    """The analyst's what-if: the rest of the year at an assumed growth on the same months a year earlier (or at an
    assumed value a month, in millions), the projected year end and the status it would give."""
    from dialogue import outlook
    from dialogue.formats import MONTHS_EN, MONTHS_SR, fmt_money, fmt_percent
    from dialogue.translit import to_cyrillic
    from dialogue.vocab import status_word

    book = targets_book()
    tg = target(book, "trade-growth")
    rate = float(tg.params.get("rate", 0.10)) if tg else 0.10
    empty = WhatIf(False, pd.DataFrame(columns=["month", "month_name", "cumulative", "kind_code", "kind"]),
                   None, None, t("whatif_unavailable", lang), "")
    if not selected or " · " not in selected:
        return empty
    reporter, currency = selected.rsplit(" · ", 1)
    by_period = db.query(con, "trade_series_by_period", as_of=as_of, known_at=_known(known_at),
                         reporter=reporter, currency=currency)
    periods = [(int(r.year), None if pd.isna(r.month) else int(r.month), float(r.value)) for r in by_period.itertuples()]
    w = outlook.what_if(periods, rate, as_of, growth, None if monthly is None else monthly * 1e6)
    if w is None:
        return WhatIf(**{**empty.__dict__, "unit": millions(currency, lang)})
    names = MONTHS_EN if lang == "en" else [to_cyrillic(m) if lang == "sr-Cyrl" else m for m in MONTHS_SR]
    kinds = {"actual": t("whatif_actual", lang), "projection": t("whatif_projection", lang)}
    rows = w["rows"]
    # the projection line starts at the last actual month, so the dashed part joins the solid one
    frame = pd.DataFrame([{"month": r["month"], "month_name": names[r["month"] - 1], "cumulative": r["cumulative"] / 1e6,
                           "kind_code": r["kind"], "kind": kinds[r["kind"]]} for r in rows])
    if w["months_known"] and w["months_known"] < 12:
        joint = frame[frame["month"] == w["months_known"]].assign(kind_code="projection", kind=kinds["projection"])
        frame = pd.concat([frame, joint], ignore_index=True)
    assumption = (t("whatif_at_value", lang, value=fmt_money(monthly * 1e6, currency, lang)) if monthly is not None
                  else t("whatif_at_growth", lang, growth=fmt_percent(growth or 0.0, lang, signed=True)))
    sentence = t("whatif_sentence", lang, assumption=assumption, year=w["year"],
                 total=fmt_money(w["projected_total"], currency, lang),
                 growth=fmt_percent(w["projected_growth"], lang, signed=True), previous=w["year"] - 1,
                 status=status_word(w["status"], lang).lower(), required=fmt_money(w["required_total"], currency, lang))
    return WhatIf(True, frame, w["required_total"] / 1e6, w["status"], sentence, millions(currency, lang))
