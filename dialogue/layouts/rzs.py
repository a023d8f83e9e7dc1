"""RZS (Statistical Office of Serbia) open-data CSV: semicolon-separated, Serbian field names, decimal commas.

Seen (formats.md 5d): the fields idindikator; IDTer; nTer; god (year); vrednost (value), plus
dataset-specific dimension columns. NOT seen: the external-trade-by-country dataset itself, so the
names of its dimension columns are ASSUMED here, and a file is read only when they can be found:
- partner country: a column whose name contains "zemlj", "drzav" or "partner" (e.g. nZemlja),
  rows kept where it names the USA (SAD, Sjedinjene Američke Države, United States, Cyrillic too);
- flow: a column whose name contains "tok", "izvoz" or "promet", values izvoz (exports, goods
  Serbia → US) or uvoz (imports, US → Serbia);
- currency: a column whose name contains "valut", "jedmer" or "jm", values naming EUR, USD or
  RSD (dinar), optionally "hiljade"/"thousand" or "milion"/"million" for the scale;
- month (optional): a column named mes / mesec; without it the figure is annual.
Values with a decimal comma ("619,5") are read as 619.5; the report says so.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._source_cells import find_header, fold, row_values, text, trade_frame, whole
from dialogue.messages import said
from dialogue.problems import Problem, coded, shorten

NAME = "rzs"
DATASET = "trade"
REPORTER = "Serbia RZS"
SOURCE = "RZS open data: https://opendata.stat.gov.rs/"
REQUIRED = {"idindikator", "idter", "nter", "god", "vrednost"}
USA_NAMES = ("sad", "s.a.d.", "sjedinjene americke drzave", "sjedinjene americke drzave (sad)",
             "united states", "united states of america", "usa", "сад", "сједињене америчке државе")
DIMENSIONS = {
    "partner": ("zemlj", "drzav", "partner"),
    "flow": ("tok", "izvoz", "promet"),
    "unit": ("valut", "jedmer", "jm"),
}


def detect(sheet: RawSheet) -> bool:
    return find_header(sheet.cells, REQUIRED) is not None


def _dimension(cols: dict[str, int], stems: tuple[str, ...]) -> int | None:
    # prefer the name column (nZemlja) over the id column (IDZemlja)
    hits = sorted((name for name in cols if name not in REQUIRED and any(s in name for s in stems)),
                  key=lambda n: (not n.startswith("n"), n))
    return cols[hits[0]] if hits else None


def convert(sheet: RawSheet) -> LayoutResult:
    header_at, cols = find_header(sheet.cells, REQUIRED)
    problems: list[Problem] = []
    found = {role: _dimension(cols, stems) for role, stems in DIMENSIONS.items()}
    month_col = cols.get("mes", cols.get("mesec"))
    missing = [role for role, col in found.items() if col is None]
    if missing:
        problems.append(coded(sheet.file, sheet.sheet, sheet.first_row + header_at, None, None, "rzs_columns_missing",
                              wanted=[said(f"rzs_need_{m}") for m in missing]))
        return LayoutResult(trade_frame([]), [], [], problems, {"layout": NAME})
    rows, row_numbers, other, comma = [], [], 0, False

    def problem(row, column, value, code, **params):
        problems.append(coded(sheet.file, sheet.sheet, row, column, shorten(value), code, **params))

    for i in range(header_at + 1, len(sheet.cells)):
        values = row_values(sheet.cells, i)
        row = sheet.first_row + i
        if not any(text(v) for v in values):
            continue
        if fold(values[found["partner"]]) not in USA_NAMES:
            other += 1
            continue
        flow_word = fold(values[found["flow"]])
        flow = "serbia_to_us" if "izvoz" in flow_word or "export" in flow_word else (
            "us_to_serbia" if "uvoz" in flow_word or "import" in flow_word else None)
        if flow is None:
            problem(row, "flow", values[found["flow"]], "flow_word_expected")
            continue
        currency, scale = _unit(fold(values[found["unit"]]))
        if currency is None:
            problem(row, "unit", values[found["unit"]], "currency_expected")
            continue
        year = text(values[cols["god"]])
        if not (year.isdigit() and 1990 <= int(year) <= 2100):
            problem(row, "god", year, "year_expected")
            continue
        month = None
        if month_col is not None and text(values[month_col]):
            m = text(values[month_col])
            if not (m.isdigit() and 1 <= int(m) <= 12):
                problem(row, "mes", m, "month_number_expected")
                continue
            month = int(m)
        raw = text(values[cols["vrednost"]])
        comma = comma or "," in raw
        try:
            amount = Decimal(raw.replace(" ", "").replace(".", "").replace(",", ".") if "," in raw else raw)
        except InvalidOperation:
            problem(row, "vrednost", raw, "decimal_comma_expected")
            continue
        rows.append({"reporter": REPORTER, "year": int(year), "month": month, "flow": flow,
                     "value": whole(amount, scale), "currency": currency,
                     "flow_as_reported": text(values[found["flow"]]),
                     "source": f"{SOURCE} (uploaded as {sheet.file})",
                     "note": f"Unit as published: {text(values[found['unit']])}."})
        row_numbers.append(row)
    warnings = [said("rzs_assumed_names")]
    if comma:
        warnings.append(said("rzs_decimal_comma"))
    if other:
        warnings.append(said("other_partners_skipped", count=other))
    if not rows and not problems:
        problem(None, None, None, "no_usa_rows")
    info = {"layout": NAME, "rows_skipped": other, "skipped_why": "other partner countries"}
    return LayoutResult(trade_frame(rows), row_numbers, warnings, problems, info)


def _unit(word: str) -> tuple[str | None, int]:
    scale = 1_000 if re.search(r"hiljad|thousand|000", word) else 1_000_000 if re.search(r"milion|million|mil\.", word) else 1
    if re.search(r"\beur|evr", word):
        return "EUR", scale
    if re.search(r"\busd|dolar", word):
        return "USD", scale
    if re.search(r"\brsd|dinar", word):
        return "RSD", scale
    return None, scale
