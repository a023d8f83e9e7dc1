"""Analysts' notes on a target, for the target pages: the list, and a form for those allowed to add."""
from __future__ import annotations

from datetime import date

import streamlit as st

from dialogue.formats import fmt_date
from dialogue.notes import add_note
from dialogue.reports.labels import label
from dialogue.safe_text import plain
from pages import common


def show_notes(target_id: str, notes: list[dict] | None = None) -> None:
    """List a target's notes (plain text, never HTML or Markdown) and, for analysts, a form to add one.

    `notes`: the target's notes when the caller has read them already (one query for a whole page).
    """
    lang = common.lang()
    con = common.con()
    if notes is None:
        notes = common.target_notes(target_id)       # one notes query per run for the whole page
    st.markdown(f"**{label('notes', lang)}**")
    if not notes:
        st.caption(label("no_notes", lang))
    for note in notes:
        st.caption(f"{fmt_date(note['note_date'], lang)} · {plain(note['author'])} · {note['created_at']:%Y-%m-%d %H:%M} UTC")
        st.text(note["text"])
    if st.session_state.get("_note_saved") == target_id:
        st.session_state.pop("_note_saved")
        st.success(label("note_saved", lang))
    if not common.can("note"):
        return
    with st.form(f"note_form_{target_id}", clear_on_submit=True):
        st.markdown(f"**{label('notes_add', lang)}**")
        day = st.date_input(label("note_date", lang), value=date.today(), key=f"note_date_{target_id}",
                            format="YYYY-MM-DD")
        text = st.text_area(label("note_text", lang), key=f"note_text_{target_id}", max_chars=4000)
        if st.form_submit_button(label("note_save", lang)):
            try:
                add_note(con, common.actor(), target_id, text, day)
            except ValueError as exc:
                st.error(str(exc))
            else:
                st.session_state["_note_saved"] = target_id     # said after the rerun that lists it
                st.rerun()
