"""The append-only audit log: who did what, when, and whether it worked."""
from __future__ import annotations

import json

import pandas as pd

from dialogue.db import query, utcnow
from dialogue.roles import Actor


def record(con, actor: Actor | None, action: str, detail: dict | None = None, ok: bool = True) -> None:
    """Append one entry (never updated or deleted). Call inside the write's own transaction when there is one."""
    con.execute(
        'insert into audit_log (audit_id, time, "user", role, action, detail, ok) '
        "values (nextval('audit_id_seq'), $time, $user, $role, $action, $detail, $ok)",
        {
            "time": utcnow(),
            "user": actor.user if actor else None,
            "role": actor.role if actor else None,
            "action": action,
            "detail": json.dumps(detail or {}, ensure_ascii=False, default=str),
            "ok": ok,
        },
    )


def audit_entries(con, limit: int = 500, user: str | None = None, action: str | None = None,
                  since=None) -> pd.DataFrame:
    """Read the log, newest first. There is deliberately no function to change or delete entries."""
    return query(con, "audit_entries", limit=int(limit), user=user, action=action, since=since)
