"""Every target's status at every quarter end since the dialogue's start, each as known at that quarter end, so the
strip shows what the dashboard would have said then ("off track for 3 quarters")."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dialogue import db
from dialogue.targets import TargetBook, load_targets

_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 32
_QUARTERS: OrderedDict = OrderedDict()    # (database, quarter end, moment, data cutoff, targets state, lang) -> statuses
_QUARTERS_SIZE = 512
_lock = threading.Lock()


@dataclass(frozen=True)
class Mark:
    quarter: str          # "2026-Q1"
    end: date             # the quarter's last day
    status: str
    reason: str


def quarter_label(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def quarter_end(d: date) -> date:
    """The last day of the quarter holding d."""
    month = 3 * ((d.month - 1) // 3) + 3
    return (date(d.year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def quarter_ends(start: date, as_of: date) -> list[date]:
    """Quarter ends from the quarter holding `start` through the last one on or before `as_of`."""
    out, q = [], quarter_end(start)
    while q <= as_of:
        out.append(q)
        q = quarter_end(q + timedelta(days=1))
    return out


def end_of_day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 23, 59, 59, 999999)


def _database(con) -> str:
    try:
        return str(con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()[0])
    except Exception:  # noqa: BLE001 - an in-memory or unusual connection: cache by the object
        return f"con:{id(con)}"


def history(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
            book: TargetBook | None = None, start: date | None = None) -> dict[str, list[Mark]]:
    """target id -> one Mark per quarter end since the start, each computed with the data and the targets known at
    that quarter end (never later than `known_at`); cached per database state, targets, as-of, knowledge moment and
    language. `book` gives the targets listed (today's)."""
    from dialogue.status import compute_all, dialogue_start
    from dialogue.target_versions import book_known_at, state

    book = book or load_targets()
    now_known = known_at or db.utcnow()
    if start is None:
        start = dialogue_start(con, book, as_of, known_at)[0]
    ends = quarter_ends(start, as_of)
    moments = [min(end_of_day(q), now_known) for q in ends]
    # The key is cheap (a warm page asks again): the targets as known at each quarter end follow from the recorded
    # versions and the file on disk (state), so each quarter's book is looked up only on a miss.
    database, targets = _database(con), state(con)
    key = (database, db.latest_upload_id(con), id(book), targets, tuple(ends), known_at, lang)
    with _lock:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    marks: dict[str, list[Mark]] = {t.id: [] for t in book.targets}
    cutoffs = _cutoffs(con, moments)
    for q, moment in zip(ends, moments):
        # A past quarter end's statuses follow from the data as known then (the last upload committed by then) and
        # the targets as known then: an upload made later leaves them as they were, so they are computed once.
        fixed = known_at is not None or moment < now_known
        quarter = (database, q, moment if fixed else None, cutoffs[moment], targets, lang)
        with _lock:
            statuses = _QUARTERS.get(quarter)
            if statuses is not None:
                _QUARTERS.move_to_end(quarter)
        if statuses is None:
            then = book_known_at(con, moment)                  # the targets as known then
            statuses = [(s.target, s.status, s.reason) for s in compute_all(con, q, moment, lang, book=then).statuses]
            _remember(_QUARTERS, _QUARTERS_SIZE, quarter, statuses)
        for target, status, reason in statuses:
            marks.setdefault(target, []).append(Mark(quarter_label(q), q, status, reason))
    _remember(_CACHE, _CACHE_SIZE, key, marks)
    return marks


def _remember(cache: OrderedDict, size: int, key, value) -> None:
    """Keep `value` under `key`, forgetting the least recently used entries beyond `size`."""
    with _lock:
        cache[key] = value
        while len(cache) > size:
            cache.popitem(last=False)


def _cutoffs(con, moments: list[datetime]) -> dict[datetime, int]:
    """moment -> the last upload committed by then (known_cutoff of schema.sql), in one query."""
    if not moments:
        return {}
    found = db.query(con, "upload_cutoffs", moments=moments)
    by_moment = {m.to_pydatetime(): int(c) for m, c in zip(found["moment"], found["cutoff"])}
    return {m: by_moment[m] for m in moments}


def streak(marks: list[Mark], current: str) -> int:
    """How many of the latest quarter ends in a row held the current status (0 when it is new this quarter)."""
    n = 0
    for m in reversed(marks):
        if m.status != current:
            break
        n += 1
    return n


def strip(marks: list[Mark]) -> str:
    """One icon per quarter end, oldest first (icons differ in shape, so the strip never relies on colour)."""
    from dialogue.vocab import STATUS_ICONS

    return "".join(STATUS_ICONS[m.status] for m in marks)
