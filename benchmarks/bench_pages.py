"""Row 5: every page's warm AppTest run against a trivial one-line page measured in the same process.

Except in the smoke run, one fresh process per page and database: a page that takes minutes is stopped at a
time limit (its row then gives a lower bound) without its still-running script thread slowing the
next page, and no page profits from another's warm cache. The smoke run puts every page of a
database in one process, to stay quick.

    python -m benchmarks.bench_pages WHICH PAGE... --data DIR --work DIR --scale S --runs N --warmup N
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.context import Context
from benchmarks.measure import ROOT, Contender, Timing, compare
from benchmarks.prepare import database
from benchmarks.rows import Row, not_measured

APP = ROOT / "app.py"
ROUTER = ROOT / "pages" / "ui" / "router.py"      # app.py's body
SLOW_PAGE = 20.0       # s: a page whose first run is slower is timed once more, not runs × times
PAGE_LIMIT = {"full": 100.0, "medium": 100.0, "smoke": 90.0}   # s per page process
TRIVIAL = 'import streamlit as st\nst.write("hello")\n'
DATABASES = {"large": ("5L", "on the {n}-trade-row database"), "demo": ("5D", "on the demo workspace")}


def pages() -> list[str]:
    """The page scripts app.py routes to (st.Page / page("pages/....py") in it or its router), in menu order."""
    source = "".join(f.read_text(encoding="utf-8") for f in (APP, ROUTER) if f.exists())
    found = re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", source)
    if not found:
        found = re.findall(r"""["'](pages/[A-Za-z0-9_]+\.py)["']""", source)
    return [p for p in dict.fromkeys(found) if (ROOT / p).exists()]


def _row(ctx: Context, which: str, page: str) -> Row:
    prefix, where = DATABASES[which]
    stem = Path(page).stem
    return Row(f"{prefix}-{stem}", f"page {stem}, warm AppTest run, {where.format(n=f'{ctx.files.sizes.trade:,}')}",
               "a trivial one-line page, warm, same process", "≤ 3×", "max", 3.0)


def measure(ctx: Context, which: str) -> list[Row]:
    page_list = pages()
    if not page_list:
        return [not_measured(Row(f"{DATABASES[which][0]}-pages", f"every page, warm AppTest run ({which})",
                                 "a trivial one-line page", "≤ 3×", "max", 3.0),
                             "app.py routes to no pages/*.py yet")]
    rows = [_row(ctx, which, page) for page in page_list]
    path, why = database(ctx, which)
    if why:
        return [not_measured(r, why) for r in rows]
    scale = next(name for name, sizes in _scales().items() if sizes == ctx.files.sizes)
    if scale == "smoke":
        # Smoke runs prove the pages still run: one process for all of them keeps CI quick.
        return _measure_pages(ctx, which, scale, page_list, rows, PAGE_LIMIT[scale] * len(page_list))
    out = []
    for page, row in zip(page_list, rows):
        out += _measure_pages(ctx, which, scale, [page], [row], PAGE_LIMIT[scale])
    return out


def _scales():
    from benchmarks.generate import SCALES
    return SCALES


def _measure_pages(ctx: Context, which: str, scale: str, page_list: list[str], rows: list[Row],
                   limit: float) -> list[Row]:
    cmd = [sys.executable, "-m", "benchmarks.bench_pages", which, *page_list, "--data", str(ctx.files.root),
           "--work", str(ctx.work), "--scale", scale, "--runs", str(ctx.runs), "--warmup", str(ctx.warmup)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stopped = False
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        stopped = True
    killed_at = time.time()
    facts = _facts(out)
    result = []
    for page, row in zip(page_list, rows):
        got = facts["rows"].get(page)
        if got is not None:
            result.append(Row.from_dict(got))
        elif page in facts["errors"]:
            result.append(not_measured(row, facts["errors"][page]))
        elif stopped and facts["current"] == page and facts["trivial"]:
            running = killed_at - facts["page_start"]
            row.subject = {"median": running, "min": running, "max": running, "runs": [running]}
            row.baseline = facts["trivial"]
            row.ratio = running / facts["trivial"]["median"]
            row.lower_bound = True
            row.note = (f"stopped at the {limit:.0f} s limit: a run had taken {running:.0f} s and was not "
                        "finished (the ratio is a lower bound)")
            result.append(row)
        elif stopped:
            result.append(not_measured(row, f"not reached within the {limit:.0f} s limit"))
        else:
            last = ((err or out).strip().splitlines() or ["no output"])[-1]
            result.append(not_measured(row, f"page process failed: {last[-300:]}"))
    return result


def _facts(out: str) -> dict:
    facts = {"rows": {}, "errors": {}, "current": None, "page_start": None, "trivial": None}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        try:
            fact = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "row" in fact:
            facts["rows"][fact["page"]] = fact["row"]
        elif "error" in fact:
            facts["errors"][fact["page"]] = fact["error"]
        elif "page_start" in fact:
            facts["current"], facts["page_start"] = fact["page"], fact["page_start"]
        elif "trivial" in fact:
            facts["trivial"] = fact["trivial"]
    return facts


def _say(**kw) -> None:
    print(json.dumps(kw, default=str), flush=True)


def _child(argv: list[str]) -> int:
    """Measure pages in this process: the trivial page first, then each page interleaved with it."""
    p = argparse.ArgumentParser()
    p.add_argument("which")
    p.add_argument("pages", nargs="+")
    p.add_argument("--data", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--scale", required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    args = p.parse_args(argv)

    from benchmarks.generate import SCALES, Files

    ctx = Context(smoke=args.scale != "full", runs=args.runs, warmup=args.warmup,
                  files=Files(Path(args.data).resolve(), SCALES[args.scale]), work=Path(args.work).resolve())
    path, _ = database(ctx, args.which)
    os.environ["DIALOGUE_DB"] = str(path)
    os.environ["DIALOGUE_USERS"] = str(ctx.work / "no-users.toml")   # local mode: one admin, every page
    if args.which == "demo":
        os.environ["DIALOGUE_WORKSPACE"] = "demo"
    trivial_file = ctx.work / "trivial_page.py"
    trivial_file.write_text(TRIVIAL, encoding="utf-8")

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    timeout = 3600.0
    trivial = AppTest.from_file(str(trivial_file), default_timeout=timeout)
    config.set_option("client.showErrorDetails", "full")   # a failing page's row names its error
    run_trivial = Contender(run=lambda _: _run(trivial, "trivial"))
    _say(trivial=compare({"trivial": run_trivial}, ctx.runs, ctx.warmup)["trivial"].to_dict())

    for page in args.pages:
        row = _row(ctx, args.which, page)
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        try:
            at.run()                 # the router's run: sidebar state, the actor, st.navigation
            at.switch_page(page)     # later runs run the page script with that session state
            _say(page=page, page_start=time.time())
            start = time.perf_counter()
            _run(at, page)
            cold = time.perf_counter() - start
            if cold > SLOW_PAGE:
                # Minutes per run would sink the whole benchmark: one more (warm) run is the figure.
                _say(page=page, page_start=time.time())
                start = time.perf_counter()
                _run(at, page)
                t = {"page": Timing([time.perf_counter() - start]),
                     "trivial": compare({"trivial": run_trivial}, ctx.runs, 0)["trivial"]}
                row.note = f"one timed run only: its first run took {cold:.0f} s"
            else:
                # the first (cold) run was the page's warm-up
                t = compare({"trivial": run_trivial, "page": Contender(run=lambda _, at=at, page=page: _run(at, page))},
                            ctx.runs, 0)
        except Exception as exc:  # noqa: BLE001 - the row says why
            _say(page=page, error=f"{type(exc).__name__}: {exc}"[:300])
            continue
        row.subject, row.baseline = t["page"].to_dict(), t["trivial"].to_dict()
        row.ratio = t["page"].median / t["trivial"].median
        _say(page=page, row=row.to_dict())
    return 0


def _run(at, page: str):
    at.run()
    if at.exception:
        first = at.exception[0]
        where = (getattr(first, "stack_trace", None) or [""])[-1].strip().splitlines()[0:1]
        raise RuntimeError(f"{page} raised {getattr(first, 'message', first)} ({' '.join(where)})")
    return at


if __name__ == "__main__":
    code = _child(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)      # do not wait for a page's script thread that may still be running
