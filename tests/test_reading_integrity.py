"""Data that came out wrong on reading (issue 13, items 2-5): overflowing numbers, dates beyond what
can be stored, Excel's fictitious 29 February 1900, hidden sheets and Excel error cells; and every
JSON the project writes read back by a strict parser."""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from dialogue import cli, db, reports, strict_json
from dialogue.reading import read_upload
from tests.conftest import put_rows
from tests.malformed_files import TRADE_HEADER, csv_bytes, trade_csv, xls_bytes, xlsx_bytes

TRADE = TRADE_HEADER.split(",")
EXERCISE = ["name", "start_date", "end_date", "format", "us_participation", "status"]
OUT_OF_RANGE = "date out of range; expected a date between 1900 and 2100"


def strict_loads(text: str):
    """json.loads that refuses NaN, Infinity and -Infinity, as JavaScript's JSON.parse does."""
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def located(parsed) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.value, p.message) for p in parsed.errors]


def fingerprint(path) -> str:
    con = db.connect(path)
    try:
        return db.fingerprint(con)
    finally:
        con.close()


# ---------------------------------------------------------------- item 2: overflow and infinity

def test_a_400_digit_value_is_refused_with_row_and_column_not_stored_as_infinity():
    parsed = read_upload(trade_csv("US Census,2024,2,us_to_serbia," + "9" * 400 + ",USD,x"), "t.csv")
    (problem,) = parsed.errors
    assert (problem.row, problem.column) == (3, "value")
    assert problem.value.startswith("999") and len(problem.value) == 80       # shortened, not 400 digits
    assert "out of range" in problem.message and "1,000,000,000,000,000" in problem.message


@pytest.mark.parametrize("cell,refused", [
    ("1000000000000000", False),            # 10^15 is the bound itself
    ("-1000000000000000", False),           # a balance may be negative
    ("1000000000000001", True),
    ("1e16", True),
    ("-" + "9" * 400, True),
])
def test_value_bound_is_ten_to_the_fifteen(cell, refused):
    flow = "balance" if cell.startswith("-") else "us_to_serbia"
    parsed = read_upload(trade_csv(f"US Census,2024,2,{flow},{cell},USD,x"), "t.csv")
    assert [(p.row, p.column) for p in parsed.errors] == ([(3, "value")] if refused else [])


def test_a_sheet_in_millions_is_bounded_after_scaling():
    parsed = read_upload(csv_bytes("reporter,year,month,flow,value (USD millions),currency",
                                   "US Census,2024,1,us_to_serbia,2000000000,USD",
                                   "US Census,2024,2,us_to_serbia,900000000,USD"), "t.csv")
    assert [(p.row, p.column) for p in parsed.errors] == [(2, "value (USD millions)")]
    assert "after scaling" in parsed.errors[0].message


def test_an_absurd_number_cell_in_a_workbook_is_refused():
    parsed = read_upload(xlsx_bytes([TRADE, ["US Census", 2024, 1, "us_to_serbia", 1e300, "USD", "x"]]), "t.xlsx")
    assert [(p.sheet, p.row, p.column) for p in parsed.errors] == [("Data", 2, "value")]


def test_quantity_bound_is_a_million():
    rows = [["date", "kind", "title", "quantity"], ["2024-05-01", "diplomat_training", "A", 1_000_000],
            ["2024-05-02", "diplomat_training", "B", 1_000_001]]
    parsed = read_upload(xlsx_bytes(rows), "e.xlsx")
    assert [(p.row, p.column) for p in parsed.errors] == [(3, "quantity")]


def test_a_400_digit_year_is_refused_not_wrapped_to_a_negative_number():
    parsed = read_upload(trade_csv("US Census," + "9" * 400 + ",2,us_to_serbia,5,USD,x"), "t.csv")
    assert [(p.row, p.column) for p in parsed.errors] == [(3, "year")]
    assert "too large" in parsed.errors[0].message


def test_an_overflowing_file_changes_nothing(tmp_path, db_path, capsys):
    path = tmp_path / "t.csv"
    path.write_bytes(trade_csv("US Census,2024,2,us_to_serbia," + "9" * 400 + ",USD,x"))
    db.connect(db_path).close()
    before = fingerprint(db_path)
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--json"]) == 1
    report = strict_loads(capsys.readouterr().out)
    assert report["ok"] is False and [(e["row"], e["column"]) for e in report["errors"]] == [(3, "value")]
    assert fingerprint(db_path) == before


# ---------------------------------------------------------------- item 2: strict JSON everywhere

def test_strict_json_writes_null_for_every_non_finite_float():
    import numpy as np

    text = strict_json.dumps({"a": float("inf"), "b": [float("-inf"), np.float64("nan"), 1.5], "c": (2, None)})
    assert text == '{"a": null, "b": [null, null, 1.5], "c": [2, null]}'
    assert strict_loads(text) == {"a": None, "b": [None, None, 1.5], "c": [2, None]}


def test_no_module_dumps_json_except_through_strict_json():
    from dialogue.config import ROOT

    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "dialogue").rglob("*.py")
                 if p.name != "strict_json.py" and re.search(r"\bjson\.dumps?\(", p.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.fixture
def infinite_db(db_path):
    """A database holding an infinite trade value, as ingest stored a 400-digit number before this fix."""
    con = db.connect(db_path)
    rows = [{"reporter": "US Census", "year": y, "month": None, "flow": f, "value": v, "currency": "USD",
             "source": "x", "publishable": True, "synthetic": False}
            for y, v in ((2024, 100.0), (2025, float("inf"))) for f in ("us_to_serbia", "serbia_to_us")]
    put_rows(con, "trade", rows, time="2026-01-02 00:00:00")
    con.close()
    return db_path


def test_status_json_is_strict_even_over_an_infinite_stored_value(infinite_db, capsys):
    assert cli.main(["--db", str(infinite_db), "status", "--json", "--as-of", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert "Infinity" not in out and "NaN" not in out
    assert strict_loads(out)["targets"]


def test_public_report_data_block_is_strict_even_over_an_infinite_stored_value(infinite_db):
    con = db.connect(infinite_db)
    try:
        _, files = reports.documents(con, date(2026, 6, 30), None, kind="public")
    finally:
        con.close()
    (page,) = [data.decode("utf-8") for data in files.values()]
    blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        strict_loads(block)


# ---------------------------------------------------------------- item 3: dates beyond what can be stored

def _exercise(start) -> list[list]:
    return [EXERCISE, ["Platinum Wolf", start, None, "bilateral", "yes", "held"]]


FAR_DATES = [datetime(9999, 12, 31), datetime(1, 1, 1), datetime(2262, 4, 12)]


@pytest.mark.parametrize("start", FAR_DATES + ["9999-12-31", "0001-01-01", "2262-04-12", "31.12.9999."],
                         ids=str)
def test_far_dates_in_a_workbook_are_a_row_error_like_2200(start):
    parsed = read_upload(xlsx_bytes(_exercise(start)), "e.xlsx")
    assert [(p.sheet, p.row, p.column, p.message) for p in parsed.errors] == [("Data", 2, "start_date", OUT_OF_RANGE)]
    if start in (datetime(9999, 12, 31), "9999-12-31", "31.12.9999.", "2262-04-12"):
        assert parsed.errors[0].value == (start if isinstance(start, str) else "9999-12-31")


def test_2200_gives_the_same_error_as_the_far_dates():
    parsed = read_upload(xlsx_bytes(_exercise("2200-01-01")), "e.xlsx")
    assert located(parsed) == [("Data", 2, "start_date", "2200-01-01", OUT_OF_RANGE)]


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "2262-04-12"])
def test_far_dates_in_csv_are_a_row_error(start):
    data = csv_bytes(",".join(EXERCISE), f"Platinum Wolf,{start},,bilateral,yes,held")
    parsed = read_upload(data, "e.csv")
    assert located(parsed) == [(None, 2, "start_date", start, OUT_OF_RANGE)]


def test_the_last_excel_serial_is_a_row_error_in_xlsx_and_xls():
    for data, name in ((xlsx_bytes(_exercise(2958465)), "e.xlsx"), (xls_bytes(_exercise(2958465)), "e.xls")):
        parsed = read_upload(data, name)
        assert located(parsed) == [(parsed.sheet, 2, "start_date", "2958465", OUT_OF_RANGE)], name


def test_far_date_cells_through_the_cell_reader_path(monkeypatch):
    """When fastexcel's frame cannot be used the sheet is read cell by cell (calamine's Python dates)."""
    from dialogue import sheets

    monkeypatch.setattr(sheets, "_align", lambda frame, header_cells: None)
    wb = _exercise(datetime(9999, 12, 31)) + [["Double Eagle", datetime(2024, 9, 1), None, "bilateral", "no", "held"]]
    parsed = read_upload(xlsx_bytes(wb), "e.xlsx")
    assert located(parsed) == [("Data", 2, "start_date", "9999-12-31", OUT_OF_RANGE)]


def test_far_dates_in_an_ods_are_a_row_error():
    frame = pd.DataFrame([["Platinum Wolf", datetime(9999, 12, 31), "bilateral", "yes", "held"],
                          ["Double Eagle", datetime(2024, 9, 1), "bilateral", "no", "held"]],
                         columns=["name", "start_date", "format", "us_participation", "status"])
    out = io.BytesIO()
    frame.to_excel(out, engine="odf", index=False, sheet_name="Exercises")
    parsed = read_upload(out.getvalue(), "e.ods")
    assert [(p.row, p.column, p.message) for p in parsed.errors] == [(2, "start_date", OUT_OF_RANGE)]


def test_a_far_date_file_changes_nothing(tmp_path, db_path, capsys):
    path = tmp_path / "e.xlsx"
    path.write_bytes(xlsx_bytes(_exercise(datetime(9999, 12, 31))))
    db.connect(db_path).close()
    before = fingerprint(db_path)
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--json"]) == 1
    report = strict_loads(capsys.readouterr().out)
    assert [(e["sheet"], e["row"], e["column"], e["message"]) for e in report["errors"]] == [
        ("Data", 2, "start_date", OUT_OF_RANGE)]
    assert fingerprint(db_path) == before


def test_excel_serial_60_is_refused_not_read_as_28_february():
    for data, name in ((xlsx_bytes(_exercise(60)), "e.xlsx"), (xls_bytes(_exercise(60)), "e.xls")):
        parsed = read_upload(data, name)
        assert [(p.row, p.column, p.value) for p in parsed.errors] == [(2, "start_date", "60")], name
        assert "29 February 1900" in parsed.errors[0].message


def test_a_date_formatted_serial_60_is_refused():
    """calamine gives serials 59 and 60 alike as 28 Feb 1900, so a date cell showing that day is refused."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in _exercise(60) + [["Double Eagle", 45000, None, "bilateral", "no", "held"]]:
        ws.append(row)
    for cell in ("B2", "B3"):
        ws[cell].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    parsed = read_upload(out.getvalue(), "e.xlsx")
    assert [(p.row, p.column, p.value) for p in parsed.errors] == [(2, "start_date", "1900-02-28")]
    assert "serial 60" in parsed.errors[0].message


# ---------------------------------------------------------------- item 4: hidden sheets

def _book_with_hidden_sheets() -> bytes:
    """A visible sheet with one row, and a hidden and a very hidden copy holding 999999."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in (TRADE, ["US Census", 2024, 1, "us_to_serbia", 100, "USD", "x"]):
        ws.append(row)
    for name, state, month in (("Old copy", "hidden", 2), ("Lookup", "veryHidden", 3)):
        other = wb.create_sheet(name)
        for row in (TRADE, ["US Census", 2024, month, "us_to_serbia", 999999, "USD", "x"]):
            other.append(row)
        other.sheet_state = state
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_hidden_and_very_hidden_sheets_are_skipped_with_a_warning_naming_them():
    parsed = read_upload(_book_with_hidden_sheets(), "t.xlsx")
    assert parsed.errors == []
    assert parsed.frame["value"].tolist() == [100.0] and parsed.info["sheets"] == ["Data"]
    (warning,) = [w for w in parsed.warnings if "hidden" in w]
    assert "Skipped hidden sheet(s): 'Old copy' (hidden), 'Lookup' (very hidden)" in warning
    assert "--include-hidden" in warning
    assert parsed.info["hidden_sheets"] == ["Old copy", "Lookup"]


def test_hidden_sheets_are_read_when_the_analyst_asks():
    parsed = read_upload(_book_with_hidden_sheets(), "t.xlsx", include_hidden=True)
    assert parsed.errors == []
    assert parsed.frame["value"].tolist() == [100.0, 999999.0, 999999.0]
    assert parsed.info["sheets"] == ["Data", "Old copy", "Lookup"]
    assert any(w.startswith("Read hidden sheet(s) as asked: 'Old copy' (hidden)") for w in parsed.warnings)


def test_ingest_skips_hidden_sheets_unless_include_hidden(tmp_path, db_path, capsys):
    path = tmp_path / "t.xlsx"
    path.write_bytes(_book_with_hidden_sheets())

    def stored() -> list[float]:
        con = db.connect(db_path)
        try:
            return sorted(con.execute("select value from trade where valid_to is null").df()["value"])
        finally:
            con.close()

    assert cli.main(["--db", str(db_path), "ingest", str(path), "--json"]) == 0
    report = strict_loads(capsys.readouterr().out)
    assert report["rows"]["added"] == 1 and any("'Old copy' (hidden)" in w for w in report["warnings"])
    assert stored() == [100.0]
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--include-hidden", "--json"]) == 0
    assert strict_loads(capsys.readouterr().out)["rows"]["added"] == 2
    assert stored() == [100.0, 999999.0, 999999.0]


def test_a_hidden_data_sheet_behind_an_empty_visible_one_is_not_read_by_default():
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (TRADE, ["US Census", 2024, 1, "us_to_serbia", 100, "USD", "x"]):
        ws.append(row)
    shown = wb.create_sheet("Empty")
    ws.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    parsed = read_upload(out.getvalue(), "t.xlsx")          # the data hide; only an empty sheet shows
    assert parsed.frame is None and parsed.errors
    assert any("'Sheet' (hidden)" in w for w in parsed.warnings)
    assert shown.title == "Empty"
    assert read_upload(out.getvalue(), "t.xlsx", include_hidden=True).frame["value"].tolist() == [100.0]


def test_a_workbook_whose_every_sheet_is_hidden_is_refused_with_a_message_by_default():
    """Excel will not save such a file, but a crafted one can be: workbook.xml edited by hand."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([TRADE, ["US Census", 2024, 1, "us_to_serbia", 100, "USD", "x"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = body.replace(b'<sheet name="Data"', b'<sheet state="veryHidden" name="Data"')
            archive.writestr(info, body)
    parsed = read_upload(out.getvalue(), "t.xlsx")
    (problem,) = parsed.errors
    assert parsed.frame is None and "Every sheet of the workbook is hidden ('Data' (very hidden))" in problem.message
    assert "--include-hidden" in problem.message
    assert read_upload(out.getvalue(), "t.xlsx", include_hidden=True).frame["value"].tolist() == [100.0]


def _ods(sheets: list[tuple[str, list[list], bool]]) -> bytes:
    """An OpenDocument spreadsheet whose sheets may be hidden (a table style with display=false)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="hiddentable", family="table")
    hidden.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden)
    for name, rows, hide in sheets:
        table = Table(name=name, stylename=hidden) if hide else Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                cell = (TableCell(valuetype="float", value=value) if isinstance(value, (int, float))
                        else TableCell(valuetype="string"))
                cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_hidden_sheets_of_an_ods_are_skipped_too():
    data = _ods([("Data", [TRADE, ["US Census", 2024, 1, "us_to_serbia", 100, "USD", "x"]], False),
                 ("Old", [TRADE, ["US Census", 2024, 2, "us_to_serbia", 999999, "USD", "x"]], True)])
    parsed = read_upload(data, "t.ods")
    assert parsed.errors == [] and parsed.frame["value"].tolist() == [100.0]
    assert any("Skipped hidden sheet(s): 'Old' (hidden)" in w for w in parsed.warnings)
    assert read_upload(data, "t.ods", include_hidden=True).frame["value"].tolist() == [100.0, 999999.0]


# ---------------------------------------------------------------- item 5: Excel error cells

def _exercises_with_errors() -> bytes:
    """openpyxl writes an error code as an error cell (t="e"), as Excel saves a failed formula."""
    rows = [EXERCISE + ["location", "note"],
            ["Platinum Wolf", "2024-06-15", "#REF!", "multinational", "yes", "held", "Pasuljanske livade", "#N/A"],
            ["Double Eagle", "2024-09-01", None, "bilateral", "no", "planned", "#DIV/0!", "fine"],
            ["Saber", "2024-10-01", None, "bilateral", "no", "planned", "#VALUE!", "#NAME?"]]
    data = xlsx_bytes(rows)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.active["C2"].data_type == "e", "the fixture really holds error cells"
    return data


def test_error_cells_in_optional_columns_are_read_as_empty_with_a_warning_naming_them():
    parsed = read_upload(_exercises_with_errors(), "e.xlsx")
    assert parsed.errors == []
    errors = [w for w in parsed.warnings if "Excel error" in w]
    assert errors == [
        "e.xlsx, sheet 'Data', column 'end_date': Excel error cell(s) read as empty: row 2 (#REF!)",
        "e.xlsx, sheet 'Data', column 'location': Excel error cell(s) read as empty: row 3 (#DIV/0!), row 4 (#VALUE!)",
        "e.xlsx, sheet 'Data', column 'note': Excel error cell(s) read as empty: row 2 (#N/A), row 4 (#NAME?)",
    ]
    assert parsed.frame["location"].isna().tolist() == [False, True, True]
    assert parsed.frame["note"].tolist()[1] == "fine"


@pytest.mark.parametrize("code", ["#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_an_error_cell_in_a_required_column_is_an_error_at_its_row_and_column(code):
    rows = [EXERCISE, ["Platinum Wolf", "2024-06-15", None, "multinational", "yes", "held"],
            ["Double Eagle", code, None, "bilateral", "no", "planned"]]
    parsed = read_upload(xlsx_bytes(rows), "e.xlsx")
    assert [(p.file, p.sheet, p.row, p.column, p.value) for p in parsed.errors] == [
        ("e.xlsx", "Data", 3, "start_date", code)]
    assert "Excel error" in parsed.errors[0].message


def test_error_codes_in_a_csv_are_treated_alike():
    data = csv_bytes("name,start_date,end_date,format,us_participation,status,note",
                     "Platinum Wolf,2024-06-15,#REF!,multinational,yes,held,#N/A",
                     "Double Eagle,2024-09-01,,bilateral,#N/A,planned,")
    parsed = read_upload(data, "e.csv")
    assert [(p.sheet, p.row, p.column, p.value) for p in parsed.errors] == [(None, 3, "us_participation", "#N/A")]
    assert "e.csv, column 'end_date': Excel error cell(s) read as empty: row 2 (#REF!)" in parsed.warnings


def test_an_error_cell_in_a_required_number_column_changes_nothing(tmp_path, db_path, capsys):
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_bytes([TRADE, ["US Census", 2024, 1, "us_to_serbia", "#DIV/0!", "USD", "x"]]))
    db.connect(db_path).close()
    before = fingerprint(db_path)
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--json"]) == 1
    report = strict_loads(capsys.readouterr().out)
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in report["errors"]] == [("Data", 2, "value", "#DIV/0!")]
    assert fingerprint(db_path) == before


def test_a_huge_number_in_a_text_column_is_kept_as_written_not_a_failed_file():
    rows = [TRADE + ["note"], ["US Census", 2024, 1, "us_to_serbia", 5, "USD", "x", 1e300]]
    parsed = read_upload(xlsx_bytes(rows), "t.xlsx")
    assert parsed.errors == [] and parsed.frame["note"].tolist() == ["1e+300"]


def _as_libreoffice_errors(data: bytes) -> bytes:
    """An .ods whose text cells holding an error code become error cells as LibreOffice saves a
    failed formula (office:string-value="" calcext:value-type="error"), which calamine reads as ''."""
    calcext = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "content.xml":
                text = body.decode("utf-8").replace("<office:document-content ",
                                                    f'<office:document-content xmlns:calcext="{calcext}" ', 1)
                text = re.sub(r'<table:table-cell office:value-type="string"><text:p>(#[A-Z0-9/!?]+)</text:p>',
                              r'<table:table-cell office:value-type="string" office:string-value="" '
                              r'calcext:value-type="error"><text:p>\1</text:p>', text)
                body = text.encode("utf-8")
            archive.writestr(info, body)
    return out.getvalue()


def test_libreoffice_error_cells_in_an_ods_are_named_too():
    header = ["name", "start_date", "format", "us_participation", "status", "note"]
    data = _as_libreoffice_errors(_ods([("Exercises", [header,
                                                       ["Platinum Wolf", "2024-06-15", "bilateral", "yes", "held", "#DIV/0!"],
                                                       ["Double Eagle", "#REF!", "bilateral", "no", "held", "ok"]], False)]))
    assert zipfile.ZipFile(io.BytesIO(data)).read("content.xml").count(b'calcext:value-type="error"') == 2
    parsed = read_upload(data, "e.ods")
    assert [(p.sheet, p.row, p.column, p.value) for p in parsed.errors] == [("Exercises", 3, "start_date", "#REF!")]
    assert "e.ods, sheet 'Exercises', column 'note': Excel error cell(s) read as empty: row 2 (#DIV/0!)" in parsed.warnings


def test_error_cells_of_a_legacy_xls_are_named_too():
    from tests.malformed_files import CellError

    data = xls_bytes([EXERCISE + ["note"],
                      ["Platinum Wolf", "2024-06-15", CellError("#REF!"), "bilateral", "yes", "held", CellError("#N/A")],
                      ["Double Eagle", CellError("#DIV/0!"), None, "bilateral", "no", "held", "ok"]], sheet="Vežbe")
    parsed = read_upload(data, "e.xls")
    assert [(p.sheet, p.row, p.column, p.value) for p in parsed.errors] == [("Vežbe", 3, "start_date", "#DIV/0!")]
    assert [w for w in parsed.warnings if "Excel error" in w] == [
        "e.xls, sheet 'Vežbe', column 'end_date': Excel error cell(s) read as empty: row 2 (#REF!)",
        "e.xls, sheet 'Vežbe', column 'note': Excel error cell(s) read as empty: row 2 (#N/A)"]


def test_the_xls_error_scan_never_raises_on_damaged_files():
    from dialogue.sheets import _xls_error_cells
    from tests.malformed_files import CellError, ole2

    data = xls_bytes([EXERCISE, ["Platinum Wolf", CellError("#REF!"), None, "bilateral", "yes", "held"]])
    assert _xls_error_cells(data) == {"#0": {(2, 1): "#REF!"}}
    for cut in range(0, len(data), 97):
        assert isinstance(_xls_error_cells(data[:cut]), dict)
    flipped = bytearray(data)
    flipped[0x1E] = 40                                  # an absurd sector size
    assert _xls_error_cells(bytes(flipped)) == {}
    assert _xls_error_cells(ole2("Workbook")) == {}
