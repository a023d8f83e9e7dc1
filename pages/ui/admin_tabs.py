"""The Administration page's content (users, audit log, targets, settings and backup), imported by
pages/admin.py.

A module, not the page script: Streamlit recompiles a page script on every AppTest run (the server
caches it), and compiling this one took 0.9 ms of each run; imported code is compiled once.
"""
from __future__ import annotations

import streamlit as st
from dialogue import audit, auth, backup, config, db, targets_admin
from dialogue.coded import say
from dialogue.i18n import label, t
from dialogue.roles import ROLES, PermissionDenied
from dialogue.targets import TargetsFileError
from dialogue.safe_text import plain
from pages.ui import common
from pages.ui.auth_ui import main_database, oidc_configured, page_guard


TABS = ("adm_tab_users", "adm_tab_audit", "adm_tab_targets", "adm_tab_settings")
OPEN_TAB = "_admin_tab_open"
AUDIT_COLUMNS = ("audit_id", "time", "user", "role", "action", "ok", "detail")       # the open tab's index, kept across a change of language


def _minutes(delta) -> str:
    return f"{delta.total_seconds() / 60:g}"


def _tabs(lg: str):
    """The four tabs in the reader's language; each language keys its own widget (its value is the tab's label),
    opened on the tab that was open before the language changed."""
    labels = [t(k, lg) for k in TABS]
    key = "admin_tab" if lg == "en" else f"admin_tab_{lg}"
    if key not in st.session_state:
        st.session_state[key] = labels[st.session_state.get(OPEN_TAB, 0)]
    tabs = st.tabs(labels, key=key, on_change="rerun")
    st.session_state[OPEN_TAB] = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    return tabs


def render() -> None:
    """Draw the Administration page for administrators: only the open tab's content runs."""
    actor = page_guard()
    lg = common.lang()
    if not actor.can("manage_users"):
        st.error(t("adm_only", lg))
        return

    st.title(t("page_admin", lg))
    main_path, main = main_database()
    con = main.cursor()            # users, sign-ins and backups belong to the main database
    store = auth.UserStore()
    # Tabs that track which one is open: only the open tab's content runs (the audit log is read on demand).
    users_tab, audit_tab, targets_tab, settings_tab = _tabs(lg)

    if users_tab.open:
        with users_tab:
            users = store.users()
            if users:
                st.dataframe(
                    [{t("adm_col_user", lg): u.name, t("adm_col_role", lg): label("role", u.role, lg),
                      t("adm_col_email", lg): u.email or "", t("adm_col_password", lg): u.has_password,
                      t("adm_col_waits", lg): store.locked_until(u.name)} for u in users],
                    hide_index=True, width="stretch",
                )
            else:
                st.info(t("adm_no_users", lg))
            with st.form("admin_add_user", clear_on_submit=True):
                st.subheader(t("adm_add_user", lg))
                name = st.text_input(t("auth_user_name", lg), key="admin_add_name")
                # each language its own widget: the browser keeps a choice by its option text
                role = st.selectbox(t("adm_role", lg), ROLES if users else ("admin",),
                                    key="admin_add_role" if lg == "en" else f"admin_add_role_{lg}",
                                    format_func=lambda r: label("role", r, lg))
                email = st.text_input(t("adm_email", lg), key="admin_add_email")
                pw1 = st.text_input(t("auth_password", lg), type="password", key="admin_add_pw1")
                pw2 = st.text_input(t("adm_password_again", lg), type="password", key="admin_add_pw2")
                if st.form_submit_button(t("adm_add_button", lg)):
                    try:
                        if pw1 != pw2:
                            raise auth.UserError("user_passwords_differ")
                        store.add(con, actor, name.strip(), role, pw1 or None, email=email.strip() or None)
                        st.success(t("adm_added", lg, name=plain(name.strip()), role=label("role", role, lg)))
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(say(exc, lg)))
            if users:
                st.subheader(t("adm_unlock_title", lg))
                st.caption(t("adm_unlock_caption", lg, failures=auth.MAX_FAILURES, first=_minutes(auth.FIRST_WAIT),
                             most=_minutes(auth.MAX_WAIT)))
                stuck = st.selectbox(t("adm_user_pick", lg), [u.name for u in users], key="admin_unlock_name")
                if st.button(t("adm_unlock_button", lg), key="admin_unlock_go", icon=":material/lock_open:"):
                    try:
                        cleared = store.unlock(con, actor, stuck)
                        st.success(t("adm_unlocked", lg, name=plain(stuck),
                                     addresses=auth.addresses_text(cleared, lg)))
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(say(exc, lg)))
            names = [u.name for u in users if u.name != actor.user]
            if names:
                st.subheader(t("adm_remove_title", lg))
                gone = st.selectbox(t("adm_user_pick", lg), names, key="admin_remove_name")
                sure = st.checkbox(t("adm_remove_sure", lg), key="admin_remove_sure")
                if st.button(t("adm_remove_button", lg), disabled=not sure, key="admin_remove_go"):
                    try:
                        store.remove(con, actor, gone)
                        st.success(t("adm_removed", lg, name=plain(gone)))
                        st.rerun()
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(say(exc, lg)))

    if audit_tab.open:
        with audit_tab:
            shown = con
            here = st.session_state.get(common.KEY_DB)
            if here and here != main_path:
                where = common.translated_choice(
                    st.radio, t("adm_log_of", lg), ("main", "workspace"), "admin_audit_db", horizontal=True,
                    format_func={"main": t("adm_log_main", lg, path=main_path),
                                 "workspace": t("adm_log_workspace", lg, path=here)}.get)
                shown = common.con() if where == "workspace" else con
            c1, c2, c3 = st.columns(3)
            who = c1.text_input(t("adm_filter_user", lg), key="admin_audit_user").strip() or None
            what = c2.text_input(t("adm_filter_action", lg), key="admin_audit_action").strip() or None
            limit = c3.number_input(t("adm_entries", lg), min_value=10, max_value=10_000, value=500, step=100,
                                    key="admin_audit_limit")
            st.dataframe(audit.audit_entries(shown, limit=limit, user=who, action=what), hide_index=True, width="stretch",
                         column_config={column: t(f"adm_col_{column}", lg) for column in AUDIT_COLUMNS})

    if targets_tab.open:
        with targets_tab:
            st.caption(t("adm_targets_caption", lg, path=config.TARGETS_FILE))
            if "admin_targets_text" not in st.session_state:
                st.session_state["admin_targets_text"] = targets_admin.current_text()
            text = st.text_area(t("adm_targets_text", lg), key="admin_targets_text", height=480)
            check_col, save_col = st.columns(2)
            check = check_col.button(t("adm_validate", lg), key="admin_targets_check")
            save = save_col.button(t("adm_save", lg), key="admin_targets_save", type="primary")
            try:
                if check:
                    change = targets_admin.check_change(text)
                    st.success(t("adm_valid", lg, n=change["targets"],
                                 change=plain(targets_admin.change_sentence(change, lg))))
                if save:
                    change = targets_admin.save_targets_text(con, actor, text)
                    st.success(t("adm_unchanged", lg) if change["unchanged"] else
                               t("adm_saved", lg, change=plain(targets_admin.change_sentence(change, lg))))
            except (TargetsFileError, PermissionDenied, OSError) as exc:
                st.error(plain(say(exc, lg)))

    if settings_tab.open:
        with settings_tab:
            rows = (
                ("adm_set_main_db", main_path),
                ("adm_set_users_file", str(store.path)),
                ("adm_set_sign_in", t("adm_set_sign_in_oidc" if oidc_configured() else "adm_set_sign_in_local", lg)),
                ("adm_set_address", str(st.get_option("server.address"))),
                ("adm_set_failures", t("adm_set_failures_value", lg, failures=auth.MAX_FAILURES,
                                       first=_minutes(auth.FIRST_WAIT), most=_minutes(auth.MAX_WAIT))),
                ("adm_set_session", t("adm_set_session_value", lg, idle=_minutes(auth.SESSION_IDLE),
                                      most=f"{auth.SESSION_MAX.total_seconds() / 3600:g}")),
                ("adm_set_upload_limit", str(st.get_option("server.maxUploadSize"))),
            )
            st.dataframe([{t("adm_col_setting", lg): t(key, lg), t("adm_col_value", lg): value} for key, value in rows],
                         hide_index=True, width="stretch")
            st.subheader(t("adm_backup_title", lg))
            if "admin_backup_dir" not in st.session_state:
                st.session_state["admin_backup_dir"] = str(config.DATA_DIR / "backups" / db.utcnow().strftime("%Y%m%d-%H%M%S"))
            target = st.text_input(t("adm_backup_dir", lg), key="admin_backup_dir")
            if st.button(t("adm_backup_button", lg), key="admin_backup_go", icon=":material/backup:"):
                try:
                    manifest = backup.backup(con, target, actor)
                    st.success(t("adm_backed_up", lg, rows=sum(x["rows"] for x in manifest["tables"].values()),
                                 path=plain(target)))
                except (backup.BackupError, PermissionDenied, OSError) as exc:
                    st.error(plain(say(exc, lg)))
