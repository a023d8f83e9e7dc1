"""US Census bulk file country.xlsx (every country, wide): Serbia's rows (CTY_CODE 4801) unpivoted to months.

Header (formats.md; the middle months are inferred there, not seen):
year, CTY_CODE, CTYNAME, IJAN..IDEC, IYR, EJAN..EDEC, EYR. I* = US imports (goods from Serbia to the
US), E* = US exports (US to Serbia). The *YR columns are checked against the months, not stored.
Units are not stated by Census; they are assumed to be USD millions (they match the country page).
"""
from __future__ import annotations

from decimal import Decimal

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._source_cells import (
    MONTH_ABBR, BadNumber, census_number, find_header, fold, row_values, text, trade_frame, whole,
)
from dialogue.problems import Problem, shorten

NAME = "census_bulk"
DATASET = "trade"
REPORTER = "US Census"
SERBIA = "4801"
SOURCE = "US Census Bureau, country.xlsx: https://www.census.gov/foreign-trade/balance/country.xlsx"
REQUIRED = {"year", "cty_code", "ctyname", "ijan", "idec", "iyr", "ejan", "edec", "eyr"}
MILLION = 1_000_000
FLOWS = (("E", "us_to_serbia"), ("I", "serbia_to_us"))


def detect(sheet: RawSheet) -> bool:
    return find_header(sheet.cells, REQUIRED) is not None


def convert(sheet: RawSheet) -> LayoutResult:
    cells = sheet.cells
    header_at, cols = find_header(cells, REQUIRED)
    problems: list[Problem] = []
    warnings = ["Units are not stated in country.xlsx: assumed USD millions (as on the Census country "
                "page; unconfirmed) and scaled to whole USD."]
    missing = [f"{p}{m}" for p in "IE" for m in MONTH_ABBR if f"{p}{m}".lower() not in cols]
    if missing:
        warnings.append("Month columns not found (their months are not read): " + ", ".join(missing) + ".")
    rows, row_numbers = [], []
    other, empty_months, seen = 0, 0, {}
    for i in range(header_at + 1, len(cells)):
        values = row_values(cells, i)
        row = sheet.first_row + i
        code = text(values[cols["cty_code"]])
        if not code and not text(values[cols["year"]]):
            continue
        if code.isdigit():
            code = code.zfill(4)
        if code != SERBIA:
            other += 1
            continue
        year_text = text(values[cols["year"]])
        if not year_text.isdigit() or not 1985 <= int(year_text) <= 2100:
            problems.append(Problem(sheet.file, sheet.sheet, row, "year", shorten(year_text), "expected a year such as 2024"))
            continue
        year = int(year_text)
        if year in seen:
            problems.append(Problem(sheet.file, sheet.sheet, row, "year", year_text,
                                    f"Serbia {year} appears twice (first in row {seen[year]})"))
            continue
        seen[year] = row
        year_rows, sums, ok = [], {}, True
        for prefix, flow in FLOWS:
            sums[prefix] = Decimal(0)
            for month, abbr in enumerate(MONTH_ABBR, start=1):
                column = f"{prefix}{abbr}"
                if column.lower() not in cols:
                    continue
                try:
                    amount = census_number(values[cols[column.lower()]])
                except BadNumber as exc:
                    problems.append(Problem(sheet.file, sheet.sheet, row, column,
                                            shorten(values[cols[column.lower()]]), f"expected {exc}"))
                    ok = False
                    continue
                if amount is None:
                    empty_months += 1
                    continue
                sums[prefix] += amount
                year_rows.append({
                    "reporter": REPORTER, "year": year, "month": month, "flow": flow,
                    "value": whole(amount, MILLION), "currency": "USD", "flow_as_reported": column,
                    "source": f"{SOURCE} (uploaded as {sheet.file})",
                    "note": "Units assumed USD millions (not stated in the file).",
                })
            try:
                annual = census_number(values[cols[f"{prefix}yr".lower()]])
            except BadNumber as exc:
                problems.append(Problem(sheet.file, sheet.sheet, row, f"{prefix}YR",
                                        shorten(values[cols[f'{prefix}yr'.lower()]]), f"expected {exc}"))
                ok = False
                continue
            if ok and annual is not None and abs(annual - sums[prefix]) > Decimal("0.05") * 13:
                warnings.append(f"{year}: {prefix}YR is {annual:,} but the months sum to {sums[prefix]:,} "
                                "(beyond rounding).")
        rows += year_rows
        row_numbers += [row] * len(year_rows)
    if not seen and not problems:
        problems.append(Problem(sheet.file, sheet.sheet, None, "CTY_CODE", None,
                                f"no row for Serbia (CTY_CODE {SERBIA}) in this file"))
    if other:
        warnings.append(f"{other} rows of other countries skipped (only Serbia, CTY_CODE {SERBIA}, is read).")
    if empty_months:
        warnings.append(f"{empty_months} empty month cells for Serbia: no figure stored for those months.")
    info = {"layout": NAME, "rows_skipped": other,
            "skipped_why": f"other countries (CTY_CODE not {SERBIA})", "years": sorted(seen)}
    return LayoutResult(trade_frame(rows), row_numbers, warnings, problems, info)
