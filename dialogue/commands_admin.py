"""The administrator's verbs: `users add|list|remove|unlock`, `backup DIR`, `restore DIR` (into --db NEW)."""
from __future__ import annotations

import getpass
import sys

from dialogue import audit, auth, backup, config, db
from dialogue.commands_common import CommandError, read_only_reason, refuse_read_only
from dialogue.roles import cli_actor


def read_new_password(prompt_name: str, stdin=None) -> str:
    """The password twice: asked on a terminal, else the first two lines of standard input."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass(f"Password for {prompt_name} (empty for identity-provider only): ")
        second = getpass.getpass("Repeat the password: ")
    else:
        first = stdin.readline().rstrip("\r\n")
        second = stdin.readline().rstrip("\r\n")
    if first != second:
        raise auth.UserError("the two passwords differ; nothing was changed")
    return first


def cmd_users(args) -> int:
    store = auth.UserStore()
    if args.users_verb == "list":
        users = store.users()
        if not users:
            print(f"no users in {store.path}: the dashboard runs in local mode (localhost only)")
            return 0
        for u in users:
            lock = store.locked_until(u.name)
            sign_in = ("password" if u.has_password else "") + (" + e-mail" if u.email and u.has_password else
                                                                "e-mail" if u.email else "")
            print(f"{u.name}\t{u.role}\t{u.email or '-'}\t{sign_in}"
                  + (f"\tsign-in waits until {lock:%Y-%m-%d %H:%M} UTC (users unlock {u.name} ends it)"
                     if lock else ""))
        return 0
    actor = cli_actor(None)
    path = config.db_path(args.db)
    refuse_read_only(path, f"users {args.users_verb}")     # the change is audited in the database
    try:
        if not path.exists():                   # never create an empty database here: the dashboard
            raise FileNotFoundError(path)       # fills a missing one from the bundled data first
        con = db.connect(path)                  # user changes are audited in the database ...
        audit.import_pending(con, path)
    except (db.DatabaseBusy, FileNotFoundError):
        con = audit.PendingLog(path)            # ... or next to it, until the dashboard moves them in
    try:
        if args.users_verb == "add":
            try:
                password = read_new_password(args.name)
                store.add(con, actor, args.name, args.role, password or None, email=args.email)
            except auth.UserError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"added {args.name} ({args.role}) to {store.path}")
        elif args.users_verb == "remove":
            try:
                store.remove(con, actor, args.name)
            except auth.UserError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"removed {args.name} from {store.path}")
        elif args.users_verb == "unlock":
            try:
                cleared = store.unlock(con, actor, args.name)
            except auth.UserError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            print(f"unlocked {args.name}: failed sign-ins forgotten from {cleared} address"
                  f"{'es' if cleared != 1 else ''}")
        if not isinstance(con, audit.PendingLog):
            con.execute("checkpoint")
    finally:
        if not isinstance(con, audit.PendingLog):
            con.close()
    return 0


def cmd_backup(args) -> int:
    path = config.db_path(args.db)
    if not path.exists():
        print(f"error: no database at {path}", file=sys.stderr)
        return 1
    if read_only_reason(path):
        raise CommandError(f"the database {path} is read-only ({read_only_reason(path)}), so a backup cannot record "
                           "itself in its audit log; nothing was done. A read-only file cannot change: copy it instead")
    try:
        con = db.connect(path)
    except db.DatabaseBusy as exc:
        # The dashboard holds the file: its own connection takes the backup for us.
        try:
            manifest = backup.request_backup(path, args.dir)
        except backup.BackupError as why:
            print(f"error: {exc} ({why}.) An administrator can also back up from the dashboard's "
                  "Admin page (Settings and backup).", file=sys.stderr)
            return 1
        print(f"backed up {path} to {args.dir} through the running dashboard ({_rows(manifest)})")
        return 0
    try:
        manifest = backup.backup(con, args.dir, cli_actor(None))
        con.execute("checkpoint")
    except backup.BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    print(f"backed up {path} to {args.dir} ({_rows(manifest)})")
    return 0


def _rows(manifest: dict) -> str:
    return ", ".join(f"{t} {i['rows']}" for t, i in manifest["tables"].items())


def cmd_restore(args) -> int:
    if not args.db:
        print("error: restore needs --db NEW, the new database file to create", file=sys.stderr)
        return 2
    try:
        manifest = backup.restore(args.dir, args.db, cli_actor(None))
    except backup.BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"restored {args.dir} (taken {manifest['created_utc']} UTC) into {args.db}; "
          "every table matches the backup's fingerprints")
    if manifest["started_empty"]:
        print("tables added since the backup was taken start empty: " + ", ".join(manifest["started_empty"]))
    return 0
