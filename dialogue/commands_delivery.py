"""`python -m dialogue delivery`: working groups, actions and commitments as of a date, flagged by the delivery rules."""
from __future__ import annotations

from dialogue import db, strict_json
from dialogue.commands_common import open_for_reading, parse_date, parse_moment
from dialogue.delivery_state import delivery_state
from dialogue.i18n import label, t


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
    lang = getattr(args, "lang", None) or "en"
    w = {k: t(f"cli_{k}", lang) for k in ("group", "active", "not_active", "last_meeting", "none", "action",
                                            "commitment", "due", "overdue", "slipping")}
    print(t("cli_delivery_head", lang, as_of=out["as_of"]))
    if not out["working_groups"]:
        print(t("cli_no_groups", lang))
    for g in out["working_groups"]:
        print(f"{w['group']} {g['group_id']:16} {w['active'] if g['active'] else w['not_active']:11} "
              f"{w['last_meeting']} {g['last_meeting'] or w['none']:10}  {g['name']}")
    for a in out["actions"]:
        flags = ", ".join(w[f] for f in ("overdue", "slipping") if a[f])
        print(f"{w['action']} {a['action_id']:15} {label('astate', a['state'], lang):11} {w['due']} {a['due'] or '-':10} "
              f"{flags:17} {a['title']}")
    for c in out["commitments"]:
        print(f"{w['commitment']} {c['commitment_id']:11} {label('cstate', c['state'], lang):11} {w['due']} "
              f"{c['due'] or '-':10} {w['overdue'] if c['overdue'] else '':8} {c['text']}")
    return 0
