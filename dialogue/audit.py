"""The append-only audit log: who did what, when, and whether it worked.

Entries are only ever inserted (there is no function to change or delete one, and a test checks that
no code updates or deletes audit_log). When another process holds the database (a command run
while the dashboard is up), entries wait in an append-only JSON-lines file next to the database,
which the dashboard's connection (or the next command) moves into the log with their original times.
"""
from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime
from pathlib import Path

import pandas as pd

from dialogue import strict_json
from dialogue.db import query, utcnow
from dialogue.roles import Actor

_INSERT = ('insert into audit_log (audit_id, time, "user", role, action, detail, ok) '
           "values (nextval('audit_id_seq'), $time, $user, $role, $action, $detail, $ok)")


class PendingLog:
    """Stands in for a connection when the database is busy: entries go to <db>.audit-pending.jsonl."""

    def __init__(self, db_file: str | os.PathLike):
        self.path = pending_path(db_file)

    def append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            fh.write(strict_json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def pending_path(db_file: str | os.PathLike) -> Path:
    db_file = Path(db_file).resolve()
    return db_file.with_name(f".{db_file.name}.audit-pending.jsonl")


def record(con, actor: Actor | None, action: str, detail: dict | None = None, ok: bool = True) -> None:
    """Append one entry (never updated or deleted). Call inside the write's own transaction when there is one."""
    entry = {
        "time": utcnow(),
        "user": actor.user if actor else None,
        "role": actor.role if actor else None,
        "action": action,
        "detail": strict_json.dumps(detail or {}, ensure_ascii=False, default=str),
        "ok": ok,
    }
    if isinstance(con, PendingLog):
        con.append({**entry, "time": entry["time"].isoformat()})
        return
    con.execute(_INSERT, entry)


def import_pending(con, db_file: str | os.PathLike) -> int:
    """Move entries waiting in the pending file into the log (one transaction); how many moved."""
    path = pending_path(db_file)
    if not path.exists():
        return 0
    with open(path, "r+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        lines = [line for line in fh.read().splitlines() if line.strip()]
        if not lines:
            return 0
        cur = con.cursor()
        try:
            cur.execute("begin transaction")
            for line in lines:
                entry = json.loads(line)
                entry["time"] = datetime.fromisoformat(entry["time"])
                cur.execute(_INSERT, entry)
            cur.execute("commit")
        except Exception:
            cur.execute("rollback")
            raise
        finally:
            cur.close()
        fh.seek(0)
        fh.truncate()
    return len(lines)


def audit_entries(con, limit: int = 500, user: str | None = None, action: str | None = None,
                  since=None) -> pd.DataFrame:
    """Read the log, newest first. There is deliberately no function to change or delete entries."""
    return query(con, "audit_entries", limit=int(limit), user=user, action=action, since=since)
