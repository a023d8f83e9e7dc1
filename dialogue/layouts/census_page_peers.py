"""US Census "Trade in Goods with <Country>" pages of Serbia's neighbours (issue 17), as peer_trade rows.

Read only when the upload names the dataset peer_trade; without it a Census page is Serbia's target series
(census_page), as before. The table is read exactly as census_page reads it (USD millions, TOTAL rows checked);
the partner is the page's: recognised by the title's country name and by the Schedule C code of the page's address
(c4803.html) or of the title ("... with Kosovo (4803)"); a name and a code that disagree are refused at that cell.
"""
from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.utils import get_column_letter

from dialogue.layouts import RawSheet
from dialogue.layouts._partners import CENSUS_CODES, PARTNER_NAMES, Clash, partner
from dialogue.layouts._source_cells import fold, row_values, text, whole
from dialogue.layouts.census_page import MILLION, REPORTER, TITLE, Page, detect, read  # noqa: F401 - detect is ours
from dialogue.messages import said

NAME = "census_page_peers"
DATASET = "peer_trade"
PAGE_CODE = re.compile(r"\bc(\d{4})\.html?\b|\((\d{4})\)")
SOURCE = "US Census Bureau, Trade in Goods with {name}: https://www.census.gov/foreign-trade/balance/"


def convert(sheet: RawSheet):
    return read(sheet, PEER_PAGE)


def _partner(sheet: RawSheet, header_at: int, problem, warnings: list[str]) -> str | None:
    """The page's partner from its title and code (above the table); a problem when none or two disagree."""
    name = code = None
    title_at = code_at = (None, None)                     # (row, column letter) of the title and of the code
    for i in range(min(header_at + 1, len(sheet.cells))):
        for j, value in enumerate(row_values(sheet.cells, i)):
            title, found = re.search(TITLE.pattern, text(value), re.I), PAGE_CODE.search(fold(value))
            if title and name is None:
                name = re.sub(r"\s*\(\d{4}\)", "", title.group(1)).strip(" .:")
                title_at = (sheet.first_row + i, get_column_letter(j + 1))
            if found and code is None:
                code = found.group(1) or found.group(2)
                code_at = (sheet.first_row + i, get_column_letter(j + 1))
    try:
        got = partner(code or "", name or "", CENSUS_CODES)
    except Clash as exc:                                  # the code contradicts the title: refused at the code
        problem(*code_at, code, exc.args[0])
        return None
    where = title_at if name else code_at
    if got is None:
        names = ", ".join(PARTNER_NAMES.values())
        problem(*where, name or code,
                said("other_country_page_region", country=name or said("page_code", cty=code), names=names)
                if name or code else said("partner_title_missing", names=names))
    elif name is None:
        warnings.append(said("partner_from_code", cty=code, name=PARTNER_NAMES[got]))
    return got


def _pair(partner_code: str | None, year: int, month: int | None, exports: Decimal, imports: Decimal, file: str,
          note: str = "") -> list[dict]:
    if partner_code is None:                      # the partner problem is already reported
        return []
    base = {"reporter": REPORTER, "partner": partner_code, "year": year, "month": month, "currency": "USD",
            "source": SOURCE.format(name=PARTNER_NAMES[partner_code]) + f" (uploaded as {file})",
            "note": note or None}
    return [{**base, "flow": "us_exports", "value": whole(exports, MILLION)},
            {**base, "flow": "us_imports", "value": whole(imports, MILLION)}]


PEER_PAGE = Page(NAME, DATASET, _partner, _pair)
