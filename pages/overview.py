"""Overview for ministers: are we on track, what changed, what is next; then every target by area."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from dialogue.summary import DUE_DAYS
from pages.ui import area_blocks, common, first_screen

lang = common.lang()
st.title(t("overview_title", lang))
data = common.page_data("overview")
st.caption(t("overview_caption", lang, date=fmt_date(data.as_of, lang), since=fmt_date(data.since, lang)))
if not data.available:
    common.no_status_engine()

first_screen.tiles(data.counts, data.since, lang)
first_screen.worsened_and_due(data.worsened, data.due, data.since, DUE_DAYS, lang)
st.caption(data.start_text)
area_blocks.draw(data.areas, lang)

st.subheader(t("moves_title", lang, date=fmt_date(data.since, lang)), divider="gray")
if data.moves.empty:
    st.caption(t("moves_none", lang, date=fmt_date(data.since, lang)))
else:
    # renamed once per cached frame (a new frame each run would be escaped and converted to Arrow each run)
    common.safe_table(common.derived(data.moves, lambda m: m.rename(columns={
        "target": t("col_target", lang), "before": t("col_from", lang), "now": t("col_to", lang), "direction": ""})))
