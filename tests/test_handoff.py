"""Every command works while the dashboard holds the database (issue 16, item 4): it is handed to the server.

In-process: this test process plays the dashboard (shared connection + hand-off socket) and real
`python -m dialogue` processes find the file locked and hand their work over.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from dialogue import db, handoff
from dialogue.config import ROOT

pytestmark = pytest.mark.slow(seconds=25)   # few tests, long ones: queued early (conftest.py)

EXERCISES = ("name,start_date,format,us_participation,status,source\n"
             "Handoff Wolf 26,2026-05-04,bilateral,yes,held,https://example.org/wolf\n")


def cli(db_file, *argv, cwd=None):
    """`python -m dialogue --db DB ...` in its own process: (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(db_file), *map(str, argv)],
                          capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=300)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def dashboard(tmp_path, workspace_copy):
    """A database held by this process, as the dashboard holds it, with the hand-off socket served."""
    path = workspace_copy(tmp_path / "held.duckdb", "reference")
    db.shared(path)
    sock = handoff.serve(path)
    yield path, sock
    db.close_all()


def test_the_socket_is_private_to_the_user_and_the_file_really_is_locked(dashboard):
    path, sock = dashboard
    assert sock == path.with_name(".held.duckdb.sock")
    assert stat.S_IMODE(os.stat(sock).st_mode) == 0o600
    other = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(path)!r})"],
                           capture_output=True, text=True)
    assert other.returncode == 1 and "lock" in other.stderr.lower()


def test_status_ingest_brief_and_history_run_through_the_dashboard(dashboard, tmp_path):
    path, _ = dashboard
    before = db.latest_upload_id(db.cursor(path))
    code, out, err = cli(path, "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["targets"] and {"as_of", "start_date"} <= status.keys()

    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "ex.csv").write_text(EXERCISES, encoding="utf-8")
    code, out, err = cli(path, "ingest", "ex.csv", "--json", cwd=tmp_path / "work")   # a path relative to the caller
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] and report["upload_id"] == before + 1 and report["rows"]["added"] == 1

    cur = db.cursor(path)                              # the dashboard's own connection sees it at once
    assert cur.execute("select count(*) from exercises where name = 'Handoff Wolf 26'").fetchone()[0] == 1
    assert db.latest_upload_id(cur) == before + 1

    code, out, err = cli(path, "history", "--json")
    assert code == 0, err
    assert max(u["upload_id"] for u in json.loads(out)) == before + 1

    code, out, err = cli(path, "brief", "--as-of", "2026-06-30", "--out", "packs", cwd=tmp_path / "work")
    assert code == 0, err
    written = [line for line in out.splitlines() if line.strip()]
    assert written and all(line.startswith(str(tmp_path / "work" / "packs")) for line in written)
    assert all(os.path.getsize(p) > 0 for p in written)


def test_a_refused_command_keeps_its_exit_code_and_json_through_the_dashboard(dashboard, tmp_path):
    path, _ = dashboard
    bad = tmp_path / "bad.csv"
    bad.write_text("name,start_date,format,us_participation,status\nX,not a date,bilateral,yes,held\n",
                   encoding="utf-8")
    code, out, _ = cli(path, "ingest", bad, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["errors"][0]["column"] == "start_date"


def test_without_a_listening_dashboard_busy_stays_busy_with_json_on_stdout(tmp_path):
    path = tmp_path / "held.duckdb"
    db.shared(path)                                    # held, but no socket served
    try:
        code, out, err = cli(path, "status", "--json")
    finally:
        db.close_all()
    assert code == 1
    assert json.loads(out)["ok"] is False and "busy" in json.loads(out)["error"]
    assert "busy" in err


def test_the_hand_off_carries_the_language_and_its_refusals_speak_it(dashboard):
    path, _ = dashboard
    code, out, err = cli(path, "history", "--lang", "sr-Cyrl")
    assert code == 0, err
    assert "активно" in out.splitlines()[0]     # '#1 ... активно <file>': run by the dashboard
    reply = handoff.run_request({"args": {"verb": "serve", "lang": "sr-Cyrl", "db": str(path)}})
    assert reply == {"code": 2, "stdout": "", "stderr": "грешка: `serve` не може да се изврши унутар контролне табле\n"}


def test_busy_without_a_dashboard_is_said_in_the_asked_language_with_its_code(tmp_path):
    path = tmp_path / "held.duckdb"
    db.shared(path)                                    # held, but no socket served
    try:
        code, out, err = cli(path, "status", "--json", "--lang", "sr-Latn")
    finally:
        db.close_all()
    answer = json.loads(out)
    assert code == 1 and answer["code"] == "db_busy_writing"
    assert answer["error"].startswith(f"Baza {path} je zauzeta: drugi program")
    assert err.startswith("greška: Baza ")
