"""Trade: turnover against the +10%-a-year path, growth, year to date, flows, mirror statistics, products."""
import streamlit as st

from dialogue.i18n import fmt_percent, t
from dialogue.safe_text import plain
from pages.ui import common, region_block
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
st.title(t("trade_title", lang))
first = common.page_data("trade")
if not first.series:
    common.empty_state("what_trade")
    region_block.draw(lang)               # the neighbours' figures need no Serbia series of the targets
    st.stop()
choice = st.selectbox(t("trade_series", lang), first.series, key="trade_series", help=t("trade_series_help", lang))
data = common.page_data("trade", selected=choice)
if not data.status.empty:
    common.status_table(data.status)
common.history_strip("economic")
rate = fmt_percent(data.rate, lang, 0)

st.subheader(t("trade_turnover_title", lang, rate=rate, base=data.base_year))
if data.turnover["value"].notna().any():
    common.chart("trade_turnover", data.turnover, data.rate, data.base_year, data.unit, lang)
    if data.turnover_note:
        st.caption(data.turnover_note)
else:
    common.empty_state("what_trade")

left, right = st.columns(2)
with left:
    st.subheader(t("trade_growth_title", lang, rate=rate))
    if common.chart_or_empty("what_trade_years", "trade_growth", data.growth, data.rate, lang) and data.growth_note:
        st.caption(data.growth_note)
with right:
    year = common.as_of().year
    st.subheader(t("trade_ytd_title", lang, year=year, prev=year - 1))
    common.chart_or_empty("what_trade_monthly", "trade_ytd", data.ytd, data.unit, lang)

# The rest in tabs, only the open one built and drawn: each chart costs the browser a Vega compile and draw
# on every visit (issue 18), and these are below the fold anyway.
flows_tab, whatif_tab, mirror_tab, products_tab, region_tab, table_tab = st.tabs(
    [t("trade_flows_title", lang), t("trade_tab_whatif", lang), t("trade_tab_mirror", lang),
     t("trade_tab_products", lang), t("region_title", lang), t("table_behind", lang)],
    key="trade_tab", on_change="rerun")
if flows_tab.open:
    with flows_tab:
        if common.chart_or_empty("what_trade", "trade_flows", data.flows, data.unit, lang):
            st.caption(" ".join(x for x in (t("balance_note", lang, reporter=plain(data.reporter)), data.flows_note)
                                if x))
if whatif_tab.open:
    with whatif_tab:
        st.subheader(t("whatif_title", lang, year=common.as_of().year))
        assumed = st.number_input(t("whatif_growth", lang), min_value=-100.0, max_value=500.0,
                                  value=data.rate * 100, step=1.0, format="%.1f", key="whatif_growth", width=420)
        what = common.page_data("trade_what_if", selected=choice, growth=assumed / 100)
        if what.available:
            common.chart("what_if", what.frame, what.required, data.rate, what.unit, lang)
        st.caption(what.sentence)
if mirror_tab.open:
    with mirror_tab:
        st.subheader(t("trade_mirror_title", lang))
        st.caption(" · ".join(x for x in (data.mirror_flow, data.mirror_note, t("trade_mirror_note", lang)) if x))
        common.chart_or_empty("what_mirror", "mirror", data.mirror, data.mirror_gaps, data.mirror_unit, lang)
if products_tab.open:
    with products_tab:
        if data.products_year:
            st.subheader(t("trade_products_title", lang, year=data.products_year))
            common.chart("products", data.products, data.unit, lang)
        else:
            common.empty_state("what_trade")
if table_tab.open:
    with table_tab:
        st.dataframe(common.arrow_of(data.sources), hide_index=True, width="stretch")
if region_tab.open:
    with region_tab:
        region_block.draw(lang)

area_assessments_section("economic")
linked_actions_section("economic")
common.notes_section("economic")
