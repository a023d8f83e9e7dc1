"""The Administration page in the reader's language: every label, button, table header and message of its four
tabs in Cyrillic when the sidebar says sr-Cyrl, none left in English; the open tab survives a language change."""
from __future__ import annotations

import re

from dialogue import auth
from dialogue.roles import Actor
from tests.test_roles_matrix import APP, app_env, seen  # noqa: F401 - the fixture: an empty database, one user per role

CYRILLIC = re.compile("[\u0400-\u04ff]")
TABS_CYRL = ["Корисници", "Дневник измена", "Циљеви", "Подешавања и резервна копија"]


def admin_page(lang: str):
    from streamlit.testing.v1 import AppTest
    from pages.ui import auth_ui

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor("root", "admin"))
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> list[str]:
    """What the main area shows a reader: title, tabs, headings, widget labels, buttons, notes, table headers."""
    main = at.main
    found = [e.value for e in [*main.title, *main.subheader, *main.caption, *main.info, *main.success, *main.error]]
    found += [tab.label for tab in at.tabs]
    for kind in ("text_input", "selectbox", "checkbox", "number_input", "text_area", "radio", "button"):
        found += [w.label for w in getattr(main, kind)]
    for frame in main.dataframe:
        found += [str(c) for c in frame.value.columns if c not in ("audit_id", "time", "user", "role", "action", "ok",
                                                                   "detail")]   # the log's own columns: renamed by column_config
    return [x for x in found if x]


def english_left(text: str) -> bool:
    """A text with no Cyrillic letter but a Latin word (codes in capitals such as UTC or TOML aside)."""
    return not CYRILLIC.search(text) and bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\b[A-Z]{2,}\b|`[^`]*`", "", text)))


def every_tab(at, lang: str, labels: list[str]) -> list[str]:
    seen = []
    key = "admin_tab" if lang == "en" else f"admin_tab_{lang}"
    for label in labels:
        at.session_state[key] = label
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        seen += texts(at)
    return seen


def test_the_admin_page_in_cyrillic_has_no_english_label_left(app_env):  # noqa: F811
    at = admin_page("sr-Cyrl")
    assert [e.value for e in at.main.title] == ["Администрација"]
    assert [tab.label for tab in at.tabs] == TABS_CYRL
    shown = every_tab(at, "sr-Cyrl", TABS_CYRL)
    assert len(shown) > 30
    assert {"Додавање корисника", "Додај корисника", "Откључај", "Уклони корисника", "Провери", "Сачувај",
            "Направи резервну копију", "Улога", "Корисник", "Подешавање"} <= set(shown)
    assert [x for x in shown if english_left(x)] == []


def test_the_same_page_in_english_is_caught_by_the_check(app_env):  # noqa: F811
    at = admin_page("en")
    shown = every_tab(at, "en", ["Users", "Audit log", "Targets", "Settings and backup"])
    assert {"Add user", "Unlock", "Remove user", "Validate", "Save", "Back up"} <= set(shown)
    assert sum(english_left(x) for x in shown) > 30


def test_actions_answer_in_cyrillic_and_refusals_too(app_env, tmp_path):  # noqa: F811
    at = admin_page("sr-Cyrl")
    form = at.main
    form.text_input(key="admin_add_name").set_value("nina")
    form.selectbox(key="admin_add_role_sr-Cyrl").set_value("analyst")
    form.text_input(key="admin_add_pw1").set_value("correct horse")
    form.text_input(key="admin_add_pw2").set_value("correct horse")
    next(b for b in at.button if b.label == "Додај корисника").click().run()
    assert seen(at.success) == ["Додат је корисник nina (аналитичар)."]
    form = at.main
    form.text_input(key="admin_add_name").set_value("nina")
    form.text_input(key="admin_add_pw1").set_value("correct horse")
    form.text_input(key="admin_add_pw2").set_value("other horse")
    next(b for b in at.button if b.label == "Додај корисника").click().run()
    assert seen(at.error) == ["две лозинке се разликују; ништа није промењено"]
    at.session_state["admin_tab_sr-Cyrl"] = TABS_CYRL[3]
    at.run()
    at.text_input(key="admin_backup_dir").set_value(str(tmp_path))       # exists and is not empty: refused
    (tmp_path / "x").write_text("x")
    next(b for b in at.button if b.label == "Направи резервну копију").click().run()
    assert seen(at.error) == [f"{tmp_path} није празна; за сваку резервну копију изаберите нову фасциклу"]


def test_the_open_tab_survives_a_change_of_language(app_env):  # noqa: F811
    at = admin_page("en")
    at.session_state["admin_tab"] = "Audit log"
    at.run()
    at.session_state["lang"] = "sr-Cyrl"
    at.run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == TABS_CYRL
    assert any("action" in f.value for f in at.dataframe), "the audit log's tab is still the open one"


def test_a_busy_database_is_said_in_the_sidebar_language(app_env, monkeypatch):  # noqa: F811
    from dialogue import db
    from pages.ui import common

    def held():
        raise db.DatabaseBusy("db_busy_writing", path="held.duckdb")

    monkeypatch.setattr(common, "start_run", held)       # the file held by another program, as DuckDB reports it
    from streamlit.testing.v1 import AppTest
    from pages.ui import auth_ui

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor("root", "admin"))
    at.session_state["lang"] = "sr-Latn"
    at.run()
    assert seen(at.error) == ["Baza je zauzeta: Baza held.duckdb je zauzeta: drugi program (kontrolna tabla ili "
                              "naredba) ju je otvorio za upis. Zatvorite ga ili usmerite `--db` / DIALOGUE_DB na drugu "
                              "datoteku."]


def test_a_targets_file_refusal_in_three_languages(tmp_path):
    import pytest

    from dialogue import config
    from dialogue.coded import code_of, say
    from dialogue.targets import TargetsFileError, check_targets_text

    text = config.TARGETS_FILE.read_text(encoding="utf-8").replace('kind = "milestone"', 'kind = "wish"', 1)
    path = tmp_path / "targets.toml"
    with pytest.raises(TargetsFileError) as caught:
        check_targets_text(text, path)
    exc = caught.value
    where = f"{path}: target #2 (double-taxation-agreement): kind = 'wish'"
    assert str(exc) == f"{where}; expected one of growth, milestone, annual_count, window_count"
    assert say(exc, "sr-Latn") == f"{where}; očekuje se jedno od: growth, milestone, annual_count, window_count"
    assert say(exc, "sr-Cyrl") == f"{where}; очекује се једно од: growth, milestone, annual_count, window_count"
    assert code_of(exc) == "tgt_bad"
