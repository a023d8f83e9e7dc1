"""Quarterly assessments on the pages (issue 14 item 4): the form and the approval list on the Delivery page, and
each area page's approved assessments beside the computed status. Roles are enforced by dialogue.assessments."""
import streamlit as st

from dialogue import assessments
from dialogue.coded import say
from dialogue.i18n import t
from dialogue.roles import PermissionDenied
from dialogue.safe_text import plain
from pages.ui import common


def assessments_panel() -> None:
    """For analysts and administrators: record an assessment, and approve the ones awaiting approval."""
    if not common.can("assess"):
        return
    lang = common.lang()
    said = st.session_state.pop("_assessment_said", None)     # the outcome of the last click, after its rerun
    if said:
        st.success(said)
    # folded, and drawn only when open: most visits only read the page
    box = st.expander(t("as_title", lang), key="assessments_panel", on_change="rerun", icon=":material/rate_review:")
    if not box.open:
        return
    with box:
        st.caption(t("as_intro", lang))
        _form(lang)
        _drafts(lang)


def _form(lang: str) -> None:
    choices = common.fresh_data("assessment_form")
    with st.form("assessment_form", clear_on_submit=True):
        st.markdown(f"**{t('as_record', lang)}**")
        names = dict(choices.targets)
        target = st.selectbox(t("col_target", lang), list(names), key="assessment_target", format_func=names.get)
        quarter = st.selectbox(t("col_quarter", lang), choices.quarters, key="assessment_quarter")
        words = dict(choices.confidence)
        confidence = st.radio(t("col_confidence", lang), list(words), key="assessment_confidence",
                              format_func=words.get, horizontal=True)
        narrative = st.text_area(t("col_narrative", lang), key="assessment_narrative", max_chars=assessments.MAX_TEXT)
        steps = st.text_area(t("col_next_steps", lang), key="assessment_next_steps", max_chars=assessments.MAX_TEXT)
        if st.form_submit_button(t("as_save", lang)):
            try:
                new_id = assessments.record(common.con(), common.actor(), target, quarter, confidence, narrative, steps)
            except (ValueError, PermissionDenied) as exc:
                st.error(plain(say(exc, lang)))
            else:
                st.session_state["_assessment_said"] = t("as_saved", lang, id=new_id)
                st.rerun()


def _drafts(lang: str) -> None:
    actor = common.actor()
    drafts = common.fresh_data("assessment_drafts", user=actor.user, role=actor.role)
    st.markdown(f"**{t('as_drafts', lang)}**")
    if drafts.empty:
        st.caption(t("as_no_drafts", lang))
        return
    for row in drafts.itertuples():
        st.markdown(plain(t("as_listed", lang, id=row.assessment_id, target=row.target, quarter=row.quarter,
                            confidence=row.confidence, author=row.author)) + f" · {row.recorded}")
        st.text(row.narrative + (f"\n{t('col_next_steps', lang)}: {row.next_steps}" if row.next_steps else ""))
        if not row.may_approve:
            st.caption(t("as_not_yours", lang, id=row.assessment_id))
        elif st.button(t("as_approve", lang, id=row.assessment_id), key=f"assessment_approve_{row.assessment_id}"):
            try:
                assessments.approve(common.con(), actor, int(row.assessment_id))
            except (ValueError, PermissionDenied) as exc:
                st.error(plain(say(exc, lang)))
            else:
                st.session_state["_assessment_said"] = t("as_approved", lang, id=row.assessment_id)
                st.rerun()


def area_assessments_section(*areas: str) -> None:
    """The approved assessments of the areas' targets, each beside its computed status; nothing when none."""
    frame = common.fresh_data("area_assessments", areas=areas)
    if frame.empty:
        return
    common.safe_table(frame, heading=t("as_area", common.lang()))
