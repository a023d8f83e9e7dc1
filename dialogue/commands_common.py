"""What every verb shares: its failures as one line and an exit code, option parsing, opening the database."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

from dialogue import config, db

# Exit codes shared by every verb.
OK, REJECTED, USAGE = 0, 1, 2


class CommandError(Exception):
    """A refusal or failure the command reports in one line (exit 1)."""

    code = REJECTED


class UsageError(CommandError):
    """An option the command cannot use as given (exit 2)."""

    code = USAGE


def parse_date(text: str | None, option: str) -> date | None:
    """An ISO date option (None when not given); a bad or impossible date is a usage error."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date; expected YYYY-MM-DD, e.g. 2026-06-30") from None


def parse_timestamp(text: str) -> datetime:
    """An ISO date or timestamp as naive UTC (a zone offset, if given, is converted); ValueError if it is none."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def parse_moment(text: str | None, option: str) -> datetime | None:
    """A timestamp option such as --known-at (None when not given); anything else is a usage error."""
    if not text:
        return None
    try:
        return parse_timestamp(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a timestamp; expected YYYY-MM-DD or "
                         "'YYYY-MM-DD HH:MM[:SS]' (UTC), e.g. 2026-03-01T14:30:00") from None


def read_only_reason(path: Path) -> str | None:
    """Why an existing database cannot be written (its file or its folder, where DuckDB keeps the log), or None."""
    if not path.exists():
        return None
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return "it lies on a read-only file system"
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def open_for_reading(args):
    """The database for a verb that only reads, opened read-only: it works on a read-only file, beside other
    readers, and writes nothing. A missing file is first created empty (as every verb but init does); a file made
    by an older version that lacks tables or macros is completed first (db.connect), or refused in one line when
    it cannot be written. (A targets file changed since the last recorded version counts as known from its
    modification time: dialogue.target_versions.)"""
    path = config.db_path(args.db)
    if not path.exists():
        db.connect(path).close()
    return db.connect(path, read_only=True)


def refuse_read_only(path: Path, verb: str) -> None:
    """Refuse (one line, exit 1) a verb that changes the database when the database cannot be written."""
    why = read_only_reason(path)
    if why:
        raise CommandError(f"the database {path} is read-only ({why}): `{verb}` changes it, so nothing was done; "
                           "reading verbs (status, history, export, brief ...) still work on it")


def open_for_writing(args, verb: str):
    """The database for a verb that changes it; a read-only one is refused before anything is done."""
    path = config.db_path(args.db)
    refuse_read_only(path, verb)
    return db.connect(path)
