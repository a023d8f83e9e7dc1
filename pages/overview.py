"""Overview for ministers: are we on track, and why? Counts, every target by area, what changed."""
import streamlit as st

from dialogue.i18n import fmt_count, fmt_date, t
from pages import common

lang = common.lang()
st.title(t("overview_title", lang))
data = common.page_data("overview")
st.caption(t("overview_caption", lang, date=fmt_date(data.as_of, lang)) + " · " + data.start_text)
if not data.available:
    common.no_status_engine()

st.container(key="status_counts").markdown(data.counts_line)

PAGES = {"trade": "pages/trade.py", "security": "pages/security.py", "political": "pages/political.py",
         "roadmap": "pages/roadmap.py"}
for block in data.areas:
    if block.page:       # heading and link in one row only where there is a page to link to (blocks cost per run)
        row = st.container(horizontal=True, horizontal_alignment="distribute", vertical_alignment="center")
        row.subheader(block.title, width="content")
        row.page_link(PAGES[block.page], label=t("open_page", lang), icon=":material/arrow_forward:")
    else:
        st.subheader(block.title)
    if not block.targets.empty:
        common.status_table(block.targets, columns=("badge", "wording", "reason"))
    if block.records is not None:
        if block.records.empty:
            st.caption(t("unmeasured_empty", lang))
        else:
            st.caption(t("unmeasured_caption", lang) if block.records_total <= len(block.records) else
                       t("unmeasured_shown", lang, shown=fmt_count(len(block.records), lang),
                         n=fmt_count(block.records_total, lang)))
            # folded: the answer stays on one screen, and a closed list is not drawn on every run
            records = st.expander(t("records_list", lang, n=fmt_count(len(block.records), lang)),
                                  key=f"overview_records_{block.area}", on_change="rerun")
            if records.open:
                with records:
                    st.dataframe(common.arrow_of(block.records), hide_index=True, width="stretch",
                                 column_config={"source": t("source", lang),
                                                "link": st.column_config.LinkColumn(t("col_link", lang)),
                                                "date": t("col_date", lang), "kind": t("col_kind", lang),
                                                "title": t("col_title", lang)})

st.subheader(t("moves_title", lang, date=fmt_date(data.since, lang)), divider="gray")
if data.moves.empty:
    st.caption(t("moves_none", lang, date=fmt_date(data.since, lang)))
else:
    # renamed once per cached frame (a new frame each run would be escaped and converted to Arrow each run)
    common.safe_table(common.derived(data.moves, lambda m: m.rename(columns={
        "target": t("col_target", lang), "before": t("col_from", lang), "now": t("col_to", lang), "direction": ""})))
