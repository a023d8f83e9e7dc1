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
st.caption(data.summary)   # numbers and our own words: no uploaded text

st.subheader(t("dl_groups", lang))
if not data.groups.empty:
    common.safe_table(data.groups)

st.subheader(t("dl_plans", lang))
labels = {"area": "col_area", "lead_side": "col_side", "owner": "col_owner", "state": "col_state"}
for column, (name, options) in zip(st.columns(4), data.options.items()):
    words = dict(options)
    kept = [picked[name]] if picked[name] and picked[name] not in words else []   # a choice the data no longer holds
    column.selectbox(t(labels[name], lang), ["", *words, *kept], key=f"delivery_{name}",
                     format_func=lambda v, w=words: t("dl_all", lang) if v == "" else w.get(v, v))
if data.actions.empty:
    st.caption(t("dl_no_match" if any(data.options.values()) else "dl_no_actions", lang))
else:
    st.dataframe(common.arrow_of(data.actions), hide_index=True, width="stretch")
    st.subheader(t("dl_timeline", lang))
    if not data.timeline.empty:
        common.chart("action_timeline", data.timeline, common.as_of(), lang)
    if data.undated:
        st.caption(t("dl_undated", lang, n=fmt_count(data.undated, lang)))

st.subheader(t("dl_promised", lang))
if data.promised.empty:
    st.caption(t("dl_no_commitments", lang))
else:
    st.markdown(f"**{plain(data.promised_meeting)}** — {t('dl_promised_at', lang, date=data.promised_on)}")
    common.safe_table(data.promised)

assessments_panel()     # analysts and administrators: record and approve quarterly assessments
