"""The briefing's Excel annex as XlsxWriter writes it: every value keeps its type, text never becomes a formula."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import xlsxwriter

from dialogue.reports.xlsx import FORMATS, _Styles, _write


def _written(values: list, number_format: str | None = None) -> list:
    """The cells of column A after writing `values` one per row, read back by openpyxl."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    styles, ws = _Styles(wb), wb.add_worksheet("s")
    for i, value in enumerate(values):
        _write(ws, styles, i, 0, value, number_format)
    wb.close()
    return [row[0] for row in openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["s"].iter_rows(max_col=1)]


def test_formula_like_text_is_guarded_quote_prefixed_text():
    cells = _written(["=1+1", "+381 11", " @SUM(A1)", "\tcmd", "plain"])
    assert [c.value for c in cells] == ["'=1+1", "'+381 11", "' @SUM(A1)", "'\tcmd", "plain"]
    assert [c.data_type for c in cells] == ["s"] * 5
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]


def test_control_characters_become_replacement_and_line_ends_read_back_as_written():
    # \x01 cannot be held by XML (U+FFFD, as openpyxl did); CR and CRLF read back as LF, as from openpyxl's files
    cells = _written(["a\x01b", "one\rtwo", "one\r\ntwo", "\r=cmd"])
    assert [c.value for c in cells] == ["a\ufffdb", "one\ntwo", "one\ntwo", "'\n=cmd"]
    assert cells[3].quotePrefix


def test_numbers_dates_and_booleans_keep_their_types_and_formats():
    assert [c.value for c in _written([3, 2.5, True])] == [3, 2.5, True]
    cells = _written([date(2026, 6, 30), datetime(2026, 6, 30, 12, 5, 7)], FORMATS["date"])
    assert [c.value for c in cells] == [datetime(2026, 6, 30), datetime(2026, 6, 30, 12, 5, 7)]
    assert {c.number_format for c in cells} == {"yyyy-mm-dd"}
    assert _written([1234.5], FORMATS["number"])[0].number_format == "#,##0.##"


def test_an_infinite_number_is_written_as_text_not_as_an_invalid_number():
    cells = _written([float("inf"), float("-inf")])
    assert [c.value for c in cells] == ["inf", "'-inf"] and [c.data_type for c in cells] == ["s", "s"]
