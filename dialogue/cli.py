"""`python -m dialogue [--db PATH] VERB ...`: the command line; each verb's work lives in its own module."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

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
    "brief": "dialogue.commands_reports:cmd_brief",
    "users": "dialogue.commands_admin:cmd_users",
    "backup": "dialogue.commands_admin:cmd_backup",
    "restore": "dialogue.commands_admin:cmd_restore",
    "serve": "dialogue.commands_serve:cmd_serve",
}

DATASET_NAMES = ("trade", "exercises", "agreements", "events", "working_groups", "actions", "commitments")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dialogue", description=__doc__)
    p.add_argument("--db", help="database file (default $DIALOGUE_DB or data/dialogue.duckdb)")
    sub = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    s = sub.add_parser("ingest", help="validate a spreadsheet and commit it")
    s.add_argument("file")
    s.add_argument("--dataset", choices=DATASET_NAMES)
    s.add_argument("--mode", choices=("merge", "replace"), default="merge")
    s.add_argument("--dry-run", action="store_true")
    s.add_argument("--user")
    s.add_argument("--json", action="store_true")
    s.add_argument("--encoding", help="force the text encoding of a CSV/TXT file (e.g. cp1250)")

    s = sub.add_parser("init", help="create the database with bundled data")
    s.add_argument("--workspace", choices=("reference", "demo", "empty"), default="reference")
    s.add_argument("--force", action="store_true", help="replace an existing database file")

    s = sub.add_parser("history", help="list uploads")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("rollback", help="undo an upload as a new recorded change")
    s.add_argument("upload_id", type=int)
    s.add_argument("--user")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("template", help="write a blank .xlsx template for a dataset")
    s.add_argument("dataset", choices=DATASET_NAMES)
    s.add_argument("--out", required=True)

    s = sub.add_parser("export", help="export a dataset (canonical columns) to CSV or XLSX")
    s.add_argument("dataset", choices=DATASET_NAMES)
    s.add_argument("--out", required=True)
    s.add_argument("--as-known-at", dest="known_at")

    s = sub.add_parser("status", help="status of every target")
    s.add_argument("--as-of")
    s.add_argument("--known-at")
    s.add_argument("--lang", choices=("en", "sr-Latn", "sr-Cyrl"), default="en")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("summary", help="the one-screen answer: counts, what changed, what is due, what it would take")
    s.add_argument("--as-of")
    s.add_argument("--known-at")
    s.add_argument("--lang", choices=("en", "sr-Latn", "sr-Cyrl"), default="en")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("delivery", help="working groups, actions and commitments, with overdue and slipping flagged")
    s.add_argument("--as-of", required=True)
    s.add_argument("--known-at")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("brief", help="generate a briefing pack or report")
    s.add_argument("--as-of", required=True)
    s.add_argument("--known-at")
    s.add_argument("--since")
    s.add_argument("--kind", choices=("briefing", "quarterly", "annual", "public"), default="briefing")
    s.add_argument("--lang", choices=("en", "sr-Latn", "sr-Cyrl"), default="en")
    s.add_argument("--out", required=True)

    s = sub.add_parser("users", help="manage sign-in users")
    us = s.add_subparsers(dest="users_verb", required=True)
    a = us.add_parser("add")
    a.add_argument("name")
    a.add_argument("--role", choices=("viewer", "analyst", "admin"), required=True)
    a.add_argument("--email", help="e-mail for identity-provider (OIDC) sign-in")
    us.add_parser("list")
    r = us.add_parser("remove")
    r.add_argument("name")

    s = sub.add_parser("backup", help="online backup of the database into DIR")
    s.add_argument("dir")
    s = sub.add_parser("restore", help="restore a backup DIR into --db")
    s.add_argument("dir")

    s = sub.add_parser("serve", help="run the dashboard (refused without users on a non-loopback address)")
    s.add_argument("--address", help="listen address (default: server.address in .streamlit/config.toml)")
    s.add_argument("--port", type=int)
    s.add_argument("extra", nargs="*", help="after --: further `streamlit run` options")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
    except Exception as exc:  # the last line of defence: a readable message, not a traceback
        from dialogue.db import DatabaseBusy
        from dialogue.roles import PermissionDenied

        if isinstance(exc, (DatabaseBusy, PermissionDenied)):
            print(f"error: {exc}", file=sys.stderr)
            return 1
        raise


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's last flush cannot raise BrokenPipeError again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):   # stdout replaced (tests) or already closed
        pass
