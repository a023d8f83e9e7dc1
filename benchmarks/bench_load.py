"""Rows L: how a page view slows when 20 signed-in sessions browse while an analyst uploads, on the real server.

One `streamlit run app.py` on the demo workspace. The viewers are protocol-level sessions
(benchmarks/st_client.py: the messages a browser sends, read back as the browser would), not Chromium
tabs: twenty tabs on this machine's two cores starved the very server they were loading (load
average 18, the server at 0.4 of a core), so they measured the browsers. Drawing a page is each
reader's own machine's work, measured by the browser rows (B*). The analyst is a real Chromium tab
that uploads an exercise every 10 s on the Data page. First one session alone clicks through every
page (a warm-up round, then timed rounds): the median of each page is its baseline. Then 10 and 20
sessions (2 in the smoke run) browse at random (seeded), each pausing THINK seconds between clicks as
a reader would. A page view = the click's message until the server says the script run has finished.
Every view is divided by its page's one-session median; the row's ratio is the p95 of those. Every
Overview seen is checked against the database at the upload it names. The server's RSS and CPU time
are read at each level; with BENCH_LOAD_PROFILE=DIR, py-spy samples the server
during the 20-session level. Levels of 40 and 80 sessions probe how far one server goes (L-capacity).
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import load_session as ls
from benchmarks import st_client
from benchmarks.context import Context, missing
from benchmarks.rows import Row, not_measured

SEED = 18
THINK = (1.0, 3.0)       # s a reader spends on a page before the next click (uniform)
UPLOAD_EVERY = 10.0      # s between the analyst's uploads
HARD_STOP = 600.0        # s: no level runs longer, however loaded the machine is
MB = 2**20
SIGN_IN_BATCH = 4        # sessions signing in at once before a level (bcrypt is deliberately slow)
SETUP_TIMEOUT_MS = 300_000


def plan(smoke: bool) -> dict:
    """Sessions per level, seconds per level, timed rounds of the one-session baseline, the pages visited.

    The issue's level is 20 sessions for 2 minutes (row L-p95); 40 and 80 probe how far one server goes."""
    if smoke:
        return {"levels": (2,), "seconds": {2: 10.0}, "goal_level": 2, "rounds": 1, "pages": ("Overview", "Trade")}
    return {"levels": (10, 20, 40, 80), "seconds": {10: 60.0, 20: 120.0, 40: 60.0, 80: 60.0}, "goal_level": 20,
            "rounds": 3, "pages": tuple(ls.NAV)}


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile (the value below which 95 % of the sorted values lie)."""
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def normalised(views: list[tuple[str, float]], alone: dict[str, float]) -> list[float]:
    """Each page view divided by the same page's median with one session."""
    return [seconds / alone[page] for page, seconds in views]


def _rows(p: dict) -> list[Row]:
    goal, levels = p["goal_level"], p["levels"]
    rows = [Row(f"L{n}-p95" if n != goal else "L-p95",
                f"p95 page view, {n} signed-in sessions browsing at random while an analyst uploads every "
                f"{UPLOAD_EVERY:.0f} s (demo workspace, real server; protocol-level viewers, a Chromium analyst)",
                "the same page's median with one session, same run", "≤ 3×", "max", 3.0)
            for n in levels if n <= goal]
    rows.append(Row("L-capacity", "signed-in sessions one server process carries with p95 ≤ 3× alone (the largest "
                    f"level of {', '.join(map(str, levels))} that meets it, with every level below it)",
                    f"{goal} sessions (issue 18)", f"≥ {goal}", "min", float(goal), ratio_label=" sessions"))
    rows.append(Row("L-errors", f"errors and wrong figures seen by up to {levels[-1]} sessions and the analyst",
                    "0", "0", "max", 0.0, ratio_label=" errors + wrong figures"))
    return rows


def measure(ctx: Context) -> list[Row]:
    p = plan(ctx.smoke)
    rows = _rows(p)
    why = missing("playwright.async_api", "psutil") or (None if Path(ls.CHROMIUM).exists()
                                                        else f"Debian's Chromium is not at {ls.CHROMIUM}")
    if why:
        return [not_measured(r, why) for r in rows]
    from dialogue import workspace

    tmp = ctx.scratch("load")
    path = tmp / "demo.duckdb"
    workspace.init_database(path, "demo")
    ls.add_users(path, tmp / "users.toml", max(p["levels"]))
    with ls.running_server(path, tmp / "users.toml", tmp) as (base, proc):
        out = asyncio.run(_drive(base, proc.pid, tmp, p))
    out["wrong"] = ls.wrong_figures(path, out["figures"])
    (ctx.work / "load.json").write_text(json.dumps({k: v for k, v in out.items() if k != "figures"}, indent=1,
                                                   default=str), encoding="utf-8")
    return _fill(rows, out, p)


def _fill(rows: list[Row], out: dict, p: dict) -> list[Row]:
    alone = out["alone"]
    base = list(alone.values())
    by_key = {r.key: r for r in rows}
    ratios = {}
    for n in p["levels"]:
        level = out["levels"].get(str(n))
        row = by_key.get("L-p95" if n == p["goal_level"] else f"L{n}-p95")
        times = [s for _, s in level["views"]] if level else []
        if not times:
            if row:
                not_measured(row, "no page view finished")
            continue
        ratios[n] = p95(normalised(level["views"], alone))
        if row is None:
            continue
        row.subject = {"median": p95(times), "min": min(times), "max": max(times), "runs": times}
        row.baseline = {"median": statistics.median(base), "min": min(base), "max": max(base), "runs": base}
        row.ratio = ratios[n]
        per_page = {}
        for page, s in level["views"]:
            per_page.setdefault(page, []).append(s)
        worst = max(per_page, key=lambda k: p95(per_page[k]) / alone[k])
        row.note = (f"{len(times)} page views in {level['seconds']:.0f} s, {level['uploads']} uploads; measured: p95 of "
                    f"all views, baseline: median of the pages alone; ratio = p95 of (view ÷ its page alone). "
                    f"Worst page {worst}: p95 {p95(per_page[worst]):.2f} s vs {alone[worst]:.2f} s alone. "
                    + _level_note(level, len(times), out["rss_alone"]))
        row.extra = {"rss": level["rss"], "cpu": level["cpu"], "views": len(times), "load": level["load"],
                     "rss_alone": out["rss_alone"], "alone": alone}
    _fill_capacity(by_key["L-capacity"], ratios, out, p)
    bad = len(out["errors"]) + len(out["wrong"])
    err = by_key["L-errors"]
    err.ratio = float(bad)
    err.note = (f"{sum(len(lv['views']) for lv in out['levels'].values())} page views, "
                f"{len(out['figures'])} overviews checked against the database, {sum(lv['uploads'] for lv in out['levels'].values())} uploads acknowledged"
                + (f"; {len(out['errors'])} errors, the first: " + "; ".join(_short(e) for e in out["errors"][:3])
                   if out["errors"] else "")
                + (f"; first wrong figures: {out['wrong'][:3]}" if out["wrong"] else ""))
    return rows


def _level_note(level: dict, views: int, rss_alone: int) -> str:
    return (f"Server RSS {level['rss'] / MB:,.0f} MB (one session: {rss_alone / MB:,.0f} MB), "
            f"server CPU {level['cpu'] / level['seconds']:.2f} cores, "
            f"{level['cpu'] / max(1, views) * 1000:,.0f} ms CPU per view; load average {level['load']}")


def _fill_capacity(row: Row, ratios: dict[int, float], out: dict, p: dict) -> None:
    """The largest level that meets p95 ≤ 3× with every level below it; sessions per core from its CPU."""
    if not ratios:
        not_measured(row, "no level finished")
        return
    carried = 0
    for n in p["levels"]:
        if n not in ratios or ratios[n] > 3.0:
            break
        carried = n
    row.ratio = float(carried)
    levels = "; ".join(f"{n} sessions: p95 {r:.2f}× alone" for n, r in ratios.items())
    row.note = f"{levels}."
    if carried:
        level = out["levels"][str(carried)]
        cores = level["cpu"] / level["seconds"]
        row.note += (f" At {carried} sessions the server process used {cores:.2f} cores (one process runs its "
                     f"sessions' scripts under one interpreter lock, so it never uses much more than one core): "
                     f"about {carried} sessions per core. "
                     + _level_note(level, len(level["views"]), out["rss_alone"]))
        row.extra = {"sessions_per_core": carried, "cores": cores, "rss": level["rss"], "rss_alone": out["rss_alone"]}


def _short(error: tuple) -> str:
    """(who, where, what) -> 'who, where: the first line of what' (a timeout's call log left out)."""
    who, where, what = error
    first = str(what[0] if isinstance(what, list) and what else what).replace("\\n", "\n").splitlines()
    return f"{who}, {where}: {(first[0] if first else '')[:110]}"


def _say(text: str) -> None:
    print(f"  load: {text}", file=sys.stderr, flush=True)


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


async def _drive(base: str, pid: int, tmp: Path, p: dict) -> dict:
    import psutil
    from playwright.async_api import async_playwright

    server = psutil.Process(pid)
    out = {"alone": {}, "levels": {}, "errors": [], "figures": [], "uploads": 0}
    viewers = [st_client.Session(base)]
    await viewers[0].sign_in("viewer0", ls.PASSWORD, SETUP_TIMEOUT_MS / 1000)
    samples: dict[str, list[float]] = {page: [] for page in p["pages"]}
    for round_ in range(p["rounds"] + 1):          # round 0 warms the caches up
        for page in p["pages"]:
            run = await viewers[0].view(page)
            if round_:
                samples[page].append(run.seconds)
    out["alone"] = {page: statistics.median(s) for page, s in samples.items()}
    _say(f"one session alone: {out['alone']}")
    out["rss_alone"] = server.memory_info().rss
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=ls.CHROMIUM, args=ls.ARGS)
        try:
            analyst = await (await browser.new_context(viewport={"width": 1366, "height": 768})).new_page()
            await ls.sign_in(analyst, base, "ana", SETUP_TIMEOUT_MS)
            await ls.open_data_page(analyst)
            for n in p["levels"]:
                signed = len(viewers)
                viewers += [st_client.Session(base) for _ in range(signed, n)]
                for first in range(signed, n, SIGN_IN_BATCH):   # setup, not timed: a few at a time
                    await asyncio.gather(*(viewers[i].sign_in(f"viewer{i}", ls.PASSWORD, SETUP_TIMEOUT_MS / 1000)
                                           for i in range(first, min(n, first + SIGN_IN_BATCH))))
                _say(f"{n} sessions signed in; browsing for {p['seconds'][n]:.0f} s")
                out["levels"][str(n)] = await _level(n, viewers, analyst, server, tmp, p, out,
                                                     profile=n == p["goal_level"])
        finally:
            await browser.close()
            for viewer in viewers:
                await viewer.close()
    return out


async def _level(n: int, viewers: list, analyst, server, tmp: Path, p: dict, out: dict, profile: bool) -> dict:
    seconds = p["seconds"][n]
    views: list[tuple[str, float]] = []
    spy = _profiler(server.pid, tmp, n, seconds) if profile else None
    cpu0 = sum(server.cpu_times()[:2])
    started = time.monotonic()
    deadline = started + seconds
    uploads = await asyncio.gather(*(_reader(viewers[i], i, n, deadline, views, out, p["pages"]) for i in range(n)),
                                   _analyst(analyst, tmp, deadline, out))
    elapsed = time.monotonic() - started
    level = {"views": views, "seconds": elapsed, "cpu": sum(server.cpu_times()[:2]) - cpu0,
             "rss": server.memory_info().rss, "load": _load(), "uploads": uploads[-1]}
    if spy:
        spy.wait(timeout=120)
    return level


async def _reader(viewer, i: int, n: int, deadline: float, views: list, out: dict, pages: tuple[str, ...]) -> None:
    """Random pages with a reader's pause between them, until the level's time is up."""
    rng = random.Random(SEED * 1000 + n * 100 + i)
    stop = time.monotonic() + HARD_STOP
    try:
        await asyncio.sleep(rng.uniform(0, THINK[1]))       # the sessions do not all click at once
        while time.monotonic() < min(deadline, stop):
            page = rng.choice(pages)
            run = await viewer.view(page, timeout=ls.PAGE_TIMEOUT_MS / 1000)
            views.append((page, run.seconds))
            if run.errors:
                out["errors"].append((f"viewer{i}", page, run.errors))
            if page == "Overview":
                out["figures"].append(st_client.overview_figures(run))
            await asyncio.sleep(rng.uniform(*THINK))
    except Exception as exc:  # noqa: BLE001 - every failure is counted as an error
        out["errors"].append((f"viewer{i}", "browsing", repr(exc)[:300]))


async def _analyst(page, tmp: Path, deadline: float, out: dict) -> int:
    """An upload every UPLOAD_EVERY seconds until the level's time is up; returns how many were committed."""
    done = 0
    next_upload = time.monotonic()
    try:
        while next_upload < deadline:
            await asyncio.sleep(max(0.0, next_upload - time.monotonic()))
            # a slow upload delays the next one; missed slots are skipped, not made up in a burst
            next_upload = max(next_upload + UPLOAD_EVERY, time.monotonic())
            out["uploads"] += 1
            file = tmp / f"exercise_{out['uploads']}.csv"
            file.write_bytes(ls.exercise_csv(out["uploads"]))
            await ls.upload(page, file)
            done += 1
            errors = await ls.errors_shown(page)
            if errors:
                out["errors"].append(("ana", f"upload {out['uploads']}", errors))
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(("ana", "uploads", repr(exc)[:300]))
    return done


def _profiler(pid: int, tmp: Path, n: int, seconds: float):
    """py-spy sampling the server for the level (when BENCH_LOAD_PROFILE names a directory and py-spy exists)."""
    where = os.environ.get("BENCH_LOAD_PROFILE")
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not where or not Path(spy).exists():
        return None
    Path(where).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([spy, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "50",
                             "--nonblocking", "--threads", "--format", "raw",
                             "--output", str(Path(where) / f"server-{n}-sessions.txt")],
                            stdout=subprocess.DEVNULL, stderr=open(tmp / "py-spy.log", "w"))
