"""Real-source layouts: fixtures reproduce the published headers exactly (formats.md); values are hand-computed."""
from __future__ import annotations

import csv
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from dialogue.layouts import RawSheet, census_bulk, census_page, comtrade, rzs

# ------------------------------------------------------------------ fixture helpers


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def sheet_from_csv(path, encoding="utf-8", delimiter=","):
    with path.open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    width = max(len(r) for r in rows)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return RawSheet(path.name, None, cells)


def sheet_from_xlsx(path):
    ws = openpyxl.load_workbook(path, read_only=True).active
    cells = pd.DataFrame(list(ws.iter_rows(values_only=True)), dtype=object)
    return RawSheet(path.name, "Sheet1", cells)


def values(result, **where):
    frame = result.frame
    for column, wanted in where.items():
        frame = frame[frame[column].isna()] if wanted is None else frame[frame[column] == wanted]
    return [int(v) for v in frame["value"]]


# ------------------------------------------------------------------ Census country page

CENSUS_PAGE = [
    ["Trade in Goods with Serbia"],
    ["Available years: 2025 | 2024 | 2023 | … | 1985"],
    ["NOTE: All figures are in millions of U.S. dollars on a nominal basis, not seasonally adjusted unless "
     "otherwise specified. Details may not equal totals due to rounding. Table reflects only those months "
     "for which there was trade."],
    ["Month", "Exports", "Imports", "Balance"],
    ["January 2024", "15.3", "62.1", "-46.8"],
    ["February 2024", "17.0", "1,061.4", "-1,044.4"],
    ["TOTAL 2024", "32.3", "1,123.5", "-1,091.2"],
    [],
    ["Month", "Exports", "Imports", "Balance"],
    ["March 2025", "20.1", "75.2", "-55.1"],      # January, February and April omitted: no trade
    ["May 2025", "18.4", "80.0", "-61.6"],
    ["TOTAL 2025", "38.5", "165.2", "-126.7"],    # imports months sum to 155.2: mismatch
]


def test_census_page_stacked_years_omitted_months_and_negative_balances(tmp_path):
    sheet = sheet_from_csv(write_csv(tmp_path / "c4801.csv", CENSUS_PAGE))
    assert census_page.detect(sheet)
    result = census_page.convert(sheet)
    assert result.problems == []
    frame = result.frame
    assert len(frame) == 8                         # 4 months x 2 flows; TOTAL rows not stored
    assert set(frame["reporter"]) == {"US Census"} and set(frame["currency"]) == {"USD"}
    assert values(result, year=2024, month=1, flow="us_to_serbia") == [15_300_000]
    assert values(result, year=2024, month=2, flow="serbia_to_us") == [1_061_400_000]
    assert sum(values(result, year=2024, flow="us_to_serbia")) == 32_300_000   # = TOTAL 2024 exports
    assert sorted(frame.loc[frame["year"] == 2025, "month"].unique().tolist()) == [3, 5]
    assert set(frame["flow"]) == {"us_to_serbia", "serbia_to_us"}             # balance not stored
    assert result.row_numbers[:2] == [5, 5]
    mismatch = [w for w in result.warnings if "TOTAL" in w and "does not match" in w]
    assert len(mismatch) == 1 and "2025" in mismatch[0] and "2024" not in mismatch[0]
    assert not any("Balance is not" in w for w in result.warnings)
    assert result.info["rows_skipped"] == 2


def test_census_page_from_excel_with_typed_numbers_and_a_date_cell(tmp_path):
    rows = [["Trade in Goods with Serbia"], ["Month", "Exports", "Imports", "Balance"],
            [datetime(2024, 1, 1), 15.3, 62.1, -46.8], ["February 2024", 17.0, 1061.4, -1044.4],
            ["TOTAL 2024", 32.3, 1123.5, -1091.2]]
    result = census_page.convert(sheet_from_xlsx(write_xlsx(tmp_path / "c4801.xlsx", rows)))
    assert result.problems == []
    assert values(result, year=2024, month=1, flow="serbia_to_us") == [62_100_000]
    assert values(result, year=2024, month=2, flow="serbia_to_us") == [1_061_400_000]
    assert not any("does not match" in w for w in result.warnings)


def test_census_page_only_total_row_is_stored_as_annual(tmp_path):
    rows = [["Trade in Goods with Serbia"], ["Month", "Exports", "Imports", "Balance"],
            ["TOTAL 2024", "209.8", "814.2", "-604.4"]]
    result = census_page.convert(sheet_from_csv(write_csv(tmp_path / "c.csv", rows)))
    assert values(result, year=2024, month=None, flow="us_to_serbia") == [209_800_000]
    assert values(result, year=2024, month=None, flow="serbia_to_us") == [814_200_000]
    assert any("only the TOTAL row" in w for w in result.warnings)


def test_census_page_bad_number_and_other_country_are_problems(tmp_path):
    rows = [["Trade in Goods with World"], ["Month", "Exports", "Imports", "Balance"],
            ["January 2026", "194,795.1", "27,5595.3", "-80,800.1"]]
    result = census_page.convert(sheet_from_csv(write_csv(tmp_path / "c0004.csv", rows)))
    where = {(p.row, p.column, p.value) for p in result.problems}
    assert (1, None, "Trade in Goods with World") in where
    assert (3, "Imports", "27,5595.3") in where


def test_census_page_balance_that_does_not_add_up_is_a_warning(tmp_path):
    rows = [["Month", "Exports", "Imports", "Balance"], ["January 2024", "15.3", "62.1", "46.8"]]
    result = census_page.convert(sheet_from_csv(write_csv(tmp_path / "c.csv", rows)))
    assert result.problems == []
    assert any("Balance is not" in w and "January 2024" in w for w in result.warnings)
    assert any("assumed to be the Serbia page" in w for w in result.warnings)


# ------------------------------------------------------------------ Census country.xlsx

BULK_HEADER = ("year,CTY_CODE,CTYNAME,IJAN,IFEB,IMAR,IAPR,IMAY,IJUN,IJUL,IAUG,ISEP,IOCT,INOV,IDEC,IYR,"
               "EJAN,EFEB,EMAR,EAPR,EMAY,EJUN,EJUL,EAUG,ESEP,EOCT,ENOV,EDEC,EYR").split(",")


def bulk_row(year, code, name, imports, iyr, exports, eyr):
    return [year, code, name, *imports, iyr, *exports, eyr]


def test_census_bulk_picks_serbia_unpivots_and_checks_year_totals(tmp_path):
    rows = [
        BULK_HEADER,
        bulk_row(2023, "0001", "OPEC", [1733] * 12, 20796, [1033] * 12, 12396),
        bulk_row(2023, "4801", "Serbia", [70.5] * 12, 846.0, [17.5] * 12, 210.0),
        bulk_row(2023, "4803", "Kosovo", [1.0] * 12, 12.0, [2.0] * 12, 24.0),
        bulk_row(2024, 4801, "Serbia", [68.1] * 12, 817.2, [17.4] * 12, 218.8),   # numeric code; EYR off by 10
        bulk_row(2024, "5700", "China", [40000] * 12, 480000, [12000] * 12, 144000),
    ]
    sheet = sheet_from_xlsx(write_xlsx(tmp_path / "country.xlsx", rows))
    assert census_bulk.detect(sheet)
    result = census_bulk.convert(sheet)
    assert result.problems == []
    assert len(result.frame) == 48                 # 2 years x 12 months x 2 flows; *YR not stored
    assert sum(values(result, year=2023, flow="serbia_to_us")) == 846_000_000
    assert values(result, year=2023, month=1, flow="us_to_serbia") == [17_500_000]
    assert values(result, year=2024, month=12, flow="serbia_to_us") == [68_100_000]
    assert result.info["rows_skipped"] == 3 and "other countries" in result.info["skipped_why"]
    assert any("3 rows of other countries skipped" in w for w in result.warnings)
    assert any("USD millions" in w for w in result.warnings)
    yr = [w for w in result.warnings if "YR" in w]
    assert len(yr) == 1 and yr[0].startswith("2024: EYR")
    assert result.row_numbers[0] == 3


def test_census_bulk_without_serbia_is_a_problem(tmp_path):
    rows = [BULK_HEADER, bulk_row(2023, "0001", "OPEC", [1] * 12, 12, [1] * 12, 12)]
    result = census_bulk.convert(sheet_from_csv(write_csv(tmp_path / "country.csv", rows)))
    assert [p.column for p in result.problems] == ["CTY_CODE"]


# ------------------------------------------------------------------ UN Comtrade

COMTRADE_HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,"
    "flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,"
    "classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,"
    "mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,"
    "isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,"
    "legacyEstimationFlag,isReported,isAggregate").split(",")


def comtrade_row(period, reporter, reporter_desc, flow, partner, partner_desc, value, cmd="TOTAL"):
    row = dict.fromkeys(COMTRADE_HEADER, "")
    row.update(typeCode="C", freqCode="M" if len(period) == 6 else "A", period=period, refYear=period[:4],
               reporterCode=reporter, reporterDesc=reporter_desc, flowCode=flow, partnerCode=partner,
               partnerDesc=partner_desc, partner2Code="0", cmdCode=cmd, cmdDesc="All Commodities",
               customsCode="C00", motCode="0", primaryValue=value)
    return [row[c] for c in COMTRADE_HEADER]


def comtrade_rows():
    return [
        COMTRADE_HEADER,
        comtrade_row("2022", "688", "Serbia", "X", "842", "USA", "541480000"),
        comtrade_row("2022", "688", "Serbia", "M", "842", "USA", "725400000.4"),
        comtrade_row("2022", "842", "USA", "X", "688", "Serbia", "300000000"),
        comtrade_row("202203", "840", "USA", "M", "688", "Serbia", "80000000"),       # 840 accepted
        comtrade_row("2022", "688", "Serbia", "X", "384", "Côte d'Ivoire", "1000"),   # other partner
        comtrade_row("2022", "688", "Serbia", "RX", "842", "USA", "5000"),            # re-export
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-1"])
def test_comtrade_current_layout(tmp_path, encoding):
    path = write_csv(tmp_path / "TradeData_2_20_2025_10_30_9.csv", comtrade_rows(), encoding=encoding)
    sheet = sheet_from_csv(path, encoding=encoding)
    assert comtrade.detect(sheet) and not census_page.detect(sheet)
    result = comtrade.convert(sheet)
    assert result.problems == []
    assert values(result, reporter="UN Comtrade (Serbia)", year=2022, flow="serbia_to_us") == [541_480_000]
    assert values(result, reporter="UN Comtrade (Serbia)", year=2022, flow="us_to_serbia") == [725_400_000]
    assert values(result, reporter="UN Comtrade (USA)", year=2022, month=None, flow="us_to_serbia") == [300_000_000]
    assert values(result, reporter="UN Comtrade (USA)", year=2022, month=3, flow="serbia_to_us") == [80_000_000]
    assert len(result.frame) == 4 and result.info["rows_skipped"] == 2
    assert set(result.frame["product_code"].isna()) == {True}
    assert "current" in result.info["variant"]


LEGACY_HEADER = (
    "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,"
    "Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,2nd Partner Code,2nd Partner,"
    "2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,Mode of Transport,Commodity Code,"
    "Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),"
    "Gross weight (kg),Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag").split(",")
ALTERED = {"Trade Flow Code": "TradeFlow Code", "Netweight (kg)": "Netweightkg", "Trade Value (US$)": "TradeValueUS"}


def legacy_row(header, period, flow_code, flow, reporter, partner, value, cmd="TOTAL", commodity="All Commodities"):
    row = dict.fromkeys(LEGACY_HEADER, "")
    row.update({"Classification": "HS", "Year": period[:4], "Period": period, "Trade Flow Code": flow_code,
                "Trade Flow": flow, "Reporter Code": reporter, "Partner Code": partner,
                "Commodity Code": cmd, "Commodity": commodity, "Trade Value (US$)": value})
    return [row[c] for c in LEGACY_HEADER]


@pytest.mark.parametrize("spelling", ["standard", "altered"])
def test_comtrade_legacy_layout_both_spellings(tmp_path, spelling):
    header = LEGACY_HEADER if spelling == "standard" else [ALTERED.get(c, c) for c in LEGACY_HEADER]
    assert len(header) == 35
    rows = [header,
            legacy_row(header, "2021", "2", "Export", "688", "842", "512910000"),
            legacy_row(header, "201903", "1", "Import", "688", "840", "55000000"),
            legacy_row(header, "2021", "2", "Export", "688", "842", "7000000", cmd="40", commodity="Rubber"),
            legacy_row(header, "2021", "2", "Export", "688", "276", "999")]
    result = comtrade.convert(sheet_from_csv(write_csv(tmp_path / "comtrade.csv", rows)))
    assert result.problems == []
    assert values(result, year=2021, flow="serbia_to_us", product_code=None) == [512_910_000]
    assert values(result, year=2019, month=3, flow="us_to_serbia") == [55_000_000]
    assert values(result, product_code="40") == [7_000_000]
    assert result.frame.loc[result.frame["product_code"] == "40", "product"].tolist() == ["Rubber"]
    assert set(result.frame["reporter"]) == {"UN Comtrade (Serbia)"}
    assert result.info["rows_skipped"] == 1
    assert spelling in result.info["variant"]


# ------------------------------------------------------------------ RZS open data

RZS_HEADER = ["idindikator", "IDTer", "nTer", "god", "vrednost", "IDZemlja", "nZemlja", "nTok", "nValuta"]


def test_rzs_semicolons_serbian_fields_and_decimal_commas(tmp_path):
    rows = [RZS_HEADER,
            ["1701", "RS", "Republika Srbija", "2024", "619,5", "US", "Sjedinjene Američke Države", "Izvoz", "mil. EUR"],
            ["1701", "RS", "Republika Srbija", "2024", "683,7", "US", "Sjedinjene Američke Države", "Uvoz", "mil. EUR"],
            ["1701", "RS", "Republika Srbija", "2024", "1.234,5", "DE", "Nemačka", "Izvoz", "mil. EUR"]]
    sheet = sheet_from_csv(write_csv(tmp_path / "rzs.csv", rows, delimiter=";"), delimiter=";")
    assert rzs.detect(sheet) and not comtrade.detect(sheet)
    result = rzs.convert(sheet)
    assert result.problems == []
    assert values(result, flow="serbia_to_us") == [619_500_000]
    assert values(result, flow="us_to_serbia") == [683_700_000]
    assert set(result.frame["currency"]) == {"EUR"} and set(result.frame["reporter"]) == {"Serbia RZS"}
    assert result.info["rows_skipped"] == 1
    assert any("decimal comma" in w for w in result.warnings)


def test_rzs_dataset_without_trade_dimensions_is_refused_with_reason(tmp_path):
    rows = [["idindikator", "IDTer", "nTer", "god", "vrednost", "nBracStatus"],
            ["123", "RS", "Republika Srbija", "2024", "12,5", "oženjen"]]
    result = rzs.convert(sheet_from_csv(write_csv(tmp_path / "rzs.csv", rows, delimiter=";"), delimiter=";"))
    assert len(result.problems) == 1 and "partner country" in result.problems[0].message
    assert result.frame.empty


# ------------------------------------------------------------------ end to end: read_upload and ingest


def _csv_bytes(rows, encoding="utf-8", delimiter=","):
    import io
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def test_read_upload_recognises_every_real_layout(tmp_path):
    from dialogue.reading import read_upload

    bulk = write_xlsx(tmp_path / "country.xlsx", [
        BULK_HEADER, bulk_row(2023, "4801", "Serbia", [70.5] * 12, 846.0, [17.5] * 12, 210.0),
        bulk_row(2023, "0001", "OPEC", [1733] * 12, 20796, [1033] * 12, 12396)]).read_bytes()
    cases = [
        ("c4801.csv", _csv_bytes(CENSUS_PAGE), "census_page", 8),
        ("country.xlsx", bulk, "census_bulk", 24),
        ("TradeData_2_20_2025_10_30_9.csv", _csv_bytes(comtrade_rows(), "iso-8859-1"), "comtrade", 4),
        ("rzs.csv", _csv_bytes([RZS_HEADER, ["1701", "RS", "Republika Srbija", "2024", "619,5", "US",
                                             "Sjedinjene Američke Države", "Izvoz", "mil. EUR"]], delimiter=";"),
         "rzs", 1),
    ]
    for name, data, layout, n in cases:
        parsed = read_upload(data, name)
        assert [str(e) for e in parsed.errors] == [], name
        assert (parsed.layout, parsed.dataset, len(parsed.frame)) == (layout, "trade", n), name
    parsed = read_upload(cases[2][1], cases[2][0])
    frame = parsed.frame
    assert int(frame.loc[(frame.reporter == "UN Comtrade (Serbia)") & (frame.flow == "serbia_to_us"), "value"].iloc[0]) == 541_480_000


def test_ingest_census_page_stores_months_and_reports_the_layout(con):
    from dialogue.ingest import ingest
    from tests.conftest import ANALYST

    report = ingest(con, _csv_bytes(CENSUS_PAGE), "c4801.csv", ANALYST)
    assert report.ok, report.errors
    assert report.layout == "census_page" and report.rows["added"] == 8
    assert report.message.endswith("Layout recognised: US Census country page.")   # the report says so
    assert any("TOTAL 2025" in w for w in report.warnings)
    total = con.execute("select sum(value) from trade where valid_to is null and reporter = 'US Census' "
                        "and year = 2024 and flow = 'serbia_to_us'").fetchone()[0]
    assert total == 1_123_500_000                   # 62.1 + 1,061.4 USD million


def test_unknown_layout_message_names_our_layouts_and_the_headers_found():
    from dialogue.reading import read_upload

    parsed = read_upload(_csv_bytes([["Land", "Ausfuhr", "Einfuhr"], ["Serbien", "1", "2"]]), "odd.csv")
    message = " ".join(str(e) for e in parsed.errors)
    for name in ("census_page", "census_bulk", "comtrade", "rzs"):
        assert name in message
    assert "Ausfuhr" in message


def test_census_page_text_rendering_with_pipes_as_published():
    from dialogue.reading import read_upload

    text = (
        "Trade in Goods with Serbia\n"
        "Available years: 2025 | 2024 | 2023 | … | 1985\n"
        "NOTE: All figures are in millions of U.S. dollars on a nominal basis, not seasonally adjusted unless "
        "otherwise specified. Details may not equal totals due to rounding. Table reflects only those months "
        "for which there was trade.\n"
        "| Month        | Exports   | Imports   | Balance   |\n"
        "| January 2025 | 14.1      | 1,060.3   | -1,046.2  |\n"
        "| TOTAL 2025   | 14.1      | 1,060.3   | -1,046.2  |\n")
    parsed = read_upload(text.encode("utf-8"), "c4801.txt")
    assert parsed.errors == [] and parsed.layout == "census_page"
    frame = parsed.frame
    assert int(frame.loc[frame.flow == "serbia_to_us", "value"].iloc[0]) == 1_060_300_000
    assert int(frame.loc[frame.flow == "us_to_serbia", "value"].iloc[0]) == 14_100_000


def test_the_layouts_detectors_fold_a_heads_cells_once_between_them(monkeypatch):
    """Every layout's detector searches the same head for its header row: the head's cells are folded once,
    not once per layout, and each detector still says whether the head is its own."""
    from dialogue import layouts
    from dialogue.layouts import RawSheet, _source_cells

    calls = []
    real = _source_cells.fold
    monkeypatch.setattr(_source_cells, "fold", lambda value: calls.append(value) or real(value))
    cells = pd.DataFrame([["name", "start_date", "status"], ["Falcon", "2026-01-02", "held"],
                          ["Eagle", "2026-02-03", "held"]], dtype=object)
    head = RawSheet("x.csv", None, cells, 1)
    assert layouts.find(head) is None
    assert len(calls) <= cells.size, len(calls)
    assert _source_cells.find_header(cells, {"start_date", "status"}) == (0, {"name": 0, "start_date": 1, "status": 2})
    assert _source_cells.find_header(cells, {"falcon", "held"}) == (1, {"falcon": 0, "2026-01-02": 1, "held": 2})
    assert _source_cells.find_header(cells, {"falcon"}, limit=1) is None
