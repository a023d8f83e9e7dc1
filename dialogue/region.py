"""Serbia in the region: each partner's US goods turnover, its growth and Serbia's rank, within one series only.

The peer rows (dataset peer_trade) are context, never a target's series: nothing here is read by the status
engine. One series is one reporter in one currency, as for the targets; the default is the trade-growth
target's own (US Census, USD).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dialogue import db
from dialogue.datasets import PEER_PARTNERS

SERBIA = "RS"
COLUMNS = ["partner", "year", "months", "turnover", "growth", "rank"]
ONE_FLOW = ["partner", "year", "month", "missing"]
OTHER_FLOW = {"us_exports": "us_imports", "us_imports": "us_exports",
              "partner_exports": "partner_imports", "partner_imports": "partner_exports"}


@dataclass
class Region:
    series: list[tuple[str, str]]       # (reporter, currency) of every series, the default first
    reporter: str | None
    currency: str | None
    rows: pd.DataFrame                  # COLUMNS + first_month, last_month (turnover in whole currency units)
    by_period: pd.DataFrame             # partner, year, month, value: what the index is computed from
    one_flow: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ONE_FLOW))   # left out, one flow missing


def default_series() -> tuple[str, str]:
    """The trade-growth target's reporter and currency (data/targets.toml), the series compared by default."""
    from dialogue.targets import load_targets

    try:
        params = load_targets().get("trade-growth").params
    except KeyError:
        params = {}
    return str(params.get("reporter", "US Census")), str(params.get("currency", "USD"))


def has_table(con) -> bool:
    """False for a database opened read-only before peer_trade existed (a writable open adds the table)."""
    found = con.execute("select count(*) from information_schema.tables where table_name = 'peer_trade'").fetchone()
    return bool(found[0])


def series_of(con, known_at: datetime, default: tuple[str, str] = ("US Census", "USD")) -> list[tuple[str, str]]:
    """Every (reporter, currency) the peer rows hold, `default` first when present."""
    if not has_table(con):
        return []
    found = [(r, c) for r, c in db.query(con, "peer_trade_series", known_at=known_at)[["reporter", "currency"]]
             .itertuples(index=False)]
    return sorted(found, key=lambda s: s != default)


def region(con, as_of: date, known_at: datetime, series: tuple[str, str] | None = None) -> Region:
    """Turnover, months, growth and rank per partner and year of one series (the chosen one, else the target's)."""
    available = series_of(con, known_at, default_series())
    if series not in available:
        series = available[0] if available else None
    if series is None:
        return Region(available, None, None, pd.DataFrame(columns=[*COLUMNS, "first_month", "last_month"]),
                      pd.DataFrame(columns=["partner", "year", "month", "value"]))
    reporter, currency = series
    periods = db.query(con, "peer_turnover_by_period", as_of=as_of, known_at=known_at,
                       reporter=reporter, currency=currency)
    by_period = periods[periods["directions"] == 2][["partner", "year", "month", "value"]].reset_index(drop=True)
    one = periods[periods["directions"] == 1]
    one_flow = pd.DataFrame({"partner": one["partner"], "year": one["year"], "month": one["month"],
                             "missing": [OTHER_FLOW[f] for f in one["known_flow"]]}, columns=ONE_FLOW)
    return Region(available, reporter, currency, compare(by_period), by_period, one_flow.reset_index(drop=True))


def _years(by_period: pd.DataFrame) -> dict[tuple[str, int], dict]:
    """(partner, year) -> {"annual": value or None, "months": {month: value}}."""
    out: dict[tuple[str, int], dict] = {}
    for partner, year, month, value in by_period[["partner", "year", "month", "value"]].itertuples(index=False):
        entry = out.setdefault((str(partner), int(year)), {"annual": None, "months": {}})
        if month is None or pd.isna(month):
            entry["annual"] = float(value)
        else:
            entry["months"][int(month)] = float(value)
    return out


def _turnover(entry: dict) -> tuple[float, int, list[int]]:
    """(turnover, months it covers, the months) of one partner-year: a full-year figure wins over months."""
    if entry["annual"] is not None:
        return entry["annual"], 12, list(range(1, 13))
    months = sorted(entry["months"])
    return sum(entry["months"].values()), len(months), months


def _same_months(entry: dict | None, months: list[int]) -> float | None:
    """The sum of exactly these months in another year, or None when any is missing."""
    if entry is None:
        return None
    if len(months) == 12 and entry["annual"] is not None:
        return entry["annual"]
    if not all(m in entry["months"] for m in months):
        return None
    return sum(entry["months"][m] for m in months)


def compare(by_period: pd.DataFrame) -> pd.DataFrame:
    """Per partner and year: months, turnover, growth (a partial year against the same months a year earlier)
    and rank by growth within the year (1 = fastest; partners without a growth figure are not ranked)."""
    years = _years(by_period)
    rows = []
    for (partner, year), entry in sorted(years.items(), key=lambda kv: (kv[0][1], PEER_PARTNERS.index(kv[0][0])
                                                                        if kv[0][0] in PEER_PARTNERS else 99)):
        turnover, n, months = _turnover(entry)
        before = _same_months(years.get((partner, year - 1)), months)
        growth = turnover / before - 1 if before else None
        rows.append({"partner": partner, "year": year, "months": n, "turnover": turnover, "growth": growth,
                     "first_month": months[0] if months else None, "last_month": months[-1] if months else None})
    out = pd.DataFrame(rows, columns=["partner", "year", "months", "turnover", "growth", "first_month", "last_month"])
    out["rank"] = _ranks(out)
    return out[[*COLUMNS, "first_month", "last_month"]]


def _ranks(rows: pd.DataFrame) -> list[int | None]:
    """1 for the fastest growth in its year, ties sharing the better rank; None without a growth figure."""
    out = []
    for year, growth in zip(rows["year"], rows["growth"]):
        if growth is None or (isinstance(growth, float) and math.isnan(growth)):
            out.append(None)
            continue
        peers = [g for y, g in zip(rows["year"], rows["growth"]) if y == year and g is not None and not pd.isna(g)]
        out.append(1 + sum(1 for g in peers if g > growth))
    return out


def as_json(rows: pd.DataFrame) -> list[dict]:
    """The `region --json` rows: partner, year, months, turnover, growth, rank (null where there is none)."""
    def num(v):
        return None if v is None or pd.isna(v) else float(v)

    return [{"partner": p, "year": int(y), "months": int(m), "turnover": num(t), "growth": num(g),
             "rank": None if r is None or pd.isna(r) else int(r)}
            for p, y, m, t, g, r in rows[COLUMNS].itertuples(index=False)]


def index(by_period: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Turnover index per partner, base year = 100: each year's turnover against the base year's same months
    (a partial year's months against those months of the base year); no index without the base year's months."""
    years = _years(by_period)
    rows = []
    for (partner, year), entry in sorted(years.items()):
        if year < base_year:
            continue
        turnover, n, months = _turnover(entry)
        base = _same_months(years.get((partner, base_year)), months)
        if base:
            rows.append({"partner": partner, "year": year, "months": n, "index": 100 * turnover / base,
                         "first_month": months[0], "last_month": months[-1]})
    return pd.DataFrame(rows, columns=["partner", "year", "months", "index", "first_month", "last_month"])
