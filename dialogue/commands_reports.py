"""`python -m dialogue brief`: write a briefing pack, periodic report or public report into a folder."""
from __future__ import annotations

import sys
from pathlib import Path

from dialogue.reports import render


def cmd_brief(args) -> int:
    """Generate the documents for --as-of (as known at --known-at, default now) and print their paths."""
    if args.kind != "public":
        render.warm_up()        # the chart engine starts while pandas, Altair and fpdf2 are imported
    from dialogue import files
    from dialogue.coded import said
    from dialogue.commands_common import (
        CommandError,
        UsageError,
        lang_of,
        open_for_reading,
        parse_date,
        parse_moment,
    )
    from dialogue.reports import documents

    as_of = parse_date(args.as_of, "--as-of")
    since = parse_date(args.since, "--since")
    known_at = parse_moment(args.known_at, "--known-at")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError("cli_brief_out_is_file", out=str(out))
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
            done = said("cli_brief_written", paths=", ".join(map(str, written))) if written else ""
            raise CommandError("cli_brief_partial", done=done, what=said(
                "cli_could_not_write", path=str(path), why=exc.strerror or str(exc))) from None
    for path in written:
        print(path)
    if not content.known_at_given:
        print(said("cli_brief_known_at", moment=content.known_at_text).text(lang_of(args)), file=sys.stderr)
    return 0
