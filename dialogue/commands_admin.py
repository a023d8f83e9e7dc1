"""The administrator's verbs: `users add|list|remove|unlock`, `backup DIR`, `restore DIR` (into --db NEW)."""
from __future__ import annotations

import getpass
import sys

from dialogue import audit, auth, backup, config, db
from dialogue.coded import said
from dialogue.commands_common import CommandError, lang_of, read_only_reason, refuse_read_only, say_line, warn_line
from dialogue.i18n import t
from dialogue.roles import cli_actor


def read_new_password(prompt_name: str, stdin=None, lang: str = "en") -> str:
    """The password twice: asked on a terminal, else the first two lines of standard input."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass(t("cli_password_for", lang, name=prompt_name))
        second = getpass.getpass(t("cli_password_again", lang))
    else:
        first = stdin.readline().rstrip("\r\n")
        second = stdin.readline().rstrip("\r\n")
    if first != second:
        raise auth.UserError("user_passwords_differ")
    return first


def cmd_users(args) -> int:
    store = auth.UserStore()
    lang = lang_of(args)
    if args.users_verb == "list":
        users = store.users()
        if not users:
            say_line(args, "cli_no_users", path=str(store.path))
            return 0
        for u in users:
            lock = store.locked_until(u.name)
            ways = [t(key, lang) for key, has in (("cli_sign_in_password", u.has_password),
                                                  ("cli_sign_in_email", bool(u.email))) if has]
            print(f"{u.name}\t{u.role}\t{u.email or '-'}\t{' + '.join(ways)}"
                  + ("\t" + t("cli_user_waits", lang, until=f"{lock:%Y-%m-%d %H:%M}", name=u.name) if lock else ""))
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
                password = read_new_password(args.name, lang=lang)
                store.add(con, actor, args.name, args.role, password or None, email=args.email)
            except auth.UserError as exc:
                warn_line(args, exc)
                return 1
            say_line(args, "cli_user_added", name=args.name, role=said(f"role_{args.role}"), path=str(store.path))
        elif args.users_verb == "remove":
            try:
                store.remove(con, actor, args.name)
            except auth.UserError as exc:
                warn_line(args, exc)
                return 1
            say_line(args, "cli_user_removed", name=args.name, path=str(store.path))
        elif args.users_verb == "unlock":
            try:
                cleared = store.unlock(con, actor, args.name)
            except auth.UserError as exc:
                warn_line(args, exc)
                return 1
            say_line(args, "cli_user_unlocked", name=args.name, addresses=auth.addresses_text(cleared, lang))
        if not isinstance(con, audit.PendingLog):
            con.execute("checkpoint")
    finally:
        if not isinstance(con, audit.PendingLog):
            con.close()
    return 0


def cmd_backup(args) -> int:
    path = config.db_path(args.db)
    if not path.exists():
        warn_line(args, said("cli_no_database", path=str(path)))
        return 1
    if why := read_only_reason(path):
        raise CommandError("cli_backup_read_only", path=str(path), why=why)
    try:
        con = db.connect(path)
    except db.DatabaseBusy as exc:
        # The dashboard holds the file: its own connection takes the backup for us.
        try:
            manifest = backup.request_backup(path, args.dir)
        except backup.BackupError as why:
            warn_line(args, said("cli_backup_busy", busy=exc, why=why))
            return 1
        say_line(args, "cli_backed_up_through", path=str(path), dir=args.dir, rows=_rows(manifest))
        return 0
    try:
        manifest = backup.backup(con, args.dir, cli_actor(None))
        con.execute("checkpoint")
    except backup.BackupError as exc:
        warn_line(args, exc)
        return 1
    finally:
        con.close()
    say_line(args, "cli_backed_up", path=str(path), dir=args.dir, rows=_rows(manifest))
    return 0


def _rows(manifest: dict) -> str:
    return ", ".join(f"{t} {i['rows']}" for t, i in manifest["tables"].items())


def cmd_restore(args) -> int:
    if not args.db:
        warn_line(args, said("cli_restore_needs_db"))
        return 2
    try:
        manifest = backup.restore(args.dir, args.db, cli_actor(None))
    except backup.BackupError as exc:
        warn_line(args, exc)
        return 1
    say_line(args, "cli_restored", dir=args.dir, taken=manifest["created_utc"], db=args.db)
    if manifest["started_empty"]:
        say_line(args, "cli_restored_empty", tables=", ".join(manifest["started_empty"]))
    return 0
