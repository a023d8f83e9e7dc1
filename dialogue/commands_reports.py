"""`python -m dialogue brief`: write a briefing pack, periodic report or public report into a folder."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from dialogue import config, db
from dialogue.reports import documents
from dialogue.reports.content import parse_known_at


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a date; expected YYYY-MM-DD, e.g. 2026-06-30") from None


def cmd_brief(args) -> int:
    """Generate the documents for --as-of (as known at --known-at, default now) and print their paths."""
    try:
        as_of = _date(args.as_of, "--as-of")
        since = _date(args.since, "--since")
        known_at = parse_known_at(args.known_at) if args.known_at else None
    except ValueError as exc:
        msg = str(exc)
        if "--" not in msg:
            msg = f"--known-at {args.known_at!r} is not a timestamp; expected e.g. 2026-06-30 or 2026-06-30T12:00:00"
        print(f"error: {msg}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    con = db.connect(config.db_path(args.db))
    try:
        content, files = documents(con, as_of, known_at=known_at, since=since, kind=args.kind, lang=args.lang)
    finally:
        con.close()
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        print(path)
    if not content.known_at_given:
        print(f"data as known at {content.known_at_text} UTC "
              f"(pass --known-at to reproduce this report later)", file=sys.stderr)
    return 0
