"""US Census country.xlsx for the region (issue 17): the rows of Serbia and its neighbours, as peer_trade rows.

Read only when the upload names the dataset peer_trade (`ingest --dataset peer_trade`, or the Data page's
dataset choice); without it the same file is read by census_bulk, Serbia's rows only, as before. A country is
recognised by its name (CTYNAME, as Census and common variants spell it) or by its Schedule C code where the
public record gives one (formats.md: 4801 Serbia, 4803 Kosovo, 4804 Montenegro); a name and a code that
disagree are a problem at that row (dialogue.layouts._partners).
"""
from __future__ import annotations

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._census_bulk_rows import MILLION, SOURCE, detect, read  # noqa: F401 - detect is the layout's
from dialogue.layouts._partners import CENSUS_CODES, PARTNER_NAMES, absent, partner
from dialogue.layouts._source_cells import trade_frame, whole
from dialogue.messages import said
from dialogue.problems import coded

NAME = "census_bulk_peers"
DATASET = "peer_trade"
REPORTER = "US Census"
FLOWS = {"E": "us_exports", "I": "us_imports"}


def convert(sheet: RawSheet) -> LayoutResult:
    got = read(sheet, lambda code, name: partner(code, name, CENSUS_CODES), PARTNER_NAMES)
    rows = [{"reporter": REPORTER, "partner": f.country, "year": f.year, "month": f.month, "flow": FLOWS[f.prefix],
             "value": whole(f.amount, MILLION), "currency": "USD",
             "source": f"{SOURCE} (uploaded as {sheet.file}, column {f.column})",
             "note": "Units assumed USD millions (not stated in the file)."} for f in got.figures]
    problems = got.problems
    if not got.seen and not problems:
        problems.append(coded(sheet.file, sheet.sheet, None, "CTYNAME", None, "no_region_rows",
                              names=", ".join(PARTNER_NAMES.values())))
    warnings = list(got.warnings)
    found = sorted({c for c, _y in got.seen})
    if absent(found):
        warnings.append(said("region_absent", names=", ".join(absent(found))))
    if got.other:
        warnings.append(said("region_others_skipped", count=got.other))
    if got.empty_months:
        warnings.append(said("months_empty", count=got.empty_months))
    info = {"layout": NAME, "rows_skipped": got.other, "skipped_why": "countries outside the region",
            "partners": found, "years": sorted({y for _c, y in got.seen})}
    return LayoutResult(trade_frame(rows, DATASET), [f.row for f in got.figures], warnings, problems, info)
