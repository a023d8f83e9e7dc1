"""The shared `workspace_copy` fixture (tests/conftest.py): a copy is what `init` builds, and each copy is its own."""
from __future__ import annotations

from dialogue import db
from dialogue.workspace import init_database
from tests.conftest import put_rows

TABLES = ("uploads", *db.DATASET_TABLES, "target_versions")


def _counts(path) -> dict[str, object]:
    con = db.connect(path)
    try:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # noqa: S608 - constants
        counts["workspace"] = db.get_meta(con, "workspace")
        return counts
    finally:
        con.close()


def test_a_copy_holds_what_init_builds(workspace_copy, tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    init_database(fresh, "reference")
    copied = workspace_copy(tmp_path / "copied.duckdb", "reference")
    expected = _counts(fresh)
    assert expected["trade"] > 0 and expected["workspace"] == "reference"   # the comparison compares something
    assert _counts(copied) == expected


def test_each_copy_is_a_file_of_its_own(workspace_copy, tmp_path):
    first = workspace_copy(tmp_path / "a" / "first.duckdb", "demo")
    second = workspace_copy(tmp_path / "b" / "second.duckdb", "demo")
    before = _counts(second)
    con = db.connect(first)
    put_rows(con, "events", [dict(date="2026-03-01", kind="meeting", title="only in the first copy", area="process",
                                  source="https://example.org/x", synthetic=True)])
    con.close()
    assert _counts(first)["events"] == before["events"] + 1
    assert _counts(second) == before
    assert _counts(workspace_copy(tmp_path / "c.duckdb", "demo")) == before   # later copies start from the build
