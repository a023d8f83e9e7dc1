"""The Trade page's "Serbia in the region" section, drawn whether or not the workspace holds Serbia's own series.

A module, not part of the page script: the page draws it at its end, or alone when Serbia's series is missing.
"""
import streamlit as st

from dialogue.i18n import fmt_percent, t
from dialogue.safe_text import plain
from pages.ui import common


def draw(lang: str) -> None:
    """Series and base year pickers, the index and growth charts, Serbia's rank; the plain sentence when empty."""
    st.subheader(t("region_title", lang))
    region = common.page_data("region")
    if region.selected is None:
        common.empty_state("what_region")
        return
    pick = st.selectbox(t("region_series", lang), region.series, key="region_series")
    base = st.selectbox(t("region_base_year", lang), region.base_years, key="region_base",
                        index=region.base_years.index(region.base_year) if region.base_year in region.base_years else 0)
    region = common.page_data("region", series=pick, base_year=base)
    st.caption(" ".join(x for x in (t("region_intro", lang, series=plain(region.selected)), region.missing_note,
                                    region.one_flow_note) if x))
    st.markdown(f"**{t('region_index_title', lang, base=region.base_year)}**")
    common.chart_or_empty("what_region", "region_index", region.index, region.base_year, lang)
    st.markdown(f"**{t('region_growth_title', lang, rate=fmt_percent(region.rate, lang, 0))}**")
    if common.chart_or_empty("what_region", "region_growth", region.growth, region.rate, lang) and region.partial_note:
        st.caption(region.partial_note)
    if not region.ranks.empty:
        st.markdown(f"**{t('region_rank_title', lang)}**")
        st.dataframe(common.arrow_of(region.ranks), hide_index=True)
