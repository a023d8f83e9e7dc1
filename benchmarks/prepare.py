"""The databases the read-side benchmarks run on: large and small synthetic scale, and the demo workspace."""
from __future__ import annotations

import json
from pathlib import Path

from benchmarks.context import Context, ingest_file, missing

PREPARED = "prepared.json"


def _scale_db(ctx: Context, name: str, trade_csv: Path) -> Path:
    from dialogue import db

    path = ctx.fresh_db(name)
    con = db.connect(path)
    try:
        ingest_file(con, trade_csv, "trade")
        ingest_file(con, ctx.files.exercises_csv, "exercises")
        ingest_file(con, ctx.files.agreements_csv, "agreements")
        ingest_file(con, ctx.files.events_csv, "events")
    finally:
        con.close()
    return path


def _demo_db(ctx: Context) -> Path:
    from dialogue import workspace

    path = ctx.fresh_db("demo.duckdb")
    workspace.init_database(path, workspace="demo")
    return path


def prepare(ctx: Context) -> dict[str, str]:
    """Build each database; the value is its path, or "error: ..." saying why it could not be built."""
    out: dict[str, str] = {}
    jobs = {
        "large": (("dialogue.ingest",), lambda: _scale_db(ctx, "scale-large.duckdb", ctx.files.trade_csv)),
        "small": (("dialogue.ingest",), lambda: _scale_db(ctx, "scale-small.duckdb", ctx.files.trade_small_csv)),
        "demo": (("dialogue.workspace", "dialogue.demo"), lambda: _demo_db(ctx)),
    }
    for name, (modules, build) in jobs.items():
        why = missing(*modules)
        if why:
            out[name] = f"error: {why}"
            continue
        try:
            out[name] = str(build())
        except Exception as exc:  # noqa: BLE001 - the rows that need it say why
            out[name] = f"error: building the {name} database failed: {type(exc).__name__}: {exc}"[:400]
    (ctx.work / PREPARED).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


def prepared(ctx: Context) -> dict[str, str]:
    path = ctx.work / PREPARED
    return json.loads(path.read_text()) if path.exists() else {}


def database(ctx: Context, name: str) -> tuple[Path | None, str | None]:
    """(path, None) when the database was built, else (None, why not)."""
    value = prepared(ctx).get(name, "error: not prepared")
    if value.startswith("error: "):
        return None, value[len("error: "):]
    return Path(value), None
