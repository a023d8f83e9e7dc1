"""read_upload end to end: our template in CSV/XLSX/ODS, the messy shapes analysts really send, encodings."""
from __future__ import annotations

import io
import sys
import textwrap
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from dialogue import layouts
from dialogue.datasets import DATASETS
from dialogue.reading import read_upload
from tests.malformed_files import xlsx_bytes

TEMPLATE_ROWS = {
    "peer_trade": [
        {"reporter": "US Census", "partner": "AL", "year": 2024, "month": 1, "flow": "us_exports", "value": 12.5e6,
         "currency": "USD", "source": "census.gov"},
        {"reporter": "US Census", "partner": "ME", "year": 2024, "month": 1, "flow": "us_imports", "value": 3e6,
         "currency": "USD", "source": "census.gov"},
    ],
    "trade": [
        {"reporter": "US Census", "year": 2024, "month": 1, "flow": "us_to_serbia", "value": 1500.5,
         "currency": "USD", "source": "census.gov"},
        {"reporter": "US Census", "year": 2024, "month": 2, "flow": "serbia_to_us", "value": 2000,
         "currency": "USD", "source": "census.gov"},
    ],
    "exercises": [
        {"name": "Platinum Wolf", "start_date": "2023-06-15", "end_date": "2023-06-30",
         "format": "multinational", "us_participation": "yes", "status": "held"},
        {"name": "Double Eagle", "start_date": "2024-09-01", "format": "bilateral",
         "us_participation": "no", "status": "planned"},
    ],
    "agreements": [
        {"title": "MoU on energy", "date_signed": "2024-01-10", "category": "energy",
         "area": "energy", "status": "signed", "value": 100, "currency": "USD"},
    ],
    "events": [
        {"date": "2024-03-01", "kind": "annual_meeting", "title": "Dialogue session"},
        {"date": "2024-05-01", "kind": "diplomat_training", "title": "Course", "quantity": 3},
    ],
    "working_groups": [
        {"group_id": "wg-trade", "name": "Trade", "area": "economic", "established": "2026-04-01", "state": "active"},
    ],
    "actions": [
        {"action_id": "A1", "group_id": "wg-trade", "title": "Barrier list", "lead_side": "joint",
         "due_date": "2026-09-30", "state": "in_progress", "progress": 40},
        {"action_id": "A2", "group_id": "wg-trade", "title": "No dates yet", "lead_side": "us", "state": "planned"},
    ],
    "commitments": [
        {"commitment_id": "C1", "made_at": "2026-02-12", "meeting": "Inaugural meeting", "text": "Sign DTA",
         "side": "joint", "state": "open", "action_ids": "A1;A2"},
    ],
}


def _csv(dataset: str, sep: str = ",") -> bytes:
    cols = DATASETS[dataset].column_names
    lines = [sep.join(cols)]
    for row in TEMPLATE_ROWS[dataset]:
        lines.append(sep.join(str(row.get(c, "")) for c in cols))
    return ("\n".join(lines) + "\n").encode()


def _xlsx(rows: list[list], sheets: dict[str, list[list]] | None = None, title: str = "Data") -> bytes:
    return xlsx_bytes(rows, title, sheets)


def _template_xlsx(dataset: str) -> bytes:
    cols = DATASETS[dataset].column_names
    return _xlsx([cols] + [[row.get(c) for c in cols] for row in TEMPLATE_ROWS[dataset]])


@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_in_csv_and_xlsx(dataset, fmt):
    data = _csv(dataset) if fmt == "csv" else _template_xlsx(dataset)
    parsed = read_upload(data, f"{dataset}.{fmt}")
    assert parsed.errors == []
    assert parsed.dataset == dataset and parsed.layout == "template"
    assert list(parsed.frame.columns) == DATASETS[dataset].column_names
    assert len(parsed.frame) == len(TEMPLATE_ROWS[dataset])
    assert list(parsed.row_numbers) == list(range(2, 2 + len(TEMPLATE_ROWS[dataset])))
    assert parsed.frame["publishable"].tolist() == [True] * len(parsed.frame)
    assert parsed.frame["synthetic"].tolist() == [False] * len(parsed.frame)


def test_template_types_and_values():
    parsed = read_upload(_csv("trade"), "trade.csv")
    frame = parsed.frame
    assert str(frame["year"].dtype) == "Int64" and str(frame["value"].dtype) == "Float64"
    assert frame["value"].tolist() == [1500.5, 2000.0]
    assert frame["flow"].tolist() == ["us_to_serbia", "serbia_to_us"]
    ex = read_upload(_template_xlsx("exercises"), "ex.xlsx").frame
    assert ex["start_date"].tolist() == [pd.Timestamp("2023-06-15"), pd.Timestamp("2024-09-01")]
    assert pd.isna(ex["end_date"].iloc[1])
    assert ex["date_precision"].tolist() == ["day", "day"]


def test_dataset_given_explicitly():
    assert read_upload(_csv("events"), "e.csv", dataset="events").dataset == "events"


def test_messy_workbook_title_notes_blank_rows_real_dates_serbian():
    data = _xlsx([
        ["Вежбе са америчким снагама"],
        ["Izvor: Ministarstvo odbrane, preuzeto 2025"],
        [],
        ["Назив вежбе", "Почетак", "Крај", "Формат", "Учешће САД", "Статус", "Напомена"],
        ["Platinum Wolf", datetime(2023, 6, 15), datetime(2023, 6, 30), "Мултинационална", "Да", "Одржана", None],
        [],
        ["Double Eagle", "June 2025", None, "bilateralna", "ne", "planirana", "najava"],
        ["Napomena: podaci su preliminarni"],
    ], title="Vežbe")
    parsed = read_upload(data, "vezbe.xlsx")
    assert parsed.errors == []
    assert parsed.dataset == "exercises" and parsed.sheet == "Vežbe"
    f = parsed.frame
    assert f["name"].tolist() == ["Platinum Wolf", "Double Eagle"]
    assert f["start_date"].tolist() == [pd.Timestamp("2023-06-15"), pd.Timestamp("2025-06-01")]
    assert f["date_precision"].tolist() == ["day", "month"]
    assert f["format"].tolist() == ["multinational", "bilateral"]
    assert f["us_participation"].tolist() == ["yes", "no"]
    assert f["status"].tolist() == ["held", "planned"]
    assert list(parsed.row_numbers) == [5, 7]
    assert parsed.info["note_rows_skipped"] == 1


def test_every_sheet_considered_data_on_second_sheet():
    data = _xlsx([["Instructions"], ["Fill in the second sheet."]],
                 sheets={"Trade": [["Godina", "Mesec", "Izveštač", "Tok", "Vrednost", "Valuta"],
                                   [2024, 3, "Serbia RZS", "serbia_to_us", 10.5, "EUR"]]},
                 title="Read me")
    parsed = read_upload(data, "t.xlsx")
    assert parsed.errors == [] and parsed.sheet == "Trade"
    assert parsed.frame[["reporter", "year", "month", "value", "currency"]].iloc[0].tolist() == [
        "Serbia RZS", 2024, 3, 10.5, "EUR"]


def test_sheets_with_the_same_columns_are_read_together():
    header = ["reporter", "year", "month", "flow", "value", "currency"]
    data = _xlsx([header, ["US Census", 2023, 1, "us_to_serbia", 1, "USD"]],
                 sheets={"2024": [header, ["US Census", 2024, 1, "us_to_serbia", 2, "USD"]]}, title="2023")
    parsed = read_upload(data, "t.xlsx")
    assert parsed.errors == []
    assert parsed.frame["year"].tolist() == [2023, 2024]
    assert parsed.info["sheets"] == ["2023", "2024"]


def test_millions_in_header_are_scaled_and_currency_taken_from_it():
    data = b"reporter;year;flow;Value (USD millions)\nUS Census;2023;us_to_serbia;1.234,5\n"
    parsed = read_upload(data, "t.csv")
    assert parsed.errors == []
    assert parsed.frame["value"].iloc[0] == pytest.approx(1_234_500_000)
    assert parsed.frame["currency"].iloc[0] == "USD"
    assert any("scaled" in w for w in parsed.warnings)
    assert any("USD" in w for w in parsed.warnings)


def test_millions_in_title_row_are_scaled():
    data = _xlsx([["NOTE: All figures are in millions of U.S. dollars"],
                  ["reporter", "year", "flow", "value", "currency"],
                  ["US Census", 2023, "us_to_serbia", 2.5, "USD"]])
    parsed = read_upload(data, "t.xlsx")
    assert parsed.frame["value"].iloc[0] == pytest.approx(2_500_000)
    assert any("scaled" in w for w in parsed.warnings)


def test_number_and_date_shapes_in_csv():
    data = textwrap.dedent("""\
        date;kind;title;quantity
        15.06.2023.;progress;A;1.234,5
        15/06/2023;visit;B;(12,0)
        June 2025;context;C;€ 1.000,00
        45000;visit;D;12%
        """).encode()
    parsed = read_upload(data, "events.csv")
    assert [p.message for p in parsed.errors] == [p.message for p in parsed.errors if "negative" in p.message]
    f = parsed.frame
    assert f["date"].tolist() == [pd.Timestamp("2023-06-15")] * 2 + [pd.Timestamp("2025-06-01"), pd.Timestamp("2023-03-15")]
    assert f["quantity"].tolist()[0] == 1234.5 and f["quantity"].tolist()[2] == 1000.0
    assert len(parsed.errors) == 1 and parsed.errors[0].row == 3 and parsed.errors[0].column == "quantity"


SERBIAN = "Niš,Čačak,Šabac,Požarevac,Đakovica"


@pytest.mark.parametrize("encoding,bom", [
    ("cp1250", b""), ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""),
    ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_serbian_latin_in_every_encoding(encoding, bom):
    text = "name,start_date,location,format,us_participation,status\n" + "".join(
        f"Vežba {i},2024-0{i}-01,{town},bilateral,yes,held\n" for i, town in enumerate(SERBIAN.split(","), 1))
    parsed = read_upload(bom + text.encode(encoding), "e.csv")
    assert parsed.errors == []
    assert parsed.frame["location"].tolist() == SERBIAN.split(",")
    assert parsed.frame["name"].iloc[0] == "Vežba 1"


def test_cyrillic_cp1251_read_correctly():
    text = "Назив вежбе;Почетак;Место;Формат;Учешће САД;Статус\nЗаједничка обука;15.06.2023.;Пасуљанске ливаде;билатерална;да;одржана\n"
    parsed = read_upload(text.encode("cp1251"), "e.csv")
    assert parsed.errors == [] and parsed.info["encoding"] == "cp1251"
    assert parsed.frame["location"].iloc[0] == "Пасуљанске ливаде"
    assert parsed.frame["status"].iloc[0] == "held"


def test_western_iso_8859_1_read_correctly():
    text = "reporter,year,flow,value,currency,note\nUN Comtrade,2023,serbia_to_us,5,USD,Côte d'Ivoire; Curaçao; São Tomé\n"
    parsed = read_upload(text.encode("iso-8859-1"), "c.csv")
    assert parsed.errors == [] and parsed.info["encoding"] == "iso-8859-1"
    assert parsed.frame["note"].iloc[0] == "Côte d'Ivoire; Curaçao; São Tomé"


def test_uncertain_code_page_offers_previews_and_the_choice_works():
    data = "reporter,year,flow,value,currency,note\nUS Census,2023,us_to_serbia,5,USD,Peč\n".encode("cp1250")
    parsed = read_upload(data, "t.csv")
    assert parsed.frame is None and parsed.errors
    candidates = {c["encoding"]: c["preview"] for c in parsed.info["encoding_candidates"]}
    assert "Peč" in candidates["cp1250"] and "Peè" in candidates["iso-8859-1"]
    chosen = read_upload(data, "t.csv", encoding="cp1250")
    assert chosen.errors == [] and chosen.frame["note"].iloc[0] == "Peč"


def test_tab_separated_txt():
    parsed = read_upload(_csv("events", sep="\t"), "events.txt")
    assert parsed.errors == [] and parsed.info["separator"] == "\t"


def test_ods():
    cols = DATASETS["events"].column_names
    frame = pd.DataFrame([[r.get(c) for c in cols] for r in TEMPLATE_ROWS["events"]], columns=cols)
    out = io.BytesIO()
    frame.to_excel(out, engine="odf", index=False, sheet_name="Events")
    parsed = read_upload(out.getvalue(), "events.ods")
    assert parsed.errors == [] and parsed.info["format"] == "ods"
    assert parsed.frame["kind"].tolist() == ["annual_meeting", "diplomat_training"]
    assert list(parsed.row_numbers) == [2, 3]


def test_xlsm_macros_never_run():
    plain = zipfile.ZipFile(io.BytesIO(_template_xlsx("events")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in plain.infolist():
            z.writestr(info.filename, plain.read(info.filename))
        z.writestr("xl/vbaProject.bin", b"\x00macro that must never run")
    parsed = read_upload(out.getvalue(), "events.xlsm")
    assert parsed.errors == [] and parsed.info["format"] == "xlsm"
    assert any("macros" in w and "not run" in w for w in parsed.warnings)


def test_extension_is_ignored_magic_bytes_decide():
    parsed = read_upload(_template_xlsx("events"), "events.csv")
    assert parsed.errors == [] and parsed.info["format"] == "xlsx"


def test_problems_carry_every_location_field():
    data = b"reporter,year,month,flow,value,currency\nUS Census,2024,13,us_to_serbia,abc,USD\n"
    parsed = read_upload(data, "t.csv")
    found = {(p.row, p.column): p.as_dict() for p in parsed.errors}
    assert set(found) == {(2, "month"), (2, "value")}
    assert list(found[(2, "value")]) == ["file", "sheet", "row", "column", "value", "message", "code", "params"]
    assert found[(2, "value")]["value"] == "abc" and found[(2, "value")]["file"] == "t.csv"


def test_many_bad_rows_are_all_reported_and_summarised():
    rows = "".join(f"US Census,2024,{13 + i},us_to_serbia,1,USD,p{i}\n" for i in range(120))
    parsed = read_upload(("reporter,year,month,flow,value,currency,product_code\n" + rows).encode(), "t.csv")
    listed = [p for p in parsed.errors if p.column == "month"]
    assert len(listed) == 51
    assert "also in 70 more rows" in listed[-1].message


def test_layout_module_dropped_in_the_package_is_discovered(tmp_path, monkeypatch):
    package = tmp_path / "extra_layouts"
    package.mkdir()
    (package / "tiny_source.py").write_text(textwrap.dedent('''
        import pandas as pd
        from dialogue.layouts import LayoutResult
        NAME = "tiny_source"
        DATASET = "events"
        def detect(sheet):
            return str(sheet.cells.iloc[0, 0]).startswith("TINY SOURCE")
        def convert(sheet):
            frame = pd.DataFrame({"date": ["2024-01-02"], "kind": ["visit"], "title": [sheet.cells.iloc[1, 0]]})
            return LayoutResult(frame, [2], ["from tiny"], [], {"rows_skipped": 0})
    '''))
    monkeypatch.setattr(layouts, "__path__", [*layouts.__path__, str(package)])
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    import importlib.util
    spec = importlib.util.spec_from_file_location("dialogue.layouts.tiny_source", package / "tiny_source.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "dialogue.layouts.tiny_source", module)
    spec.loader.exec_module(module)
    assert "tiny_source" in layouts.names()
    parsed = read_upload(b"TINY SOURCE export\nAmbassador visit\n", "tiny.csv")
    assert parsed.errors == [] and parsed.layout == "tiny_source" and parsed.dataset == "events"
    assert parsed.frame["title"].tolist() == ["Ambassador visit"] and "from tiny" in parsed.warnings


def test_a_csv_head_is_read_once_for_the_layout_and_the_body(monkeypatch):
    """Recognising the layout and reading the body both need the first rows: they are split once."""
    from dialogue import sheets

    grids = []
    real = sheets._grid
    monkeypatch.setattr(sheets, "_grid", lambda file, rows: grids.append(len(rows)) or real(file, rows))
    parsed = read_upload(b"name,start_date,format,us_participation,status,source\n"
                         b"Falcon,2026-05-04,bilateral,yes,held,https://example.org/f\n", "falcon.csv")
    assert parsed.ok and parsed.frame["name"].tolist() == ["Falcon"]
    assert grids == [2]


def test_a_csv_heads_blank_cells_are_null_and_short_rows_padded():
    from dialogue import sheets

    cells = sheets._grid("f.csv", [["a", " ", ""], ["\u00a0\t", "b"]]).cells
    assert cells.dtypes.tolist() == [object] * 3
    assert [[None if v is None else ("nan" if v != v else v) for v in row] for row in cells.values.tolist()] == \
        [["a", "nan", "nan"], ["nan", "b", None]]


def test_unknown_file_names_known_layouts_and_found_headers():
    parsed = read_upload(b"Temperature,Humidity\n20,50\n", "weather.csv")
    message = parsed.errors[0].message
    assert "template" in message and "Temperature, Humidity" in message
    assert all(name in message for name in layouts.names())


def test_table_away_from_a1_with_stray_value_and_footnote():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C2"] = "Events 2024"
    for j, header in enumerate(["date", "kind", "title", "quantity"]):
        ws.cell(row=4, column=3 + j, value=header)
    for j, value in enumerate([datetime(2024, 3, 1), "visit", "A", 2]):
        ws.cell(row=5, column=3 + j, value=value)
    ws.cell(row=5, column=9, value="stray")
    for j, value in enumerate(["2024-04-01", "progress", "B"]):
        ws.cell(row=7, column=3 + j, value=value)
    ws["A20"] = "Source: protocol office"
    out = io.BytesIO()
    wb.save(out)
    parsed = read_upload(out.getvalue(), "e.xlsx")
    assert [(p.row, p.column, p.value) for p in parsed.errors] == [(5, "column I (no header)", "stray")]
    assert list(parsed.row_numbers) == [5, 7]
    assert parsed.frame["title"].tolist() == ["A", "B"]
    assert parsed.info["note_rows_skipped"] == 1


def test_rows_the_reader_missed_are_refused(monkeypatch):
    # The sheet XML is the reference: if the fast reader returns fewer rows than hold values
    # there (issue 7: a reader once returned 2 of 1,000,000 rows), the upload is refused.
    from dialogue import sheets

    monkeypatch.setattr(sheets, "_last_value_row", lambda tail: 1_000_000)
    parsed = read_upload(_template_xlsx("events"), "events.xlsx")
    assert parsed.frame is None or parsed.errors
    assert "row 1000000" in parsed.errors[0].message and "damaged" in parsed.errors[0].message


def test_csv_title_rows_units_and_quoted_newlines():
    data = (
        'Spoljnotrgovinska razmena sa SAD\n'
        'Vrednosti u milionima EUR\n'
        '\n'
        'Izveštač;Godina;Mesec;Tok;Vrednost;Valuta;Napomena\n'
        'Serbia RZS;2024;1;serbia_to_us;1 234,5;EUR;"prva; linija\ndruga linija"\n'
        'Serbia RZS;2024;2;serbia_to_us;12,5;EUR;\n'
    ).encode("utf-8")
    parsed = read_upload(data, "rzs.csv")
    assert parsed.errors == []
    assert parsed.frame["value"].tolist() == [1_234_500_000.0, 12_500_000.0]
    assert parsed.frame["note"].iloc[0] == "prva; linija\ndruga linija"
    assert list(parsed.row_numbers) == [5, 6]
    assert any("scaled" in w for w in parsed.warnings)


def test_excel_number_cells_in_text_columns_lose_no_digits():
    data = _xlsx([["reporter", "year", "month", "flow", "value", "currency", "product_code"],
                  ["US Census", 2024, 1, "us_to_serbia", 5, "USD", 8471],
                  ["US Census", 2024, 1, "us_to_serbia", 6, "USD", 9403]])
    parsed = read_upload(data, "t.xlsx")
    assert parsed.errors == []
    assert parsed.frame["product_code"].tolist() == ["8471", "9403"]


def test_legacy_xls_is_read():
    from tests.malformed_files import xls_bytes

    data = xls_bytes([["Događaji 2024"], [], ["date", "kind", "title", "quantity"],
                      ["2024-03-01", "visit", "Ambasador", None],
                      ["15.05.2024.", "diplomat_training", "Obuka Čačak", 3]], sheet="Događaji")
    parsed = read_upload(data, "events.xls")
    assert parsed.errors == [] and parsed.info["format"] == "xls" and parsed.sheet == "Događaji"
    assert parsed.frame["title"].tolist() == ["Ambasador", "Obuka Čačak"]
    assert parsed.frame["date"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-05-15")]
    assert list(parsed.row_numbers) == [4, 5]


def test_repeated_keys_are_found_by_year_and_month_with_empty_months_equal():
    """Years and months are coded by offset, not hashed: an annual row (no month) repeats only
    another annual row of the same year, and each repeat names the first row."""
    rows = ["reporter,year,month,flow,value,currency,product_code",
            "US Census,2024,,us_to_serbia,5,USD,x",        # row 2
            "US Census,2024,1,us_to_serbia,5,USD,x",       # row 3
            "US Census,2023,,us_to_serbia,5,USD,x",        # row 4
            "US Census,2024,12,us_to_serbia,5,USD,x",      # row 5
            "US Census,2024,,us_to_serbia,6,USD,x",        # row 6: repeats row 2
            "US Census,2024,12,us_to_serbia,7,USD,x",      # row 7: repeats row 5
            "US Census,2024,12,us_to_serbia,7,USD,y"]      # row 8: another product
    parsed = read_upload(("\n".join(rows) + "\n").encode(), "trade.csv")
    found = sorted((p.row, p.message) for p in parsed.errors)
    assert [row for row, _ in found] == [6, 7]
    assert "first in row 2" in found[0][1] and "first in row 5" in found[1][1]


def test_distinct_keys_over_many_rows_pass():
    rows = ["reporter,year,month,flow,value,currency,product_code"]
    rows += [f"US Census,{2010 + i % 17},{1 + i // 17 % 12},us_to_serbia,{i},USD,{i // 204:04d}" for i in range(5000)]
    parsed = read_upload(("\n".join(rows) + "\n").encode(), "trade.csv")
    assert parsed.errors == [] and len(parsed.frame) == 5000


def test_date_range_checks_format_dates_only_for_the_cells_they_refuse(monkeypatch):
    """Writing every date back as text (for a problem's value) cost ~2 ms a column for one row; it is done
    only when a cell is refused, and the refused cell still reads as written."""
    from pandas.core.indexes.accessors import DatetimeProperties

    formatted = []
    real = DatetimeProperties.strftime
    monkeypatch.setattr(DatetimeProperties, "strftime", lambda self, f: formatted.append(f) or real(self, f))
    head = b"name,start_date,end_date,format,us_participation,status,source\n"
    fine = read_upload(head + b"Falcon,2026-05-04,2026-05-08,bilateral,yes,held,https://example.org/f\n", "f.csv")
    assert fine.ok and formatted == []
    late = read_upload(head + b"Falcon,2026-05-04,2026-05-01,bilateral,yes,held,https://example.org/f\n"
                       + b"Eagle,2026-05-04,2026-05-05,bilateral,yes,held,https://example.org/e\n", "f.csv")
    assert [(p.row, p.column, p.value, p.code) for p in late.errors] == [(2, "end_date", "2026-05-01", "end_before_start")]
    assert late.frame["end_date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-05-01", "2026-05-05"]


@pytest.mark.parametrize("dtype", [object, "str", "string"])
def test_short_text_columns_are_judged_filled_cell_by_cell(dtype, monkeypatch):
    """Which cells hold something (a workbook's body is not trimmed): for a short column, cell by cell
    rather than through pandas' string conversions (10 -> 3 ms for a 28-row, 14-column sheet)."""
    from dialogue import reading

    real = pd.Series.astype

    def astype(self, to, *args, **kwargs):
        assert str(to) != "string", "a short column went through pandas' string conversion"
        return real(self, to, *args, **kwargs)

    monkeypatch.setattr(pd.Series, "astype", astype)
    values = ["x", " y ", "", " ", "\u00a0", "\t\n", None, "#N/A"]
    frame = pd.DataFrame({0: pd.Series(values, dtype=dtype),
                          1: pd.Series([1.5, None, 0, 2, None, 3, 4, 5], dtype="Float64")})
    filled = reading._filled(frame)
    assert filled[0].tolist() == [True, True, False, False, False, False, False, True]
    assert filled[1].tolist() == [True, False, True, True, False, True, True, True]
    if dtype is object:
        mixed = reading._filled(pd.DataFrame({0: pd.Series([0, 0.0, float("nan"), pd.NaT, datetime(2026, 1, 2), True],
                                                           dtype=object)}))
        assert mixed[0].tolist() == [True, True, False, False, True, True]
