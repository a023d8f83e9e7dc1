"""The DuckDB store: one connection per process and database, a cursor per caller, one write lock."""
from __future__ import annotations

import hashlib

import re
import threading
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from dialogue.coded import Coded
from dialogue.config import QUERIES_DIR

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
DATASET_TABLES = ("trade", "exercises", "agreements", "events", "working_groups", "actions", "commitments", "peer_trade")
ALL_TABLES = ("meta", "uploads", "upload_unchanged", "upload_kept", *DATASET_TABLES, "notes", "assessments",
              "audit_log", "target_versions")

_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_connections_lock = threading.Lock()
# Writes are serialised within a process: DuckDB allows one writer, and our uploads are
# read-diff-write sequences that must not interleave.
write_lock = threading.RLock()


class DatabaseBusy(Coded, RuntimeError):
    """Another process holds the database file."""


class DatabaseError(Coded, RuntimeError):
    """The database file cannot be used as it is (e.g. an older schema on a file this process may not write)."""


def utcnow() -> datetime:
    """Naive UTC timestamp, the form every stored time takes."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed, empty) a database file and make sure the schema exists."""
    path = Path(path)
    if str(path) != ":memory:":
        held = _connections.get(str(path.resolve()))
        if held is not None:                # this process holds the file (the dashboard): a cursor of it
            return held.cursor()
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy("db_busy_writing", path=str(path)) from exc
        raise
    # A bulk insert buffers this many row groups per thread before writing them out; DuckDB's 5
    # added ~30 MB to the peak of a 1M-row upload (which is bounded by parsing with 1) at no
    # measurable cost in time. It only concerns bulk appends.
    con.execute("set write_buffer_row_group_count = 1")
    if not read_only:
        ensure_schema(con)
    elif not (_schema_current(con) and _schema_complete(con)):
        complete = _schema_complete(con)
        con.close()
        try:
            _upgrade(path)
        except DatabaseError:
            if not complete:
                raise
        con = duckdb.connect(str(path), read_only=True)   # a file it may not write is read as it stands
        con.execute("set write_buffer_row_group_count = 1")
    return con


def _schema_stamp() -> str:
    return hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:16]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, sequence and macro that is missing (idempotent, DDL only), and stamp the schema's version."""
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    # the stamp is a macro, not a row: backups copy rows, and a restored file gets its own stamp
    con.execute(f"create or replace macro schema_stamp() as '{_schema_stamp()}'")  # noqa: S608 - a hex digest


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        return con.execute("select schema_stamp()").fetchone()[0] == _schema_stamp()
    except duckdb.Error:            # no stamp at all: a file from before the stamp, or not ours
        return False


def _schema_complete(con: duckdb.DuckDBPyConnection) -> bool:
    """Every table and every as-known-at macro the code queries exists (a file one schema edit behind may lack
    only a stamp: it is read as it is, so a read-only file of a recent version still opens)."""
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    macros = {r[0] for r in con.execute("select function_name from duckdb_functions() "
                                        "where function_type = 'table_macro'").fetchall()}
    return set(ALL_TABLES) <= tables and {f"known_{t}" for t in DATASET_TABLES} <= macros


def _upgrade(path: Path) -> None:
    """Bring an older database's schema up to date before a read-only open (reading verbs open read-only, and
    a read-only connection cannot create the tables and macros a newer version queries)."""
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy("db_busy_short", path=str(path)) from exc
        raise DatabaseError(f"The database {path} was made by an older version and must be upgraded, which needs "
                            f"write access to it ({exc}); open it once with write access.") from exc
    try:
        ensure_schema(con)
    finally:
        con.close()


def shared(path: str | Path) -> duckdb.DuckDBPyConnection:
    """The process-wide connection for a database file; callers take `.cursor()` from it."""
    key = str(Path(path).resolve()) if str(path) != ":memory:" else ":memory:"
    with _connections_lock:
        con = _connections.get(key)
        if con is None:
            con = connect(path)
            _connections[key] = con
        return con


def cursor(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A cursor of the process-wide connection: one per script run or thread."""
    return shared(path).cursor()


def close_all() -> None:
    """Close every shared connection (tests, restore, shutdown)."""
    with _connections_lock:
        for con in _connections.values():
            try:
                con.close()
            except duckdb.Error:    # still serving a call (a hand-off thread): it goes with the process
                pass
        _connections.clear()


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    """The text of queries/<name>.sql."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters bound (only those the file uses)."""
    sql = sql_text(name)
    used = set(_PARAM.findall(sql))
    missing = used - params.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters {sorted(missing)}")
    return con.execute(sql, {k: v for k, v in params.items() if k in used}).df()


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("select value from meta where key = $k", {"k": key}).fetchone()
    return row[0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(
        "insert or replace into meta (key, value) values ($k, $v)", {"k": key, "v": value}
    )


def workspace(con: duckdb.DuckDBPyConnection) -> str:
    """Which bundled workspace this database holds: reference, demo or empty."""
    return get_meta(con, "workspace", "empty") or "empty"


def synthetic_rows(con: duckdb.DuckDBPyConnection) -> int:
    """How many current rows, in every dataset, are marked synthetic (demo figures, not real ones)."""
    return int(query(con, "synthetic_rows")["rows"].sum())


def holds_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether figures from this database must be labelled demo data: the demo workspace, or any synthetic row."""
    return workspace(con) == "demo" or synthetic_rows(con) > 0


def fingerprint(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, int]]:
    """Row count and two order-independent checksums of every table, to prove nothing changed."""
    out = {}
    for table in ALL_TABLES:
        count, xor, total = con.execute(
            f"select count(*), coalesce(bit_xor(hash(t)), 0), coalesce(sum(hash(t)::hugeint), 0) from {table} t"  # noqa: S608 - table names are constants
        ).fetchone()
        out[table] = (int(count), int(xor), int(total))
    return out


def latest_upload_id(con: duckdb.DuckDBPyConnection) -> int:
    """The newest upload id (0 when none): the cache key that changes on every commit."""
    return int(con.execute("select coalesce(max(upload_id), 0) from uploads").fetchone()[0])


def upload_committed_at(con: duckdb.DuckDBPyConnection, upload_id: int):
    """When an upload was committed (None for 0 or an unknown id): the data as that upload left it, as known then."""
    frame = query(con, "upload_committed_at", upload=upload_id)
    return None if frame.empty else frame["time"].iloc[0].to_pydatetime()
