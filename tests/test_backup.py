"""Backups: taken online, restored into a fresh file with every table identical; busy database messages."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from dialogue import audit, backup, config, db, store, target_versions
from dialogue.cli import main
from tests.conftest import ADMIN, ANALYST, put_rows


def trade(year: int, value: float) -> pd.DataFrame:
    return pd.DataFrame([{"reporter": "US Census", "year": year, "flow": "us_to_serbia", "value": value,
                          "currency": "USD", "source": "test", "note": "Beograd – Čačak"}])


@pytest.fixture
def filled(con):
    """A database with something in every table, including a rolled-back upload and Serbian text."""
    db.set_meta(con, "workspace", "reference")
    store.commit_frame(con, "trade", trade(2024, 100.0), ANALYST, file="a.csv")
    second = store.commit_frame(con, "trade", trade(2024, 150.0), ANALYST, file="b.csv")
    store.rollback(con, second, ANALYST)
    # 2024 unchanged and the note column kept: fills the tables a rollback's replay reads
    store.apply(con, "trade", pd.concat([trade(2024, 100.0), trade(2023, 5.0)]).drop(columns=["note"]), ANALYST,
                file="c.csv", keep=("note",))
    put_rows(con, "exercises", [dict(name="Platinum Wolf", start_date="2025-05-12", format="multinational",
                                     us_participation="yes", status="held")])
    put_rows(con, "agreements", [dict(title="Sporazum", date_signed="2025-01-10", category="energy",
                                      area="energy", status="signed")])
    put_rows(con, "events", [dict(date="2026-01-05", kind="progress", title="Ћирилица")])
    put_rows(con, "working_groups", [dict(group_id="wg-1", name="Trade", area="economic", state="active")])
    put_rows(con, "actions", [dict(action_id="A1", group_id="wg-1", title="Списак баријера", lead_side="joint",
                                   state="in_progress", progress=40.0, due_date="2026-09-30")])
    put_rows(con, "commitments", [dict(commitment_id="C1", made_at="2026-02-12", meeting="Inaugural", text="Обавеза",
                                       side="joint", state="open")])
    put_rows(con, "peer_trade", [dict(reporter="US Census", partner="ME", year=2025, flow="us_exports", value=8e6,
                                      currency="USD", note="Crna Gora – Црна Гора")])
    con.execute("insert into notes values (nextval('note_id_seq'), 't1', 'ana', '2026-02-01 10:00', "
                "'2026-02-01', 'Napomena: č ć š đ ž', null)")
    con.execute("insert into assessments values (nextval('assessment_id_seq'), 'trade-growth', '2026-Q3', 'medium', "
                "'Izvoz raste sporo', null, 'ana', '2026-10-01 10:00', null, null, null)")
    audit.record(con, ADMIN, "settings", {"x": 1})
    target_versions.sync_file(con)       # the targets file as a version: backups carry the targets' history
    return con


def restored_fingerprint(path, drop_last_audit_entry=True):
    con = db.connect(path)
    try:
        fp = db.fingerprint(con)
        last = con.execute("select action from audit_log order by audit_id desc limit 1").fetchone()[0]
        if drop_last_audit_entry:      # restore records itself in the new file's audit log
            assert last == "restore"
            fp["audit_log"] = tuple(con.execute(
                "select count(*), coalesce(bit_xor(hash(t)), 0), coalesce(sum(hash(t)::hugeint), 0) "
                "from audit_log t where audit_id < (select max(audit_id) from audit_log)").fetchone())
        return fp
    finally:
        con.close()


def test_restore_into_a_fresh_file_gives_every_table_back(filled, tmp_path):
    before = db.fingerprint(filled)
    assert all(before[t][0] > 0 for t in db.ALL_TABLES), "fixture must fill every table"
    manifest = backup.backup(filled, tmp_path / "bk", ADMIN)
    assert {t: i["rows"] for t, i in manifest["tables"].items()} == {t: before[t][0] for t in db.ALL_TABLES}
    backup.restore(tmp_path / "bk", tmp_path / "restored.duckdb", ADMIN)
    assert restored_fingerprint(tmp_path / "restored.duckdb") == before


def test_restored_database_carries_on_with_fresh_ids(filled, tmp_path):
    backup.backup(filled, tmp_path / "bk", ADMIN)
    backup.restore(tmp_path / "bk", tmp_path / "r.duckdb", ADMIN)
    con = db.connect(tmp_path / "r.duckdb")
    new = store.commit_frame(con, "trade", trade(2025, 9.0), ANALYST, file="c.csv")
    assert new == 12                # uploads 1-11 (4 trade, 7 put_rows) came back; the next follows
    assert store.current_rows(con, "trade")["year"].tolist() == [2023, 2024, 2025]
    con.close()


def test_backup_records_itself_in_the_audit_log(filled, tmp_path):
    backup.backup(filled, tmp_path / "bk", ADMIN)
    entry = audit.audit_entries(filled, limit=1).iloc[0]
    assert (entry["action"], entry["user"], bool(entry["ok"])) == ("backup", "adam", True)


def test_backup_refuses_a_non_empty_directory_and_restore_an_existing_file(filled, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("keep")
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.backup(filled, tmp_path / "full", ADMIN)
    backup.backup(filled, tmp_path / "bk", ADMIN)
    (tmp_path / "existing.duckdb").write_bytes(b"precious")
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.restore(tmp_path / "bk", tmp_path / "existing.duckdb", ADMIN)
    assert (tmp_path / "existing.duckdb").read_bytes() == b"precious"


def test_damaged_backup_is_refused_and_leaves_no_file(filled, tmp_path):
    backup.backup(filled, tmp_path / "bk", ADMIN)
    data = tmp_path / "bk" / "trade.parquet"
    data.write_bytes(data.read_bytes()[:-10])
    with pytest.raises(backup.BackupError, match="trade.parquet is missing or damaged"):
        backup.restore(tmp_path / "bk", tmp_path / "r.duckdb", ADMIN)
    assert not (tmp_path / "r.duckdb").exists()


def test_tampered_manifest_fingerprint_fails_verification(filled, tmp_path):
    backup.backup(filled, tmp_path / "bk", ADMIN)
    path = tmp_path / "bk" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["tables"]["notes"]["fingerprint"][1] += 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="differ from the backup: notes"):
        backup.restore(tmp_path / "bk", tmp_path / "r.duckdb", ADMIN)
    assert not (tmp_path / "r.duckdb").exists()


def test_online_backup_while_uploads_commit_is_a_consistent_snapshot(tmp_path):
    """The dashboard's way: its shared connection backs up while other threads keep committing."""
    path = tmp_path / "live.duckdb"
    shared = db.shared(path)
    try:
        store.commit_frame(shared.cursor(), "trade", trade(2000, 1.0), ANALYST, file="0.csv")
        stop = threading.Event()
        errors = []

        def uploader():
            year = 2001
            while not stop.is_set() and year < 2200:
                try:
                    store.commit_frame(shared.cursor(), "trade", trade(year, float(year)), ANALYST, file=f"{year}.csv")
                except Exception as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)
                    return
                year += 1

        thread = threading.Thread(target=uploader)
        thread.start()
        try:
            manifests = [backup.backup(shared.cursor(), tmp_path / f"bk{i}", ADMIN) for i in range(3)]
        finally:
            stop.set()
            thread.join(timeout=60)
        assert not errors
        for i, manifest in enumerate(manifests):
            # restore() checks every table against the manifest's fingerprints taken in the snapshot,
            # and the snapshot holds whole uploads only: one trade row per upload.
            backup.restore(tmp_path / f"bk{i}", tmp_path / f"r{i}.duckdb", ADMIN)
            assert manifest["tables"]["trade"]["rows"] == manifest["tables"]["uploads"]["rows"]
    finally:
        db.close_all()


def test_cli_backup_and_restore(filled, tmp_path, db_path, capsys):
    before = db.fingerprint(filled)
    filled.close()
    assert main(["--db", str(db_path), "backup", str(tmp_path / "bk")]) == 0
    assert "backed up" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "new.duckdb"), "restore", str(tmp_path / "bk")]) == 0
    assert "every table matches" in capsys.readouterr().out
    after = restored_fingerprint(tmp_path / "new.duckdb")
    assert after == before      # the backup's own audit entry comes after its snapshot
    assert main(["--db", str(tmp_path / "new.duckdb"), "restore", str(tmp_path / "nothing")]) == 1
    assert "not a Dialogue Monitor backup" in capsys.readouterr().err


def test_second_process_gets_a_readable_database_busy_message(tmp_path):
    """While one process (the dashboard) holds the file, a command says so instead of a traceback."""
    path = tmp_path / "held.duckdb"
    holder = db.connect(path)
    try:
        done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), "backup", str(tmp_path / "bk")],
                              capture_output=True, text=True, cwd=config.ROOT, timeout=120,
                              env={"PATH": "/usr/bin:/bin"})
        assert done.returncode == 1, done.stderr
        assert "is busy: another program" in done.stderr and "Admin page" in done.stderr
        assert "takes no backup requests" in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "bk").exists()
    finally:
        holder.close()


def test_cli_backup_while_the_dashboard_holds_the_database(tmp_path):
    """`backup DIR` from another process is answered by the holder's own connection (online backup)."""
    path = tmp_path / "dash.duckdb"
    shared = db.shared(path)
    try:
        store.commit_frame(shared.cursor(), "trade", trade(2024, 5.0), ANALYST, file="a.csv")
        before = db.fingerprint(shared.cursor())
        backup.serve_backup_requests(shared, path)
        done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), "backup", str(tmp_path / "bk")],
                              capture_output=True, text=True, cwd=config.ROOT, timeout=120,
                              env={"PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert "through the running dashboard" in done.stdout
        backup.restore(tmp_path / "bk", tmp_path / "r.duckdb", ADMIN)
        assert restored_fingerprint(tmp_path / "r.duckdb") == before
        assert audit.audit_entries(shared.cursor(), limit=1).iloc[0]["action"] == "backup"
    finally:
        db.close_all()


def test_users_command_while_the_dashboard_runs_is_audited_through_the_dashboard(tmp_path):
    """The users file is not the database: adding a user works; its audit entry waits, then lands."""
    path = tmp_path / "dash.duckdb"
    shared = db.shared(path)
    try:
        backup.serve_backup_requests(shared, path)
        done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), "users", "add", "ana",
                               "--role", "analyst"], input="correct horse\ncorrect horse\n",
                              capture_output=True, text=True, cwd=config.ROOT, timeout=120,
                              env={"PATH": "/usr/bin:/bin", "DIALOGUE_USERS": str(tmp_path / "u.toml")})
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            entries = audit.audit_entries(shared.cursor(), action="user_add")
            if len(entries):
                break
            time.sleep(0.2)
        assert len(entries) == 1 and entries.iloc[0]["role"] == "admin" and bool(entries.iloc[0]["ok"])
        assert "ana" in entries.iloc[0]["detail"]
        assert audit.pending_path(path).read_text() == ""
    finally:
        db.close_all()


# ---------------------------------------------------------------- issue 13.10: the manifest is checked, not trusted

def edit_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize("name, why", [
    ("../outside.parquet", "'../outside.parquet', which is not a file in the backup folder"),
    ("/etc/passwd", "'/etc/passwd', which is not a file in the backup folder"),
    ("sub/trade.parquet", "'sub/trade.parquet', which is not a file in the backup folder"),
])
def test_restore_refuses_files_named_outside_the_backup(filled, tmp_path, name, why):
    bk = tmp_path / "bk"
    backup.backup(filled, bk, ADMIN)
    outside = tmp_path / "outside.parquet"
    outside.write_bytes((bk / "trade.parquet").read_bytes())      # the same bytes: only the path is wrong
    edit_manifest(bk, lambda m: m["tables"]["trade"].update(file=name))
    with pytest.raises(backup.BackupError, match=f"the manifest names {why}"):
        backup.restore(bk, tmp_path / "r.duckdb", ADMIN)
    assert not (tmp_path / "r.duckdb").exists()


def test_restore_refuses_a_link_leading_out_of_the_backup(filled, tmp_path):
    bk = tmp_path / "bk"
    backup.backup(filled, bk, ADMIN)
    outside = tmp_path / "elsewhere.parquet"
    (bk / "notes.parquet").rename(outside)
    (bk / "notes.parquet").symlink_to(outside)                   # checksum still matches through the link
    with pytest.raises(backup.BackupError, match="notes.parquet leads outside the backup folder"):
        backup.restore(bk, tmp_path / "r.duckdb", ADMIN)
    assert not (tmp_path / "r.duckdb").exists()


def test_restore_checks_the_manifest_row_counts(filled, tmp_path):
    bk = tmp_path / "bk"
    manifest = backup.backup(filled, bk, ADMIN)
    rows = manifest["tables"]["exercises"]["rows"]
    edit_manifest(bk, lambda m: m["tables"]["exercises"].update(rows=rows + 1))
    with pytest.raises(backup.BackupError, match=f"exercises.parquet holds {rows} rows; the manifest says {rows + 1}"):
        backup.restore(bk, tmp_path / "r.duckdb", ADMIN)
    assert not (tmp_path / "r.duckdb").exists()


def test_restore_with_a_truncated_manifest_is_one_line_and_exit_1(filled, tmp_path, capsys):
    bk = tmp_path / "bk"
    backup.backup(filled, bk, ADMIN)
    text = (bk / "manifest.json").read_text()
    (bk / "manifest.json").write_text(text[: len(text) // 2])
    assert main(["--db", str(tmp_path / "r.duckdb"), "restore", str(bk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bk / 'manifest.json'} is damaged or truncated (not valid JSON: ")
    assert err.count("\n") == 1 and not (tmp_path / "r.duckdb").exists()
    # valid JSON that lacks what restore reads: refused the same way, not a KeyError
    (bk / "manifest.json").write_text(json.dumps({"format": backup.FORMAT, "created_utc": "2026-01-01T00:00:00"}))
    assert main(["--db", str(tmp_path / "r.duckdb"), "restore", str(bk)]) == 1
    assert capsys.readouterr().err == f"error: {bk / 'manifest.json'} is damaged: last_ids is missing or not whole numbers\n"


def test_a_backup_from_before_a_table_existed_restores_with_that_table_empty(filled, tmp_path, db_path, capsys):
    """A backup taken by an earlier version lacks the tables added since (e.g. the delivery datasets, the replay's
    records): those start empty, every table it holds comes back exactly, and the command says which started empty."""
    bk = tmp_path / "bk"
    before = db.fingerprint(filled)
    backup.backup(filled, bk, ADMIN)
    newer = [t for t in ("upload_kept", "working_groups") if t in db.ALL_TABLES]
    assert newer, "the tables added by this round must be in ALL_TABLES"

    def older(m):
        for table in newer:
            (bk / m["tables"].pop(table)["file"]).unlink()
    edit_manifest(bk, older)
    out = tmp_path / "r.duckdb"
    assert main(["--db", str(out), "restore", str(bk)]) == 0
    assert "start empty: " + ", ".join(newer) in capsys.readouterr().out
    got = restored_fingerprint(out)
    assert all(got[t][0] == 0 for t in newer)
    assert {t: v for t, v in got.items() if t not in newer} == {t: v for t, v in before.items() if t not in newer}


def test_a_backup_made_before_target_versions_existed_still_restores(filled, tmp_path):
    backup.backup(filled, tmp_path / "bk", ADMIN)
    manifest_file = tmp_path / "bk" / backup.MANIFEST
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    del manifest["tables"]["target_versions"]          # as a backup taken by the previous version wrote it
    (tmp_path / "bk" / "target_versions.parquet").unlink()
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    backup.restore(tmp_path / "bk", tmp_path / "old.duckdb", ADMIN)
    con = db.connect(tmp_path / "old.duckdb")
    try:
        assert con.execute("select count(*) from target_versions").fetchone()[0] == 0
        assert store.current_rows(con, "trade")["year"].tolist() == store.current_rows(filled, "trade")["year"].tolist()
    finally:
        con.close()
