"""Serbia in the region in the briefing: the PDF and the XLSX annex read back, the public report's rows publishable only."""
from __future__ import annotations

import io

import openpyxl
import pytest

from dialogue.reports import content as report_content
from dialogue.reports.html import html_text
from dialogue.reports.labels import label
from dialogue.reports.pdf import pdf_bytes
from dialogue.reports.xlsx import HEADER_ROW, workbook
from tests.conftest import put_rows
from tests.test_region import AS_OF, EXPECTED, peers  # noqa: F401 - the fixture: Serbia and four neighbours
from tests.test_reports import flat, pdf_text

pytestmark = pytest.mark.slow(seconds=15)   # few tests, long ones: queued early (conftest.py)

KNOWN = "2030-01-01"


@pytest.fixture
def hidden_kosovo(con, peers):  # noqa: F811 - the imported fixture
    """Kosovo's turnover doubling 2024 -> 2025, in rows not marked publishable (briefing only)."""
    put_rows(con, "peer_trade", [
        {"reporter": "US Census", "partner": "XK", "year": y, "flow": f, "value": v, "currency": "USD",
         "publishable": False} for y, v in ((2024, 1e6), (2025, 2e6)) for f in ("us_imports", "us_exports")])


def region_sheet(data_wb, lang="en") -> list[tuple]:
    ws = data_wb[label("region_sheet", lang)[:31]]
    return [r for r in ws.iter_rows(min_row=HEADER_ROW, values_only=True)]


def test_briefing_pdf_has_the_region_section_with_serbias_rank(con, hidden_kosovo):
    c = report_content.gather(con, AS_OF, KNOWN, kind="briefing")
    assert [ch.title for ch in c.region.charts] == [
        "Turnover index per partner, 2024 = 100",
        ("Year-on-year growth per partner against 10%. 2026 (Jan–Oct) compares those months with the same months "
         "of the year before.")]
    # with Kosovo's +100 % in 2025 Serbia's +10 % is 5th of 6; 2026 (Jan-Oct) Kosovo has no months: 3 of 5
    assert [(r["rank"], r["growth"]) for r in c.region.ranks] == [("5 of 6", "+10.0%"), ("3 of 5", "+9.1%")]
    text = flat(" ".join(pdf_text(pdf_bytes(c))))
    assert "Serbia in the region" in text
    assert "Series compared (for context only, never a target's series): US Census · USD" in text
    assert "5 of 6" in text and "3 of 5" in text
    assert "No figures in this workspace for: Montenegro" not in text and "Croatia" in text   # the missing one named
    assert "Jan–Oct" in text                                     # the partial year is marked


def test_xlsx_annex_sheet_rows_hand_computed_public_report_publishable_only(con, hidden_kosovo):
    briefing = region_sheet(openpyxl.load_workbook(io.BytesIO(_xlsx(con, "briefing"))))
    assert briefing[0] == ("partner", "Partner", "year", "months", "turnover", "growth", "rank")
    got = {(r[0], r[2]): r for r in briefing[1:]}
    assert got[("XK", 2025)][5] == pytest.approx(1.0) and got[("XK", 2025)][6] == 1
    public = region_sheet(openpyxl.load_workbook(io.BytesIO(_xlsx(con, "public"))))
    rows = {(r[0], r[2]): r for r in public[1:]}
    assert set(rows) == set(EXPECTED)                             # Kosovo's unpublishable rows stay out
    for key, (months, turnover, growth, rank) in EXPECTED.items():
        r = rows[key]
        assert r[3] == months and r[4] == pytest.approx(turnover) and r[6] == rank
        assert r[5] is None if growth is None else r[5] == pytest.approx(growth)
    assert rows[("RS", 2025)][1] == "Serbia"
    html = html_text(report_content.gather(con, AS_OF, KNOWN, kind="public"))
    region_part = html.split('id="region"')[1].split('id="annex"')[0]
    assert "4 of 5" in region_part and "3 of 5" in region_part   # Serbia 4th of 5 in 2025 without Kosovo


def _xlsx(con, kind: str) -> bytes:
    out = io.BytesIO()
    workbook(report_content.gather(con, AS_OF, KNOWN, kind=kind)).save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang, sentence", [
    ("en", "This workspace holds no US trade figures of Serbia's neighbours"),
    ("sr-Cyrl", "Овај радни простор нема податке о трговини суседа Србије са САД"),
])
def test_without_peer_figures_one_plain_sentence(con, lang, sentence):
    c = report_content.gather(con, AS_OF, KNOWN, kind="briefing", lang=lang)
    assert c.region.series is None and c.region.charts == []
    text = flat(" ".join(pdf_text(pdf_bytes(c))))
    assert sentence in text
    sheet = openpyxl.load_workbook(io.BytesIO(_xlsx_of(c)))[label("region_sheet", lang)[:31]]
    assert sentence in sheet["A1"].value


def _xlsx_of(c) -> bytes:
    out = io.BytesIO()
    workbook(c).save(out)
    return out.getvalue()
