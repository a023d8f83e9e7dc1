"""Malformed and hostile uploads: each refused with a located reason, the database untouched, within safety limits."""
from __future__ import annotations

import time
import tracemalloc

import psutil
import pytest

from dialogue import db
from dialogue.ingest import ingest
from dialogue.reading import read_upload
from tests.conftest import ANALYST, put_rows
from tests.malformed_files import CASES, ENCODING_CASES

SECONDS = 5.0                       # issue 7's safety limits per file, generous on a shared machine
EXTRA_BYTES = 300 * 1024 * 1024


def test_at_least_forty_distinct_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_with_reason_and_location(case):
    parsed = read_upload(case.build(), case.filename, case.dataset)
    assert parsed.errors, f"{case.id} was accepted"
    text = " ".join(p.message for p in parsed.errors).lower()
    for word in case.words:
        assert word.lower() in text, f"{case.id}: {word!r} not in {text[:300]!r}"
    for problem in parsed.errors:
        assert problem.file == case.filename and problem.message
    if case.where is not None:
        sheet, row, column = case.where
        located = [(p.sheet, p.row, p.column) for p in parsed.errors]
        assert any(s == sheet and r == row and (column is None or c == column) for s, r, c in located), located


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_ingest_changes_nothing_within_limits(con, case):
    put_rows(con, "trade", [{"reporter": "US Census", "year": 2023, "month": 1, "flow": "us_to_serbia",
                             "value": 10.0, "currency": "USD", "source": "fixture"}])
    before = db.fingerprint(con)
    data = case.build()
    process = psutil.Process()
    rss_before = process.memory_info().rss
    tracemalloc.start()
    started = time.perf_counter()
    report = ingest(con, data, case.filename, ANALYST, dataset=case.dataset)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = process.memory_info().rss - rss_before
    assert not report.ok and report.errors
    assert report.upload_id is None
    assert db.fingerprint(con) == before
    assert elapsed < SECONDS, f"{case.id} took {elapsed:.1f} s"
    assert peak < EXTRA_BYTES and rss_growth < EXTRA_BYTES, (case.id, peak, rss_growth)


@pytest.mark.parametrize("case", ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES])
def test_undeclared_encodings_are_read_correctly(con, case):
    _, filename, build, rows = case
    data = build()
    parsed = read_upload(data, filename)
    assert parsed.errors == []
    assert parsed.frame["name"].tolist() == [name for name, _ in rows]
    assert parsed.frame["location"].tolist() == [town for _, town in rows]
    report = ingest(con, data, filename, ANALYST)
    assert report.ok and report.rows["added"] == len(rows)
    stored = sorted(con.execute("select name from exercises where valid_to is null").fetchall())
    assert stored == sorted((name,) for name, _ in rows)
