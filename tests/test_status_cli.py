"""`python -m dialogue status`: JSON for tools on a fixture database and on the reference workspace."""
from __future__ import annotations

import json

import pytest

from dialogue import cli, db
from dialogue.targets import load_targets
from tests.conftest import put_rows

KEYS = {"target", "area", "kind", "status", "period", "actual", "target_value", "expected_to_date", "reason"}


def run_status(capsys, path, *extra) -> dict:
    code = cli.main(["--db", str(path), "status", "--json", *extra])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_status_json_on_a_fixture_database(db_path, capsys):
    con = db.connect(db_path)
    put_rows(con, "exercises", [{"name": "A", "start_date": "2026-03-01", "format": "bilateral",
                                 "us_participation": "yes", "status": "held"}], time="2026-03-02 00:00:00")
    put_rows(con, "exercises", [{"name": "B", "start_date": "2026-05-01", "format": "cyber",
                                 "us_participation": "yes", "status": "held"}], time="2026-05-02 00:00:00")
    con.close()
    data = run_status(capsys, db_path, "--as-of", "2026-09-15")
    assert data["as_of"] == "2026-09-15"
    assert data["start_date"] == "2026-01-01" and data["start"] == "planned"
    assert [t["target"] for t in data["targets"]] == load_targets().ids
    for entry in data["targets"]:
        assert KEYS <= entry.keys()
    ex = next(t for t in data["targets"] if t["target"] == "joint-exercises")
    assert (ex["status"], ex["actual"], ex["target_value"], ex["expected_to_date"]) == ("on_track", 2, 3, 2)
    assert ex["period"] == "2026"
    # as known before the second upload
    earlier = run_status(capsys, db_path, "--as-of", "2026-09-15", "--known-at", "2026-04-01 00:00")
    ex = next(t for t in earlier["targets"] if t["target"] == "joint-exercises")
    assert (ex["status"], ex["actual"]) == ("at_risk", 1)
    assert earlier["known_at"] == "2026-04-01 00:00:00"


def test_status_in_serbian_cyrillic(db_path, capsys):
    db.connect(db_path).close()
    data = run_status(capsys, db_path, "--as-of", "2026-06-30", "--lang", "sr-Cyrl")
    reason = next(t for t in data["targets"] if t["target"] == "joint-exercises")["reason"]
    assert reason.startswith("Нема података")


def test_status_table_and_bad_dates(db_path, capsys):
    db.connect(db_path).close()
    assert cli.main(["--db", str(db_path), "status", "--as-of", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Status as of 2026-06-30; dialogue start 2026-01-01 (planned)"
    assert len(out.splitlines()) == 1 + len(load_targets().ids)
    assert cli.main(["--db", str(db_path), "status", "--as-of", "30.6.2026"]) == 2       # usage, as brief
    assert capsys.readouterr().err == "error: --as-of '30.6.2026' is not a date; expected YYYY-MM-DD, e.g. 2026-06-30\n"


def test_status_on_a_new_path_creates_the_database_empty(tmp_path, capsys):
    path = tmp_path / "new" / "none.duckdb"
    data = run_status(capsys, path, "--as-of", "2026-06-30")
    assert path.exists()
    statuses = {t["target"]: t["status"] for t in data["targets"]}
    assert statuses["roadmap-6"] == statuses["roadmap-8"] == "not_started"     # counted from 2027
    assert {s for t, s in statuses.items() if t not in ("roadmap-6", "roadmap-8")} == {"no_data"}
    assert data["start"] == "planned"
    con = db.connect(path, read_only=True)
    try:
        assert [con.execute(f"select count(*) from {t}").fetchall()[0][0]
                for t in ("trade", "exercises", "agreements", "events", "uploads")] == [0, 0, 0, 0, 0]
    finally:
        con.close()


def test_status_json_on_the_reference_workspace(tmp_path, capsys, workspace_copy):
    path = workspace_copy(tmp_path / "reference.duckdb", "reference")
    data = run_status(capsys, path, "--as-of", "2026-11-27")
    statuses = {t["target"]: t["status"] for t in data["targets"]}
    assert list(statuses) == load_targets().ids
    issue_ids = ["trade-growth", "double-taxation-agreement", "trade-barriers", "dfc-office", "dfc-credit-program",
                 "joint-exercises", "national-guard-partnership", "defence-agreements", "presidential-visit",
                 "unga-resolution", "diplomat-training", "parliamentary-exchange", "fulbright-commission",
                 "sister-cities", "visa-facilitation", *[f"roadmap-{n}" for n in range(1, 11)]]
    assert sorted(statuses) == sorted(issue_ids)
    assert all(s in ("achieved", "on_track", "at_risk", "off_track", "missed", "not_started", "no_data")
               for s in statuses.values())
    assert all(t["reason"] for t in data["targets"])
    # The reference data record no strategic-dialogue meeting: the start stays planned, and the
    # road-map steps due by mid-2026 are missed.
    assert data["start"] == "planned"
    assert statuses["roadmap-4"] == "missed"


def test_status_into_a_closed_pipe_exits_quietly(tmp_path):
    """`status | head -1`: the reader is gone before the output is written; no traceback."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-m", "dialogue", "--db", str(tmp_path / "p.duckdb"), "status", "--json"],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()                     # the reader leaves before the command has written anything
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err
