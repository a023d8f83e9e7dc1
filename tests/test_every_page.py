"""Every dashboard page runs in every language on both workspaces (apart from test_pages.py, so that the two
xdist workers share the page tests)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.test_pages import LANGS, PAGES, _fresh_caches, point_workspaces, run_page, workspaces  # noqa: F401


@pytest.mark.parametrize("workspace", ("reference", "demo"))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(point_workspaces, page, lang, workspace):
    at = run_page(page, lang, workspace)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    if page == "overview":   # AppTest drops the router's own elements after switch_page; the browser test checks every page
        demo_banner = any("DEMO" in w.value or "ДЕМО" in w.value for w in at.warning)
        assert demo_banner == (workspace == "demo")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_workspace_today(point_workspaces, page):
    at = run_page(page, "sr-Latn", "demo", as_of=date.today())
    assert not at.exception, [e.value for e in at.exception]
