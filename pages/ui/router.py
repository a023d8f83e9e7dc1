"""The router app.py runs: page config, the shared sidebar, the database, sign-in, the pages by role.

A module, not app.py's own body: AppTest compiles the main script on every run, even a run of
another page (0.5 ms of each page's run in the issue-8 benchmark); imported code is compiled once.
"""
import os
from datetime import date

import streamlit as st

from dialogue import config, db
from dialogue.coded import Coded, say
from dialogue.i18n import LANG_NAMES, LANGS, fmt_count, t
from dialogue.safe_text import plain
from pages.ui import common
# Who is signed in; with no users, local mode only on loopback (refused per page on any other address,
# for whoever runs `streamlit run app.py` directly instead of `python -m dialogue serve`).
from pages.ui.auth_ui import resolve_actor

WORKSPACES = ("reference", "demo")
# The favicon is a file the server itself serves: a material or emoji page icon makes the browser fetch it
# from fonts.gstatic.com or a CDN, which hangs on a network without internet access (tests/test_offline.py).
FAVICON = config.ROOT / "static" / "favicon.png"


def run() -> None:
    """Draw the frame and run the page the URL asks for, if this user may see it."""
    st.set_page_config(page_title="Dialogue Monitor", page_icon=str(FAVICON), layout="wide")
    # Tables never offer Streamlit's raw "Download as CSV", even on a server started without our
    # config.toml (which sets it from the first run): downloads go through dialogue/safe_cells.py.
    st.set_option("client.disableDataExport", True)
    _sidebar_settings()
    lang = common.lang()
    actor = resolve_actor()          # before any database: a visitor's choices open or create none
    st.session_state[common.KEY_ACTOR] = actor
    if actor is None:
        from pages.ui.auth_ui import sign_in_page

        st.navigation([st.Page(sign_in_page, title=t("auth_sign_in", lang), icon=":material/login:")]).run()
        st.stop()
    _open_database(lang)
    with st.sidebar:
        latest = common.upload_id()
        st.caption(t("data_as_of_upload", lang, n=latest) if latest else t("no_uploads", lang))
        coming = common.held_upload()
        if coming:
            st.caption(t("data_upload_coming", lang, n=coming))
    st.navigation(_pages(actor, lang)).run()


def _sidebar_settings() -> None:
    """Language, as-of date and workspace, kept in session state for every page."""
    for key, default in ((common.KEY_AS_OF, date.today()), (common.KEY_LANG, "en"),
                         (common.KEY_WORKSPACE, os.environ.get("DIALOGUE_WORKSPACE", "reference"))):
        if key not in st.session_state:
            st.session_state[key] = default
    if st.session_state[common.KEY_WORKSPACE] not in WORKSPACES:
        st.session_state[common.KEY_WORKSPACE] = "reference"
    with st.sidebar:
        st.selectbox(t("sidebar_language", common.lang()), LANGS, key=common.KEY_LANG, format_func=LANG_NAMES.get)
        lang = common.lang()
        _as_of_choice(lang)
        if os.environ.get("DIALOGUE_DB"):
            st.caption(t("workspace_env", lang, path=os.path.basename(os.environ["DIALOGUE_DB"])))
        else:
            _workspace_choice(lang)


def _as_of_choice(lang: str) -> None:
    """The as-of date, typed (a text field applies it on Enter; Streamlit's date field only when it loses focus)
    or picked from a calendar; both widgets are set from the kept date on every run."""
    kept = st.session_state[common.KEY_AS_OF]
    st.session_state["_as_of_text"] = kept.isoformat()
    st.session_state["_as_of_pick"] = kept
    typed, pick = st.columns([3, 1], vertical_alignment="bottom")
    typed.text_input(t("sidebar_as_of", lang), key="_as_of_text", on_change=_keep_typed_as_of,
                     help=f"{t('sidebar_as_of_help', lang)} {t('sidebar_as_of_typed', lang)}")
    with pick.popover("", icon=":material/calendar_month:", help=t("sidebar_as_of_pick", lang)):
        st.date_input(t("sidebar_as_of_pick", lang), key="_as_of_pick", format="YYYY-MM-DD",
                      on_change=_keep_picked_as_of)
    if st.session_state.get("_as_of_bad"):
        st.error(t("sidebar_as_of_bad", lang, value=plain(st.session_state.pop("_as_of_bad")), kept=kept.isoformat()))


def _keep_typed_as_of() -> None:
    text = st.session_state["_as_of_text"].strip()
    try:
        st.session_state[common.KEY_AS_OF] = date.fromisoformat(text)
    except ValueError:
        st.session_state["_as_of_bad"] = text or "''"


def _keep_picked_as_of() -> None:
    if st.session_state["_as_of_pick"]:
        st.session_state[common.KEY_AS_OF] = st.session_state["_as_of_pick"]


def _workspace_choice(lang: str) -> None:
    """The workspace radio; a language change keeps its selection (common.translated_choice)."""
    common.translated_choice(st.radio, t("sidebar_workspace", lang), WORKSPACES, common.KEY_WORKSPACE,
                             lambda w: t(f"workspace_{w}", lang))


def _open_database(lang: str) -> None:
    """This run's cursor on the chosen workspace, and the banner when its figures are not all real."""
    workspace = st.session_state[common.KEY_WORKSPACE]
    st.session_state[common.KEY_DB] = str(common.workspace_path(workspace))
    try:
        common.start_run()
    except db.DatabaseBusy as exc:
        st.error(t("db_busy", lang, msg=say(exc, lang)))
        st.stop()
    except common.WorkspaceUnavailable as exc:
        cause = exc.__cause__ if isinstance(exc.__cause__, Coded) else exc      # a coded cause in the reader's language
        st.error(t("workspace_unavailable", lang, msg=say(cause, lang)))
        st.stop()
    common.sync_targets()       # a changed targets file becomes a version before any status uses it
    if workspace == "demo" or common.workspace_kind() == "demo":
        st.warning(f"**{t('demo_banner', lang)}**", icon=":material/science:")
    elif synthetic := common.synthetic_rows():
        st.warning(f"**{t('synthetic_banner', lang, n=fmt_count(synthetic, lang))}**", icon=":material/science:")


def _pages(actor, lang: str) -> list:
    """The pages this actor may open, in menu order."""
    def page(path: str, key: str, icon: str, default: bool = False) -> st.Page:
        return st.Page(path, title=t(key, lang), icon=icon, default=default)

    def exists(path: str) -> bool:
        return (config.ROOT / path).exists()

    pages = [
        page("pages/overview.py", "page_overview", ":material/dashboard:", default=True),
        page("pages/trade.py", "page_trade", ":material/swap_horiz:"),
        page("pages/security.py", "page_security", ":material/shield:"),
        page("pages/political.py", "page_political", ":material/groups:"),
        page("pages/roadmap.py", "page_roadmap", ":material/route:"),
        page("pages/delivery.py", "page_delivery", ":material/checklist:"),
    ]
    # Briefings: every signed-in role may download briefings.
    if exists("pages/briefings.py"):
        pages.append(page("pages/briefings.py", "page_briefings", ":material/description:"))
    if actor.can("upload"):
        pages.append(page("pages/data.py", "page_data", ":material/upload_file:"))
    pages.append(page("pages/method.py", "page_method", ":material/menu_book:"))
    # Administration and audit log: admins only.
    if actor.can("manage_users") and exists("pages/admin.py"):
        pages.append(page("pages/admin.py", "page_admin", ":material/admin_panel_settings:"))
    return pages
