"""The command line beside the real running dashboard (issue 16, item 4): status, ingest and brief from
the command line while `streamlit run app.py` holds the database, and the new upload on the dashboard."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.test_browser import _free_port, _open, browser, pytestmark  # noqa: F401  (fixture and marks)
from tests.test_handoff import EXERCISES, cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """The dashboard on its own reference database, in local mode on loopback."""
    from tests.test_pages import build_workspace

    tmp = tmp_path_factory.mktemp("handoff-server")
    db_file = tmp / "served.duckdb"
    build_workspace(db_file, "reference")
    port = _free_port()
    env = {**os.environ, "DIALOGUE_DB": str(db_file), "DIALOGUE_WORKSPACE": "reference",
           "DIALOGUE_USERS": str(tmp / "users.toml"), "PYTHONPATH": ROOT}
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", os.path.join(ROOT, "app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("the server did not start: " + (tmp / "server.log").read_text())
    yield url, db_file, tmp
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


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
