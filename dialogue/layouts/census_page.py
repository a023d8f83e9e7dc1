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
from dialogue.messages import said
from dialogue.problems import Problem, coded, shorten

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

    def problem(row: int, column: str | None, value, code, **params) -> None:
        """A problem at a cell; `code` is a messages code or a Said."""
        problems.append(coded(sheet.file, sheet.sheet, row, column, shorten(value), code, **params))

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
                problem(row, name.capitalize(), values[cols[name]], exc.code)
        total = re.fullmatch(r"total\s+(\d{4})", fold(label))
        when = None if total else month_of(label)
        if not total and when is None:
            if any(v is not None for v in figures.values()):
                problem(row, "Month", label, "month_label_expected")
            continue                                    # a title or note line inside the sheet
        if len(figures) < 3:
            continue                                    # the number problem is already reported
        exp, imp, bal = figures["exports"], figures["imports"], figures["balance"]
        if exp is None or imp is None:
            problem(row, "Exports" if exp is None else "Imports", None, "figure_expected_millions")
            continue
        if bal is not None and abs(exp - imp - bal) > Decimal("0.15"):
            balance_off.append(text(label))
        if total:
            year = int(total.group(1))
            if year in totals:
                problem(row, "Month", label, "total_twice", year=year)
            totals[year] = (row, exp, imp)
        else:
            if when in months:
                problem(row, "Month", label, "label_twice", label=text(label))
            months[when] = (row, exp, imp)
    if not months and not totals:
        problem(None, "Month", None, "no_month_rows")
    if balance_off:
        warnings.append(said("balance_mismatch", labels=", ".join(balance_off)))

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
            warnings.append(said("total_only", year=year))
            continue
        tolerance = Decimal("0.05") * (len(in_year) + 1)
        sums = (sum(e for e, _ in in_year), sum(i for _, i in in_year))
        off = tuple(said("total_flow_mismatch", flow=said(f"flow_{name}"), sum=f"{s:,}", year=year, total=f"{t:,}")
                    for name, s, t in (("exports", sums[0], exp), ("imports", sums[1], imp)) if abs(s - t) > tolerance)
        if off:
            warnings.append(said("total_mismatch", year=year, details=off))
    years = sorted({y for y, _m in months} | set(totals))
    warnings.insert(0, said("millions_scaled"))
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
                    problem(sheet.first_row + i, None, text(value), "other_country_page")
                return "RS"
        if i >= header_at:
            break
    warnings.append(said("serbia_title_assumed"))
    return "RS"


SERBIA_PAGE = Page(NAME, DATASET, _check_country, _pair)
