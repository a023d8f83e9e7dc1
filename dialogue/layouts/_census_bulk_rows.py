"""The reading shared by both country.xlsx layouts: the rows of chosen countries, unpivoted to months and checked.

Header (formats.md; the middle months are inferred there, not seen):
year, CTY_CODE, CTYNAME, IJAN..IDEC, IYR, EJAN..EDEC, EYR. I* = US imports, E* = US exports. The *YR columns
are checked against the months, not stored. Units are not stated by Census; they are assumed to be USD millions
(they match the country page).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from dialogue.layouts import RawSheet
from dialogue.layouts._partners import Clash
from dialogue.layouts._source_cells import MONTH_ABBR, BadNumber, census_number, find_header, row_values, text
from dialogue.messages import said
from dialogue.problems import Problem, coded, shorten

SOURCE = "US Census Bureau, country.xlsx: https://www.census.gov/foreign-trade/balance/country.xlsx"
REQUIRED = {"year", "cty_code", "ctyname", "ijan", "idec", "iyr", "ejan", "edec", "eyr"}
MILLION = 1_000_000
UNITS_WARNING = said("units_assumed_millions")


@dataclass
class Figure:
    """One month's amount (USD millions as published) of one chosen country."""
    country: str          # what `pick` returned for the row
    year: int
    month: int
    prefix: str           # "I" (US imports) or "E" (US exports)
    column: str           # e.g. "IJAN"
    amount: Decimal
    row: int


@dataclass
class BulkRows:
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    other: int = 0                                  # rows of countries not chosen
    empty_months: int = 0
    seen: dict = field(default_factory=dict)        # (country, year) -> spreadsheet row


def detect(sheet: RawSheet) -> bool:
    return find_header(sheet.cells, REQUIRED) is not None


def read(sheet: RawSheet, pick: Callable[[str, str], str | None], names: dict[str, str]) -> BulkRows:
    """Every row whose (zero-padded CTY_CODE, CTYNAME) `pick` maps to a country; `names` words the country in
    problems; `pick` raising Clash is a problem at the row. Others are counted in `other`. Bad cells are problems
    at their row and column."""
    cells = sheet.cells
    header_at, cols = find_header(cells, REQUIRED)
    out = BulkRows(warnings=[UNITS_WARNING])
    missing = [f"{p}{m}" for p in "IE" for m in MONTH_ABBR if f"{p}{m}".lower() not in cols]
    if missing:
        out.warnings.append(said("month_columns_missing", columns=", ".join(missing)))
    for i in range(header_at + 1, len(cells)):
        values = row_values(cells, i)
        row = sheet.first_row + i
        code = text(values[cols["cty_code"]])
        if not code and not text(values[cols["year"]]):
            continue
        if code.isdigit():
            code = code.zfill(4)
        try:
            country = pick(code, text(values[cols["ctyname"]]))
        except Clash as exc:                        # a code and a name that disagree
            out.problems.append(coded(sheet.file, sheet.sheet, row, "CTY_CODE", code, exc.args[0]))
            continue
        if country is None:
            out.other += 1
            continue
        year_text = text(values[cols["year"]])
        if not year_text.isdigit() or not 1985 <= int(year_text) <= 2100:
            out.problems.append(coded(sheet.file, sheet.sheet, row, "year", shorten(year_text), "year_expected"))
            continue
        year = int(year_text)
        if (country, year) in out.seen:
            out.problems.append(coded(sheet.file, sheet.sheet, row, "year", year_text, "country_year_twice",
                                      country=names.get(country, country), year=year,
                                      first=out.seen[(country, year)]))
            continue
        out.seen[(country, year)] = row
        _read_year(sheet, values, cols, row, country, year, out)
    return out


def _read_year(sheet: RawSheet, values: list, cols: dict[str, int], row: int, country: str, year: int,
               out: BulkRows) -> None:
    for prefix in "EI":
        total, ok = Decimal(0), True
        for month, abbr in enumerate(MONTH_ABBR, start=1):
            column = f"{prefix}{abbr}"
            if column.lower() not in cols:
                continue
            try:
                amount = census_number(values[cols[column.lower()]])
            except BadNumber as exc:
                out.problems.append(coded(sheet.file, sheet.sheet, row, column,
                                          shorten(values[cols[column.lower()]]), exc.code))
                ok = False
                continue
            if amount is None:
                out.empty_months += 1
                continue
            total += amount
            out.figures.append(Figure(country, year, month, prefix, column, amount, row))
        try:
            annual = census_number(values[cols[f"{prefix}yr".lower()]])
        except BadNumber as exc:
            out.problems.append(coded(sheet.file, sheet.sheet, row, f"{prefix}YR",
                                      shorten(values[cols[f'{prefix}yr'.lower()]]), exc.code))
            continue
        if ok and annual is not None and abs(annual - total) > Decimal("0.05") * 13:
            out.warnings.append(said("annual_total_mismatch", year=year, column=f"{prefix}YR", annual=f"{annual:,}",
                                     total=f"{total:,}"))
