"""The one-screen summary: quarterly history as known at each quarter end, moves, what is due, the JSON contract."""
from __future__ import annotations

import json

import pytest
from datetime import date, datetime

from dialogue import status_history, summary
from dialogue.cli import main
from tests.conftest import put_rows

D = date.fromisoformat


def ex(name, start, status="held"):
    return {"name": name, "start_date": start, "format": "bilateral", "us_participation": "yes", "status": status}


def test_quarter_ends_from_the_start():
    assert status_history.quarter_ends(D("2026-02-12"), D("2026-12-03")) == [D("2026-03-31"), D("2026-06-30"),
                                                                           D("2026-09-30")]
    assert status_history.quarter_ends(D("2026-02-12"), D("2026-03-30")) == []
    assert status_history.quarter_label(D("2026-11-30")) == "2026-Q4"


def test_history_shows_each_quarter_as_known_then(con):
    # nothing known at the end of Q1; one exercise (5 Apr) recorded on 10 Apr; a second, held 1 May, recorded only
    # on 1 Nov: the strip must not rewrite Q2 and Q3 with what was learnt later
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    put_rows(con, "exercises", [ex("May", D("2026-05-01"))], time=datetime(2026, 11, 1, 9))
    marks = status_history.history(con, D("2026-11-15"))["joint-exercises"]
    assert [(m.quarter, m.status) for m in marks] == [
        ("2026-Q1", "no_data"),      # the dataset held no rows then: nothing uploaded yet, not 0
        ("2026-Q2", "on_track"),     # 1 held; 3 × 181/365 = 1.49 → 1 expected by 30 Jun
        ("2026-Q3", "at_risk"),      # 1 held; 3 × 273/365 = 2.24 → 2 expected; 92 of 365 days (> ¼) remain
    ]
    assert "1" in marks[2].reason
    assert status_history.streak(marks, "at_risk") == 1
    assert status_history.streak(marks, "off_track") == 0


def test_history_cache_follows_new_uploads(con):
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    first = status_history.history(con, D("2026-07-15"))["joint-exercises"]
    assert status_history.history(con, D("2026-07-15"))["joint-exercises"] is first      # cached
    put_rows(con, "exercises", [ex("Late", D("2026-02-01"))], time=datetime(2026, 3, 1, 9))
    again = status_history.history(con, D("2026-07-15"))["joint-exercises"]
    assert again is not first and again[0].status == "on_track"     # now known at Q1's end: 1 ≥ round(0.74)


def test_a_later_upload_leaves_past_quarters_as_computed_and_a_backdated_one_redoes_only_its_quarters(con, monkeypatch):
    from dialogue import status

    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    first = status_history.history(con, D("2026-11-15"))["joint-exercises"]
    computed = []
    real = status.compute_all
    monkeypatch.setattr(status, "compute_all", lambda c, as_of, *a, **k: computed.append(as_of) or real(c, as_of, *a, **k))
    put_rows(con, "exercises", [ex("Autumn", D("2026-10-20"))], time=datetime(2026, 11, 1, 9))    # after Q3's end
    later = status_history.history(con, D("2026-11-15"))["joint-exercises"]
    assert later is not first and later == first and computed == []     # a new upload: nothing to redo
    put_rows(con, "exercises", [ex("Summer", D("2026-08-01"))], time=datetime(2026, 9, 1, 9))     # known in Q3
    redone = status_history.history(con, D("2026-11-15"))["joint-exercises"]
    assert computed == [D("2026-09-30")]                                 # only the quarter that knew of it
    assert [(m.quarter, m.status) for m in redone] == [("2026-Q1", "no_data"), ("2026-Q2", "on_track"),
                                                       ("2026-Q3", "on_track")]    # 2 held ≥ round(2.24)
    status_history._CACHE.clear()
    status_history._QUARTERS.clear()
    assert status_history.history(con, D("2026-11-15"))["joint-exercises"] == redone     # as computed afresh


def test_summary_moves_due_and_json_contract(con):
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    s = summary.build(con, D("2026-10-15"))
    assert s.since == D("2026-09-30")
    out = s.to_json()
    assert list(out) == ["as_of", "since", "counts", "counts_since", "worsened", "improved", "due", "targets"]
    assert sum(out["counts"].values()) == sum(out["counts_since"].values()) == len(out["targets"])
    # joint exercises: at risk on 30 Sep (as said then), off track on 15 Oct (less than a quarter of the year left)
    moved = [m for m in out["worsened"] if m["target"] == "joint-exercises"]
    assert moved and moved[0]["from"] == "at_risk" and moved[0]["to"] == "off_track"
    assert set(moved[0]) == {"target", "from", "to", "reason"}
    due = [d for d in out["due"] if d["date"] == "2026-12-31" and d["kind"] == "period_end"]
    assert any(d["what"] == "At least 3 joint military exercises a year" for d in due)
    row = next(t for t in out["targets"] if t["target"] == "joint-exercises")
    assert set(row) == {"target", "status", "progress", "data_through", "needed", "history"}
    assert row["progress"] == round(1 / 3, 4)
    assert row["needed"] == "2 more by 31 Dec 2026"
    assert row["history"] == [{"quarter": "2026-Q1", "status": "no_data"}, {"quarter": "2026-Q2", "status": "on_track"},
                              {"quarter": "2026-Q3", "status": "at_risk"}]


def test_summary_command_json_is_strict(db_path, con, capsys):
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    con.close()
    assert main(["--db", str(db_path), "summary", "--as-of", "2026-10-15", "--lang", "sr-Cyrl", "--json"]) == 0
    out = json.loads(capsys.readouterr().out, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert out["as_of"] == "2026-10-15" and out["counts"]["off_track"] >= 1
    row = next(t for t in out["targets"] if t["target"] == "joint-exercises")
    assert row["needed"] == "Још 2 до 31. 12. 2026."


def test_held_text_counts_the_quarters_in_words():
    from dialogue.views.history import held_text

    mk = [status_history.Mark(f"2026-Q{i}", D("2026-03-31"), s, "") for i, s in
          enumerate(("on_track", "off_track", "off_track", "off_track"), start=1)]
    assert held_text(mk, "off_track", "en") == "Off track for 3 quarters"
    assert held_text(mk, "off_track", "sr-Latn") == "Zaostaje već 3 kvartala"
    assert held_text(mk, "off_track", "sr-Cyrl") == "Заостаје већ 3 квартала"
    assert held_text(mk[:2], "off_track", "en") == "Off track since the last quarter end"
    assert held_text(mk, "missed", "en") == "Missed this quarter"


def test_status_strip_view_and_chart_bind_colours_to_codes(con):
    from dialogue import charts, views

    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    frames = {}
    for lang in ("en", "sr-Latn", "sr-Cyrl"):
        frame, held = views.status_strip(con, D("2026-11-15"), None, lang, area="security")
        assert set(frame["target"]) == {"joint-exercises", "national-guard-partnership", "defence-agreements"}
        row = frame[(frame["target"] == "joint-exercises") & (frame["quarter"] == "2026-Q3")].iloc[0]
        assert row["status_code"] == "at_risk" and row["icon"] == "⚠️" and row["reason"]
        spec = charts.status_strip(frame, lang).to_dict()
        colour = spec["layer"][0]["encoding"]["color"]
        frames[lang] = (colour["field"], colour["scale"])
        assert [t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]] == ["quarter", "status", "reason"]
        assert spec["layer"][1]["encoding"]["text"]["field"] == "icon"       # never colour alone
    assert frames["en"] == frames["sr-Latn"] == frames["sr-Cyrl"]
    field, scale = frames["en"]
    assert field == "status_code"
    assert dict(zip(scale["domain"], scale["range"]))["at_risk"] == charts.STATUS_COLOURS["at_risk"]
    _, held = views.status_strip(con, D("2026-11-15"), None, "en", area="security")
    assert held["At least 3 joint military exercises a year"] == "Off track this quarter"


def _trade_months(con, year, months, each, time="2026-11-20 00:00:00"):
    rows = [{"reporter": "US Census", "year": year, "month": m, "flow": flow, "value": each / 2, "currency": "USD"}
            for m in months for flow in ("us_to_serbia", "serbia_to_us")]
    put_rows(con, "trade", rows, time=time)


def test_trade_what_if_view_and_chart(con):
    from dialogue import charts, views

    _trade_months(con, 2025, range(1, 13), 100e6)
    _trade_months(con, 2026, range(1, 11), 105e6)
    w = views.trade_what_if(con, D("2026-12-03"), None, "en", selected="US Census · USD", growth=0.20)
    assert w.available and w.status == "missed" and w.required == pytest.approx(1320.0)
    assert w.sentence == ("With the months still to come at +20.0% on last year's months, 2026 would end at "
                          "USD 1,290.0 million, +7.5% on 2025: the target would be missed (it needs USD 1,320.0 million). "
                          "A projection, not a figure.")
    dashed = w.frame[w.frame["kind_code"] == "projection"].sort_values("month")
    assert dashed["month"].tolist() == [10, 11, 12]                # joined to the last month with figures
    assert dashed["cumulative"].tolist() == pytest.approx([1050.0, 1170.0, 1290.0])
    spec = charts.what_if(w.frame, w.required, 0.10, w.unit, "sr-Cyrl").to_dict()
    assert spec["layer"][0]["encoding"]["strokeDash"]["scale"]["domain"] == ["actual", "projection"]
    assert spec["layer"][1]["layer"][0]["encoding"]["y"]["datum"] == pytest.approx(1320.0)
    sr = views.trade_what_if(con, D("2026-12-03"), None, "sr-Latn", selected="US Census · USD", monthly=135.0)
    assert sr.status == "achieved" and "1.320,0 mil. USD" in sr.sentence


from tests.test_pages import fixture_db  # noqa: E402,F401 - the page tests' database, reused


def test_trade_page_what_if_follows_the_assumed_growth(fixture_db):  # noqa: F811
    from dialogue import db
    from tests.test_pages import run_page

    con = db.connect(fixture_db)
    _trade_months(con, 2025, range(1, 13), 100e6)
    _trade_months(con, 2026, range(1, 11), 105e6)
    con.close()
    at = run_page("trade", as_of=D("2026-12-03"))
    assert not at.exception
    at.session_state["trade_tab"] = "What if"          # the reader opens the What if tab
    at.run()
    at.number_input(key="whatif_growth").set_value(20.0).run()
    assert not at.exception
    assert any("2026 would end at USD 1,290.0 million" in c.value for c in at.caption)


def test_history_uses_the_targets_as_known_at_each_quarter_end(con):
    """Issue 15 item 2 with issue 12 item 9: a threshold lowered in August changes Q3's mark, not Q2's."""
    from dialogue import config, target_versions

    text = config.TARGETS_FILE.read_text(encoding="utf-8")
    target_versions.record(con, text, "fixture", time=datetime(2026, 1, 1, 9))
    lowered = text.replace("[target.params]\nrequired = 3\nunit.en = [\"exercise\", \"exercises\"]",
                           "[target.params]\nrequired = 1\nunit.en = [\"exercise\", \"exercises\"]", 1)
    assert lowered != text
    target_versions.record(con, lowered, "fixture", time=datetime(2026, 8, 1, 9))
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    marks = status_history.history(con, D("2026-11-15"), known_at=datetime(2026, 11, 15))["joint-exercises"]
    assert [(m.quarter, m.status) for m in marks] == [
        ("2026-Q1", "no_data"), ("2026-Q2", "on_track"),   # 3 required then: 1 held, 1 expected by 30 Jun
        ("2026-Q3", "achieved"),                           # 1 required since August: 1 held
    ]


def test_a_cached_history_looks_up_no_quarter_targets_and_a_new_version_refreshes_it(con, monkeypatch):
    """A warm page asks for the history again: the hit must not read the targets once per quarter (on the
    1M-row database, 67 quarters: seconds), yet a newly recorded version must still be seen."""
    from dialogue import config, target_versions

    text = config.TARGETS_FILE.read_text(encoding="utf-8")
    target_versions.record(con, text, "fixture", time=datetime(2026, 1, 1, 9))
    put_rows(con, "exercises", [ex("Spring", D("2026-04-05"))], time=datetime(2026, 4, 10, 9))
    known = datetime(2026, 11, 15)
    first = status_history.history(con, D("2026-11-15"), known_at=known)
    asked = []
    looked_up = target_versions.book_known_at
    monkeypatch.setattr(target_versions, "book_known_at", lambda c, m: asked.append(m) or looked_up(c, m))
    assert status_history.history(con, D("2026-11-15"), known_at=known) is first and asked == []
    assert [m.status for m in first["joint-exercises"]] == ["no_data", "on_track", "at_risk"]   # 1 of 2 expected
    lowered = text.replace("[target.params]\nrequired = 3\nunit.en = [\"exercise\", \"exercises\"]",
                           "[target.params]\nrequired = 1\nunit.en = [\"exercise\", \"exercises\"]", 1)
    target_versions.record(con, lowered, "fixture", time=datetime(2026, 8, 1, 9))
    again = status_history.history(con, D("2026-11-15"), known_at=known)
    assert len(asked) == 3                                   # a miss: each of the three quarters looked up once
    assert [m.status for m in again["joint-exercises"]] == ["no_data", "on_track", "achieved"]   # 1 required since Aug
