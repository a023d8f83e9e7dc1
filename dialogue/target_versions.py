"""Every version of the targets file, kept in the database, so a status "as known at" a past moment uses the targets of then."""
from __future__ import annotations

import difflib
import hashlib
import sys
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb

from dialogue import audit, config, db
from dialogue.targets import TargetBook, TargetsFileError, check_targets_text, load_targets

ACTION = "targets_version"
FILE_CHANGED = "file changed"      # the author of a version found on disk rather than saved on the Administration page
DIFF_LINES = 200                   # at most this many lines of unified diff go into the audit entry


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _path(path: str | Path | None) -> Path:
    return Path(path) if path else config.TARGETS_FILE     # read at call time, so tests can point it elsewhere


def latest(con) -> dict | None:
    """The newest recorded version: {version_id, time, author, sha256, text}, or None when none is recorded."""
    frame = db.query(con, "target_version_latest")
    return None if frame.empty else frame.iloc[0].to_dict()


def text_diff(old: str, new: str) -> list[str]:
    """The unified diff between two texts of the file, at most DIFF_LINES lines."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=1))
    return lines[:DIFF_LINES] + ([f"... {len(lines) - DIFF_LINES} more lines"] if len(lines) > DIFF_LINES else [])


def record(con, text: str, author: str = FILE_CHANGED, path: str | Path | None = None,
           audited: bool = True, time: datetime | None = None) -> int | None:
    """Record `text` as the newest version (time now, author or "file changed") with its diff in the audit log
    (not for the first version, the baseline; audited=False: the caller's own audit entry carries the diff, as a
    save on the Administration page does).

    Nothing is recorded when it equals the newest version already stored; returns the new version id or None.
    `time` (default now) is when the version became known.
    """
    from dialogue.targets_admin import describe_change

    with db.write_lock:
        before = latest(con)
        if before is not None and before["sha256"] == _sha(text):
            return None
        new_book = check_targets_text(text, _path(path))
        old_book = _book(before["text"]) if before is not None else None
        detail = {"file": str(_path(path)), "author": author,
                  **describe_change(old_book, new_book),
                  "diff": text_diff(before["text"] if before is not None else "", text)}
        cur = con.cursor()
        try:
            cur.execute("begin transaction")
            version = int(cur.execute(
                "insert into target_versions (version_id, time, author, sha256, text) "
                "select coalesce(max(version_id), 0) + 1, $time, $author, $sha, $text from target_versions "
                "returning version_id",
                {"time": time or db.utcnow(), "author": author, "sha": _sha(text), "text": text}).fetchone()[0])
            if audited and before is not None:       # the first version is the baseline, not a change
                audit.record(cur, None, ACTION, {"version": version, **detail})
            cur.execute("commit")
        except BaseException:
            try:
                cur.execute("rollback")
            except duckdb.Error:
                pass                        # the failure already ended the transaction (e.g. a full disk)
            raise
        finally:
            cur.close()
    return version


def _on_disk(path: Path) -> tuple[str, datetime] | None:
    """The targets file's text and modification time (naive UTC) when it loads, else None."""
    try:
        text = path.read_bytes().decode("utf-8")
        changed = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(tzinfo=None)
    except (OSError, UnicodeDecodeError):
        return None
    return (text, changed) if _loads(text, str(path)) else None


@lru_cache(maxsize=8)
def _loads(text: str, path: str) -> bool:
    """Whether a text of the targets file loads: checked once per text, not once per call (the status history
    asks once per quarter end; each check is a TOML parse, about 0.1 s, 67 of them for one Overview)."""
    try:
        check_targets_text(text, Path(path))
    except TargetsFileError:
        return False
    return True


def sync_file(con, path: str | Path | None = None) -> int | None:
    """Record the targets file on disk as a version when it differs from the newest one stored (a start-up check),
    dated when the file changed (its modification time, if later than the newest version; else now).

    A file that does not load is not recorded (statuses keep the last good version); returns the new version id.
    """
    path = _path(path)
    found = _on_disk(path)
    if found is None:
        return None
    text, changed = found
    newest = latest(con)
    when = changed if (newest is None or changed > newest["time"]) and changed <= db.utcnow() else None
    return record(con, text, FILE_CHANGED, path=path, time=when)


def _unrecorded_change(con, known_at: datetime) -> TargetBook | None:
    """The file on disk when it differs from the newest recorded version and changed by `known_at` (a change no
    dashboard or command has recorded yet counts as known from its modification time), else None."""
    found = _on_disk(config.TARGETS_FILE)
    if found is None:
        return None
    text, changed = found
    newest = latest(con)
    if newest is not None and (newest["sha256"] == _sha(text) or changed < newest["time"]):
        return None
    return _book(text) if changed <= known_at or newest is None else None


@lru_cache(maxsize=16)
def _book(text: str) -> TargetBook:
    return check_targets_text(text, config.TARGETS_FILE)


def state(con) -> tuple:
    """What book_known_at answers from, for every moment: the newest recorded version and the targets file's stamp
    (one query and one stat, where asking book_known_at per quarter reads and parses the file each time)."""
    try:
        newest = db.query(con, "target_version_latest")
    except duckdb.CatalogException:         # a database opened read-only before the table existed
        newest = None
    try:
        stat = config.TARGETS_FILE.stat()
        disk = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        disk = None
    return (None if newest is None or newest.empty else int(newest["version_id"].iloc[0]), disk)


def book_known_at(con, known_at: datetime | None) -> TargetBook:
    """The targets as known at `known_at`: the newest version recorded by then (the first one for an earlier moment);
    the file on disk when no moment is given or no version is recorded."""
    if known_at is None:
        return load_targets(config.TARGETS_FILE)
    try:
        unrecorded = _unrecorded_change(con, known_at)
        frame = db.query(con, "target_version_known_at", known_at=known_at)
    except duckdb.CatalogException:         # a database opened read-only before the table existed
        return load_targets(config.TARGETS_FILE)
    if unrecorded is not None:
        return unrecorded
    if frame.empty:
        return load_targets(config.TARGETS_FILE)
    return _book(str(frame["text"].iloc[0]))


def history(con) -> list[dict]:
    """Every recorded version, newest first: version, time (UTC), author, and what it changed from the one before
    (added, removed, changed, settings_changed; first = True for the first recorded version)."""
    from dialogue.targets_admin import describe_change

    try:
        frame = db.query(con, "target_versions_listed")
    except duckdb.CatalogException:         # a database opened read-only before the table existed
        return []
    rows, previous = [], None
    for r in frame.itertuples():
        book = _book(r.text)
        rows.append({"version": int(r.version_id), "time": r.time.to_pydatetime(), "author": r.author,
                     "first": previous is None, **describe_change(previous, book)})
        previous = book
    return rows[::-1]
