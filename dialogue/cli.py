"""`python -m dialogue [--db PATH] VERB ...`: the command line; each verb's work lives in its own module."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from dialogue import strict_json
from dialogue.messages import LANGS

# verb -> "module:function"; each function takes the parsed args and returns an exit code
# (0 done, 1 rejected / failed, 2 usage error).
HANDLERS = {
    "ingest": "dialogue.commands_data:cmd_ingest",
    "init": "dialogue.commands_data:cmd_init",
    "history": "dialogue.commands_data:cmd_history",
    "rollback": "dialogue.commands_data:cmd_rollback",
    "template": "dialogue.commands_data:cmd_template",
    "export": "dialogue.commands_data:cmd_export",
    "status": "dialogue.commands_status:cmd_status",
    "summary": "dialogue.commands_status:cmd_summary",
    "delivery": "dialogue.commands_delivery:cmd_delivery",
    "assess": "dialogue.commands_assess:cmd_assess",
    "region": "dialogue.commands_region:cmd_region",
    "brief": "dialogue.commands_reports:cmd_brief",
    "users": "dialogue.commands_admin:cmd_users",
    "backup": "dialogue.commands_admin:cmd_backup",
    "restore": "dialogue.commands_admin:cmd_restore",
    "serve": "dialogue.commands_serve:cmd_serve",
}

DATASET_NAMES = ("trade", "exercises", "agreements", "events", "working_groups", "actions", "commitments",
                 "peer_trade")


def default_lang() -> str:
    """The language a verb speaks unless --lang says otherwise: $DIALOGUE_LANG when it names one, else en."""
    lang = os.environ.get("DIALOGUE_LANG", "")
    return lang if lang in LANGS else "en"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dialogue", description=__doc__)
    p.add_argument("--db", help="database file (default $DIALOGUE_DB or data/dialogue.duckdb)")
    sub = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    common = argparse.ArgumentParser(add_help=False)      # what every verb takes
    common.add_argument("--lang", choices=LANGS, default=default_lang(),
                        help="language of messages and reports (default $DIALOGUE_LANG, else en)")
    inner = argparse.ArgumentParser(add_help=False)       # the same option after a sub-verb (users add ... --lang)
    inner.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def verb(name: str, **kw) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kw)

    s = verb("ingest", help="validate a spreadsheet and commit it")
    s.add_argument("file")
    s.add_argument("--dataset", choices=DATASET_NAMES)
    s.add_argument("--mode", choices=("merge", "replace"), default="merge")
    s.add_argument("--dry-run", action="store_true")
    s.add_argument("--user")
    s.add_argument("--json", action="store_true")
    s.add_argument("--encoding", help="force the text encoding of a CSV/TXT file (e.g. cp1250)")
    s.add_argument("--include-hidden", action="store_true",
                   help="also read hidden and very hidden sheets of a workbook (skipped by default)")

    s = verb("init", help="create the database with bundled data")
    s.add_argument("--workspace", choices=("reference", "demo", "empty"), default="reference")
    s.add_argument("--force", action="store_true", help="replace an existing database file")

    s = verb("history", help="list uploads")
    s.add_argument("--json", action="store_true")

    s = verb("rollback", help="undo an upload as a new recorded change")
    s.add_argument("upload_id", type=int)
    s.add_argument("--user")
    s.add_argument("--json", action="store_true")

    s = verb("template", help="write a blank .xlsx template for a dataset")
    s.add_argument("dataset", choices=DATASET_NAMES)
    s.add_argument("--out", required=True)

    s = verb("export", help="export a dataset (canonical columns) to CSV or XLSX")
    s.add_argument("dataset", choices=DATASET_NAMES)
    s.add_argument("--out", required=True)
    s.add_argument("--as-known-at", dest="known_at")

    s = verb("status", help="status of every target")
    s.add_argument("--as-of")
    s.add_argument("--known-at")
    s.add_argument("--json", action="store_true")

    s = verb("region", help="Serbia's trade with the US beside its neighbours': turnover, growth, rank")
    s.add_argument("--as-of")
    s.add_argument("--json", action="store_true")

    s = verb("summary", help="the one-screen answer: counts, what changed, what is due, what it would take")
    s.add_argument("--as-of")
    s.add_argument("--known-at")
    s.add_argument("--json", action="store_true")

    s = verb("delivery", help="working groups, actions and commitments, with overdue and slipping flagged")
    s.add_argument("--as-of", required=True)
    s.add_argument("--known-at")
    s.add_argument("--json", action="store_true")

    s = verb("assess", help="quarterly assessments: record one, approve another analyst's, list them")
    av = s.add_subparsers(dest="assess_verb", required=True)
    a = av.add_parser("record", parents=[inner], help="record a target's assessment for a quarter (a draft)")
    a.add_argument("--target", required=True)
    a.add_argument("--quarter", required=True, help="YYYY-Qn, e.g. 2026-Q3")
    a.add_argument("--confidence", choices=("high", "medium", "low"), required=True)
    a.add_argument("--narrative", required=True)
    a.add_argument("--next-steps", dest="next_steps")
    a.add_argument("--user")
    a = av.add_parser("approve", parents=[inner], help="approve a draft (not your own)")
    a.add_argument("assessment_id", type=int)
    a.add_argument("--user")
    a = av.add_parser("list", parents=[inner], help="the current assessments")
    a.add_argument("--known-at")
    shown = a.add_mutually_exclusive_group()
    shown.add_argument("--drafts", action="store_true", help="only those awaiting approval")
    shown.add_argument("--approved", action="store_true", help="only approved ones")
    a.add_argument("--json", action="store_true")

    s = verb("brief", help="generate a briefing pack or report")
    s.add_argument("--as-of", required=True)
    s.add_argument("--known-at")
    s.add_argument("--since")
    s.add_argument("--kind", choices=("briefing", "quarterly", "annual", "public"), default="briefing")
    s.add_argument("--out", required=True)

    s = verb("users", help="manage sign-in users")
    us = s.add_subparsers(dest="users_verb", required=True)
    a = us.add_parser("add", parents=[inner])
    a.add_argument("name")
    a.add_argument("--role", choices=("viewer", "analyst", "admin"), required=True)
    a.add_argument("--email", help="e-mail for identity-provider (OIDC) sign-in")
    us.add_parser("list", parents=[inner])
    r = us.add_parser("remove", parents=[inner])
    r.add_argument("name")
    u = us.add_parser("unlock", parents=[inner], help="end the wait after failed sign-ins, from every address")
    u.add_argument("name")

    s = verb("backup", help="online backup of the database into DIR")
    s.add_argument("dir")
    s = verb("restore", help="restore a backup DIR into --db")
    s.add_argument("dir")

    s = verb("serve", help="run the dashboard (refused without users on a non-loopback address)")
    s.add_argument("--address", help="listen address (default: server.address in .streamlit/config.toml)")
    s.add_argument("--port", type=int)
    s.add_argument("extra", nargs="*", help="after --: further `streamlit run` options")
    return p


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv), hand_off=True)


def run(args: argparse.Namespace, hand_off: bool = False) -> int:
    """Run a parsed command; with `hand_off`, a database held by a running dashboard runs it there
    (dialogue/handoff.py), so every verb works beside the dashboard."""
    module, func = HANDLERS[args.verb].split(":")
    handler = getattr(importlib.import_module(module), func)
    try:
        code = int(handler(args) or 0)
        sys.stdout.flush()                  # a closed pipe shows up here, not at interpreter exit
        return code
    except BrokenPipeError:                 # e.g. `status | head -1`: the reader left; exit quietly
        _silence_stdout()
        return 141
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: one readable line and an exit code, never a traceback
        if hand_off and (code := _through_dashboard(args, exc)) is not None:
            return code
        if os.environ.get("DIALOGUE_TRACEBACK"):
            raise
        from dialogue.coded import code_of, said

        lang = getattr(args, "lang", None) or "en"
        message, code = failure(exc, lang)
        _release_quietly(exc)
        if getattr(args, "json", False):    # tools reading --json always get JSON: a stable code, the text in `error`
            print(strict_json.dumps({"ok": False, "code": code_of(exc), "error": message}, ensure_ascii=False))
        print(said("cli_error", message=message).text(lang), file=sys.stderr)
        return code


def _through_dashboard(args: argparse.Namespace, exc: Exception) -> int | None:
    """The exit code of the command run by the dashboard that holds the database, or None (not busy, or no
    dashboard listening: the busy message stands)."""
    from dialogue import config, db, handoff

    if not isinstance(exc, db.DatabaseBusy):
        return None
    return handoff.hand_off(args, config.db_path(args.db))


def failure(exc: Exception, lang: str = "en") -> tuple[str, int]:
    """A command's failure as (one line in `lang`, exit code): 2 for usage errors, 1 for everything else."""
    import duckdb

    from dialogue.coded import Coded, said, say
    from dialogue.commands_common import CommandError
    from dialogue.files import describe_os_error

    if isinstance(exc, CommandError):
        message, code = say(exc, lang), exc.code
    elif isinstance(exc, Coded):           # the package's coded refusals (busy, permission, users, backup ...)
        message, code = say(exc, lang), 1
    elif isinstance(exc, OSError):
        message, code = describe_os_error(exc), 1
    elif isinstance(exc, duckdb.Error):
        message, code = said("cli_db_unusable", why=str(exc)).text(lang), 1
    elif type(exc).__module__.startswith("dialogue"):   # the package's other refusals (a problem text in `lang`)
        message, code = say(exc, lang), 1
    else:
        message, code = said("cli_unexpected", kind=type(exc).__name__, why=str(exc)).text(lang), 1
    return " ".join(message.split()), code


def _release_quietly(exc: BaseException) -> None:
    """Free what the failed work left behind (e.g. a half-written workbook) now, without the "Exception
    ignored in ..." tracebacks its finalisers print when they meet the same full disk again."""
    import gc

    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        seen = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            exc.__traceback__ = None
            exc = exc.__cause__ or exc.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's last flush cannot raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):   # stdout replaced (tests) or already closed
        pass
