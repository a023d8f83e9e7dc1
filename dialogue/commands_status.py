"""`python -m dialogue status`: every target's status, as a table for people or JSON for tools."""
from __future__ import annotations


from dialogue import db, reasons, strict_json
from dialogue.coded import said
from dialogue.commands_common import open_for_reading, parse_date, parse_moment
from dialogue.i18n import t
from dialogue.status import compute_all
from dialogue.vocab import status_badge


def _read(args, work):
    """(as_of, lang, work(con, as_of, known_at, lang)) on the database opened read-only."""
    as_of = parse_date(getattr(args, "as_of", None), "--as-of") or db.utcnow().date()
    known_at = parse_moment(getattr(args, "known_at", None), "--known-at")
    lang = getattr(args, "lang", "en") or "en"
    con = open_for_reading(args)
    try:
        return as_of, lang, work(con, as_of, known_at, lang)
    finally:
        con.close()


def cmd_status(args) -> int:
    _as_of, lang, card = _read(args, compute_all)
    if getattr(args, "json", False):
        print(strict_json.dumps(card.to_json(), ensure_ascii=False, indent=2))
        return 0
    known = said("cli_known_at", moment=card.known_at.isoformat(sep=" ")) if card.known_at else ""
    print(said("cli_status_head", as_of=card.as_of.isoformat(), known=known, start=card.start_date.isoformat(),
               kind=reasons.text("recorded" if card.start_recorded else "planned", lang)).text(lang))
    for s in card.statuses:
        print(f"{s.target:28} {status_badge(s.status, lang):22} {s.reason}")
    return 0


def cmd_summary(args) -> int:
    """The one-screen answer (dialogue.summary) as text or as one JSON object."""
    from dialogue import summary

    _as_of, lang, result = _read(args, lambda con, as_of, known_at, lang: summary.build(con, as_of, known_at, lang))
    if getattr(args, "json", False):
        print(strict_json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(t("cli_summary_head", lang, as_of=result.as_of.isoformat(), since=result.since.isoformat()))
    worse, due = t("cli_worse", lang), t("cli_due", lang)
    print(" · ".join(f"{status_badge(s, lang)} {n} ({n - result.counts_since.get(s, 0):+d})"
                     for s, n in result.counts.items() if n or result.counts_since.get(s)))
    for m in result.worsened[:summary.WORSENED_SHOWN]:
        print(f"{worse:6} {m['target']:28} {status_badge(m['from'], lang)} -> {status_badge(m['to'], lang)}  {m['reason']}")
    for d in result.due:
        print(f"{due:6} {d['date'].isoformat()}  {d['what']}")
    for s in result.card.statuses:
        share = "" if s.progress is None else f"{s.progress:4.0%}"
        print(f"{s.target:28} {status_badge(s.status, lang):22} {share:>5}  {s.needed or ''}")
    return 0
