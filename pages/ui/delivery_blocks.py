"""The Delivery page's sections (groups, the action plans with their filters, list and timeline, what was
promised), and the block each area page ends with: the actions linked to its targets (issue 14).

A module, not part of the page script: AppTest compiles a page script on every run (row 5 of the page benchmark),
and every element costs on every run, so each section draws few.
"""
import streamlit as st

from dialogue.i18n import fmt_count, t
from dialogue.safe_text import plain
from pages.ui import common

FILTERS = ("area", "lead_side", "owner", "state")
_LABELS = {"area": "col_area", "lead_side": "col_side", "owner": "col_owner", "state": "col_state"}


def picked() -> dict[str, str]:
    """The filters' choices, kept in session state while their expander is closed (the view filters: pages never
    reshape, and its options are the unfiltered data's)."""
    return {name: st.session_state.get(f"delivery_{name}", "") for name in FILTERS}


def groups(data, lang: str) -> None:
    """One element: the summary (numbers and our own words), the groups with their table, the plans' heading."""
    if data.empty:
        st.info(data.empty, icon=":material/info:")
    common.markdown(f":gray[{data.summary}]", f"### {t('dl_groups', lang)}",
                    "" if data.groups.empty else common.table_text(data.groups), f"### {t('dl_plans', lang)}")


def filters(data, chosen: dict[str, str], lang: str) -> None:
    """The four filters in an expander drawn only when open (four widgets cost more than the rest of the page)."""
    active = sum(1 for v in chosen.values() if v)
    box = st.expander(t("dl_filters", lang, n=fmt_count(active, lang)) if active else t("dl_filter", lang),
                      key="delivery_filters", on_change="rerun", icon=":material/filter_list:")
    if not box.open:
        return
    for column, (name, options) in zip(box.columns(4), data.options.items()):
        words = dict(options)
        kept = [chosen[name]] if chosen[name] and chosen[name] not in words else []   # a choice the data lost
        choices = ["", *words, *kept]
        # the widget keeps its own key; the choice lives on in delivery_<name> while the expander is closed
        column.selectbox(t(_LABELS[name], lang), choices, index=choices.index(chosen[name]), key=f"_delivery_{name}",
                         format_func=lambda v, w=words: t("dl_all", lang) if v == "" else w.get(v, v),
                         on_change=common.keep_choice, args=(f"_delivery_{name}", f"delivery_{name}"))


def plans(data, lang: str) -> None:
    """The most pressing actions of the filter as text, the whole plan's table folded, then their timeline folded;
    the folds are drawn only when opened (a data grid costs the browser ~300 ms before the page holds still, a
    chart a Vega compile and draw, on every visit: issue 18)."""
    if data.actions.empty:
        st.caption(t("dl_no_match" if any(data.options.values()) else "dl_no_actions", lang))
        return
    first, n = len(data.actions_first), fmt_count(data.total, lang)
    common.markdown(common.table_text(data.actions_first),
                    f":gray[{t('dl_actions_first', lang, shown=fmt_count(first, lang), n=n)}]"
                    if data.total > first else "")
    if data.total > first:
        whole = st.expander(t("dl_actions_all", lang, n=n), key="delivery_actions_all", on_change="rerun",
                            icon=":material/list:")
        if whole.open:
            whole.dataframe(common.arrow_of(data.actions), hide_index=True, width="stretch")
            if data.total > len(data.actions):
                whole.caption(t("dl_actions_shown", lang, shown=fmt_count(len(data.actions), lang), n=n))
    box = st.expander(t("dl_timeline", lang), key="delivery_timeline", on_change="rerun", icon=":material/timeline:")
    if not box.open:
        return
    with box:
        if not data.timeline.empty:
            common.chart("action_timeline", data.timeline, common.as_of(), lang)
        if data.dated > len(data.timeline):
            st.caption(t("dl_timeline_shown", lang, shown=fmt_count(len(data.timeline), lang),
                         n=fmt_count(data.dated, lang)))
        if data.undated:
            st.caption(t("dl_undated", lang, n=fmt_count(data.undated, lang)))


def promised(data, lang: str) -> None:
    """What the latest annual meeting promised and what happened, in one element; a long list shows its most
    pressing commitments and folds the whole list (drawn only when opened)."""
    if data.promised.empty:
        common.markdown(f"### {t('dl_promised', lang)}", f":gray[{t('dl_no_commitments', lang)}]")
        return
    n, shown = len(data.promised_all), len(data.promised)
    common.markdown(f"### {t('dl_promised', lang)}",
                    f"**{plain(data.promised_meeting)}** — {t('dl_promised_at', lang, date=data.promised_on)}",
                    common.table_text(data.promised),
                    f":gray[{t('dl_promised_shown', lang, shown=fmt_count(shown, lang), n=fmt_count(n, lang))}]"
                    if n > shown else "")
    if n > shown:
        box = st.expander(t("dl_promised_all", lang, n=fmt_count(n, lang)), key="delivery_promised_all",
                          on_change="rerun")
        if box.open:
            box.dataframe(common.arrow_of(data.promised_all), hide_index=True, width="stretch")


def linked_actions_section(*areas: str) -> None:
    """The actions whose target belongs to one of `areas`, with overdue and slipping flagged, folded with their count
    and drawn only when opened (hundreds of rows on a large workspace, and every element costs on every run);
    nothing when none."""
    frame = common.page_data("linked_actions", areas=areas)
    if frame.empty:
        return
    lang = common.lang()
    box = st.expander(f"{t('dl_area_actions', lang)} ({fmt_count(len(frame), lang)})",
                      key=f"linked_actions_{'_'.join(areas)}", on_change="rerun", icon=":material/checklist:")
    if box.open:
        box.dataframe(common.arrow_of(frame), hide_index=True, width="stretch")
