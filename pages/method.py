"""Method: how each status is computed, the targets as the targets file states them, assumptions, sources."""
import streamlit as st

from dialogue.i18n import t
from pages.ui import common

lang = common.lang()
data = common.open_page("method_page", "method_title")

common.safe_table(data.statuses, heading=t("method_statuses", lang))
st.subheader(t("method_rules", lang))
for kind, text in data.rules:
    st.markdown(f"- **{kind}**: {text}")
st.subheader(t("method_targets", lang))
if data.targets.empty:
    common.empty_state("what_targets")
else:
    st.dataframe(common.arrow_of(data.targets), hide_index=True, width="stretch")
st.subheader(t("target_versions_title", lang))
st.caption(t("target_versions_caption", lang))
if data.versions.empty:
    st.caption(t("target_versions_none", lang))
else:
    st.dataframe(common.arrow_of(data.versions), hide_index=True, width="stretch")
st.subheader(t("method_sources", lang))
st.write(data.sources)
