"""JSON that every strict parser reads: NaN and Infinity are never written (they become null)."""
from __future__ import annotations

import json
import math


def finite(value):
    """`value` with every non-finite float (NaN, ±Infinity; numpy's float64 too) replaced by None."""
    if isinstance(value, float):                     # numpy.float64 is a float subclass
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def dumps(value, **kwargs) -> str:
    """json.dumps with allow_nan=False after `finite`: the text is standard JSON (RFC 8259)."""
    return json.dumps(finite(value), allow_nan=False, **kwargs)
