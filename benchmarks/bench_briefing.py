"""Rows 7 and 7P: the demo workspace's briefing pack (PDF + XLSX annex) as the command line makes it (≤ 2 s) and from
the Briefings page (≤ 1.2× the command's time), issue 18.3.

The page is timed in a child process (`python -m benchmarks.bench_briefing DB RUNS WARMUP`): an AppTest of
pages/briefings.py, as of the same date, clicking Generate until both downloads are offered. The first click of a
fresh process (its chart worker starting) is the warm-up; its time is reported in the row's note.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from benchmarks.context import AS_OF, Context, missing
from benchmarks.measure import ROOT, Contender, Timing, compare
from benchmarks.prepare import database
from benchmarks.rows import Row, not_measured

LIMIT = 2.0
PAGE_LIMIT = 1.2        # the page's time against the command's
PAGE = ROOT / "pages" / "briefings.py"


def measure(ctx: Context) -> list[Row]:
    row = Row("7", "the demo briefing pack, PDF + XLSX (`python -m dialogue brief`, whole command)",
              "2 s", "≤ 2 s", "max", 1.0, ratio_label="× of 2 s")
    page_row = Row("7P", "the demo briefing pack from the Briefings page (AppTest: click Generate until both "
                         "downloads are offered)",
                   "the whole command (row 7), same run", "≤ 1.2×", "max", PAGE_LIMIT)
    path, why = database(ctx, "demo")
    why = missing("dialogue.reports", "dialogue.commands_reports") or why
    if why:
        return [not_measured(row, why), not_measured(page_row, why)]

    def run(out):
        proc = subprocess.run(
            [sys.executable, "-m", "dialogue", "--db", str(path), "brief", "--as-of", AS_OF.isoformat(),
             "--kind", "briefing", "--out", str(out)],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"brief exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}")
        return out

    def check(out):
        kinds = {p.suffix for p in out.rglob("*") if p.is_file()}
        if not {".pdf", ".xlsx"} <= kinds:
            raise RuntimeError(f"brief wrote {sorted(kinds) or 'nothing'}, expected a .pdf and a .xlsx")

    try:
        t = compare({"brief": Contender(run=run, setup=lambda: ctx.scratch("brief-out"), check=check)},
                    ctx.runs, ctx.warmup)
    except Exception as exc:  # noqa: BLE001
        return [not_measured(row, f"{type(exc).__name__}: {exc}"[:300]), not_measured(page_row, "row 7 failed")]
    command = t["brief"]
    row.subject = command.to_dict()
    row.baseline = {"median": LIMIT, "min": LIMIT, "max": LIMIT, "runs": [LIMIT]}
    row.ratio = command.median / LIMIT
    row.note = ("includes Python start-up, imports and the chart worker process (vl-convert, on the other core); "
                "see BENCHMARKS.md's notes for what the time is made of")
    return [row, _page(ctx, path, command, page_row)]


def _page(ctx: Context, path, command: Timing, row: Row) -> Row:
    """Row 7P from the child process's clicks, against the command's median measured just before."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_briefing", str(path), str(ctx.runs),
                           str(max(ctx.warmup, 1))],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200)
    answer = next((json.loads(line) for line in reversed(proc.stdout.splitlines()) if line.startswith("{")), None)
    if proc.returncode != 0 or answer is None or "error" in answer:
        why = (answer or {}).get("error") or (proc.stderr or proc.stdout).strip()[-300:]
        return not_measured(row, why)
    page = Timing(answer["runs"])
    row.subject, row.baseline = page.to_dict(), command.to_dict()
    row.ratio = page.median / command.median
    row.note = (f"the page's first click in a fresh process (its chart worker starting): {answer['first']:.2f} s; "
                "a progress bar and status by stage show while it runs")
    return row


def _click(at) -> float:
    """Seconds from a click on Generate until the page has offered both downloads."""
    start = time.perf_counter()
    at.button(key="brief_generate").click().run()
    took = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the Briefings page raised {at.exception[0].message}")
    names = sorted(d.proto.label.rsplit(".", 1)[-1] for d in at.get("download_button"))
    if names != ["pdf", "xlsx"]:
        raise RuntimeError(f"the Briefings page offered {names}, expected a pdf and an xlsx")
    return took


def _child(argv: list[str]) -> int:
    """Time the Briefings page's Generate click on database argv[0]: argv[2] warm-up clicks, then argv[1] timed."""
    db_path, runs, warmup = argv[0], int(argv[1]), int(argv[2])
    from streamlit.testing.v1 import AppTest

    from benchmarks.context import ACTOR
    from pages.ui import common

    os.environ["DIALOGUE_DB"] = db_path
    at = AppTest.from_file(str(PAGE), default_timeout=600)
    at.session_state[common.KEY_DB] = db_path
    at.session_state[common.KEY_ACTOR] = ACTOR
    at.session_state[common.KEY_AS_OF] = AS_OF
    at.session_state[common.KEY_LANG] = "en"
    try:
        at.run()
        first = [_click(at) for _ in range(warmup)][0]
        timed = [_click(at) for _ in range(runs)]
    except Exception as exc:  # noqa: BLE001 - the row says why
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]}), flush=True)
        return 1
    print(json.dumps({"first": first, "runs": timed}), flush=True)
    return 0


if __name__ == "__main__":
    code = _child(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)      # no wait for the page's script thread or the chart worker's exit handler
