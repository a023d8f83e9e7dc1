"""A commit after its dry run reads the file once: the preview's reading is reused when it is of the same
bytes and choices, and everything that depends on the database is checked again at the commit."""
from __future__ import annotations

import pytest

from dialogue import db, reading
from dialogue.ingest import ingest
from tests.conftest import ANALYST

HEADER = "name,start_date,end_date,format,us_participation,status,source,synthetic\n"


def exercise(name: str, start: str = "2026-05-04", synthetic: str = "no") -> bytes:
    return (HEADER + f"{name},{start},{start},bilateral,yes,held,https://example.org/x,{synthetic}\n").encode()


@pytest.fixture
def reads(monkeypatch):
    """How many times a file was read (each call of dialogue.reading.read_upload)."""
    calls = []
    real = reading.read_upload

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(reading, "read_upload", counted)
    return calls


def stored(con) -> list[tuple]:
    return con.execute("select name, start_date::varchar from exercises where valid_to is null order by 1").fetchall()


def test_the_commit_reuses_its_previews_reading(con, reads):
    data = exercise("Falcon 26")
    preview = ingest(con, data, "falcon.csv", ANALYST, dry_run=True)
    assert preview.ok and preview.rows["added"] == 1 and reads == ["falcon.csv"]
    done = ingest(con, data, "falcon.csv", ANALYST, preview=preview)
    assert done.ok and done.upload_id == db.latest_upload_id(con)
    assert reads == ["falcon.csv"], "the commit parsed the file again"
    assert stored(con) == [("Falcon 26", "2026-05-04")]
    assert done.sha256 == preview.sha256 and done.rows == {"added": 1, "updated": 0, "unchanged": 0, "removed": 0}


@pytest.mark.parametrize("change", ["bytes", "name", "dataset", "encoding", "hidden"])
def test_a_preview_of_other_bytes_or_choices_is_not_reused(con, reads, change):
    preview = ingest(con, exercise("Falcon 26"), "falcon.csv", ANALYST, dry_run=True)
    data = exercise("Eagle 27") if change == "bytes" else exercise("Falcon 26")
    kwargs = {"dataset": "exercises"} if change == "dataset" else {"encoding": "utf-8"} if change == "encoding" \
        else {"include_hidden": True} if change == "hidden" else {}
    done = ingest(con, data, "other.csv" if change == "name" else "falcon.csv", ANALYST, preview=preview, **kwargs)
    assert done.ok and len(reads) == 2
    assert stored(con) == [("Eagle 27" if change == "bytes" else "Falcon 26", "2026-05-04")]
    assert done.file == ("other.csv" if change == "name" else "falcon.csv")


def test_the_commit_plans_again_against_the_database_as_it_is_then(con, reads):
    """Another upload lands between the preview and the commit: the commit's counts are those of its own plan."""
    data = exercise("Falcon 26", "2026-05-04")
    preview = ingest(con, data, "falcon.csv", ANALYST, dry_run=True)
    assert preview.rows["added"] == 1
    ingest(con, exercise("Falcon 26", "2026-05-05").replace(b"2026-05-05,2026-05-05", b"2026-05-04,2026-05-09"),
           "other.csv", ANALYST)
    done = ingest(con, data, "falcon.csv", ANALYST, preview=preview)
    assert done.ok and done.rows == {"added": 0, "updated": 1, "unchanged": 0, "removed": 0}
    assert con.execute("select end_date::varchar from exercises where valid_to is null").fetchall() == [("2026-05-04",)]
    assert len(reads) == 2                        # the other upload's reading, and the preview's: no third


def test_a_reused_reading_is_still_refused_where_the_workspace_refuses_it(con, reads):
    """Synthetic rows are refused by the reference workspace at the commit, whatever the preview said."""
    data = exercise("Falcon 26", synthetic="yes")
    preview = ingest(con, data, "falcon.csv", ANALYST, dry_run=True)
    assert preview.ok
    db.set_meta(con, "workspace", "reference")
    done = ingest(con, data, "falcon.csv", ANALYST, preview=preview)
    assert not done.ok and [e["code"] for e in done.errors] == ["synthetic_in_reference"]
    assert stored(con) == [] and len(reads) == 1


def test_a_rejected_preview_keeps_no_reading_and_the_commit_is_rejected_the_same_way(con, reads):
    """A refused file's rows are not held in the session for a commit the page does not offer."""
    data = (HEADER + "Falcon 26,2026-02-30,2026-05-04,bilateral,yes,held,https://example.org/x,no\n").encode()
    preview = ingest(con, data, "falcon.csv", ANALYST, dry_run=True)
    assert not preview.ok and preview.reading is None
    done = ingest(con, data, "falcon.csv", ANALYST, preview=preview)
    assert not done.ok and done.errors == preview.errors
    assert [(e["row"], e["column"]) for e in done.errors] == [(2, "start_date")]
    assert stored(con) == [] and len(reads) == 2
