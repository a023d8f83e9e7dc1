"""Chart builders, checked through to_dict(): the target layer carries the right value, every layer has
tooltips, and axes are titled with units in the chosen language."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from dialogue import charts


def layers(spec: dict) -> list[dict]:
    """Every leaf layer of a (possibly nested) layer spec."""
    out = []
    for layer in spec.get("layer", [spec]):
        out.extend(layers(layer) if "layer" in layer else [layer])
    return out


def named(spec: dict, name: str) -> dict:
    for layer in spec.get("layer", []):
        if layer.get("name") == name:
            return layer
    raise AssertionError(f"no layer named {name!r}")


def data_of(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own data, or the layer chart's shared data."""
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def mark_type(layer: dict) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def axis_titles(spec: dict) -> set[str]:
    titles = set()
    for layer in layers(spec):
        for channel in ("x", "y"):
            enc = layer.get("encoding", {}).get(channel, {})
            if enc.get("title"):
                titles.add(enc["title"])
    return titles


def assert_tooltips(spec: dict, skip_marks=("text",)):
    for layer in layers(spec):
        if mark_type(layer) in skip_marks:
            continue
        assert "tooltip" in layer.get("encoding", {}), f"{mark_type(layer)} layer has no tooltip"


def year_labels(layer: dict) -> dict:
    """The special year labels of a layer's x axis ({"2026": ["2026", "(Jan–Oct)"]}), read from its label expression."""
    expr = layer["encoding"]["x"].get("axis", {}).get("labelExpr")
    return json.loads(expr.split("[datum.value]")[0]) if expr else {}


def target_rule_value(spec: dict) -> float:
    target = named(spec, "target")
    rule = next(l for l in layers(target) if mark_type(l) == "rule")
    return rule["encoding"]["y"]["datum"]


def test_trade_turnover_draws_the_target_path_dashed():
    df = pd.DataFrame({"year": [2025, 2026, 2027], "value": [1000.0, 1050.0, None],
                       "target": [1000.0, 1100.0, 1210.0]})
    spec = charts.trade_turnover(df, 0.10, 2025, "USD million", "en").to_dict()
    target = named(spec, "target")
    assert mark_type(target) == "line" and target["mark"]["strokeDash"]
    assert [r["target"] for r in data_of(spec, target)] == [1000.0, 1100.0, 1210.0]
    assert {"Year", "Turnover (USD million)"} <= axis_titles(spec)
    assert_tooltips(spec)


def test_trade_growth_marks_bars_under_the_rule():
    df = pd.DataFrame({"year": [2024, 2025], "growth": [0.05, 0.15]})
    spec = charts.trade_growth(df, 0.10, "sr-Latn").to_dict()
    assert target_rule_value(spec) == pytest.approx(0.10)
    bars = next(l for l in layers(spec) if mark_type(l) == "bar")
    rows = data_of(spec, bars)
    assert [r["marker"] for r in rows] == ["▼ ispod", ""]
    assert [r["result"] for r in rows] == ["▼ Ispod cilja", "Cilj ostvaren"]
    # the ▼ goes into the year's axis label, not over the bar (where it hit the rule and negative bars)
    assert year_labels(bars) == {"2024": "2024 ▼"}
    assert not [l for l in layers(spec) if mark_type(l) == "text" and l["encoding"]["text"].get("field") == "marker"]
    assert "Rast u odnosu na prethodnu godinu (%)" in axis_titles(spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert_tooltips(spec)


def test_trade_ytd_puts_the_target_as_a_tick():
    df = pd.DataFrame({"period": ["2025", "2026"], "value": [100.0, 105.0], "target": [None, 110.0]})
    spec = charts.trade_ytd(df, "USD million", "en").to_dict()
    target = named(spec, "target")
    assert mark_type(target) == "tick"
    assert [r["target"] for r in data_of(spec, target)] == [110.0]
    assert_tooltips(spec)


def test_exercises_per_year_rule_at_the_required_count():
    df = pd.DataFrame({"year": [2025, 2026, 2026], "status": ["Held", "Held", "Planned"],
                       "status_code": ["held", "held", "planned"], "count": [3, 1, 1], "order": [0, 0, 1]})
    spec = charts.exercises_per_year(df, 3, "en").to_dict()
    assert target_rule_value(spec) == 3
    assert {"Year", "Exercises (count)"} <= axis_titles(spec)
    assert_tooltips(spec)


def test_defence_agreements_step_line_pace_and_target():
    steps = pd.DataFrame({"date": [date(2026, 1, 1), date(2026, 5, 1), date(2026, 6, 30)],
                          "cumulative": [0, 1, 1], "title": ["", "Radar deal", ""]})
    pace = pd.DataFrame({"date": [date(2026, 1, 1), date(2028, 12, 31)], "expected": [0.0, 3.0]})
    spec = charts.defence_agreements(steps, pace, 3, "sr-Cyrl").to_dict()
    assert target_rule_value(spec) == 3
    assert [r["expected"] for r in data_of(spec, named(spec, "pace"))] == [0.0, 3.0]
    step = next(l for l in layers(spec) if mark_type(l) == "line" and l["mark"].get("interpolate") == "step-after")
    assert [r["cumulative"] for r in data_of(spec, step)] == [0, 1, 1]
    assert "Потписани споразуми (збирно)" in axis_titles(spec)
    assert spec["config"]["locale"]["time"]["months"][0] == "јануар"
    assert_tooltips(spec)


def test_diplomat_training_rule():
    spec = charts.diplomat_training(pd.DataFrame({"year": [2025], "count": [2.0]}), 3, "en").to_dict()
    assert target_rule_value(spec) == 3
    assert_tooltips(spec)


def test_exercise_timeline_has_source_in_tooltip_and_today_rule():
    df = pd.DataFrame({"name": ["Wolf"], "start": [date(2025, 6, 1)], "end": [date(2025, 6, 10)],
                       "format": ["Bilateral"], "format_code": ["bilateral"], "status": ["Held"],
                       "status_code": ["held"], "location": ["Borovac"],
                       "source": ["https://example.org"]})
    spec = charts.exercise_timeline(df, date(2026, 6, 30), "en").to_dict()
    bars = next(l for l in layers(spec) if mark_type(l) == "bar")
    assert "source" in [tip["field"] for tip in bars["encoding"]["tooltip"]]
    assert bars["encoding"]["x2"]["field"] == "end"
    today = named(spec, "today")
    assert today["encoding"]["x"]["datum"] == {"year": 2026, "month": 6, "date": 30}
    assert_tooltips(spec)


def test_roadmap_gantt_planned_diamonds_and_today():
    df = pd.DataFrame({"step": ["I. Consent", "IV. Inaugural meeting"],
                       "planned": [date(2025, 6, 30), date(2026, 3, 31)],
                       "end": [date(2025, 8, 1), date(2026, 6, 30)],
                       "state": ["Achieved", "Missed"], "state_code": ["achieved", "missed"],
                       "days_late": [32, 91], "when": ["Achieved 1 Aug 2025, 32 days after the deadline",
                                                       "Missed: deadline 31 Mar 2026, 91 days late"]})
    spec = charts.roadmap_gantt(df, date(2026, 6, 30), "en").to_dict()
    target = named(spec, "target")
    assert target["mark"]["shape"] == "diamond"
    assert [r["days_late"] for r in data_of(spec, target)] == [32, 91]
    assert_tooltips(spec)


def test_gantt_labels_wrap_instead_of_being_cut():
    from dialogue.views import wrap

    long = "Step I: consent of key US stakeholders for the start of the Strategic Dialogue"
    assert wrap(long) == "Step I: consent of key US stakeholders for|the start of the Strategic Dialogue"
    assert wrap("short") == "short"
    df = pd.DataFrame({"step": [wrap(long)], "planned": [date(2025, 6, 30)], "end": [date(2025, 9, 15)],
                       "state": ["Achieved"], "state_code": ["achieved"], "days_late": [77],
                       "when": ["Achieved 15 Sep 2025, 77 days after the deadline"]})
    spec = charts.roadmap_gantt(df, date(2026, 6, 30), "en").to_dict()
    bars = next(l for l in layers(spec) if mark_type(l) == "bar")
    assert "split(datum.label, '|')" in bars["encoding"]["y"]["axis"]["labelExpr"]
    assert bars["encoding"]["color"]["legend"]["labelLimit"] >= 400
    assert data_of(spec, bars)[0]["name"] == long                      # the tooltip reads the whole name


def test_cadence_ticks_at_each_steps_required_count():
    df = pd.DataFrame({"year": [2026, 2026], "step": ["VIII (quarterly)", "IX"],
                       "step_code": ["roadmap-8:quarterly", "roadmap-9"], "count": [2, 1], "required": [4.0, 1.0]})
    spec = charts.cadence(df, "en").to_dict()
    target = named(spec, "target")
    bars = next(l for l in layers(spec) if mark_type(l) == "bar" and l.get("name") != "target")
    # a flat bar (y = y2 = required) in the same x / xOffset slot as its step's bar: never half a slot off
    assert mark_type(target) == "bar" and target["mark"]["strokeWidth"] >= 2
    assert target["encoding"]["y"]["field"] == target["encoding"]["y2"]["field"] == "required"
    assert target["encoding"]["xOffset"] == bars["encoding"]["xOffset"]
    assert target["encoding"]["x"] == bars["encoding"]["x"]
    assert [r["required"] for r in data_of(spec, target)] == [4.0, 1.0]
    assert_tooltips(spec)


def test_mirror_flows_and_products_have_tooltips_and_titles():
    mirror = charts.mirror(pd.DataFrame({"year": [2024, 2024], "reporter": ["US Census", "Serbia RZS"],
                                         "value": [814.2, 725.0]}),
                           pd.DataFrame({"year": [2024], "top": [814.2], "gap": [89.2]}), "USD million", "en")
    spec = mirror.to_dict()
    text = next(l for l in layers(spec) if mark_type(l) == "text")
    assert data_of(spec, text)[0]["label"] == "Gap 89.2"
    bars = next(l for l in layers(spec) if mark_type(l) == "bar")
    assert bars["encoding"]["xOffset"]["sort"] == ["US Census", "Serbia RZS"]    # the US bar first
    flows = charts.trade_flows(pd.DataFrame({"year": [2024] * 3, "flow": ["Exports", "Imports", "Balance"],
                                             "flow_code": ["exports", "imports", "balance"],
                                             "kind": ["bar", "bar", "line"], "value": [209.8, 814.2, -604.4]}),
                               "USD million", "en").to_dict()
    products = charts.products(pd.DataFrame({"product": ["Tyres"], "value": [123.7]}), "EUR million", "en").to_dict()
    for s in (spec, flows, products):
        assert "Value (USD million)" in axis_titles(s) or "Value (EUR million)" in axis_titles(s)
        assert_tooltips(s, skip_marks=("text", "rule"))
