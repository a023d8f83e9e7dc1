"""The Administration page's content (users, audit log, targets, settings and backup), imported by
pages/admin.py.

A module, not the page script: Streamlit recompiles a page script on every AppTest run (the server
caches it), and compiling this one took 0.9 ms of each run; imported code is compiled once.
"""
from __future__ import annotations

import streamlit as st
from dialogue import audit, auth, backup, config, db, targets_admin
from dialogue.roles import ROLES, PermissionDenied
from dialogue.targets import TargetsFileError
from dialogue.safe_text import plain
from pages.ui import common
from pages.ui.auth_ui import main_database, oidc_configured, page_guard


def render() -> None:
    """Draw the Administration page for administrators: only the open tab's content runs."""
    actor = page_guard()
    if not actor.can("manage_users"):
        st.error("This page is for administrators.")
        return

    st.title("Administration")
    main_path, main = main_database()
    con = main.cursor()            # users, sign-ins and backups belong to the main database
    store = auth.UserStore()
    # Tabs that track which one is open: only the open tab's content runs (the audit log is read on demand).
    users_tab, audit_tab, targets_tab, settings_tab = st.tabs(
        ["Users", "Audit log", "Targets", "Settings and backup"], key="admin_tab", on_change="rerun")

    if users_tab.open:
        with users_tab:
            users = store.users()
            if users:
                st.dataframe(
                    [{"user": u.name, "role": u.role, "e-mail": u.email or "", "password": u.has_password,
                      "sign-in waits until (UTC)": store.locked_until(u.name)} for u in users],
                    hide_index=True, width="stretch",
                )
            else:
                st.info("No users yet: this is local mode. Adding the first user ends it, and from then on "
                        "everyone signs in, so the first user must be an administrator.")
            with st.form("admin_add_user", clear_on_submit=True):
                st.subheader("Add a user")
                name = st.text_input("User name", key="admin_add_name")
                role = st.selectbox("Role", ROLES if users else ("admin",), key="admin_add_role")
                email = st.text_input("E-mail (for identity-provider sign-in, optional)", key="admin_add_email")
                pw1 = st.text_input("Password", type="password", key="admin_add_pw1")
                pw2 = st.text_input("Repeat the password", type="password", key="admin_add_pw2")
                if st.form_submit_button("Add user"):
                    try:
                        if pw1 != pw2:
                            raise auth.UserError("the two passwords differ")
                        store.add(con, actor, name.strip(), role, pw1 or None, email=email.strip() or None)
                        st.success(f"Added {plain(name.strip())} ({role}).")
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(exc))
            if users:
                st.subheader("Unlock a user")
                st.caption(f"After {auth.MAX_FAILURES} failed sign-ins in a row, the address they came from waits "
                           f"{auth.FIRST_WAIT}, doubling up to {auth.MAX_WAIT}. Unlocking ends every wait for the "
                           "user and forgets the failures, from every address.")
                stuck = st.selectbox("User", [u.name for u in users], key="admin_unlock_name")
                if st.button("Unlock", key="admin_unlock_go", icon=":material/lock_open:"):
                    try:
                        cleared = store.unlock(con, actor, stuck)
                        st.success(f"Unlocked {plain(stuck)}: failed sign-ins forgotten from {cleared} "
                                   f"address{'es' if cleared != 1 else ''}.")
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(exc))
            names = [u.name for u in users if u.name != actor.user]
            if names:
                st.subheader("Remove a user")
                gone = st.selectbox("User", names, key="admin_remove_name")
                sure = st.checkbox("Yes, remove this user and end their sessions", key="admin_remove_sure")
                if st.button("Remove user", disabled=not sure, key="admin_remove_go"):
                    try:
                        store.remove(con, actor, gone)
                        st.success(f"Removed {plain(gone)}.")
                        st.rerun()
                    except (auth.UserError, PermissionDenied) as exc:
                        st.error(plain(exc))

    if audit_tab.open:
        with audit_tab:
            shown = con
            here = st.session_state.get(common.KEY_DB)
            if here and here != main_path:
                where = st.radio("Log of", ("main", "workspace"), horizontal=True, key="admin_audit_db",
                                 format_func={"main": f"main database ({main_path})",
                                              "workspace": f"this workspace ({here})"}.get)
                shown = common.con() if where == "workspace" else con
            c1, c2, c3 = st.columns(3)
            who = c1.text_input("User", key="admin_audit_user").strip() or None
            what = c2.text_input("Action", key="admin_audit_action").strip() or None
            limit = c3.number_input("Entries", min_value=10, max_value=10_000, value=500, step=100, key="admin_audit_limit")
            st.dataframe(audit.audit_entries(shown, limit=limit, user=who, action=what), hide_index=True, width="stretch",
                         column_config={"time": "time (UTC)", "audit_id": "#"})

    if targets_tab.open:
        with targets_tab:
            st.caption(f"Every view reads the targets file ({config.TARGETS_FILE}). Saving checks it in full first, "
                       "keeps the old file beside it and records the change in the audit log.")
            if "admin_targets_text" not in st.session_state:
                st.session_state["admin_targets_text"] = targets_admin.current_text()
            text = st.text_area("Targets file (TOML)", key="admin_targets_text", height=480)
            check_col, save_col = st.columns(2)
            check = check_col.button("Validate", key="admin_targets_check")
            save = save_col.button("Save", key="admin_targets_save", type="primary")
            try:
                if check:
                    change = targets_admin.check_change(text)
                    st.success(f"Valid: {change['targets']} targets; {plain(targets_admin.change_sentence(change))}.")
                if save:
                    change = targets_admin.save_targets_text(con, actor, text)
                    st.success("Nothing to save: the file already reads so." if change["unchanged"] else
                               f"Saved; {plain(targets_admin.change_sentence(change))}.")
            except (TargetsFileError, PermissionDenied, OSError) as exc:
                st.error(plain(exc))

    if settings_tab.open:
        with settings_tab:
            st.dataframe(
                [
                    {"setting": "main database", "value": main_path},
                    {"setting": "users file", "value": str(store.path)},
                    {"setting": "sign-in", "value": "identity provider (st.login)" if oidc_configured() else "built-in passwords"},
                    {"setting": "server address", "value": str(st.get_option("server.address"))},
                    {"setting": "failed sign-ins", "value": f"{auth.MAX_FAILURES} in a row from one address → it waits "
                                                           f"{auth.FIRST_WAIT}, doubling up to {auth.MAX_WAIT}"},
                    {"setting": "session", "value": f"ends after {auth.SESSION_IDLE} idle, {auth.SESSION_MAX} at most"},
                    {"setting": "upload limit (MB)", "value": str(st.get_option("server.maxUploadSize"))},
                ],
                hide_index=True, width="stretch",
            )
            st.subheader("Back up now")
            if "admin_backup_dir" not in st.session_state:
                st.session_state["admin_backup_dir"] = str(config.DATA_DIR / "backups" / db.utcnow().strftime("%Y%m%d-%H%M%S"))
            target = st.text_input("Into the new directory (on the server)", key="admin_backup_dir")
            if st.button("Back up", key="admin_backup_go", icon=":material/backup:"):
                try:
                    manifest = backup.backup(con, target, actor)
                    st.success(f"Backed up {sum(t['rows'] for t in manifest['tables'].values())} rows into {plain(target)}.")
                except (backup.BackupError, PermissionDenied, OSError) as exc:
                    st.error(plain(exc))
