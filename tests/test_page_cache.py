"""pages/ui/cache.py: derived values are made once per input identity, and drawn exactly as Streamlit would draw them."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from pages.ui import cache


def test_memo_makes_once_per_frame_identity_and_value():
    memo = cache.IdentityMemo(size=8)
    frame = pd.DataFrame({"a": [1, 2]})
    made = []

    def make(tag):
        made.append(tag)
        return tag

    assert memo.get("x", (frame, "en", date(2026, 6, 30)), lambda: make(1)) == 1
    assert memo.get("x", (frame, "en", date(2026, 6, 30)), lambda: make(2)) == 1          # same frame, equal values
    assert memo.get("x", (frame.copy(), "en", date(2026, 6, 30)), lambda: make(3)) == 3   # equal content, other object
    assert memo.get("x", (frame, "sr-Latn", date(2026, 6, 30)), lambda: make(4)) == 4     # other language
    assert memo.get("y", (frame, "en", date(2026, 6, 30)), lambda: make(5)) == 5          # other name
    assert made == [1, 3, 4, 5]


def test_memo_forgets_the_least_recently_used_entry():
    memo = cache.IdentityMemo(size=2)
    memo.get("n", (1,), lambda: "one")
    memo.get("n", (2,), lambda: "two")
    memo.get("n", (1,), lambda: "again")      # 1 is now the most recent
    memo.get("n", (3,), lambda: "three")      # evicts 2
    assert memo.get("n", (1,), lambda: "new") == "one"
    assert memo.get("n", (2,), lambda: "new") == "new"


def test_derived_frames_keep_their_identity_so_their_arrow_is_made_once():
    frame = pd.DataFrame({"badge": ["On track"], "reason": ["*a* [b](c)"]})
    first = cache.derived("t", frame, (("badge",),), lambda: frame[["badge"]])
    assert cache.derived("t", frame, (("badge",),), lambda: frame[["badge"]]) is first
    table = cache.arrow("t", first, lambda f: f)
    assert isinstance(table, pa.Table)
    assert cache.arrow("t", first, lambda f: f) is table
    # the same bytes Streamlit sends when given the pandas frame itself
    assert dataframe_util.convert_arrow_table_to_arrow_bytes(table) == dataframe_util.convert_anything_to_arrow_bytes(first)


def test_chart_specs_carry_arrow_bytes_equal_to_streamlits_own_conversion():
    from dialogue import charts

    per_year = pd.DataFrame({"year": [2025, 2026], "status": ["Held", "Planned"], "status_code": ["held", "planned"],
                             "count": [2, 1], "order": [0, 1]})
    spec = cache.chart_spec("exercises_per_year", (per_year, 3.0, "en"), {})
    assert cache.chart_spec("exercises_per_year", (per_year, 3.0, "en"), {}) is spec      # built once
    plain = charts.exercises_per_year(per_year, 3.0, "en").to_dict()
    assert set(spec["datasets"]) == set(plain["datasets"])
    for name, values in plain["datasets"].items():
        assert spec["datasets"][name] == dataframe_util.convert_anything_to_arrow_bytes(values)
    assert {k: v for k, v in spec.items() if k != "datasets"} == {k: v for k, v in plain.items() if k != "datasets"}


def test_chart_specs_have_no_altair_row_limit():
    """10,000 exercises on the timeline raised MaxRowsError while specs kept Altair's 5,000-row limit."""
    import altair as alt

    from pages.ui.cache import _to_dict

    spec = _to_dict(alt.Chart(pd.DataFrame({"x": range(6000)})).mark_tick().encode(x="x:Q"))
    assert len(spec["datasets"][next(iter(spec["datasets"]))]) == 6000


def test_the_dashboard_builds_chart_specs_without_the_schema_check(monkeypatch):
    """The schema check ran on the server for every chart an upload changed (half of to_dict's CPU); the tests
    check the builders instead. The spec is the validated spec."""
    from altair.utils import schemapi

    from dialogue import charts

    per_year = pd.DataFrame({"year": [2024, 2026], "status": ["Held", "Planned"], "status_code": ["held", "planned"],
                             "count": [3, 1], "order": [0, 1]})
    validated = charts.exercises_per_year(per_year, 3.0, "sr-Latn").to_dict()

    def refuse(*args, **kwargs):
        raise AssertionError("validated at run time")

    monkeypatch.setattr(schemapi.SchemaBase, "validate", refuse)
    spec = cache.chart_spec("exercises_per_year", (per_year, 3.0, "sr-Latn"), {})
    assert {k: v for k, v in spec.items() if k != "datasets"} == {k: v for k, v in validated.items() if k != "datasets"}


def _in_thread(target):
    import threading

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def test_a_value_being_made_is_waited_for_not_made_again():
    import threading

    memo = cache.IdentityMemo(size=8)
    started, release, made, got = threading.Event(), threading.Event(), [], []

    def slow():
        made.append("first")
        started.set()
        release.wait(10)
        return "page data"

    first = _in_thread(lambda: got.append(memo.get("p", ("overview", 7), slow)))
    assert started.wait(10)
    second = _in_thread(lambda: got.append(memo.get("p", ("overview", 7), lambda: made.append("again") or "again")))
    other = memo.get("p", ("trade", 7), lambda: "trade data")     # another key is not held up
    assert other == "trade data" and got == []
    release.set()
    first.join(10)
    second.join(10)
    assert made == ["first"] and got == ["page data", "page data"]


def test_when_the_maker_fails_a_waiting_session_makes_it_itself():
    import threading

    memo = cache.IdentityMemo(size=8)
    started, release, got, raised = threading.Event(), threading.Event(), [], []

    def failing():
        started.set()
        release.wait(10)
        raise RuntimeError("database busy")

    def first_session():
        try:
            memo.get("p", ("overview",), failing)
        except RuntimeError as exc:
            raised.append(str(exc))

    first = _in_thread(first_session)
    assert started.wait(10)
    second = _in_thread(lambda: got.append(memo.get("p", ("overview",), lambda: "made by the second")))
    release.set()
    first.join(10)
    second.join(10)
    assert raised == ["database busy"] and got == ["made by the second"]
    assert memo.get("p", ("overview",), lambda: "not again") == "made by the second"


def test_recent_lists_one_names_inputs_the_most_recently_used_first():
    memo = cache.IdentityMemo(size=8)
    for inputs in (("overview", 1), ("trade", 1), ("overview", 2)):
        memo.get("page_data", inputs, lambda: None)
    memo.get("scorecard", ("db", 1), lambda: None)
    memo.get("page_data", ("overview", 1), lambda: "not made again")      # used again: now the most recent
    assert memo.recent("page_data") == [("overview", 1), ("overview", 2), ("trade", 1)]
    assert memo.recent("scorecard") == [("db", 1)]


def test_a_chart_of_equal_figures_in_new_frames_is_not_built_again_and_other_figures_are():
    per_year = pd.DataFrame({"year": [2025, 2026], "status": ["Held", "Planned"], "status_code": ["held", "planned"],
                             "count": [2, 1], "order": [0, 1]})
    spec = cache.chart_spec("exercises_per_year", (per_year, 3.0, "en"), {})
    after_upload = per_year.copy()                      # the same figures, a new object (as after an upload)
    assert cache.chart_spec("exercises_per_year", (after_upload, 3.0, "en"), {}) is spec
    changed = per_year.assign(count=[2, 2])
    other = cache.chart_spec("exercises_per_year", (changed, 3.0, "en"), {})
    assert other is not spec and other["datasets"] != spec["datasets"]
    as_float = per_year.astype({"count": float})        # equal numbers of another type: built again
    assert cache.chart_spec("exercises_per_year", (as_float, 3.0, "en"), {}) is not spec
    assert cache.chart_spec("exercises_per_year", (per_year.copy(), 3, "en"), {}) is not spec     # 3 is not 3.0


def test_content_keys_tell_frames_apart_by_columns_index_and_cells():
    a = pd.DataFrame({"x": [1, 2]})
    assert cache._content((a,)) == cache._content((a.copy(),))
    assert cache._content((a,)) != cache._content((a.rename(columns={"x": "y"}),))
    assert cache._content((a,)) != cache._content((a.set_axis([5, 6]),))
    assert cache._content((a,)) != cache._content((a.iloc[::-1],))
    assert cache._content((pd.DataFrame({"x": [[1], [2]]}),)) is None      # cells that cannot be hashed
    assert cache._content((a, ("lang", "en"))) == cache._content((a.copy(), ("lang", "en")))


def test_frames_are_paired_by_their_place_in_two_values_of_one_view():
    from dataclasses import dataclass

    @dataclass
    class Data:
        per_year: pd.DataFrame
        parts: tuple
        required: float

    old = Data(pd.DataFrame({"a": [1]}), (pd.DataFrame({"b": [1]}), {"x": pd.DataFrame({"c": [1]})}), 3.0)
    new = Data(pd.DataFrame({"a": [2]}), (pd.DataFrame({"b": [2]}), {"x": pd.DataFrame({"c": [2]})}), 3.0)
    pairs = {}
    cache.pair_frames(old, new, pairs)
    assert {id(o): n for o, n in pairs.values()} == {id(old.per_year): new.per_year, id(old.parts[0]): new.parts[0],
                                                    id(old.parts[1]["x"]): new.parts[1]["x"]}
    assert all(pairs[id(o)][0] is o for o in (old.per_year, old.parts[0], old.parts[1]["x"]))


def test_charts_drawn_lately_are_built_again_from_the_paired_frames_only():
    old = pd.DataFrame({"year": [2026], "status": ["Held"], "status_code": ["held"], "count": [2], "order": [0]})
    new = old.assign(count=[3])
    other = old.assign(count=[7])
    cache.chart_spec("exercises_per_year", (old, 3.0, "en"), {})
    cache.chart_spec("exercises_per_year", (other, 3.0, "sr-Cyrl"), {})      # drawn, but its frame is not paired
    assert cache.redraw_with({id(old): (old, new)}) == 1
    made = cache.SPECS.peek("exercises_per_year", (new, 3.0, "en"))
    assert made is not None and made == cache.chart_spec("exercises_per_year", (new.copy(), 3.0, "en"), {})
    assert cache.SPECS.peek("exercises_per_year", (other.assign(count=[8]), 3.0, "sr-Cyrl")) is None
    assert cache.redraw_with({id(old): (old, new)}, stop=lambda: True) == 0
