"""The block each area page ends with: the action-plan actions linked to its targets (issue 14)."""
import streamlit as st

from dialogue.i18n import t
from pages.ui import common


def linked_actions_section(*areas: str) -> None:
    """The actions whose target belongs to one of `areas`, with overdue and slipping flagged; nothing when none."""
    frame = common.page_data("linked_actions", areas=areas)
    if frame.empty:
        return
    st.subheader(t("dl_area_actions", common.lang()))
    st.dataframe(common.arrow_of(frame), hide_index=True, width="stretch")
