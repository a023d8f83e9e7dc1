"""The browser benchmark's watcher: which DOM changes count as in the first viewport (issue 18, rows B)."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]

PAGE = """<body style="margin:0">
<div id="top" style="height:100px">top</div>
<canvas id="grid" width="300" height="100"></canvas>
<div id="tall" style="height:3000px"><div id="below" style="margin-top:2000px; height:50px">below</div></div>
</body>"""


@pytest.fixture(scope="module")
def tab():
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with browser.chromium() as chrome:
        page = chrome.new_page(viewport=browser.VIEWPORT)
        page.set_content(PAGE)
        page.evaluate(browser.WATCH_JS)       # what add_init_script runs before a Streamlit page's own scripts
        yield page
        page.close()


def _change(page, js: str) -> float:
    """Make one DOM change, let its observer run, and return the time the watcher logged for it."""
    page.evaluate(js)
    page.wait_for_timeout(30)
    return page.evaluate("() => window.__bench.log.at(-1)[0]")


def test_only_changes_in_the_first_viewport_count_as_usable(tab):
    tab.evaluate("() => { window.__bench.log = []; }")
    in_view = _change(tab, "() => { document.getElementById('top').textContent = 'changed'; }")
    below = _change(tab, "() => { document.getElementById('below').appendChild(document.createElement('p')); }")
    fallback = _change(tab, "() => { document.getElementById('grid').appendChild(document.createElement('table')); }")
    assert in_view < below < fallback
    assert tab.evaluate(browser.IN_VIEW_JS) == in_view       # below the fold, and inside a canvas: not in view
    assert tab.evaluate("() => window.__bench.last") == fallback      # the whole page counts every change


def test_a_canvas_resizing_in_view_counts(tab):
    tab.evaluate("() => { window.__bench.log = []; }")
    _change(tab, "() => { document.getElementById('below').textContent = 'again'; }")
    resized = _change(tab, "() => { document.getElementById('grid').setAttribute('height', '120'); }")
    assert tab.evaluate(browser.IN_VIEW_JS) == resized


def test_nothing_in_view_gives_zero(tab):
    tab.evaluate("() => { window.__bench.log = []; }")
    _change(tab, "() => { document.getElementById('below').setAttribute('title', 'x'); }")
    assert tab.evaluate(browser.IN_VIEW_JS) == 0
