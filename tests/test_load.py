"""The real server on loopback: 10 signed-in sessions for 60 s while an analyst uploads every 10 s.

Zero errors and zero wrong figures: every overview a viewer saw is checked afterwards against the
database as it stood at the upload the page said it showed. The p95 page time is printed.
Also: a freshly started server must not show a page to someone who has not signed in.
"""
from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from pathlib import Path

import pytest

from benchmarks.load_session import PAGE_TIMEOUT_MS
from benchmarks.load_session import errors_shown as _errors
from benchmarks.load_session import exercise_csv as _exercise_csv
from benchmarks.load_session import expected_counts as _expected_counts
from benchmarks.load_session import open_data_page as _open_data_page
from benchmarks.load_session import overview_figures as _overview_figures
from benchmarks.load_session import settled as _settled
from benchmarks.load_session import sign_in as _sign_in
from benchmarks.load_session import upload as _upload
from benchmarks.load_session import what_is_shown as _what_is_shown
from dialogue import auth, db
from dialogue.i18n import t
from dialogue.roles import Actor
from tests.servers import streamlit_server

pytestmark = [pytest.mark.slow(seconds=120), pytest.mark.browser]
playwright = pytest.importorskip("playwright.async_api", reason="playwright is not installed")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PASSWORD = "correct horse battery"
SESSIONS = 10
DURATION = 60.0           # seconds of load
UPLOAD_EVERY = 10.0       # seconds between the analyst's uploads
UPLOADS = 6               # the analyst's uploads: one every 10 s, or right after a slow one
HARD_STOP = 300.0         # seconds: nothing runs longer, however loaded the machine is
MAX_STEPS = 400           # per session: bounded however fast pages come

if not Path(CHROMIUM).exists():
    pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM}", allow_module_level=True)


@contextlib.contextmanager
def running_server(tmp: Path, workspace_copy):
    """`streamlit run app.py` on 127.0.0.1 with a reference database, a viewer per session and one analyst.

    The users' hashes take bcrypt's cheapest cost (4, not 12): signing in is not what is measured, and each check
    costs what its hash says, so 11 hashes and 11 sign-ins no longer spend some 5 CPU-s before the minute starts."""
    path = workspace_copy(tmp / "load.duckdb", "reference")
    con = db.connect(path)
    users = auth.UserStore(tmp / "users.toml")
    setup = Actor("setup", "admin")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "BCRYPT_ROUNDS", 4)
        for i in range(SESSIONS):
            users.add(con, setup, f"viewer{i}", "viewer", PASSWORD)
        users.add(con, setup, "ana", "analyst", PASSWORD)
    con.close()
    env = {"DIALOGUE_DB": str(path), "DIALOGUE_USERS": str(tmp / "users.toml"), "HOME": str(tmp)}
    with streamlit_server(tmp / "server.log", env) as base:
        yield base, path


@pytest.fixture(scope="module")
def load_server(tmp_path_factory, workspace_copy):
    """One server for the file: the fresh-server test visits it first (no one has signed in yet), then the load
    test drives it; `fresh` says whether any session has been through the router yet."""
    tmp = tmp_path_factory.mktemp("load")
    with contextlib.ExitStack() as running:
        base, path = running.enter_context(running_server(tmp, workspace_copy))
        # stop(): the load test reads the database after the server has let go of it
        yield {"base": base, "path": path, "log": tmp / "server.log", "fresh": True, "stop": running.close}










# -------------------------------------------------------------------------------------------------
def test_fresh_server_shows_no_page_to_someone_not_signed_in(load_server, tmp_path, workspace_copy):
    """Before any session has passed the router, Streamlit runs pages/<name>.py straight from its URL."""
    async def visit(base):
        async with playwright.async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                seen = {}
                for name in ("trade", "data", "admin", "overview"):
                    context = await browser.new_context()
                    page = await context.new_page()
                    await page.goto(f"{base}/{name}", timeout=PAGE_TIMEOUT_MS)
                    await page.wait_for_timeout(1500)
                    await _settled(page)
                    seen[name] = (await page.locator("h1").all_inner_texts(), await page.inner_text("body"))
                    await context.close()
                return seen
            finally:
                await browser.close()

    if load_server["fresh"]:
        seen = asyncio.run(visit(load_server["base"]))
    else:                           # run after the load test (-k, reordering): a server of its own, really fresh
        with running_server(tmp_path, workspace_copy) as (base, _):
            seen = asyncio.run(visit(base))
    titles = {"trade": t("trade_title"), "data": t("data_title"), "admin": "Administration",
              "overview": t("overview_title")}
    assert "Open the main page" in seen["trade"][1], "the first visit, before any router run, links the main page"
    for name, (headings, body) in seen.items():
        assert titles[name] not in headings, f"/{name} showed its page to a visitor who had not signed in"
        assert "sign in" in body.lower(), f"/{name} did not ask to sign in"
        # the way in: the sign-in form (once the router runs) or, before that, a link to the main page
        assert "Open the main page" in body or "Password" in body, f"/{name} offered no way to sign in"


# -------------------------------------------------------------------------------------------------
NAV = ("Overview", "Trade", "Security & Defence", "Political & People", "Road map", "Method")


def _titles() -> dict[str, str]:
    return {"Overview": t("overview_title"), "Trade": t("trade_title"), "Security & Defence": t("security_title"),
            "Political & People": t("political_title"), "Road map": t("roadmap_title"), "Method": t("method_title")}






async def _viewer(page, n: int, deadline: float, uploading: asyncio.Event, out: dict) -> None:
    """Page after page until the minute is over and the analyst has finished (bounded by HARD_STOP)."""
    titles = _titles()
    steps = 0
    stop = time.monotonic() + HARD_STOP
    try:
        while (time.monotonic() < deadline or uploading.is_set()) and time.monotonic() < stop and steps < MAX_STEPS:
            target = NAV[(steps + n + 1) % len(NAV)]
            started = time.perf_counter()
            await page.locator("[data-testid=stSidebarNav] a").filter(has_text=target).first.click()
            await page.locator("h1").filter(has_text=titles[target]).first.wait_for(timeout=PAGE_TIMEOUT_MS)
            await _settled(page)
            out["times"].append(time.perf_counter() - started)
            errors = await _errors(page)
            if errors:
                out["errors"].append((f"viewer{n}", target, errors))
            if target == "Overview":
                out["figures"].append(await _overview_figures(page))
            steps += 1
    except Exception as exc:  # noqa: BLE001 - every failure is counted as an error
        out["errors"].append((f"viewer{n}", f"step {steps}", [repr(exc)[:300]]))


async def _analyst(page, tmp: Path, uploading: asyncio.Event, out: dict) -> None:
    stop = time.monotonic() + HARD_STOP
    try:
        await _open_data_page(page)
        i = 0
        next_upload = time.monotonic()
        while i < UPLOADS and time.monotonic() < stop:
            await asyncio.sleep(max(0.0, next_upload - time.monotonic()))
            next_upload += UPLOAD_EVERY
            i += 1
            file = tmp / f"exercise_{i}.csv"
            file.write_bytes(_exercise_csv(i))
            upload_id, took = await _upload(page, file)
            out["uploads"].append((f"Load test exercise {i}", upload_id))
            out["upload_times"].append(took)
            errors = await _errors(page)
            if errors:
                out["errors"].append(("ana", f"upload {i}", errors))
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(("ana", "uploads", [repr(exc)[:300], await _what_is_shown(page, tmp / "analyst.png")]))
    finally:
        uploading.clear()


async def _drive(base: str, tmp: Path) -> dict:
    out = {"times": [], "errors": [], "figures": [], "uploads": [], "upload_times": []}
    async with playwright.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # Everyone signs in first (bcrypt is deliberately slow); then the minute of load starts.
            contexts = [await browser.new_context() for _ in range(SESSIONS + 1)]
            pages = [await c.new_page() for c in contexts]
            names = [f"viewer{n}" for n in range(SESSIONS)] + ["ana"]
            await asyncio.gather(*(_sign_in(pg, base, name) for pg, name in zip(pages, names)))
            deadline = time.monotonic() + DURATION
            uploading = asyncio.Event()
            uploading.set()
            await asyncio.gather(*(_viewer(pages[n], n, deadline, uploading, out) for n in range(SESSIONS)),
                                 _analyst(pages[-1], tmp, uploading, out))
        finally:
            await browser.close()
    return out




def test_ten_sessions_for_a_minute_while_an_analyst_uploads(load_server, tmp_path):
    base, path = load_server["base"], load_server["path"]
    load_server["fresh"] = False
    started = time.monotonic()
    out = asyncio.run(_drive(base, tmp_path))
    elapsed = time.monotonic() - started
    load_server["stop"]()
    times = sorted(out["times"])
    p95 = times[int(0.95 * (len(times) - 1))] if times else float("nan")
    print(f"\nload: {SESSIONS} sessions, {len(times)} page views in {elapsed:.0f} s, "
          f"median {statistics.median(times) if times else float('nan'):.2f} s, p95 {p95:.2f} s, "
          f"max {times[-1] if times else float('nan'):.2f} s; {len(out['uploads'])} uploads "
          f"({', '.join(f'{d:.1f}' for d in out['upload_times'])} s each); "
          f"{len(out['figures'])} overviews checked")
    assert not out["errors"], (out["errors"][:10], "server log ends: " + load_server["log"].read_text()[-3000:])
    assert len(out["uploads"]) == UPLOADS, "every upload was acknowledged"
    assert len(times) >= SESSIONS * 5, "every session kept loading pages"

    con = db.connect(path)
    names = set(con.execute("select name from exercises where valid_to is null").df()["name"])
    con.close()
    assert {name for name, _ in out["uploads"]} <= names, "an acknowledged upload is missing from the database"

    cache: dict[int, dict[str, str]] = {}
    wrong = []
    for upload_id, shown in out["figures"]:
        assert upload_id is not None, "the sidebar names the upload the figures come from"
        if upload_id not in cache:
            cache[upload_id] = _expected_counts(path, upload_id)
        if shown != cache[upload_id]:
            wrong.append((upload_id, shown, cache[upload_id]))
    assert not wrong, wrong[:5]
