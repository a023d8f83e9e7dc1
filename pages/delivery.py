"""Delivery: working groups and their co-chairs, action plans with overdue and slipping flagged, a timeline of
actions against due dates, and what the last annual meeting promised against what happened."""
import streamlit as st

from dialogue.i18n import fmt_count, t
from dialogue.safe_text import plain
from pages.ui import common
from pages.ui.assessment_blocks import assessments_panel

lang = common.lang()
common.title("delivery_title")
# the filters come first: the view filters (pages never reshape), and its options are the unfiltered data's
picked = {name: st.session_state.get(f"delivery_{name}", "") for name in ("area", "lead_side", "owner", "state")}
data = common.page_data("delivery", **picked)

if data.empty:
    st.info(data.empty, icon=":material/info:")
# one element: the summary (numbers and our own words), the groups with their table, the plans' heading
common.markdown(f":gray[{data.summary}]", f"### {t('dl_groups', lang)}",
                "" if data.groups.empty else common.table_text(data.groups), f"### {t('dl_plans', lang)}")
# the filters sit in an expander drawn only when open (four widgets cost more than the rest of the page)
active = sum(1 for v in picked.values() if v)
box = st.expander(t("dl_filters", lang, n=fmt_count(active, lang)) if active else t("dl_filter", lang),
                  key="delivery_filters", on_change="rerun", icon=":material/filter_list:")
if box.open:
    labels = {"area": "col_area", "lead_side": "col_side", "owner": "col_owner", "state": "col_state"}
    for column, (name, options) in zip(box.columns(4), data.options.items()):
        words = dict(options)
        kept = [picked[name]] if picked[name] and picked[name] not in words else []   # a choice the data lost
        choices = ["", *words, *kept]
        # the widget keeps its own key; the choice lives on in delivery_<name> while the expander is closed
        column.selectbox(t(labels[name], lang), choices, index=choices.index(picked[name]), key=f"_delivery_{name}",
                         format_func=lambda v, w=words: t("dl_all", lang) if v == "" else w.get(v, v),
                         on_change=common.keep_choice, args=(f"_delivery_{name}", f"delivery_{name}"))
if data.actions.empty:
    st.caption(t("dl_no_match" if any(data.options.values()) else "dl_no_actions", lang))
else:
    # the list and the timeline in tabs, only the open one built (a chart costs the browser a Vega compile and
    # draw on every visit, issue 18); each language keys its own tabs (a tab's value is its label)
    list_tab, timeline_tab = st.tabs([t("dl_tab_list", lang), t("dl_timeline", lang)], key=f"delivery_tab_{lang}",
                                     on_change="rerun")
    if list_tab.open:
        with list_tab:
            st.dataframe(common.arrow_of(data.actions), hide_index=True, width="stretch")
            if data.total > len(data.actions):
                st.caption(t("dl_actions_shown", lang, shown=fmt_count(len(data.actions), lang),
                             n=fmt_count(data.total, lang)))
    if timeline_tab.open:
        with timeline_tab:
            if not data.timeline.empty:
                common.chart("action_timeline", data.timeline, common.as_of(), lang)
            if data.dated > len(data.timeline):
                st.caption(t("dl_timeline_shown", lang, shown=fmt_count(len(data.timeline), lang),
                             n=fmt_count(data.dated, lang)))
            if data.undated:
                st.caption(t("dl_undated", lang, n=fmt_count(data.undated, lang)))

if data.promised.empty:
    common.markdown(f"### {t('dl_promised', lang)}", f":gray[{t('dl_no_commitments', lang)}]")
else:
    common.markdown(f"### {t('dl_promised', lang)}",
                    f"**{plain(data.promised_meeting)}** — {t('dl_promised_at', lang, date=data.promised_on)}",
                    common.table_text(data.promised))

assessments_panel()     # analysts and administrators: record and approve quarterly assessments
