"""The databases the read-side benchmarks run on: large and small synthetic scale, and the demo workspace."""
from __future__ import annotations

import json
from pathlib import Path

from benchmarks.context import ACTOR, Context, ingest_file, missing

PREPARED = "prepared.json"


def _frame(path: Path, dataset: str):
    """A canonical, typed frame straight from a generated CSV (the fallback when ingest is missing)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from dialogue.datasets import DATASETS

    arrow = {"text": pa.string(), "enum": pa.string(), "int": pa.int64(), "number": pa.float64(),
             "date": pa.date32(), "bool": pa.bool_()}
    types = {c.name: arrow[c.type] for c in DATASETS[dataset].columns}
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types))
    import pandas as pd

    dtypes = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
              pa.bool_(): pd.BooleanDtype()}
    frame = table.to_pandas(types_mapper=dtypes.get)
    for c in DATASETS[dataset].columns:
        if c.type == "date":
            frame[c.name] = frame[c.name].astype("datetime64[s]")
    return frame


def _load(con, path: Path, dataset: str, how: str) -> None:
    if how == "ingest":
        ingest_file(con, path, dataset)
    else:
        from dialogue.store import commit_frame

        commit_frame(con, dataset, _frame(path, dataset), ACTOR, file=path.name)


def _scale_db(ctx: Context, name: str, trade_csv: Path, how: str) -> Path:
    from dialogue import db

    path = ctx.fresh_db(name)
    con = db.connect(path)
    try:
        _load(con, trade_csv, "trade", how)
        _load(con, ctx.files.exercises_csv, "exercises", how)
        _load(con, ctx.files.agreements_csv, "agreements", how)
        _load(con, ctx.files.events_csv, "events", how)
        for dataset in ("working_groups", "actions", "commitments"):       # the delivery set (issue 14)
            _load(con, getattr(ctx.files, f"{dataset}_csv"), dataset, how)
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
    # Built through ingest, as an analyst would; through store.commit_frame while the readers are missing.
    how = "ingest" if not missing("dialogue.ingest", "dialogue.reading") else "commit_frame"
    store = ("dialogue.store",)
    jobs = {
        "large": (store, lambda: _scale_db(ctx, "scale-large.duckdb", ctx.files.trade_csv, how)),
        "small": (store, lambda: _scale_db(ctx, "scale-small.duckdb", ctx.files.trade_small_csv, how)),
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
    out["built_with"] = how
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
