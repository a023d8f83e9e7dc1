"""What the pages show, checked on tiny fixture databases: the mirror pairs one currency, years without exercises show 0."""
from __future__ import annotations

from datetime import date

import pytest

from dialogue import views
from tests.conftest import put_rows

AS_OF = date(2026, 11, 27)


def _trade(reporter, currency, flow, value, year=2024, month=None):
    return {"reporter": reporter, "year": year, "month": month, "flow": flow, "value": value,
            "currency": currency, "source": "fixture"}


REFERENCE_LIKE = [
    _trade("US Census", "USD", "serbia_to_us", 814.2e6),
    _trade("US Census", "USD", "us_to_serbia", 209.8e6),
    _trade("Serbia RZS", "EUR", "serbia_to_us", 619.5e6),
    _trade("Serbia RZS (USD conversion by nh-logistics)", "USD", "serbia_to_us", 725e6),
    _trade("Serbia RZS (USD conversion by Pupin Initiative)", "USD", "serbia_to_us", 684e6),
    _trade("US, source unstated", "EUR", "serbia_to_us", 800e6),
]


def test_mirror_pairs_us_census_usd_with_the_serbian_usd_conversions_and_says_so(con):
    put_rows(con, "trade", REFERENCE_LIKE)
    view = views.trade(con, AS_OF, selected="US Census · USD")
    assert view.mirror_currency == "USD" and view.mirror_unit == "USD million"
    got = {r: v for r, v in zip(view.mirror["reporter"], view.mirror["value"])}
    assert got == pytest.approx({"US Census": 814.2, "Serbia RZS (USD conversion by nh-logistics)": 725.0,
                                 "Serbia RZS (USD conversion by Pupin Initiative)": 684.0})
    assert list(view.mirror["reporter"])[0] == "US Census"           # the US bar first
    gaps = dict(zip(view.mirror_gaps["reporter"], view.mirror_gaps["gap"]))
    assert gaps == pytest.approx({"Serbia RZS (USD conversion by nh-logistics)": 89.2,
                                  "Serbia RZS (USD conversion by Pupin Initiative)": 130.2})
    assert "nh-logistics" in view.mirror_note and "Pupin Initiative" in view.mirror_note
    assert "conversion" in view.mirror_note
    assert view.mirror_flow == "Serbian exports to the US"


def test_mirror_stays_in_the_selected_currency_when_both_sides_have_it(con):
    put_rows(con, "trade", REFERENCE_LIKE)
    view = views.trade(con, AS_OF, selected="Serbia RZS · EUR")
    assert view.mirror_currency == "EUR"
    assert list(view.mirror["reporter"]) == ["US, source unstated", "Serbia RZS"]
    assert view.mirror_gaps["gap"].tolist() == pytest.approx([180.5])
    assert "conversion" not in view.mirror_note


def test_mirror_switches_to_a_currency_both_sides_publish(con):
    # as in the demo: the US Census in USD, RZS in EUR and USD; selected series in EUR
    rows = []
    for m in range(1, 13):
        rows += [_trade("US Census", "USD", "serbia_to_us", 10e6, month=m),
                 _trade("Serbia RZS", "EUR", "serbia_to_us", 7e6, month=m),
                 _trade("Serbia RZS", "USD", "serbia_to_us", 8e6, month=m)]
    put_rows(con, "trade", rows)
    view = views.trade(con, AS_OF, selected="Serbia RZS · EUR")
    assert view.currency == "EUR" and view.mirror_currency == "USD"
    assert dict(zip(view.mirror["reporter"], view.mirror["value"])) == pytest.approx(
        {"US Census": 120.0, "Serbia RZS": 96.0})
    assert view.mirror_gaps["gap"].tolist() == pytest.approx([24.0])


def test_mirror_never_pairs_two_currencies(con):
    put_rows(con, "trade", [_trade("US Census", "USD", "serbia_to_us", 814.2e6),
                            _trade("Serbia RZS", "EUR", "serbia_to_us", 619.5e6)])
    view = views.trade(con, AS_OF, selected="US Census · USD")
    assert view.mirror.empty and view.mirror_gaps.empty


def test_mirror_leaves_out_part_years(con):
    put_rows(con, "trade", [_trade("US Census", "USD", "serbia_to_us", 5e6, year=2026, month=m) for m in (1, 2)]
             + [_trade("Serbia RZS", "USD", "serbia_to_us", 4e6, year=2026, month=m) for m in (1, 2)])
    assert views.trade(con, AS_OF, selected="US Census · USD").mirror.empty


def _exercise(name, start, status="held"):
    return {"name": name, "start_date": start, "date_precision": "day", "format": "bilateral",
            "us_participation": "yes", "status": status, "source": "fixture"}


def test_exercises_per_year_shows_a_year_without_exercises_as_zero(con):
    put_rows(con, "exercises", [_exercise("A", date(2023, 5, 1)), _exercise("B", date(2025, 5, 1)),
                                _exercise("C", date(2025, 6, 1))])
    view = views.security(con, AS_OF)
    held = view.per_year[view.per_year["order"] == 0]
    assert dict(zip(held["year"], held["count"])) == {2023: 1, 2024: 0, 2025: 2, 2026: 0}


def test_turnover_labels_the_year_in_progress_and_says_why(con):
    rows = [_trade("US Census", "USD", flow, 100e6, year=y) for y in (2024, 2025)
            for flow in ("serbia_to_us", "us_to_serbia")]
    rows += [_trade("US Census", "USD", flow, 10e6, year=2026, month=m) for m in range(1, 11)
             for flow in ("serbia_to_us", "us_to_serbia")]
    put_rows(con, "trade", rows)
    view = views.trade(con, AS_OF, selected="US Census · USD")
    assert view.turnover["year"].max() == 2026 and view.turnover_partial == 2026
    last = view.turnover[view.turnover["year"] == 2026].iloc[0]
    assert last["value"] != last["value"] and last["target"] == pytest.approx(220.0)   # no bar, only the target
    assert "2026 is in progress" in view.turnover_note
    from dialogue import charts
    spec = charts.trade_turnover(view.turnover, 0.10, view.base_year, view.unit, "en").to_dict()
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["labelExpr"].startswith('{"2026": ["2026", "(in progress)"]}')


@pytest.mark.parametrize("source,expected", [
    ("https://example.org/a", ("", "https://example.org/a")),
    ("Ministry press office, 3 May 2026", ("Ministry press office, 3 May 2026", None)),
    ("https://a.org/x ; https://b.org/y", ("https://b.org/y", "https://a.org/x")),
    ("Embassy note (https://rs.usembassy.gov/n).", ("Embassy note (", "https://rs.usembassy.gov/n")),
    (None, ("", None)),
])
def test_only_urls_become_links(source, expected):
    assert views.split_source(source) == expected


@pytest.mark.parametrize("status,headline,expected", [
    ("on_track", "On track", ""),
    ("on_track", "On track · 2 of 3 in 2026", "2 of 3 in 2026"),
    ("achieved", "Achieved · 10 Jun 2026", "10 Jun 2026"),
])
def test_overview_figure_drops_the_repeated_status_word(status, headline, expected):
    assert views.figure_only(status, headline, "en") == expected


def test_overview_counts_fit_one_line_and_records_link_only_urls(con):
    put_rows(con, "events", [
        {"date": date(2026, 3, 1), "date_precision": "day", "kind": "context", "title": "Energy talks",
         "area": "energy", "source": "Ministry of Mining and Energy, press release"},
        {"date": date(2026, 4, 1), "date_precision": "day", "kind": "context", "title": "Berlin Process",
         "area": "regional", "source": "https://example.org/berlin"},
    ])
    data = views.overview(con, AS_OF)
    assert data.counts_line.count(" · ") == 6 and "**0**" in data.counts_line
    blocks = {b.area: b for b in data.areas}
    energy, regional = blocks["energy"].records, blocks["regional"].records
    assert energy["link"].isna().all() and energy["source"].tolist() == ["Ministry of Mining and Energy, press release"]
    assert regional["link"].tolist() == ["https://example.org/berlin"] and regional["source"].tolist() == [""]
    assert list(blocks["economic"].targets.columns) == ["badge", "wording", "progress", "history", "data_through", "reason"]


def test_overview_calls_step_iv_not_started_to_off_track_first_measured_not_improved(con):
    """Issue 12 item 5: Step IV moves from Not started (31 Mar 2025, a year before its deadline) to Off track."""
    put_rows(con, "events", [{"date": date(2025, 1, 10), "date_precision": "day", "kind": "context",
                              "title": "Talks", "area": "political", "source": "s"}], time="2025-01-15 00:00:00")
    for lang, word in (("en", "first measured"), ("sr-Latn", "prvi put izmereno"), ("sr-Cyrl", "први пут измерено")):
        data = views.overview(con, date(2025, 5, 15), lang=lang)
        assert data.since == date(2025, 3, 31)
        step = data.moves[data.moves["target"].str.contains("IV")].iloc[0]
        assert step["before"].startswith("⏳") and step["now"].startswith("🔴")
        assert step["direction"] == word


def test_step_vi_chart_states_its_counting_window_and_draws_no_target_before_it(con):
    """Issue 12 item 8: 4 working-group meetings in 2026 never 'reach the target line' while Step VI is not
    started (counted from 2027); the label names the first counted year, in every language."""
    import math

    from dialogue import charts

    put_rows(con, "events", [{"date": date(2026, m, 10), "date_precision": "day", "kind": "working_group_meeting",
                              "title": f"WG {m}", "area": "process", "source": "s"} for m in (2, 5, 8, 11)])
    for lang, label in (("en", "VI (working-group meetings, counted from 2027)"),
                        ("sr-Latn", "VI (Sastanci radnih grupa, broji se od 2027.)"),
                        ("sr-Cyrl", "VI (Састанци радних група, броји се од 2027.)")):
        data = views.roadmap(con, date(2026, 12, 3), lang=lang)
        vi = data.cadence[data.cadence["step_code"] == "roadmap-6:meetings"]     # beside it: completed actions
        assert vi["step"].unique().tolist() == [label]
        assert vi["year"].tolist() == [2026] and vi["count"].tolist() == [4.0] and math.isnan(vi["required"].iloc[0])
        status = data.table.iloc[5, 0]
        assert status.startswith("⏳")                                       # not started
    # the chart's data carry no required count for 2026
    spec = charts.cadence(views.roadmap(con, date(2026, 12, 3)).cadence, "en").to_dict()
    rows = [r for values in spec["datasets"].values() for r in values if r["step"].startswith("VI (working")]
    assert [(r["year"], r["count"], r["required"]) for r in rows] == [(2026, 4.0, None)]
    # once counting has begun, the chart shows the counted years against the target
    later = views.roadmap(con, date(2027, 12, 3)).cadence
    vi = later[later["step_code"] == "roadmap-6:meetings"]
    assert (vi["year"].tolist(), vi["count"].tolist(), vi["required"].tolist()) == ([2027], [0.0], [4.0])


def test_the_encoding_sample_shows_the_first_three_lines_with_non_ascii_letters():
    from dialogue.views.data import encoding_sample

    data = b"name,title\n" + "Vežba,Назив\n".encode() + b"x,y\n" + "č,1\n".encode("cp1250") + "ž1\nž2\n".encode()
    assert encoding_sample(data, "utf-8") == "Vežba,Назив / \ufffd,1 / ž1"
    assert encoding_sample(data, "utf-8", lines=1) == "Vežba,Назив"
    assert encoding_sample(b"a,b\n1,2\n", "utf-8") == ""


def test_an_ascii_upload_is_not_split_into_lines_for_its_encoding_sample():
    """The Data page asks on every rerun while a file is in the uploader; a byte-by-byte look took
    0.5 s of held interpreter lock for a 6 MB CSV. An ASCII file is told at once."""
    from dialogue.views.data import encoding_sample

    class Unsplittable(bytes):
        def splitlines(self, *args):
            raise AssertionError("the whole file was split into lines")

    assert encoding_sample(Unsplittable(b"a,b,c\n1,2,3\n" * 1000), "utf-8") == ""
