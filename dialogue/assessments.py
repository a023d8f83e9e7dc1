"""Quarterly delivery assessments (issue 14): an analyst records a confidence, a narrative and next steps for a
target and quarter; another analyst or an administrator approves it. Versioned, audited, never a status."""
from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from dialogue import audit, db
from dialogue.coded import Coded
from dialogue.roles import Actor, PermissionDenied, require

CONFIDENCE = ("high", "medium", "low")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MAX_TEXT = 4000


class AssessmentError(Coded, ValueError):
    """An assessment refused before anything is written, named by an i18n key so each reader gets their language."""


def quarter_of(day: date) -> str:
    """'2026-Q3' for any day of July to September 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarters_between(first: date, last: date) -> list[str]:
    """Every quarter from the one holding `first` to the one holding `last`, in order."""
    out, y, q = [], first.year, (first.month - 1) // 3 + 1
    while (y, q) <= (last.year, (last.month - 1) // 3 + 1):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def _check(target_id: str, quarter: str, confidence: str, narrative: str, next_steps: str) -> None:
    from dialogue.targets import load_targets

    if target_id not in load_targets().ids:
        raise AssessmentError("as_err_target", target=target_id)
    if not _QUARTER.match(quarter or ""):
        raise AssessmentError("as_err_quarter", quarter=quarter)
    if confidence not in CONFIDENCE:
        raise AssessmentError("as_err_confidence", confidence=confidence, choices=", ".join(CONFIDENCE))
    if not narrative.strip():
        raise AssessmentError("as_err_narrative")
    if max(len(narrative), len(next_steps)) > MAX_TEXT:
        raise AssessmentError("as_err_length", most=MAX_TEXT)


def _write(con, actor: Actor, action: str, detail: dict, work) -> None:
    with db.write_lock:
        con.execute("begin transaction")
        try:
            work()
            audit.record(con, actor, action, detail)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


def record(con, actor: Actor, target_id: str, quarter: str, confidence: str, narrative: str,
           next_steps: str = "") -> int:
    """Record an assessment (analysts and admins); a later one for the same target and quarter supersedes it."""
    require(actor, "assess")
    narrative, next_steps = (narrative or "").strip(), (next_steps or "").strip()
    _check(target_id, quarter, confidence, narrative, next_steps)
    new_id = int(con.execute("select nextval('assessment_id_seq')").fetchone()[0])
    now = db.utcnow()

    def work():
        con.execute("update assessments set superseded_at = $now where target_id = $t and quarter = $q "
                    "and superseded_at is null", {"now": now, "t": target_id, "q": quarter})
        con.execute("insert into assessments (assessment_id, target_id, quarter, confidence, narrative, next_steps, "
                    "author, created_at) values ($id, $t, $q, $c, $n, $s, $a, $now)",
                    {"id": new_id, "t": target_id, "q": quarter, "c": confidence, "n": narrative,
                     "s": next_steps or None, "a": actor.user, "now": now})

    _write(con, actor, "assessment", {"assessment_id": new_id, "target_id": target_id, "quarter": quarter,
                                      "confidence": confidence}, work)
    return new_id


def may_approve(actor: Actor | None, author: str) -> bool:
    """Whether `actor` may approve an assessment written by `author`: analysts and up, never its author."""
    return actor is not None and actor.can("approve") and actor.user != author


def approve(con, actor: Actor, assessment_id: int) -> None:
    """Approve an assessment: another analyst than its author, or an administrator (who may not approve their own)."""
    require(actor, "approve")
    row = con.execute("select author, approved_at, superseded_at from assessments where assessment_id = $id",
                      {"id": assessment_id}).fetchone()
    if row is None:
        raise AssessmentError("as_err_unknown", id=assessment_id)
    author, approved_at, superseded_at = row
    if author == actor.user:
        raise PermissionDenied("as_err_own")
    if approved_at is not None:
        raise AssessmentError("as_err_approved", id=assessment_id)
    if superseded_at is not None:
        raise AssessmentError("as_err_replaced", id=assessment_id)

    def work():
        con.execute("update assessments set approved_by = $u, approved_at = $now where assessment_id = $id",
                    {"u": actor.user, "now": db.utcnow(), "id": assessment_id})

    _write(con, actor, "assessment_approval", {"assessment_id": int(assessment_id)}, work)


def known(con, known_at: datetime | None = None, quarters: list[str] | None = None,
          approved_only: bool = False) -> pd.DataFrame:
    """The assessments current at `known_at` (default now): one per target and quarter, approval as known then."""
    frame = db.query(con, "assessments_known_at", known_at=known_at or db.utcnow())
    if quarters is not None:
        frame = frame[frame["quarter"].isin(quarters)]
    if approved_only:
        frame = frame[frame["approved_by"].notna()]
    return frame.reset_index(drop=True)


def drafts(con, known_at: datetime | None = None) -> pd.DataFrame:
    """The current assessments still awaiting approval, oldest quarter first."""
    frame = known(con, known_at)
    return frame[frame["approved_by"].isna()].reset_index(drop=True)


def latest_approved(con, as_of: date, known_at: datetime | None = None) -> pd.DataFrame:
    """Each target's approved assessment of the latest quarter up to the one holding `as_of` (one row per target)."""
    frame = known(con, known_at, approved_only=True)
    frame = frame[frame["quarter"] <= quarter_of(as_of)]          # 'YYYY-Qn' sorts as time does
    return frame.sort_values(["target_id", "quarter"]).drop_duplicates("target_id", keep="last").reset_index(drop=True)
