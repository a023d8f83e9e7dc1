"""Row 5 of the page benchmark: every element a page draws costs on every warm run, so the pages draw few.

Each test fixes what a page draws on a warm run (closed sections draw nothing inside) and that what moved
behind a fold still appears when opened.
"""
from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.test_pages import APP, fixture_db, run_page  # noqa: F401 - a fixture

AS_OF = date(2026, 6, 30)


def _nodes(node) -> list:
    """Every element and block under `node`, depth first."""
    kids = getattr(node, "children", {})
    out = []
    for child in (kids.values() if isinstance(kids, dict) else kids):
        out += [child, *_nodes(child)]
    return out


def _kinds(node) -> list[str]:
    return [type(n).__name__ for n in _nodes(node)]


def test_overview_draws_at_most_forty_one_elements_and_no_page_links(fixture_db):
    at = run_page("overview")
    assert not at.exception, [e.value for e in at.exception]
    nodes = _nodes(at.main)
    # title, caption (with the start) = 2; the tile row and 7 tiles of a box and one Markdown each = 15;
    # the row, the two keyed boxes and at most two elements in each = 7; 8 area headings; at most 5 status
    # tables and 3 record folds; the folded moves = 1: 2 + 15 + 7 + 8 + 5 + 3 + 1 = 41 at most, 40 here
    # (nothing worsened: a heading and a caption; something is due: one Markdown with heading and list).
    assert len(nodes) <= 41, _kinds(at.main)
    assert "PageLink" not in _kinds(at.main)                      # the sidebar links every page
    for key in ("worsened", "due"):
        (box,) = [n for n in nodes if getattr(n, "key", None) == key]
        assert 1 <= len(_nodes(box)) <= 2                         # the heading with its list, or with "nothing"


def test_overview_folds_the_moves_and_draws_them_when_opened(fixture_db):
    at = run_page("overview")
    assert not at.exception
    (moves,) = [e for e in at.expander if e.key == "overview_moves"]
    assert moves.label == "What changed since 31 Mar 2026"
    tables = len(at.table)                                          # the areas' status tables
    at.session_state["overview_moves"] = True                       # the minister opens it
    at.run()
    assert not at.exception
    inside = _nodes(next(e for e in at.expander if e.key == "overview_moves"))
    assert len(at.table) == tables + 1 or [type(n).__name__ for n in inside] == ["Caption"]
    assert inside, "opened: the moves (or 'No status changed') are drawn"


def test_overview_explains_an_unmeasured_area_inside_its_fold(fixture_db):
    from dialogue import db
    from tests.conftest import put_rows

    con = db.connect(fixture_db)
    put_rows(con, "events", [dict(date="2025-03-01", kind="context", title="energy talks", area="energy",
                                  source="https://example.org/e")])
    con.close()
    at = run_page("overview")
    top = list(at.main.children.values())
    heading = next(i for i, n in enumerate(top) if type(n).__name__ == "Subheader" and n.value == "Energy and Environment")
    fold = top[heading + 1]
    assert (type(fold).__name__, fold.key, _nodes(fold)) == ("Expander", "overview_records_energy", [])  # closed: empty
    at.session_state["overview_records_energy"] = True
    at.run()
    (fold,) = [e for e in at.expander if e.key == "overview_records_energy"]
    assert [type(n).__name__ for n in _nodes(fold)] == ["Caption", "Dataframe"]
    assert _nodes(fold)[0].value.startswith("The proposal sets no measurable target for this area")


def test_an_area_pages_history_strip_is_one_caption_and_its_chart(fixture_db):
    at = run_page("security")
    assert not at.exception, [e.value for e in at.exception]
    title = "**Status at each quarter end, as the dashboard said then**"
    assert title not in [m.value for m in at.markdown]               # no heading element of its own
    (line,) = [c.value for c in at.caption if c.value.startswith(title)]
    # the fixture's security target: 2 held by 30 June, 1 planned later, 3 required (on track since Q1's end)
    assert line.startswith(title + " · At least 3 joint military exercises a year: ")
