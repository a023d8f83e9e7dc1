"""Rows 1-3: ingest end to end (read, validate, commit) against the readers and DuckDB alone."""
from __future__ import annotations

from benchmarks.context import Context, expect_added, ingest_file, missing
from benchmarks.measure import Contender, compare
from benchmarks.rows import Row, not_measured


def _rows(ctx: Context) -> dict[str, Row]:
    s = ctx.files.sizes
    return {
        "1a": Row("1a", f"ingest a {s.trade_medium:,}-row, 8-column trade XLSX end to end (read, validate, commit)",
                  "fastexcel reading the same file to Arrow, alone", "≤ 2.0×", "max", 2.0),
        "1b": Row("1b", f"same ingest of the {s.trade_medium:,}-row XLSX",
                  'pandas.read_excel(engine="openpyxl") of the same file (read only)', "≥ 8× faster", "min", 8.0,
                  ratio_label="× faster"),
        "2": Row("2", f"ingest a {s.trade:,}-row trade CSV end to end",
                 "DuckDB's own read_csv of the same file into a table (file database, checkpointed)", "≤ 3.0×", "max", 3.0),
        "3": Row("3", f"per-row ingest cost at {s.trade:,} rows (CSV)",
                 f"per-row cost at {s.trade_medium:,} rows (CSV)", "≤ 1.3×", "max", 1.3),
    }


def _ingest_contender(ctx: Context, path, n: int) -> Contender:
    from dialogue import db

    def setup():
        return db.connect(ctx.fresh_db("ingest.duckdb"))

    return Contender(run=lambda con: ingest_file(con, path, "trade"), setup=setup,
                     teardown=lambda con: con.close(), check=expect_added(n))


def _duckdb_contender(ctx: Context, path) -> Contender:
    import duckdb

    def setup():
        return duckdb.connect(str(ctx.fresh_db("baseline.duckdb")))

    def run(con):
        con.execute("create table t as select * from read_csv($path)", {"path": str(path)})
        con.execute("checkpoint")
        return con.execute("select count(*) from t").fetchone()[0]

    def check(count):
        if count != ctx.files.sizes.trade:
            raise RuntimeError(f"DuckDB read {count} rows")

    return Contender(run=run, setup=setup, teardown=lambda con: con.close(), check=check)


def measure_xlsx(ctx: Context) -> list[Row]:
    rows = _rows(ctx)
    r1a, r1b = rows["1a"], rows["1b"]
    why = missing("dialogue.ingest", "dialogue.reading")
    if why:
        return [not_measured(r1a, why), not_measured(r1b, why)]
    import fastexcel
    import pandas as pd

    path, n = ctx.files.trade_xlsx, ctx.files.sizes.trade_medium
    try:
        t = compare({
            "ingest": _ingest_contender(ctx, path, n),
            "fastexcel": Contender(run=lambda _: fastexcel.read_excel(path).load_sheet(0).to_arrow(),
                                   check=lambda table: _expect(table.num_rows, n, "fastexcel")),
            "pandas": Contender(run=lambda _: pd.read_excel(path, engine="openpyxl"),
                                check=lambda df: _expect(len(df), n, "pandas")),
        }, ctx.runs, ctx.warmup)
    except Exception as exc:  # noqa: BLE001 - reported in the row instead of a number
        why = f"{type(exc).__name__}: {exc}"[:300]
        return [not_measured(r1a, why), not_measured(r1b, why)]
    ingest, fe, pdx = t["ingest"], t["fastexcel"], t["pandas"]
    r1a.subject, r1a.baseline, r1a.ratio = ingest.to_dict(), fe.to_dict(), ingest.median / fe.median
    r1b.subject, r1b.baseline, r1b.ratio = ingest.to_dict(), pdx.to_dict(), pdx.median / ingest.median
    return [r1a, r1b]


def measure_csv(ctx: Context) -> list[Row]:
    rows = _rows(ctx)
    r2, r3 = rows["2"], rows["3"]
    why = missing("dialogue.ingest", "dialogue.reading")
    if why:
        return [not_measured(r2, why), not_measured(r3, why)]
    s = ctx.files.sizes
    try:
        t = compare({
            "large": _ingest_contender(ctx, ctx.files.trade_csv, s.trade),
            "duckdb": _duckdb_contender(ctx, ctx.files.trade_csv),
            "medium": _ingest_contender(ctx, ctx.files.trade_medium_csv, s.trade_medium),
        }, ctx.runs, ctx.warmup)
    except Exception as exc:  # noqa: BLE001
        why = f"{type(exc).__name__}: {exc}"[:300]
        return [not_measured(r2, why), not_measured(r3, why)]
    large, duck, medium = t["large"], t["duckdb"], t["medium"]
    r2.subject, r2.baseline, r2.ratio = large.to_dict(), duck.to_dict(), large.median / duck.median
    r3.subject, r3.baseline = large.to_dict(), medium.to_dict()
    r3.ratio = (large.median / s.trade) / (medium.median / s.trade_medium)
    r3.extra = {"us_per_row_large": large.median / s.trade * 1e6,
                "us_per_row_medium": medium.median / s.trade_medium * 1e6}
    return [r2, r3]


def _expect(got: int, want: int, who: str) -> None:
    if got != want:
        raise RuntimeError(f"{who} read {got} rows, expected {want}")
