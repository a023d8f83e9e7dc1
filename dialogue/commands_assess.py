"""`python -m dialogue assess record|approve|list`: quarterly assessments from the command line (issue 14 item 4)."""
from __future__ import annotations

from dialogue import assessments, roles, strict_json
from dialogue.commands_common import open_for_reading, open_for_writing, parse_moment
from dialogue.formats import fmt_timestamp
from dialogue.i18n import t


def cmd_assess(args) -> int:
    return {"record": _record, "approve": _approve, "list": _list}[args.assess_verb](args)


def _record(args) -> int:
    con = open_for_writing(args, "assess record")
    try:
        new_id = assessments.record(con, roles.cli_actor(args.user), args.target, args.quarter, args.confidence,
                                    args.narrative, args.next_steps or "")
    finally:                              # a refusal (coded, in --lang) propagates: one line, nothing written
        con.close()
    print(t("as_saved", args.lang, id=new_id))
    return 0


def _approve(args) -> int:
    con = open_for_writing(args, "assess approve")
    try:
        assessments.approve(con, roles.cli_actor(args.user), args.assessment_id)
    finally:
        con.close()
    print(t("as_approved", args.lang, id=args.assessment_id))
    return 0


def _list(args) -> int:
    """Every current assessment (or only drafts / only approved ones), as known at --known-at (default now)."""
    known_at = parse_moment(getattr(args, "known_at", None), "--known-at")
    con = open_for_reading(args)
    try:
        frame = assessments.known(con, known_at)
    finally:
        con.close()
    if args.drafts:
        frame = frame[frame["approved_by"].isna()]
    if args.approved:
        frame = frame[frame["approved_by"].notna()]
    rows = [{"assessment_id": int(r["assessment_id"]), "target_id": r["target_id"], "quarter": r["quarter"],
             "confidence": r["confidence"], "narrative": r["narrative"], "next_steps": _text(r["next_steps"]),
             "author": r["author"], "created_at": _moment(r["created_at"]), "approved_by": _text(r["approved_by"]),
             "approved_at": _moment(r["approved_at"])} for r in frame.to_dict("records")]
    if args.json:
        print(strict_json.dumps({"assessments": rows}, ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    if not rows:
        print(t("as_no_drafts" if args.drafts else "as_none", lang))
    for r, created in zip(rows, frame["created_at"]):
        state = (f"{t('col_approved_by', lang)}: {r['approved_by']}" if r["approved_by"] else t("as_drafts", lang))
        print(t("as_listed", lang, id=r["assessment_id"], target=r["target_id"], quarter=r["quarter"],
                confidence=t(f"confidence_{r['confidence']}", lang), author=r["author"])
              + f" · {fmt_timestamp(created, lang)} · {state}")
        print(f"    {r['narrative']}")
        if r["next_steps"]:
            print(f"    {t('col_next_steps', lang)}: {r['next_steps']}")
    return 0


def _text(value) -> str | None:
    return None if value is None or value != value else str(value)


def _moment(value) -> str | None:
    """A UTC timestamp as ISO 8601 with its zone, or None."""
    if value is None or value != value:
        return None
    return value.isoformat(timespec="seconds") + "Z"
