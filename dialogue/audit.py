"""The append-only audit log: who did what, when, and whether it worked."""
from __future__ import annotations

import json

from dialogue.db import utcnow
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
