"""The Overview's first screen: status tiles with their change since the last quarter end, the targets that
worsened, what falls due, and (at its foot) every move since then. A module, not part of the page script (AppTest recompiles page scripts every run)."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from pages.ui import common

DUE_SHOWN = 4      # the rest are counted: the first screen must stay one screen

# A rise in a good status is good news, a rise in a bad one bad news; the unmeasured ones are neither.
_DELTA_COLOUR = {"achieved": "green", "on_track": "green", "at_risk": "red", "off_track": "red",
                 "missed": "red", "not_started": "gray", "no_data": "gray"}


def tiles(counts, since, lang: str) -> None:
    """One tile per status: how many targets hold it now and the change since the previous quarter end (an arrow
    and a sign, coloured by whether the change is good news; the colour is never the only sign)."""
    row = st.container(horizontal=True, key="status_tiles", gap="small")
    for status, badge, n, delta in zip(counts["status"], counts["badge"], counts["n"], counts["delta"]):
        tile = row.container(border=True, width=112, gap=None, key=f"tile_{status}")
        change = ""
        if delta:
            arrow = "↑" if delta > 0 else "↓"
            colour = _DELTA_COLOUR[status] if delta > 0 else {"green": "red", "red": "green"}.get(_DELTA_COLOUR[status], "gray")
            change = f" :small[:{colour}[{arrow}{int(delta):+d}]]"
        tile.markdown(f":small[{badge}]\n### {int(n)}{change}")


def worsened_and_due(worsened: list[str], due: list[str], since, days: int, lang: str) -> None:
    """Left: the (at most three) targets that worsened, with their reason; right: what falls due soon (both lists
    come Markdown-safe from the view). Side by side in one row, each list one element with its heading."""
    row = st.container(horizontal=True, gap="medium")
    since_text = fmt_date(since, lang)
    more = t("due_more", lang, n=len(due) - DUE_SHOWN) if len(due) > DUE_SHOWN else ""
    _listed(row, "worsened", t("worsened_title", lang, date=since_text), worsened,
            t("worsened_none", lang, date=since_text))
    _listed(row, "due", t("due_title", lang, days=days), due[:DUE_SHOWN], t("due_none", lang, days=days), more)


def _listed(row, key: str, title: str, lines: list[str], none: str, more: str = "") -> None:
    """A keyed box: the bold title with its list in one Markdown element (plus a grey "and N more"), or the
    title and a caption saying there is nothing."""
    box = row.container(key=key)
    if not lines:
        box.markdown(f"**{title}**")
        box.caption(none)
        return
    text = f"**{title}**\n\n" + "\n".join(f"- {line}" for line in lines)
    box.markdown(text + (f"\n\n:small[:gray[{more}]]" if more else ""))


def moves(frame, since_text: str, lang: str) -> None:
    """Every status move since the quarter end, folded at the foot of the page (the worst are on the first
    screen already): drawn only when opened."""
    box = st.expander(t("moves_title", lang, date=since_text), key="overview_moves", on_change="rerun")
    if not box.open:
        return
    with box:
        if frame.empty:
            st.caption(t("moves_none", lang, date=since_text))
            return
        # renamed once per cached frame (a new frame each run would be escaped and converted to Arrow each run)
        common.safe_table(common.derived(frame, lambda m: m.rename(columns={
            "target": t("col_target", lang), "before": t("col_from", lang), "now": t("col_to", lang),
            "direction": ""})))
