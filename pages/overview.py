"""Overview for ministers: are we on track, and why? Counts, every target by area, what changed."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from pages.ui import area_blocks, common

lang = common.lang()
st.title(t("overview_title", lang))
data = common.page_data("overview")
st.caption(t("overview_caption", lang, date=fmt_date(data.as_of, lang)) + " · " + data.start_text)
if not data.available:
    common.no_status_engine()

st.container(key="status_counts").markdown(data.counts_line)
area_blocks.draw(data.areas, lang)

st.subheader(t("moves_title", lang, date=fmt_date(data.since, lang)), divider="gray")
if data.moves.empty:
    st.caption(t("moves_none", lang, date=fmt_date(data.since, lang)))
else:
    # renamed once per cached frame (a new frame each run would be escaped and converted to Arrow each run)
    common.safe_table(common.derived(data.moves, lambda m: m.rename(columns={
        "target": t("col_target", lang), "before": t("col_from", lang), "now": t("col_to", lang), "direction": ""})))
