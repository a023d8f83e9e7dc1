"""US Census bulk file country.xlsx (every country, wide): Serbia's rows (CTY_CODE 4801) unpivoted to months.

The reading (header, units, checks) is shared with the region's layout in _census_bulk_rows; this layout keeps
Serbia's rows as the target series and counts every other country as skipped.
"""
from __future__ import annotations

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._census_bulk_rows import MILLION, SOURCE, detect, read  # noqa: F401 - detect is the layout's
from dialogue.layouts._source_cells import trade_frame, whole
from dialogue.messages import said
from dialogue.problems import coded

NAME = "census_bulk"
DATASET = "trade"
REPORTER = "US Census"
SERBIA = "4801"
FLOWS = {"E": "us_to_serbia", "I": "serbia_to_us"}


def convert(sheet: RawSheet) -> LayoutResult:
    got = read(sheet, lambda code, _name: "RS" if code == SERBIA else None, {"RS": "Serbia"})
    rows = [{"reporter": REPORTER, "year": f.year, "month": f.month, "flow": FLOWS[f.prefix],
             "value": whole(f.amount, MILLION), "currency": "USD", "flow_as_reported": f.column,
             "source": f"{SOURCE} (uploaded as {sheet.file})",
             "note": "Units assumed USD millions (not stated in the file)."} for f in got.figures]
    row_numbers = [f.row for f in got.figures]
    problems, warnings = got.problems, got.warnings
    if not got.seen and not problems:
        problems.append(coded(sheet.file, sheet.sheet, None, "CTY_CODE", None, "no_serbia_row", cty=SERBIA))
    if got.other:
        warnings.append(said("other_countries_skipped", count=got.other, cty=SERBIA))
    if got.empty_months:
        warnings.append(said("serbia_months_empty", count=got.empty_months))
    info = {"layout": NAME, "rows_skipped": got.other,
            "skipped_why": f"other countries (CTY_CODE not {SERBIA})", "years": sorted(y for _c, y in got.seen)}
    return LayoutResult(trade_frame(rows), row_numbers, warnings, problems, info)
