"""The data verbs of the command line: ingest, init, history, rollback, template, export."""
from __future__ import annotations

from pathlib import Path

from dialogue import config, roles, strict_json
from dialogue.coded import said, say
from dialogue.commands_common import (OK, REJECTED, USAGE, CommandError, lang_of, open_for_reading, open_for_writing,
                                      parse_moment, refuse_read_only, say_line, warn_line)


# ---------------------------------------------------------------- ingest

def cmd_ingest(args) -> int:
    from dialogue.ingest import ingest

    path = Path(args.file)
    if not path.is_file():
        warn_line(args, said("cli_no_such_file", path=str(path)))
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
    from dialogue.i18n import t
    from dialogue.messages import localized_all

    lines = [report.sentence(lang)]
    for e in localized_all(report.errors, lang):
        where = [x for x in (e["file"], e["sheet"] and t("cli_where_sheet", lang, sheet=e["sheet"]),
                             e["row"] is not None and t("cli_where_row", lang, row=e["row"]),
                             e["column"] and t("cli_where_column", lang, column=e["column"])) if x]
        value = f" {t('cli_where_value', lang, value=e['value'])}:" if e.get("value") is not None else ""
        lines.append(f"  ✗ {', '.join(where)}:{value} {e['message']}")
    for w in report.warnings_in(lang):
        lines.append(f"  ! {w}")
    plan = report.changes
    if plan is not None and report.dry_run and plan.changed:
        lines += _preview(plan, lang)
    return "\n".join(lines)


def _preview(plan, lang: str = "en") -> list[str]:
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
        lines.append("  " + said("cli_preview_cut", rows=plan.rows).text(lang))
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
        warn_line(args, exc)
        return REJECTED
    for line in result.messages:
        print(say(line, lang_of(args)))
    say_line(args, "cli_init_done", path=str(path), workspace=args.workspace)
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
        say_line(args, "cli_no_uploads")
        return OK
    lang = lang_of(args)
    for u in uploads:
        r = u["rows"]
        status = (said("hist_rolled_back_by", n=u["rolled_back_by"]) if u["rolled_back_by"] else
                  said("hist_undoes", n=u["rolls_back"]) if u["rolls_back"] else said("hist_active")).text(lang)
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
                print(strict_json.dumps({"ok": False, "upload_id": None, "rolls_back": args.upload_id,
                                         "error": say(exc, lang_of(args))}, ensure_ascii=False))
            warn_line(args, exc)
            return REJECTED
        entry = next(u for u in history(con) if u["upload_id"] == new_id)
    finally:
        con.close()
    if getattr(args, "json", False):
        print(strict_json.dumps({"ok": True, "upload_id": new_id, "rolls_back": args.upload_id, "rows": entry["rows"]}))
    else:
        r = entry["rows"]
        say_line(args, "cli_rolled_back", upload=args.upload_id, new=new_id, added=r["added"], updated=r["updated"],
                 removed=r["removed"])
    return OK


# ---------------------------------------------------------------- template and export

def cmd_template(args) -> int:
    from dialogue.templates import write_template

    try:
        out = write_template(args.dataset, args.out)
    except OSError as exc:
        raise CommandError("cli_nothing_left", what=_could_not_write(exc, args.out)) from None
    say_line(args, "cli_template_done", dataset=args.dataset, path=str(out))
    return OK


def cmd_export(args) -> int:
    from dialogue.export import FORMATS, export_dataset
    from dialogue.i18n import t

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        lang = lang_of(args)
        warn_line(args, said("cli_export_suffix", formats=t("cli_or", lang).join(FORMATS),
                             suffix=out.suffix or t("cli_no_extension", lang)))
        return USAGE
    known_at = parse_moment(args.known_at, "--as-known-at")
    con = open_for_reading(args)
    try:
        n = export_dataset(con, args.dataset, out, known_at=known_at)
    except OSError as exc:
        raise CommandError("cli_existing_kept" if out.exists() else "cli_nothing_left",
                           what=_could_not_write(exc, out)) from None
    finally:
        con.close()
    when = said("cli_as_known_at", moment=known_at.isoformat(sep=" ")) if known_at else ""
    say_line(args, "cli_exported", n=n, dataset=args.dataset, when=when, path=str(out))
    return OK


def _could_not_write(exc: OSError, path):
    """'could not write PATH: reason' in any language (the reason is the system's own words)."""
    return said("cli_could_not_write", path=str(path), why=exc.strerror or str(exc))
