"""Issue 18 item 4: `dialogue serve` prepares the first visit while the server starts (database built, pages imported)."""
from __future__ import annotations

import sys

from dialogue import config, db
from pages.ui import start


def test_the_first_visits_database_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB", tmp_path / "dialogue.duckdb")
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "demo.duckdb")
    monkeypatch.delenv("DIALOGUE_WORKSPACE", raising=False)
    assert start.database_of_first_visit() == (tmp_path / "dialogue.duckdb", "reference")
    monkeypatch.setenv("DIALOGUE_WORKSPACE", "demo")
    assert start.database_of_first_visit() == (tmp_path / "demo.duckdb", "demo")
    monkeypatch.setenv("DIALOGUE_DB", str(tmp_path / "own.duckdb"))
    assert start.database_of_first_visit() == (tmp_path / "own.duckdb", "demo")


def test_prepare_builds_the_missing_reference_database_and_imports_the_pages(tmp_path, monkeypatch):
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.delenv("DIALOGUE_WORKSPACE", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB", tmp_path / "dialogue.duckdb")
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "demo.duckdb")
    for module in ("pages.ui.first_screen", "pages.ui.area_blocks"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    start.prepare()
    try:
        con = db.shared(tmp_path / "dialogue.duckdb").cursor()       # the connection the first visit reuses
        assert db.workspace(con) == "reference"
        datasets = {r[0] for r in con.execute("select dataset from uploads").fetchall()}
        assert {"trade", "exercises", "agreements"} <= datasets
        assert not (tmp_path / "demo.duckdb").exists()                # only the workspace a first visit opens
        assert {"pages.ui.first_screen", "pages.ui.area_blocks"} <= set(sys.modules)
    finally:
        db.close_all()
