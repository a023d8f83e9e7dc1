"""What every verb shares: its failures as one line and an exit code, option parsing, opening the database."""
from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from dialogue import config, db
from dialogue.coded import Coded, Said, said, say

# Exit codes shared by every verb.
OK, REJECTED, USAGE = 0, 1, 2


class CommandError(Coded):
    """A refusal or failure the command reports in one line (exit 1), raised with an i18n key and its values."""

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
        raise UsageError("cli_not_a_date", option=option, text=text) from None


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
        raise UsageError("cli_not_a_moment", option=option, text=text) from None


def read_only_reason(path: Path) -> Said | None:
    """Why an existing database cannot be written (its file or its folder, where DuckDB keeps the log), or None."""
    if not path.exists():
        return None
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return said("cli_ro_fs")
    if not os.access(path, os.W_OK):
        return said("cli_ro_file")
    if not os.access(path.parent, os.W_OK):
        return said("cli_ro_folder", folder=str(path.parent))
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
        raise CommandError("cli_read_only", path=str(path), why=why, verb=verb)


def open_for_writing(args, verb: str):
    """The database for a verb that changes it; a read-only one is refused before anything is done."""
    path = config.db_path(args.db)
    refuse_read_only(path, verb)
    return db.connect(path)


def lang_of(args) -> str:
    """The language a verb speaks: its --lang (en when a caller built args without one)."""
    return getattr(args, "lang", None) or "en"


def say_line(args, key: str, **params) -> None:
    """Print the text `key` in the verb's language."""
    print(said(key, **params).text(lang_of(args)))


def warn_line(args, message) -> None:
    """Print `error: message` on stderr in the verb's language (message: a Said, a coded error or plain text)."""
    print(said("cli_error", message=say(message, lang_of(args))).text(lang_of(args)), file=sys.stderr)
