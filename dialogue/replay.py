"""Rollback by replay, so that a dataset's current rows are always its still-active uploads replayed in order.

A rollback makes one upload inactive, replays the dataset's active uploads (merge and replace, each
with its replace scope and the columns its file lacked) into a temp table and commits the
difference from the current rows as a new upload: changed rows get a new version, nothing is
deleted, so every earlier moment stays queryable as known at it. A rollback is not an upload of
rows and cannot itself be rolled back (upload the file again instead). Generic over datasets.py.
"""
from __future__ import annotations

import uuid

from dialogue import db, roles
from dialogue.datasets import Dataset
from dialogue.messages import said
from dialogue.roles import Actor
from dialogue.store import (REPLACE_SCOPE, StoreError, _checkpoint, _cols, _dataset, _default, _differs, _q,
                            _transaction, _verified)


def rollback(con, upload_id: int, actor: Actor) -> int:
    """Make an upload inactive and bring its dataset to the replay of the uploads still active; a new upload id."""
    roles.require(actor, "rollback")
    with db.write_lock:
        cur = con.cursor()
        temps: list[str] = []
        try:
            return _rollback(cur, int(upload_id), actor, temps)
        finally:
            for name in temps:
                try:
                    cur.execute(f"drop table if exists {name}")  # noqa: S608 - generated temp names
                except Exception:  # noqa: BLE001 - a temp table dies with the cursor anyway
                    pass
            cur.close()


def _target(cur, upload_id: int) -> tuple[str, str]:
    """The dataset and file of an upload that may be rolled back; a clear refusal otherwise."""
    row = cur.execute(
        "select dataset, file, mode, rolls_back, rolled_back_by from uploads where upload_id = $id", {"id": upload_id}
    ).fetchone()
    if row is None:
        raise StoreError(said("rollback_no_upload", upload=upload_id))
    dataset, file, mode, rolls_back, rolled_back_by = row
    if mode == "rollback":
        raise StoreError(said("rollback_of_rollback", upload=upload_id, undone=rolls_back))
    if rolled_back_by is not None:
        raise StoreError(said("rollback_already", upload=upload_id, by=rolled_back_by))
    return dataset, file


def _rollback(cur, upload_id: int, actor: Actor, temps: list[str]) -> int:
    dataset, file = _target(cur, upload_id)
    ds = _dataset(dataset)
    state = replay(cur, ds, without=upload_id, temps=temps)
    diff = _temp(temps, "diff")
    cur.execute(
        f"create temp table {diff} as "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"select coalesce(s.row_key, c.row_key) as row_key, case when c.row_key is null then 'added' "
        f"when s.row_key is null then 'removed' when {_differs(ds, 's', 'c')} then 'updated' "
        f"else 'unchanged' end as action "
        f"from {state} s full join (select * from {ds.name} where valid_to is null) c on c.row_key = s.row_key"
    )
    counts = dict(cur.execute(f"select action, count(*) from {diff} group by action").fetchall())  # noqa: S608 - generated temp names
    added, updated, removed = (int(counts.get(k, 0)) for k in ("added", "updated", "removed"))
    unchanged = int(cur.execute(
        f"select count(*) from {diff} where action = 'unchanged' and row_key in "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"(select row_key from ({_payload(ds, _kept(cur, upload_id))}))", {"u": upload_id}).fetchone()[0])
    new_id = int(cur.execute("select coalesce(max(upload_id), 0) + 1 from uploads").fetchone()[0])
    new_id = max(new_id, int(cur.execute("select nextval('upload_id_seq')").fetchone()[0]))

    def work(c):
        c.execute(
            f"update {ds.name} set valid_to = $r from {diff} d where {ds.name}.row_key = d.row_key "  # noqa: S608 - identifiers from datasets.py, generated temp names
            f"and {ds.name}.valid_to is null and d.action in ('updated', 'removed')",
            {"r": new_id},
        )
        c.execute(
            f"insert into {ds.name} ({_cols(ds)}, row_key, valid_from, valid_to) "  # noqa: S608 - identifiers from datasets.py, generated temp names
            f"select {_cols(ds, 's.')}, s.row_key, $r, null from {state} s "
            f"join {diff} d on d.row_key = s.row_key where d.action in ('added', 'updated')",
            {"r": new_id},
        )
        c.execute(
            'insert into uploads (upload_id, dataset, file, sha256, "user", time, mode, layout, '
            "added, updated, unchanged, removed, rolls_back) values ($r, $ds, $file, '', $user, $time, "
            "'rollback', 'rollback', $a, $up, $n, $rm, $u)",
            {"r": new_id, "ds": ds.name, "file": f"rollback of #{upload_id} ({file})",
             "user": actor.user, "time": db.utcnow(), "a": added, "up": updated, "n": unchanged,
             "rm": removed, "u": upload_id},
        )
        c.execute("update uploads set rolled_back_by = $r where upload_id = $u", {"r": new_id, "u": upload_id})

    detail = {"upload_id": new_id, "rolls_back": upload_id, "dataset": ds.name,
              "rows": {"added": added, "updated": updated, "unchanged": unchanged, "removed": removed}}
    _transaction(cur, work, actor, "rollback", detail)
    _verified(cur, ds.name, new_id, added + updated, updated + removed)
    marked = cur.execute("select rolled_back_by from uploads where upload_id = $u", {"u": upload_id}).fetchone()
    if marked is None or marked[0] != new_id:
        raise StoreError(said("rollback_not_marked", rollback=new_id, upload=upload_id))
    _checkpoint(cur)
    return new_id


# ---------------------------------------------------------------- the replay

def replay(cur, ds: Dataset, *, without: int | None = None, temps: list[str]) -> str:
    """A temp table of the rows that replaying the dataset's active uploads (less `without`) gives.

    Uploads before the first one ever rolled back (or `without`) were never undone, so the rows as
    they stood just before it are their replay: the replay starts from there.
    """
    first = cur.execute(
        "select min(upload_id) from uploads where dataset = $ds and mode <> 'rollback' "
        "and (rolled_back_by is not null or upload_id = $w)", {"ds": ds.name, "w": without}
    ).fetchone()[0]
    state = _temp(temps, "state")
    if first is None:      # nothing was ever rolled back: the current rows are the replay
        cur.execute(f"create temp table {state} as select {_cols(ds)}, row_key from {ds.name} "  # noqa: S608 - identifiers from datasets.py, generated temp names
                    "where valid_to is null")
        return state
    cur.execute(
        f"create temp table {state} as select {_cols(ds)}, row_key from {ds.name} "  # noqa: S608 - identifiers from datasets.py, generated temp names
        "where valid_from < $f and (valid_to is null or valid_to >= $f)", {"f": first})
    active = cur.execute(
        "select upload_id, mode from uploads where dataset = $ds and mode <> 'rollback' and upload_id >= $f "
        "and rolled_back_by is null and upload_id is distinct from $w order by upload_id",
        {"ds": ds.name, "f": first, "w": without}).fetchall()
    for upload_id, mode in active:
        state = _step(cur, ds, state, int(upload_id), mode == "replace", temps)
    return state


def _step(cur, ds: Dataset, state: str, upload_id: int, replace: bool, temps: list[str]) -> str:
    """Apply one upload to the replayed rows, as the upload applied itself: merge, or replace in its scope."""
    kept = _kept(cur, upload_id)
    merged = ", ".join((f"case when s.row_key is null then p.{_q(c)} else s.{_q(c)} end" if c in kept else f"p.{_q(c)}")
                       + f" as {_q(c)}" for c in ds.column_names)
    keep = "true"
    if replace:
        column = REPLACE_SCOPE.get(ds.name)
        keep = "false" if column is None else (
            f"not coalesce(list_contains((select list(distinct cast(p.{_q(column)} as varchar)) from p), "  # noqa: S608 - identifiers from datasets.py
            f"cast(s.{_q(column)} as varchar)), false)")
    new = _temp(temps, "state")
    cur.execute(
        f"create temp table {new} as with p as materialized ({_payload(ds, kept)}) "  # noqa: S608 - identifiers from datasets.py, generated temp names
        f"select {merged}, p.row_key from p left join {state} s on s.row_key = p.row_key "
        f"union all select s.* from {state} s "
        f"where not exists (select 1 from p where p.row_key = s.row_key) and {keep}",
        {"u": upload_id},
    )
    cur.execute(f"drop table {state}")  # noqa: S608 - generated temp names
    return new


def _payload(ds: Dataset, kept: tuple[str, ...]) -> str:
    """SQL of the rows upload $u held, as its file gave them: the versions it wrote and the keys it
    left unchanged (their version current just before it), with the columns the file lacked empty."""
    cols = ", ".join(f"{_default(c)} as {_q(c.name)}" if c.name in kept else f"v.{_q(c.name)}" for c in ds.columns)
    return (f"select {cols}, v.row_key from {ds.name} v where v.valid_from = $u "  # noqa: S608 - identifiers from datasets.py
            f"union all select {cols}, v.row_key from {ds.name} v "
            f"join upload_unchanged k on k.row_key = v.row_key and k.upload_id = $u "
            f"where v.valid_from < $u and (v.valid_to is null or v.valid_to > $u)")


def _kept(cur, upload_id: int) -> tuple[str, ...]:
    """The columns an upload's file lacked (existing rows kept their stored values there)."""
    return tuple(r[0] for r in cur.execute(
        'select "column" from upload_kept where upload_id = $u order by "column"', {"u": upload_id}).fetchall())


def _temp(temps: list[str], what: str) -> str:
    name = f"replay_{what}_{uuid.uuid4().hex}"
    temps.append(name)
    return name
