"""Charts a minister can trust: partial years are marked in every per-year chart, the road-map Gantt says achieved,
missed or due, and every colour belongs to a code (the same in every language and workspace)."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from dialogue import charts, periods, views
from dialogue.formats import LANGS
from dialogue.views.roadmap import gantt_state
from tests.conftest import put_rows
from tests.test_charts import data_of, layers, mark_type, year_labels

AS_OF = date(2026, 12, 3)


def _trade(flow, value, year, month=None):
    return {"reporter": "US Census", "year": year, "month": month, "flow": flow, "value": value,
            "currency": "USD", "source": "fixture"}


def _jan_to_oct(con):
    """Full years 2024 and 2025 (exports 100, imports 300 a year), then Jan–Oct 2026 at 10 and 30 a month;
    2025 monthly too, so 2026's months have the same months a year earlier (Jan–Oct 2025: 80 and 240)."""
    rows = [_trade(f, v, 2024) for f, v in (("us_to_serbia", 100e6), ("serbia_to_us", 300e6))]
    rows += [_trade(f, v, 2025, m) for m in range(1, 13) for f, v in (("us_to_serbia", 8e6), ("serbia_to_us", 24e6))]
    rows += [_trade(f, v, 2026, m) for m in range(1, 11) for f, v in (("us_to_serbia", 10e6), ("serbia_to_us", 30e6))]
    put_rows(con, "trade", rows)


def bar_layer(spec: dict) -> dict:
    return next(l for l in layers(spec) if mark_type(l) == "bar" and l.get("name") != "target")


# ------------------------------------------------------------------ partial periods

@pytest.mark.parametrize("lang,months,to_date", [
    ("en", "(Jan–Oct)", "(to 3 Dec)"),
    ("sr-Latn", "(jan–okt)", "(do 3. 12.)"),
    ("sr-Cyrl", "(јан–окт)", "(до 3. 12.)"),
])
def test_partial_period_labels_in_every_language(lang, months, to_date):
    assert periods.months_note(1, 10, lang) == months
    assert periods.to_date_note(AS_OF, lang) == to_date
    assert periods.months_note(1, 1, "en") == "(Jan)"


def test_a_year_is_in_progress_until_its_last_day():
    assert periods.in_progress(2026, date(2026, 12, 30))
    assert not periods.in_progress(2026, date(2026, 12, 31))
    assert not periods.in_progress(2025, date(2026, 6, 30))


def test_flows_mark_jan_to_oct_as_partial_and_join_only_full_years_with_the_balance_line(con):
    _jan_to_oct(con)
    view = views.trade(con, AS_OF, selected="US Census · USD")
    marked = view.flows[view.flows["period_note"] != ""]
    assert set(marked["year"]) == {2026} and set(marked["period"]) == {"2026 (Jan–Oct)"}
    assert "2026 (Jan–Oct) holds only the months published so far" in view.flows_note
    spec = charts.trade_flows(view.flows, view.unit, "en").to_dict()
    bars = bar_layer(spec)
    assert year_labels(bars) == {"2026": ["2026", "(Jan–Oct)"]}
    assert bars["encoding"]["x"]["axis"]["labelOverlap"] is False        # the partial label is never dropped
    assert bars["encoding"]["opacity"]["condition"]["test"] == "datum.period_note"
    assert bars["encoding"]["opacity"]["condition"]["value"] == charts.PARTIAL_OPACITY
    line = next(l for l in layers(spec) if mark_type(l) == "line")
    assert sorted(r["year"] for r in data_of(spec, line)) == [2024, 2025]      # no drop drawn into 2026
    balance_2026 = [r for r in view.flows.to_dict("records") if r["year"] == 2026 and r["flow_code"] == "balance"]
    assert balance_2026[0]["value"] == pytest.approx(100 - 300)                # 10 × 10 − 30 × 10


def test_growth_adds_the_year_so_far_against_the_same_months_marked_partial(con):
    _jan_to_oct(con)
    view = views.trade(con, AS_OF, selected="US Census · USD", lang="sr-Cyrl")
    rows = {int(r["year"]): r for r in view.growth.to_dict("records")}
    assert rows[2025]["growth"] == pytest.approx(384 / 400 - 1) and rows[2025]["period_note"] == ""
    assert rows[2026]["growth"] == pytest.approx(400 / 320 - 1)               # Jan–Oct 2026 on Jan–Oct 2025
    assert rows[2026]["period"] == "2026 (јан–окт)"
    assert view.growth_note.startswith("2026 (јан–окт)")
    bars = bar_layer(charts.trade_growth(view.growth, 0.10, "sr-Cyrl").to_dict())
    assert year_labels(bars) == {"2025": "2025 ▼", "2026": ["2026", "(јан–окт)"]}


def test_turnover_keeps_its_in_progress_label_through_the_shared_helper(con):
    _jan_to_oct(con)
    view = views.trade(con, AS_OF, selected="US Census · USD", lang="sr-Latn")
    bars = bar_layer(charts.trade_turnover(view.turnover, 0.10, view.base_year, view.unit, "sr-Latn").to_dict())
    assert year_labels(bars) == {"2026": ["2026", "(u toku)"]}


def test_exercises_per_year_mark_the_as_of_year_until_its_last_day(con):
    put_rows(con, "exercises", [
        {"name": n, "start_date": d, "date_precision": "day", "format": "bilateral", "us_participation": "yes",
         "status": "held", "source": "fixture"} for n, d in (("A", date(2025, 5, 1)), ("B", date(2026, 5, 1)))])
    view = views.security(con, date(2026, 6, 30))
    held = view.per_year[view.per_year["status_code"] == "held"]
    assert dict(zip(held["year"], held["period"])) == {2025: "2025", 2026: "2026 (to 30 Jun)"}
    assert view.per_year_note.startswith("2026 (to 30 Jun) is counted to the as-of date")
    spec = charts.exercises_per_year(view.per_year, view.required, "en").to_dict()
    bars = bar_layer(spec)
    assert year_labels(bars) == {"2026": ["2026", "(to 30 Jun)"]}
    assert bars["encoding"]["detail"]["field"] == "period_note"               # survives the sum for the opacity
    year_end = views.security(con, date(2026, 12, 31))
    assert set(year_end.per_year["period_note"]) == {""} and year_end.per_year_note == ""


def test_training_and_cadence_mark_the_as_of_year(con):
    put_rows(con, "events", [{"date": date(2026, 3, 1), "kind": "diplomat_training", "title": "Course",
                              "quantity": 2, "source": "fixture"}])
    pol = views.political(con, date(2026, 6, 30), lang="sr-Latn")
    assert list(pol.training["period"]) == ["2026 (do 30. 6.)"]
    assert year_labels(bar_layer(charts.diplomat_training(pol.training, 3, "sr-Latn").to_dict())) == \
        {"2026": ["2026", "(do 30. 6.)"]}
    rm = views.roadmap(con, date(2026, 6, 30))
    assert set(rm.cadence[rm.cadence["year"] == 2026]["period_note"]) == {"(to 30 Jun)"}
    assert year_labels(bar_layer(charts.cadence(rm.cadence, "en").to_dict())) == {"2026": ["2026", "(to 30 Jun)"]}


# ------------------------------------------------------------------ the Gantt

def test_gantt_states_say_achieved_missed_or_due():
    late = gantt_state(date(2025, 6, 30), date(2025, 9, 15), AS_OF, "en")
    assert (late["state_code"], late["days_late"], late["when"]) == \
        ("achieved", 77, "Achieved 15 Sep 2025, 77 days after the deadline")
    early = gantt_state(date(2025, 12, 31), date(2025, 12, 10), AS_OF, "en")
    assert (early["state_code"], early["days_late"], early["when"]) == ("achieved", 0, "Achieved 10 Dec 2025")
    missed = gantt_state(date(2025, 6, 30), None, AS_OF, "en")
    assert (missed["state_code"], missed["end"], missed["days_late"]) == ("missed", AS_OF, 521)
    assert missed["when"] == "Missed: deadline 30 Jun 2025, 521 days late"
    due = gantt_state(date(2034, 6, 30), None, AS_OF, "sr-Cyrl")
    assert (due["state_code"], due["days_late"], due["when"]) == ("due", 0, "Предстоји, рок 30. 6. 2034.")
    assert gantt_state(AS_OF, None, AS_OF, "en")["state_code"] == "due"          # the deadline day itself


def test_gantt_on_an_empty_record_shows_missed_steps_and_step_x_due_never_achieved(con):
    view = views.roadmap(con, AS_OF)
    codes = dict(zip([s.split(":")[0] for s in view.steps["step"]], view.steps["state_code"]))
    assert codes["Step I"] == "missed" and codes["Step X"] == "due"
    assert not any(view.steps["when"].str.startswith("Achieved"))
    spec = charts.roadmap_gantt(view.steps, AS_OF, "en").to_dict()
    bars = bar_layer(spec)
    tips = [tip["field"] for tip in bars["encoding"]["tooltip"]]
    assert "when" in tips and "end" not in tips           # the as-of date is never called the achieved date
    assert bars["encoding"]["x"]["scale"]["domain"][1] >= "2034-06-30"   # the axis reaches Step X's deadline
    assert not bars["encoding"]["x"]["scale"].get("clamp")


@pytest.mark.parametrize("lang", LANGS)
def test_gantt_legend_has_one_order_and_missed_is_red(lang):
    df = pd.DataFrame({"step": ["X"], "planned": [date(2034, 6, 30)], "end": [AS_OF], "state": ["-"],
                       "state_code": ["due"], "days_late": [0], "when": ["-"]})
    scale = bar_layer(charts.roadmap_gantt(df, AS_OF, lang).to_dict())["encoding"]["color"]["scale"]
    assert scale["domain"] == ["achieved", "missed", "due"]
    assert dict(zip(scale["domain"], scale["range"]))["missed"] == "#d62728"


# ------------------------------------------------------------------ colours belong to codes

def colour_maps(spec: dict) -> dict[tuple[str, str], str]:
    """{(colour field, code): colour} over every layer that colours by a field; each must have an explicit scale."""
    out = {}
    for layer in layers(spec):
        colour = layer.get("encoding", {}).get("color")
        if not colour or "field" not in colour:
            continue
        scale = colour.get("scale", {})
        assert scale.get("domain") and scale.get("range"), f"{colour['field']} has no explicit colour scale"
        assert len(scale["domain"]) == len(scale["range"])
        out.update({(colour["field"], str(c)): r for c, r in zip(scale["domain"], scale["range"])})
    return out


@pytest.fixture(scope="module")
def drawn(tmp_path_factory, workspace_copy):
    """{(workspace, lang, area): [(title, spec)]}: every area's report charts as Vega-Lite dicts, drawn once for the
    module (both tests below read them; drawing them took most of the file's time)."""
    from dialogue import db
    from dialogue.reports.figures import area_charts

    out = {}
    for name in ("reference", "demo"):
        con = db.connect(workspace_copy(tmp_path_factory.mktemp(name) / f"{name}.duckdb", name))
        try:
            for lang in LANGS:
                for area in ("economic", "security", "political", "process"):
                    out[name, lang, area] = [(title, chart.to_dict()) for title, chart in
                                             area_charts(area, con, AS_OF, None, lang)]
        finally:
            con.close()
    return out


def test_every_chart_colours_codes_the_same_in_every_language_and_workspace(drawn):
    seen: dict[tuple[str, str], set[str]] = {}
    fields_by_lang: dict[str, set[str]] = {}
    assert {(w, lang) for w, lang, _ in drawn} == {(w, lang) for w in ("reference", "demo") for lang in LANGS}
    for (_workspace, lang, _area), charts_drawn in drawn.items():
        for _title, spec in charts_drawn:
            for key, colour in colour_maps(spec).items():
                seen.setdefault(key, set()).add(colour)
                fields_by_lang.setdefault(lang, set()).add(key)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes
    assert fields_by_lang["en"] == fields_by_lang["sr-Latn"] == fields_by_lang["sr-Cyrl"]
    fields = {f for f, _ in seen}
    assert {"flow_code", "result_code", "status_code", "format_code", "state_code", "step_code", "reporter"} <= fields
    assert seen[("flow_code", "exports")] == {"#4c78a8"} and seen[("flow_code", "balance")] == {"#333333"}
    assert seen[("state_code", "due")] == {"#9e9e9e"}          # "not yet achieved" is grey on both workspaces


def test_demo_per_year_charts_mark_2026_in_pages_and_reports(drawn):
    """The pages and the reports draw the same specs: every per-year chart of the demo marks 2026 as partial."""
    for lang in LANGS:
        marked = []
        for area in ("economic", "security", "political", "process"):
            for _title, spec in drawn["demo", lang, area]:
                for layer in layers(spec):
                    x = layer.get("encoding", {}).get("x", {})
                    if x.get("field") == "year" and isinstance(year_labels(layer).get("2026"), list):
                        marked.append(area)
                        break
        # turnover, growth, flows · exercises · training · cadence
        assert sorted(marked) == ["economic"] * 3 + ["political", "process", "security"], (lang, marked)


def test_legend_labels_follow_the_language_while_colours_follow_the_code():
    df = pd.DataFrame({"year": [2024] * 3, "flow_code": ["exports", "imports", "balance"], "kind": ["bar", "bar", "line"],
                       "value": [1.0, 2.0, -1.0]})
    specs = {lang: charts.trade_flows(df.assign(flow=[f"{lang}-{c}" for c in df["flow_code"]]), "USD", lang).to_dict()
             for lang in LANGS}
    maps = {lang: colour_maps(s) for lang, s in specs.items()}
    assert maps["en"] == maps["sr-Cyrl"] == maps["sr-Latn"]
    expr = bar_layer(specs["sr-Cyrl"])["encoding"]["color"]["legend"]["labelExpr"]
    assert json.loads(expr.split("[datum.label]")[0])["exports"] == "sr-Cyrl-exports"
