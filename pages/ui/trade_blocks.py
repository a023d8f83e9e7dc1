"""The Trade page's sections, few elements each (a module: AppTest compiles a page script on every run, row 5 of the
page benchmark, and every element costs on every run)."""
import streamlit as st

from dialogue.i18n import fmt_percent, t
from dialogue.safe_text import plain
from pages.ui import common, region_block


def top(lang: str):
    """The title, the series picker, the statuses with the quarterly strip; the chosen series' data.

    Without a Serbia series of the targets: the empty state and the region (which needs none), then the page stops."""
    st.title(t("trade_title", lang))
    first = common.page_data("trade")
    if not first.series:
        common.empty_state("what_trade")
        region_block.draw(lang)
        st.stop()
    choice = st.selectbox(t("trade_series", lang), first.series, key="trade_series", help=t("trade_series_help", lang))
    data = common.page_data("trade", selected=choice)
    # the statuses' table and the strip's caption: one element
    common.history_strip("economic", "" if data.status.empty else common.status_text(data.status))
    return data


def charts(data, lang: str) -> None:
    """Turnover against the path, with its note."""
    st.subheader(t("trade_turnover_title", lang, rate=fmt_percent(data.rate, lang, 0), base=data.base_year))
    if data.turnover["value"].notna().any():
        common.chart("trade_turnover", data.turnover, data.rate, data.base_year, data.unit, lang)
        if data.turnover_note:
            st.caption(data.turnover_note)
    else:
        common.empty_state("what_trade")


def tabs(data, lang: str) -> None:
    """The rest in tabs, growth open first, only the open one built and drawn: each chart costs the browser a Vega
    compile and draw on every visit (issue 18), and these are below the fold anyway."""
    growth, ytd, flows, whatif, mirror, products, region, table = st.tabs(
        [t("trade_tab_growth", lang), t("trade_tab_ytd", lang), t("trade_flows_title", lang),
         t("trade_tab_whatif", lang), t("trade_tab_mirror", lang), t("trade_tab_products", lang),
         t("region_title", lang), t("table_behind", lang)],
        key="trade_tab", on_change="rerun")
    if growth.open:
        with growth:
            common.markdown(f"### {t('trade_growth_title', lang, rate=fmt_percent(data.rate, lang, 0))}")
            if common.chart_or_empty("what_trade_years", "trade_growth", data.growth, data.rate, lang) \
                    and data.growth_note:
                st.caption(data.growth_note)
    if ytd.open:
        with ytd:
            year = common.as_of().year
            common.markdown(f"### {t('trade_ytd_title', lang, year=year, prev=year - 1)}")
            common.chart_or_empty("what_trade_monthly", "trade_ytd", data.ytd, data.unit, lang)
    if flows.open:
        with flows:
            if common.chart_or_empty("what_trade", "trade_flows", data.flows, data.unit, lang):
                st.caption(" ".join(x for x in (t("balance_note", lang, reporter=plain(data.reporter)), data.flows_note)
                                    if x))
    if whatif.open:
        with whatif:
            _what_if(data, lang)
    if mirror.open:
        with mirror:
            st.subheader(t("trade_mirror_title", lang))
            st.caption(" · ".join(x for x in (data.mirror_flow, data.mirror_note, t("trade_mirror_note", lang)) if x))
            common.chart_or_empty("what_mirror", "mirror", data.mirror, data.mirror_gaps, data.mirror_unit, lang)
    if products.open:
        with products:
            if data.products_year:
                st.subheader(t("trade_products_title", lang, year=data.products_year))
                common.chart("products", data.products, data.unit, lang)
            else:
                common.empty_state("what_trade")
    if table.open:
        with table:
            st.dataframe(common.arrow_of(data.sources), hide_index=True, width="stretch")
    if region.open:
        with region:
            region_block.draw(lang)


def _what_if(data, lang: str) -> None:
    """The assumed growth for the rest of the year, and what it gives against the year's target."""
    st.subheader(t("whatif_title", lang, year=common.as_of().year))
    assumed = st.number_input(t("whatif_growth", lang), min_value=-100.0, max_value=500.0, value=data.rate * 100,
                              step=1.0, format="%.1f", key="whatif_growth", width=420)
    what = common.page_data("trade_what_if", selected=data.selected, growth=assumed / 100)
    if what.available:
        common.chart("what_if", what.frame, what.required, data.rate, what.unit, lang)
    st.caption(what.sentence)
