"""Sign-in: bcrypt hashes, growing waits per address after failures, unlock, sessions bound to credentials, users CLI."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
from datetime import datetime, timedelta

import pytest

from dialogue import audit, auth, commands_admin, config
from dialogue.cli import main
from dialogue.roles import Actor, PermissionDenied
from tests.conftest import ADMIN, ANALYST, VIEWER


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start=datetime(2026, 3, 1, 9, 0)):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += timedelta(**kw)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return auth.UserStore(tmp_path / "users.toml", clock=clock)


def actions(con):
    return list(audit.audit_entries(con)["action"])[::-1]


def test_password_is_stored_as_bcrypt_hash_never_plain(store, con):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    text = store.path.read_text()
    data = tomllib.loads(text)
    assert "correct horse" not in text
    assert data["users"]["ana"]["hash"].startswith("$2b$04$")
    assert data["users"]["ana"]["role"] == "analyst"
    assert store.verify(con, "ana", "correct horse") == Actor("ana", "analyst")
    assert actions(con) == ["user_add", "sign_in"]


def test_users_file_is_owner_only(store, con):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    assert store.path.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("name,role,password,email,why", [
    ("ana", "analyst", "short", None, "at least 8"),
    ("ana", "analyst", "x" * 73, None, "72 bytes"),
    ("ana", "analyst", None, None, "password is needed"),
    ("bad name", "analyst", "correct horse", None, "user name"),
    ("local", "admin", "correct horse", None, "reserved"),
    ("ana", "root", "correct horse", None, "unknown role"),
    ("ana", "viewer", None, "not-an-email", "not an e-mail"),
])
def test_bad_new_users_are_refused_with_the_reason(store, con, name, role, password, email, why):
    with pytest.raises(auth.UserError, match=why):
        store.add(con, ADMIN, name, role, password, email=email)
    assert not store.has_users()
    entry = audit.audit_entries(con).iloc[0]
    assert (entry["action"], bool(entry["ok"])) == ("user_add", False)


def test_duplicate_user_and_duplicate_email_are_refused(store, con):
    store.add(con, ADMIN, "ana", "analyst", "correct horse", email="ana@example.org")
    with pytest.raises(auth.UserError, match="already exists"):
        store.add(con, ADMIN, "ana", "viewer", "other password")
    with pytest.raises(auth.UserError, match="already belongs"):
        store.add(con, ADMIN, "bob", "viewer", "other password", email="ANA@example.org")


def test_only_an_admin_changes_users(store, con):
    for actor in (VIEWER, ANALYST, None):
        with pytest.raises(PermissionDenied):
            store.add(con, actor, "eve", "admin", "correct horse")
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    with pytest.raises(PermissionDenied):
        store.remove(con, ANALYST, "ana")
    assert [u.name for u in store.users()] == ["ana"]


def test_the_last_admin_cannot_be_removed_while_others_remain(store, con):
    store.add(con, ADMIN, "root", "admin", "correct horse")
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    with pytest.raises(auth.UserError, match="last admin"):
        store.remove(con, ADMIN, "root")
    store.remove(con, ADMIN, "ana")
    store.remove(con, ADMIN, "root")
    assert not store.has_users()


def test_wrong_password_and_unknown_user_get_the_same_message(store, con):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    with pytest.raises(auth.SignInRefused) as wrong:
        store.verify(con, "ana", "wrong horse")
    with pytest.raises(auth.SignInRefused) as unknown:
        store.verify(con, "nobody", "wrong horse")
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."
    failed = audit.audit_entries(con, action="sign_in_failed")
    assert list(failed["ok"]) == [False, False]
    assert set(failed["user"].fillna("(none)")) == {"ana", "(none)"}


WAIT = "Too many failed attempts from this address: try again in {} min, or ask an administrator to unlock the account."
WRONG = "Wrong user name or password."


def answers(store, con, name, passwords, client=None) -> list[str]:
    """What each attempt is told, in order ("signed in" for a success)."""
    out = []
    for password in passwords:
        try:
            store.verify(con, name, password, client=client)
            out.append("signed in")
        except auth.SignInRefused as exc:
            out.append(str(exc))
    return out


def test_fifth_failure_in_a_row_makes_that_address_wait_even_for_the_right_password(store, con, clock):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    assert answers(store, con, "ana", [f"guess {n}" for n in range(1, 6)]) == [WRONG] * 4 + [WAIT.format(1)]
    assert store.locked_until("ana") == clock.now + timedelta(minutes=1)
    clock.advance(seconds=59)
    assert answers(store, con, "ana", ["correct horse"]) == [WAIT.format(1)]


def test_the_wait_doubles_with_each_further_failure_up_to_fifteen_minutes(store, con, clock):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    answers(store, con, "ana", ["guess"] * 5)
    waits = []
    for _ in range(6):                       # failures 6..11, each tried once the previous wait is over
        clock.advance(minutes=16)
        waits += answers(store, con, "ana", ["guess"])
    assert waits == [WAIT.format(m) for m in (2, 4, 8, 15, 15, 15)]
    clock.advance(minutes=15, seconds=1)
    assert answers(store, con, "ana", ["correct horse"]) == ["signed in"]
    assert answers(store, con, "ana", ["guess"] * 4) == [WRONG] * 4      # the success reset the count


def test_the_wait_survives_a_restart_and_ends_after_it(tmp_path, con, clock):
    first = auth.UserStore(tmp_path / "users.toml", clock=clock)
    first.add(con, ADMIN, "ana", "analyst", "correct horse")
    answers(first, con, "ana", ["guess"] * 5)
    restarted = auth.UserStore(tmp_path / "users.toml", clock=clock)   # a new process reads the sidecar
    assert answers(restarted, con, "ana", ["correct horse"]) == [WAIT.format(1)]
    clock.advance(minutes=1, seconds=1)
    assert restarted.locked_until("ana") is None
    assert restarted.verify(con, "ana", "correct horse") == Actor("ana", "analyst")


def test_a_success_resets_the_failure_count(store, con):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    answers(store, con, "ana", ["nope nope"] * 4)
    store.verify(con, "ana", "correct horse")
    assert answers(store, con, "ana", ["nope nope"] * 4) == [WRONG] * 4
    assert store.locked_until("ana") is None


def test_failures_older_than_a_day_no_longer_count(store, con, clock):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    answers(store, con, "ana", ["nope nope"] * 4)
    clock.advance(hours=24, seconds=1)
    assert answers(store, con, "ana", ["nope nope"] * 4) == [WRONG] * 4


def test_a_guesser_cannot_lock_an_administrator_out_from_another_address(store, con, clock):
    """Issue 13 item 8: guessing from one address, again and again, never stops the admin elsewhere."""
    store.add(con, ADMIN, "root", "admin", "correct horse")
    for _ in range(5):                                   # the attack, repeated as soon as each wait ends
        assert answers(store, con, "root", ["guess"] * 6, client="203.0.113.9")[-1].startswith("Too many")
        assert answers(store, con, "root", ["correct horse"], client="198.51.100.7") == ["signed in"]
        assert answers(store, con, "root", ["correct horse"]) == ["signed in"]           # this machine
        clock.advance(minutes=16)
    assert answers(store, con, "root", ["correct horse"], client="203.0.113.9") == ["signed in"]


def test_an_unknown_name_is_answered_exactly_as_a_known_one(store, con, clock, monkeypatch):
    """No user enumeration: the same messages, in the same order, and one bcrypt check per checked attempt."""
    import bcrypt

    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    checks = []
    real = bcrypt.checkpw
    monkeypatch.setattr(auth.bcrypt, "checkpw", lambda pw, h: checks.append(1) or real(pw, h))

    def run(name):
        checks.clear()
        told = answers(store, con, name, ["guess"] * 7, client="203.0.113.9")
        return told, len(checks), store._read_state()["throttle"][f"{name}\n203.0.113.9"]["failures"]

    known, unknown = run("ana"), run("nobody")
    assert known == unknown == ([WRONG] * 4 + [WAIT.format(1)] * 3, 5, 5)


def test_unlock_ends_every_wait_of_a_user_only_for_an_admin(store, con, clock):
    store.add(con, ADMIN, "ana", "analyst", "correct horse")
    store.add(con, ADMIN, "bob", "viewer", "correct horse")
    for client in ("203.0.113.9", None):
        answers(store, con, "ana", ["guess"] * 5, client=client)
    answers(store, con, "bob", ["guess"] * 5)
    with pytest.raises(PermissionDenied):
        store.unlock(con, ANALYST, "ana")
    assert store.unlock(con, ADMIN, "ana") == 2
    assert answers(store, con, "ana", ["correct horse"], client="203.0.113.9") == ["signed in"]
    assert answers(store, con, "bob", ["correct horse"]) == [WAIT.format(1)]     # only the named user
    with pytest.raises(auth.UserError, match="no user named 'nobody'"):
        store.unlock(con, ADMIN, "nobody")
    assert "user_unlock" in actions(con)


def test_email_maps_to_role_for_identity_provider_users(store, con):
    store.add(con, ADMIN, "mira", "viewer", None, email="Mira@MFA.gov.rs")
    assert store.actor_for_email("mira@mfa.gov.rs") == Actor("mira", "viewer")
    assert store.actor_for_email("other@mfa.gov.rs") is None
    assert store.actor_for_email(None) is None
    with pytest.raises(auth.SignInRefused):      # no password: identity provider only
        store.verify(con, "mira", "")


def test_sessions_expire_when_idle_and_at_the_maximum(clock):
    sessions = auth.SessionStore(idle=timedelta(minutes=30), maximum=timedelta(hours=8), clock=clock)
    token = sessions.create(Actor("ana", "analyst"))
    assert len(token) >= 40
    clock.advance(minutes=29)
    assert sessions.get(token) == Actor("ana", "analyst")
    clock.advance(minutes=31)
    assert sessions.get(token) is None
    busy = sessions.create(Actor("ana", "analyst"))
    for _ in range(16):                       # used every 29 min: never idle for 30 ...
        clock.advance(minutes=29)
        assert sessions.get(busy) == Actor("ana", "analyst")
    clock.advance(minutes=29)                 # ... but 17 x 29 min = 8 h 13 min > 8 h
    assert sessions.get(busy) is None


def test_a_session_ends_when_its_user_is_removed_and_added_again(store, con, clock):
    """Issue 13 item 7: `users remove ana1` then `users add ana1` (another process) ends ana1's session."""
    sessions = auth.SessionStore(clock=clock)      # not auth.SESSIONS: the command line runs in another process
    store.add(con, ADMIN, "ana1", "analyst", "correct horse")
    store.add(con, ADMIN, "bob", "viewer", "correct horse")
    token = sessions.create(store.verify(con, "ana1", "correct horse"), store.credential_stamp("ana1"))
    other = sessions.create(store.verify(con, "bob", "correct horse"), store.credential_stamp("bob"))
    assert sessions.check(token, store) == Actor("ana1", "analyst")
    store.remove(con, ADMIN, "ana1")
    store.add(con, ADMIN, "ana1", "analyst", "battery staple")
    assert sessions.check(token, store) is None
    assert sessions.get(token) is None                     # ended, not just refused once
    assert sessions.check(other, store) == Actor("bob", "viewer")


@pytest.mark.parametrize("change", ["password", "role", "email", "same password re-added", "removed"])
def test_a_session_ends_when_its_credentials_change(store, con, clock, change):
    sessions = auth.SessionStore(clock=clock)
    store.add(con, ADMIN, "ana1", "analyst", "correct horse")
    token = sessions.create(Actor("ana1", "analyst"), store.credential_stamp("ana1"))
    data = tomllib.loads(store.path.read_text(encoding="utf-8"))
    user = data["users"]["ana1"]
    if change == "password":                      # e.g. an administrator replacing the hash in the file
        import bcrypt
        user["hash"] = bcrypt.hashpw(b"battery staple", bcrypt.gensalt(4)).decode()
    elif change == "role":
        user["role"] = "viewer"
    elif change == "email":
        user["email"] = "ana@mfa.gov.rs"
    elif change == "same password re-added":
        store.remove(con, ADMIN, "ana1")
        store.add(con, ADMIN, "ana1", "analyst", "correct horse")
        data = None
    else:
        del data["users"]["ana1"]
    if data is not None:
        store._write(data)
    assert sessions.check(token, store) is None


def test_sign_out_and_user_removal_end_sessions(store, con, clock, monkeypatch):
    sessions = auth.SessionStore(clock=clock)
    monkeypatch.setattr(auth, "SESSIONS", sessions)
    a = sessions.create(Actor("ana", "analyst"))
    b = sessions.create(Actor("bob", "viewer"))
    sessions.end(a)
    assert sessions.get(a) is None and sessions.get("made-up") is None and sessions.get(None) is None
    store.add(con, ADMIN, "bob", "viewer", "correct horse")
    store.remove(con, ADMIN, "bob")
    assert sessions.get(b) is None


@pytest.mark.parametrize("address,allowed", [
    ("localhost", True), ("127.0.0.1", True), ("::1", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("", False), (None, False), ("dialogue.example.gov", False),
])
def test_local_mode_only_on_loopback_and_only_without_users(store, con, address, allowed):
    assert auth.local_mode_allowed(address, store) is allowed
    store.add(con, ADMIN, "ana", "admin", "correct horse")
    assert auth.local_mode_allowed(address, store) is False


def test_refusal_says_how_to_add_users():
    text = auth.local_mode_refusal("0.0.0.0")
    assert "0.0.0.0" in text and "python -m dialogue users add NAME --role admin" in text


# -- the users command line -------------------------------------------------------------------
@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    return ["--db", str(tmp_path / "cli.duckdb")]


def run_cli(args, stdin_text, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin_text))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_users_add_reads_two_lines_from_stdin(cli_env, monkeypatch, capsys, tmp_path):
    from dialogue import db
    db.connect(tmp_path / "cli.duckdb").close()          # an existing database records the change
    code, out, _ = run_cli(cli_env + ["users", "add", "ana", "--role", "analyst"],
                           "correct horse\ncorrect horse\n", monkeypatch, capsys)
    assert code == 0 and "added ana (analyst)" in out
    store = auth.UserStore()
    assert store.path == tmp_path / "users.toml"
    con = db.connect(tmp_path / "cli.duckdb")
    assert store.verify(con, "ana", "correct horse") == Actor("ana", "analyst")
    entry = audit.audit_entries(con, action="user_add").iloc[0]
    assert entry["role"] == "admin" and bool(entry["ok"])
    con.close()


def test_users_add_refuses_different_passwords(cli_env, monkeypatch, capsys):
    code, _, err = run_cli(cli_env + ["users", "add", "ana", "--role", "analyst"],
                           "correct horse\ncorrect hors\n", monkeypatch, capsys)
    assert code == 1 and "differ" in err
    assert not auth.UserStore().has_users()


def test_users_list_and_remove(cli_env, monkeypatch, capsys):
    run_cli(cli_env + ["users", "add", "ana", "--role", "analyst"], "correct horse\ncorrect horse\n",
            monkeypatch, capsys)
    run_cli(cli_env + ["users", "add", "mira", "--role", "viewer", "--email", "mira@mfa.gov.rs"], "\n\n",
            monkeypatch, capsys)
    code, out, _ = run_cli(cli_env + ["users", "list"], "", monkeypatch, capsys)
    assert code == 0
    assert out.splitlines() == ["ana\tanalyst\t-\tpassword", "mira\tviewer\tmira@mfa.gov.rs\te-mail"]
    code, out, _ = run_cli(cli_env + ["users", "remove", "ana"], "", monkeypatch, capsys)
    assert code == 0 and [u.name for u in auth.UserStore().users()] == ["mira"]
    code, _, err = run_cli(cli_env + ["users", "remove", "ana"], "", monkeypatch, capsys)
    assert code == 1 and "no user named 'ana'" in err


def test_users_unlock_from_the_command_line(cli_env, monkeypatch, capsys):
    run_cli(cli_env + ["users", "add", "root", "--role", "admin"], "correct horse\ncorrect horse\n",
            monkeypatch, capsys)
    store = auth.UserStore()
    for _ in range(5):
        with pytest.raises(auth.SignInRefused):
            store.verify(audit.PendingLog(cli_env[1]), "root", "guess", client="203.0.113.9")
    code, out, _ = run_cli(cli_env + ["users", "list"], "", monkeypatch, capsys)
    assert code == 0 and "sign-in waits until" in out and "users unlock root" in out
    code, out, _ = run_cli(cli_env + ["users", "unlock", "root"], "", monkeypatch, capsys)
    assert (code, out) == (0, "unlocked root: failed sign-ins forgotten from 1 address\n")
    assert store.locked_until("root") is None
    assert store.verify(audit.PendingLog(cli_env[1]), "root", "correct horse", client="203.0.113.9").user == "root"
    code, _, err = run_cli(cli_env + ["users", "unlock", "nobody"], "", monkeypatch, capsys)
    assert code == 1 and err == "error: no user named 'nobody'\n"


def test_users_add_through_a_real_pipe(tmp_path):
    env = {"DIALOGUE_USERS": str(tmp_path / "u.toml"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "dialogue", "--db", str(tmp_path / "p.duckdb"), "users", "add", "root",
         "--role", "admin"],
        input="correct horse\ncorrect horse\n", capture_output=True, text=True, env=env, cwd=config.ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert tomllib.loads((tmp_path / "u.toml").read_text())["users"]["root"]["role"] == "admin"


def test_terminal_password_prompt_uses_getpass(monkeypatch):
    answers = iter(["correct horse", "correct horse"])
    monkeypatch.setattr(commands_admin.getpass, "getpass", lambda prompt: next(answers))

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert commands_admin.read_new_password("ana", Tty("")) == "correct horse"


def test_users_add_before_any_database_exists_creates_none(tmp_path, monkeypatch, capsys):
    """The first admin is often added before the first `make run`: no empty database may appear."""
    from dialogue import db

    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    path = tmp_path / "later.duckdb"
    code, _, _ = run_cli(["--db", str(path), "users", "add", "root", "--role", "admin"],
                         "correct horse\ncorrect horse\n", monkeypatch, capsys)
    assert code == 0 and not path.exists()
    con = db.connect(path)                      # the dashboard's first run, later
    assert audit.import_pending(con, path) == 1
    entry = audit.audit_entries(con).iloc[0]
    assert (entry["action"], entry["role"], bool(entry["ok"])) == ("user_add", "admin", True)
    con.close()


# -- the launcher: local mode never starts on a public address -------------------------------------
def test_serve_refuses_to_start_without_users_on_a_public_address(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(config.ROOT), "DIALOGUE_USERS": str(tmp_path / "none.toml")}
    done = subprocess.run([sys.executable, "-m", "dialogue", "serve", "--address", "0.0.0.0"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "0.0.0.0" in done.stderr and "python -m dialogue users add NAME --role admin" in done.stderr
    assert "You can now view" not in done.stdout                     # streamlit never started


@pytest.mark.parametrize("argv", [["serve", "--address", "192.168.1.5"],
                                  ["serve", "--", "--server.address", "0.0.0.0"],
                                  ["serve", "--", "--server.address=::"]])
def test_serve_sees_the_address_however_it_is_given(tmp_path, monkeypatch, capsys, argv):
    from dialogue import commands_serve

    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "none.toml"))
    started = []
    monkeypatch.setattr(commands_serve.os, "execv", lambda *a: started.append(a))
    assert main(argv) == 1 and not started
    assert "users add" in capsys.readouterr().err


def test_serve_checks_the_environment_and_config_toml(monkeypatch):
    from dialogue import commands_serve

    assert commands_serve.configured_address(None, {}) == "localhost"            # the committed config.toml
    assert commands_serve.configured_address(None, {"STREAMLIT_SERVER_ADDRESS": "0.0.0.0"}) == "0.0.0.0"
    assert commands_serve.configured_address("127.0.0.1", {"STREAMLIT_SERVER_ADDRESS": "0.0.0.0"}) == "127.0.0.1"


def test_serve_runs_streamlit_on_loopback_without_users_or_anywhere_with_users(tmp_path, monkeypatch, con):
    from dialogue import commands_serve

    monkeypatch.chdir(tmp_path)                    # serve moves to the project root; restored afterwards
    monkeypatch.setenv("DIALOGUE_USERS", "users.toml")                # relative: made absolute before the move
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    started = []
    monkeypatch.setattr(commands_serve.os, "execv", lambda path, argv: started.append(argv))
    assert main(["serve", "--port", "8599"]) == 0                                 # localhost from config.toml
    assert started[-1][1:] == ["-m", "pages.ui.start", "run", str(config.ROOT / "app.py"), "--server.port", "8599"]
    auth.UserStore(tmp_path / "users.toml").add(con, ADMIN, "root", "admin", "correct horse")
    assert main(["serve", "--address", "0.0.0.0"]) == 0
    assert started[-1][-2:] == ["--server.address", "0.0.0.0"]
    assert os.environ["DIALOGUE_USERS"] == str(tmp_path / "users.toml")


def test_identity_provider_sign_in_has_its_libraries():
    from streamlit.auth_util import is_authlib_installed

    assert is_authlib_installed(), "st.login needs Authlib >= 1.3.2 (pinned in requirements.txt)"
    pins = (config.ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(p.startswith("Authlib==") for p in pins) and any(p.startswith("httpx==") for p in pins)


def test_the_users_file_is_parsed_again_only_after_it_changed_and_a_change_elsewhere_is_seen_at_once(
        store, con, clock, monkeypatch):
    store.add(con, ADMIN, "ana", "analyst", "correct horse battery")
    parsed = []
    real = tomllib.loads
    monkeypatch.setattr(auth.tomllib, "loads", lambda text: parsed.append(1) or real(text))
    assert store.has_users() and store.get("ana").role == "analyst"
    stamp = store.credential_stamp("ana")
    assert len(parsed) <= 1                              # read once (or not at all: unchanged since the add)
    before = len(parsed)
    store._read()["users"]["ana"]["role"] = "admin"      # a caller's copy: the cache is not changed through it
    assert store.get("ana").role == "analyst" and len(parsed) == before
    other = auth.UserStore(store.path, clock=clock)      # the command line, say: another store, same file
    other.remove(con, ADMIN, "ana")
    assert store.get("ana") is None and store.credential_stamp("ana") is None    # seen by the next call
    assert len(parsed) == before + 1
    other.add(con, ADMIN, "ana", "analyst", "correct horse battery")
    assert store.credential_stamp("ana") not in (None, stamp)     # re-added: a new stamp, old sessions end
