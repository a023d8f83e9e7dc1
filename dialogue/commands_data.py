"""The data verbs of the command line: ingest, init, history, rollback, template, export."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from dialogue import config, db, roles

# Exit codes shared by every verb.
OK, REJECTED, USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _open(args):
    """The database of --db / $DIALOGUE_DB / the default; a missing file is created empty."""
    return db.connect(config.db_path(args.db))


def parse_timestamp(text: str) -> datetime:
    """An ISO date or timestamp as naive UTC (a zone offset, if given, is converted)."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


# ---------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from dialogue.ingest import ingest

    path = Path(args.file)
    if not path.is_file():
        _err(f"no such file: {path}")
        return USAGE
    data = path.read_bytes()
    con = _open(args)
    try:
        report = ingest(con, data, path.name, roles.cli_actor(args.user), dataset=args.dataset, mode=args.mode,
                        dry_run=args.dry_run, encoding=getattr(args, "encoding", None))
    finally:
        con.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, default=str))
    else:
        print(_describe(report))
    return OK if report.ok else REJECTED


def _describe(report) -> str:
    lines = [report.message]
    for e in report.errors:
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

    con = _open(args)
    try:
        uploads = history(con)
    finally:
        con.close()
    if args.json:
        print(json.dumps(uploads, ensure_ascii=False, default=str))
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

    con = _open(args)
    try:
        try:
            new_id = rollback(con, args.upload_id, roles.cli_actor(args.user))
        except StoreError as exc:
            if getattr(args, "json", False):
                print(json.dumps({"ok": False, "upload_id": None, "rolls_back": args.upload_id, "error": str(exc)}))
            _err(str(exc))
            return REJECTED
        entry = next(u for u in history(con) if u["upload_id"] == new_id)
    finally:
        con.close()
    if getattr(args, "json", False):
        print(json.dumps({"ok": True, "upload_id": new_id, "rolls_back": args.upload_id, "rows": entry["rows"]}))
    else:
        r = entry["rows"]
        print(f"Rolled back upload #{args.upload_id} as upload #{new_id}: {r['added']} restored, "
              f"{r['updated']} reverted, {r['removed']} removed.")
    return OK


# ---------------------------------------------------------------- template and export

def cmd_template(args) -> int:
    from dialogue.templates import write_template

    out = write_template(args.dataset, args.out)
    print(f"Wrote the blank {args.dataset} template to {out}.")
    return OK


def cmd_export(args) -> int:
    from dialogue.export import FORMATS, export_dataset

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        _err(f"--out must end in {' or '.join(FORMATS)}, not {out.suffix or 'no extension'!r}")
        return USAGE
    known_at = None
    if args.known_at:
        try:
            known_at = parse_timestamp(args.known_at)
        except ValueError:
            _err(f"--as-known-at {args.known_at!r} is not a date or timestamp; use e.g. 2026-03-01 or "
                 "2026-03-01T14:30:00")
            return USAGE
    con = _open(args)
    try:
        n = export_dataset(con, args.dataset, out, known_at=known_at)
    finally:
        con.close()
    when = f" as known at {known_at.isoformat(sep=' ')} UTC" if known_at else ""
    print(f"Exported {n} {args.dataset} rows{when} to {out}.")
    return OK
