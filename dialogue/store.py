"""Versioned dataset rows: diff an upload against what is stored, commit it as one verified transaction, undo it.

Every change is a new upload id. A stored version is never deleted or edited; a newer upload only
closes it (sets valid_to), so the data as known at any past moment stays queryable. All diffing is
set-based in DuckDB: the upload stays in Arrow; only its keys and statuses are staged, by one join.
SQL here is built from the schema's own column names (datasets.py); values are always bound.
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa

from dialogue import audit, db, roles
from dialogue.datasets import DATASETS, Dataset
from dialogue.messages import said
from dialogue.roles import Actor

MODES = ("merge", "replace")
PREVIEW_LIMIT = 200
SQL_TYPES = {"text": "varchar", "enum": "varchar", "int": "integer", "number": "double",
             "date": "date", "bool": "boolean"}
# Replacing trade replaces only the figures of the reporters in the upload.
REPLACE_SCOPE = {"trade": "reporter"}


class StoreError(RuntimeError):
    """A write that could not be completed; the database is as it was before it."""


class DuplicateKeys(StoreError):
    """The upload holds the same natural key more than once."""

    def __init__(self, dataset: str, duplicates: list[tuple[str, list[int]]]):
        self.dataset = dataset
        self.duplicates = duplicates      # (key as text, frame positions holding it)
        key = ", ".join(DATASETS[dataset].key)
        super().__init__(said("store_duplicate_keys", count=len(duplicates), dataset=dataset, key=key,
                              keys="; ".join(k for k, _ in duplicates[:5])))


class StalePlan(StoreError):
    """The stored data changed between the preview and the commit."""


@dataclass
class Plan:
    """What an upload would change: counts plus a preview of the changed rows."""

    dataset: str
    mode: str
    scope: dict | None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    added_rows: pd.DataFrame = field(default_factory=pd.DataFrame)      # canonical columns
    updated_cells: pd.DataFrame = field(default_factory=pd.DataFrame)   # key, column, old, new
    removed_rows: pd.DataFrame = field(default_factory=pd.DataFrame)    # canonical columns
    frame: pd.DataFrame | None = field(default=None, repr=False)        # the upload, for commit()
    kept: tuple[str, ...] = ()        # columns the upload lacks: stored rows keep their values

    @property
    def rows(self) -> dict:
        return {"added": self.added, "updated": self.updated,
                "unchanged": self.unchanged, "removed": self.removed}

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def truncated(self) -> bool:
        """True when the preview lists fewer rows than change."""
        return (len(self.added_rows) < self.added or len(self.removed_rows) < self.removed
                or self.updated_cells.get("key", pd.Series(dtype=str)).nunique() < self.updated)

    def to_json(self) -> dict:
        def records(df: pd.DataFrame) -> list[dict]:
            return json.loads(df.to_json(orient="records", date_format="iso")) if len(df) else []

        return {"dataset": self.dataset, "mode": self.mode, "rows": self.rows,
                "added": records(self.added_rows), "updated": records(self.updated_cells),
                "removed": records(self.removed_rows), "truncated": self.truncated}


# ---------------------------------------------------------------- SQL fragments from the schema

def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cols(ds: Dataset, prefix: str = "") -> str:
    return ", ".join(prefix + _q(c) for c in ds.column_names)


def _default(c) -> str:
    """The SQL literal a column takes when a row leaves it empty: its declared default, else null."""
    if c.default is None:
        return f"cast(null as {SQL_TYPES[c.type]})"
    if isinstance(c.default, bool):
        return "true" if c.default else "false"
    return "'" + str(c.default).replace("'", "''") + "'"


def _typed(ds: Dataset) -> str:
    """Select list casting each incoming column to its stored type, defaults filled, '' as null."""
    parts = []
    for c in ds.columns:
        expr = f"cast({_q(c.name)} as {SQL_TYPES[c.type]})"
        if c.type in ("text", "enum"):
            expr = f"nullif({expr}, '')"
        if c.default is not None:
            expr = f"coalesce({expr}, {_default(c)})"
        parts.append(f"{expr} as {_q(c.name)}")
    return ", ".join(parts)


def _json_list(names, prefix: str = "") -> str:
    return "to_json(list_value(" + ", ".join(f"cast({prefix}{_q(n)} as varchar)" for n in names) + "))"


def _row_key(ds: Dataset, prefix: str = "") -> str:
    """The stored row key: the md5 of the key as a JSON list, kept as a 16-byte uuid (not 32 hex characters)."""
    return f"cast(md5_number({_json_list(ds.key, prefix)}) as uuid)"


def _key_text(ds: Dataset, prefix: str = "") -> str:
    """The natural key as people read it, e.g. 'US Census · 2024 · — · us_to_serbia · USD · —'."""
    return "concat_ws(' · ', " + ", ".join(
        f"coalesce(cast({prefix}{_q(k)} as varchar), '—')" for k in ds.key) + ")"


def _differs(ds: Dataset, a: str, b: str, skip: tuple[str, ...] = ()) -> str:
    return "(" + " or ".join(f"{a}.{_q(c)} is distinct from {b}.{_q(c)}"
                             for c in ds.column_names if c not in skip) + ")"


def _kept(ds: Dataset, keep) -> tuple[str, ...]:
    """The columns whose stored values an upload keeps: those it lacks, never a key column."""
    unknown = [c for c in keep or () if c not in ds.column_names]
    if unknown:
        raise StoreError(said("store_keep_unknown", dataset=ds.name, columns=", ".join(unknown)))
    return tuple(c for c in ds.column_names if c in (keep or ()) and c not in ds.key)


def _dataset(name: str) -> Dataset:
    if name not in DATASETS:
        raise StoreError(said("store_dataset_unknown", name=name, names=", ".join(DATASETS)))
    return DATASETS[name]


# ---------------------------------------------------------------- staging and diffing

def _arrow(ds: Dataset, frame: pd.DataFrame) -> pa.Table:
    """The frame's canonical columns as Arrow (missing ones null) plus its row positions."""
    n = len(frame)
    arrays, names = [], []
    for c in ds.column_names:
        if c in frame.columns:
            col = frame[c]
            if col.dtype == object:
                col = col.astype("string")
            arrays.append(pa.Array.from_pandas(col.reset_index(drop=True)))
        else:
            arrays.append(pa.nulls(n, pa.string()))
        names.append(c)
    arrays.append(pa.array(np.arange(n, dtype=np.int64)))
    names.append("_pos")
    table = pa.Table.from_arrays(arrays, names=names)
    # DuckDB scans Arrow one record batch per task: slices (no copy) let every core take a share.
    return pa.Table.from_batches(table.to_batches(max_chunksize=_batch_rows(n)), schema=table.schema)


def _batch_rows(n: int) -> int:
    """Rows per Arrow batch: about four batches per DuckDB thread, within DuckDB's row-group size."""
    return max(8_192, min(122_880, -(-n // (4 * (os.cpu_count() or 1)))))


def _rows_of(stage: str) -> str:
    """The view of a stage's typed rows with their key and status (the upload itself stays in Arrow)."""
    return f"{stage}_rows"


def _incoming_of(stage: str) -> str:
    return f"{stage}_incoming"


def _head_of(stage: str) -> str:
    """The upload's first rows (a zero-copy slice): the preview of an upload into an empty dataset."""
    return f"{stage}_head"


def _require_current_schema(cur, ds: Dataset) -> None:
    """Refuse, with the fix, to write into a database made before row_key became a 16-byte uuid."""
    rows = cur.execute(
        "select data_type from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and table_name = $t and column_name = 'row_key'", {"t": ds.name}
    ).fetchall()
    if rows and rows[0][0] != "UUID":
        raise StoreError(said("store_old_schema"))


def _stage(cur, ds: Dataset, frame: pd.DataFrame, mode: str, keep: tuple[str, ...] = ()) -> tuple[str, Plan]:
    """Stage the upload (outside any transaction) and compute its plan.

    Only each row's position, key and status are materialised (a temp table), plus, for the
    `keep` columns the upload lacks, the stored value of each matching row; the typed columns
    are read from the registered Arrow table through a view, so the upload is never copied whole.
    """
    if mode not in MODES:
        raise StoreError(said("store_mode_unknown", mode=mode))
    _require_current_schema(cur, ds)
    stage = f"stage_{uuid.uuid4().hex}"
    view, rows = _incoming_of(stage), _rows_of(stage)
    table = _arrow(ds, frame)
    cur.register(view, table)
    try:
        fresh = not cur.execute(
            f"select exists (select 1 from {ds.name} where valid_to is null)").fetchone()[0]  # noqa: S608 - identifiers from datasets.py
        if fresh:
            # Nothing stored yet: every row is added. The 128-bit row key is made once, at the
            # insert; here a 64-bit hash of the typed key columns serves the duplicate check. The
            # stage is a view over the upload (nothing to join against, so nothing to materialise).
            cur.execute(
                f"create temp view {stage} as "  # noqa: S608 - identifiers from datasets.py, generated temp names
                f"with typed as (select {_typed(ds)}, _pos from {view}) "
                f"select _pos, cast(null as uuid) as row_key, 'added' as _status, "
                f"hash({', '.join(_q(k) for k in ds.key)}) as key_hash from typed"
            )
            key = f"{_row_key(ds, 't.')}"
            cur.register(_head_of(stage), table.slice(0, PREVIEW_LIMIT))   # the preview: every row is added
        else:
            kept_values = "".join(f", case when c.row_key is null then k.{_q(n)} else c.{_q(n)} end as {_q(n)}"
                                  for n in keep)
            cur.execute(
                f"create temp table {stage} as "  # noqa: S608 - identifiers from datasets.py, generated temp names
                f"with typed as (select {_typed(ds)}, _pos from {view}), "
                f"keyed as (select *, {_row_key(ds)} as row_key from typed) "
                f"select k._pos, k.row_key, case when c.row_key is null then 'added' "
                f"when {_differs(ds, 'k', 'c', skip=keep)} then 'updated' else 'unchanged' end as _status, "
                f"hash(k.row_key) as key_hash{kept_values} "
                f"from keyed k left join (select * from {ds.name} where valid_to is null) c on c.row_key = k.row_key"
            )
            key = "s.row_key"
        replaced = (" replace (" + ", ".join(f"s.{_q(n)} as {_q(n)}" for n in keep) + ")") if keep and not fresh else ""
        cur.execute(
            f"create temp view {rows} as select t.*{replaced}, {key} as row_key, s._status "  # noqa: S608 - identifiers from datasets.py, generated temp names
            f"from (select {_typed(ds)}, _pos from {view}) t join {stage} s on s._pos = t._pos"
        )
        # Distinct 64-bit hashes prove distinct keys; only a repeated hash needs the exact (slower) look.
        repeated = cur.execute(
            f"select count(*) from (select key_hash from {stage} group by key_hash having count(*) > 1)"  # noqa: S608 - identifiers from datasets.py, generated temp names
        ).fetchone()[0]
        dups = cur.execute(
            f"select any_value({_key_text(ds)}), list(_pos order by _pos) from {rows} "  # noqa: S608 - identifiers from datasets.py, generated temp names
            "group by row_key having count(*) > 1 order by min(_pos) limit 100"
        ).fetchall() if repeated else []
        if dups:
            raise DuplicateKeys(ds.name, [(k, list(p)) for k, p in dups])
        scope = _scope(cur, ds, stage, mode)
        plan = _plan(cur, ds, stage, mode, scope, fresh=fresh)
        plan.frame = frame
        plan.kept = keep
        return stage, plan
    except Exception:
        _drop(cur, stage)
        raise


def _drop_stage_relation(cur, stage: str) -> None:
    """The stage itself: a temp table, or (into an empty dataset) a view."""
    import duckdb

    try:
        cur.execute(f"drop table if exists {stage}")  # noqa: S608 - generated temp names
    except duckdb.CatalogException:
        cur.execute(f"drop view if exists {stage}")  # noqa: S608 - generated temp names


def _drop(cur, stage: str) -> None:
    """Remove a stage: its view, its table and the registered upload."""
    cur.execute(f"drop view if exists {_rows_of(stage)}")  # noqa: S608 - generated temp names
    _drop_stage_relation(cur, stage)
    for name in (_incoming_of(stage), _head_of(stage)):
        try:
            cur.unregister(name)
        except Exception:  # noqa: BLE001 - already gone
            pass


def _scope(cur, ds: Dataset, stage: str, mode: str) -> dict | None:
    """Which current rows a replace may remove: all, or (trade) those of the upload's reporters.

    Always derived from the upload's own rows, so a rollback's replay derives the same scope again.
    """
    if mode != "replace":
        return None
    column = REPLACE_SCOPE.get(ds.name)
    if column is None:
        return None
    values = [r[0] for r in cur.execute(
        f"select distinct {_q(column)} from {_rows_of(stage)} where {_q(column)} is not null order by 1").fetchall()]  # noqa: S608 - identifiers from datasets.py, generated temp names
    return {column: values}


def _removed_where(ds: Dataset, stage: str, scope: dict | None, alias: str = "c") -> tuple[str, dict]:
    """SQL condition (on current rows) for rows a replace removes, with its bound parameters."""
    cond = f"{alias}.valid_to is null and not exists (select 1 from {stage} s where s.row_key = {alias}.row_key)"  # noqa: S608 - identifiers from datasets.py, generated temp names
    params = {}
    for i, (column, values) in enumerate((scope or {}).items()):
        if column not in ds.column_names:
            raise StoreError(said("store_scope_column", column=column, dataset=ds.name))
        cond += f" and list_contains($scope{i}, cast({alias}.{_q(column)} as varchar))"
        params[f"scope{i}"] = [str(v) for v in values]
    return cond, params


def _plan(cur, ds: Dataset, stage: str, mode: str, scope: dict | None, fresh: bool = False) -> Plan:
    """Counts and previews. Into an empty dataset (`fresh`) every row is added in upload order,
    so the counts and the first rows are known without scanning the upload again."""
    incoming = _incoming_of(stage)
    if fresh:
        added = cur.execute(f"select count(*) from {incoming}").fetchone()[0]  # noqa: S608 - generated temp names
        plan = Plan(ds.name, mode, scope, int(added), 0, 0)
        first_added = "_pos < $limit"
    else:
        added, updated, unchanged = cur.execute(
            f"select count(*) filter (where _status = 'added'), count(*) filter (where _status = 'updated'), "  # noqa: S608 - identifiers from datasets.py, generated temp names
            f"count(*) filter (where _status = 'unchanged') from {stage}"
        ).fetchone()
        plan = Plan(ds.name, mode, scope, int(added), int(updated), int(unchanged))
        first_added = f"_pos in (select _pos from {stage} where _status = 'added' order by _pos limit $limit)"  # noqa: S608 - generated temp names
    plan.added_rows = cur.execute(
        f"select {_typed(ds)} from {_head_of(stage) if fresh else incoming} where {first_added} order by _pos",  # noqa: S608 - identifiers from datasets.py, generated temp names
        {"limit": PREVIEW_LIMIT},
    ).df()
    plan.updated_cells = _updated_cells(cur, ds, stage, none=fresh or not plan.updated)
    order = ", ".join(_q(k) for k in ds.key)
    if mode == "replace":
        cond, params = _removed_where(ds, stage, scope)
        plan.removed = int(cur.execute(f"select count(*) from {ds.name} c where {cond}", params).fetchone()[0])  # noqa: S608 - identifiers from datasets.py, generated temp names
        plan.removed_rows = cur.execute(
            f"select {_cols(ds, 'c.')} from {ds.name} c where {cond} order by {order} limit $limit",  # noqa: S608 - identifiers from datasets.py, generated temp names
            {**params, "limit": PREVIEW_LIMIT},
        ).df()
    else:
        plan.removed_rows = plan.added_rows.iloc[0:0]
    return plan


def _updated_cells(cur, ds: Dataset, stage: str, none: bool = False) -> pd.DataFrame:
    """Key, column, old and new value of each changed cell of the first updated rows (`none`: no row
    is updated, so no join of every column against the stored rows: ~15 ms for a one-row upload)."""
    if none:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in ("key", "column", "old", "new")})
    cells = " union all ".join(
        f"select s._pos, {_key_text(ds, 's.')} as key, '{c}' as \"column\", cast(c.{_q(c)} as varchar) as old, "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"cast(s.{_q(c)} as varchar) as new, {i} as ord "
        f"from first s join {ds.name} c on c.row_key = s.row_key and c.valid_to is null "
        f"where s.{_q(c)} is distinct from c.{_q(c)}"
        for i, c in enumerate(ds.column_names)
    )
    return cur.execute(
        f"with first as materialized (select * from {_rows_of(stage)} where _pos in (select _pos from {stage} "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"where _status = 'updated' order by _pos limit $limit)), cells as ({cells}) "
        f"select key, \"column\", old, new from cells order by _pos, ord",
        {"limit": PREVIEW_LIMIT},
    ).df()


def plan(con, dataset: str, frame: pd.DataFrame, mode: str = "merge", keep=()) -> Plan:
    """What committing `frame` would change, without writing anything (a dry run)."""
    ds = _dataset(dataset)
    cur = con.cursor()
    try:
        stage, result = _stage(cur, ds, frame, mode, _kept(ds, keep))
        _drop(cur, stage)
        return result
    finally:
        cur.close()


# ---------------------------------------------------------------- writing

def _verified(cur, dataset: str, upload_id: int, expect_new: int, expect_closed: int) -> None:
    """After COMMIT: the upload row and exactly the planned row versions must be in the database."""
    uploads, new, closed = cur.execute(
        f"select (select count(*) from uploads where upload_id = $id), "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"(select count(*) from {dataset} where valid_from = $id), "
        f"(select count(*) from {dataset} where valid_to = $id)",
        {"id": upload_id},
    ).fetchone()
    if (uploads, new, closed) != (1, expect_new, expect_closed):
        raise StoreError(said("store_not_as_planned", upload=upload_id, uploads=uploads, new=new,
                              expect_new=expect_new, closed=closed, expect_closed=expect_closed))


def _checkpoint(cur) -> None:
    """Fold the WAL into the database file; skipped (the WAL is durable) if readers block it."""
    try:
        cur.execute("checkpoint")
    except Exception:  # noqa: BLE001 - a busy checkpoint is retried by DuckDB later
        pass


def _storage_message(exc: Exception) -> str:
    text = str(exc)
    low = text.lower()
    if "no space" in low or "disk is full" in low or "out of space" in low or "enospc" in low:
        return said("store_disk_full")
    return said("store_not_saved", detail=text.splitlines()[0] if text else type(exc).__name__)


def _transaction(cur, work, actor: Actor, action: str, detail: dict) -> None:
    """Run `work(cur)` as one explicit transaction; on any error roll back and raise StoreError."""
    try:
        cur.begin()
        work(cur)
        audit.record(cur, actor, action, detail, ok=True)
        cur.commit()
    except Exception as exc:
        try:
            cur.rollback()
        except Exception:  # noqa: BLE001 - the transaction may already be gone
            pass
        _audit_failure(cur, actor, action, detail, exc)
        if isinstance(exc, StoreError):
            raise
        raise StoreError(_storage_message(exc)) from exc


def _audit_failure(cur, actor, action, detail, exc) -> None:
    """Best effort: note a failed write in the audit log (impossible when the disk is full)."""
    try:
        audit.record(cur, actor, action, {**detail, "error": str(exc).splitlines()[0] if str(exc) else ""}, ok=False)
    except Exception:  # noqa: BLE001 - never hide the original error
        pass


def _write(cur, ds: Dataset, stage: str, p: Plan, actor: Actor, *, file: str, sha256: str,
           layout: str, time: datetime | None) -> int:
    """Commit a staged upload (the lock is held): close superseded versions, insert new ones."""
    upload_id = int(cur.execute("select coalesce(max(upload_id), 0) + 1 from uploads").fetchone()[0])
    upload_id = max(upload_id, int(cur.execute("select nextval('upload_id_seq')").fetchone()[0]))
    when = time or db.utcnow()
    cond, params = _removed_where(ds, stage, p.scope, alias=ds.name)

    def work(c):
        if p.updated:
            c.execute(
                f"update {ds.name} set valid_to = $id from {stage} s "
                f"where {ds.name}.row_key = s.row_key and {ds.name}.valid_to is null and s._status = 'updated'",
                {"id": upload_id},
            )
        if p.mode == "replace":
            c.execute(f"update {ds.name} set valid_to = $id where {cond}", {"id": upload_id, **params})
        if p.unchanged or (p.kept and p.updated):   # the staged rows carry the kept values
            source = f"(select * from {_rows_of(stage)} where _status in ('added', 'updated'))"  # noqa: S608 - generated temp names
        else:    # every row goes in: read the upload itself (keys hashed again) instead of joining
            source = (f"(select *, {_row_key(ds)} as row_key from "  # noqa: S608 - identifiers from datasets.py, generated temp names
                      f"(select {_typed(ds)} from {_incoming_of(stage)}))")
        # Stored row order carries no meaning (every read orders by its keys); not keeping the
        # upload's order lets each thread write its own row groups instead of buffering them in
        # order, which takes ~75 MB off the peak of a 1,000,000-row upload. This cursor only.
        c.execute("set preserve_insertion_order = false")
        c.execute(
            f"insert into {ds.name} ({_cols(ds)}, row_key, valid_from, valid_to) "  # noqa: S608 - identifiers from datasets.py, generated temp names
            f"select {_cols(ds)}, row_key, $id, null from {source}",
            {"id": upload_id},
        )
        c.execute("reset preserve_insertion_order")
        c.execute(
            'insert into uploads (upload_id, dataset, file, sha256, "user", time, mode, layout, '
            "added, updated, unchanged, removed) values ($id, $ds, $file, $sha, $user, $time, $mode, "
            "$layout, $a, $u, $n, $r)",
            {"id": upload_id, "ds": ds.name, "file": file, "sha": sha256, "user": actor.user,
             "time": when, "mode": p.mode, "layout": layout, "a": p.added, "u": p.updated,
             "n": p.unchanged, "r": p.removed},
        )
        _record_for_replay(c, stage, p, upload_id)

    detail = {"upload_id": upload_id, "dataset": ds.name, "file": file, "sha256": sha256,
              "mode": p.mode, "rows": p.rows}
    if p.mode == "merge" and not p.unchanged and not p.updated:
        # Nothing to close and every row goes in from the upload itself: free the stage first.
        cur.execute(f"drop view if exists {_rows_of(stage)}")  # noqa: S608 - generated temp names
        _drop_stage_relation(cur, stage)
    _transaction(cur, work, actor, "upload", detail)
    _verified(cur, ds.name, upload_id, p.added + p.updated, p.updated + p.removed)
    _checkpoint(cur)
    return upload_id


def _record_for_replay(c, stage: str, p: Plan, upload_id: int) -> None:
    """What a later rollback's replay needs beyond the versions written: unchanged keys, kept columns."""
    if p.unchanged:
        c.execute(
            f"insert into upload_unchanged (upload_id, row_key) "  # noqa: S608 - generated temp names
            f"select $id, row_key from {stage} where _status = 'unchanged'",
            {"id": upload_id},
        )
    if p.kept:
        c.executemany('insert into upload_kept (upload_id, "column") values ($id, $col)',
                      [{"id": upload_id, "col": name} for name in p.kept])


def apply(con, dataset: str, frame: pd.DataFrame, actor: Actor, *, file: str, mode: str = "merge",
          layout: str = "template", sha256: str = "",
          time: datetime | None = None, expect: Plan | None = None, keep=()) -> tuple[Plan, int | None]:
    """Diff and commit in one go under the write lock; returns the plan and the new upload id.

    Nothing is written (and the id is None) when the upload changes nothing. With `expect`, the
    commit is refused if the fresh diff differs from that earlier preview. Columns in `keep` (those
    the uploaded file lacks) keep their stored values on rows that already exist.
    """
    roles.require(actor, "upload")
    ds = _dataset(dataset)
    with db.write_lock:
        cur = con.cursor()
        try:
            stage, p = _stage(cur, ds, frame, mode, _kept(ds, keep))
            try:
                if expect is not None and expect.rows != p.rows:
                    raise StalePlan(said("store_stale_plan", dataset=dataset, then=expect.rows, now=p.rows))
                if not p.changed:
                    return p, None
                return p, _write(cur, ds, stage, p, actor, file=file, sha256=sha256, layout=layout, time=time)
            finally:
                try:
                    _drop(cur, stage)
                except Exception:  # noqa: BLE001 - a temp table dies with the cursor anyway
                    pass
        finally:
            cur.close()


def commit(con, p: Plan, actor: Actor, *, file: str, layout: str = "template", sha256: str = "",
           time: datetime | None = None) -> int | None:
    """Commit a previewed plan (refused if the data changed since); the new upload id or None."""
    if p.frame is None:
        raise StoreError(said("store_plan_empty"))
    return apply(con, p.dataset, p.frame, actor, file=file, mode=p.mode, layout=layout, sha256=sha256,
                 time=time, expect=p, keep=p.kept)[1]


def commit_frame(con, dataset: str, frame: pd.DataFrame, actor: Actor, *, file: str, mode: str = "merge",
                 layout: str = "template", sha256: str = "", time: datetime | None = None) -> int | None:
    """Commit a canonical frame as one upload (generators, workspaces, tests); None if nothing changed."""
    return apply(con, dataset, frame, actor, file=file, mode=mode, layout=layout, sha256=sha256,
                 time=time)[1]


# ---------------------------------------------------------------- rollback

def rollback(con, upload_id: int, actor: Actor) -> int:
    """Make an upload inactive: the dataset becomes the replay of its uploads still active (see replay.py)."""
    from dialogue import replay   # it builds on this module's SQL fragments

    return replay.rollback(con, upload_id, actor)


# ---------------------------------------------------------------- reading back

def history(con) -> list[dict]:
    """Every upload, oldest first: id, dataset, file, sha256, user, time, mode, rows, status."""
    rows = con.execute(
        'select upload_id, dataset, file, sha256, "user", time, mode, layout, added, updated, unchanged, '
        "removed, rolls_back, rolled_back_by from uploads order by upload_id"
    ).fetchall()
    out = []
    for (uid, dataset, file, sha, user, time, mode, layout, a, u, n, r, rolls_back, rolled_back_by) in rows:
        out.append({
            "upload_id": uid, "dataset": dataset, "file": file, "sha256": sha or "", "user": user,
            "time": time.isoformat(sep=" ", timespec="seconds") if time else None, "mode": mode,
            "layout": layout, "rows": {"added": a, "updated": u, "unchanged": n, "removed": r},
            "status": "rolled_back" if rolled_back_by is not None else "active",
            "rolls_back": rolls_back, "rolled_back_by": rolled_back_by,
        })
    return out


def current_rows(con, dataset: str, known_at: datetime | None = None) -> pd.DataFrame:
    """A dataset's rows in canonical columns: current, or as known at a past moment (naive UTC)."""
    ds = _dataset(dataset)
    order = ", ".join(_q(k) + " nulls first" for k in ds.key)
    if known_at is None:
        return con.execute(
            f"select {_cols(ds)} from {ds.name} where valid_to is null order by {order}"  # noqa: S608 - identifiers from datasets.py, generated temp names
        ).df()
    return con.execute(
        f"select {_cols(ds)} from known_{ds.name}($known_at) order by {order}",  # noqa: S608 - identifiers from datasets.py, generated temp names
        {"known_at": pd.Timestamp(known_at).to_pydatetime()},
    ).df()


def find_identical(con, dataset: str, sha256: str) -> int | None:
    """The newest upload of this dataset with the same file content (sha256), if any."""
    if not sha256:
        return None
    row = con.execute(
        "select max(upload_id) from uploads where dataset = $ds and sha256 = $sha and mode <> 'rollback'",
        {"ds": dataset, "sha": sha256},
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None
