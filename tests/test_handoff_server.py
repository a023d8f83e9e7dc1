"""The command line beside the real running dashboard (issue 16, item 4): status, ingest and brief from
the command line while `streamlit run app.py` holds the database, and the new upload on the dashboard."""
from __future__ import annotations

import json
import os

import pytest

from tests.servers import streamlit_server
from tests.test_browser import _open, browser, pytestmark  # noqa: F401  (fixture and marks)
from tests.test_handoff import EXERCISES, cli


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, workspace_copy):
    """The dashboard on its own reference database, in local mode on loopback."""
    tmp = tmp_path_factory.mktemp("handoff-server")
    db_file = workspace_copy(tmp / "served.duckdb", "reference")
    env = {"DIALOGUE_DB": str(db_file), "DIALOGUE_WORKSPACE": "reference", "DIALOGUE_USERS": str(tmp / "users.toml")}
    with streamlit_server(tmp / "server.log", env) as url:
        yield url, db_file, tmp


def test_status_ingest_and_brief_beside_the_dashboard_and_the_upload_on_its_page(dashboard, browser):
    url, db_file, tmp = dashboard
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _open(page, url)                                  # a visit: the dashboard now holds the database
    caption = page.locator("[data-testid=stSidebar]").get_by_text("Data: upload #")
    before = int(caption.inner_text().rsplit("#", 1)[1])
    assert (db_file.parent / f".{db_file.name}.sock").exists()

    code, out, err = cli(db_file, "status", "--json")
    assert code == 0, err
    assert json.loads(out)["targets"]

    upload = tmp / "wolf.csv"
    upload.write_text(EXERCISES, encoding="utf-8")
    code, out, err = cli(db_file, "ingest", upload)
    assert code == 0, err
    assert f"upload #{before + 1}" in out

    code, out, err = cli(db_file, "brief", "--as-of", "2026-06-30", "--out", tmp / "pack")
    assert code == 0, err
    assert any(name.endswith(".pdf") for name in os.listdir(tmp / "pack"))

    code, out, err = cli(db_file, "history", "--json")
    assert code == 0, err
    assert max(u["upload_id"] for u in json.loads(out)) == before + 1

    page.reload()
    _open(page, url)
    page.locator("[data-testid=stSidebar]").get_by_text(f"Data: upload #{before + 1}").wait_for(timeout=60_000)
    page.close()
