"""Versioned targets: every save and every change found on disk is a version in the database, and a status or a
briefing "as known at" a moment uses the targets of that moment."""
from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta

import pytest

from dialogue import audit, config, db, target_versions
from dialogue.cli import main
from dialogue.status import compute_all
from dialogue.targets_admin import save_targets_text
from dialogue.views.method import method_page
from tests.conftest import ADMIN, put_rows
from tests.test_reports import cell_values

AS_OF = date(2026, 6, 30)
THRESHOLD = "[target.params]\nrequired = 3\nunit.en = [\"exercise\", \"exercises\"]"


@pytest.fixture
def targets_file(tmp_path, monkeypatch):
    """A copy of the bundled targets file that the code under test reads instead of the real one."""
    path = tmp_path / "targets" / "targets.toml"
    path.parent.mkdir()
    path.write_bytes(config.TARGETS_FILE.read_bytes())
    monkeypatch.setattr(config, "TARGETS_FILE", path)
    return path


def raised(text: str) -> str:
    """The targets text with the joint exercises' threshold raised from 3 to 4 a year."""
    assert THRESHOLD in text
    return text.replace(THRESHOLD, THRESHOLD.replace("required = 3", "required = 4"), 1)


def versions(con) -> list[tuple]:
    return con.execute("select version_id, author from target_versions order by version_id").fetchall()


def exercises_2026(con) -> None:
    put_rows(con, "exercises", [
        {"name": n, "start_date": d, "format": "bilateral", "us_participation": "yes", "status": "held"}
        for n, d in (("A", "2026-02-01"), ("B", "2026-05-01"))], time="2026-06-01 00:00:00")


def test_raising_a_threshold_leaves_a_briefing_known_at_earlier_identical(targets_file, db_path, tmp_path, capsys):
    con = db.connect(db_path)
    exercises_2026(con)
    assert target_versions.sync_file(con) == 1
    con.close()
    time.sleep(0.01)
    moment = db.utcnow().isoformat(sep=" ")
    time.sleep(0.01)

    def brief(out: str, *known) -> dict[str, bytes]:
        assert main(["--db", str(db_path), "brief", "--as-of", AS_OF.isoformat(), *known, "--out", str(tmp_path / out)]) == 0
        return {p.name: p.read_bytes() for p in (tmp_path / out).iterdir()}

    def status(*known) -> dict:
        capsys.readouterr()
        assert main(["--db", str(db_path), "status", "--as-of", AS_OF.isoformat(), *known, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    before_docs, before_status = brief("before", "--known-at", moment), status("--known-at", moment)
    assert before_status["targets"][5]["target"] == "joint-exercises"
    assert before_status["targets"][5]["target_value"] == 3

    con = db.connect(db_path)
    summary = save_targets_text(con, ADMIN, raised(targets_file.read_text(encoding="utf-8")), targets_file)
    assert summary["changed"] == ["joint-exercises"] and summary["version"] == 2
    assert versions(con) == [(1, target_versions.FILE_CHANGED), (2, "adam")]
    con.close()

    assert status("--known-at", moment) == before_status
    after_docs = brief("after", "--known-at", moment)
    pdf, xlsx = "briefing-2026-06-30-en.pdf", "briefing-2026-06-30-en.xlsx"
    assert after_docs.keys() == before_docs.keys() == {pdf, xlsx}
    assert after_docs[pdf] == before_docs[pdf], "the same PDF, byte for byte"
    assert cell_values(after_docs[xlsx]) == cell_values(before_docs[xlsx])   # the zip stamps its write time
    now = status()
    assert next(t for t in now["targets"] if t["target"] == "joint-exercises")["target_value"] == 4


def test_a_change_found_on_disk_is_known_from_its_time_and_recorded_at_start_with_its_diff(targets_file, db_path,
                                                                                           capsys):
    con = db.connect(db_path)
    exercises_2026(con)
    assert target_versions.sync_file(con) == 1           # as init and the dashboard's start do
    fingerprint = db.fingerprint(con)
    con.close()
    time.sleep(0.01)
    before_change = db.utcnow().isoformat(sep=" ")
    time.sleep(0.01)
    targets_file.write_text(raised(targets_file.read_text(encoding="utf-8")), encoding="utf-8")

    def required(*known) -> int:
        capsys.readouterr()
        assert main(["--db", str(db_path), "status", "--as-of", AS_OF.isoformat(), *known, "--json"]) == 0
        card = json.loads(capsys.readouterr().out)
        return next(t for t in card["targets"] if t["target"] == "joint-exercises")["target_value"]

    # a reading verb writes nothing, yet reads the unrecorded change as known from the file's modification time
    assert (required(), required("--known-at", before_change)) == (4, 3)
    con = db.connect(db_path)
    try:
        assert db.fingerprint(con) == fingerprint
        changed_at = datetime.utcfromtimestamp(targets_file.stat().st_mtime)
        assert target_versions.sync_file(con) == 2 and target_versions.sync_file(con) is None
        assert con.execute("select version_id, author, time from target_versions order by version_id").fetchall()[1] \
            == (2, "file changed", changed_at)              # dated when the file changed, not when it was noticed
        log = audit.audit_entries(con, action=target_versions.ACTION)
        assert len(log) == 1                   # the first version is the baseline, not a change
        detail = json.loads(log.iloc[0]["detail"])
        assert detail["version"] == 2 and detail["changed"] == ["joint-exercises"]
        assert "-required = 3" in detail["diff"] and "+required = 4" in detail["diff"]
    finally:
        con.close()
    assert (required(), required("--known-at", before_change)) == (4, 3)


def test_an_existing_database_gains_the_versions_table_in_place(targets_file, db_path, capsys):
    con = db.connect(db_path)
    exercises_2026(con)
    con.execute("drop table target_versions")      # as a database made before versions existed
    con.close()
    assert main(["--db", str(db_path), "status", "--as-of", "2026-06-30", "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert next(t for t in card["targets"] if t["target"] == "joint-exercises")["actual"] == 2
    con = db.connect(db_path)
    try:
        assert versions(con) == []                 # the table is back, empty: the file is read as it is
        assert store_rows(con) == 2                # the data stayed
    finally:
        con.close()


def store_rows(con) -> int:
    return con.execute("select count(*) from exercises").fetchone()[0]


def test_targets_as_known_at_each_moment(targets_file, con):
    old = targets_file.read_text(encoding="utf-8")
    con.execute("insert into target_versions values (1, '2026-03-01 10:00', 'file changed', 'a', $t), "
                "(2, '2026-05-01 10:00', 'adam', 'b', $n)", {"t": old, "n": raised(old)})
    required = {}
    for label, moment in (("before the first", datetime(2026, 1, 1)), ("at the first", datetime(2026, 3, 1, 10)),
                          ("between", datetime(2026, 4, 1)), ("after the second", datetime(2026, 5, 2))):
        required[label] = target_versions.book_known_at(con, moment).get("joint-exercises").params["required"]
    assert required == {"before the first": 3, "at the first": 3, "between": 3, "after the second": 4}
    assert target_versions.book_known_at(con, None).get("joint-exercises").params["required"] == 3   # the file
    # the scorecard as known at a moment uses that moment's targets
    assert compute_all(con, AS_OF, datetime(2026, 4, 1)).get("joint-exercises").target_value == 3
    assert compute_all(con, AS_OF, datetime(2026, 6, 1)).get("joint-exercises").target_value == 4


def test_method_page_lists_the_change_history_newest_first(targets_file, con):
    target_versions.sync_file(con)
    save_targets_text(con, ADMIN, raised(targets_file.read_text(encoding="utf-8")), targets_file)
    view = method_page(con, AS_OF, None, "en")
    assert list(view.versions.columns) == ["Version", "Time (UTC)", "Author", "Change"]
    rows = view.versions.values.tolist()
    assert [r[0] for r in rows] == [2, 1]
    assert rows[0][2:] == ["adam", "changed: joint-exercises"]
    assert rows[1][2:] == ["file changed", "first recorded version"]
    assert len(rows[0][1]) == len("2026-12-03 08:35")
    cyrl = method_page(con, AS_OF, None, "sr-Cyrl").versions.values.tolist()
    assert cyrl[0][3] == "измењено: joint-exercises" and cyrl[1][2] == "измењена датотека"


def test_a_public_report_known_at_an_earlier_moment_keeps_the_earlier_targets(targets_file, con):
    from dialogue import reports

    exercises_2026(con)
    target_versions.sync_file(con)
    moment = db.utcnow() + timedelta(microseconds=1)
    time.sleep(0.01)
    _, before = reports.documents(con, AS_OF, moment, kind="public")
    save_targets_text(con, ADMIN, raised(targets_file.read_text(encoding="utf-8")), targets_file)
    _, after = reports.documents(con, AS_OF, moment, kind="public")
    assert after == before
    _, now = reports.documents(con, AS_OF, None, kind="public")
    assert now != before


def test_the_file_on_disk_is_checked_once_per_text(targets_file, monkeypatch):
    """Issue 18: the status history asks for the file once per quarter end; one TOML parse per text, not per call."""
    checks = []
    real = target_versions.check_targets_text
    monkeypatch.setattr(target_versions, "check_targets_text", lambda text, path: checks.append(text) or real(text, path))
    target_versions._loads.cache_clear()
    first = target_versions._on_disk(targets_file)
    assert target_versions._on_disk(targets_file) == first and first[0] == targets_file.read_text(encoding="utf-8")
    assert len(checks) == 1
    targets_file.write_text(raised(first[0]), encoding="utf-8")            # a changed text is checked again
    assert target_versions._on_disk(targets_file)[0] == raised(first[0])
    assert len(checks) == 2
    targets_file.write_text("[settings\n", encoding="utf-8")              # and a broken one is refused, every time
    assert target_versions._on_disk(targets_file) is None
    assert target_versions._on_disk(targets_file) is None and len(checks) == 3
