"""benchmarks/publish_time.py: the publish docs/scaling.md times hands the reader every row, and never touches
the database it measures."""
from __future__ import annotations

import hashlib

from dialogue import db
from tests.conftest import put_rows


def test_a_publish_gives_the_reader_every_row_and_leaves_the_measured_database_as_it_was(tmp_path):
    from benchmarks import publish_time

    path = tmp_path / "source.duckdb"
    con = db.connect(path)
    ex = dict(format="bilateral", us_participation="yes", source="https://example.org/ex")
    put_rows(con, "exercises", [dict(name=f"Ex {i}", start_date=f"2026-0{i}-01", end_date=f"2026-0{i}-03",
                                     status="held", **ex) for i in range(1, 4)])
    rows = sum(db.fingerprint(con)[t][0] for t in db.ALL_TABLES)
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = publish_time.measure(path, 2)
    assert rows >= 3 + 1                           # three exercises and their upload, at least
    assert out["rows"] == rows + 1                 # every row, and the restore's own audit entry
    assert out["runs"] == 2
    for step in ("backup", "restore", "rename_and_open"):
        assert 0 < out[step]["min"] <= out[step]["median"] <= out[step]["max"]
    assert out["total"]["median"] >= out["backup"]["median"] + out["restore"]["median"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not path.with_name(path.name + ".wal").exists()


def test_the_command_refuses_a_missing_file(tmp_path, capsys):
    from benchmarks import publish_time

    assert publish_time.main([str(tmp_path / "nothing.duckdb")]) == 2
    assert "no database file at" in capsys.readouterr().err


def test_a_database_with_a_write_ahead_log_is_published_whole(tmp_path):
    """What is not yet checkpointed lives in the .wal beside the file: it is copied, and the reader's old copy's log
    never meets the new file."""
    import shutil

    from benchmarks import publish_time

    live = tmp_path / "live.duckdb"
    con = db.connect(live)
    con.execute("pragma wal_autocheckpoint = '1GB'")
    ex = dict(format="bilateral", us_participation="yes", source="https://example.org/ex")
    put_rows(con, "exercises", [dict(name="Late", start_date="2026-05-01", end_date="2026-05-02", status="held", **ex)])
    rows = sum(db.fingerprint(con)[t][0] for t in db.ALL_TABLES)
    source = tmp_path / "source.duckdb"
    shutil.copy(live, source)
    shutil.copy(live.with_name("live.duckdb.wal"), source.with_name("source.duckdb.wal"))
    con.close()
    assert source.with_name("source.duckdb.wal").stat().st_size > 0
    assert publish_time.measure(source, 2)["rows"] == rows + 1
