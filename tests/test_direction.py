"""Direction of a status change by the explicit order achieved > on track > at risk > off track > missed
(issue 12 item 5): every one of the 49 pairs, written out by hand."""
from __future__ import annotations

import pytest

from dialogue.i18n import t
from dialogue.vocab import DIRECTIONS, STATUSES, change_direction

A, O, R, F, M, S, N = "achieved", "on_track", "at_risk", "off_track", "missed", "not_started", "no_data"
# rows: from; columns: to, in the order A O R F M S N
EXPECTED = {
    A: ["unchanged", "worsened", "worsened", "worsened", "worsened", "no_longer_measured", "no_longer_measured"],
    O: ["improved", "unchanged", "worsened", "worsened", "worsened", "no_longer_measured", "no_longer_measured"],
    R: ["improved", "improved", "unchanged", "worsened", "worsened", "no_longer_measured", "no_longer_measured"],
    F: ["improved", "improved", "improved", "unchanged", "worsened", "no_longer_measured", "no_longer_measured"],
    M: ["improved", "improved", "improved", "improved", "unchanged", "no_longer_measured", "no_longer_measured"],
    S: ["first_measured"] * 5 + ["unchanged", "unchanged"],       # between the two unmeasured states: unchanged
    N: ["first_measured"] * 5 + ["unchanged", "unchanged"],
}
PAIRS = [(old, new, EXPECTED[old][i]) for old in EXPECTED for i, new in enumerate((A, O, R, F, M, S, N))]


def test_every_status_pair_is_covered():
    assert len(PAIRS) == 49 and {(o, n) for o, n, _ in PAIRS} == {(o, n) for o in STATUSES for n in STATUSES}


@pytest.mark.parametrize("old,new,expected", PAIRS, ids=[f"{o}->{n}" for o, n, _ in PAIRS])
def test_direction(old, new, expected):
    assert change_direction(old, new) == expected


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_every_direction_has_words_in_every_language(lang):
    words = [t(f"moves_{d}", lang) for d in DIRECTIONS]
    assert all(words) and len(set(words)) == len(DIRECTIONS)


def test_status_changes_in_briefings_use_the_same_order(con):
    """Step IV from Not started to Off track is 'first_measured' in status_changes too (briefings read it)."""
    from datetime import date

    from dialogue.status import status_changes
    from tests.conftest import put_rows

    put_rows(con, "events", [{"date": date(2025, 1, 10), "kind": "context", "title": "Talks"}])
    moves = {m["target"]: m for m in status_changes(con, date(2025, 5, 15), date(2025, 3, 31))}
    assert (moves["roadmap-4"]["from"], moves["roadmap-4"]["to"]) == (S, F)
    assert moves["roadmap-4"]["direction"] == "first_measured"
