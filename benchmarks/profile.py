"""Where an ingest's time and memory go: stage timings, RSS after each stage, and the top functions.

    python -m benchmarks.profile FILE [--dataset trade] [--top 25]

Stages: read_upload (open, recognise, parse, validate) then store.apply (stage, diff, commit).
Used to write benchmarks/findings.md; not part of the timed run.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import threading
import time
from pathlib import Path

MB = 2**20


class PeakRSS:
    """Samples the process's RSS every 5 ms; `lap()` returns the peak since the previous lap."""

    def __init__(self, proc):
        self.proc, self.peak, self._stop = proc, proc.memory_info().rss, threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(0.005)

    def lap(self) -> int:
        peak, self.peak = self.peak, self.proc.memory_info().rss
        return peak

    def stop(self):
        self._stop.set()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    p.add_argument("file", type=Path)
    p.add_argument("--dataset", default="trade")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)

    import psutil

    from benchmarks.context import ACTOR
    from dialogue import db, store
    from dialogue.reading import read_upload

    proc = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "profile.duckdb")
        rss0 = proc.memory_info().rss
        sampler = PeakRSS(proc)
        data = args.file.read_bytes()
        prof = cProfile.Profile()
        prof.enable()
        t0 = time.perf_counter()
        parsed = read_upload(data, args.file.name, dataset=args.dataset)
        t1 = time.perf_counter()
        rss1, peak1 = proc.memory_info().rss, sampler.lap()
        if parsed.errors:
            print("rejected:", [e.as_dict() for e in parsed.errors[:3]])
            return 1
        store.apply(con, parsed.dataset, parsed.frame, ACTOR, file=parsed.file, layout=parsed.layout,
                    sha256=parsed.sha256)
        t2 = time.perf_counter()
        prof.disable()
        rss2, peak2 = proc.memory_info().rss, sampler.lap()
        sampler.stop()
        frame_mb = parsed.frame.memory_usage(deep=True).sum() / MB
        con.close()
    print(f"{args.file.name}: {len(data) / MB:,.1f} MB, {len(parsed.frame):,} rows")
    print(f"read_upload  {t1 - t0:7.2f} s   RSS after +{(rss1 - rss0) / MB:,.0f} MB, peak +{(peak1 - rss0) / MB:,.0f} MB"
          f" (the frame holds {frame_mb:,.0f} MB)")
    print(f"store.apply  {t2 - t1:7.2f} s   RSS after +{(rss2 - rss0) / MB:,.0f} MB, peak +{(peak2 - rss0) / MB:,.0f} MB")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
    pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
