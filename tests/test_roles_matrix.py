"""The role x action matrix: every write in the package checks the caller's role itself.

Each write is called as every role. Below its minimum role it must raise PermissionDenied and leave
everything exactly as it was (database fingerprint, users file, files on disk); at or above it, it
works. A discovery test makes sure no public function that takes an `actor` escapes the matrix.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

import dialogue
from dialogue import auth, backup, config, db, replay, store
from dialogue.roles import ROLES, Actor, PermissionDenied
from tests.conftest import ADMIN


@dataclass
class Ctx:
    con: object
    tmp: Path
    users: auth.UserStore
    first_upload: int
    backup_dir: Path
    assessment: int = 0        # an assessment by another user (adam), for approvals


def trade_frame(value: float) -> pd.DataFrame:
    return pd.DataFrame([{"reporter": "US Census", "year": 2025, "flow": "us_to_serbia", "value": value,
                          "currency": "USD", "source": "test"}])


TRADE_CSV = b"reporter,year,flow,value,currency,source\nUS Census,2026,us_to_serbia,7,USD,test\n"


def _ingest(ctx: Ctx, actor: Actor, dry_run: bool):
    from dialogue import ingest
    report = ingest.ingest(ctx.con, TRADE_CSV, "trade.csv", actor, dataset="trade", dry_run=dry_run)
    assert report.ok, report.message


def _commit_plan(ctx: Ctx, actor: Actor):
    plan = store.plan(ctx.con, "trade", trade_frame(3.0))
    return store.commit(ctx.con, plan, actor, file="plan.csv")


def _add_note(ctx: Ctx, actor: Actor):
    from dialogue import notes
    from datetime import date
    return notes.add_note(ctx.con, actor, "trade_turnover", "A dated remark.", date(2026, 3, 1))


def _save_targets(ctx: Ctx, actor: Actor):
    from dialogue.targets_admin import current_text, save_targets_text
    path = ctx.tmp / "targets.toml"
    return save_targets_text(ctx.con, actor, current_text(path) + "\n# edited on the admin page\n", path)


# "module.function" -> (the role needed, how to call it as an actor)
WRITES: dict[str, tuple[str, Callable[[Ctx, Actor], object]]] = {
    "dialogue.store.apply": ("analyst", lambda c, a: store.apply(c.con, "trade", trade_frame(1.0), a, file="a.csv")),
    "dialogue.store.commit": ("analyst", _commit_plan),
    "dialogue.store.commit_frame": ("analyst", lambda c, a: store.commit_frame(c.con, "trade", trade_frame(2.0), a,
                                                                              file="f.csv")),
    "dialogue.store.rollback": ("analyst", lambda c, a: store.rollback(c.con, c.first_upload, a)),
    "dialogue.replay.rollback": ("analyst", lambda c, a: replay.rollback(c.con, c.first_upload, a)),
    "dialogue.ingest.ingest": ("analyst", lambda c, a: _ingest(c, a, dry_run=False)),
    "dialogue.ingest.ingest(dry_run)": ("analyst", lambda c, a: _ingest(c, a, dry_run=True)),
    "dialogue.notes.add_note": ("analyst", _add_note),
    "dialogue.assessments.record": ("analyst", lambda c, a: __import__("dialogue.assessments").assessments.record(
        c.con, a, "trade-growth", "2026-Q4", "high", "On course.")),
    "dialogue.assessments.approve": ("analyst", lambda c, a: __import__("dialogue.assessments").assessments.approve(
        c.con, a, c.assessment)),
    "dialogue.auth.UserStore.add": ("admin", lambda c, a: c.users.add(c.con, a, "newbie", "viewer", "correct horse")),
    "dialogue.auth.UserStore.remove": ("admin", lambda c, a: c.users.remove(c.con, a, "bob")),
    "dialogue.auth.UserStore.unlock": ("admin", lambda c, a: c.users.unlock(c.con, a, "bob")),
    "dialogue.backup.backup": ("admin", lambda c, a: backup.backup(c.con, c.tmp / "new-backup", a)),
    "dialogue.backup.restore": ("admin", lambda c, a: backup.restore(c.backup_dir, c.tmp / "restored.duckdb", a)),
    "dialogue.targets_admin.save_targets_text": ("admin", _save_targets),
}
# Public functions that take an actor but are not guarded writes, and why.
NOT_WRITES = {
    "dialogue.roles.require": "the guard itself",
    "dialogue.audit.record": "records every attempt, including refused and anonymous ones",
    "dialogue.auth.SessionStore.create": "an in-memory session for an actor the password check already returned",
    "dialogue.assessments.may_approve": "a question (may this actor approve it?) for the page, writes nothing",
}
OPTIONAL_MODULES = {"dialogue.ingest": "the store helper's ingest module", "dialogue.notes": "reports' notes"}


def _module_of(name: str) -> str:
    """dialogue.x.f(variant) or dialogue.x.Class.method -> dialogue.x"""
    parts = name.split("(")[0].split(".")
    return ".".join(parts[:2])


def _available(name: str) -> bool:
    try:
        importlib.import_module(_module_of(name))
    except ModuleNotFoundError:
        return False
    return True


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


@pytest.fixture(scope="module")
def matrix_folder(tmp_path_factory):
    """The state every write starts from, built once per module (a database with an upload and an assessment, two
    users, a backup, a targets file); each test works on its own copy of the folder."""
    folder = tmp_path_factory.mktemp("matrix")
    patch = pytest.MonkeyPatch()
    patch.setattr(auth, "BCRYPT_ROUNDS", 4)
    patch.setenv("DIALOGUE_USERS", str(folder / "users.toml"))
    con = db.connect(folder / "matrix.duckdb")
    try:
        users = auth.UserStore(folder / "users.toml")
        users.add(con, ADMIN, "root", "admin", "correct horse")
        users.add(con, ADMIN, "bob", "viewer", "correct horse")
        first = store.commit_frame(con, "trade", trade_frame(100.0), ADMIN, file="first.csv")
        backup.backup(con, folder / "existing-backup", ADMIN)
        (folder / "targets.toml").write_bytes(config.TARGETS_FILE.read_bytes())
        from dialogue import assessments

        assessment = assessments.record(con, ADMIN, "trade-growth", "2026-Q3", "medium", "Steady.")
    finally:
        con.close()
        patch.undo()
    return folder, first, assessment


@pytest.fixture
def ctx(tmp_path, monkeypatch, matrix_folder):
    folder, first, assessment = matrix_folder
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    con = db.connect(tmp_path / "matrix.duckdb")
    yield Ctx(con, tmp_path, auth.UserStore(tmp_path / "users.toml"), first, tmp_path / "existing-backup", assessment)
    con.close()


def test_each_test_starts_from_its_own_copy_of_the_same_state(matrix_folder, tmp_path):
    """A write in one test's copy changes neither the module's folder nor what the next test starts from."""
    folder, first, _ = matrix_folder
    before = db.fingerprint(con := db.connect(folder / "matrix.duckdb"))
    con.close()
    shutil.copytree(folder, tmp_path / "a")
    con = db.connect(tmp_path / "a" / "matrix.duckdb")
    assert db.fingerprint(con) == before
    store.rollback(con, first, ADMIN)
    assert db.fingerprint(con) != before
    con.close()
    con = db.connect(folder / "matrix.duckdb")
    assert db.fingerprint(con) == before
    con.close()
    assert auth.UserStore(folder / "users.toml").get("bob") is not None


def everything(ctx: Ctx) -> tuple:
    """All state a write could touch: the database, the users file and every file under tmp."""
    files = sorted(str(p.relative_to(ctx.tmp)) for p in ctx.tmp.rglob("*")
                   if not p.name.endswith((".wal", ".lock")) and p.name != "matrix.duckdb")
    return db.fingerprint(ctx.con), ctx.users.path.read_bytes(), files


CASES = [(name, role) for name in WRITES for role in ROLES]


@pytest.mark.parametrize("name,role", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_each_write_as_each_role(ctx, name, role):
    if not _available(name):
        pytest.skip(f"{name} has not landed yet ({OPTIONAL_MODULES.get(_module_of(name))})")
    needed, call = WRITES[name]
    actor = Actor(f"{role}-user", role)
    before = everything(ctx)
    if ROLES.index(role) < ROLES.index(needed):
        with pytest.raises(PermissionDenied):
            call(ctx, actor)
        assert everything(ctx) == before, f"{name} changed something for a {role} before refusing"
    else:
        call(ctx, actor)
        if not name.endswith("(dry_run)"):
            assert everything(ctx) != before, f"{name} as {role} did nothing"


@pytest.mark.parametrize("name", list(WRITES))
def test_no_one_signed_out_can_write(ctx, name):
    if not _available(name):
        pytest.skip(f"{name} has not landed yet")
    before = everything(ctx)
    with pytest.raises(PermissionDenied):
        WRITES[name][1](ctx, None)
    assert everything(ctx) == before


def _public_functions_taking_an_actor():
    found = set()
    for info in pkgutil.walk_packages(dialogue.__path__, "dialogue."):
        if info.name in ("dialogue.__main__",):
            continue
        module = importlib.import_module(info.name)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            members = [(attr, obj)] if inspect.isfunction(obj) else []
            if inspect.isclass(obj):
                members = [(f"{attr}.{m}", f) for m, f in vars(obj).items()
                           if inspect.isfunction(f) and not m.startswith("_")]
            for qual, fn in members:
                if "actor" in inspect.signature(fn).parameters:
                    found.add(f"{module.__name__}.{qual}")
    return found


def test_every_function_that_takes_an_actor_is_in_the_matrix():
    known = {n.split("(")[0] for n in WRITES} | set(NOT_WRITES)
    missing = _public_functions_taking_an_actor() - known
    assert not missing, f"add these writes to WRITES (with the role they need): {sorted(missing)}"


def test_viewer_role_is_never_enough_for_any_write():
    assert all(ROLES.index(needed) > ROLES.index("viewer") for needed, _ in WRITES.values())


# -- pages per role, through the real router --------------------------------------------------
APP = str(Path(__file__).resolve().parent.parent / "app.py")
PEOPLE = {"viewer": "vera", "analyst": "ana", "admin": "root"}


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """An empty reference database and a users file with one person per role."""
    from dialogue import config

    path = tmp_path / "app.duckdb"
    con = db.connect(path)
    db.set_meta(con, "workspace", "reference")
    users = auth.UserStore(tmp_path / "users.toml")
    for role, name in PEOPLE.items():
        users.add(con, ADMIN, name, role, "correct horse")
    con.close()
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setattr(config, "DEFAULT_DB", path)
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "demo-unused.duckdb")
    yield path
    db.close_all()


def app_as(role: str | None, query: dict | None = None):
    from streamlit.testing.v1 import AppTest
    from pages.ui import auth_ui

    at = AppTest.from_file(APP, default_timeout=120)
    if role:
        at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor(PEOPLE[role], role))
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def seen(elements) -> list[str]:
    """The text a reader sees in Markdown elements: user text reaches them escaped by safe_text.plain."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def page_files(at) -> set[str]:
    return {Path(str(info["script_path"])).name for info in at._registered_pages.values() if info.get("script_path")}


def test_page_lists_per_role(app_env):
    viewer, analyst, admin = (page_files(app_as(r)) for r in ("viewer", "analyst", "admin"))
    assert "overview.py" in viewer
    assert not viewer & {"data.py", "admin.py"}
    assert analyst - viewer == {"data.py"}
    assert admin - analyst == {"admin.py"}


@pytest.mark.parametrize("query", [{}, {"role": "admin"}, {"user": "root", "role": "admin"}, {"page": "admin"}])
def test_signed_out_sees_only_sign_in_whatever_the_url_says(app_env, query):
    at = app_as(None, query)
    assert page_files(at) == set()             # only the sign-in page (a function, no script)
    assert [t.label for t in at.main.text_input] == ["User name", "Password"]


def test_sign_in_speaks_the_language_chosen_in_the_sidebar(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "sr-Cyrl"
    at.run()
    assert not at.exception
    assert [t.label for t in at.main.text_input] == ["Корисничко име", "Лозинка"]
    assert at.title[0].value == "Монитор дијалога"
    at.text_input(key="_dialogue_sign_in_name").set_value("ana")
    at.text_input(key="_dialogue_sign_in_password").set_value("correct horse")
    at.button[0].click().run()
    assert any("Пријављени сте као ana (аналитичар)" in c for c in seen(at.caption))


@pytest.mark.parametrize("role,page", [("viewer", "pages/data.py"), ("viewer", "pages/admin.py"),
                                       ("analyst", "pages/admin.py")])
def test_a_page_outside_the_role_cannot_be_opened(app_env, role, page):
    at = app_as(role)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_admin_page_guards_itself_when_run_directly(app_env, role):
    from streamlit.testing.v1 import AppTest
    from pages.ui import auth_ui

    at = AppTest.from_file(str(Path(APP).parent / "pages" / "admin.py"), default_timeout=120)
    at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor(PEOPLE[role], role))
    at.run()
    assert [e.value for e in at.error] == ["This page is for administrators."]
    assert not at.tabs


def test_sign_in_form_then_pages_of_the_role_and_audit(app_env):
    from dialogue import audit

    at = app_as(None)
    at.text_input(key="_dialogue_sign_in_name").set_value("ana")
    at.text_input(key="_dialogue_sign_in_password").set_value("wrong horse")
    at.button[0].click().run()
    assert seen(at.error) == ["Wrong user name or password."]
    at.text_input(key="_dialogue_sign_in_name").set_value("ana")
    at.text_input(key="_dialogue_sign_in_password").set_value("correct horse")
    at.button[0].click().run()
    assert not at.exception
    assert "data.py" in page_files(at) and "admin.py" not in page_files(at)
    assert any("Signed in as ana (analyst)" in c for c in seen(at.caption))
    con = db.shared(app_env).cursor()
    log = audit.audit_entries(con)
    assert list(log["action"][:2]) == ["sign_in", "sign_in_failed"]
    assert list(log["user"][:2]) == ["ana", "ana"]


def test_removed_user_loses_the_session_at_the_next_run(app_env):
    from pages.ui import auth_ui

    at = app_as("analyst")
    token = at.session_state[auth_ui.TOKEN_KEY]
    assert "data.py" in page_files(at)
    auth.UserStore().remove(db.shared(app_env).cursor(), ADMIN, "ana")
    # AppTest reruns only the page after the first run, so the next run is a fresh AppTest with the same session token
    from streamlit.testing.v1 import AppTest
    again = AppTest.from_file(APP, default_timeout=120)
    again.session_state[auth_ui.TOKEN_KEY] = token
    again.run()
    assert page_files(again) == set()
    assert [t.label for t in again.main.text_input] == ["User name", "Password"]
    assert [i.value for i in again.info] == ["Your session has ended (timed out or changed). Please sign in again."]


def test_admin_adds_a_user_on_the_admin_page(app_env):
    at = app_as("admin")
    at.switch_page("pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="admin_add_name").set_value("nina")
    at.selectbox(key="admin_add_role").set_value("analyst")
    at.text_input(key="admin_add_pw1").set_value("correct horse")
    at.text_input(key="admin_add_pw2").set_value("correct horse")
    next(b for b in at.button if b.label == "Add user").click().run()
    assert not at.exception and seen(at.success) == ["Added nina (analyst)."]
    assert auth.UserStore().get("nina").role == "analyst"


@pytest.fixture
def no_users(app_env, tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "nobody.toml"))
    return app_env


@pytest.fixture
def listen_on():
    """Set Streamlit's server.address for the test, then put the configured value back."""
    from streamlit import config as st_config

    original = st_config.get_option("server.address")
    yield lambda address: st_config.set_option("server.address", address)
    st_config.set_option("server.address", original)


def test_local_mode_on_localhost_is_a_labelled_admin(no_users, listen_on):
    listen_on("localhost")
    at = app_as(None)
    assert "admin.py" in page_files(at) and "data.py" in page_files(at)
    assert any(w.value.startswith("**Local mode**") for w in at.sidebar.warning)


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.20", None])
def test_local_mode_is_refused_on_any_other_address(no_users, listen_on, address):
    listen_on(address)
    at = app_as(None)
    assert not at.title and not at.main.text_input          # no page ran, no sign-in form either
    assert len(at.error) == 1 and "python -m dialogue users add NAME --role admin" in at.error[0].value
    assert "local mode (no sign-in) is refused" in at.error[0].value


def test_admin_page_shows_the_audit_log_and_backs_up(app_env, tmp_path):
    at = app_as("admin")
    at.switch_page("pages/admin.py").run()
    assert not [f for f in at.dataframe if "action" in f.value], "the audit log is read only when its tab is open"
    at.session_state["admin_tab"] = "Audit log"
    at.run()
    log = next(f.value for f in at.dataframe if "action" in f.value)
    assert list(log["action"]) == ["user_add"] * 3 and set(log["user"]) == {"adam"}
    at.session_state["admin_tab"] = "Settings and backup"
    at.run()
    at.text_input(key="admin_backup_dir").set_value(str(tmp_path / "from-page"))
    next(b for b in at.button if b.label == "Back up").click().run()
    assert not at.exception and at.success[0].value.startswith("Backed up ")
    assert backup.read_manifest(tmp_path / "from-page")["by"] == "root"


def test_admin_checks_and_saves_the_targets_file_on_the_admin_page(app_env, tmp_path, monkeypatch):
    from dialogue import audit, config

    path = tmp_path / "targets" / "targets.toml"
    path.parent.mkdir()
    original = config.TARGETS_FILE.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    monkeypatch.setattr(config, "TARGETS_FILE", path)
    at = app_as("admin")
    at.switch_page("pages/admin.py").run()
    at.session_state["admin_tab"] = "Targets"
    at.run()
    assert at.text_area(key="admin_targets_text").value == original
    at.text_area(key="admin_targets_text").input(original.replace('kind = "growth"', 'kind = "wish"'))
    at.button(key="admin_targets_check").click().run()
    assert "(trade-growth): kind = 'wish'" in seen(at.error)[0]
    at.button(key="admin_targets_save").click().run()
    assert path.read_text(encoding="utf-8") == original          # refused: the file as it was
    edited = original.replace("milestone_warning_years = 1", "milestone_warning_years = 2")
    at.text_area(key="admin_targets_text").input(edited)
    at.button(key="admin_targets_check").click().run()
    assert not at.error and "settings changed: milestone_warning_years" in seen(at.success)[0]
    at.button(key="admin_targets_save").click().run()
    assert not at.exception and seen(at.success)[0].startswith("Saved; settings changed: milestone_warning_years")
    assert path.read_text(encoding="utf-8") == edited
    assert [p.read_text(encoding="utf-8") for p in path.parent.glob("*.bak")] == [original]
    entry = audit.audit_entries(db.shared(app_env).cursor(), limit=1).iloc[0]
    assert (entry["action"], entry["user"], bool(entry["ok"])) == ("targets_change", "root", True)


@pytest.fixture
def oidc(app_env, monkeypatch):
    """Pretend .streamlit/secrets.toml has [auth] and the provider returned an identity."""
    from pages.ui import auth_ui

    monkeypatch.setattr(auth_ui, "oidc_configured", lambda: True)

    def signed_in_as(email, verified=True):
        monkeypatch.setattr(auth_ui, "oidc_identity", lambda: (email is not None, email, verified))
    return signed_in_as


def test_identity_provider_email_maps_to_its_role(oidc, app_env):
    auth.UserStore().add(db.shared(app_env).cursor(), ADMIN, "mira", "analyst", None, email="Mira@MFA.gov.rs")
    oidc("mira@mfa.gov.rs")
    at = app_as(None)
    assert "data.py" in page_files(at) and "admin.py" not in page_files(at)
    from dialogue import audit
    entry = audit.audit_entries(db.shared(app_env).cursor(), limit=1).iloc[0]
    assert (entry["action"], entry["user"], entry["detail"]) == ("sign_in", "mira", '{"method": "oidc"}')


@pytest.mark.parametrize("email,verified", [("stranger@example.org", True), ("mira@mfa.gov.rs", False)])
def test_identity_provider_email_without_a_role_gets_nothing(oidc, app_env, email, verified):
    auth.UserStore().add(db.shared(app_env).cursor(), ADMIN, "mira", "analyst", None, email="mira@mfa.gov.rs")
    oidc(email, verified)
    at = app_as(None)
    assert not at.title                      # no page ran (the run stopped before any navigation)
    assert at.error[0].value.startswith("This account has no role here")
    assert [x.value for x in at.text] == [email]


def test_signed_out_identity_provider_user_sees_the_provider_button(oidc, app_env):
    oidc(None)
    at = app_as(None)
    assert [b.label for b in at.button] == ["Sign in"] and not at.main.text_input


def test_sign_out_ends_the_server_side_session_and_is_audited(app_env):
    from dialogue import audit
    from pages.ui import auth_ui

    at = app_as("analyst")
    token = at.session_state[auth_ui.TOKEN_KEY]
    at.button(key="_dialogue_sign_out").click().run()
    assert auth_ui.TOKEN_KEY not in at.session_state
    assert auth.SESSIONS.get(token) is None
    entry = audit.audit_entries(db.shared(app_env).cursor(), limit=1).iloc[0]
    assert (entry["action"], entry["user"]) == ("sign_out", "ana")
