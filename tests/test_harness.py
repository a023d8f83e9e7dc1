"""The test harness itself (tests/conftest.py, tests/servers.py): workspace copies, the component scan done once,
the order files are handed to the xdist workers, and a server that cannot start."""
from __future__ import annotations

import importlib.metadata
from types import SimpleNamespace

import pytest

from dialogue import db
from dialogue.workspace import init_database
from tests.conftest import pytest_collection_modifyitems, put_rows
from tests.servers import ServerDidNotStart, streamlit_server

TABLES = ("uploads", *db.DATASET_TABLES, "target_versions")


def _counts(path) -> dict[str, object]:
    con = db.connect(path)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # noqa: S608 - constants
        counts["workspace"] = db.get_meta(con, "workspace")
        return counts
    finally:
        con.close()


def test_a_copy_holds_what_init_builds(workspace_copy, tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    init_database(fresh, "reference")
    copied = workspace_copy(tmp_path / "copied.duckdb", "reference")
    expected = _counts(fresh)
    assert expected["trade"] > 0 and expected["workspace"] == "reference"   # the comparison compares something
    assert _counts(copied) == expected


def test_each_copy_is_a_file_of_its_own(workspace_copy, tmp_path):
    first = workspace_copy(tmp_path / "a" / "first.duckdb", "demo")
    second = workspace_copy(tmp_path / "b" / "second.duckdb", "demo")
    before = _counts(second)
    con = db.connect(first)
    put_rows(con, "events", [dict(date="2026-03-01", kind="meeting", title="only in the first copy", area="process",
                                  source="https://example.org/x", synthetic=True)])
    con.close()
    assert _counts(first)["events"] == before["events"] + 1
    assert _counts(second) == before
    assert _counts(workspace_copy(tmp_path / "c.duckdb", "demo")) == before   # later copies start from the build


def test_apptest_scans_the_installed_components_once_per_run(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    scans = []
    real = importlib.metadata.distributions
    monkeypatch.setattr(importlib.metadata, "distributions", lambda *a, **k: scans.append(1) or real(*a, **k))
    app = tmp_path / "tiny_app.py"
    app.write_text("import streamlit as st\nst.title('tiny')\n")
    for _ in range(3):
        at = AppTest.from_file(str(app), default_timeout=60)
        at.run()
        assert at.title[0].value == "tiny"
    assert len(scans) <= 1          # once in the whole run (none here if an earlier test scanned already), not 3


def _item(nodeid: str, *marks: str, seconds: float | None = None):
    kwargs = {} if seconds is None else {"seconds": seconds}
    return SimpleNamespace(nodeid=nodeid, get_closest_marker=lambda name: (
        SimpleNamespace(name=name, kwargs=kwargs) if name in marks else None))


def test_files_are_queued_slow_then_browser_then_by_their_number_of_tests():
    items = [_item("tests/test_a.py::one"), _item("tests/test_a.py::two"),
             _item("tests/test_b.py::one"), _item("tests/test_b.py::two"), _item("tests/test_b.py::three"),
             _item("tests/test_c.py::one", "browser"),
             _item("tests/test_d.py::one"), _item("tests/test_d.py::two", "slow"),
             _item("tests/test_e.py::one", "browser"), _item("tests/test_e.py::two", "browser")]
    pytest_collection_modifyitems(None, items)
    assert [i.nodeid for i in items] == [
        "tests/test_d.py::one", "tests/test_d.py::two",                             # a slow test: first, whole
        "tests/test_e.py::one", "tests/test_e.py::two", "tests/test_c.py::one",     # browser: more tests first
        "tests/test_b.py::one", "tests/test_b.py::two", "tests/test_b.py::three",   # the rest: more tests first
        "tests/test_a.py::one", "tests/test_a.py::two"]


def test_a_server_that_exits_fails_at_once_with_its_log(tmp_path):
    with pytest.raises(ServerDidNotStart, match="exited") as failed:
        with streamlit_server(tmp_path / "server.log", app=tmp_path / "no_such_app.py", timeout=120):
            pass
    assert "no_such_app.py" in str(failed.value)       # the log says what went wrong


def test_slow_files_are_queued_longest_first_whatever_their_number_of_tests():
    """A file of one test that takes a minute must not be queued last, behind many quick ones."""
    items = [_item("tests/test_many.py::a", "slow", seconds=10), _item("tests/test_many.py::b"),
             _item("tests/test_many.py::c"),
             _item("tests/test_one.py::only", "slow", seconds=60),
             _item("tests/test_plain.py::a", "slow"), _item("tests/test_plain.py::b", "slow"),
             _item("tests/test_quick.py::a")]
    pytest_collection_modifyitems(None, items)
    assert [i.nodeid.split("::")[0] for i in items] == [
        "tests/test_one.py", "tests/test_many.py", "tests/test_many.py", "tests/test_many.py",
        "tests/test_plain.py", "tests/test_plain.py", "tests/test_quick.py"]
