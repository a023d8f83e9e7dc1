"""Overview for ministers: are we on track, what changed, what is next; then every target by area."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from dialogue.summary import DUE_DAYS
from pages.ui import area_blocks, common, first_screen

lang = common.lang()
st.title(t("overview_title", lang))
data = common.page_data("overview")
since = fmt_date(data.since, lang)
st.caption(f"{t('overview_caption', lang, date=fmt_date(data.as_of, lang), since=since)} · {data.start_text}")
if not data.available:
    common.no_status_engine()

first_screen.tiles(data.counts, data.since, lang)
first_screen.worsened_and_due(data.worsened, data.due, data.since, DUE_DAYS, lang)
area_blocks.draw(data.areas, lang)
first_screen.moves(data.moves, since, lang)
