"""Quarterly assessments: who may record and approve them, versions as known at a moment, the audit trail."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from dialogue import assessments, db
from dialogue.roles import Actor, PermissionDenied
from tests.conftest import ADMIN, ANALYST, VIEWER

BORIS = Actor("boris", "analyst")


def test_quarters():
    assert assessments.quarter_of(date(2026, 9, 30)) == "2026-Q3"
    assert assessments.quarter_of(date(2026, 10, 1)) == "2026-Q4"
    assert assessments.quarters_between(date(2026, 11, 5), date(2027, 4, 1)) == ["2026-Q4", "2027-Q1", "2027-Q2"]


def test_an_analyst_records_and_another_analyst_approves(con):
    a = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "medium", "Exports recover slowly.", "Trade fair")
    assert assessments.known(con, approved_only=True).empty
    with pytest.raises(PermissionDenied):
        assessments.approve(con, ANALYST, a)                 # not by its author
    with pytest.raises(PermissionDenied):
        assessments.approve(con, VIEWER, a)                  # a viewer approves nothing
    assessments.approve(con, BORIS, a)
    got = assessments.known(con, approved_only=True)
    assert got[["target_id", "quarter", "confidence", "author", "approved_by"]].values.tolist() == [
        ["trade-growth", "2026-Q3", "medium", "ana", "boris"]]
    with pytest.raises(ValueError, match="already approved"):
        assessments.approve(con, ADMIN, a)
    actions = [r[0] for r in con.execute("select action from audit_log order by audit_id").fetchall()]
    assert actions == ["assessment", "assessment_approval"]


def test_an_administrator_may_approve_but_a_viewer_may_not_record(con):
    with pytest.raises(PermissionDenied):
        assessments.record(con, VIEWER, "trade-growth", "2026-Q3", "low", "No.")
    a = assessments.record(con, ANALYST, "joint-exercises", "2026-Q2", "high", "Three held.")
    assessments.approve(con, ADMIN, a)
    assert assessments.known(con, approved_only=True)["approved_by"].tolist() == ["adam"]


@pytest.mark.parametrize("target,quarter,confidence,narrative,message", [
    ("no-such-target", "2026-Q3", "high", "x", "no target"),
    ("trade-growth", "2026-3", "high", "x", "YYYY-Qn"),
    ("trade-growth", "2026-Q5", "high", "x", "YYYY-Qn"),
    ("trade-growth", "2026-Q3", "certain", "x", "not one of"),
    ("trade-growth", "2026-Q3", "high", "   ", "narrative"),
])
def test_invalid_assessments_are_refused_and_write_nothing(con, target, quarter, confidence, narrative, message):
    with pytest.raises(ValueError, match=message):
        assessments.record(con, ANALYST, target, quarter, confidence, narrative)
    assert con.execute("select count(*) from assessments").fetchone()[0] == 0


def test_a_new_version_supersedes_and_the_old_one_is_kept_as_known_at(con):
    first = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "high", "On course.")
    between = db.utcnow()
    second = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "low", "A tariff shock.")
    now = assessments.known(con)
    assert now[["assessment_id", "confidence"]].values.tolist() == [[second, "low"]]
    then = assessments.known(con, known_at=between)
    assert then[["assessment_id", "confidence"]].values.tolist() == [[first, "high"]]
    with pytest.raises(ValueError, match="replaced"):
        assessments.approve(con, BORIS, first)
    assert con.execute("select count(*) from assessments").fetchone()[0] == 2     # both versions stay


def test_approval_is_not_known_before_it_happened(con):
    a = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "medium", "Steady.")
    before = db.utcnow()
    assessments.approve(con, BORIS, a)
    assert assessments.known(con, known_at=before)["approved_by"].isna().all()
    assert assessments.known(con, known_at=datetime(2000, 1, 1)).empty


def test_assessment_ids_carry_on_after_a_restore(con, tmp_path):
    from dialogue import backup

    first = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "medium", "Steady.")
    backup.backup(con, tmp_path / "bk", ADMIN)
    backup.restore(tmp_path / "bk", tmp_path / "restored.duckdb", ADMIN)
    restored = db.connect(tmp_path / "restored.duckdb")
    try:
        assert assessments.record(restored, ANALYST, "trade-growth", "2026-Q4", "high", "Better.") == first + 1
    finally:
        restored.close()


# ------------------------------------------------------------------ the command line

def _cli(db_path, *argv):
    from dialogue.cli import main

    return main(["--db", str(db_path), "assess", *argv])


def test_assess_record_approve_list_on_the_command_line(db_path, capsys):
    assert _cli(db_path, "record", "--target", "trade-growth", "--quarter", "2026-Q3", "--confidence", "low",
                "--narrative", "Извоз пада.", "--next-steps", "Sajam", "--user", "ana", "--lang", "sr-Cyrl") == 0
    assert capsys.readouterr().out.strip() == "Процена #1 је сачувана: чека одобрење другог аналитичара или администратора."
    assert _cli(db_path, "list", "--drafts", "--lang", "sr-Latn") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("#1 · trade-growth · 2026-Q3 · Niska · ana · ") and out[0].endswith(" · Čeka odobrenje")
    assert out[1:] == ["    Извоз пада.", "    Sledeći koraci: Sajam"]
    # the author may not approve (the command line acts as an administrator of that name: still the author)
    assert _cli(db_path, "approve", "1", "--user", "ana") == 1
    assert "not by its author" in capsys.readouterr().err
    assert _cli(db_path, "approve", "1", "--user", "boris") == 0
    assert capsys.readouterr().out.strip() == "Assessment #1 approved."
    assert _cli(db_path, "list", "--json") == 0
    got = json.loads(capsys.readouterr().out)
    assert list(got) == ["assessments"] and len(got["assessments"]) == 1
    row = got["assessments"][0]
    assert list(row) == ["assessment_id", "target_id", "quarter", "confidence", "narrative", "next_steps", "author",
                         "created_at", "approved_by", "approved_at"]
    assert (row["assessment_id"], row["confidence"], row["author"], row["approved_by"]) == (1, "low", "ana", "boris")
    assert row["created_at"].endswith("Z") and row["approved_at"] >= row["created_at"]
    assert _cli(db_path, "list", "--drafts", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"assessments": []}
    assert _cli(db_path, "list", "--drafts") == 0
    assert capsys.readouterr().out.strip() == "No assessment awaits approval."


def test_assess_refusals_are_one_line_and_write_nothing(db_path, capsys):
    assert _cli(db_path, "record", "--target", "no-such", "--quarter", "2026-Q3", "--confidence", "high",
                "--narrative", "x") == 1
    assert capsys.readouterr().err.strip() == "error: There is no target 'no-such' in the targets file."
    assert _cli(db_path, "approve", "7", "--user", "boris") == 1
    assert capsys.readouterr().err.strip() == "error: There is no assessment #7."
    assert _cli(db_path, "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"assessments": []}


def test_may_approve_follows_the_roles():
    assert assessments.may_approve(BORIS, "ana") is True
    assert assessments.may_approve(ANALYST, "ana") is False          # its author
    assert assessments.may_approve(ADMIN, "ana") is True
    assert assessments.may_approve(ADMIN, "adam") is False           # an administrator's own
    assert assessments.may_approve(VIEWER, "ana") is False
    assert assessments.may_approve(None, "ana") is False


def test_assess_refusals_follow_the_language_and_keep_their_code(con, db_path, capsys):
    from dialogue.coded import code_of, say

    assert _cli(db_path, "approve", "7", "--user", "boris", "--lang", "sr-Cyrl") == 1
    assert capsys.readouterr().err.strip() == "грешка: Нема процене #7."
    assert _cli(db_path, "record", "--target", "trade-growth", "--quarter", "2026-3", "--confidence", "high",
                "--narrative", "x", "--lang", "sr-Latn") == 1
    assert capsys.readouterr().err.strip() == "greška: Kvartal '2026-3' nije zapisan kao GGGG-Qn, npr. 2026-Q3."
    a = assessments.record(con, ANALYST, "trade-growth", "2026-Q3", "medium", "Exports recover slowly.")
    with pytest.raises(PermissionDenied) as own:
        assessments.approve(con, ANALYST, a)
    assert code_of(own.value) == "as_err_own"
    assert say(own.value, "sr-Cyrl") == "Процену одобрава други аналитичар или администратор, а не њен аутор."
    assert str(own.value) == "An assessment is approved by another analyst or an administrator, not by its author."
