"""Row 5: every page's warm AppTest run against a trivial one-line page in the same process.

One process per database (large scale, demo): the dashboard caches query results per process, so
sharing a process between databases could measure one database's cache with the other's figures.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

from benchmarks.context import Context, missing
from benchmarks.measure import ROOT, Contender, Timing, compare
from benchmarks.prepare import database
from benchmarks.rows import Row, not_measured

APP = ROOT / "app.py"
SLOW_PAGE = 20.0     # seconds: a page slower than this is timed once, not runs × times
TRIVIAL = 'import streamlit as st\nst.write("hello")\n'
DATABASES = {"large": ("5L", "on the {n}-trade-row database"), "demo": ("5D", "on the demo workspace")}


def pages() -> list[str]:
    """The page scripts app.py routes to (st.Page("pages/....py")), in menu order."""
    if not APP.exists():
        return []
    found = re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", APP.read_text(encoding="utf-8"))
    if not found:
        found = re.findall(r"""["'](pages/[A-Za-z0-9_]+\.py)["']""", APP.read_text(encoding="utf-8"))
    return [p for p in dict.fromkeys(found) if (ROOT / p).exists()]


def _row(ctx: Context, which: str, page: str) -> Row:
    prefix, where = DATABASES[which]
    stem = Path(page).stem
    return Row(f"{prefix}-{stem}", f"page {stem}, warm AppTest run, {where.format(n=f'{ctx.files.sizes.trade:,}')}",
               "a trivial one-line page, warm, same process", "≤ 3×", "max", 3.0)


def measure(ctx: Context, which: str) -> list[Row]:
    from streamlit.testing.v1 import AppTest

    page_list = pages()
    if not page_list:
        return [not_measured(Row(f"{DATABASES[which][0]}-pages", f"every page, warm AppTest run ({which})",
                                 "a trivial one-line page", "≤ 3×", "max", 3.0),
                             "app.py routes to no pages/*.py yet")]
    rows = {page: _row(ctx, which, page) for page in page_list}
    path, why = database(ctx, which)
    if why:
        return [not_measured(r, why) for r in rows.values()]
    os.environ["DIALOGUE_DB"] = str(path)
    os.environ["DIALOGUE_USERS"] = str(ctx.work / "no-users.toml")   # local mode: one admin, every page
    if which == "demo":
        os.environ["DIALOGUE_WORKSPACE"] = "demo"
    trivial_file = ctx.work / "trivial_page.py"
    trivial_file.write_text(TRIVIAL, encoding="utf-8")
    timeout = 120 if ctx.smoke else 600

    trivial = AppTest.from_file(str(trivial_file), default_timeout=timeout)
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")   # a failing page's row names its error
    contenders = {"trivial": Contender(run=lambda _: _run(trivial, "trivial"))}
    failed: dict[str, str] = {}
    slow: dict[str, Timing] = {}
    for page in page_list:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        try:
            at.run()
            at.switch_page(page)
            start = time.perf_counter()
            _run(at, page)
            if time.perf_counter() - start > SLOW_PAGE:
                # Minutes per run would sink the whole benchmark: one more (warm) run is the figure.
                start = time.perf_counter()
                _run(at, page)
                slow[page] = Timing([time.perf_counter() - start])
                continue
        except Exception as exc:  # noqa: BLE001 - the page's row says why
            failed[page] = f"{type(exc).__name__}: {exc}"[:300]
            continue
        contenders[page] = Contender(run=lambda _, at=at, page=page: _guarded(at, page, failed))
    try:
        t = compare(contenders, ctx.runs, ctx.warmup)
    except Exception as exc:  # noqa: BLE001 - only the trivial page can get here
        why = f"{type(exc).__name__}: {exc}"[:300]
        return [not_measured(r, why) for r in rows.values()]
    out = []
    for page, row in rows.items():
        if page in failed:
            out.append(not_measured(row, failed[page]))
            continue
        timing = slow.get(page) or t[page]
        row.subject, row.baseline = timing.to_dict(), t["trivial"].to_dict()
        row.ratio = timing.median / t["trivial"].median
        if page in slow:
            row.note = f"one timed run only: its first run took over {SLOW_PAGE:.0f} s"
        out.append(row)
    return out


def _guarded(at, page: str, failed: dict[str, str]):
    """One page's failure marks that page's row only; the others go on being timed."""
    if page in failed:
        return None
    try:
        return _run(at, page)
    except Exception as exc:  # noqa: BLE001
        failed[page] = f"{type(exc).__name__}: {exc}"[:300]
        return None


def _run(at, page: str):
    at.run()
    if at.exception:
        first = at.exception[0]
        where = (getattr(first, "stack_trace", None) or [""])[-1].strip().splitlines()[0:1]
        raise RuntimeError(f"{page} raised {getattr(first, 'message', first)} ({' '.join(where)})")
    return at
