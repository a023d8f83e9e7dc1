"""The Overview's first screen: status tiles with their change since the last quarter end, the targets that
worsened, what falls due (one Markdown element), and (at its foot) every move since then. A module, not part
of the page script (AppTest recompiles page scripts every run)."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from dialogue.safe_text import plain
from dialogue.summary import DUE_DAYS
from pages.ui import cache, common

DUE_SHOWN = 4      # the rest are counted: the first screen must stay one screen

# A rise in a good status is good news, a rise in a bad one bad news; the unmeasured ones are neither.
_DELTA_COLOUR = {"achieved": "green", "on_track": "green", "at_risk": "red", "off_track": "red",
                 "missed": "red", "not_started": "gray", "no_data": "gray"}


def draw(data, lang: str) -> None:
    """The answer in one keyed box holding one Markdown element (each element costs on every run: row 5 of the
    page benchmark): the date line, the tiles, what worsened and what falls due."""
    st.container(key="first_screen").markdown(
        cache.derived("first_screen", data, (lang,), lambda: first_screen_markdown(data, lang)))


def first_screen_markdown(data, lang: str) -> str:
    """The first screen's text: the view's lines are Markdown-safe already, the rest is our own words and numbers."""
    since = fmt_date(data.since, lang)
    caption = f"{t('overview_caption', lang, date=fmt_date(data.as_of, lang), since=since)} · {data.start_text}"
    due, more = data.due[:DUE_SHOWN], (t("due_more", lang, n=len(data.due) - DUE_SHOWN)
                                       if len(data.due) > DUE_SHOWN else "")
    return "\n\n".join([
        f":gray[{caption}]",
        tiles_markdown(data.counts),
        _listed(t("worsened_title", lang, date=since), data.worsened, t("worsened_none", lang, date=since)),
        _listed(t("due_title", lang, days=DUE_DAYS), due, t("due_none", lang, days=DUE_DAYS), more),
    ])


def tiles_markdown(counts) -> str:
    """One tile per status as a table column: the status as icon and word, how many targets hold it now in bold
    and the change since the previous quarter end (an arrow and a sign, coloured by whether the change is good
    news; the colour is never the only sign)."""
    heads, cells = [], []
    for status, badge, n, delta in zip(counts["status"], counts["badge"], counts["n"], counts["delta"]):
        heads.append(plain(badge))
        change = ""
        if delta:
            arrow = "↑" if delta > 0 else "↓"
            colour = _DELTA_COLOUR[status] if delta > 0 else {"green": "red", "red": "green"}.get(_DELTA_COLOUR[status], "gray")
            change = f" :{colour}[{arrow}{int(delta):+d}]"
        cells.append(f"**{int(n)}**{change}")
    return "\n".join(["| " + " | ".join(heads) + " |", "|" + ":-:|" * len(heads), "| " + " | ".join(cells) + " |"])


def _listed(title: str, lines: list[str], none: str, more: str = "") -> str:
    """A bold title with its list (and a grey "and N more"), or with a grey line saying there is nothing."""
    if not lines:
        return f"**{title}**\n\n:gray[{none}]"
    text = f"**{title}**\n\n" + "\n".join(f"- {line}" for line in lines)
    return text + (f"\n\n:small[:gray[{more}]]" if more else "")


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
        # renamed once per cached frame (a new frame each run would be escaped each run)
        common.safe_table(common.derived(frame, lambda m: m.rename(columns={
            "target": t("col_target", lang), "before": t("col_from", lang), "now": t("col_to", lang),
            "direction": ""})))
