"""Signed-in browser sessions against a real server, for the load benchmark (tests/test_load.py does the same by hand).

A page view is a click in the sidebar until the page's title is shown and the script run has finished
(Streamlit's running indicator is gone). Figures a viewer saw on the Overview are checked afterwards
against the database as it stood at the upload the sidebar named.
"""
from __future__ import annotations

import contextlib
import re
import time
from datetime import date
from pathlib import Path

from benchmarks import browser
from dialogue import auth, db
from dialogue.config import ROOT
from dialogue.i18n import t
from dialogue.roles import Actor

CHROMIUM = str(browser.CHROMIUM)
ARGS = browser.CHROME_ARGS
PASSWORD = "correct horse battery"
PAGE_TIMEOUT_MS = 60_000
UPLOADER = "[class*=st-key-upload_file_]"   # its key changes after each commit, which empties it
COMMITTED = re.compile(r"Committed as upload #(\d+)")
# sidebar entry -> the i18n key of the page's title
NAV = {"Overview": "overview_title", "Trade": "trade_title", "Security & Defence": "security_title",
       "Political & People": "political_title", "Road map": "roadmap_title", "Method": "method_title"}


def add_users(path: Path, users_file: Path, viewers: int) -> None:
    """viewer0 … viewer{n-1} and the analyst "ana", all with PASSWORD."""
    con = db.connect(path)
    users = auth.UserStore(users_file)
    setup = Actor("setup", "admin")
    for i in range(viewers):
        users.add(con, setup, f"viewer{i}", "viewer", PASSWORD)
    users.add(con, setup, "ana", "analyst", PASSWORD)
    con.close()


@contextlib.contextmanager
def running_server(path: Path, users_file: Path, tmp: Path):
    """`streamlit run app.py` on 127.0.0.1 serving `path`; yields (base URL, the server's Popen)."""
    port = browser.free_port()
    env = {"DIALOGUE_DB": str(path), "DIALOGUE_USERS": str(users_file), "HOME": str(tmp)}
    with browser.served(browser.streamlit_command(ROOT / "app.py", port), port, env, ROOT, tmp / "server.log") as server:
        yield server.url, server.proc


async def settled(page) -> None:
    """Wait until the script run has finished (the running indicator is gone)."""
    await page.wait_for_timeout(150)
    await page.locator("[data-testid=stStatusWidget]").wait_for(state="detached", timeout=PAGE_TIMEOUT_MS)


async def errors_shown(page) -> list[str]:
    found = []
    for selector in ("[data-testid=stException]", "[data-testid=stAlertContentError]"):
        for text in await page.locator(selector).all_inner_texts():
            found.append(text.strip()[:300])
    return found


async def what_is_shown(page, shot: Path) -> str:
    """The page's main text and a screenshot, so that a failure says what the user was looking at."""
    try:
        await page.screenshot(path=str(shot), full_page=True)
        text = await page.locator("[data-testid=stMainBlockContainer]").inner_text(timeout=5_000)
    except Exception as exc:  # noqa: BLE001 - the page may be gone; say so instead
        return f"(page not readable: {exc!r:.200})"
    return f"screenshot {shot}; page text: " + " ".join(text.split())[:1500]


async def sign_in(page, base: str, name: str, timeout_ms: float = PAGE_TIMEOUT_MS) -> None:
    await page.goto(base, timeout=timeout_ms)
    await page.locator(".st-key-_dialogue_sign_in_name input").fill(name, timeout=timeout_ms)
    await page.locator(".st-key-_dialogue_sign_in_password input").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_text(f"Signed in as {name}").wait_for(timeout=timeout_ms)
    await settled(page)


def parse_counts(heads: list[str], cells: list[str]) -> dict[str, str]:
    """The Overview's status tiles, a table of heading cells '✅ Achieved' over cells '10 ↑+1' ->
    {'✅ Achieved': '10', …} (the change is not kept)."""
    return {head.strip(): cell.split()[0] for head, cell in zip(heads, cells)}


async def view(page, target: str) -> float:
    """Click `target` in the sidebar; seconds until its title is shown and the script run has finished."""
    started = time.perf_counter()
    await page.locator("[data-testid=stSidebarNav] a").filter(has_text=target).first.click()
    await page.locator("h1").filter(has_text=t(NAV[target])).first.wait_for(timeout=PAGE_TIMEOUT_MS)
    await settled(page)
    return time.perf_counter() - started


async def overview_figures(page) -> tuple[int | None, dict[str, str]]:
    """On the Overview: (the upload the sidebar says the figures come from, the status tiles' counts)."""
    tiles = page.locator(".st-key-first_screen table").first  # the status tiles, not just the title
    await tiles.wait_for(timeout=PAGE_TIMEOUT_MS)
    sidebar = await page.locator("[data-testid=stSidebar]").inner_text()
    shown = re.search(r"upload #(\d+)", sidebar)
    return (int(shown.group(1)) if shown else None,
            parse_counts(await tiles.locator("th").all_inner_texts(), await tiles.locator("td").all_inner_texts()))


def exercise_csv(i: int) -> bytes:
    return ("name,start_date,end_date,format,us_participation,status,source\n"
            f"Load test exercise {i},2026-0{1 + i % 9}-10,2026-0{1 + i % 9}-12,bilateral,yes,held,"
            f"https://example.org/load/{i}\n").encode()


async def open_data_page(page) -> None:
    await page.locator("[data-testid=stSidebarNav] a").filter(has_text="Data").first.click()
    await page.locator(UPLOADER).wait_for(timeout=PAGE_TIMEOUT_MS)
    await settled(page)


async def upload(page, file: Path) -> tuple[int, float]:
    """Upload `file` on the Data page and commit it: (the upload's number, seconds it took)."""
    began = time.perf_counter()
    await page.locator(f"{UPLOADER} input[type=file]").set_input_files(str(file))
    await page.locator(".st-key-upload_commit button").wait_for(timeout=PAGE_TIMEOUT_MS)
    await settled(page)
    await page.locator(".st-key-upload_commit button").click()
    await page.get_by_text(COMMITTED).first.wait_for(timeout=PAGE_TIMEOUT_MS)
    await settled(page)
    text = " ".join(await page.locator("[data-testid=stAlertContentSuccess]").all_inner_texts())
    return int(COMMITTED.search(text).group(1)), time.perf_counter() - began


def expected_counts(path: Path, upload_id: int, as_of: date | None = None) -> dict[str, str]:
    """The overview's counts computed from the database as known right after `upload_id`."""
    from dialogue import views

    con = db.connect(path)
    try:
        known_at = con.execute("select time from uploads where upload_id = $u", {"u": upload_id}).fetchone()[0]
        counts = views.overview(con, as_of or date.today(), known_at, "en").counts
        return {row.badge: str(row.n) for row in counts.itertuples()}
    finally:
        con.close()


def wrong_figures(path: Path, figures: list[tuple[int | None, dict[str, str]]]) -> list[tuple]:
    """Every (upload shown, counts shown) that differs from the database at that upload."""
    cache: dict[int, dict[str, str]] = {}
    wrong = []
    for upload_id, shown in figures:
        if upload_id is None:
            wrong.append((None, shown, "the sidebar named no upload"))
            continue
        if upload_id not in cache:
            cache[upload_id] = expected_counts(path, upload_id)
        if shown != cache[upload_id]:
            wrong.append((upload_id, shown, cache[upload_id]))
    return wrong
