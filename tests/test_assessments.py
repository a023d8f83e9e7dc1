"""Quarterly assessments: who may record and approve them, versions as known at a moment, the audit trail."""
from __future__ import annotations

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
