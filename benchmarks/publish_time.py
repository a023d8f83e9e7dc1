"""docs/scaling.md's publish time: how long the one writer takes to hand a read-only reader a fresh copy.

The plan past one process (docs/scaling.md): after every commit the writer takes a `backup` through its
live connection, `restore`s it into a new file beside the reader's copy, renames it over that copy, and the
reader opens it read-only. This measures those steps on a copy of the given database (the original is
never touched), wall and CPU, as `python -m benchmarks.publish_time DB [--runs N]`; it prints one JSON
object. No goal is set for it: it tells how stale a reader's copy is after a commit.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _copy(source: Path, target: Path) -> None:
    """A database file with its write-ahead log, if it has one (what is not yet checkpointed lives there)."""
    shutil.copy(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))


def publish_once(source: Path, work: Path) -> dict:
    """One publish of `source` (a copy of it, so its audit rows stay out of the original): seconds per step."""
    from dialogue import backup, db
    from dialogue.roles import Actor

    writer_file, snapshot, fresh, reader_file = (work / "writer.duckdb", work / "snapshot", work / "fresh.duckdb",
                                                 work / "reader.duckdb")
    _copy(source, writer_file)
    if not reader_file.exists():
        _copy(source, reader_file)
    actor = Actor("publisher", "admin")
    writer = db.connect(writer_file)
    steps, cpu0 = {}, time.process_time()
    try:
        began = time.perf_counter()
        backup.backup(writer, snapshot, actor)
        steps["backup"] = time.perf_counter() - began
    finally:
        writer.close()
    began = time.perf_counter()
    backup.restore(snapshot, fresh, actor)
    steps["restore"] = time.perf_counter() - began
    began = time.perf_counter()
    reader_file.with_name(reader_file.name + ".wal").unlink(missing_ok=True)   # the old copy's; a reader writes none
    os.replace(fresh, reader_file)
    reader = db.connect(reader_file, read_only=True)
    try:
        steps["rows_seen"] = sum(db.fingerprint(reader)[t][0] for t in db.ALL_TABLES)
    finally:
        reader.close()
    steps["rename_and_open"] = time.perf_counter() - began
    steps["total"] = steps["backup"] + steps["restore"] + steps["rename_and_open"]
    steps["cpu"] = time.process_time() - cpu0
    steps["snapshot_mb"] = sum(f.stat().st_size for f in snapshot.iterdir()) / 2**20
    shutil.rmtree(snapshot)
    return steps


def measure(source: Path, runs: int) -> dict:
    """`runs` publishes of `source` (after one untimed, which pays the imports): the median and range per step."""
    with tempfile.TemporaryDirectory(prefix="publish-") as tmp:
        work = Path(tmp)
        publish_once(source, work)
        results = [publish_once(source, work) for _ in range(runs)]
    out = {"database": str(source), "database_mb": source.stat().st_size / 2**20, "runs": runs,
           "load_average": os.getloadavg()[0], "rows": results[0]["rows_seen"]}
    for step in ("backup", "restore", "rename_and_open", "total", "cpu", "snapshot_mb"):
        values = [r[step] for r in results]
        out[step] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.publish_time", description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="the database to publish (copied first, never changed)")
    parser.add_argument("--runs", type=int, default=3, help="timed publishes after one untimed (default 3)")
    args = parser.parse_args(argv)
    if not args.database.is_file():
        print(f"no database file at {args.database}", file=sys.stderr)
        return 2
    print(json.dumps(measure(args.database, max(1, args.runs)), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
