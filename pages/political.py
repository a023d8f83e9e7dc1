"""Political and people-to-people targets: each milestone with its evidence, and diplomat training per year."""
import streamlit as st

from dialogue.i18n import t
from dialogue.safe_text import plain
from pages.ui import common
from pages.ui.assessment_blocks import area_assessments_section
from pages.ui.delivery_blocks import linked_actions_section

lang = common.lang()
data = common.open_page("political", "political_title")

st.subheader(t("pol_milestones", lang))
for m in data.milestones:
    # an expander that tracks whether it is open: a closed milestone's evidence is not drawn on every run
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

training = t("pol_training_title", lang, n=f"{data.training_required:g}")
if data.training_status.empty:
    st.subheader(training)
else:
    common.status_table(data.training_status, heading=training)      # the heading and its table: one element
if common.chart_or_empty("what_training", "diplomat_training", data.training, data.training_required, lang) \
        and data.training_note:
    st.caption(data.training_note)

common.history_strip("political,people")
area_assessments_section("political", "people")
linked_actions_section("political", "people")
common.notes_section("political", "people")
