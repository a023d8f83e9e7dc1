"""Analysts' notes on targets, for the target pages: one list, and one form (with a target picker) for those allowed to add."""
from __future__ import annotations

from datetime import date

import streamlit as st

from dialogue.formats import fmt_date, fmt_timestamp
from dialogue.i18n import t
from dialogue.notes import add_note
from dialogue.reports.labels import label
from dialogue.safe_text import plain
from pages.ui import common


def show_notes(target_id: str, notes: list[dict] | None = None) -> None:
    """One target's notes (plain text) and, for analysts, a form to add one (keys end in the target id)."""
    st.markdown(f"**{label('notes', common.lang())}**")
    notes_panel([(target_id, target_id)], target_id, notes)


def notes_panel(targets: list[tuple[str, str]], key: str, notes: list[dict] | None = None,
                folded: bool = False, heading: str = "") -> None:
    """The notes of `targets` ((id, wording) pairs), newest first, then ONE "add a note" form for analysts.

    Note text is user text: shown with st.text (never Markdown or HTML), author and wording escaped.
    With several targets each note names its target and the form has a target picker; `key` names the
    form's widgets (note_form_<key>, note_target_<key>, note_date_<key>, note_text_<key>).
    `folded`: the form sits in an "Add a note" expander (note_add_<key>) and is drawn only when it is open.
    `heading` (our words) is drawn in one element with the first line under it (every element costs on every run).
    """
    lang = common.lang()
    names = dict(targets)
    if notes is None:
        by_target = common.notes_by_target()                # read once per database state, one lookup
        notes = [n for tid in names for n in by_target.get(tid, ())]
        if len(names) > 1:
            notes.sort(key=lambda n: (n["note_date"], n["created_at"]), reverse=True)
    lines = [label("no_notes", lang)] if not notes else [
        f"{fmt_date(note['note_date'], lang)} · "
        f"{plain(names.get(note['target_id'], note['target_id'])) + ' · ' if len(names) > 1 else ''}"
        f"{plain(note['author'])} · {fmt_timestamp(note['created_at'], lang)}" for note in notes]
    for i, line in enumerate(lines):
        if i == 0 and heading:
            common.markdown(f"### {heading}", f":gray[{line}]")
        else:
            st.caption(line)
        if notes:
            st.text(notes[i]["text"])
    if st.session_state.get("_note_saved") == key:
        st.session_state.pop("_note_saved")
        st.success(label("note_saved", lang))
    if not common.can("note"):
        return
    if folded:
        box = st.expander(label("notes_add", lang), key=f"note_add_{key}", on_change="rerun",
                          icon=":material/edit_note:")
        if box.open:
            with box:
                _form(names, key, lang, heading=False)
    else:
        _form(names, key, lang, heading=True)


def _form(names: dict[str, str], key: str, lang: str, heading: bool) -> None:
    """The "add a note" form: a target picker when there are several, the date, the text."""
    with st.form(f"note_form_{key}", clear_on_submit=True):
        if heading:
            st.markdown(f"**{label('notes_add', lang)}**")
        ids = list(names)
        if len(ids) > 1:
            chosen = st.selectbox(t("col_target", lang), ids, key=f"note_target_{key}", format_func=names.get)
        else:
            chosen = ids[0]
        day = st.date_input(label("note_date", lang), value=date.today(), key=f"note_date_{key}",
                            format="YYYY-MM-DD")
        text = st.text_area(label("note_text", lang), key=f"note_text_{key}", max_chars=4000)
        if st.form_submit_button(label("note_save", lang)):
            try:
                add_note(common.con(), common.actor(), chosen, text, day)   # the package checks the role too
            except ValueError as exc:
                st.error(str(exc))
            else:
                common.notes_saved()                         # every session reads the notes again
                st.session_state["_note_saved"] = key       # said after the rerun that lists it
                st.rerun()
