"""The Overview's first screen: status tiles with their change since the last quarter end, the targets that
worsened, and what falls due. A module, not part of the page script (AppTest recompiles page scripts every run)."""
import streamlit as st

from dialogue.i18n import fmt_date, t

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
    come Markdown-safe from the view)."""
    left, right = st.columns(2, gap="medium")
    since_text = fmt_date(since, lang)
    with left.container(key="worsened"):
        st.markdown(f"**{t('worsened_title', lang, date=since_text)}**")
        if worsened:
            st.markdown("\n".join(f"- {line}" for line in worsened))
        else:
            st.caption(t("worsened_none", lang, date=since_text))
    with right.container(key="due"):
        st.markdown(f"**{t('due_title', lang, days=days)}**")
        if due:
            st.markdown("\n".join(f"- {line}" for line in due[:DUE_SHOWN]))
            if len(due) > DUE_SHOWN:
                st.caption(t("due_more", lang, n=len(due) - DUE_SHOWN))
        else:
            st.caption(t("due_none", lang, days=days))
