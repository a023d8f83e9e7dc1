"""Which of the pages' charts each report section shows, built by the same builders as the pages."""
from __future__ import annotations


def area_charts(area, con, data, scorecard, as_of, known_at, lang) -> list[tuple[str, object]]:
    """(title, Altair chart) pairs for one framework area; empty when the area has no chart."""
    return []
