"""The overview's area sections: heading (with a link to the area's page), its targets, its records.

A module, not part of the page script: Streamlit recompiles a page script on every AppTest run.
"""
import streamlit as st

from dialogue.i18n import fmt_count, t
from pages.ui import common


def draw(areas, lang: str) -> None:
    """One section per area, in the order the view gives them."""
    for block in areas:
        if block.page:   # heading and link in one row only where there is a page to link to (blocks cost per run)
            row = st.container(horizontal=True, horizontal_alignment="distribute", vertical_alignment="center")
            row.subheader(block.title, width="content")
            row.page_link(f"pages/{block.page}.py", label=t("open_page", lang), icon=":material/arrow_forward:")
        else:
            st.subheader(block.title)
        if not block.targets.empty:
            common.status_table(block.targets, columns=("badge", "wording", "progress", "history", "data_through", "reason"))
        if block.records is not None:
            _records(block, lang)


def _records(block, lang: str) -> None:
    """An area without measurable targets: what is recorded, folded (the answer stays on one
    screen, and a closed list is not drawn on every run)."""
    if block.records.empty:
        st.caption(t("unmeasured_empty", lang))
        return
    st.caption(t("unmeasured_caption", lang) if block.records_total <= len(block.records) else
               t("unmeasured_shown", lang, shown=fmt_count(len(block.records), lang),
                 n=fmt_count(block.records_total, lang)))
    records = st.expander(t("records_list", lang, n=fmt_count(len(block.records), lang)),
                          key=f"overview_records_{block.area}", on_change="rerun")
    if records.open:
        with records:
            st.dataframe(common.arrow_of(block.records), hide_index=True, width="stretch",
                         column_config={"source": t("source", lang),
                                        "link": st.column_config.LinkColumn(t("col_link", lang)),
                                        "date": t("col_date", lang), "kind": t("col_kind", lang),
                                        "title": t("col_title", lang)})
