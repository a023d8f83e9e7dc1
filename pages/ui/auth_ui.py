"""Who is signed in, as the server knows it: local mode, the built-in sign-in, or the identity provider.

The role always comes from the users file on the server, looked up through a server-side session
(or the identity provider's verified e-mail); never from the URL, a widget or anything the browser sends.
"""
from __future__ import annotations

import os
import sys

import streamlit as st

from dialogue import audit, auth, backup, db
from dialogue.i18n import t
from dialogue.roles import Actor
from dialogue.safe_text import plain
from pages.ui import common

TOKEN_KEY = "_dialogue_session_token"   # session_state key no widget uses: the client cannot set it
NOTICE_KEY = "_dialogue_auth_notice"
OIDC_AUDITED_KEY = "_dialogue_oidc_audited"


def main_database() -> tuple[str, object]:
    """The main database (DIALOGUE_DB or the reference workspace) and its shared connection.

    Sign-ins and user changes are audited there whichever workspace a page shows. The dashboard's
    cached connection fills a missing file from the bundled data first, so use it when present.
    """
    path = str(common.workspace_path("reference"))
    return path, common.connection(path, "reference")


def _con():
    return main_database()[1].cursor()


def _attempt_log():
    """Where a sign-in attempt is audited: the main database when it exists, else the log pending beside it.

    A visitor who has not signed in never makes the server create (or fill) a database.
    """
    path = str(common.workspace_path("reference"))
    if os.path.exists(path):
        try:
            return _con()
        except db.DatabaseBusy:
            pass
    return audit.PendingLog(path)


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section: sign in with st.login then."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:       # no secrets file at all
        return False


def oidc_identity() -> tuple[bool, str | None, bool | None]:
    """(signed in with the identity provider?, e-mail, e-mail verified?) from st.user."""
    if not st.user.is_logged_in:
        return False, None, None
    return True, st.user.get("email"), st.user.get("email_verified")


def _server_address() -> str | None:
    return st.get_option("server.address")


def current_actor() -> Actor | None:
    """The actor of this run, drawing nothing: pages call it before any write."""
    store = auth.UserStore()
    if not store.has_users():
        return auth.local_actor() if auth.is_loopback(_server_address()) else None
    if oidc_configured():
        signed_in, email, verified = oidc_identity()
        if not signed_in or verified is False:
            return None               # an e-mail the provider has not verified grants nothing
        return store.actor_for_email(email)
    # Ends the session when its user was removed, re-added or given a new password, role or e-mail.
    return auth.SESSIONS.check(st.session_state.get(TOKEN_KEY), store)


def refuse_direct_page_run() -> None:
    """Stop a page script that Streamlit runs straight from its URL, without the router.

    With a pages/ folder beside app.py, Streamlit runs pages/<name>.py directly from its URL until
    some session of the process has called st.navigation (e.g. /trade as the first request after a
    restart), which skips the router's sign-in. Every page imports the `pages` package first, whose
    __init__ calls this: the first such run stops here, and the switch below sends every later run
    through app.py, as st.navigation itself would.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:                      # imported outside a script run (tests, tools)
        return
    main = os.path.realpath(ctx.main_script_path)
    frame = sys._getframe()
    while frame is not None:
        if os.path.realpath(frame.f_code.co_filename) == main:
            return                       # the router (or the script under test) is running
        frame = frame.f_back
    PagesManager.uses_pages_directory = False
    _ask_to_sign_in(main)


def _ask_to_sign_in(main_script: str | None = None) -> None:
    """Stop this page's run with the way in: the main page, where the router signs people in."""
    st.warning(t("auth_sign_in_first", common.lang()), icon=":material/lock:")
    if main_script:
        st.page_link(main_script, label=t("auth_open_main", common.lang()), icon=":material/login:")
    st.stop()


def page_guard() -> Actor:
    """Call first on every page script: the actor, or stop when the run did not pass the router's sign-in.

    Until some session of the process has called st.navigation, Streamlit runs any file under
    pages/ directly from its URL (e.g. /trade on a freshly started server), skipping app.py.
    """
    actor = current_actor()
    if actor is None:
        _ask_to_sign_in()
    return actor


def resolve_actor() -> Actor | None:
    """The signed-in actor (with the sidebar's who-am-I and sign-out), or None: show the sign-in page.

    Opens no database until someone has signed in (a visitor's clicks create no file).
    """
    store = auth.UserStore()
    if not store.has_users():
        if not auth.is_loopback(_server_address()):
            refusal = auth.local_mode_refusal(_server_address())
            _log_once(refusal)
            st.error(refusal)
            st.stop()
        command = "python -m dialogue users add NAME --role admin"
        st.sidebar.warning(t("auth_local_mode", common.lang(), command=command), icon=":material/lock_open:")
        _serve_commands()
        return auth.local_actor()
    had_token = bool(st.session_state.get(TOKEN_KEY))
    actor = current_actor()
    if actor is None:
        if had_token:
            st.session_state.pop(TOKEN_KEY, None)
            st.session_state[NOTICE_KEY] = "auth_session_ended"
        if oidc_configured() and oidc_identity()[0]:
            _refuse_unmapped_email(store)
        return None
    _serve_commands()
    if oidc_configured() and not st.session_state.get(OIDC_AUDITED_KEY):
        audit.record(_con(), actor, "sign_in", {"method": "oidc"}, ok=True)
        st.session_state[OIDC_AUDITED_KEY] = True
    with st.sidebar:
        lang = common.lang()
        st.caption(t("auth_signed_in_as", lang, user=plain(actor.user), role=t(f"role_{actor.role}", lang)))
        st.button(t("auth_sign_out", lang), key="_dialogue_sign_out", on_click=sign_out, icon=":material/logout:")
    return actor


def _serve_commands() -> None:
    """Commands run while the dashboard holds the database (backup, users) go through its connection."""
    path, shared = main_database()
    backup.serve_backup_requests(shared, path)


_logged: set[str] = set()


def _log_once(message: str) -> None:
    """Say it in the server's console too, once per process, where the operator looks."""
    if message not in _logged:
        _logged.add(message)
        print(f"Dialogue Monitor: {message}", file=sys.stderr, flush=True)


def sign_out() -> None:
    """End the server-side session (and the identity provider's cookie), and audit it."""
    actor = current_actor()
    if actor is not None:
        audit.record(_con(), actor, "sign_out", {}, ok=True)
    auth.SESSIONS.end(st.session_state.pop(TOKEN_KEY, None))
    st.session_state.pop(OIDC_AUDITED_KEY, None)
    if oidc_configured() and oidc_identity()[0]:
        st.logout()


def sign_in_page() -> None:
    """The sign-in page: the identity provider's button, or the built-in name and password form."""
    lang = common.lang()
    st.title(t("app_title", lang))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(t(notice, lang))
    if oidc_configured():
        st.write(t("auth_org_account", lang))
        if st.button(t("auth_sign_in", lang), key="_dialogue_oidc_sign_in", type="primary", icon=":material/login:"):
            st.login()
        return
    with st.form("_dialogue_sign_in", clear_on_submit=True):
        name = st.text_input(t("auth_user_name", lang), key="_dialogue_sign_in_name", autocomplete="username")
        password = st.text_input(t("auth_password", lang), type="password", key="_dialogue_sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth_sign_in", lang), type="primary")
    if submitted:
        store = auth.UserStore()
        try:       # failures are counted per address where the server knows it (None: this machine)
            actor = store.verify(_attempt_log(), name, password, client=st.context.ip_address)
        except auth.SignInRefused as exc:
            st.error(plain(exc.text(lang)))
            return
        st.session_state[TOKEN_KEY] = auth.SESSIONS.create(actor, store.credential_stamp(actor.user))
        st.rerun()


def _refuse_unmapped_email(store: auth.UserStore) -> None:
    email = oidc_identity()[1]
    if not st.session_state.get(OIDC_AUDITED_KEY):
        audit.record(_attempt_log(), None, "sign_in_failed", {"method": "oidc", "email": email, "reason": "no role"},
                     ok=False)
        st.session_state[OIDC_AUDITED_KEY] = True
    st.error(t("auth_no_role", common.lang()))
    st.text(email or t("auth_no_email", common.lang()))      # plain text, never markup
    st.code(f"python -m dialogue users add NAME --role viewer --email {email}", language="bash")
    if st.button(t("auth_sign_out", common.lang()), key="_dialogue_oidc_sign_out"):
        st.logout()
    st.stop()
