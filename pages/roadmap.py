"""The road map in ten steps: planned against achieved dates, days late, and the ongoing steps' cadence."""
import streamlit as st

from dialogue.i18n import t
from pages import common

lang = common.lang()
st.title(t("roadmap_title", lang))
data = common.page_data("roadmap")
if not data.available:
    common.no_status_engine()

st.subheader(t("rm_gantt_title", lang))
if data.steps.empty:
    common.empty_state("what_targets")
else:
    common.chart("roadmap_gantt", data.steps, common.as_of(), lang)
if not data.table.empty:
    st.table(data.table, hide_index=True)

st.subheader(t("rm_cadence_title", lang))
if data.cadence.empty or not data.cadence["count"].any():
    common.empty_state("what_cadence")
if not data.cadence.empty:
    common.chart("cadence", data.cadence, lang)
