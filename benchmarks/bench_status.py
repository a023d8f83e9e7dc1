"""Row 4: every target's status on the large database against the small one, and the absolute time."""
from __future__ import annotations

from benchmarks.context import AS_OF, Context, missing
from benchmarks.measure import Contender, compare
from benchmarks.prepare import database
from benchmarks.rows import Row, not_measured


def measure(ctx: Context) -> list[Row]:
    s = ctx.files.sizes
    r4a = Row("4a", f"all target statuses (compute_all) on the {s.trade:,}-trade-row database",
              f"the same on {s.trade_small:,} trade rows", "≤ 2×", "max", 2.0)
    r4b = Row("4b", f"all target statuses on the {s.trade:,}-trade-row database, absolute (issue 4)",
              "0.2 s", "< 0.2 s", "max", 1.0, ratio_label="× of 0.2 s")
    why = missing("dialogue.status")
    large, why_large = database(ctx, "large")
    small, why_small = database(ctx, "small")
    why = why or why_large or why_small
    if why:
        return [not_measured(r4a, why), not_measured(r4b, why)]
    from dialogue import db, status

    def contender(path):
        con = db.connect(path, read_only=True)
        return Contender(run=lambda _: status.compute_all(con, AS_OF), check=_has_statuses), con

    try:
        c_large, con_large = contender(large)
        c_small, con_small = contender(small)
        try:
            t = compare({"large": c_large, "small": c_small}, ctx.runs, ctx.warmup)
        finally:
            con_large.close()
            con_small.close()
    except Exception as exc:  # noqa: BLE001
        why = f"{type(exc).__name__}: {exc}"[:300]
        return [not_measured(r4a, why), not_measured(r4b, why)]
    r4a.subject, r4a.baseline = t["large"].to_dict(), t["small"].to_dict()
    r4a.ratio = t["large"].median / t["small"].median
    r4b.subject = t["large"].to_dict()
    r4b.baseline = {"median": 0.2, "min": 0.2, "max": 0.2, "runs": [0.2]}
    r4b.ratio = t["large"].median / 0.2
    return [r4a, r4b]


def _has_statuses(scorecard) -> None:
    if not scorecard.statuses:
        raise RuntimeError("compute_all returned no statuses")
