"""Focused checks of what the dashboard pages show, and the harness that runs a page (test_every_page.py runs
every page in every language on both workspaces)."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dialogue import config, db, export, target_versions, views
from dialogue.i18n import t
from tests.conftest import put_rows
from tests.md_tables import headings, tables
from tests.test_security import hostile_db  # noqa: F401 - a fixture

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ("overview", "trade", "security", "political", "roadmap", "delivery", "briefings", "data", "method", "admin")
LANGS = ("en", "sr-Latn", "sr-Cyrl")
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory, workspace_copy):
    """The two bundled workspaces, built the way the dashboard builds them (copies: this module's own files)."""
    base = tmp_path_factory.mktemp("ws")
    paths = {}
    for name in ("reference", "demo"):
        paths[name] = base / f"{name}.duckdb"
        try:
            workspace_copy(paths[name], name)
        except ImportError as exc:
            paths[name] = exc
    return paths


def run_page(page: str, lang: str = "en", workspace: str = "reference", as_of: date = AS_OF) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["as_of"] = as_of
    at.session_state["workspace"] = workspace
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


@pytest.fixture
def point_workspaces(monkeypatch, workspaces):
    """Point the dashboard's two workspaces at the module's temporary databases."""
    for name, path in workspaces.items():
        if isinstance(path, Exception):
            pytest.skip(f"the {name} workspace cannot be built yet: {path}")
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(workspaces["reference"].parent / "no-users.toml"))  # local mode: every page
    monkeypatch.setattr(config, "DEFAULT_DB", workspaces["reference"])
    monkeypatch.setattr(config, "DEMO_DB", workspaces["demo"])
    return workspaces


# ------------------------------------------------------------------ a known fixture database

@pytest.fixture
def fixture_db(tmp_path, monkeypatch):
    """Two exercises held and one planned in 2026, a 2025 exercise, US Census trade 2024-2025."""
    path = tmp_path / "known.duckdb"
    con = db.connect(path)
    ex = dict(format="bilateral", us_participation="yes", source="https://example.org/ex")
    put_rows(con, "exercises", [
        dict(name="Wolf 25", start_date="2025-06-01", end_date="2025-06-10", status="held", **ex),
        dict(name="Eagle 26", start_date="2026-02-01", end_date="2026-02-05", status="held", **ex),
        dict(name="Hawk 26", start_date="2026-04-10", end_date="2026-04-20", status="held", **ex),
        dict(name="Lion 26", start_date="2026-10-01", end_date="2026-10-05", status="planned", **ex),
    ])
    tr = dict(reporter="US Census", currency="USD", source="https://census.gov")
    put_rows(con, "trade", [
        dict(year=2024, flow="us_to_serbia", value=200e6, **tr),
        dict(year=2024, flow="serbia_to_us", value=800e6, **tr),
        dict(year=2025, flow="us_to_serbia", value=250e6, **tr),
        dict(year=2025, flow="serbia_to_us", value=850e6, **tr),
    ])
    db.set_meta(con, "workspace", "reference")
    target_versions.sync_file(con)      # as `init` does: the dashboard's start finds no change to record
    con.close()
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB", path)
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "unused-demo.duckdb")
    return path


def _frames(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def test_synthetic_rows_outside_the_demo_workspace_get_a_banner_with_their_count(fixture_db):
    at = run_page("overview")
    assert not [w for w in at.warning if "Synthetic rows" in w.value], "real rows alone: no banner"
    con = db.connect(fixture_db)
    db.set_meta(con, "workspace", "empty")          # an analyst's own workspace takes synthetic rows
    put_rows(con, "events", [dict(date="2026-03-01", kind="meeting", title="made-up meeting", area="process",
                                  source="generator", synthetic=True)])
    con.close()
    at = run_page("overview")
    assert not at.exception
    (banner,) = [w.value for w in at.warning if "Synthetic rows" in w.value]
    assert banner.startswith("**Synthetic rows in this database: 1 (") and "DEMO DATA" not in banner


def test_security_page_shows_the_exercise_status_and_counts(fixture_db):
    at = run_page("security")
    assert not at.exception
    # 2 held by 30 June 2026 and 1 planned later in the year, 3 required: held + planned >= 3 -> on track.
    statuses = tables(at)[0]
    row = statuses[statuses.iloc[:, 1].str.contains("3 joint military exercises")]
    assert row.iloc[0, 0] == "🟢 On track"
    charts = at.get("vega_lite_chart")
    assert charts, "the exercises chart is drawn"


def test_trade_page_shows_turnover_growth(fixture_db):
    from dialogue import views

    con = db.connect(fixture_db)
    view = views.trade(con, AS_OF)
    con.close()
    # turnover 2024 = 1,000 and 2025 = 1,100 (USD million): growth 10.0%.
    assert view.selected == "US Census · USD"
    assert list(view.growth["year"]) == [2025]
    assert view.growth["growth"].iloc[0] == pytest.approx(0.10)
    assert view.turnover.set_index("year").loc[2025, "value"] == pytest.approx(1100.0)
    # the target path starts at the base year (2025, the year before the 2026 start) with its own value
    assert view.turnover.set_index("year").loc[2026, "target"] == pytest.approx(1210.0)
    at = run_page("trade")
    assert not at.exception
    assert any("US Census" in str(s.value) for s in at.selectbox)


def test_overview_lists_every_area_in_serbian(fixture_db):
    at = run_page("overview", "sr-Latn")
    assert not at.exception
    heads = headings(at)
    assert "Bezbednost i odbrana" in heads
    assert "Regionalne inicijative" in heads and "Evropske integracije" in heads
    at = run_page("overview", "sr-Cyrl")
    assert not at.exception
    assert "Безбедност и одбрана" in headings(at)
    assert at.title[0].value == "Да ли смо на добром путу?"
    # the status of the security target in Cyrillic words with its icon: 🟢 На добром путу
    badges = set(tables(at)[2].iloc[:, 0])      # the tiles, trade, then security
    assert "🟢 На добром путу" in badges


def test_trade_page_draws_the_rest_only_in_the_open_tab(fixture_db):
    """Issue 18: every chart is a Vega compile and draw in the browser, so the first view draws the history strip,
    the turnover and the first tab's growth; the year to date, the flows, the mirror statistics and the region wait
    until their tab is opened."""
    at = run_page("trade")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Growth by year", "Year to date", "Exports, imports and balance",
                                              "What if", "Mirror statistics", "By product", "Serbia in the region",
                                              "Table behind the chart"]
    assert len(at.get("vega_lite_chart")) == 3
    assert [m.value for m in at.markdown if m.value.startswith("### Year-on-year growth against 10%")]
    mirror_heading = "Mirror statistics: the same flow as each side reports it"
    assert mirror_heading not in [s.value for s in at.subheader]
    at.session_state["trade_tab"] = "Mirror statistics"    # the reader opens the mirror tab
    at.run()
    assert not at.exception
    assert mirror_heading in [s.value for s in at.subheader]
    assert len(at.get("vega_lite_chart")) == 2           # growth gave way; one reporter: the mirror says what is missing
    assert not [m.value for m in at.markdown if m.value.startswith("### Year-on-year growth")]
    at.session_state["trade_tab"] = "Exports, imports and balance"
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 3     # the flows' chart


def test_overview_folds_an_areas_records_and_draws_them_when_opened(fixture_db):
    con = db.connect(fixture_db)
    put_rows(con, "events", [dict(date=f"2025-0{i}-01", kind="context", title=f"energy talks {i}", area="energy",
                                  source="https://example.org/e") for i in range(1, 4)])
    con.close()
    at = run_page("overview")
    assert not at.exception
    folded = [e for e in at.expander if e.key == "overview_records_energy"]
    assert len(folded) == 1 and folded[0].label == "The records (3)"
    assert not at.dataframe                              # closed: nothing drawn on this run
    at.session_state["overview_records_energy"] = True   # the minister opens it
    at.run()
    assert not at.exception
    (records,) = _frames(at)
    assert list(records["title"]) == ["energy talks 3", "energy talks 2", "energy talks 1"]   # newest first


def test_upload_preview_commit_history_rollback(fixture_db):
    pytest.importorskip("dialogue.reading", reason="the readers' module (dialogue.reading) is not installed yet")
    csv = ("name,start_date,end_date,format,us_participation,status,source\n"
           "Falcon 26,2026-05-04,2026-05-08,bilateral,yes,held,https://example.org/falcon\n").encode()
    at = run_page("data")
    assert not at.exception
    at.file_uploader(key="upload_file_0").set_value(("falcon.csv", csv, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    at.button(key="upload_commit").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success][-1].startswith("Committed as upload #")
    (uploader,) = at.file_uploader
    assert uploader.key == "upload_file_1" and uploader.value is None, "a committed file leaves the uploader"
    con = db.connect(fixture_db)
    names = set(con.execute("select name from exercises where valid_to is null").df()["name"])
    newest = db.latest_upload_id(con)
    con.close()
    assert "Falcon 26" in names
    assert not [f for f in _frames(at) if "file" in f], "only the open tab's content runs"
    at.session_state["data_tab"] = "History of uploads"      # the reader opens the History tab
    at.run()
    history = _frames(at)
    assert any((f.get("File") == "falcon.csv").any() for f in history if "File" in f)
    at.button(key=f"rollback_{newest}").click()
    at.run()
    at.button(key=f"rollback_yes_{newest}").click()            # the confirmation (issue 12.10)
    at.run()
    assert not at.exception
    con = db.connect(fixture_db)
    names = set(con.execute("select name from exercises where valid_to is null").df()["name"])
    con.close()
    assert "Falcon 26" not in names


def test_the_data_page_reads_an_uploaded_file_once_for_its_preview_and_commit(fixture_db, monkeypatch):
    """The commit reuses the preview's reading of the same bytes (each reading held the server's one
    interpreter lock for 0.1-0.3 s, stalling every reader); the plan is made again at the commit."""
    from dialogue import reading

    reads = []
    real = reading.read_upload
    monkeypatch.setattr(reading, "read_upload", lambda *a, **k: reads.append(a[1]) or real(*a, **k))
    csv = ("name,start_date,end_date,format,us_participation,status,source\n"
           "Falcon 26,2026-05-04,2026-05-08,bilateral,yes,held,https://example.org/falcon\n").encode()
    at = run_page("data")
    at.file_uploader(key="upload_file_0").set_value(("falcon.csv", csv, "text/csv"))
    at.run()
    assert not at.exception and not at.error and reads == ["falcon.csv"]
    at.button(key="upload_commit").click()
    at.run()
    assert not at.exception and [s.value for s in at.success][-1].startswith("Committed as upload #")
    assert reads == ["falcon.csv"], "the commit read the file again"
    con = db.connect(fixture_db)
    rows = con.execute("select name, end_date::varchar from exercises where valid_to is null and name = 'Falcon 26'"
                       ).fetchall()
    con.close()
    assert rows == [("Falcon 26", "2026-05-08")]


def test_hidden_sheets_are_named_and_read_only_when_the_upload_tab_checkbox_is_ticked(fixture_db):
    from tests.test_reading_integrity import _book_with_hidden_sheets

    at = run_page("data")
    at.file_uploader(key="upload_file_0").set_value(("hidden.xlsx", _book_with_hidden_sheets(), "application/octet-stream"))
    at.run()
    assert not at.exception and not at.error
    assert at.checkbox(key="upload_include_hidden").label == "Include hidden sheets"
    assert any("Skipped hidden sheet(s): 'Old copy' (hidden), 'Lookup' (very hidden)" in x.value for x in at.text)
    assert at.markdown and not any("Added (3)" in m.value for m in at.markdown)
    at.checkbox(key="upload_include_hidden").check()
    at.run()
    assert not at.exception and not at.error
    assert any("Added (3)" in m.value for m in at.markdown), "the hidden sheets' rows are now in the preview"
    at.button(key="upload_commit").click()
    at.run()
    con = db.connect(fixture_db)
    values = con.execute("select value from trade where valid_to is null and year = 2024 and month is not null").df()
    con.close()
    assert sorted(values["value"]) == [100.0, 999999.0, 999999.0]


def test_rejected_upload_shows_the_problem_table_and_writes_nothing(fixture_db):
    pytest.importorskip("dialogue.reading", reason="the readers' module (dialogue.reading) is not installed yet")
    con = db.connect(fixture_db)
    before = db.fingerprint(con)
    con.close()
    csv = ("name,start_date,format,us_participation,status\n"
           "Bad 26,not a date,bilateral,yes,held\n").encode()
    at = run_page("data")
    at.file_uploader(key="upload_file_0").set_value(("bad.csv", csv, "text/csv"))
    at.run()
    assert not at.exception
    assert at.error, "a rejected file says so"
    problems = [f for f in _frames(at) if "Message" in f.columns]
    assert problems and len(problems[0]) >= 1
    con = db.connect(fixture_db)
    assert db.fingerprint(con) == before
    con.close()


def test_a_rejected_upload_names_its_problem_in_cyrillic_when_the_sidebar_says_so(fixture_db):
    csv = ("name,start_date,format,us_participation,status\n"
           "Bad 26,1825-06-01,bilateral,yes,held\n").encode()
    at = run_page("data", lang="sr-Cyrl")
    at.file_uploader(key="upload_file_0").set_value(("bad.csv", csv, "text/csv"))
    at.run()
    assert not at.exception
    (problems,) = [f for f in _frames(at) if t("col_message", "sr-Cyrl") in f.columns]
    assert problems[t("col_message", "sr-Cyrl")].tolist() == [
        "датум је ван опсега; очекује се датум између 1900. и 2100. године"]


def test_the_upload_sentence_and_its_warnings_follow_the_sidebar_language(fixture_db):
    from tests.test_reading_integrity import _book_with_hidden_sheets

    at = run_page("data", lang="sr-Cyrl")
    at.file_uploader(key="upload_file_0").set_value(("hidden.xlsx", _book_with_hidden_sheets(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert any(x.value.startswith("Прескочени су скривени листови: 'Old copy' (скривен), 'Lookup' (потпуно скривен). ")
               for x in at.text)
    shown = [s.value.replace("\\", "") for s in at.success]         # plain() escapes markdown
    assert shown == ["Проба датотеке hidden.xlsx (trade, спајање): било би додато 1, измењено 0, непромењено 0, "
                     "уклоњено 0; ништа није уписано. Препознат распоред: наш шаблон."]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with no cached connection or page data from another test's database."""
    import streamlit as st

    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    db.close_all()


# ------------------------------------------------------------------ notes on the target pages

def _as_role(role: str, name: str, tmp_path, monkeypatch, page: str) -> AppTest:
    """The page as a signed-in user of `role` (users file in tmp_path, server-side session token)."""
    from dialogue import auth
    from dialogue.roles import Actor
    from pages.ui import auth_ui

    users = tmp_path / "users.toml"
    monkeypatch.setenv("DIALOGUE_USERS", str(users))
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    store = auth.UserStore(users)
    if store.get(name) is None:
        store.add(db.shared(config.DEFAULT_DB).cursor(), Actor("root", "admin"), name, role, "correct horse")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor(name, role))
    at.session_state["as_of"] = AS_OF
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_analyst_adds_a_note_on_a_target_page_and_a_viewer_only_reads_it(fixture_db, tmp_path, monkeypatch):
    at = _as_role("analyst", "ana", tmp_path, monkeypatch, "political")
    assert "### Analysts' notes\n\n:gray[No notes.]" in [m.value for m in at.markdown]    # the heading and its line
    assert len(at.get("form")) == 0                        # folded under "Add a note" until opened
    at.session_state["note_add_political_people"] = True
    at.run()
    assert len(at.get("form")) == 1                        # one "add a note" form per page, with a target picker
    picker = at.selectbox(key="note_target_political_people")
    assert len(picker.options) >= 2                        # every milestone of the page can be picked
    picker.set_value("presidential-visit")
    at.text_area(key="note_text_political_people").input("Visit *pencilled* for [May](x)")
    save = [b for b in at.button if b.label == "Save note"]
    assert len(save) == 1
    save[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Visit *pencilled* for [May](x)" in [t.value for t in at.text]      # st.text: literal, no Markdown
    assert "Note saved." in [s.value for s in at.success]
    from dialogue.notes import list_notes

    notes = list_notes(db.shared(fixture_db).cursor())
    assert [(n["target_id"], n["author"]) for n in notes] == [("presidential-visit", "ana")]

    viewer = _as_role("viewer", "vera", tmp_path, monkeypatch, "political")
    assert "Visit *pencilled* for [May](x)" in [t.value for t in viewer.text]
    from dialogue.formats import fmt_timestamp

    stamp = fmt_timestamp(notes[0]["created_at"])                                 # "3 Dec 2026 06:58 UTC"
    # the newest note's line is drawn with the heading (one element)
    assert any(m.value.startswith("### Analysts' notes\n\n:gray[") and m.value.endswith(f" · ana · {stamp}]")
               for m in viewer.markdown)
    assert not viewer.text_area and not [b for b in viewer.button if b.label == "Save note"]
    assert len(viewer.get("form")) == 0 and not [e for e in viewer.expander if e.key == "note_add_political_people"]


@pytest.mark.parametrize("page,key,target", [("trade", "economic", "trade-growth"),
                                             ("security", "security", "joint-exercises"),
                                             ("roadmap", "process", "roadmap-1")])
def test_each_target_page_has_one_notes_form_with_every_target_to_pick(fixture_db, tmp_path, monkeypatch,
                                                                        page, key, target):
    from dialogue.notes import list_notes

    at = _as_role("analyst", "ana", tmp_path, monkeypatch, page)
    assert "Analysts' notes" in headings(at)
    at.session_state[f"note_add_{key}"] = True             # the analyst opens "Add a note"
    at.run()
    assert len(at.get("form")) == 1
    at.selectbox(key=f"note_target_{key}").set_value(target)
    at.text_area(key=f"note_text_{key}").input(f"checked {page}")
    next(b for b in at.button if b.form_id == f"note_form_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"checked {page}" in [t.value for t in at.text]
    assert [(n["target_id"], n["text"]) for n in list_notes(db.shared(fixture_db).cursor())
            if n["text"] == f"checked {page}"] == [(target, f"checked {page}")]


def test_rollback_candidates_are_the_newest_active_non_rollback_uploads():
    from dialogue import views

    history = pd.DataFrame({"upload_id": [5, 4, 3, 2, 1],
                            "status": ["active", "active", "rolled back", "active", "active"],
                            "mode": ["rollback", "merge", "merge", "replace", "merge"]})
    assert list(views.rollback_candidates(history)["upload_id"]) == [4, 2, 1]
    assert list(views.rollback_candidates(history, limit=2)["upload_id"]) == [4, 2]
    assert views.rollback_candidates(history.iloc[0:0]).empty


def test_overview_and_security_draw_the_latest_records_and_say_how_many_there_are(con):
    from dialogue import views

    put_rows(con, "events", [dict(date=f"20{10 + i // 12:02d}-{i % 12 + 1:02d}-01", kind="context",
                                  title=f"event {i}", area="energy", source="synthetic") for i in range(60)])
    put_rows(con, "exercises", [dict(name=f"ex {i:03d}", start_date=f"{2000 + i // 12}-{i % 12 + 1:02d}-01",
                                     end_date=f"{2000 + i // 12}-{i % 12 + 1:02d}-05", status="held",
                                     format="bilateral", us_participation="yes", source="synthetic")
                                for i in range(205)])
    energy = next(b for b in views.overview(con, date(2026, 6, 30)).areas if b.area == "energy")
    assert (energy.records_total, len(energy.records)) == (60, views.AREA_RECORDS_SHOWN) == (60, 50)
    assert energy.records["title"].iloc[0] == "event 59"              # newest first: events 10..59 shown
    assert "event 9" not in set(energy.records["title"])
    sec = views.security(con, date(2026, 6, 30))
    assert (sec.exercises_total, len(sec.timeline), len(sec.exercises_table)) == (205, 200, 200)
    assert sec.timeline["name"].iloc[0] == "ex 005" and sec.timeline["name"].iloc[-1] == "ex 204"   # the latest 200
    assert int(sec.per_year["count"].sum()) == 205                    # the per-year counts keep every exercise


def test_a_milestone_draws_its_evidence_only_when_opened_and_hostile_text_stays_literal(hostile_db):
    from tests.test_security import HOSTILE, LIVE, _markdown_strings

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["as_of"] = date(2026, 6, 30)
    at.run()
    at.switch_page("pages/political.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.expander) >= 2 and not at.dataframe          # closed milestones: nothing drawn inside
    for exp in list(at.expander):                              # the reader opens every milestone
        at.session_state[exp.key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    titles = [v for df in at.dataframe for v in df.value.get("title", [])]
    assert HOSTILE in titles                             # the evidence (a dataframe: never Markdown)
    live = [s for s in _markdown_strings(at._tree) if LIVE.search(s)]
    assert not live, live[:3]


@pytest.mark.parametrize("workspace", ("reference", "demo"))
def test_dataset_browser_downloads_carry_the_demo_label_only_on_the_demo_workspace(point_workspaces, workspace):
    at = run_page("data", "en", workspace)
    at.session_state["data_tab"] = t("data_browser", "en")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert len(buttons) == 2, "CSV and XLSX downloads of the browsed dataset"
    label = export.demo_label(db.shared(point_workspaces[workspace]).cursor())
    assert (label is not None) == (workspace == "demo")
    assert ("DEMO DATA" in views.export_bytes(pd.DataFrame({"a": [1]}), "csv", label=label).decode("utf-8-sig")) \
        == (workspace == "demo")


# ---------------------------------------------------------------- issue 12.10: small things that mislead or lose work

def test_rollback_asks_first_naming_the_upload_and_what_it_undoes(fixture_db):
    con = db.connect(fixture_db)
    first = put_rows(con, "events", [dict(date="2026-03-01", kind="context", title="talks")],
                     time="2026-03-02 06:58:41", user="ana")
    con.close()
    at = run_page("data")
    at.session_state["data_tab"] = t("data_history", "en")
    at.run()
    at.button(key=f"rollback_{first}").click()
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        f"Roll back upload #{first}: fixture (Events, merge, by ana, 2 Mar 2026 06:58 UTC)? It undoes what "
        "that upload did: 1 rows it added, 0 rows it changed and 0 rows it removed, except that rows a later "
        "upload set keep its values. The rollback is recorded as a new upload."]
    con = db.connect(fixture_db)
    assert db.latest_upload_id(con) == first, "asking changes nothing"
    con.close()
    at.button(key=f"rollback_no_{first}").click()                 # Cancel: the question goes, nothing happens
    at.run()
    assert not at.warning
    con = db.connect(fixture_db)
    assert db.latest_upload_id(con) == first
    con.close()
    at.button(key=f"rollback_{first}").click()
    at.run()
    at.button(key=f"rollback_yes_{first}").click()
    at.run()
    assert [s.value for s in at.success] == [f"Upload #{first} rolled back as upload #{first + 1}."]
    con = db.connect(fixture_db)
    assert con.execute("select count(*) from events where valid_to is null").fetchone()[0] == 0
    con.close()


def test_history_table_has_human_headings_and_minute_timestamps(fixture_db):
    con = db.connect(fixture_db)
    first = put_rows(con, "events", [dict(date="2026-03-01", kind="context", title="talks")],
                     time="2026-12-03 06:58:41", user="ana")
    con.close()
    at = run_page("data", "sr-Cyrl")
    at.session_state["data_tab"] = t("data_history", "sr-Cyrl")
    at.run()
    assert not at.exception
    (table,) = _frames(at)
    assert list(table.columns) == ["Отпремање", "Скуп података", "Датотека", "Ко", "Када", "Начин", "Додато",
                                   "Измењено", "Без промене", "Уклоњено", "Стање"]
    newest = table.iloc[0]
    assert list(newest) == [f"#{first}", "Догађаји", "fixture", "ana", "3. 12. 2026. 06:58 UTC", "спајање", 1, 0, 0, 0,
                            "активно"]


def test_fmt_timestamp_is_to_the_minute_with_the_zone():
    from datetime import datetime, timezone

    from dialogue.formats import fmt_timestamp

    assert fmt_timestamp(datetime(2026, 12, 3, 6, 58, 41)) == "3 Dec 2026 06:58 UTC"
    assert fmt_timestamp("2026-12-03 06:58:41", "sr-Latn") == "3. 12. 2026. 06:58 UTC"
    assert fmt_timestamp(datetime(2026, 12, 3, 7, 58, tzinfo=timezone.utc).astimezone()) == "3 Dec 2026 07:58 UTC"
    assert fmt_timestamp(None) == "–"


def test_demo_briefing_files_carry_demo_in_their_names(point_workspaces):
    from dialogue import reports

    for workspace, prefix in (("demo", "DEMO-"), ("reference", "")):
        con = db.connect(point_workspaces[workspace])
        try:
            content, files = reports.documents(con, AS_OF, known_at="2026-12-01", kind="public")
        finally:
            con.close()
        assert list(files) == [f"{prefix}public-2026-06-30-en.html"]
    assert reports.file_stem("briefing", AS_OF, "sr-Cyrl", demo=True) == "DEMO-briefing-2026-06-30-sr-Cyrl"


def _sidebar_only():
    import streamlit as st

    from pages.ui import router

    router._sidebar_settings()
    st.write(f"as of {st.session_state['as_of'].isoformat()} · {st.session_state['workspace']}")


def test_sidebar_as_of_is_typed_or_picked_and_a_bad_date_is_said_and_kept():
    at = AppTest.from_function(_sidebar_only, default_timeout=60)
    at.session_state["as_of"] = date(2026, 6, 30)
    at.run()
    at.text_input(key="_as_of_text").input("2026-03-31").run()     # what Enter sends
    assert at.markdown[0].value == "as of 2026-03-31 · reference"
    at.text_input(key="_as_of_text").input("2026-02-30").run()
    assert at.markdown[0].value == "as of 2026-03-31 · reference"
    assert [e.value for e in at.error] == ["2026\\-02\\-30 is not a date; expected YYYY-MM-DD, e.g. 2026-06-30. "
                                           "The as-of date stays 2026-03-31."]
    assert at.text_input(key="_as_of_text").value == "2026-03-31"
    at.date_input(key="_as_of_pick").set_value(date(2025, 12, 31)).run()   # the calendar
    assert at.markdown[0].value == "as of 2025-12-31 · reference" and not at.error
    assert at.text_input(key="_as_of_text").value == "2025-12-31"


def test_workspace_radio_is_a_new_widget_per_language_set_from_the_kept_choice():
    """The browser keeps a radio's choice by its translated text (tests/test_browser_sidebar.py shows it); so each
    language draws its own widget, whose selection comes from the kept workspace."""
    at = AppTest.from_function(_sidebar_only, default_timeout=60)
    at.session_state["workspace"] = "demo"
    at.run()
    first = at.sidebar.radio[0]
    assert (first.key, first.index) == ("_workspace_en", 1)
    at.sidebar.selectbox[0].set_value("sr-Cyrl").run()
    radio = at.sidebar.radio[0]
    assert (radio.key, radio.index, radio.options) == ("_workspace_sr-Cyrl", 1, ["Референтни подаци (стварни, са изворима)",
                                                                                 "Демо подаци (измишљени)"])
    assert radio.id != first.id and at.markdown[0].value.endswith("· demo")


def test_data_page_choices_survive_a_language_change(fixture_db):
    """The upload mode and dataset keep what the analyst chose when the language changes (the workspace radio's
    browser test shows why each language draws its own widget)."""
    at = run_page("data")
    at.radio(key="_upload_mode_en").set_value("replace").run()
    at.selectbox(key="_upload_dataset_en").set_value("events").run()
    at.session_state["lang"] = "sr-Cyrl"
    at.run()
    assert not at.exception
    mode, dataset = at.radio(key="_upload_mode_sr-Cyrl"), at.selectbox(key="_upload_dataset_sr-Cyrl")
    assert (mode.value, mode.index, dataset.value) == ("replace", 1, "events")
    assert (at.session_state["upload_mode"], at.session_state["upload_dataset"]) == ("replace", "events")


@pytest.fixture
def targets_copy(tmp_path, monkeypatch):
    """A copy of the targets file that the dashboard reads instead of the bundled one (before fixture_db records it)."""
    path = tmp_path / "targets.toml"
    path.write_bytes(config.TARGETS_FILE.read_bytes())
    monkeypatch.setattr(config, "TARGETS_FILE", path)
    return path


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl"])
def test_method_page_folds_the_targets_grid_and_draws_it_when_opened(lang):
    """Issue 18: a data grid keeps the browser busy ~300 ms after it is drawn; the targets wait in their fold."""
    at = run_page("method", lang)
    assert not at.exception and not at.dataframe
    n = len(views.method(lang).targets)
    (fold,) = [e for e in at.expander if e.key == "method_targets"]
    assert n > 20 and fold.label == t("method_targets_all", lang, n=str(n))
    at.session_state["method_targets"] = True
    at.run()
    assert not at.exception
    (grid,) = [d.value for d in at.dataframe]
    assert len(grid) == n and "trade-growth" in list(grid.iloc[:, 0])


def test_dashboard_records_a_changed_targets_file_at_start_and_method_lists_it(targets_copy, fixture_db):
    text = targets_copy.read_text(encoding="utf-8")
    old = '[target.params]\nrequired = 3\nunit.en = ["exercise", "exercises"]'
    targets_copy.write_text(text.replace(old, old.replace("required = 3", "required = 4"), 1), encoding="utf-8")
    at = run_page("method")
    assert not at.exception
    history = next(f for f in tables(at) if "Author" in f.columns)        # text, not a data grid (issue 18)
    assert history[["Version", "Author", "Change"]].values.tolist() == [
        ["2", "file changed", "changed: joint-exercises"], ["1", "file changed", "first recorded version"]]
    con = db.connect(fixture_db)
    try:
        assert con.execute("select count(*) from target_versions").fetchone()[0] == 2
    finally:
        con.close()


def test_an_area_page_and_the_overview_compute_one_scorecard_between_them(fixture_db, monkeypatch):
    """The area view, its status strip and its notes' targets, then the Overview, share one scorecard per moment."""
    from dialogue import status

    calls = []
    real = status.compute_all

    def counted(con, as_of, known_at=None, lang="en", **kwargs):
        if as_of == AS_OF and known_at is None:     # the status history computes its own moments too
            calls.append((as_of, known_at, lang, kwargs.get("trade_series")))
        return real(con, as_of, known_at, lang, **kwargs)

    monkeypatch.setattr(status, "compute_all", counted)
    at = run_page("security")
    assert not at.exception
    assert calls == [(AS_OF, None, "en", None)]
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception and len(calls) == 1          # the Overview reused it
    at.session_state["lang"] = "sr-Cyrl"
    at.run()
    assert calls[1:] == [(AS_OF, None, "sr-Cyrl", None)]   # a new language is a new scorecard (its sentences)


def test_after_a_commit_the_pages_last_seen_are_made_again_in_the_background_with_the_new_figures(fixture_db,
                                                                                                 monkeypatch):
    from dialogue import charts, status
    from pages.ui import common

    def exercises_status(at) -> str:
        statuses = tables(at)[0]
        return statuses[statuses.iloc[:, 1].str.contains("3 joint military exercises")].iloc[0, 0]

    at = run_page("security")
    assert exercises_status(at) == "🟢 On track"              # 2 held and 1 planned in 2026
    at.switch_page("pages/data.py")
    at.run()
    csv = ("name,start_date,end_date,format,us_participation,status,source\n"
           "Falcon 26,2026-05-04,2026-05-08,bilateral,yes,held,https://example.org/falcon\n").encode()
    at.file_uploader(key="upload_file_0").set_value(("falcon.csv", csv, "text/csv"))
    at.run()
    at.button(key="upload_commit").click()
    at.run()
    assert [s.value for s in at.success][-1].startswith("Committed as upload #")
    warming = common._WARMING[1]
    assert warming is not None
    warming.join(60)
    assert not warming.is_alive()
    calls, built = [], []
    real = status.compute_all
    monkeypatch.setattr(status, "compute_all", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    for name in ("exercises_per_year", "exercise_timeline", "defence_agreements", "status_strip"):
        monkeypatch.setattr(charts, name, lambda *a, _real=getattr(charts, name), _name=name, **k:
                            built.append(_name) or _real(*a, **k))
    at.switch_page("pages/security.py")
    at.run()
    assert not at.exception
    assert exercises_status(at) == "✅ Achieved"              # the new upload's figures: 3 held
    assert calls == [], "the page's data was made by the warming, not by this view"
    assert built == [], "so were its charts, from the new frames (a chart of the old ones is not looked up)"


def _exercises_status(at) -> str:
    statuses = tables(at)[0]
    return statuses[statuses.iloc[:, 1].str.contains("3 joint military exercises")].iloc[0, 0]


def _sidebar_captions(at) -> list[str]:
    """The router's captions (AppTest shows them on a session's first run only: not after a rerun or switch_page)."""
    return [c.value for c in at.sidebar.caption]


def _commit_falcon(analyst) -> None:
    """The analyst's session commits a third exercise held in 2026 on the Data page."""
    csv = ("name,start_date,end_date,format,us_participation,status,source\n"
           "Falcon 26,2026-05-04,2026-05-08,bilateral,yes,held,https://example.org/falcon\n").encode()
    analyst.file_uploader(key="upload_file_0").set_value(("falcon.csv", csv, "text/csv"))
    analyst.run()
    analyst.button(key="upload_commit").click()
    analyst.run()


def test_while_a_commits_figures_are_made_other_sessions_see_the_upload_before_it_named_and_exact(fixture_db,
                                                                                                   monkeypatch):
    """Every reader's view stalled for seconds after each commit, waiting for the new figures. Now readers are shown
    the upload before it (exactly as it left the data, named in the sidebar, the new one announced) until the
    new figures are made; the analyst who committed sees the new upload at once."""
    import threading

    from pages.ui import common

    reader = run_page("overview")
    tiles = tables(reader)[0]
    (before,) = [int(c.split("#")[1]) for c in _sidebar_captions(reader) if c.startswith("Data: upload #")]
    gate, real = threading.Event(), common._make_page_data

    def slow_warming(memo, cursor, inputs, latest):      # the warming's Overview waits for the gate
        if threading.current_thread().name.startswith("dialogue-warm") and inputs[0] == "overview":
            assert gate.wait(60)
        return real(memo, cursor, inputs, latest)

    monkeypatch.setattr(common, "_make_page_data", slow_warming)
    monkeypatch.setattr(common, "HELD_AT_MOST", 600.0)        # however slow this machine is
    analyst = run_page("data")
    _commit_falcon(analyst)
    assert [s.value for s in analyst.success][-1] == f"Committed as upload #{before + 1}."
    warming = common._WARMING[1]
    try:
        reader = run_page("overview")        # a session of its own (AppTest drops the sidebar on a rerun)
        assert not reader.exception
        assert tables(reader)[0].equals(tiles)                               # the upload before, not a mix
        assert _sidebar_captions(reader)[-2:] == [
            f"Data: upload #{before}",
            f"The newest upload's figures (#{before + 1}) are being prepared: they show in a few seconds"]
        # a view of the held upload that nobody had made is made as that upload left the data
        other_day = run_page("overview", as_of=date(2026, 7, 1))
        assert f"Data: upload #{before}" in _sidebar_captions(other_day)
        cursor = db.shared(fixture_db).cursor()
        then = views.overview(cursor, date(2026, 7, 1), db.upload_committed_at(cursor, before), "en").counts
        now = views.overview(cursor, date(2026, 7, 1), None, "en").counts
        assert not then["n"].equals(now["n"]), "the commit changes the counts"
        assert [int(n.strip("*").split()[0]) for n in tables(other_day)[0].iloc[0]] == list(then["n"])
        analyst.switch_page("pages/security.py")
        analyst.run()
        assert _exercises_status(analyst) == "✅ Achieved"                  # the committer sees its upload at once
    finally:
        gate.set()
    warming.join(60)
    reader = run_page("overview")
    assert not tables(reader)[0].equals(tiles)                               # the new figures, once made
    assert _sidebar_captions(reader)[-1] == f"Data: upload #{before + 1}"
    assert common._HELD == {}


def test_a_rollback_holds_no_session_on_the_figures_it_withdrew(fixture_db, monkeypatch):
    """A rollback's figures are shown to every session at once, made or not: the withdrawn ones never again."""
    import threading

    from pages.ui import common

    analyst = run_page("data")
    _commit_falcon(analyst)
    common._WARMING[1].join(60)
    reader = run_page("security")
    assert _exercises_status(reader) == "✅ Achieved"
    committed = common._latest_upload_id()
    gate, real = threading.Event(), common._make_page_data

    def slow_warming(memo, cursor, inputs, latest):      # the warming's Security page waits for the gate
        if threading.current_thread().name.startswith("dialogue-warm") and inputs[0] == "security":
            assert gate.wait(60)
        return real(memo, cursor, inputs, latest)

    monkeypatch.setattr(common, "_make_page_data", slow_warming)
    monkeypatch.setattr(common, "HELD_AT_MOST", 600.0)        # a hold, were there one, would outlast the test
    analyst.session_state["data_tab"] = "History of uploads"
    analyst.run()
    analyst.button(key=f"rollback_{committed}").click()
    analyst.run()
    analyst.button(key=f"rollback_yes_{committed}").click()
    analyst.run()
    try:
        assert common._WARMING[1].is_alive(), "the rollback's figures are still being made"
        reader = run_page("overview")
        assert _sidebar_captions(reader)[-1] == f"Data: upload #{committed + 1}"
    finally:
        gate.set()
    common._WARMING[1].join(60)
    reader.switch_page("pages/security.py")
    reader.run()
    assert _exercises_status(reader) == "🟢 On track"                 # Falcon 26 withdrawn: 2 held, 1 planned
