"""The Road map page's sections, few elements each (a module: AppTest compiles a page script on every run)."""
import streamlit as st

from dialogue.i18n import t
from pages.ui import common


def draw(data, lang: str) -> None:
    """The steps' planned and achieved dates (chart and table), then the ongoing steps' cadence."""
    st.subheader(t("rm_gantt_title", lang))
    common.chart_or_empty("what_targets", "roadmap_gantt", data.steps, common.as_of(), lang)
    # the steps' table and the cadence's heading: one element
    common.markdown("" if data.table.empty else common.table_text(data.table), f"### {t('rm_cadence_title', lang)}")
    if data.cadence.empty or not data.cadence["count"].any():
        common.empty_state("what_cadence")
        return
    common.chart("cadence", data.cadence, lang)
    if data.cadence_note:
        st.caption(data.cadence_note)
