"""Create a database holding a bundled workspace (reference data, synthetic demo, or nothing)."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from dialogue import config, db, target_versions
from dialogue.coded import Coded, said
from dialogue.roles import Actor

WORKSPACES = ("reference", "demo", "empty")
LOADER = Actor("reference-loader", "admin")
DEMO_LOADER = Actor("demo-generator", "admin")
_init_lock = threading.Lock()


class WorkspaceError(Coded, RuntimeError):
    """The workspace could not be created; any existing database is untouched."""


@dataclass
class InitResult:
    path: Path
    workspace: str
    uploads: dict = field(default_factory=dict)     # dataset -> upload id (None: nothing to load)
    messages: list[str] = field(default_factory=list)


def _has_content(path: Path) -> bool:
    import duckdb

    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise db.DatabaseBusy("db_busy_init", path=str(path)) from exc
        raise WorkspaceError("workspace_not_db", path=str(path), why=str(exc)) from exc
    except duckdb.Error as exc:
        raise WorkspaceError("workspace_not_db", path=str(path), why=str(exc)) from exc
    try:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        for table in ("uploads", "notes", *db.DATASET_TABLES):
            if table in tables and con.execute(f"select count(*) from {table}").fetchone()[0]:  # noqa: S608 - constant names
                return True
        return False
    finally:
        con.close()


def _remove(path: Path) -> None:
    for p in (path, Path(str(path) + ".wal")):
        if p.exists():
            p.unlink()


def _load_reference(con, result: InitResult) -> None:
    from dialogue.ingest import ingest

    for dataset in db.DATASET_TABLES:
        source = config.REFERENCE_DIR / f"{dataset}.csv"
        if not source.exists():
            result.messages.append(said("cli_init_skipped", dataset=dataset, source=str(source)))
            result.uploads[dataset] = None
            continue
        report = ingest(con, source.read_bytes(), source.name, LOADER, dataset=dataset)
        if not report.ok:
            problems = "; ".join(
                f"row {e['row']} column {e['column']}: {e['message']}" if e.get("row") else e["message"]
                for e in report.errors[:5])
            raise WorkspaceError(f"the bundled {source} was rejected: {problems}")
        result.uploads[dataset] = report.upload_id
        result.messages.append(said("cli_init_loaded", dataset=dataset, sentence=report.message))


def _load_demo(con, result: InitResult, seed: int) -> None:
    """The synthetic rows as the quarterly uploads an analyst would have made (demo.release_slices), in time order
    across datasets, so the demo's status history and "as known at" answers have something to show."""
    from datetime import datetime, time

    from dialogue import demo, store

    frames = demo.generate(seed)
    now = db.utcnow()
    slices = []
    for order, dataset in enumerate(db.DATASET_TABLES):
        frame = frames.get(dataset)
        result.uploads[dataset] = None
        if frame is not None:
            slices += [(day, order, dataset, part) for day, part in demo.release_slices(dataset, frame, now.date())]
    for day, _order, dataset, part in sorted(slices, key=lambda s: (s[0], s[1])):
        moment = None if day >= now.date() else datetime.combine(day, time(12))
        upload_id = store.commit_frame(con, dataset, part, DEMO_LOADER, file=f"demo:{dataset} (seed {seed})",
                                       layout="demo", time=moment)
        if upload_id is not None:
            result.uploads[dataset] = upload_id
    for dataset, upload_id in result.uploads.items():
        if upload_id is not None:
            result.messages.append(said("cli_init_demo_rows", dataset=dataset, n=len(frames[dataset]), upload=upload_id))


def init_database(path, workspace: str = "reference", force: bool = False, seed: int = 2026) -> InitResult:
    """Build the workspace in a side file, then move it into place: nobody ever sees half a database."""
    if workspace not in WORKSPACES:
        raise WorkspaceError("workspace_unknown", workspace=workspace, names=", ".join(WORKSPACES))
    path = Path(path)
    if path.exists() and not force:
        try:
            busy_or_full = _has_content(path)
        except db.DatabaseBusy as exc:
            raise WorkspaceError(str(exc)) from exc
        if busy_or_full:
            raise WorkspaceError("workspace_has_data", path=str(path), workspace=workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    side = path.with_name(f".{path.name}.init-{os.getpid()}")
    _remove(side)
    result = InitResult(path, workspace)
    con = db.connect(side)
    try:
        if workspace == "reference":
            _load_reference(con, result)
        elif workspace == "demo":
            _load_demo(con, result, seed)
        db.set_meta(con, "workspace", workspace)
        target_versions.sync_file(con)      # the targets the new database starts with are its first version
        con.execute("checkpoint")
    except BaseException:
        con.close()
        _remove(side)
        raise
    con.close()
    _remove(Path(str(path) + ".wal"))
    os.replace(side, path)
    return result


def ensure_database(path=None, workspace: str | None = None):
    """The dashboard's first run: fill a missing database from the bundled data; then the shared connection."""
    path = config.db_path(path)
    with _init_lock:
        if not path.exists():
            chosen = workspace or os.environ.get("DIALOGUE_WORKSPACE", "reference")
            try:
                init_database(path, chosen)
            except FileExistsError:
                pass
            except WorkspaceError:
                if not path.exists():
                    raise
    return db.shared(path)
