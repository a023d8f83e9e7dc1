"""Issue 13.11: every command failure is one line on stderr and an exit code (0 done, 1 refused or failed,
2 usage), never a traceback; with --json the output is JSON even then."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dialogue import cli, config, db

ROOT = config.ROOT


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err[len("error: "):-1]


@pytest.mark.parametrize("argv, message", [
    (["status", "--as-of", "2026-02-30"], "--as-of '2026-02-30' is not a date; expected YYYY-MM-DD, e.g. 2026-06-30"),
    (["status", "--known-at", "garbage"], "--known-at 'garbage' is not a timestamp; expected YYYY-MM-DD or "
                                          "'YYYY-MM-DD HH:MM[:SS]' (UTC), e.g. 2026-03-01T14:30:00"),
    (["brief", "--as-of", "2026-02-30", "--out", "x"],
     "--as-of '2026-02-30' is not a date; expected YYYY-MM-DD, e.g. 2026-06-30"),
    (["brief", "--as-of", "2026-06-30", "--known-at", "garbage", "--out", "x"],
     "--known-at 'garbage' is not a timestamp; expected YYYY-MM-DD or 'YYYY-MM-DD HH:MM[:SS]' (UTC), "
     "e.g. 2026-03-01T14:30:00"),
    (["export", "trade", "--out", "x.csv", "--as-known-at", "garbage"],
     "--as-known-at 'garbage' is not a timestamp; expected YYYY-MM-DD or 'YYYY-MM-DD HH:MM[:SS]' (UTC), "
     "e.g. 2026-03-01T14:30:00"),
])
def test_impossible_dates_are_usage_errors(db_path, capsys, argv, message):
    assert cli.main(["--db", str(db_path), *argv]) == 2
    assert one_line(capsys.readouterr().err) == message


def test_status_json_with_an_impossible_date_is_still_json(db_path, capsys):
    assert cli.main(["--db", str(db_path), "status", "--json", "--as-of", "2026-02-30"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"ok": False, "code": "cli_not_a_date",
                                        "error": "--as-of '2026-02-30' is not a date; expected YYYY-MM-DD, "
                                                 "e.g. 2026-06-30"}
    one_line(captured.err)


def test_a_refusal_in_json_keeps_its_code_and_says_the_error_in_the_asked_language(db_path, capsys):
    assert cli.main(["--db", str(db_path), "status", "--json", "--lang", "sr-Cyrl", "--as-of", "2026-02-30"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"ok": False, "code": "cli_not_a_date",
                                        "error": "--as-of '2026-02-30' није датум; очекује се GGGG-MM-DD, "
                                                 "нпр. 2026-06-30"}
    assert captured.err == "грешка: --as-of '2026-02-30' није датум; очекује се GGGG-MM-DD, нпр. 2026-06-30\n"


def test_brief_onto_an_existing_file_is_refused_and_the_file_kept(db_path, tmp_path, capsys):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"an earlier briefing")
    assert cli.main(["--db", str(db_path), "brief", "--as-of", "2026-06-30", "--out", str(out)]) == 2
    assert one_line(capsys.readouterr().err) == (f"--out {out} is a file; brief writes its documents into a folder "
                                                 "(a new or existing one)")
    assert out.read_bytes() == b"an earlier briefing"


def test_export_to_an_unwritable_path(db_path, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    out = blocker / "trade.csv"
    assert cli.main(["--db", str(db_path), "export", "trade", "--out", str(out)]) == 1
    message = one_line(capsys.readouterr().err)         # the system's reason: "File exists" (for the folder)
    assert message.startswith(f"could not write {out}: ") and message.endswith("; no file was left behind")


def test_json_verbs_answer_json_while_another_process_holds_the_database(tmp_path):
    path = tmp_path / "held.duckdb"
    sample = tmp_path / "t.csv"
    sample.write_text("reporter,year,flow,value,currency\nUS Census,2024,us_to_serbia,1,USD\n")
    holder = db.connect(path)
    try:
        for argv in (["status", "--json"], ["history", "--json"], ["ingest", str(sample), "--json"]):
            done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), *argv], capture_output=True,
                                  text=True, cwd=ROOT, timeout=120)
            assert done.returncode == 1, (argv, done.stderr)
            answer = json.loads(done.stdout)
            assert answer["ok"] is False and "is busy: another program" in answer["error"], argv
            assert one_line(done.stderr) == answer["error"]
    finally:
        holder.close()


@pytest.fixture
def read_only_database(tmp_path, workspace_copy):
    """A filled database on a file system mounted read-only (root ignores file modes, not a read-only mount)."""
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        path = mount / "d.duckdb"
        workspace_copy(path, "demo")
        remount = subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount the tmpfs read-only: {remount.stderr.strip()}")
        yield path
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_reading_verbs_work_on_a_read_only_database_and_writing_verbs_refuse(read_only_database, tmp_path, capsys):
    path = str(read_only_database)
    assert cli.main(["--db", path, "status", "--json", "--as-of", "2026-06-30"]) == 0
    assert len(json.loads(capsys.readouterr().out)["targets"]) > 10
    assert cli.main(["--db", path, "history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["upload_id"] >= 1
    assert cli.main(["--db", path, "export", "trade", "--out", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").stat().st_size > 1000
    assert cli.main(["--db", path, "brief", "--as-of", "2026-06-30", "--known-at", "2026-12-01",
                     "--kind", "public", "--out", str(tmp_path / "b")]) == 0
    assert len(list((tmp_path / "b").iterdir())) == 1
    capsys.readouterr()
    sample = tmp_path / "x.csv"
    sample.write_text("reporter,year,flow,value,currency\nUS Census,2024,us_to_serbia,1,USD\n")
    for argv, verb in ((["ingest", str(sample)], "ingest"), (["rollback", "1"], "rollback"),
                       (["init", "--force"], "init"), (["users", "remove", "nobody"], "users remove")):
        assert cli.main(["--db", path, *argv]) == 1, argv
        assert one_line(capsys.readouterr().err) == (
            f"the database {path} is read-only (it lies on a read-only file system): `{verb}` changes it, so "
            "nothing was done; reading verbs (status, history, export, brief ...) still work on it")
    out = read_only_database.with_name("t.csv")
    assert cli.main(["--db", path, "export", "trade", "--out", str(out)]) == 1
    assert one_line(capsys.readouterr().err) == f"could not write {out}: Read-only file system; no file was left behind"
    assert cli.main(["--db", path, "backup", str(tmp_path / "bk")]) == 1
    assert "is read-only" in one_line(capsys.readouterr().err) and not (tmp_path / "bk").exists()


def test_an_unexpected_failure_is_one_line_too(tmp_path):
    """A database file that is not DuckDB at all: one line, exit 1, no traceback."""
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), "history"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert one_line(done.stderr).startswith("the database could not be used: ")


def test_a_reading_verb_on_a_database_from_an_older_version_adds_what_it_lacks(tmp_path, capsys):
    """Reading verbs open read-only; a writable file that lacks a newer table is completed first, not refused."""
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    con.execute("drop macro table known_events")
    con.execute("drop table events")
    con.close()
    assert cli.main(["--db", str(path), "export", "events", "--out", str(tmp_path / "e.csv")]) == 0
    assert "Exported 0 events rows" in capsys.readouterr().out
