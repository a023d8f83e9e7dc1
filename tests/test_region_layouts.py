"""The region's files (issue 17): Census country pages and Comtrade downloads of Serbia's neighbours as peer_trade.

Fixtures reproduce the published layouts (formats.md 1 and 4); values are hand-computed. Under `trade` the same
files keep giving Serbia's target rows only.
"""
from __future__ import annotations

import openpyxl

from dialogue.ingest import ingest
from dialogue.layouts import census_page, census_page_peers, comtrade, comtrade_peers
from tests.conftest import ANALYST
from tests.test_layouts import (
    LEGACY_HEADER, comtrade_row, comtrade_rows, legacy_row, sheet_from_csv, values, write_csv,
)
from tests.test_region import HEADER, _row


def page(title, *extra):
    """A Census country page (USD millions): two months of 2025 and its TOTAL, one TOTAL-only year."""
    return [[title], *extra, ["Month", "Exports", "Imports", "Balance"],
            ["January 2025", "3.5", "1.2", "2.3"], ["February 2025", "4.0", "0.8", "3.2"],
            ["TOTAL 2025", "7.5", "2.0", "5.5"],
            ["Month", "Exports", "Imports", "Balance"], ["TOTAL 2024", "40.1", "12.6", "27.5"]]


def test_census_page_of_albania_is_read_as_albanias_peer_rows(tmp_path):
    sheet = sheet_from_csv(write_csv(tmp_path / "c4810.csv", page("Trade in Goods with Albania")))
    result = census_page_peers.convert(sheet)
    assert result.problems == []
    assert set(result.frame["partner"]) == {"AL"} and set(result.frame["reporter"]) == {"US Census"}
    assert values(result, year=2025, month=1, flow="us_exports") == [3_500_000]
    assert values(result, year=2025, month=2, flow="us_imports") == [800_000]
    assert values(result, year=2024, month=None, flow="us_exports") == [40_100_000]     # TOTAL-only year
    assert values(result, year=2024, month=None, flow="us_imports") == [12_600_000]
    assert len(result.frame) == 6 and len(result.row_numbers) == 6
    assert "Albania" in result.frame["source"].iloc[0]
    assert result.info["layout"] == "census_page_peers"
    # the same page under trade is refused: it is not Serbia's
    assert any("another country" in p.message for p in census_page.convert(sheet).problems)


def test_census_page_partner_by_code_alone_and_a_code_that_contradicts_the_title(tmp_path):
    kosovo = census_page_peers.convert(sheet_from_csv(write_csv(
        tmp_path / "k.csv", page("Source: https://www.census.gov/foreign-trade/balance/c4803.html"))))
    assert kosovo.problems == [] and set(kosovo.frame["partner"]) == {"XK"}
    assert any("code 4803 is Kosovo's" in w for w in kosovo.warnings)
    clash = census_page_peers.convert(sheet_from_csv(write_csv(
        tmp_path / "m.csv", page("Trade in Goods with Montenegro", ["", "https://www.census.gov/foreign-trade/balance/c4801.html"]))))
    assert [(p.file, p.row, p.column, p.value, p.message) for p in clash.problems] == [
        ("m.csv", 2, "B", "4801", "code 4801 is Serbia but the name says Montenegro")]
    assert clash.frame.empty
    china = census_page_peers.convert(sheet_from_csv(write_csv(tmp_path / "c.csv", page("Trade in Goods with China"))))
    assert [(p.row, p.column) for p in china.problems] == [(1, "A")]
    assert "not of Serbia or a neighbour" in china.problems[0].message
    china_by_code = census_page_peers.convert(sheet_from_csv(write_csv(tmp_path / "c5700.csv", page("c5700.html"))))
    assert china_by_code.problems[0].message.startswith("this is the Census page of code 5700, not of Serbia")
    untitled = census_page_peers.convert(sheet_from_csv(write_csv(tmp_path / "u.csv", page(""))))
    assert "names the partner" in untitled.problems[0].message


def test_ingest_census_pages_peer_trade_only_when_asked(con, tmp_path):
    north_macedonia = write_csv(tmp_path / "c4794.csv", page("Trade in Goods with North Macedonia")).read_bytes()
    report = ingest(con, north_macedonia, "c4794.csv", ANALYST, dataset="peer_trade")
    assert report.ok, report.errors
    assert report.layout == "census_page_peers" and report.rows["added"] == 6
    assert report.message.endswith("Layout recognised: US Census country page (the region).")
    got = con.execute("select partner, sum(value) from peer_trade where year = 2025 group by partner").fetchall()
    assert got == [("MK", 9_500_000.0)]                       # 3.5 + 4.0 + 1.2 + 0.8 USD millions
    serbia = write_csv(tmp_path / "c4801.csv", page("Trade in Goods with Serbia")).read_bytes()
    report = ingest(con, serbia, "c4801.csv", ANALYST)
    assert report.ok and report.dataset == "trade" and report.layout == "census_page"
    assert con.execute("select count(*) from peer_trade").fetchone()[0] == 6


# ------------------------------------------------------------------ UN Comtrade


def region_comtrade_rows():
    """The USA reporting on six partners (codes 8, 70, 499, 807, 191, 688), Serbia and Albania reporting on the USA."""
    return [
        comtrade_rows()[0],
        comtrade_row("2024", "842", "USA", "X", "8", "Albania", "51000000"),
        comtrade_row("2024", "842", "USA", "M", "8", "Albania", "12000000"),
        comtrade_row("2024", "842", "USA", "X", "70", "Bosnia Herzegovina", "70000000"),
        comtrade_row("2024", "842", "USA", "X", "499", "Montenegro", "4990000"),
        comtrade_row("2024", "840", "USA", "M", "807", "North Macedonia", "80700000"),
        comtrade_row("2024", "842", "USA", "X", "191", "Croatia", "191000000"),
        comtrade_row("2024", "842", "USA", "X", "688", "Serbia", "300000000"),
        comtrade_row("2024", "688", "Serbia", "X", "842", "USA", "541480000"),
        comtrade_row("2024", "8", "Albania", "M", "842", "USA", "49000000"),
        comtrade_row("2024", "842", "USA", "X", "156", "China", "1"),                 # other partner
        comtrade_row("2024", "842", "USA", "X", "8", "Albania", "700", cmd="40"),     # product line
        comtrade_row("2024", "842", "USA", "RX", "8", "Albania", "5"),                 # re-export
    ]


def test_comtrade_neighbours_by_code_and_name_in_two_series(tmp_path):
    sheet = sheet_from_csv(write_csv(tmp_path / "TradeData_region.csv", region_comtrade_rows()))
    result = comtrade_peers.convert(sheet)
    assert result.problems == []
    us = result.frame[result.frame["reporter"] == "UN Comtrade (USA)"]
    assert sorted(zip(us["partner"], us["flow"], us["value"].astype(int))) == [
        ("AL", "us_exports", 51_000_000), ("AL", "us_imports", 12_000_000), ("BA", "us_exports", 70_000_000),
        ("HR", "us_exports", 191_000_000), ("ME", "us_exports", 4_990_000), ("MK", "us_imports", 80_700_000),
        ("RS", "us_exports", 300_000_000)]
    own = result.frame[result.frame["reporter"] == "UN Comtrade (partners)"]
    assert sorted(zip(own["partner"], own["flow"], own["value"].astype(int))) == [
        ("AL", "partner_imports", 49_000_000), ("RS", "partner_exports", 541_480_000)]
    assert result.info["rows_skipped"] == 3 and result.info["partners"] == ["AL", "BA", "HR", "ME", "MK", "RS"]
    assert any("No rows for Kosovo in this file (Kosovo has no UN Comtrade code" in w for w in result.warnings)
    # under trade the same file gives Serbia–USA rows only
    serbia = comtrade.convert(sheet)
    assert serbia.problems == [] and len(serbia.frame) == 2
    assert set(serbia.frame["flow"]) == {"us_to_serbia", "serbia_to_us"}


def test_comtrade_code_and_name_that_disagree_or_name_kosovo_are_refused_at_the_cell(tmp_path):
    rows = [comtrade_rows()[0],
            comtrade_row("2024", "842", "USA", "X", "688", "Montenegro", "1"),
            comtrade_row("2024", "842", "USA", "X", "0", "Kosovo", "2"),
            comtrade_row("2024", "842", "Serbia", "X", "8", "Albania", "3")]
    result = comtrade_peers.convert(sheet_from_csv(write_csv(tmp_path / "bad.csv", rows)))
    assert [(p.file, p.row, p.column, p.value) for p in result.problems] == [
        ("bad.csv", 2, "partnerCode", "688"), ("bad.csv", 3, "partnerDesc", "Kosovo"),
        ("bad.csv", 4, "reporterCode", "842")]
    assert result.problems[0].message == "code 688 is Serbia but the name says Montenegro"
    assert "Kosovo has no UN Comtrade code" in result.problems[1].message
    assert result.problems[2].message == "code 842 is the USA but the name says Serbia"


def test_comtrade_legacy_layout_of_the_region_and_ingest_as_peer_trade(con, tmp_path):
    rows = [LEGACY_HEADER,
            legacy_row(LEGACY_HEADER, "2023", "2", "Export", "842", "499", "12500000"),
            legacy_row(LEGACY_HEADER, "2023", "1", "Import", "842", "499", "2500000"),
            legacy_row(LEGACY_HEADER, "2023", "2", "Export", "842", "276", "999")]
    data = write_csv(tmp_path / "comtrade.csv", rows).read_bytes()
    report = ingest(con, data, "comtrade.csv", ANALYST, dataset="peer_trade")
    assert report.ok, report.errors
    assert report.layout == "comtrade_peers" and report.rows["added"] == 2
    assert con.execute("select reporter, partner, flow, value from peer_trade order by flow").fetchall() == [
        ("UN Comtrade (USA)", "ME", "us_exports", 12_500_000.0), ("UN Comtrade (USA)", "ME", "us_imports", 2_500_000.0)]
    report = ingest(con, data, "comtrade.csv", ANALYST)                # no dataset: Serbia–USA only, none here
    assert not report.ok and report.layout == "comtrade"


def test_country_xlsx_code_that_contradicts_the_name_is_refused_at_its_row(con, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(_row(2024, "4803", "Kosovo", 1, 1))
    wb.active.append(_row(2024, "4801", "Montenegro", 1, 1))
    wb.save(tmp_path / "c.xlsx")
    report = ingest(con, (tmp_path / "c.xlsx").read_bytes(), "c.xlsx", ANALYST, dataset="peer_trade")
    assert not report.ok
    assert [(e["row"], e["column"], e["value"]) for e in report.errors] == [(3, "CTY_CODE", "4801")]



def test_target_statuses_unchanged_by_serbias_own_page_and_comtrade_rows_uploaded_as_peer_trade(con, tmp_path):
    from datetime import datetime

    from dialogue.status import compute_all
    from tests.test_region import AS_OF, serbia_target_series

    serbia_target_series(con)

    def statuses():
        return [(s.target, s.status, s.actual, s.reason) for s in compute_all(con, AS_OF, datetime(2030, 1, 1)).statuses]

    before, trade_rows = statuses(), con.execute("select count(*) from trade").fetchone()[0]
    page_file = write_csv(tmp_path / "c4801.csv", page("Trade in Goods with Serbia")).read_bytes()
    comtrade_file = write_csv(tmp_path / "TradeData.csv", region_comtrade_rows()).read_bytes()
    assert ingest(con, page_file, "c4801.csv", ANALYST, dataset="peer_trade").layout == "census_page_peers"
    assert ingest(con, comtrade_file, "TradeData.csv", ANALYST, dataset="peer_trade").ok
    assert con.execute("select count(*) from peer_trade where partner = 'RS'").fetchone()[0] == 6 + 2
    assert con.execute("select count(*) from trade").fetchone()[0] == trade_rows
    assert statuses() == before
