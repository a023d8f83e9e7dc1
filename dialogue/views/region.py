"""What the Trade page's "Serbia in the region" section shows: each partner's turnover index, growth and Serbia's rank."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dialogue import region as peers
from dialogue.datasets import PEER_PARTNERS
from dialogue.i18n import fmt_percent, label, t
from dialogue.periods import mark_years, month_name, months_note, partial_label
from dialogue.views.common import _known, target, targets_book


@dataclass
class RegionView:
    series: list[str]                  # "reporter · currency" of every series of the region, the target's first
    selected: str | None
    rate: float
    base_years: list[int] = field(default_factory=list)    # full years of Serbia's, any can be the base
    base_year: int | None = None
    index: pd.DataFrame = field(default_factory=pd.DataFrame)    # partner, partner_name, year, index, period, period_note
    growth: pd.DataFrame = field(default_factory=pd.DataFrame)   # partner, partner_name, year, growth, rank, period, period_note
    ranks: pd.DataFrame = field(default_factory=pd.DataFrame)    # Serbia's rank per year, a table in the reader's words
    missing_note: str = ""             # the partners this workspace holds no figures for
    one_flow_note: str = ""            # the periods left out because one flow is missing, partner by partner
    partial_note: str = ""             # what a partial year compares
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)     # dialogue.region COLUMNS of the selected series


def _label(series: tuple[str, str]) -> str:
    return f"{series[0]} · {series[1]}"


def _partial_notes(rows: pd.DataFrame, lang: str) -> dict[int, str]:
    """{year: "(Jan–Oct)"} for each year some partner has only in part (Serbia's months when it has them)."""
    part = rows[rows["months"] < 12].sort_values("partner", key=lambda s: s != peers.SERBIA, kind="stable")
    return {int(y): months_note(int(g["first_month"].iloc[0]), int(g["last_month"].iloc[0]), lang)
            for y, g in part.groupby("year", sort=True)}


def _named(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.assign(partner_name=[label("partner", p, lang) for p in df["partner"]])


def region(con, as_of: date, known_at: datetime | None = None, lang: str = "en", series: str | None = None,
           base_year: int | None = None) -> RegionView:
    """The region's figures in one series (reporter and currency), the base year chosen or Serbia's first full year."""
    tg = target(targets_book(), "trade-growth")
    rate = float((tg.params if tg else {}).get("rate", 0.10))
    known = _known(known_at)
    choices = {_label(s): s for s in peers.series_of(con, known, peers.default_series())}
    got = peers.region(con, as_of, known, choices.get(series))
    view = RegionView([*choices], _label((got.reporter, got.currency)) if got.reporter else None, rate)
    rows = view.rows = got.rows
    held = set(rows["partner"]) | set(got.one_flow["partner"])       # one flow alone is said in one_flow_note
    absent = [label("partner", p, lang) for p in PEER_PARTNERS if p not in held]
    if absent:
        view.missing_note = t("region_missing", lang, names=", ".join(absent))
    view.one_flow_note = one_flow_note(got.one_flow, lang)
    if rows.empty:
        return view
    notes = _partial_notes(rows, lang)
    full = rows[(rows["partner"] == peers.SERBIA) & (rows["months"] == 12)]
    view.base_years = sorted(int(y) for y in full["year"]) or sorted({int(y) for y in rows.loc[rows["months"] == 12, "year"]})
    if view.base_years:
        view.base_year = base_year if base_year in view.base_years else view.base_years[0]
        view.index = mark_years(_named(peers.index(got.by_period, view.base_year), lang), notes)
    grown = rows[rows["growth"].notna()]
    view.growth = mark_years(_named(grown[["partner", "year", "growth", "rank"]].reset_index(drop=True), lang), notes)
    if partial_label(view.growth):
        view.partial_note = t("region_partial_note", lang, period=partial_label(view.growth))
    view.ranks = _ranks(view.growth, lang)
    return view


def one_flow_note(one_flow: pd.DataFrame, lang: str) -> str:
    """"Left out, ...: Albania: US imports from the partner missing in 2024, 2025 (Mar, Apr)." or "" when none."""
    ordered = one_flow.assign(order=[PEER_PARTNERS.index(p) if p in PEER_PARTNERS else 99 for p in one_flow["partner"]])
    items = []
    for (_order, partner, missing), periods in ordered.groupby(["order", "partner", "missing"], sort=True):
        years = []
        for year, g in periods.groupby("year", sort=True):
            months = sorted(int(m) for m in g["month"].dropna())
            whole_year = g["month"].isna().any() or not months            # a full-year figure with one flow
            years.append(str(int(year)) if whole_year else f"{int(year)} ({', '.join(month_name(m, lang) for m in months)})")
        items.append(t("region_one_flow_item", lang, partner=label("partner", partner, lang),
                       flow=label("peerflow", missing, lang), periods=", ".join(years)))
    return t("region_one_flow", lang, items="; ".join(items)) if items else ""


def _ranks(growth: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Serbia's rank by growth in each year it has one: "3 of 5" beside the year (or its partial period)."""
    of = growth.groupby("year")["partner"].count()
    serbia = growth[growth["partner"] == peers.SERBIA]
    return pd.DataFrame({
        t("axis_year", lang): list(serbia["period"]),
        t("col_rank", lang): [t("region_rank_of", lang, rank=int(r), n=int(of[y]))
                              for y, r in zip(serbia["year"], serbia["rank"])],
        t("axis_growth", lang): [fmt_percent(g, lang, 1, signed=True) for g in serbia["growth"]],
    })
