"""Serbia in the region on the Trade page, in the briefing and on the command line (issue 17): each partner's growth
and rank, the section without Serbia's own series, and the periods left out because one flow is missing."""
from __future__ import annotations

import json

import pytest

from dialogue import cli, db, views
from dialogue.i18n import t
from dialogue.reports import content as report_content
from tests.conftest import put_rows
from tests.test_region import AS_OF, EXPECTED, _check, peers, serbia_target_series  # noqa: F401 - the fixture

# Croatia: US exports only for March and April 2025; Kosovo: a 2024 full-year figure of US imports only
ONE_FLOW = ([{"reporter": "US Census", "partner": "HR", "year": 2025, "month": m, "flow": "us_exports", "value": 5e6,
              "currency": "USD"} for m in (3, 4)]
            + [{"reporter": "US Census", "partner": "XK", "year": 2024, "flow": "us_imports", "value": 7e6,
                "currency": "USD"}])
NOTE = {
    "en": ("Left out because one flow is missing (a period counts only when both are known): Kosovo: US exports to "
           "the partner missing in 2024; Croatia (EU): US imports from the partner missing in 2025 (Mar, Apr)."),
    "sr-Latn": ("Izostavljeno jer nedostaje jedan tok (period se računa samo kada su poznata oba): Kosovo: nedostaje "
                "„Izvoz SAD partneru“ za 2024; Hrvatska (EU): nedostaje „Uvoz SAD od partnera“ za 2025 (mar, apr)."),
    "sr-Cyrl": ("Изостављено јер недостаје један ток (период се рачуна само када су позната оба): Косово: недостаје "
                "„Извоз САД партнеру“ за 2024; Хрватска (ЕУ): недостаје „Увоз САД од партнера“ за 2025 (мар, апр)."),
}


def trade_page(db_path, monkeypatch, lang: str = "en"):
    """The Trade page run on db_path (closed by the caller) as AppTest, in `lang` at AS_OF."""
    from streamlit.testing.v1 import AppTest

    from dialogue import config
    from tests.test_pages import APP

    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(db_path.parent / "no-users.toml"))
    monkeypatch.setattr(config, "DEFAULT_DB", db_path)
    monkeypatch.setattr(config, "DEMO_DB", db_path.parent / "unused-demo.duckdb")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"], at.session_state["as_of"], at.session_state["workspace"] = lang, AS_OF, "reference"
    at.run()
    at.switch_page("pages/trade.py")
    at.run()
    at.session_state["trade_tab"] = t("region_title", lang)    # the reader opens the region's tab (issue 18)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def growth_chart_rows(at) -> list[dict]:
    """The rows the region's growth chart draws (its tooltip shows each partner's growth and rank), read back
    from the chart's Arrow data as the browser receives it."""
    import pyarrow as pa

    for chart in at.get("vega_lite_chart"):
        for data in chart.proto.datasets:
            frame = pa.ipc.open_stream(data.data.data).read_all().to_pandas()
            if {"partner", "growth", "rank"} <= set(frame.columns):
                return frame.to_dict("records")
    raise AssertionError("no region growth chart on the page")


def serbias_ranks(at, lang: str) -> list[str]:
    return list(next(d.value for d in at.dataframe if t("col_rank", lang) in d.value.columns)[t("col_rank", lang)])


@pytest.mark.parametrize("lang", ("en", "sr-Cyrl"))
def test_trade_page_shows_each_partners_growth_and_rank(db_path, con, peers, monkeypatch, lang):
    serbia_target_series(con)
    db.set_meta(con, "workspace", "reference")
    con.close()
    at = trade_page(db_path, monkeypatch, lang)
    assert t("region_title", lang) in [s.value for s in at.subheader]
    drawn = {(r["partner"], r["year"]): (r["growth"], r["rank"]) for r in growth_chart_rows(at)}
    assert drawn.keys() == {k for k, v in EXPECTED.items() if v[2] is not None}       # every partner, 2025 and 2026
    for key, (growth, rank) in drawn.items():
        assert growth == pytest.approx(EXPECTED[key][2]) and rank == EXPECTED[key][3]
    assert serbias_ranks(at, lang) == [t("region_rank_of", lang, rank=4, n=5), t("region_rank_of", lang, rank=3, n=5)]
    jan_oct = t("period_months", lang, first="Jan" if lang == "en" else "јан", last="Oct" if lang == "en" else "окт")
    assert list(next(d.value for d in at.dataframe if t("col_rank", lang) in d.value.columns)[t("axis_year", lang)]) \
        == ["2025", f"2026 {jan_oct}"]


def test_trade_page_without_serbias_series_still_shows_the_region(db_path, con, peers, monkeypatch):
    assert con.execute("select count(*) from trade").fetchone()[0] == 0
    con.close()
    at = trade_page(db_path, monkeypatch)
    assert any(t("what_trade") in i.value for i in at.info)                    # Serbia's series: missing, said so
    assert t("region_title") in [s.value for s in at.subheader]
    assert serbias_ranks(at, "en") == ["4 of 5", "3 of 5"]
    assert {(r["partner"], r["year"]) for r in growth_chart_rows(at)} == {
        k for k, v in EXPECTED.items() if v[2] is not None}


def test_trade_page_with_nothing_at_all_says_so_for_the_region_too(db_path, con, monkeypatch):
    con.close()
    at = trade_page(db_path, monkeypatch)
    assert t("region_title") in [s.value for s in at.subheader]
    infos = [i.value for i in at.info]
    assert any(t("what_trade") in i for i in infos) and any(t("what_region") in i for i in infos)


# ------------------------------------------------------------------ a period with one flow is left out, and said so


@pytest.fixture
def one_flow(con, peers):
    put_rows(con, "peer_trade", ONE_FLOW)


@pytest.mark.parametrize("lang", ("en", "sr-Latn", "sr-Cyrl"))
def test_partners_with_one_flow_are_named_with_the_missing_flow(con, one_flow, lang):
    view = views.region(con, AS_OF, lang=lang)
    assert view.one_flow_note == NOTE[lang]
    assert set(view.rows["partner"]) == {"RS", "AL", "BA", "ME", "MK"}          # the rows are unchanged
    assert view.missing_note == ""             # Kosovo and Croatia have rows, one flow each: named in the note


def test_no_note_when_every_period_has_both_flows(con, peers):
    assert views.region(con, AS_OF, lang="en").one_flow_note == ""


def test_region_command_keeps_its_rows_and_says_what_was_left_out(db_path, con, one_flow, capsys):
    con.close()
    assert cli.main(["--db", str(db_path), "region", "--as-of", AS_OF.isoformat(), "--json"]) == 0
    out = capsys.readouterr()
    _check(json.loads(out.out))                                                 # the row contract, unchanged
    assert out.err.strip() == NOTE["en"]
    assert cli.main(["--db", str(db_path), "region", "--as-of", AS_OF.isoformat()]) == 0
    assert NOTE["en"] in capsys.readouterr().out


def test_briefing_and_page_name_the_partner_and_the_missing_flow(db_path, con, one_flow, monkeypatch):
    from dialogue.reports.pdf import pdf_bytes
    from tests.test_reports import flat, pdf_text

    section = report_content.region_section(con, AS_OF, db.utcnow(), "sr-Latn")
    assert NOTE["sr-Latn"] in section.notes
    pdf = flat(" ".join(pdf_text(pdf_bytes(report_content.gather(con, AS_OF, "2030-01-01", kind="briefing")))))
    assert "Croatia (EU): US imports from the partner missing in 2025 (Mar, Apr)" in pdf
    con.close()
    at = trade_page(db_path, monkeypatch)
    assert any(NOTE["en"] in c.value for c in at.caption)
