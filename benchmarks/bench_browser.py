"""Rows B (issue 18): what a person waits for in Chromium, each against a trivial Streamlit app in the same run.

- BD-<page>, BL-<page>: a click on the page's sidebar link until its first viewport is complete ("usable":
  benchmarks/browser.py says exactly when), on the demo workspace and on the 1,000,000-row database;
  BD-/BL-language, -as-of and BD-workspace: the sidebar switches on the Overview. Baseline: a click between the
  two one-line pages of a trivial app (`st.navigation`, `st.write("hello")`), served the same way, timed right
  before each action (A B, A C, ...), by the same definition. Goal ≤ 2×. Each row's note also gives the whole
  page (until the last DOM change anywhere, below the fold included) against the trivial click's, from the same
  waits, so nothing is hidden.
- BC-first-start, BC-restart: `python -m dialogue serve` (what `make run` runs) from process start until its
  first page holds still, with no database yet and with one; baseline: `python -m streamlit run` of the
  trivial app from process start until its first page holds still. Goal ≤ 3×.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from benchmarks import browser
from benchmarks.context import Context, missing
from benchmarks.measure import ROOT, Timing
from benchmarks.prepare import database
from benchmarks.rows import Row, not_measured

TRIVIAL_APP = '''import streamlit as st


def one():
    st.write("hello")


def two():
    st.write("hello")


st.navigation([st.Page(one, title="One", url_path="one", default=True),
               st.Page(two, title="Two", url_path="two")]).run()
'''
SWITCH_GOAL, START_GOAL = 2.0, 3.0
AS_OF_AWAY = "2026-10-31"          # the as-of change goes to this date and back to the kept one (today)
LANG_AWAY = "sr-Cyrl"
SMOKE_PAGES = ("pages/trade.py",)     # the CI run: this page on the demo workspace, one round, nothing else
TRIVIAL_SWITCH = "a click between the two one-line pages of a trivial Streamlit app, same run"
SERVERS = {"demo": ("BD", "on the demo workspace"), "large": ("BL", "on the {n}-trade-row database")}


def _page_row(prefix: str, where: str, stem: str) -> Row:
    return Row(f"{prefix}-{stem}", f"page {stem} in Chromium: sidebar click until its first viewport is complete, {where}",
               TRIVIAL_SWITCH, "≤ 2×", "max", SWITCH_GOAL)


def _switch_row(prefix: str, where: str, name: str) -> Row:
    what = {"language": "language switch (English → Cyrillic and back) on the Overview",
            "as-of": "as-of change (typed date, Enter) on the Overview",
            "workspace": "workspace switch (demo → reference and back) on the Overview"}[name]
    return Row(f"{prefix}-{name}", f"{what}, until its first viewport is complete, {where}", TRIVIAL_SWITCH, "≤ 2×", "max",
               SWITCH_GOAL)


def _start_rows() -> list[Row]:
    against = "`python -m streamlit run` of a one-line trivial app: process start until its first page holds still"
    return [Row("BC-first-start", "`python -m dialogue serve` (`make run`) with no database yet: process start "
                "until the first page holds still", against, "≤ 3×", "max", START_GOAL),
            Row("BC-restart", "the same with the database already built (every later start)", against, "≤ 3×",
                "max", START_GOAL)]


def rows_for(ctx: Context, page_list: list[str]) -> list[Row]:
    """Every row this group reports, in order (all present even when not measured)."""
    out = []
    for which, (prefix, where) in _servers(ctx).items():
        where = where.format(n=f"{ctx.files.sizes.trade:,}")
        out += [_page_row(prefix, where, Path(p).stem) for p in page_list]
        if not _is_smoke(ctx):
            out += [_switch_row(prefix, where, s) for s in ("language", "as-of") + (("workspace",) if which == "demo" else ())]
    return out + ([] if _is_smoke(ctx) else _start_rows())


def _servers(ctx: Context) -> dict:
    return {"demo": SERVERS["demo"]} if _is_smoke(ctx) else SERVERS


def measure(ctx: Context) -> list[Row]:
    from benchmarks.bench_pages import pages

    page_list = pages()
    if _is_smoke(ctx):
        page_list = [p for p in page_list if p in SMOKE_PAGES]
    rows = rows_for(ctx, page_list)
    why = missing("playwright.sync_api") or (None if browser.CHROMIUM.exists() else f"{browser.CHROMIUM} missing")
    if why:
        return [not_measured(r, why) for r in rows]
    by_key = {r.key: r for r in rows}
    work = ctx.scratch("browser")
    trivial = work / "trivial_app.py"
    trivial.write_text(TRIVIAL_APP, encoding="utf-8")
    with browser.chromium() as chrome:
        for which, (prefix, _) in _servers(ctx).items():
            path, why = database(ctx, which)
            mine = [r for r in rows if r.key.startswith(prefix + "-")]
            if why:
                for r in mine:
                    not_measured(r, why)
                continue
            try:
                _measure_server(ctx, chrome, which, prefix, path, page_list, trivial, work, by_key)
            except Exception as exc:  # noqa: BLE001 - the rows say why
                for r in mine:
                    if r.ratio is None:
                        not_measured(r, f"{type(exc).__name__}: {exc}"[:300])
        try:
            if not _is_smoke(ctx):
                _measure_start(ctx, chrome, trivial, work, by_key)
        except Exception as exc:  # noqa: BLE001
            for r in _start_rows():
                if by_key[r.key].ratio is None:
                    not_measured(by_key[r.key], f"{type(exc).__name__}: {exc}"[:300])
    return rows


def _env(work: Path, which: str, path: Path) -> dict:
    env = {"DIALOGUE_USERS": str(work / "no-users.toml"), "PYTHONPATH": str(ROOT),
           "STREAMLIT_SERVER_HEADLESS": "true"}
    if which == "demo":
        # Both workspaces, so the sidebar offers the switch: the prepared demo database and a reference one
        # the server builds on its first switch (the warm-up round).
        folder = work / "workspaces"
        folder.mkdir(exist_ok=True)
        shutil.copyfile(path, folder / "demo.duckdb")
        return {**env, "DIALOGUE_WORKSPACE_DIR": str(folder), "DIALOGUE_WORKSPACE": "demo"}
    return {**env, "DIALOGUE_DB": str(path)}


class _Trivial:
    """The trivial app's tab: each call clicks to the other one-line page and returns the seconds until still."""

    def __init__(self, tab):
        self.tab, self.at = tab, 0

    def switch(self) -> browser.Settled:
        self.at = 1 - self.at
        return _click(self.tab, self.tab.page.locator("[data-testid=stSidebarNav] a").nth(self.at))


def _click(tab, locator) -> browser.Settled:
    n = tab.arm("pointerdown")
    locator.click()
    return tab.settle(n)


def _measure_server(ctx, chrome, which, prefix, path, page_list, trivial_script, work, by_key) -> None:
    p_trivial, p_app = browser.free_port(), browser.free_port()
    env = _env(work, which, path)
    with browser.served(browser.streamlit_command(trivial_script, p_trivial), p_trivial,
                        {"STREAMLIT_SERVER_HEADLESS": "true"}, ROOT, work / f"trivial-{which}.log") as t_srv, \
            browser.served(browser.streamlit_command(ROOT / "app.py", p_app), p_app, env, ROOT,
                           work / f"app-{which}.log") as a_srv:
        t_tab, a_tab = browser.Tab(chrome), browser.Tab(chrome)
        t_tab.first_load(t_srv.url, time.time())
        a_tab.first_load(a_srv.url, time.time())
        trivial = _Trivial(t_tab)
        actions = _actions(a_tab, a_srv.url, page_list, which)
        timings = {key: [] for key in actions}      # browser.Settled per timed action
        baseline = []
        for round_ in range(ctx.warmup + ctx.runs):
            for key, act in actions.items():
                base = trivial.switch()
                spent = act()
                if round_ >= ctx.warmup:
                    baseline.append(base)
                    timings[key] += spent
        a_tab.close()
        t_tab.close()
    for key, settled in timings.items():
        _report(by_key[f"{prefix}-{key}"], settled, baseline)


def _figure(settled: list, name: str) -> Timing:
    return Timing(runs=[getattr(s, name) for s in settled])


def _report(row: Row, settled: list, baseline: list) -> None:
    """The row's figure is the usable one (first viewport); its note gives the whole page and the server's share."""
    usable, base = _figure(settled, "usable"), _figure(baseline, "usable")
    whole, whole_base, server = _figure(settled, "whole"), _figure(baseline, "whole"), _figure(settled, "server")
    row.subject, row.baseline = usable.to_dict(), base.to_dict()
    row.ratio = usable.median / base.median
    row.extra.update(whole=whole.to_dict(), whole_baseline=whole_base.to_dict(),
                     whole_ratio=whole.median / whole_base.median, server_median=server.median)
    row.note = (f"{len(settled)} timed, {len(baseline)} trivial switches; whole page (last DOM change anywhere) "
                f"{whole.median * 1000:,.0f} ms against {whole_base.median * 1000:,.0f} ms, "
                f"{row.extra['whole_ratio']:.2f}×; the server's last message came at {server.median * 1000:,.0f} ms "
                f"(median); load {_load()}")


def _actions(tab, url: str, page_list: list[str], which: str) -> dict:
    """key -> a callable doing the action(s) and returning their timed seconds (a list)."""
    page = tab.page
    sidebar = "[data-testid=stSidebar]"

    def link(path: str):
        stem = Path(path).stem
        href = url + "/" if path == page_list[0] or stem == "overview" else f"{url}/{stem}"
        return page.locator(f"[data-testid=stSidebarNav] a[href='{href}']")

    def goto(path: str):
        return lambda: [_click(tab, link(path))]

    overview = "pages/overview.py"

    def on_overview() -> None:
        if not page.url.rstrip("/").endswith(url.split("//")[1]):
            _click(tab, link(overview))

    def language():
        from dialogue.i18n import LANG_NAMES

        on_overview()
        spent = []
        for lang in (LANG_AWAY, "en"):
            page.locator(f"{sidebar} [data-testid=stSelectbox]").first.click()
            spent.append(_click(tab, page.get_by_role("option", name=LANG_NAMES[lang], exact=True)))
        return spent

    def as_of():
        on_overview()
        spent = []
        box = page.locator(f"{sidebar} [data-testid=stTextInput] input").first
        kept = box.input_value()
        for value in (AS_OF_AWAY, kept):
            box.fill(value)
            n = tab.arm("keydown", "Enter")
            box.press("Enter")
            spent.append(tab.settle(n))
        return spent

    def workspace():
        on_overview()
        radio = page.locator(f"{sidebar} [role=radiogroup] label")
        return [_click(tab, radio.nth(0)), _click(tab, radio.nth(1))]     # to reference, back to demo

    # Menu order, ending on the Overview (each page is reached from the one before it).
    ordered = [p for p in page_list if Path(p).stem != "overview"] + [p for p in page_list if Path(p).stem == "overview"]
    actions = {Path(p).stem: goto(p) for p in ordered}
    if len(page_list) == 1:          # the smoke run: the page alone
        return actions
    actions.update({"language": language, "as-of": as_of})
    if which == "demo":
        actions["workspace"] = workspace
    return actions


def _measure_start(ctx, chrome, trivial_script, work, by_key) -> None:
    rounds = max(3, min(ctx.runs, 3))
    first, again, baseline = Timing(), Timing(), Timing()
    env = {"DIALOGUE_USERS": str(work / "no-users.toml"), "STREAMLIT_SERVER_HEADLESS": "true"}
    for i in range(rounds):
        baseline.runs.append(_first_page(chrome, lambda port: browser.streamlit_command(trivial_script, port),
                                         {"STREAMLIT_SERVER_HEADLESS": "true"}, work / "start-trivial.log"))
        folder = ctx.scratch(f"start-{i}")
        serve = lambda port: [sys.executable, "-m", "dialogue", "serve", "--address", "127.0.0.1",   # noqa: E731
                              "--port", str(port)]
        env_i = {**env, "DIALOGUE_WORKSPACE_DIR": str(folder)}
        first.runs.append(_first_page(chrome, serve, env_i, work / "start-first.log"))
        again.runs.append(_first_page(chrome, serve, env_i, work / "start-again.log"))
        shutil.rmtree(folder, ignore_errors=True)
    for key, timing in (("BC-first-start", first), ("BC-restart", again)):
        row = by_key[key]
        row.subject, row.baseline = timing.to_dict(), baseline.to_dict()
        row.ratio = timing.median / baseline.median
        row.note = f"{rounds} start(s) each, interleaved; load {_load()}"


def _first_page(chrome, command, env: dict, log: Path) -> float:
    port = browser.free_port()
    with browser.served(command(port), port, env, ROOT, log, wait=False) as server:
        tab = browser.Tab(chrome)
        try:
            return tab.first_load(server.url, server.started).whole
        finally:
            tab.close()


def _load() -> str:
    import os

    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _is_smoke(ctx: Context) -> bool:
    """The CI run: one page, one round, one start."""
    from benchmarks.generate import SCALES

    return ctx.files.sizes == SCALES["smoke"]
