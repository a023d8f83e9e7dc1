"""The data verbs of `python -m dialogue`: ingest, init, history, rollback, template, export; exit codes and --json."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import openpyxl
import pytest

from dialogue import db
from dialogue.cli import main
from dialogue.config import ROOT

TRADE_CSV = (
    "reporter,year,month,flow,value,currency,source\n"
    "US Census,2024,,us_to_serbia,100,USD,test\n"
    "Serbia RZS,2024,,serbia_to_us,200,EUR,test\n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, db_path, *argv):
    """cli.main in-process; returns (exit code, stdout, stderr)."""
    code = main(["--db", str(db_path), *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def fingerprint(path):
    con = db.connect(path)
    try:
        return db.fingerprint(con)
    finally:
        con.close()


def test_ingest_commits_and_prints_exactly_the_json_object(tmp_path, db_path, capsys):
    f = write(tmp_path, "trade.csv", TRADE_CSV)
    code, out, _ = run(capsys, db_path, "ingest", f, "--json")
    assert code == 0
    report = json.loads(out)
    assert report == {"ok": True, "dataset": "trade", "upload_id": 1,
                      "rows": {"added": 2, "updated": 0, "unchanged": 0, "removed": 0}, "errors": [], "warnings": []}


def test_reuploading_the_same_file_changes_nothing_and_says_so(tmp_path, db_path, capsys):
    f = write(tmp_path, "trade.csv", TRADE_CSV)
    run(capsys, db_path, "ingest", f)
    before = fingerprint(db_path)
    code, out, _ = run(capsys, db_path, "ingest", f)
    assert code == 0
    assert "identical to upload #1" in out
    assert fingerprint(db_path) == before
    code, out, _ = run(capsys, db_path, "ingest", f, "--json")
    assert json.loads(out)["upload_id"] is None
    assert json.loads(out)["rows"] == {"added": 0, "updated": 0, "unchanged": 2, "removed": 0}


def test_dry_run_shows_old_and_new_values_and_writes_nothing(tmp_path, db_path, capsys):
    run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))
    before = fingerprint(db_path)
    changed = write(tmp_path, "changed.csv", TRADE_CSV.replace("100,USD", "150,USD") +
                    "US Census,2025,,us_to_serbia,90,USD,test\n")
    code, out, _ = run(capsys, db_path, "ingest", changed, "--dry-run", "--mode", "replace")
    assert code == 0
    assert "would be 1 added, 1 updated, 1 unchanged, 0 removed" in out
    assert "~ US Census · 2024 · — · us_to_serbia · USD · —: value 100.0 → 150.0" in out
    assert "+ US Census · 2025 · — · us_to_serbia · USD · —" in out
    assert fingerprint(db_path) == before
    code, out, _ = run(capsys, db_path, "ingest", changed, "--dry-run", "--json")
    assert json.loads(out)["upload_id"] is None


def test_a_rejected_file_exits_1_names_the_cell_and_changes_nothing(tmp_path, db_path, capsys):
    run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))
    before = fingerprint(db_path)
    bad = write(tmp_path, "bad.csv", TRADE_CSV.replace("serbia_to_us", "sideways"))
    code, out, _ = run(capsys, db_path, "ingest", bad, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["upload_id"] is None
    (err,) = report["errors"]
    assert (err["file"], err["row"], err["column"], err["value"]) == ("bad.csv", 3, "flow", "sideways")
    assert set(err) == {"file", "sheet", "row", "column", "value", "code", "message"}
    assert err["code"] == "unknown_code"
    assert fingerprint(db_path) == before


def test_a_key_repeated_in_the_file_is_rejected_at_the_repeating_row(tmp_path, db_path, capsys):
    dup = write(tmp_path, "dup.csv", TRADE_CSV + "US Census,2024,,us_to_serbia,101,USD,test\n")
    code, out, _ = run(capsys, db_path, "ingest", dup, "--json")
    assert code == 1
    rows = [e["row"] for e in json.loads(out)["errors"]]
    assert rows == [4]
    assert fingerprint(db_path)["uploads"][0] == 0


def test_replace_of_trade_keeps_other_reporters(tmp_path, db_path, capsys):
    run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))
    census = write(tmp_path, "census.csv", "reporter,year,flow,value,currency\nUS Census,2023,us_to_serbia,5,USD\n")
    code, out, _ = run(capsys, db_path, "ingest", census, "--mode", "replace", "--json")
    assert code == 0
    assert json.loads(out)["rows"] == {"added": 1, "updated": 0, "unchanged": 0, "removed": 1}
    export = tmp_path / "out.csv"
    run(capsys, db_path, "export", "trade", "--out", export)
    lines = export.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[:2] for line in lines[1:]] == [["Serbia RZS", "2024"], ["US Census", "2023"]]


def test_history_lists_every_upload_with_sha256_and_user(tmp_path, db_path, capsys):
    f = write(tmp_path, "trade.csv", TRADE_CSV)
    run(capsys, db_path, "ingest", f, "--user", "milica")
    code, out, _ = run(capsys, db_path, "history", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert {"upload_id", "dataset", "file", "sha256", "user", "time", "mode", "rows", "status"} <= set(entry)
    assert entry["sha256"] == hashlib.sha256(TRADE_CSV.encode()).hexdigest()
    assert (entry["user"], entry["file"], entry["mode"], entry["status"]) == ("milica", "trade.csv", "merge", "active")
    code, out, _ = run(capsys, db_path, "history")
    assert "#1" in out and "trade.csv" in out


def test_rollback_restores_and_refuses_twice(tmp_path, db_path, capsys):
    run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))
    run(capsys, db_path, "ingest", write(tmp_path, "fix.csv", TRADE_CSV.replace("100,USD", "150,USD")))
    code, out, _ = run(capsys, db_path, "rollback", "2", "--user", "ana")
    assert code == 0
    assert "as upload #3" in out
    export = tmp_path / "after.csv"
    run(capsys, db_path, "export", "trade", "--out", export)
    assert ",100," in export.read_text(encoding="utf-8-sig")
    code, _, err = run(capsys, db_path, "rollback", "2")
    assert code == 1
    assert "already rolled back by upload #3" in err
    _, out, _ = run(capsys, db_path, "history", "--json")
    assert [(u["upload_id"], u["status"], u["mode"]) for u in json.loads(out)] == [
        (1, "active", "merge"), (2, "rolled_back", "merge"), (3, "active", "rollback")]


def test_export_as_known_at_a_past_moment(tmp_path, db_path, capsys):
    run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))
    con = db.connect(db_path)
    con.execute("update uploads set time = '2026-01-01 10:00:00' where upload_id = 1")
    con.close()
    run(capsys, db_path, "ingest", write(tmp_path, "fix.csv", TRADE_CSV.replace("100,USD", "150,USD")))
    early, now = tmp_path / "early.csv", tmp_path / "now.csv"
    assert run(capsys, db_path, "export", "trade", "--out", early, "--as-known-at", "2026-01-02")[0] == 0
    assert run(capsys, db_path, "export", "trade", "--out", now)[0] == 0
    assert ",100," in early.read_text(encoding="utf-8-sig") and ",150," not in early.read_text(encoding="utf-8-sig")
    assert ",150," in now.read_text(encoding="utf-8-sig")
    assert run(capsys, db_path, "export", "trade", "--out", early, "--as-known-at", "yesterday")[0] == 2


def test_template_and_export_verbs_write_files(tmp_path, db_path, capsys):
    out = tmp_path / "events_template.xlsx"
    assert run(capsys, db_path, "template", "events", "--out", out)[0] == 0
    assert openpyxl.load_workbook(out).sheetnames == ["events", "columns"]
    assert run(capsys, db_path, "export", "events", "--out", tmp_path / "e.xlsx")[0] == 0
    assert run(capsys, db_path, "export", "events", "--out", tmp_path / "e.json")[0] == 2


def test_any_command_but_init_creates_a_missing_database_empty(tmp_path, capsys):
    path = tmp_path / "new" / "fresh.duckdb"
    code, out, _ = run(capsys, path, "history", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert path.exists()
    assert all(count == 0 for count, _, _ in fingerprint(path).values())


def test_init_fills_the_reference_workspace_and_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "ref.duckdb"
    code, out, _ = run(capsys, path, "init")
    assert code == 0
    con = db.connect(path)
    datasets = {r[0] for r in con.execute("select dataset from uploads").fetchall()}
    users = {r[0] for r in con.execute('select distinct "user" from uploads').fetchall()}
    assert db.workspace(con) == "reference"
    con.close()
    expected = {p.stem for p in (ROOT / "data" / "reference").glob("*.csv")} & set(db.DATASET_TABLES)
    assert datasets == expected and users == {"reference-loader"}
    before = fingerprint(path)
    code, _, err = run(capsys, path, "init", "--workspace", "empty")
    assert code == 1 and "--force" in err
    assert fingerprint(path) == before
    assert run(capsys, path, "init", "--workspace", "empty", "--force")[0] == 0
    assert fingerprint(path)["uploads"][0] == 0


def test_init_demo_workspace_is_labelled_synthetic(tmp_path, capsys):
    path = tmp_path / "demo.duckdb"
    assert run(capsys, path, "init", "--workspace", "demo")[0] == 0
    con = db.connect(path)
    assert db.workspace(con) == "demo"
    for table in db.DATASET_TABLES:
        assert con.execute(f"select count(*) filter (where not synthetic) from {table}").fetchone() == (0,)  # noqa: S608
    con.close()


@pytest.mark.parametrize("argv", [["ingest"], ["ingest", "x.csv", "--mode", "upsert"], ["export", "nope", "--out", "a.csv"]])
def test_usage_errors_exit_2(tmp_path, argv):
    done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(tmp_path / "u.duckdb"), *argv],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr


def test_missing_input_file_is_a_usage_error(tmp_path, db_path, capsys):
    code, _, err = run(capsys, db_path, "ingest", tmp_path / "absent.csv")
    assert code == 2 and "no such file" in err


def test_real_subprocess_exit_codes_for_commit_and_rejection(tmp_path):
    good, bad = write(tmp_path, "t.csv", TRADE_CSV), write(tmp_path, "b.csv", TRADE_CSV.replace("2024", "year 24"))
    base = [sys.executable, "-m", "dialogue", "--db", str(tmp_path / "s.duckdb"), "ingest"]
    ok = subprocess.run([*base, str(good), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    no = subprocess.run([*base, str(bad), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (ok.returncode, json.loads(ok.stdout)["upload_id"]) == (0, 1)
    assert no.returncode == 1 and json.loads(no.stdout)["ok"] is False


def test_ensure_database_fills_a_missing_file_once_then_just_opens_it(tmp_path):
    from dialogue import workspace

    path = tmp_path / "first_run.duckdb"
    con = workspace.ensure_database(path)
    try:
        uploads = con.execute("select count(*) from uploads").fetchone()[0]
        assert db.workspace(con) == "reference"
        assert uploads == len({p.stem for p in (ROOT / "data" / "reference").glob("*.csv")} & set(db.DATASET_TABLES))
        assert workspace.ensure_database(path).execute("select count(*) from uploads").fetchone()[0] == uploads
    finally:
        db.close_all()


def test_ingest_refuses_a_viewer_before_reading_anything(tmp_path, con):
    from dialogue.ingest import ingest
    from dialogue.roles import PermissionDenied
    from tests.conftest import VIEWER

    before = db.fingerprint(con)
    with pytest.raises(PermissionDenied):
        ingest(con, TRADE_CSV.encode(), "trade.csv", VIEWER)
    with pytest.raises(PermissionDenied):
        ingest(con, TRADE_CSV.encode(), "trade.csv", VIEWER, dry_run=True)
    assert db.fingerprint(con) == before


SYNTHETIC_CSV = (
    "reporter,year,month,flow,value,currency,source,synthetic\n"
    "US Census,2024,,us_to_serbia,100,USD,test,no\n"
    "Serbia RZS,2024,,serbia_to_us,200,EUR,made up,yes\n"
    "Serbia RZS,2023,,serbia_to_us,150,EUR,made up,yes\n"
)


def test_the_reference_workspace_refuses_synthetic_rows_by_row_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "ref.duckdb"
    assert run(capsys, path, "init")[0] == 0
    before = fingerprint(path)
    code, out, _ = run(capsys, path, "ingest", write(tmp_path, "mixed.csv", SYNTHETIC_CSV), "--json")
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["file"], e["row"], e["column"], e["value"]) for e in errors] == [
        ("mixed.csv", 3, "synthetic", "yes"), ("mixed.csv", 4, "synthetic", "yes")]
    assert "reference workspace" in errors[0]["message"] and "demo workspace" in errors[0]["message"]
    assert fingerprint(path) == before


def test_an_empty_workspace_takes_synthetic_rows_and_its_exports_say_demo(tmp_path, db_path, capsys):
    from dialogue import export

    code, _, _ = run(capsys, db_path, "ingest", write(tmp_path, "mixed.csv", SYNTHETIC_CSV))
    assert code == 0
    con = db.connect(db_path)
    try:
        assert db.workspace(con) == "empty"
        assert db.synthetic_rows(con) == 2
        assert db.holds_synthetic(con) and export.demo_label(con) == export.DEMO_LABEL
    finally:
        con.close()


def test_real_rows_alone_carry_no_demo_label(tmp_path, db_path, capsys):
    from dialogue import export

    assert run(capsys, db_path, "ingest", write(tmp_path, "trade.csv", TRADE_CSV))[0] == 0
    con = db.connect(db_path)
    try:
        assert db.synthetic_rows(con) == 0 and not db.holds_synthetic(con) and export.demo_label(con) is None
    finally:
        con.close()
