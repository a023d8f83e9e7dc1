"""Issue 12.10 in a real browser: the Workspace radio keeps its selection after a language change; a typed
as-of date applies on Enter."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.servers import streamlit_server

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
# Only the router's sidebar (no database is opened): what the browser remembers of the radio is under test.
SIDEBAR_APP = """
import streamlit as st
from pages.ui import router
router._sidebar_settings()
st.title("sidebar")
st.write("chosen " + st.session_state["workspace"])
st.write("as of " + st.session_state["as_of"].isoformat())
"""


@pytest.fixture(scope="module")
def sidebar_url(tmp_path_factory):
    """One server for the file: each test opens its own browser, so its own session (nothing shared)."""
    tmp = tmp_path_factory.mktemp("sidebar")
    app = tmp / "sidebar_app.py"
    app.write_text(SIDEBAR_APP)
    # with DIALOGUE_DB the sidebar shows no workspace choice
    with streamlit_server(tmp / "server.log", {"DIALOGUE_DB": None}, app=app) as url:
        yield url


@pytest.fixture
def page(sidebar_url):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(sidebar_url)
            page.wait_for_selector("h1", timeout=60_000)
            yield page
        finally:
            browser.close()


def test_a_typed_as_of_date_applies_on_enter(page):
    """Streamlit's date field applies a typed date only when it loses focus; the sidebar's field applies it on Enter."""
    box = page.locator("[data-testid=stSidebar] [data-testid=stTextInput] input")
    box.click()
    box.press("Control+a")
    box.type("2026-03-31")
    box.press("Enter")                                    # focus stays in the field: no blur
    page.get_by_text("as of 2026-03-31").wait_for(timeout=30_000)


def test_workspace_radio_keeps_its_selection_after_a_language_change(page):
    radios = page.locator("[data-testid=stSidebar] [role=radiogroup] input[type=radio]")
    radios.first.wait_for(state="attached", timeout=60_000)

    def checked():
        return [radios.nth(i).is_checked() for i in range(radios.count())]

    assert checked() == [True, False]
    page.locator("[data-testid=stSidebar] [role=radiogroup] label").nth(1).click()    # Demo data
    page.get_by_text("chosen demo").wait_for(timeout=30_000)
    assert checked() == [False, True]
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name="Српски (ћирилица)").click()
    page.get_by_text("Демо подаци").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert checked() == [False, True]                  # today: [False, False], both shown unselected
    assert page.get_by_text("chosen demo").count() == 1
