"""A database made by an earlier version opens for the reading verbs, which open read-only: its schema is brought up
to date first (a read-only connection cannot create the tables and macros the new queries use)."""
from __future__ import annotations

import json
import duckdb
from dialogue import db
from dialogue.cli import main


def _older_database(path) -> None:
    """Our schema, then one table and the stamp taken away, as a file of an earlier version would be."""
    con = db.connect(path)
    con.execute("drop table if exists working_groups")
    con.execute("drop macro schema_stamp")
    con.close()


def test_a_reading_verb_upgrades_an_older_schema_first(tmp_path, capsys):
    path = tmp_path / "old.duckdb"
    _older_database(path)
    assert main(["--db", str(path), "summary", "--as-of", "2026-06-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-06-30"
    con = duckdb.connect(str(path), read_only=True)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    con.close()
    assert "working_groups" in tables
    ro = db.connect(path, read_only=True)          # now current: opened read-only without another upgrade
    assert db._schema_current(ro)
    ro.close()


def test_an_older_file_that_cannot_be_written_is_refused_in_one_line(tmp_path, capsys, monkeypatch):
    """A read-only file (mounted read-only, say): the upgrade's read-write open fails, the verb says why in one line."""
    path = tmp_path / "old.duckdb"
    _older_database(path)
    real = duckdb.connect

    def refuse_writing(database, read_only=False, **kw):
        if not read_only:
            raise duckdb.IOException(f'Cannot open file "{database}": Read-only file system')
        return real(database, read_only=True, **kw)

    monkeypatch.setattr(db.duckdb, "connect", refuse_writing)
    assert main(["--db", str(path), "status", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and "older version" in out["error"] and "write access" in out["error"]
