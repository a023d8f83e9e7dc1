"""`python -m benchmarks.run [--smoke] [--out BENCHMARKS.md]`: every issue-8 benchmark in one run.

Each group runs in its own fresh process (memory and caches stay isolated); inside a group the
contenders are timed side by side in interleaved rounds after a warm-up. The table is printed and
written, with machine, versions, method and the command to reproduce, to BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import generate
from benchmarks.measure import ROOT, machine
from benchmarks.rows import Row

GROUPS = ("prepare", "ingest-xlsx", "ingest-csv", "memory", "status", "briefing", "pages-demo", "pages-large", "browser",
          "load")
FINDINGS = Path(__file__).with_name("findings.md")


def _context(args):
    from benchmarks.context import Context

    sizes = generate.SCALES[args.scale]
    data = Path(args.data)
    return Context(smoke=args.smoke, runs=args.runs, warmup=args.warmup,
                   files=generate.Files(data, sizes), work=Path(args.work))


def run_group(name: str, args) -> list[Row]:
    """Run one group in this process (called in the child)."""
    ctx = _context(args)
    if name == "prepare":
        from benchmarks.prepare import prepare

        prepare(ctx)
        return []
    if name == "ingest-xlsx":
        from benchmarks.bench_ingest import measure_xlsx
        return measure_xlsx(ctx)
    if name == "ingest-csv":
        from benchmarks.bench_ingest import measure_csv
        return measure_csv(ctx)
    if name == "memory":
        from benchmarks import bench_memory
        return bench_memory.measure(ctx)
    if name == "status":
        from benchmarks import bench_status
        return bench_status.measure(ctx)
    if name.startswith("pages-"):
        from benchmarks import bench_pages
        return bench_pages.measure(ctx, name.split("-", 1)[1])
    if name == "browser":
        from benchmarks import bench_browser
        return bench_browser.measure(ctx)
    if name == "briefing":
        from benchmarks import bench_briefing
        return bench_briefing.measure(ctx)
    if name == "load":
        from benchmarks import bench_load
        return bench_load.measure(ctx)
    raise SystemExit(f"unknown group {name}")


def _spawn(name: str, args, work: Path) -> tuple[list[Row], str | None]:
    out = work / f"{name}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "benchmarks.run", "--group", name, "--json-out", str(out),
           "--data", str(args.data), "--work", str(work), "--runs", str(args.runs),
           "--warmup", str(args.warmup), "--scale", args.scale]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=args.group_timeout)
    if proc.returncode != 0 or not out.exists():
        return [], f"group {name} failed (exit {proc.returncode}): {(proc.stderr or proc.stdout).strip()[-400:]}"
    return [Row.from_dict(d) for d in json.loads(out.read_text())], None


# ---- output -------------------------------------------------------------------------------------

def _num(x: float | None, unit: str) -> str:
    if x is None:
        return "—"
    if unit == "MB":
        return f"{x:,.1f} MB" if x < 10 else f"{x:,.0f} MB"
    if x < 0.01:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1000:,.0f} ms" if x < 1 else f"{x:,.2f} s"


def _cell(t: dict | None, unit: str) -> str:
    if not t:
        return "—"
    if t["min"] == t["max"]:
        return _num(t["median"], unit)
    return f"{_num(t['median'], unit)} ({_num(t['min'], unit)} – {_num(t['max'], unit)})"


def _subject(row: Row) -> str:
    return ("> " if row.lower_bound else "") + _cell(row.subject, row.unit)


def _ratio(row: Row) -> str:
    if row.ratio is None:
        return "—"
    return f"{'> ' if row.lower_bound else ''}{row.ratio:,.2f}{row.ratio_label}"


def _verdict(row: Row, smoke: bool) -> str:
    if row.meets is None:
        return "not measured"
    if smoke:
        return "(not judged: reduced size)"
    return "**yes**" if row.meets else "**NO**"


def table_markdown(rows: list[Row], smoke: bool) -> str:
    lines = ["| # | what | measured against | measured: median (min – max) | baseline: median (min – max) | ratio | goal | meets |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.key} | {r.what} | {r.against} | {_subject(r)} | "
                     f"{_cell(r.baseline, r.unit)} | {_ratio(r)} | {r.goal} | {_verdict(r, smoke)} |")
    return "\n".join(lines)


def table_text(rows: list[Row], smoke: bool) -> str:
    out = [f"{'#':<22} {'measured':>12} {'baseline':>12} {'ratio':>16} {'goal':>12}  meets"]
    for r in rows:
        s = _num(r.subject["median"], r.unit) if r.subject else "—"
        b = _num(r.baseline["median"], r.unit) if r.baseline else "—"
        verdict = _verdict(r, smoke).replace("*", "")
        out.append(f"{r.key:<22} {s:>12} {b:>12} {_ratio(r):>16} {r.goal:>12}  {verdict}")
        if r.note.startswith("not measured"):
            out.append(f"{'':<22} {r.note}")
    return "\n".join(out)


def report_markdown(rows: list[Row], args, info: dict, started: datetime, seconds: float) -> str:
    judged = [r for r in rows if r.meets is not None]
    met = sum(1 for r in judged if r.meets)
    sizes = generate.SCALES[args.scale]
    command = ".venv/bin/python -m benchmarks.run" + ("" if args.scale == "full" else f" --scale {args.scale}")
    v = info["versions"]
    parts = [
        "# Benchmarks" + (f" ({args.scale.upper()} RUN: reduced sizes, goals not judged)" if args.smoke else ""),
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC at commit `{info['commit']}`, {seconds / 60:.1f} minutes. "
        + (f"**{met} of {len(judged)} measured figures meet their goal**; "
           f"{len(rows) - len(judged)} not measured." if not args.smoke else
           f"A {args.scale} run: it proves every benchmark still runs; goals are judged at full size only."),
        "",
        "## Results",
        "",
        table_markdown(rows, args.smoke),
        "",
    ]
    notes = [f"- **{r.key}**: {r.note}" for r in rows if r.note]
    notes += [f"- **{r.key}**: {r.extra['us_per_row_large']:.1f} µs per row at {sizes.trade:,} rows, "
              f"{r.extra['us_per_row_medium']:.1f} µs at {sizes.trade_medium:,}"
              for r in rows if "us_per_row_large" in r.extra]
    if notes:
        parts += ["Notes:", "", *notes, ""]
    if FINDINGS.exists() and not args.smoke:
        parts += [FINDINGS.read_text(encoding="utf-8").strip(), ""]
    parts += [
        "## Reproduce",
        "",
        "```sh",
        "make bench        # = .venv/bin/python -m benchmarks.run  (full size, writes BENCHMARKS.md)",
        "make bench-smoke  # tiny sizes, no goals: what CI runs through tests/test_bench_smoke.py",
        "```",
        "",
        f"This report: `{command} --runs {args.runs} --warmup {args.warmup}`"
        + (f" (groups: {args.only})" if args.only else "") + ".",
        "",
        "The first run writes the synthetic data to `bench-data/` (git-ignored, about 200 MB; "
        "`python -m benchmarks.generate` alone does just that). Run it on a quiet machine: the "
        "ratios compare contenders timed in the same rounds, but the absolute figures move with load.",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} logical cores; RAM {info['ram_gb']} GB",
        f"- OS: {info['os']}; Python {info['python']}",
        f"- load average at start (1 / 5 / 15 min): {info['load_at_start']}",
        "- versions: " + ", ".join(f"{k} {val}" for k, val in v.items()),
        "",
        "## Method",
        "",
        f"- **Data**: `benchmarks/generate.py`, fixed seed {generate.SEED}, SYNTHETIC (every row has "
        "`synthetic` = true and a source naming the generator): "
        f"{sizes.trade:,} monthly product-level trade rows (US Census in USD and Serbia RZS in EUR, both "
        f"flows, {generate.FIRST_MONTH[0]}-{generate.FIRST_MONTH[1]:02d} to "
        f"{generate.LAST_MONTH[0]}-{generate.LAST_MONTH[1]:02d}) as CSV in the canonical columns; seeded "
        f"{sizes.trade_medium:,}- and {sizes.trade_small:,}-row subsets; the {sizes.trade_medium:,}-row "
        f"subset as an 8-column XLSX ({', '.join(generate.XLSX_COLUMNS)}); {sizes.exercises:,} exercises, "
        f"{sizes.agreements:,} agreements, {sizes.events:,} events. Byte-for-byte reproducible "
        "(`bench-data/MANIFEST.json` holds the checksums).",
        f"- **Timing**: {args.warmup} warm-up run(s), then {args.runs} timed runs; the contenders of a row "
        "run in interleaved rounds (A, B, A, B, ...) in the same process so they share the same "
        "machine noise; median reported with min and max; ratios are ratios of medians. Each "
        "group of rows runs in its own fresh Python process.",
        "- **Ingest (1-3)**: `dialogue.ingest.ingest(con, bytes, name, analyst, dataset=\"trade\")` into a "
        "fresh empty database file each run (the file is read inside the timing; creating the empty "
        "database is not). The warm-up checks every row was added. fastexcel: "
        "`read_excel(path).load_sheet(0).to_arrow()`; pandas: `read_excel(path, engine=\"openpyxl\")`; "
        "DuckDB: `create table t as select * from read_csv(path)` then `checkpoint`, into a fresh "
        "database file. Per-row cost (3) = (time / rows) at the large size ÷ the same at the medium size.",
        "- **Statuses (4)**: `dialogue.status.compute_all(con, as_of)` on databases built through "
        f"ingest: {sizes.trade:,} vs {sizes.trade_small:,} trade rows, both with the same exercises, "
        "agreements and events; read-only connection, warm.",
        "- **Pages (5)**: `streamlit.testing.v1.AppTest` on `app.py`: one run of the router (sidebar, "
        "actor, `st.navigation`), `switch_page` to each page `app.py` routes to, one run to warm up "
        "(caches filled), then timed `at.run()`s. In Streamlit 1.67 these runs execute the page script "
        "with the session state the router left, so the router's own cost is not in the figure. The "
        "baseline is a one-line page (`st.write(\"hello\")`) timed in the same process, interleaved. "
        "Local mode (no users file) so every page is visible. Except in the smoke run each page runs in its own "
        "fresh process with a time limit (a stopped page's row is a lower bound); a page whose first "
        "run takes over 20 s is timed once more instead of five times.",
        "- **Memory (6)**: a fresh process imports everything and opens an empty database; its RSS then "
        "is the baseline. It ingests the CSV while a thread samples RSS every 5 ms; peak = max(sampled, "
        "`getrusage` max RSS); the figure is peak − baseline, divided by the CSV's size on disk.",
        "- **Browser (B, issue 18)**: `benchmarks/bench_browser.py`: Playwright drives Debian's Chromium "
        "(headless, 1366×768) against `streamlit run app.py` and a trivial two-page app (`st.write(\"hello\")`) "
        "served the same way. Every action waits from its pointerdown (or Enter's keydown) until the page holds "
        "still: the server's `script_finished` received, no running indicator, every laid-out chart drawn (below "
        "the fold too; closed tabs and folded expanders are not laid out, so not waited for), the DOM unchanged "
        "for 300 ms (not counted). The row's figure is **usable**: until the later of the server's last message "
        "and the last DOM change whose element (a MutationRecord's target), once the page holds still, intersects "
        "the first 1366×768 viewport; a chart counts when its own container is in view (its canvas or svg "
        "appearing is then such a change); changes inside a canvas (its fallback content: the data grid's "
        "accessibility table, never painted) do not count. The note gives the **whole page** from the same wait: "
        "until the last DOM change anywhere, against the trivial click's. The trivial app is timed by both "
        "definitions. BC rows use the whole page. Pages are reached by their sidebar link "
        "from the page before; the switches happen on the Overview and go there and back (both timed). A trivial "
        "switch is timed right before every action; ratios are medians after a warm-up round, so every figure "
        "is warm (a server's first visit is in BC). BC: process start to the first page holding still, a fresh "
        "workspace folder (`DIALOGUE_WORKSPACE_DIR`) per start; 3 starts each, interleaved.",
        "- **Briefing (7)**: the whole command `python -m dialogue --db demo.duckdb brief --as-of "
        "... --kind briefing --out DIR` (start-up and imports included) on a database made by "
        "`workspace.init_database(path, \"demo\")`; the output must hold a .pdf and a .xlsx. 7P: the same pack "
        "from the Briefings page, in a child process: an AppTest of `pages/briefings.py` on that database, as of "
        "the same date, clicking Generate until both downloads are offered; the first click (the process's chart "
        "worker starting) is the warm-up and its time is in the note; the ratio is against row 7's median.",
        "- **Load (L, issue 18)**: `benchmarks/bench_load.py`: `streamlit run app.py` on a fresh demo workspace; "
        "the viewers are signed-in sessions that speak Streamlit's websocket protocol (`benchmarks/st_client.py`: "
        "a page view is the `rerun_script` message a sidebar click sends until the server's `script_finished`), "
        "so the browsers' drawing, which happens on each reader's machine, does not compete with the server for "
        "this machine's two cores (rows B measure it); the analyst is a Chromium tab uploading an exercise every "
        "10 s. One session alone: a warm-up round and 3 timed rounds of every page, medians = baselines. Then 10 "
        "and 20 sessions click pages at random (seeded), 1-3 s apart, for 60 s and 120 s; ratio = p95 of (view / "
        "its page alone). Every Overview seen is checked against the database at the upload its sidebar names.",
        "",
    ]
    return "\n".join(parts)


STATE = "report-state.json"


def _write(out: Path, rows: list[Row], args, info: dict, started: datetime, seconds: float,
           failures: list[str], pending: tuple[str, ...]) -> None:
    state = {"rows": [r.to_dict() for r in rows], "info": info, "started": started.isoformat(),
             "seconds": seconds, "failures": failures, "pending": list(pending),
             "args": {"runs": args.runs, "warmup": args.warmup, "only": args.only, "note": args.note}}
    (Path(args.data) / "work" / STATE).write_text(json.dumps(state, indent=1), encoding="utf-8")
    text = report_markdown(rows, args, info, started, seconds)
    if args.note:
        text = text.replace("\n## Results", f"\n{args.note}\n\n## Results", 1)
    if pending:
        text = text.replace("## Results", "## Results\n\n**Run in progress: groups still to run: "
                            + ", ".join(pending) + ".**", 1)
    if failures:
        text += "\n## Groups that failed\n\n" + "\n".join(f"- {f}" for f in failures) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="tiny sizes, 1 run, no goals judged (CI); = --scale smoke")
    p.add_argument("--scale", choices=generate.SCALES, default="full",
                   help="data sizes: full (the issue's), medium (1/10, for development) or smoke")
    p.add_argument("--out", type=Path, help="report file (default BENCHMARKS.md; smoke: bench-data/smoke/BENCHMARKS.md)")
    p.add_argument("--runs", type=int, help="timed runs per contender (default 5; smoke 1)")
    p.add_argument("--warmup", type=int, help="untimed runs first (default 1; smoke 0: its figures are not judged, "
                   "and each result is still checked once)")
    p.add_argument("--data", help="data directory (default bench-data/ or bench-data/smoke/)")
    p.add_argument("--only", help="comma-separated groups to run: " + ", ".join(GROUPS))
    p.add_argument("--group-timeout", type=int, default=3600)
    p.add_argument("--note", help="a paragraph to print under the report's title")
    p.add_argument("--render-only", action="store_true",
                   help="rewrite the report from the last run's saved figures (e.g. after editing findings.md)")
    p.add_argument("--group", help=argparse.SUPPRESS)
    p.add_argument("--work", help=argparse.SUPPRESS)
    p.add_argument("--json-out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.smoke:
        args.scale = "smoke"
    args.smoke = args.scale != "full"          # goals are judged at full size only
    args.runs = args.runs or (1 if args.scale == "smoke" else 5)
    if args.warmup is None:
        args.warmup = 0 if args.scale == "smoke" else 1
    default_data = generate.DATA_DIR if args.scale == "full" else generate.DATA_DIR / args.scale
    args.data = str((Path(args.data) if args.data else default_data).resolve())

    if args.group:
        rows = run_group(args.group, args)
        Path(args.json_out).write_text(json.dumps([r.to_dict() for r in rows], indent=1), encoding="utf-8")
        return 0

    out = args.out or (Path(args.data) / "BENCHMARKS.md" if args.smoke else ROOT / "BENCHMARKS.md")
    if args.render_only:
        state = json.loads((Path(args.data) / "work" / STATE).read_text(encoding="utf-8"))
        for key in ("runs", "warmup", "only"):
            setattr(args, key, state["args"][key])
        args.note = args.note or state["args"]["note"]
        _write(out, [Row.from_dict(r) for r in state["rows"]], args, state["info"],
               datetime.fromisoformat(state["started"]), state["seconds"], state["failures"],
               tuple(state["pending"]))
        print(f"written {out}")
        return 0
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    info = machine()
    print(f"generating data in {args.data} ...", file=sys.stderr, flush=True)
    generate.generate(Path(args.data), generate.SCALES[args.scale])
    work = Path(args.data) / "work"
    work.mkdir(parents=True, exist_ok=True)
    groups = GROUPS if not args.only else tuple(g for g in GROUPS if g in args.only.split(","))
    if args.only and "prepare" not in groups and not (work / "prepared.json").exists():
        groups = ("prepare", *groups)
    rows: list[Row] = []
    failures: list[str] = []
    for name in groups:
        g0 = time.perf_counter()
        print(f"[{name}] ...", file=sys.stderr, flush=True)
        got, failure = _spawn(name, args, work)
        if failure:
            failures.append(failure)
            print(failure, file=sys.stderr, flush=True)
        for r in got:
            print(f"  {r.key}: {_ratio(r)} {r.note}", file=sys.stderr, flush=True)
        print(f"[{name}] {time.perf_counter() - g0:.1f} s", file=sys.stderr, flush=True)
        rows += got
        # written after every group, so a run cut short still leaves its figures
        _write(out, rows, args, info, started, time.perf_counter() - t0, failures,
               pending=groups[groups.index(name) + 1:])
    print(table_text(rows, args.smoke))
    print(f"\nwritten {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
