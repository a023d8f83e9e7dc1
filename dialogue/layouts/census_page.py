"""US Census "Trade in Goods with Serbia" (c4801) table as copied or saved from the page.

Rows `<Month> <YYYY>` and `TOTAL <YYYY>`, columns Month / Exports / Imports / Balance in USD
millions; several years may be stacked, months without trade are omitted. Exports are goods going
from the US to Serbia, imports goods from Serbia to the US. TOTAL rows and the balance column are
checked, not stored; a year that has only a TOTAL row is stored as an annual figure.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._source_cells import (
    BadNumber, census_number, find_header, fold, month_of, row_values, text, trade_frame, whole,
)
from dialogue.problems import Problem, shorten

NAME = "census_page"
DATASET = "trade"
REPORTER = "US Census"
SOURCE = "US Census Bureau, Trade in Goods with Serbia (4801): https://www.census.gov/foreign-trade/balance/c4801.html"
HEADERS = {"month", "exports", "imports", "balance"}
MILLION = 1_000_000
TITLE = re.compile(r"trade in goods with (.+)")


def detect(sheet: RawSheet) -> bool:
    return find_header(sheet.cells, HEADERS) is not None


@dataclass(frozen=True)
class Page:
    """What differs between Serbia's page (the target series) and a neighbour's (dataset peer_trade)."""
    name: str
    dataset: str
    country: Callable        # (sheet, header_at, problem, warnings) -> the page's partner code, or None
    pair: Callable           # (partner, year, month, exports, imports, file, note) -> the two stored rows


def convert(sheet: RawSheet) -> LayoutResult:
    return read(sheet, SERBIA_PAGE)


def read(sheet: RawSheet, page: Page) -> LayoutResult:
    """A country page's months (and TOTAL-only years) as the page's two rows per period, TOTALs checked."""
    cells = sheet.cells
    header_at, cols = find_header(cells, HEADERS)
    problems: list[Problem] = []
    warnings: list[str] = []
    months: dict[tuple[int, int], tuple[int, Decimal, Decimal]] = {}   # (year, month) -> row, exp, imp
    totals: dict[int, tuple[int, Decimal, Decimal]] = {}
    balance_off: list[str] = []

    def problem(row: int, column: str | None, value, message: str) -> None:
        problems.append(Problem(sheet.file, sheet.sheet, row, column, shorten(value), message))

    partner = page.country(sheet, header_at, problem, warnings)
    for i in range(header_at + 1, len(cells)):
        values = row_values(cells, i)
        row = sheet.first_row + i
        label = values[cols["month"]]
        if fold(label) == "month" or not text(label):
            continue                                    # a repeated header or a blank line
        figures = {}
        for name in ("exports", "imports", "balance"):
            try:
                figures[name] = census_number(values[cols[name]])
            except BadNumber as exc:
                problem(row, name.capitalize(), values[cols[name]], f"expected {exc}")
        total = re.fullmatch(r"total\s+(\d{4})", fold(label))
        when = None if total else month_of(label)
        if not total and when is None:
            if any(v is not None for v in figures.values()):
                problem(row, "Month", label, 'expected a month and year such as "January 2025" or "TOTAL 2025"')
            continue                                    # a title or note line inside the sheet
        if len(figures) < 3:
            continue                                    # the number problem is already reported
        exp, imp, bal = figures["exports"], figures["imports"], figures["balance"]
        if exp is None or imp is None:
            problem(row, "Exports" if exp is None else "Imports", None, "expected a figure in USD millions")
            continue
        if bal is not None and abs(exp - imp - bal) > Decimal("0.15"):
            balance_off.append(text(label))
        if total:
            year = int(total.group(1))
            if year in totals:
                problem(row, "Month", label, f"TOTAL {year} appears twice")
            totals[year] = (row, exp, imp)
        else:
            if when in months:
                problem(row, "Month", label, f"{text(label)} appears twice")
            months[when] = (row, exp, imp)
    if not months and not totals:
        problem(None, "Month", None, "no month rows (e.g. \"January 2025\") or TOTAL rows below the header")
    if balance_off:
        warnings.append("Balance is not Exports minus Imports (beyond rounding) in: " + ", ".join(balance_off) + ".")

    rows, row_numbers = [], []
    for (year, month), (row, exp, imp) in sorted(months.items()):
        stored = page.pair(partner, year, month, exp, imp, sheet.file)
        rows += stored
        row_numbers += [row] * len(stored)
    for year, (row, exp, imp) in sorted(totals.items()):
        in_year = [(e, i) for (y, _m), (_r, e, i) in months.items() if y == year]
        if not in_year:
            stored = page.pair(partner, year, None, exp, imp, sheet.file,
                               note="Annual TOTAL row; the sheet has no months for this year.")
            rows += stored
            row_numbers += [row] * len(stored)
            warnings.append(f"{year}: only the TOTAL row is present, stored as an annual figure.")
            continue
        tolerance = Decimal("0.05") * (len(in_year) + 1)
        sums = (sum(e for e, _ in in_year), sum(i for _, i in in_year))
        off = [f"{name} months sum to {s:,} but TOTAL {year} says {t:,}"
               for name, s, t in (("exports", sums[0], exp), ("imports", sums[1], imp)) if abs(s - t) > tolerance]
        if off:
            warnings.append(f"TOTAL {year} does not match its months beyond rounding: " + "; ".join(off) + " (USD millions).")
    years = sorted({y for y, _m in months} | set(totals))
    warnings.insert(0, "Values in USD millions were scaled to whole USD.")
    checked = sum(1 for y in totals if any(yy == y for yy, _m in months))
    info = {"layout": page.name, "years": years, "months_stored": len(months), "totals_checked": checked,
            "rows_skipped": checked, "skipped_why": "TOTAL rows are checked against the months, not stored"}
    return LayoutResult(trade_frame(rows, page.dataset), row_numbers, warnings, problems, info)


def _pair(_partner: str, year: int, month: int | None, exports: Decimal, imports: Decimal, file: str, note: str = "") -> list[dict]:
    base = {"reporter": REPORTER, "year": year, "month": month, "currency": "USD",
            "source": f"{SOURCE} (uploaded as {file})", "note": note or None}
    return [
        {**base, "flow": "us_to_serbia", "value": whole(exports, MILLION), "flow_as_reported": "Exports"},
        {**base, "flow": "serbia_to_us", "value": whole(imports, MILLION), "flow_as_reported": "Imports"},
    ]


def _check_country(sheet: RawSheet, header_at: int, problem, warnings: list[str]) -> str:
    """The page title names its country: refuse another country's page, warn when there is none."""
    for i in range(len(sheet.cells)):
        for value in row_values(sheet.cells, i):
            m = TITLE.search(fold(value))
            if m:
                country = m.group(1).strip(" .:")
                if not country.startswith("serbia") and country != "<country>":
                    problem(sheet.first_row + i, None, text(value),
                            "this is the Census page of another country; expected Trade in Goods with Serbia (c4801)")
                return "RS"
        if i >= header_at:
            break
    warnings.append('No "Trade in Goods with Serbia" title above the table: assumed to be the Serbia page (c4801).')
    return "RS"


SERBIA_PAGE = Page(NAME, DATASET, _check_country, _pair)
