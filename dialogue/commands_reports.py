"""`python -m dialogue brief`: write a briefing pack, periodic report or public report into a folder."""
from __future__ import annotations

import sys
from pathlib import Path

from dialogue import files
from dialogue.commands_common import CommandError, UsageError, open_for_reading, parse_date, parse_moment
from dialogue.reports import documents


def cmd_brief(args) -> int:
    """Generate the documents for --as-of (as known at --known-at, default now) and print their paths."""
    as_of = parse_date(args.as_of, "--as-of")
    since = parse_date(args.since, "--since")
    known_at = parse_moment(args.known_at, "--known-at")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; brief writes its documents into a folder (a new or existing one)")
    con = open_for_reading(args)
    try:
        content, made = documents(con, as_of, known_at=known_at, since=since, kind=args.kind, lang=args.lang)
    finally:
        con.close()
    written = []
    for name, data in made.items():
        path = out / name
        try:
            written.append(files.write_bytes(path, data))
        except OSError as exc:
            done = f"; already written: {', '.join(map(str, written))}" if written else ""
            raise CommandError(files.describe_os_error(exc, path, "could not write")
                               + f" (no partial file was left{done})") from None
    for path in written:
        print(path)
    if not content.known_at_given:
        print(f"data as known at {content.known_at_text} UTC "
              f"(pass --known-at to reproduce this report later)", file=sys.stderr)
    return 0
