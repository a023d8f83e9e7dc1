"""`python -m dialogue delivery`: working groups, actions and commitments as of a date, flagged by the delivery rules."""
from __future__ import annotations

from dialogue import db, strict_json
from dialogue.commands_common import open_for_reading, parse_date, parse_moment
from dialogue.delivery_state import delivery_state


def cmd_delivery(args) -> int:
    as_of = parse_date(getattr(args, "as_of", None), "--as-of") or db.utcnow().date()
    known_at = parse_moment(getattr(args, "known_at", None), "--known-at")
    con = open_for_reading(args)
    try:
        state = delivery_state(con, as_of, known_at)
    finally:
        con.close()
    if getattr(args, "json", False):
        print(strict_json.dumps(state.to_json(), ensure_ascii=False, indent=2))
        return 0
    out = state.to_json()
    print(f"Delivery as of {out['as_of']}")
    if not out["working_groups"]:
        print("No working group is recorded.")
    for g in out["working_groups"]:
        print(f"group {g['group_id']:16} {'active' if g['active'] else 'not active':11} "
              f"last meeting {g['last_meeting'] or 'none':10}  {g['name']}")
    for a in out["actions"]:
        flags = ", ".join(f for f in ("overdue", "slipping") if a[f])
        print(f"action {a['action_id']:15} {a['state']:11} due {a['due'] or '-':10} {flags:17} {a['title']}")
    for c in out["commitments"]:
        print(f"commitment {c['commitment_id']:11} {c['state']:11} due {c['due'] or '-':10} "
              f"{'overdue' if c['overdue'] else '':8} {c['text']}")
    return 0
