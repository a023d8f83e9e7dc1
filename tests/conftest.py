"""Shared fixtures: a fresh database per test, and a way to put known rows into it."""
from __future__ import annotations

import os
import shutil
import sys
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from dialogue import db
from dialogue.roles import Actor

ANALYST = Actor("ana", "analyst")
VIEWER = Actor("vera", "viewer")
ADMIN = Actor("adam", "admin")

MEMORY_TEMP = Path("/dev/shm")          # a tmpfs on Linux
MEMORY_TEMP_FREE = 2 * 1024 ** 3         # bytes it must have free to be used (a whole run writes a few hundred MB)


def memory_temp_root(environ, given_basetemp, root: Path = MEMORY_TEMP) -> Path | None:
    """Where the tests' tmp_path folders should live: a tmpfs when there is one with room, unless the caller chose
    (`--basetemp` or PYTEST_DEBUG_TEMPROOT); None keeps pytest's default (the system temp folder)."""
    if given_basetemp or environ.get("PYTEST_DEBUG_TEMPROOT"):
        return None
    try:
        if not (root.is_dir() and os.access(root, os.W_OK | os.X_OK)):
            return None
        return root if shutil.disk_usage(root).free >= MEMORY_TEMP_FREE else None
    except OSError:
        return None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """The tests' temporary databases go to memory: on the virtual disk their fsyncs and checkpoints made the suite
    wait (tests/test_store.py + test_backup.py 31-42 s wall on /tmp, 21-25 s on /dev/shm, the same CPU). pytest's own
    numbered, per-user, self-cleaning folders are kept, only their root moves; xdist hands the workers sub-folders
    of it. Tests about the disk make their own (test_full_disk.py mounts a small tmpfs or limits the file size)."""
    root = memory_temp_root(os.environ, config.option.basetemp)
    if root is not None:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(root)
    _compile_once(root)


def private_folder(path: Path) -> Path | None:
    """`path` created for this user alone (0700), or None when it is someone else's, a link, or cannot be made."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.lstat()
    except OSError:
        return None
    import stat
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return path


def _compile_once(root: Path | None) -> None:
    """With PYTHONDONTWRITEBYTECODE every Python process of the run (xdist workers, each CLI call, server and benchmark
    group a test starts) compiled the project's modules and pytest rewrote every test file again: 1.8 CPU-s to import
    dialogue's CLI in each process, 6 in each worker's collection. The run keeps its bytecode in a cache of its own
    (PYTHONPYCACHEPREFIX, outside the source tree as the setting wants, reused by later runs) instead."""
    if not (sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")) or sys.pycache_prefix:
        return
    import tempfile
    cache = private_folder(Path(root or tempfile.gettempdir()) / f"pytest-pycache-{os.getuid()}")
    if cache is None:
        return
    sys.pycache_prefix = str(cache)
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(autouse=True, scope="session")
def _components_scanned_once():
    """Every new AppTest scans all installed distributions' metadata for Streamlit components (0.1-0.2 CPU-s, seconds
    of wall time under load, some 300 times a run); nothing is installed during a test run, so scan once."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:            # another Streamlit: nothing to share
        yield
        return
    scan = manifest_scanner.scan_component_manifests
    found: list = []

    def scan_once(max_workers=None):
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    patch = pytest.MonkeyPatch()
    patch.setattr(manifest_scanner, "scan_component_manifests", scan_once)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def workspace_copy(tmp_path_factory):
    """copy(dest, workspace): a bundled workspace's database at dest, built as `init` builds it but only once per
    test process (the build takes seconds, a copy milliseconds); each caller gets a file of its own to change."""
    from dialogue.workspace import init_database

    built: dict[str, Path] = {}

    def copy(dest: Path, workspace: str) -> Path:
        if workspace not in built:
            path = tmp_path_factory.mktemp(f"built-{workspace}") / f"{workspace}.duckdb"
            init_database(path, workspace)
            built[workspace] = path
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[workspace], dest)
        return dest

    return copy


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.duckdb"


@pytest.fixture
def con(db_path):
    connection = db.connect(db_path)
    yield connection
    connection.close()


def put_rows(con, dataset: str, rows: list[dict], time: str | datetime = "2026-01-01 00:00:00",
             user: str = "fixture") -> int:
    """Insert rows straight into a dataset table as one upload (bypassing ingest); return its id.

    For tests of queries and statuses that need a known database, not of ingest itself.
    """
    from dialogue.datasets import DATASETS

    ds = DATASETS[dataset]
    upload_id = con.execute("select nextval('upload_id_seq')").fetchone()[0]
    con.execute(
        'insert into uploads (upload_id, dataset, file, sha256, "user", time, mode, layout, added) '
        "values ($id, $ds, 'fixture', '', $user, $time, 'merge', 'fixture', $n)",
        {"id": upload_id, "ds": dataset, "user": user, "time": time, "n": len(rows)},
    )
    for i, row in enumerate(rows):
        values = {c.name: row.get(c.name, c.default) for c in ds.columns}
        cols = list(values) + ["row_key", "valid_from"]
        params = {**values, "row_key": uuid.UUID(int=upload_id * 1_000_000 + i), "valid_from": upload_id}
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join(f"${c}" for c in cols)
        con.execute(f"insert into {dataset} ({names}) values ({marks})", params)  # noqa: S608 - column names from the schema
    return upload_id


def _file_rank(items: list) -> tuple[int, float, int]:
    """Files with a slow test first, the longest first (`slow(seconds=N)`: about how long the file takes on a quiet
    machine), then browser files, then the rest; each tier then by its number of tests."""
    def marked(name: str) -> bool:
        return any(item.get_closest_marker(name) for item in items)

    seconds = max((m.kwargs.get("seconds", 0) for m in (i.get_closest_marker("slow") for i in items) if m), default=0)
    return (0 if marked("slow") else 1 if marked("browser") else 2, -seconds, -len(items))


def pytest_collection_modifyitems(config, items):
    """Longest files first, so that under `--dist loadfile` the workers finish together.

    xdist queues files by their number of tests unless told `--no-loadscope-reorder` (`make test` does): the
    browser and load files have few tests but run for minutes, and queued last they kept one worker busy
    alone at the end; so does any file of a few long tests, hence `slow(seconds=N)` on them. Tests keep their
    order within a file.
    """
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    ordered = sorted(files.values(), key=_file_rank)       # stable: equal weights keep the collection order
    items[:] = [item for group in ordered for item in group]
