"""The Political page's sections, few elements each (a module: AppTest compiles a page script on every run)."""
import streamlit as st

from dialogue.i18n import t
from dialogue.safe_text import plain
from pages.ui import common


def milestones(data, lang: str) -> None:
    """Each milestone in an expander that tracks whether it is open: a closed one's evidence is not drawn."""
    st.subheader(t("pol_milestones", lang))
    for m in data.milestones:
        box = st.expander(f"{m.badge} · {plain(m.wording)}", key=f"milestone_{m.target}", on_change="rerun")
        if not box.open:
            continue
        with box:
            st.markdown(f"**{plain(m.headline)}** — {plain(m.reason)}")
            if m.deadline:
                st.caption(f"{t('col_deadline', lang)}: {plain(m.deadline)}")
            if m.freshness:
                st.caption(plain(m.freshness))
            if m.notes:
                st.caption(f"{t('note', lang)}: {plain(m.notes)}")
            if m.evidence.empty:
                st.caption(t("pol_no_evidence", lang))
            else:
                st.dataframe(common.arrow_of(m.evidence), hide_index=True, width="stretch",
                             column_config={"date": t("col_date", lang), "title": t("col_title", lang),
                                            "source": st.column_config.LinkColumn(t("source", lang))})


def training(data, lang: str) -> None:
    """Diplomat training per year: its status with the heading in one element, then the chart."""
    heading = t("pol_training_title", lang, n=f"{data.training_required:g}")
    if data.training_status.empty:
        st.subheader(heading)
    else:
        common.status_table(data.training_status, heading=heading)
    if common.chart_or_empty("what_training", "diplomat_training", data.training, data.training_required, lang) \
            and data.training_note:
        st.caption(data.training_note)
