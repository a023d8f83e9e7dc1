"""One benchmark row: what was measured, against what, the ratio, the goal and whether it is met."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    key: str                 # stable id, e.g. "1a"; the smoke test looks rows up by it
    what: str
    against: str
    goal: str                # as the issue states it, e.g. "≤ 2.0×"
    rule: str                # "max" (ratio ≤ limit), "min" (ratio ≥ limit)
    limit: float
    unit: str = "s"          # unit of subject/baseline: "s" or "MB"
    subject: dict | None = None      # Timing.to_dict() or {"median": value, ...}
    baseline: dict | None = None
    ratio: float | None = None
    ratio_label: str = "×"   # what the ratio means, printed after it
    note: str = ""           # "not measured: ..." or a remark
    lower_bound: bool = False  # the run was stopped: the true ratio is at least `ratio`
    extra: dict = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        return self.ratio is not None

    @property
    def meets(self) -> bool | None:
        if self.ratio is None:
            return None
        if self.lower_bound:
            return False if self.rule == "max" and self.ratio > self.limit else None
        return self.ratio <= self.limit if self.rule == "max" else self.ratio >= self.limit

    def to_dict(self) -> dict:
        return {**asdict(self), "meets": self.meets}

    @classmethod
    def from_dict(cls, data: dict) -> "Row":
        data = {k: v for k, v in data.items() if k != "meets"}
        return cls(**data)


def not_measured(row: Row, why: str) -> Row:
    row.note = f"not measured: {why}"
    return row
