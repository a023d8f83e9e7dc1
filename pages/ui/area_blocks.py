"""The overview's area sections: heading, its targets, its records.

A module, not part of the page script: Streamlit recompiles a page script on every AppTest run.
Every element costs on every run (row 5 of the page benchmark), so a section draws few: no link to the
area's page (the sidebar lists every page), and the records with their explanation folded until opened.
"""
import streamlit as st

from dialogue.i18n import fmt_count, t
from pages.ui import common

TARGET_COLUMNS = ("badge", "wording", "progress", "history", "data_through", "reason")


def draw(areas, lang: str) -> None:
    """One section per area, in the order the view gives them."""
    for block in areas:
        st.subheader(block.title)
        if not block.targets.empty:
            common.status_table(block.targets, columns=TARGET_COLUMNS)
        if block.records is not None:
            _records(block, lang)


def _records(block, lang: str) -> None:
    """An area without measurable targets: what is recorded, folded (the answer stays on one
    screen, and a closed list is not drawn on every run); the explanation opens with it."""
    if block.records.empty:
        st.caption(t("unmeasured_empty", lang))
        return
    records = st.expander(t("records_list", lang, n=fmt_count(len(block.records), lang)),
                          key=f"overview_records_{block.area}", on_change="rerun")
    if records.open:
        with records:
            st.caption(t("unmeasured_caption", lang) if block.records_total <= len(block.records) else
                       t("unmeasured_shown", lang, shown=fmt_count(len(block.records), lang),
                         n=fmt_count(block.records_total, lang)))
            st.dataframe(common.arrow_of(block.records), hide_index=True, width="stretch",
                         column_config={"source": t("source", lang),
                                        "link": st.column_config.LinkColumn(t("col_link", lang)),
                                        "date": t("col_date", lang), "kind": t("col_kind", lang),
                                        "title": t("col_title", lang)})
