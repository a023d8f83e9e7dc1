"""The Delivery page (viewer and up, three languages), its timeline chart, and the area pages' linked actions."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dialogue import charts, config, db, store
from dialogue.i18n import t
from dialogue.reading import read_upload
from tests.conftest import ANALYST, put_rows
from tests.md_tables import headings, tables, tables_in
from tests.test_delivery_upload import cyrillic_actions_workbook
from tests.test_pages import APP, _as_role, _fresh_caches, point_workspaces, run_page, workspaces  # noqa: F401

AS_OF = date(2026, 7, 1)


@pytest.fixture
def delivery_db(tmp_path, monkeypatch):
    """One working group that met in May 2026, and the commitments of an inaugural meeting."""
    path = tmp_path / "delivery.duckdb"
    con = db.connect(path)
    put_rows(con, "working_groups", [dict(group_id="rg-trgovina", name="Trade", name_sr="Trgovina", area="economic",
                                          us_cochair="US Department of Commerce", serbian_cochair="Ministarstvo trgovine",
                                          state="active")])
    put_rows(con, "events", [dict(date="2026-05-20", kind="working_group_meeting", title="Sastanak",
                                  target_id="rg-trgovina")])
    put_rows(con, "commitments", [
        dict(commitment_id="C1", made_at="2026-02-12", meeting="Inaugural meeting", text="Sign the treaty",
             side="joint", due_date="2026-05-31", state="open", source="https://example.org/statement"),
        dict(commitment_id="C2", made_at="2026-02-12", meeting="Inaugural meeting", text="List barriers",
             side="serbia", due_date="2026-05-31", state="kept"),
    ])
    db.set_meta(con, "workspace", "reference")
    con.close()
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB", path)
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "unused-demo.duckdb")
    return path


def _page(lang: str, path, as_of: date = AS_OF, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["as_of"] = as_of
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/delivery.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def _table_text(at) -> str:
    return " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel()) + " " + \
        " ".join(str(v) for tb in tables(at) for v in tb.to_numpy().ravel())


def _actions(at, lang: str) -> pd.DataFrame:
    """The action plan's first view: the one Markdown table with an action and a progress column."""
    (frame,) = [f for f in tables(at) if {t("col_action", lang), t("col_progress", lang)} <= set(f.columns)]
    return frame


def test_cyrillic_upload_shows_overdue_on_the_page_and_rollback_removes_it(delivery_db, tmp_path):
    book = tmp_path / "мере.xlsx"
    cyrillic_actions_workbook(book)
    con = db.connect(delivery_db)
    try:
        parsed = read_upload(book.read_bytes(), book.name)
        assert parsed.errors == [] and parsed.dataset == "actions"
        upload = store.commit_frame(con, "actions", parsed.frame, ANALYST, file=book.name)
    finally:
        con.close()
    at = _page("sr-Cyrl", delivery_db)
    cells = _table_text(at)
    assert t("flag_overdue", "sr-Cyrl") in cells                       # М-01, due 30 June, in progress on 1 July
    assert "Списак нецаринских баријера" in cells
    # 1 of 3 overdue, 1 slipping (М-01: all its time elapsed, 60 % done), the group met within six months
    assert t("dl_summary", "sr-Cyrl", overdue="1", slipping="1", n="3", active="1", groups="1", months=6) in _texts(at)
    assert "Sign the treaty" in cells and t("cstate_open", "sr-Cyrl") in cells

    store.rollback(db.shared(delivery_db).cursor(), upload, ANALYST)     # the dashboard's own connection
    at = _page("sr-Cyrl", delivery_db)
    assert "Списак нецаринских баријера" not in _table_text(at)
    assert t("dl_no_actions", "sr-Cyrl") in _texts(at)


def test_a_viewer_sees_the_delivery_page(delivery_db, tmp_path, monkeypatch):
    at = _as_role("viewer", "vera", tmp_path, monkeypatch, "delivery")
    assert at.title[0].value == t("delivery_title", "en")
    assert "Trade" in _table_text(at) and "US Department of Commerce" in _table_text(at)


def _done_and_late(path) -> None:
    """Two actions of the trade group: one done (US, DoC), one late and in progress (Serbia, MoT)."""
    con = db.connect(path)
    put_rows(con, "actions", [
        dict(action_id="A1", group_id="rg-trgovina", title="Done one", lead_side="us", owner="DoC", state="done",
             due_date="2026-05-01"),
        dict(action_id="A2", group_id="rg-trgovina", title="Late one", lead_side="serbia", owner="MoT",
             state="in_progress", due_date="2026-06-01"),
    ])
    con.close()


def test_filters_narrow_the_action_plan(delivery_db):
    _done_and_late(delivery_db)
    at = _page("en", delivery_db, delivery_state="done")
    assert list(_actions(at, "en")[t("col_action", "en")]) == ["Done one"]
    at = _page("en", delivery_db, delivery_lead_side="serbia")
    assert list(_actions(at, "en")[t("col_flags", "en")]) == [t("flag_overdue", "en")]


def test_filters_are_folded_and_a_choice_outlives_the_closed_expander(delivery_db):
    _done_and_late(delivery_db)
    at = _page("sr-Latn", delivery_db)
    assert not at.selectbox                                          # folded: no widget drawn
    at.session_state["delivery_filters"] = True                      # open "Filtriraj ..."
    at.run()
    at.selectbox(key="_delivery_owner").set_value("MoT").run()
    assert list(_actions(at, "sr-Latn")[t("col_action", "sr-Latn")]) == ["Late one"]
    at.session_state["delivery_filters"] = False                     # closed again: the filter stays
    at.run()
    assert not at.selectbox and list(_actions(at, "sr-Latn")[t("col_action", "sr-Latn")]) == ["Late one"]
    assert t("dl_filters", "sr-Latn", n="1") in [e.label for e in at.expander]


def test_reference_workspace_says_no_working_group_is_known(point_workspaces):
    at = run_page("delivery", "sr-Latn", "reference")
    assert not at.exception
    assert any(t("dl_no_groups", "sr-Latn", templates="working_groups, actions, commitments") == i.value for i in at.info)


def test_demo_area_page_lists_its_linked_actions(point_workspaces):
    at = run_page("trade", "en", "demo", as_of=date(2026, 12, 3))
    assert not at.exception
    (folded,) = [e for e in at.expander if e.key == "linked_actions_economic"]
    assert folded.label == f"{t('dl_area_actions', 'en')} (3)"      # the demo's three economic actions
    assert not at.dataframe                                          # closed: nothing drawn on this run
    at.session_state["linked_actions_economic"] = True               # the reader opens it
    at.run()
    assert not at.exception
    titles = " ".join(" ".join(map(str, d.value.get(t("col_action", "en"), []))) for d in at.dataframe)
    assert "Draft of the double-taxation agreement (demo)" in titles
    assert "Calendar of joint exercises" not in titles                     # a security action stays on its page


def test_action_timeline_colours_belong_to_state_codes():
    df = pd.DataFrame({"action": ["A1 · x", "A2 · y"], "start": [date(2026, 1, 1), date(2026, 3, 1)],
                       "due": [date(2026, 5, 31), date(2026, 9, 30)], "state": ["delayed", "planned"],
                       "state_label": ["Kasni", "Planirano"], "owner": ["", ""], "flags": ["⏰ Rok prekoračen", ""],
                       "overdue": [True, False]})
    spec = charts.action_timeline(df, date(2026, 7, 1), "sr-Latn").to_dict()
    bars = spec["layer"][0]["encoding"]["color"]
    assert bars["field"] == "state"
    assert bars["scale"]["domain"] == ["planned", "in_progress", "done", "delayed", "dropped"]
    assert bars["scale"]["range"][3] == charts.ACTION_STATE_COLORS["delayed"]
    assert '"delayed": "Kasni"' in bars["legend"]["labelExpr"]
    # the overdue label layer draws only the overdue action
    late = spec["layer"][2]
    rows = spec["datasets"][late["data"]["name"]]
    assert [r["action"] for r in rows] == ["A1 · x"]


# ------------------------------------------------------------------ quarterly assessments on the pages

def test_an_analyst_records_another_approves_and_the_area_page_shows_it_beside_the_status(delivery_db, tmp_path,
                                                                                         monkeypatch):
    at = _as_role("analyst", "ana", tmp_path, monkeypatch, "delivery")
    assert t("as_title", "en") in [e.label for e in at.expander]        # folded until opened
    at.session_state["assessments_panel"] = True
    at.run()
    assert t("as_no_drafts", "en") in [c.value for c in at.caption]
    at.selectbox(key="assessment_target").set_value("joint-exercises")
    # as of 30 June 2026 (_as_role): that quarter first, then the three before it
    assert at.selectbox(key="assessment_quarter").options == ["2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3"]
    at.radio(key="assessment_confidence").set_value("low")
    at.text_area(key="assessment_narrative").input("Exports *fell* after the [tariff](x).")
    at.text_area(key="assessment_next_steps").input("Trade fair in Chicago")
    at.button[0].click().run()          # the form's submit button
    assert not at.exception, [e.value for e in at.exception]
    assert any(t("as_saved", "en", id=1) == s.value for s in at.success)
    # its author cannot approve it: no button, a sentence instead
    assert t("as_not_yours", "en", id=1) in [c.value for c in at.caption]
    assert not [b for b in at.button if b.key == "assessment_approve_1"]
    assert "Exports *fell* after the [tariff](x)." in [x.value for x in at.text][0]   # literal, never Markdown

    boris = _as_role("analyst", "boris", tmp_path, monkeypatch, "delivery")
    boris.session_state["assessments_panel"] = True
    boris.run()
    boris.button(key="assessment_approve_1").click().run()
    assert not boris.exception, [e.value for e in boris.exception]
    assert any(t("as_approved", "en", id=1) == s.value for s in boris.success)
    assert t("as_no_drafts", "en") in [c.value for c in boris.caption]

    vera = _as_role("viewer", "vera", tmp_path, monkeypatch, "delivery")
    assert t("as_title", "en") not in [e.label for e in vera.expander]    # viewers neither record nor approve
    vera.switch_page("pages/security.py")
    vera.run()
    assert not vera.exception, [e.value for e in vera.exception]
    assert t("as_area", "en") in headings(vera)
    table = next(tb for tb in tables(vera) if t("col_confidence", "en") in tb.columns)
    row = table.iloc[0]
    assert row[t("col_confidence", "en")] == "Low" and row[t("col_approved_by", "en")] == "boris"
    assert row[t("col_quarter", "en")] == "2026-Q2"       # escaped in Markdown (plain), read back unescaped
    assert row[t("col_computed", "en")].split(" ", 1)[1] in ("No data", "Not started", "Off track", "At risk",
                                                             "On track", "Achieved", "Missed")


def test_area_assessments_sit_beside_the_computed_status_in_cyrillic(con):
    from dialogue import assessments, views
    from dialogue.roles import Actor
    from dialogue.status import compute_all
    from dialogue.vocab import status_badge

    a = assessments.record(con, ANALYST, "joint-exercises", "2026-Q2", "high", "Три вежбе.")
    assessments.approve(con, Actor("boris", "analyst"), a)
    later = assessments.record(con, ANALYST, "joint-exercises", "2026-Q3", "low", "Draft, not approved.")
    frame = views.area_assessments(con, date(2026, 9, 1), None, "sr-Cyrl", areas=("security",))
    status = compute_all(con, date(2026, 9, 1), lang="sr-Cyrl").get("joint-exercises").status
    assert frame.values.tolist() == [[status_badge(status, "sr-Cyrl"), frame.iloc[0, 1], "2026-Q2", "Висока",
                                      "Три вежбе.", "", "boris"]]
    assert later and views.area_assessments(con, date(2026, 3, 31), None, "en", areas=("security",)).empty  # Q2 later
    assert views.area_assessments(con, date(2026, 9, 1), None, "en", areas=("economic",)).empty


# ------------------------------------------------------------------ issue 14 "done when", end to end in Cyrillic

ISSUE_JSON_KEYS = {
    "top": ["as_of", "working_groups", "actions", "commitments"],
    "working_groups": ["group_id", "name", "area", "active", "last_meeting"],
    "actions": ["action_id", "group_id", "title", "owner", "lead_side", "due", "state", "progress", "overdue",
                "slipping"],
    "commitments": ["commitment_id", "made_at", "text", "owner", "due", "state", "overdue"],
}


def test_a_serbian_analyst_uploads_cyrillic_actions_on_the_data_page_sees_them_overdue_and_rolls_back(delivery_db,
                                                                                                     tmp_path):
    from dialogue.delivery_state import delivery_state

    book = tmp_path / "мере.xlsx"
    cyrillic_actions_workbook(book)
    at = _page("sr-Cyrl", delivery_db)
    at.switch_page("pages/data.py")
    at.run()
    at.file_uploader(key="upload_file_0").set_value((book.name, book.read_bytes(),
                                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key="upload_commit").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    upload = db.latest_upload_id(db.shared(delivery_db).cursor())

    at.switch_page("pages/delivery.py")
    at.run()
    cells = _table_text(at)
    assert "Списак нецаринских баријера" in cells and t("flag_overdue", "sr-Cyrl") in cells
    # what `delivery --json` prints (DeliveryState.to_json), with exactly the issue's keys in the issue's order
    out = delivery_state(db.shared(delivery_db).cursor(), AS_OF).to_json()
    assert list(out) == ISSUE_JSON_KEYS["top"]
    for part in ("working_groups", "actions", "commitments"):
        assert out[part] and all(list(row) == ISSUE_JSON_KEYS[part] for row in out[part]), part
    # by due date within the group: М-02 (31 May, done), М-01 (30 June, in progress), М-03 (no dates at all)
    assert [(a["action_id"], a["overdue"], a["slipping"]) for a in out["actions"]] == [
        ("М-02", False, False), ("М-01", True, True), ("М-03", False, False)]

    at.switch_page("pages/data.py")
    at.session_state["data_tab"] = t("data_history", "sr-Cyrl")
    at.run()
    at.button(key=f"rollback_{upload}").click()
    at.run()
    at.button(key=f"rollback_yes_{upload}").click()      # the confirmation names the upload
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/delivery.py")
    at.run()
    assert "Списак нецаринских баријера" not in _table_text(at)
    assert t("dl_no_actions", "sr-Cyrl") in _texts(at)
    assert delivery_state(db.shared(delivery_db).cursor(), AS_OF).to_json()["actions"] == []


def test_the_action_list_comes_first_and_the_timeline_is_drawn_only_when_opened(point_workspaces):
    """Issue 18: a chart is a Vega compile and draw on every visit, so the timeline waits in its fold."""
    at = run_page("delivery", "sr-Cyrl", "demo", as_of=date(2026, 12, 3))
    assert not at.exception, [e.value for e in at.exception]
    (fold,) = [e for e in at.expander if e.key == "delivery_timeline"]
    assert fold.label == t("dl_timeline", "sr-Cyrl")
    assert len(_actions(at, "sr-Cyrl")) == 10 and not at.get("vega_lite_chart")   # the list first; the chart waits
    assert not at.dataframe and "delivery_actions_all" not in [e.key for e in at.expander]   # 10 of 10: no fold
    at.session_state["delivery_timeline"] = True                           # the reader opens the timeline
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("vega_lite_chart")) == 1 and len(_actions(at, "sr-Cyrl")) == 10
    # the summary, the groups with their table and the plans' heading are one element
    (groups,) = [m.value for m in at.markdown if f"### {t('dl_groups', 'sr-Cyrl')}" in m.value]
    assert groups.startswith(":gray[") and groups.endswith(f"### {t('dl_plans', 'sr-Cyrl')}")
    assert len(tables_in(groups)) == 1


def test_a_long_list_of_commitments_shows_the_most_pressing_and_folds_them_all(delivery_db):
    con = db.connect(delivery_db)
    put_rows(con, "commitments", [dict(commitment_id=f"M{i:02d}", made_at="2026-04-01", meeting="Second meeting",
                                       text=f"Promise {i}", side="us", due_date="2026-12-31", state="open")
                                  for i in range(30)])
    con.close()
    at = _page("sr-Latn", delivery_db)
    assert not at.exception, [e.value for e in at.exception]
    (text,) = [m.value for m in at.markdown if "Second meeting" in m.value]
    (shown,) = tables_in(text)
    assert len(shown) == 25 and text.endswith(f":gray[{t('dl_promised_shown', 'sr-Latn', shown='25', n='30')}]")
    (fold,) = [e for e in at.expander if e.key == "delivery_promised_all"]
    assert fold.label == t("dl_promised_all", "sr-Latn", n="30") and not at.dataframe      # closed: drawn when opened
    at.session_state["delivery_promised_all"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [len(d.value) for d in at.dataframe] == [30]


def test_a_long_action_plan_shows_the_most_pressing_as_text_and_folds_the_whole_plan(delivery_db):
    """Issue 18: a data grid keeps the browser busy ~300 ms after it is drawn, so the first view is text."""
    con = db.connect(delivery_db)
    put_rows(con, "actions", [dict(action_id=f"P{i:02d}", group_id="rg-trgovina", title=f"Planned {i:02d}",
                                   lead_side="us", owner="DoC", state="planned", due_date=f"2027-{i % 12 + 1:02d}-01")
                              for i in range(30)]
             + [dict(action_id="L1", group_id="rg-trgovina", title="Late one", lead_side="serbia", owner="MoT",
                     state="in_progress", due_date="2026-06-01")])
    con.close()
    at = _page("sr-Latn", delivery_db)
    assert not at.exception, [e.value for e in at.exception]
    first = _actions(at, "sr-Latn")
    n = 31
    assert len(first) == 25 and "Late one" in list(first[t("col_action", "sr-Latn")])      # overdue comes first
    assert not at.dataframe                                          # the whole plan waits in its fold
    (fold,) = [e for e in at.expander if e.key == "delivery_actions_all"]
    assert fold.label == t("dl_actions_all", "sr-Latn", n=str(n))
    assert t("dl_actions_first", "sr-Latn", shown="25", n=str(n)) in _texts(at)
    at.session_state["delivery_actions_all"] = True                  # the reader opens it
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [len(d.value) for d in at.dataframe] == [n]
