"""Row 5 of the page benchmark: every element a page draws costs on every warm run, so the pages draw few.

Each test fixes what a page draws on a warm run (closed sections draw nothing inside) and that what moved
behind a fold still appears when opened.
"""
from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from dialogue.i18n import t
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


def test_overview_draws_at_most_eleven_elements_and_no_page_links(fixture_db):
    at = run_page("overview")
    assert not at.exception, [e.value for e in at.exception]
    nodes = _nodes(at.main)
    # the title = 1; the first screen's box with its one Markdown (date line, tiles, worsened, due) = 2; the areas'
    # headings and tables in Markdown, broken only by a fold: at most 3 folds (the areas without measurable
    # targets) and 4 texts; the folded moves = 1: 1 + 2 + 3 + 4 + 1 = 11 at most (the router's block aside).
    kinds = [k for k in _kinds(at.main) if k != "SpecialBlock"]
    assert len(kinds) <= 11, kinds
    assert "PageLink" not in kinds                                # the sidebar links every page
    assert "Table" not in kinds and "Subheader" not in kinds      # tables and headings are Markdown
    (box,) = [n for n in nodes if getattr(n, "key", None) == "first_screen"]
    (text,) = _nodes(box)
    assert type(text).__name__ == "Markdown"
    worsened, due = text.value.index("**Worsened since 31 Mar 2026**"), text.value.index("**Due in the next 90 days**")
    assert text.value.index("| ✅ Achieved | 🟢 On track |") < worsened < due     # tiles, worsened, then due


def test_overview_folds_the_moves_and_draws_them_when_opened(fixture_db):
    at = run_page("overview")
    assert not at.exception
    (moves,) = [e for e in at.expander if e.key == "overview_moves"]
    assert moves.label == "What changed since 31 Mar 2026"
    assert _nodes(moves) == []                                      # closed: nothing drawn inside
    at.session_state["overview_moves"] = True                       # the minister opens it
    at.run()
    assert not at.exception
    inside = _nodes(next(e for e in at.expander if e.key == "overview_moves"))
    assert [type(n).__name__ for n in inside] in (["Markdown"], ["Caption"])
    assert inside[0].value.startswith("| Target | From | To |") or inside[0].value.startswith("No status changed")


def test_overview_explains_an_unmeasured_area_inside_its_fold(fixture_db):
    from dialogue import db
    from tests.conftest import put_rows

    con = db.connect(fixture_db)
    put_rows(con, "events", [dict(date="2025-03-01", kind="context", title="energy talks", area="energy",
                                  source="https://example.org/e")])
    con.close()
    at = run_page("overview")
    top = list(at.main.children.values())
    fold = next(i for i, n in enumerate(top) if getattr(n, "key", None) == "overview_records_energy")
    assert top[fold - 1].value.endswith("### Energy and Environment")      # the area's heading ends the text before
    assert (type(top[fold]).__name__, _nodes(top[fold])) == ("Expander", [])  # closed: empty
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


def test_trade_page_draws_its_statuses_with_the_strip_caption_and_its_notes_and_headings_as_one_element_each(
        fixture_db):
    at = run_page("trade")
    assert not at.exception, [e.value for e in at.exception]
    kinds = [k for k in _kinds(at.main) if k != "SpecialBlock"]
    # title, series picker; statuses + strip caption, strip chart; turnover heading, chart, its note; the tabs
    # (container + 8, growth open first), the growth's heading and chart (its note when there is one: none in the
    # fixture); the notes' heading and line, "Add a note" = 2 + 2 + 3 + 9 + 2 + 2 = 20 (no columns, the year to
    # date, flows and the rest in closed tabs, the actions folded when there are any: none in the fixture)
    assert "Column" not in kinds and "Dataframe" not in kinds and "Caption" in kinds
    assert len(kinds) == 20, "\n".join(f"{k}: {str(getattr(n, 'value', ''))[:60]}" for k, n in zip(kinds, _nodes(at.main)))
    strip = "**Status at each quarter end, as the dashboard said then**"
    (top,) = [m.value for m in at.markdown if strip in m.value]
    assert top.startswith("| Status | Target | Figure | Why | Figures to |")       # the statuses, then the strip's line
    assert top.index("| Status |") < top.index(f":gray[{strip}")
    growth = [m.value for m in at.markdown if "### Year-on-year growth against 10%" in m.value]
    assert growth == ["### Year-on-year growth against 10%"]                         # in the open tab


def test_data_page_folds_the_templates_and_draws_them_when_opened(fixture_db):
    from dialogue.datasets import DATASETS

    at = run_page("data")
    assert not at.exception, [e.value for e in at.exception]
    (box,) = [e for e in at.expander if e.key == "data_templates"]
    assert box.label == "Templates" and _nodes(box) == []             # closed: nothing drawn inside
    assert not at.get("download_button") and "Column" not in _kinds(at.main)
    at.session_state["data_templates"] = True                          # the analyst opens it
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [f"Template: {t('ds_' + name, 'en')}" for name in DATASETS]
    assert len(DATASETS) == 8 and buttons[0].proto.label == "Template: Trade"
