"""The data verbs of the command line: ingest, init, history, rollback, template, export."""
from __future__ import annotations

import sys
from pathlib import Path

from dialogue import config, roles, strict_json
from dialogue.commands_common import (OK, REJECTED, USAGE, CommandError, open_for_reading, open_for_writing,
                                      parse_moment, refuse_read_only)
from dialogue.files import describe_os_error


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


# ---------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from dialogue.ingest import ingest

    path = Path(args.file)
    if not path.is_file():
        _err(f"no such file: {path}")
        return USAGE
    data = path.read_bytes()
    con = open_for_reading(args) if args.dry_run else open_for_writing(args, "ingest")
    try:
        report = ingest(con, data, path.name, roles.cli_actor(args.user), dataset=args.dataset, mode=args.mode,
                        dry_run=args.dry_run, encoding=getattr(args, "encoding", None),
                        include_hidden=getattr(args, "include_hidden", False))
    finally:
        con.close()
    if args.json:
        print(strict_json.dumps(report.to_json(args.lang), ensure_ascii=False, default=str))
    else:
        print(_describe(report, args.lang))
    return OK if report.ok else REJECTED


def _describe(report, lang: str = "en") -> str:
    from dialogue.messages import localized_all

    lines = [report.message]
    for e in localized_all(report.errors, lang):
        where = [x for x in (e["file"], e["sheet"] and f"sheet {e['sheet']}", e["row"] is not None and f"row {e['row']}",
                             e["column"] and f"column {e['column']}") if x]
        value = f" value {e['value']!r}:" if e.get("value") is not None else ""
        lines.append(f"  ✗ {', '.join(where)}:{value} {e['message']}")
    for w in report.warnings:
        lines.append(f"  ! {w}")
    plan = report.changes
    if plan is not None and report.dry_run and plan.changed:
        lines += _preview(plan)
    return "\n".join(lines)


def _preview(plan) -> list[str]:
    from dialogue.datasets import DATASETS

    key = DATASETS[plan.dataset].key
    lines = []
    for title, frame in (("added", plan.added_rows), ("removed", plan.removed_rows)):
        for row in frame.itertuples(index=False):
            values = row._asdict()
            lines.append(f"  {'+' if title == 'added' else '-'} " + " · ".join(
                "—" if _blank(values[k]) else str(values[k]) for k in key)
                + ("" if title == "removed" else f"  ({_short(values)})"))
    for cell in plan.updated_cells.itertuples(index=False):
        lines.append(f"  ~ {cell.key}: {cell.column} {cell.old} → {cell.new}")
    if plan.truncated:
        lines.append(f"  … preview shortened; totals: {plan.rows}")
    return lines


def _blank(v) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _short(values: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if not _blank(v) and k not in ("publishable", "synthetic"))[:160]


# ---------------------------------------------------------------- init

def cmd_init(args) -> int:
    from dialogue.workspace import WorkspaceError, init_database

    path = config.db_path(args.db)
    refuse_read_only(path, "init")
    try:
        result = init_database(path, args.workspace, force=args.force)
    except WorkspaceError as exc:
        _err(str(exc))
        return REJECTED
    for line in result.messages:
        print(line)
    print(f"Database {path} holds the {args.workspace} workspace.")
    return OK


# ---------------------------------------------------------------- history and rollback

def cmd_history(args) -> int:
    from dialogue.store import history

    con = open_for_reading(args)
    try:
        uploads = history(con)
    finally:
        con.close()
    if args.json:
        print(strict_json.dumps(uploads, ensure_ascii=False, default=str))
        return OK
    if not uploads:
        print("No uploads yet.")
        return OK
    for u in uploads:
        r = u["rows"]
        status = f"rolled back by #{u['rolled_back_by']}" if u["rolled_back_by"] else (
            f"undoes #{u['rolls_back']}" if u["rolls_back"] else "active")
        print(f"#{u['upload_id']:<5} {u['time']}  {u['dataset']:<10} {u['mode']:<8} {u['user']:<14} "
              f"+{r['added']} ~{r['updated']} ={r['unchanged']} -{r['removed']}  {status}  {u['file']}")
    return OK


def cmd_rollback(args) -> int:
    from dialogue.store import StoreError, history, rollback

    con = open_for_writing(args, "rollback")
    try:
        try:
            new_id = rollback(con, args.upload_id, roles.cli_actor(args.user))
        except StoreError as exc:
            if getattr(args, "json", False):
                print(strict_json.dumps({"ok": False, "upload_id": None, "rolls_back": args.upload_id, "error": str(exc)}))
            _err(str(exc))
            return REJECTED
        entry = next(u for u in history(con) if u["upload_id"] == new_id)
    finally:
        con.close()
    if getattr(args, "json", False):
        print(strict_json.dumps({"ok": True, "upload_id": new_id, "rolls_back": args.upload_id, "rows": entry["rows"]}))
    else:
        r = entry["rows"]
        print(f"Rolled back upload #{args.upload_id} as upload #{new_id}: {r['added']} restored, "
              f"{r['updated']} reverted, {r['removed']} removed.")
    return OK


# ---------------------------------------------------------------- template and export

def cmd_template(args) -> int:
    from dialogue.templates import write_template

    try:
        out = write_template(args.dataset, args.out)
    except OSError as exc:
        raise CommandError(describe_os_error(exc, args.out, "could not write")
                           + "; no file was left behind") from None
    print(f"Wrote the blank {args.dataset} template to {out}.")
    return OK


def cmd_export(args) -> int:
    from dialogue.export import FORMATS, export_dataset

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        _err(f"--out must end in {' or '.join(FORMATS)}, not {out.suffix or 'no extension'!r}")
        return USAGE
    known_at = parse_moment(args.known_at, "--as-known-at")
    con = open_for_reading(args)
    try:
        n = export_dataset(con, args.dataset, out, known_at=known_at)
    except OSError as exc:
        raise CommandError(describe_os_error(exc, out, "could not write")
                           + ("; the existing file is unchanged" if out.exists() else "; no file was left behind")
                           ) from None
    finally:
        con.close()
    when = f" as known at {known_at.isoformat(sep=' ')} UTC" if known_at else ""
    print(f"Exported {n} {args.dataset} rows{when} to {out}.")
    return OK
