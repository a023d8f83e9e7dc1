"""The briefing's Excel annex as XlsxWriter writes it: every value keeps its type, text never becomes a formula."""
from __future__ import annotations

import io
from datetime import date, datetime
from types import SimpleNamespace

import openpyxl
import pandas as pd
import xlsxwriter

from dialogue.reports.xlsx import FORMATS, HEADER_ROW, _column_values, _sheet_of_columns, _Styles, _write


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


def _column_sheet(frame: pd.DataFrame, kinds: list[str]):
    """Sheet "s" written as the annex writes a dataset (a column at a time), read back by openpyxl."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    content = SimpleNamespace(lang="en", title="T", known_at_text="2026-07-01 09:00:00", as_of=date(2026, 6, 30),
                              demo=False)
    columns = [_column_values(frame[col], kind) for col, kind in zip(frame.columns, kinds)]
    _sheet_of_columns(_Styles(wb), content, "s", "t", list(frame.columns), columns, kinds)
    wb.close()
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["s"]


def test_a_dataset_column_is_written_as_each_of_its_cells_would_be():
    """The annex converts and writes dataset columns a column at a time: missing values stay empty, timestamps are
    dates, text is guarded, numbers and booleans keep their types, column widths follow the widest value."""
    frame = pd.DataFrame({
        "name": pd.Series(["=cmd|' /c calc'!A1", None, "a\rb", "=cmd|' /c calc'!A1"], dtype="string"),
        "day": pd.to_datetime(["2026-06-30", None, "2026-01-02 13:00", "2026-02-03"], format="ISO8601"),
        "value": [1.5, float("nan"), float("inf"), 1234567.25],
        "year": pd.Series([2024, 2025, None, 2026], dtype="Int32"),
        "flag": pd.Series([True, None, False, True], dtype="boolean"),
    })
    ws = _column_sheet(frame, ["text", "date", "number", "int", "bool"])
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    assert rows == [
        ["'=cmd|' /c calc'!A1", datetime(2026, 6, 30), 1.5, 2024, True],
        [None, None, None, 2025, None],
        ["a\nb", datetime(2026, 1, 2), "inf", None, False],     # a date column holds the day, not the time
        ["'=cmd|' /c calc'!A1", datetime(2026, 2, 3), 1234567.25, 2026, True],
    ]
    assert ws["A5"].quotePrefix and ws["A8"].quotePrefix and not ws["A7"].quotePrefix
    assert ws["B5"].number_format == FORMATS["date"] and ws["C8"].number_format == FORMATS["number"]
    # widths (XlsxWriter adds 0.71): the text as uploaded, 18 characters + 2; 1,234,567.25, 12 + 2; "year", 4 + 4
    widths = {k: round(d.width) for k, d in ws.column_dimensions.items()}
    assert (widths["A"], widths["C"], widths["D"]) == (21, 15, 9)
