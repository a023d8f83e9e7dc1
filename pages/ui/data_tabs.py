"""The Data page's content (upload, history, browser, guide), imported by pages/data.py.

A module, not the page script: Streamlit recompiles a page script on every AppTest run (the server
caches it), and this is the longest page; imported code is compiled once.
"""
import hashlib

import streamlit as st

from dialogue import config, export, views
from dialogue.datasets import DATASETS
from dialogue.i18n import t
from dialogue.roles import PermissionDenied
from dialogue.safe_text import plain
from pages.ui import common


def render() -> None:
    """Draw the Data page: only the open tab's content runs."""
    lang = common.lang()
    actor = common.actor()
    con = common.con()
    st.title(t("data_title", lang))
    # Tabs that track which one is open: only the open tab's content runs (each widget and table costs every run).
    upload_tab, history_tab, browse_tab, guide_tab = st.tabs(
        [t("data_upload", lang), t("data_history", lang), t("data_browser", lang), t("data_guide", lang)],
        key="data_tab", on_change="rerun")

    if upload_tab.open:
        with upload_tab:
            if not common.can("upload"):
                st.warning(t("data_need_analyst", lang))
            # A committed file leaves the uploader (a new key empties it), ready for the next one.
            round_ = st.session_state.get("_uploads_done", 0)
            file = st.file_uploader(t("data_upload", lang), key=f"upload_file_{round_}", help=t("data_upload_help", lang),
                                    disabled=not common.can("upload"))
            with st.container(horizontal=True):   # one block side by side, not three columns (each block costs)
                # translated options keep their choice across a language change
                dataset = common.translated_choice(
                    st.selectbox, t("data_dataset", lang), ["", *DATASETS], "upload_dataset",
                    lambda d: t(f"ds_{d}", lang) if d else t("data_dataset_auto", lang))
                mode = common.translated_choice(st.radio, t("data_mode", lang), ("merge", "replace"), "upload_mode",
                                                lambda m: t(f"mode_{m}", lang))
                encoding = st.selectbox(t("data_encoding", lang), ["", *views.ENCODINGS], key="upload_encoding",
                                        format_func=lambda e: e or t("encoding_auto", lang))
            include_hidden = st.checkbox(t("data_include_hidden", lang), key="upload_include_hidden",
                                         help=t("data_include_hidden_help", lang))
            if file is not None:
                data = file.getvalue()
                sample = views.encoding_sample(data, encoding or "utf-8") if file.name.lower().endswith((".csv", ".txt")) else ""
                if sample:
                    st.caption(t("data_encoding_preview", lang, sample=plain(sample)))
                try:
                    from dialogue.ingest import ingest
                except ImportError:
                    ingest = None
                    st.info(t("data_not_available", lang, what="dialogue.ingest"))
                if ingest is not None:
                    sig = (file.name, hashlib.sha256(data).hexdigest(), dataset, mode, encoding, include_hidden,
                           common.upload_id())
                    if st.session_state.get("_preview_sig") != sig:
                        st.session_state["_preview"] = ingest(con, data, file.name, actor, dataset=dataset or None,
                                                              mode=mode, dry_run=True, encoding=encoding or None,
                                                              include_hidden=include_hidden)
                        st.session_state["_preview_sig"] = sig
                    report = st.session_state["_preview"]
                    candidates = report.info.get("encoding_candidates") or []
                    if candidates:
                        st.warning(t("data_encoding_uncertain", lang))
                        st.dataframe(views.encoding_choices(candidates, lang), hide_index=True, width="stretch")
                    if report.warnings:
                        with st.expander(t("data_warnings", lang), expanded=True):
                            for w in report.warnings_in(lang):
                                st.text(w)
                    if not report.ok:
                        st.error(f"{t('data_rejected', lang)} {plain(report.sentence(lang))}")
                        st.subheader(t("data_problems", lang))
                        st.dataframe(views.problems_frame(report.errors, lang), hide_index=True, width="stretch")
                    else:
                        st.success(plain(report.sentence(lang)))
                        plan = report.changes
                        rows = report.rows
                        st.subheader(t("data_preview", lang))
                        st.caption(t("data_unchanged", lang, n=rows.get("unchanged", 0)))
                        if plan is not None:
                            for key, frame in (("data_added", plan.added_rows), ("data_updated", plan.updated_cells),
                                               ("data_removed", plan.removed_rows)):
                                n = rows.get(key.split("_")[1], 0)
                                if n:
                                    st.markdown(f"**{t(key, lang, n=n)}**")
                                    st.dataframe(views.preview_frame(frame), hide_index=True, width="stretch")
                        if plan is None or plan.changed:
                            if st.button(t("data_commit", lang), key="upload_commit", type="primary"):
                                try:
                                    done = ingest(con, data, file.name, actor, dataset=dataset or None, mode=mode,
                                                  dry_run=False, encoding=encoding or None,
                                                  include_hidden=include_hidden, preview=report)
                                except PermissionDenied as exc:
                                    st.error(plain(exc))
                                else:
                                    if done.ok and done.upload_id:
                                        common.warm_after_commit(common.upload_id(), done.upload_id)
                                        st.session_state["_committed"] = t("data_committed", lang, n=done.upload_id)
                                        st.session_state["_uploads_done"] = st.session_state.get("_uploads_done", 0) + 1
                                        for key in ("_preview", "_preview_sig"):
                                            st.session_state.pop(key, None)
                                        st.rerun()
                                    st.error(plain(done.sentence(lang)))
                        else:
                            st.info(t("data_nothing", lang))
            if st.session_state.get("_committed"):
                st.success(st.session_state.pop("_committed"))

            _templates(lang)

    if history_tab.open:
        with history_tab:
            history = common.page_data("history_page")
            if history.empty:
                st.caption(t("data_history_empty", lang))
            else:
                st.dataframe(views.history_table(history, lang), hide_index=True, width="stretch")
                st.caption(t("data_rollback_rule", lang))
                for row in common.derived(history, views.rollback_candidates).itertuples():
                    if st.button(t("data_rollback", lang, n=row.upload_id), key=f"rollback_{row.upload_id}",
                                 disabled=not common.can("rollback"), icon=":material/undo:"):
                        st.session_state["_rollback_asked"] = int(row.upload_id)
                    if st.session_state.get("_rollback_asked") == row.upload_id:
                        _confirm_rollback(con, actor, row, lang)
            if st.session_state.get("_rolled"):
                st.success(st.session_state.pop("_rolled"))

    if browse_tab.open:
        with browse_tab:
            c1, c2 = st.columns([1, 2])
            with c1:
                name = common.translated_choice(st.selectbox, t("data_dataset", lang), list(DATASETS), "browse_dataset",
                                                lambda d: t(f"ds_{d}", lang))
            text = c2.text_input(t("data_filter", lang), key="browse_filter")
            rows = common.page_data("browse_page", dataset=name, contains=text)
            shown = common.shown_rows(rows)
            st.caption(t("data_rows", lang, n=len(rows)) if len(shown) == len(rows)
                       else t("data_rows_shown", lang, n=len(rows), shown=len(shown)))
            st.dataframe(common.arrow_of(shown), hide_index=True, width="stretch")
            label = export.demo_label(common.con())   # demo exports say so (issue 3)
            stem = f"DEMO-{name}" if label else name
            d1, d2 = st.columns(2)
            d1.download_button(t("data_download_csv", lang), lambda: views.export_bytes(rows, "csv", label=label),
                               file_name=f"{stem}.csv", mime="text/csv", key="browse_csv", icon=":material/download:")
            d2.download_button(t("data_download_xlsx", lang), lambda: views.export_bytes(rows, "xlsx", name, label),
                               file_name=f"{stem}.xlsx", key="browse_xlsx", icon=":material/download:")

    if guide_tab.open:
        with guide_tab:
            guide = config.ROOT / "docs" / "where_to_get_data.md"
            if guide.exists():
                st.markdown(guide.read_text(encoding="utf-8"))
            else:
                st.caption(t("data_guide_missing", lang))


def _templates(lang: str) -> None:
    """One blank template per dataset, folded and drawn only when opened (a heading and a button per dataset
    in a column each were 18 elements on every run of the upload tab)."""
    box = st.expander(t("data_templates", lang), key="data_templates", on_change="rerun", icon=":material/download:")
    if not box.open:
        return
    try:
        from dialogue import templates  # noqa: F401 - the template writer: without it there is nothing to offer
    except ImportError:
        box.caption(t("data_not_available", lang, what="dialogue.templates"))
        return
    row = box.container(horizontal=True)    # one block, not a column per button
    for name in DATASETS:
        row.download_button(t("data_template_download", lang, ds=t(f"ds_{name}", lang)),
                            lambda n=name: views.template_bytes(n), file_name=f"{name}_template.xlsx",
                            key=f"template_{name}", icon=":material/download:")


def _confirm_rollback(con, actor, row, lang: str) -> None:
    """Name the upload and what rolling it back undoes; act only on "Yes", forget the question on "Cancel"."""
    st.warning(views.rollback_question(row, lang), icon=":material/undo:")
    yes, no = st.columns(2)
    if yes.button(t("data_rollback_yes", lang, n=row.upload_id), key=f"rollback_yes_{row.upload_id}", type="primary"):
        from dialogue.store import rollback

        st.session_state.pop("_rollback_asked", None)
        try:
            new = rollback(con, int(row.upload_id), actor)
        except Exception as exc:  # noqa: BLE001 - shown as a message, never a traceback
            st.error(views.refusal_text(exc, lang))
        else:
            common.warm_after_commit(common.upload_id(), new, hold=False)   # withdrawn figures are never shown again
            st.session_state["_rolled"] = t("data_rolled_back", lang, old=row.upload_id, new=new)
            st.rerun()
    if no.button(t("data_rollback_no", lang), key=f"rollback_no_{row.upload_id}"):
        st.session_state.pop("_rollback_asked", None)
        st.rerun()
