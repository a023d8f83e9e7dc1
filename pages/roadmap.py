"""The road map in ten steps: planned against achieved dates, days late, and the ongoing steps' cadence."""
import streamlit as st

from dialogue.i18n import t
from pages.ui import common
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = common.open_page("roadmap", "roadmap_title")

st.subheader(t("rm_gantt_title", lang))
common.chart_or_empty("what_targets", "roadmap_gantt", data.steps, common.as_of(), lang)
if not data.table.empty:
    common.safe_table(data.table)

st.subheader(t("rm_cadence_title", lang))
if data.cadence.empty or not data.cadence["count"].any():
    common.empty_state("what_cadence")
else:
    common.chart("cadence", data.cadence, lang)
    if data.cadence_note:
        st.caption(data.cadence_note)

common.history_strip("process")
area_assessments_section("process")
linked_actions_section("process")
common.notes_section("process")
