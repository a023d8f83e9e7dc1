"""Row 6: peak memory while ingesting the large trade CSV, in a fresh process, against the file's size.

The child process imports everything and opens an empty database first; its resident size then is
the baseline. Peak = the larger of getrusage's max RSS and a 5 ms psutil sampler; the figure is
peak minus baseline, so the interpreter and libraries are not charged to the ingest.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.context import Context, missing
from benchmarks.measure import ROOT
from benchmarks.rows import Row, not_measured

MB = 2**20


def _row(ctx: Context) -> Row:
    return Row("6", f"peak memory (RSS) while ingesting the {ctx.files.sizes.trade:,}-row trade CSV",
               "the CSV's size on disk", "≤ 4×", "max", 4.0, unit="MB")


def measure(ctx: Context) -> list[Row]:
    row = _row(ctx)
    why = missing("dialogue.ingest", "dialogue.reading")
    if why:
        return [not_measured(row, why)]
    path = ctx.files.trade_csv
    runs = max(1, min(ctx.runs, 3))
    results = []
    for i in range(runs):
        db_path = ctx.fresh_db("memory.duckdb")
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_memory", str(db_path), str(path)],
            cwd=ROOT, capture_output=True, text=True, timeout=1800,
        )
        if proc.returncode != 0:
            last = ((proc.stderr or proc.stdout).strip().splitlines() or ["no output"])[-1]
            return [not_measured(row, f"child process failed: {last[-300:]}")]
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    extra = [r["peak"] - r["baseline"] for r in results]
    size = path.stat().st_size
    row.subject = {"median": statistics.median(extra) / MB, "min": min(extra) / MB,
                   "max": max(extra) / MB, "runs": [e / MB for e in extra]}
    row.baseline = {"median": size / MB, "min": size / MB, "max": size / MB, "runs": [size / MB]}
    row.ratio = statistics.median(extra) / size
    row.note = (f"{runs} fresh process(es); baseline RSS after imports and connect "
                f"{statistics.median(r['baseline'] for r in results) / MB:,.0f} MB; "
                f"ingest took {statistics.median(r['seconds'] for r in results):.1f} s there")
    return [row]


def _child(db_path: str, csv_path: str) -> None:
    import resource

    import psutil

    from benchmarks.context import ingest_file
    from dialogue import db

    con = db.connect(db_path)
    proc = psutil.Process()
    baseline = proc.memory_info().rss
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    ingest_file(con, Path(csv_path), "trade")
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # KiB on Linux
    con.close()
    print(json.dumps({"baseline": baseline, "peak": max(peak[0], maxrss), "sampled": peak[0],
                      "maxrss": maxrss, "seconds": seconds}))


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
