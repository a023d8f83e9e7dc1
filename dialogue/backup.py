"""Online backup and verified restore: one consistent snapshot of every table, with fingerprints."""
from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import threading
import time
import uuid
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from dialogue import audit, db, files, strict_json
from dialogue.coded import Coded, said
from dialogue.roles import Actor, cli_actor, require

MANIFEST = "manifest.json"
FORMAT = "dialogue-backup-1"
# sequence -> (table, id column): restore starts each sequence after the highest id seen.
SEQUENCES = {
    "upload_id_seq": ("uploads", "upload_id"),
    "note_id_seq": ("notes", "note_id"),
    "assessment_id_seq": ("assessments", "assessment_id"),
    "audit_id_seq": ("audit_log", "audit_id"),
}


class BackupError(Coded, RuntimeError):
    """A backup or restore that cannot be done or does not verify."""


def backup(con, directory: str | os.PathLike, actor: Actor) -> dict:
    """Write every table to DIR/<table>.parquet plus a manifest; works while the dashboard runs.

    `con` is the process's own connection (or a cursor of it): a second process cannot open a
    DuckDB file another process writes, so the dashboard backs up through its shared connection
    and the command line through its own. All tables are read in one transaction, so the
    snapshot is consistent even while other threads commit uploads.
    """
    require(actor, "backup")
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise BackupError("backup_not_empty", target=str(target))
    staging = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    cur = con.cursor()
    try:
        cur.execute("begin transaction")
        try:
            tables = {}
            for table in db.ALL_TABLES:
                tables[table] = _export_table(cur, table, staging)
            fingerprints = db.fingerprint(cur)
            last_ids = _last_ids(cur)
            source = _database_path(cur)
        finally:
            cur.execute("rollback")
        for table, info in tables.items():
            info["fingerprint"] = list(fingerprints[table])
        manifest = {
            "format": FORMAT,
            "created_utc": db.utcnow().isoformat(timespec="seconds"),
            "by": actor.user,
            "source": source,
            "duckdb": duckdb.__version__,
            "schema_sha256": _sha256(db.SCHEMA_FILE.read_bytes()),
            "last_ids": last_ids,
            "tables": tables,
        }
        files.write_text(staging / MANIFEST, strict_json.dumps(manifest, indent=1))
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
        files.fsync_dir(target.parent)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, Exception):
            audit.record(cur, actor, "backup", {"dir": str(target), "error": str(exc)}, ok=False)
        raise
    finally:
        cur.close()
    audit.record(con, actor, "backup", {"dir": str(target), "rows": {t: i["rows"] for t, i in tables.items()}})
    return manifest


def restore(directory: str | os.PathLike, new_db: str | os.PathLike, actor: Actor) -> dict:
    """Build a new database file from a backup and check every table against the manifest."""
    require(actor, "backup")
    source = Path(directory)
    new_db = Path(new_db)
    manifest = read_manifest(source)
    if new_db.exists() and new_db.stat().st_size > 0:
        raise BackupError("backup_exists", path=str(new_db))
    for table, info in manifest["tables"].items():
        if table not in db.ALL_TABLES:
            raise BackupError("backup_unknown_table", table=table)
        data = member(source, info["file"])
        if not data.is_file() or _sha256(data.read_bytes()) != info["sha256"]:
            raise BackupError("backup_checksum", path=str(data))
        _check_rows(table, info, data)
    # a table this version has and the backup does not was added since the backup was taken: it starts empty
    held = [table for table in db.ALL_TABLES if table in manifest["tables"]]
    manifest["started_empty"] = [table for table in db.ALL_TABLES if table not in manifest["tables"]]
    new_db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(new_db))
    try:
        for seq, start in manifest["last_ids"].items():
            _create_sequence(con, seq, int(start) + 1)
        db.ensure_schema(con)
        con.execute("begin transaction")
        for table in held:
            con.execute(
                f"insert into {table} by name select * from read_parquet($file)",  # noqa: S608 - constant table name
                {"file": str(member(source, manifest["tables"][table]["file"]))},
            )
        con.execute("commit")
        got = db.fingerprint(con)
        short = [f"{t} {got[t][0]} of {manifest['tables'][t]['rows']}" for t in held
                 if got[t][0] != manifest["tables"][t]["rows"]]
        if short:
            raise BackupError("backup_counts_differ", tables=", ".join(short))
        bad = [t for t in held if list(got[t]) != manifest["tables"][t]["fingerprint"]]
        if bad:
            raise BackupError("backup_tables_differ", tables=", ".join(bad))
        audit.record(con, actor, "restore", {"from": str(source), "created_utc": manifest["created_utc"]})
        con.execute("checkpoint")
    except BaseException:
        con.close()
        for leftover in (new_db, new_db.with_name(new_db.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    con.close()
    return manifest


def read_manifest(directory: str | os.PathLike) -> dict:
    """The backup's manifest, refused with one clear reason when it is missing, truncated or malformed."""
    path = Path(directory) / MANIFEST
    if not path.exists():
        raise BackupError("backup_not_a_backup", path=str(path), directory=str(directory))
    path = member(directory, MANIFEST)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError("backup_not_json", path=str(path), why=str(exc)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else type(manifest).__name__
        raise BackupError("backup_format", path=str(path), found=found, expected=FORMAT)
    _check_manifest_shape(path, manifest)
    return manifest


def _check_manifest_shape(path: Path, manifest: dict) -> None:
    """Every key restore reads is there with the right type (a truncated or hand-edited manifest is refused)."""
    def bad(why) -> BackupError:
        return BackupError("backup_damaged", path=str(path), why=why)

    if not isinstance(manifest.get("created_utc"), str):
        raise bad(said("backup_why_no_time"))
    last_ids = manifest.get("last_ids")
    if not isinstance(last_ids, dict) or not all(isinstance(v, int) for v in last_ids.values()):
        raise bad(said("backup_why_last_ids"))
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        raise bad(said("backup_why_no_tables"))
    for table, info in tables.items():
        ok = (isinstance(info, dict) and isinstance(info.get("file"), str) and isinstance(info.get("sha256"), str)
              and isinstance(info.get("rows"), int) and not isinstance(info.get("rows"), bool)
              and isinstance(info.get("fingerprint"), list) and len(info["fingerprint"]) == 3)
        if not ok:
            raise bad(f"table {table!r} lacks file, sha256, rows or fingerprint")


def member(directory: str | os.PathLike, name: str) -> Path:
    """`name` inside the backup folder, refused when it is absolute, climbs out (`..`) or is a link leading out."""
    folder = Path(directory).resolve()
    if Path(name).is_absolute() or ".." in Path(name).parts or Path(name).name != name:
        raise BackupError("backup_not_a_file", name=name)
    path = folder / name
    if path.resolve().parent != folder:
        raise BackupError("backup_outside", path=str(path), target=str(path.resolve()))
    return path


def _check_rows(table: str, info: dict, data: Path) -> None:
    """The Parquet file holds as many rows as the manifest says, and so does the table's fingerprint."""
    try:
        rows = pq.read_metadata(data).num_rows
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a damaged backup
        raise BackupError("backup_not_parquet", path=str(data), why=str(exc)) from None
    if rows != info["rows"] or info["fingerprint"][0] != info["rows"]:
        raise BackupError("backup_rows_differ", path=str(data), rows=rows, manifest=info["rows"],
                          fingerprint=info["fingerprint"][0])


def _export_table(cur, table: str, directory: Path) -> dict:
    """Stream one table into a Parquet file (no path or value formatted into SQL)."""
    reader = cur.sql(f"select * from {table}").to_arrow_reader()  # noqa: S608 - constant table name
    path = directory / f"{table}.parquet"
    rows = 0
    try:
        with files.atomic_write(path) as fh, pq.ParquetWriter(fh, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
    finally:
        reader.close()                  # an unread result would block the transaction's rollback
    return {"file": path.name, "rows": rows, "sha256": _sha256(path.read_bytes())}


def _last_ids(cur) -> dict[str, int]:
    out = {}
    seqs = dict(cur.execute("select sequence_name, coalesce(last_value, 0) from duckdb_sequences()").fetchall())
    for seq, (table, column) in SEQUENCES.items():
        top = cur.execute(f"select coalesce(max({column}), 0) from {table}").fetchone()[0]  # noqa: S608 - constants
        out[seq] = max(int(top), int(seqs.get(seq, 0) or 0))
    return out


def _create_sequence(con, name: str, start: int) -> None:
    # DDL takes no bound parameters; the name comes from SEQUENCES and start is an int.
    if name not in SEQUENCES:
        raise BackupError("backup_unknown_sequence", name=name)
    con.execute(f"create sequence {name} start {int(start)}")  # noqa: S608 - constant name, int


def _database_path(cur) -> str | None:
    row = cur.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    return row[0] if row else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- online backups requested by the command line while the dashboard holds the database -------
# A second process cannot open a DuckDB file that the dashboard has open, so `backup DIR` leaves a
# request next to the database and the dashboard's own connection does the work. Only requests
# from the operating-system account that runs the dashboard are honoured (it owns the file anyway).
REQUEST_POLL_SECONDS = 1.0
_services: dict[str, threading.Thread] = {}
_services_lock = threading.Lock()


def requests_dir(db_file: str | os.PathLike) -> Path:
    db_file = Path(db_file).resolve()
    return db_file.with_name(f".{db_file.name}.backup-requests")


def request_backup(db_file: str | os.PathLike, directory: str | os.PathLike, timeout: float = 120.0) -> dict:
    """Ask the process holding `db_file` for a backup into `directory`; its manifest, or BackupError."""
    inbox = requests_dir(db_file)
    try:
        beat = float((inbox / "alive").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        beat = 0.0
    if time.time() - beat > 10 * REQUEST_POLL_SECONDS:
        raise BackupError("backup_no_requests")
    token = uuid.uuid4().hex
    ask = inbox / f"{token}.json"
    files.write_text(ask, strict_json.dumps({"dir": str(Path(directory).resolve())}))
    answer = inbox / f"{token}.done.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answer.exists():
            result = json.loads(answer.read_text(encoding="utf-8"))
            answer.unlink(missing_ok=True)
            if result.get("error"):
                raise BackupError(result["error"])
            return result["manifest"]
        time.sleep(0.2)
    ask.unlink(missing_ok=True)
    raise BackupError("backup_no_answer", seconds=f"{timeout:.0f}")


def serve_backup_requests(con, db_file: str | os.PathLike) -> None:
    """Start (once per database and process) the thread that answers `backup DIR` requests
    and moves audit entries that commands left in the pending file into the log."""
    running = _services.get(str(db_file))       # asked on every script run: no path resolution when it runs
    if running is not None and running.is_alive():
        return
    inbox = requests_dir(db_file)
    with _services_lock:
        running = _services.get(str(inbox))
        if running is not None and running.is_alive():
            _services[str(db_file)] = running
            return
        inbox.mkdir(mode=0o700, exist_ok=True)
        thread = threading.Thread(target=_serve, args=(con, inbox, Path(db_file)), name="dialogue-backup-requests",
                                  daemon=True)
        _services[str(inbox)] = _services[str(db_file)] = thread
        thread.start()


def _serve(con, inbox: Path, db_file: Path) -> None:
    while inbox.is_dir():                        # gone with its database: stop
        try:
            con.cursor().close()                    # raises once the connection is closed
            (inbox / "alive").write_text(str(time.time()), encoding="utf-8")
            audit.import_pending(con, db_file)      # user changes made by commands meanwhile
            for ask in sorted(inbox.glob("*.json")):
                if not ask.name.endswith(".done.json"):
                    _answer(con, ask)
        except duckdb.ConnectionException:      # the connection was closed: this service is over
            return
        except Exception:  # noqa: BLE001 - the service must outlive one bad request
            pass
        time.sleep(REQUEST_POLL_SECONDS)


def _answer(con, ask: Path) -> None:
    answer = ask.with_name(ask.name[: -len(".json")] + ".done.json")
    try:
        owner = ask.stat().st_uid
        if owner != os.getuid():
            raise BackupError("backup_other_account")
        user = pwd.getpwuid(owner).pw_name
        directory = json.loads(ask.read_text(encoding="utf-8"))["dir"]
        result = {"manifest": backup(con.cursor(), directory, cli_actor(user))}
    except Exception as exc:  # noqa: BLE001 - sent back to the command as its message
        result = {"error": str(exc)}
    files.write_text(answer, strict_json.dumps(result))
    ask.unlink(missing_ok=True)
