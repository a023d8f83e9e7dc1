"""Overview for ministers: are we on track, what changed, what is next; then every target by area."""
import streamlit as st

from dialogue.i18n import fmt_date, t
from pages.ui import area_blocks, common, first_screen

lang = common.lang()
st.title(t("overview_title", lang))
data = common.page_data("overview")
if not data.available:
    common.no_status_engine()

first_screen.draw(data, lang)
area_blocks.draw(data.areas, lang)
first_screen.moves(data.moves, fmt_date(data.since, lang), lang)
