"""Briefings: generate the briefing pack, periodic reports or the public report, and download them."""
import time

import streamlit as st

from dialogue import reports
from dialogue.reports.content import parse_known_at
from dialogue.reports.labels import label
from dialogue.roles import require
from dialogue.safe_text import plain
from pages.ui import common

lang = common.lang()
require(common.actor(), "read")
st.title(label("page_title", lang))
st.caption(label("page_intro", lang))
kind = common.translated_choice(st.selectbox, label("kind", lang), reports.KINDS, "brief_kind",
                                lambda k: label(f"kind_{k}", lang))
default_since = st.checkbox(label("since_default", lang), value=True, key="brief_since_default")
since = None if default_since else st.date_input(label("since", lang), key="brief_since", format="YYYY-MM-DD")
known_text = st.text_input(label("known_at_input", lang), key="brief_known_at").strip()
params = (kind, lang, common.as_of(), since, known_text, st.session_state.get(common.KEY_DB))
if st.session_state.get("brief_params") != params:      # files made for other choices are not offered
    st.session_state.pop("brief_files", None)

if st.button(label("generate", lang), key="brief_generate", type="primary"):
    try:
        known_at = parse_known_at(known_text) if known_text else None
    except ValueError:
        st.error(label("bad_known_at", lang).format(value=plain(known_text)))
        st.stop()
    started = time.perf_counter()
    with st.status(label("stage_gather", lang), expanded=True) as progress:
        bar = st.progress(0.0)

        def stage(name: str) -> None:
            progress.update(label=label(f"stage_{name}", lang))
            bar.progress(reports.STAGES.index(name) / len(reports.STAGES), text=label(f"stage_{name}", lang))

        content, files = reports.documents(common.con(), common.as_of(), known_at, since, kind, lang, progress=stage)
        bar.progress(1.0, text=label("stage_done", lang))
        progress.update(label=label("stage_done", lang), state="complete", expanded=False)
    st.session_state["brief_files"], st.session_state["brief_params"] = files, params
    st.success(label("generated", lang).format(seconds=f"{time.perf_counter() - started:.1f}",
                                               known_at=content.known_at_text))

MIME = {"pdf": "application/pdf", "html": "text/html",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
for name, data in st.session_state.get("brief_files", {}).items():
    st.download_button(label("download", lang).format(name=name), data, file_name=name,
                       mime=MIME[name.rsplit(".", 1)[1]], key=f"brief_download_{name}", on_click="ignore")
