"""Offline by construction (issue 16, item 3): no page asks any host but the dashboard's own server for anything.

Every page of both workspaces, in the three languages, signed in as the local-mode administrator, with
every request to another host refused and counted; one such request fails the test.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures: the running server per workspace and Chromium)
    _assert_no_exception, _choose_language, _open, browser, pytestmark, server,
)

LANGS = ("en", "sr-Latn", "sr-Cyrl")


def _refuse_other_hosts(page, own: str, refused: list[str]) -> None:
    """Abort every request whose host is not the server's own, and remember it."""
    def handle(route):
        if urlsplit(route.request.url).netloc == own or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", handle)


def _settled(page) -> None:
    page.wait_for_selector("[data-testid=stMainBlockContainer] h1", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(700)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_asks_no_other_host(server, browser, lang):
    workspace, url = server
    refused: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _refuse_other_hosts(page, urlsplit(url).netloc, refused)
    _open(page, url)
    if lang != "en":
        _choose_language(page, lang)
    links = page.locator("[data-testid=stSidebarNav] a")
    count = links.count()
    assert count >= 9, f"expected every page in the menu for the local administrator, found {count}"
    visited = []
    for i in range(count):
        link = page.locator("[data-testid=stSidebarNav] a").nth(i)
        visited.append(link.inner_text())
        link.click()
        _settled(page)
        _assert_no_exception(page, f"{workspace} {lang} {visited[-1]}")
    favicon = page.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    page.close()
    assert favicon and all(urlsplit(h).netloc == urlsplit(url).netloc for h in favicon), favicon
    assert refused == [], f"{len(refused)} requests to other hosts ({workspace}, {lang}, pages {visited}): {refused}"
