"""Serbia in the region (issue 17): peer rows from Census country.xlsx, growth and rank, kept apart from the targets."""
from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest

from dialogue import cli, db, region
from dialogue.i18n import t
from dialogue.ingest import ingest
from dialogue.status import compute_all
from tests.conftest import ANALYST, put_rows

HEADER = ("year,CTY_CODE,CTYNAME,IJAN,IFEB,IMAR,IAPR,IMAY,IJUN,IJUL,IAUG,ISEP,IOCT,INOV,IDEC,IYR,"
          "EJAN,EFEB,EMAR,EAPR,EMAY,EJUN,EJUL,EAUG,ESEP,EOCT,ENOV,EDEC,EYR").split(",")
# partner row: (code, name) -> {year: (US imports a month, US exports a month)}, USD millions; 2026 is Jan-Oct
MONTHLY = {
    ("4801", "Serbia"): {2024: (60, 15), 2025: (66, 16.5), 2026: (70, 20)},
    ("", "Albania"): {2024: (10, 10), 2025: (25, 5), 2026: (30, 6)},
    ("", "Bosnia and Herzegovina"): {2024: (40, 10), 2025: (45, 5), 2026: (40, 5)},
    ("4804", "Montenegro"): {2024: (2, 3), 2025: (4, 4), 2026: (4, 4)},
    ("", "North Macedonia"): {2024: (20, 5), 2025: (25, 5), 2026: (33, 6)},
    ("5700", "China"): {2024: (40000, 12000)},
}
AS_OF = date(2026, 11, 15)       # October 2026 has ended; November has not


def _row(year, code, name, imports, exports):
    months = 10 if year == 2026 else 12
    i = [imports] * months + [None] * (12 - months)
    e = [exports] * months + [None] * (12 - months)
    return [year, code, name, *i, imports * months, *e, exports * months]


def country_xlsx(path) -> bytes:
    """The all-countries workbook in its real layout (formats.md 2): Serbia, four neighbours and China."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for (code, name), years in MONTHLY.items():
        for year, (imports, exports) in years.items():
            ws.append(_row(year, code, name, imports, exports))
    wb.save(path)
    return path.read_bytes()


@pytest.fixture
def peers(con, tmp_path):
    report = ingest(con, country_xlsx(tmp_path / "country.xlsx"), "country.xlsx", ANALYST, dataset="peer_trade")
    assert report.ok, report.errors
    return report


def test_country_xlsx_with_serbia_and_four_neighbours_ingests_as_peer_rows(con, peers):
    assert peers.layout == "census_bulk_peers"
    # 5 partners x (12 + 12 + 10 months) x 2 flows; China skipped; *YR checked, not stored
    assert peers.rows["added"] == 5 * 34 * 2
    assert peers.info["partners"] == ["AL", "BA", "ME", "MK", "RS"]
    assert any("1 rows of other countries skipped" in w for w in peers.warnings)
    assert any("No rows for Kosovo, Croatia" in w for w in peers.warnings)
    got = con.execute("select reporter, currency, value from peer_trade where partner = 'RS' and year = 2025 "
                      "and month = 3 and flow = 'us_imports'").fetchall()
    assert got == [("US Census", "USD", 66_000_000.0)]
    assert con.execute("select count(*) from trade").fetchone()[0] == 0      # nothing reaches the target series


def test_the_same_file_without_a_dataset_is_still_serbias_target_series(con, tmp_path):
    report = ingest(con, country_xlsx(tmp_path / "country.xlsx"), "country.xlsx", ANALYST)
    assert report.ok and report.dataset == "trade" and report.layout == "census_bulk"
    assert report.rows["added"] == 34 * 2
    assert con.execute("select count(*) from peer_trade").fetchone()[0] == 0


def test_a_code_that_contradicts_the_name_is_a_problem(con, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(_row(2024, "4801", "Montenegro", 1, 1))
    wb.save(tmp_path / "c.xlsx")
    report = ingest(con, (tmp_path / "c.xlsx").read_bytes(), "c.xlsx", ANALYST, dataset="peer_trade")
    assert not report.ok
    assert "code 4801 is Serbia but the name says Montenegro" in report.errors[0]["message"]


# hand-computed: turnover a month = imports + exports; 2026 = Jan-Oct against Jan-Oct 2025
EXPECTED = {  # (partner, year): (months, turnover USD, growth, rank)
    ("RS", 2024): (12, 900e6, None, None), ("RS", 2025): (12, 990e6, 0.10, 4), ("RS", 2026): (10, 900e6, 900 / 825 - 1, 3),
    ("AL", 2024): (12, 240e6, None, None), ("AL", 2025): (12, 360e6, 0.50, 2), ("AL", 2026): (10, 360e6, 0.20, 2),
    ("BA", 2024): (12, 600e6, None, None), ("BA", 2025): (12, 600e6, 0.0, 5), ("BA", 2026): (10, 450e6, -0.10, 5),
    ("ME", 2024): (12, 60e6, None, None), ("ME", 2025): (12, 96e6, 0.60, 1), ("ME", 2026): (10, 80e6, 0.0, 4),
    ("MK", 2024): (12, 300e6, None, None), ("MK", 2025): (12, 360e6, 0.20, 3), ("MK", 2026): (10, 390e6, 0.30, 1),
}


def _check(rows: list[dict]) -> None:
    assert {(r["partner"], r["year"]) for r in rows} == set(EXPECTED)
    for r in rows:
        months, turnover, growth, rank = EXPECTED[(r["partner"], r["year"])]
        assert set(r) == {"partner", "year", "months", "turnover", "growth", "rank"}
        assert r["months"] == months and r["turnover"] == pytest.approx(turnover)
        assert (r["growth"] is None) if growth is None else r["growth"] == pytest.approx(growth)
        assert r["rank"] == rank


def test_region_json_growth_against_the_same_months_and_rank(db_path, con, peers, capsys):
    con.close()
    code = cli.main(["--db", str(db_path), "region", "--as-of", AS_OF.isoformat(), "--json"])
    assert code == 0
    _check(json.loads(capsys.readouterr().out))


def test_region_as_of_earlier_drops_the_months_not_yet_ended(con, peers):
    rows = region.as_json(region.region(con, date(2026, 3, 31), db.utcnow()).rows)
    serbia_2026 = next(r for r in rows if r["partner"] == "RS" and r["year"] == 2026)
    assert serbia_2026["months"] == 3 and serbia_2026["turnover"] == pytest.approx(270e6)
    assert serbia_2026["growth"] == pytest.approx(270 / 247.5 - 1)


def test_turnover_index_base_year_selectable(con, peers):
    got = region.region(con, AS_OF, db.utcnow())
    idx = region.index(got.by_period, 2024)
    at = {(p, y): i for p, y, i in idx[["partner", "year", "index"]].itertuples(index=False)}
    assert at[("RS", 2024)] == pytest.approx(100) and at[("RS", 2025)] == pytest.approx(110)
    assert at[("RS", 2026)] == pytest.approx(100 * 900 / 750)         # Jan-Oct 2026 against Jan-Oct 2024
    assert at[("AL", 2025)] == pytest.approx(150)
    idx25 = region.index(got.by_period, 2025)
    assert set(idx25["year"]) == {2025, 2026}
    assert dict(zip(idx25["partner"] + idx25["year"].astype(str), idx25["index"]))["MK2026"] == pytest.approx(130)


def test_sources_never_mix_a_second_reporter_is_its_own_series(con, peers):
    put_rows(con, "peer_trade", [
        {"reporter": "UN Comtrade (USA)", "partner": "RS", "year": 2025, "flow": f, "value": 1e9, "currency": "USD"}
        for f in ("us_exports", "us_imports")])
    default = region.region(con, AS_OF, db.utcnow())
    assert (default.reporter, default.currency) == ("US Census", "USD")
    assert default.series == [("US Census", "USD"), ("UN Comtrade (USA)", "USD")]
    other = region.region(con, AS_OF, db.utcnow(), series=("UN Comtrade (USA)", "USD"))
    assert region.as_json(other.rows) == [{"partner": "RS", "year": 2025, "months": 12, "turnover": 2e9,
                                           "growth": None, "rank": None}]


def serbia_target_series(con) -> None:
    """Serbia's own rows of the fixture as the trade-growth target's series (dataset trade)."""
    put_rows(con, "trade", [
        {"reporter": "US Census", "year": y, "month": m, "flow": f, "value": v * 1e6, "currency": "USD"}
        for y, (imp, exp) in MONTHLY[("4801", "Serbia")].items() for m in range(1, 11 if y == 2026 else 13)
        for f, v in (("serbia_to_us", imp), ("us_to_serbia", exp))])


def test_target_statuses_are_identical_with_and_without_peer_rows(con, tmp_path):
    serbia_target_series(con)

    def statuses():
        card = compute_all(con, AS_OF, datetime(2030, 1, 1))
        return [(s.target, s.status, s.actual, s.reason) for s in card.statuses]

    before = statuses()
    assert any(t == "trade-growth" and s != "no_data" for t, s, _a, _r in before)
    report = ingest(con, country_xlsx(tmp_path / "country.xlsx"), "country.xlsx", ANALYST, dataset="peer_trade")
    assert report.ok and report.rows["added"] == 340
    assert statuses() == before


# ------------------------------------------------------------------ the Trade page's "Serbia in the region"

def test_region_view_growth_rank_and_partial_year_marked(con, peers):
    from dialogue import views

    view = views.region(con, AS_OF, lang="en")
    assert view.selected == "US Census · USD" and view.base_years == [2024, 2025] and view.base_year == 2024
    serbia = view.growth[view.growth["partner"] == "RS"]
    assert list(serbia["period"]) == ["2025", "2026 (Jan–Oct)"]
    assert list(serbia["rank"]) == [4, 3]
    assert list(view.ranks["Rank"]) == ["4 of 5", "3 of 5"]
    assert list(view.ranks["Growth on previous year (%)"]) == ["+10.0%", "+9.1%"]
    assert view.missing_note == "No figures in this workspace for: Kosovo, Croatia (EU)."
    assert view.partial_note.startswith("2026 (Jan–Oct) compares those months")
    later = views.region(con, AS_OF, lang="sr-Cyrl", base_year=2025)
    assert later.base_year == 2025
    assert set(later.index["year"]) == {2025, 2026}
    assert list(later.ranks[t("col_rank", "sr-Cyrl")]) == ["4. од 5", "3. од 5"]


def test_region_charts_colour_by_partner_code_in_every_language(con, peers):
    from dialogue import charts, views

    specs = {}
    for lang in ("en", "sr-Latn", "sr-Cyrl"):
        view = views.region(con, AS_OF, lang=lang)
        growth = charts.region_growth(view.growth, view.rate, lang).to_dict()
        index = charts.region_index(view.index, view.base_year, lang).to_dict()
        scale = growth["layer"][0]["encoding"]["color"]["scale"]
        assert scale["domain"] == ["RS", "AL", "BA", "ME", "MK"]     # Serbia first, then the palette order
        assert scale["range"][scale["domain"].index("RS")] == charts.PARTNER_COLOURS["RS"]
        assert index["layer"][1]["encoding"]["color"]["scale"] == scale
        assert growth["layer"][1]["layer"][0]["encoding"]["y"]["datum"] == pytest.approx(0.10)   # the +10 % line
        specs[lang] = scale
    assert specs["en"] == specs["sr-Latn"] == specs["sr-Cyrl"]
    assert "Crna Gora" in str(charts.region_growth(views.region(con, AS_OF, lang="sr-Latn").growth, 0.1, "sr-Latn")
                              .to_dict()["layer"][0]["encoding"]["color"]["legend"])
