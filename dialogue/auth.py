"""Who may sign in: the users file (bcrypt hashes, roles, e-mails), growing waits after failures, sessions."""
from __future__ import annotations

import contextlib
import copy
import fcntl
import functools
import hashlib
import json
import os
import re
import secrets
import threading
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

import bcrypt
import tomli_w

from dialogue import audit, files, strict_json
from dialogue.coded import Coded
from dialogue.config import ROOT
from dialogue.db import utcnow
from dialogue.i18n import t
from dialogue.roles import ROLES, Actor, require

DEFAULT_USERS_FILE = ROOT / ".streamlit" / "users.toml"
MAX_FAILURES = 5                        # failures in a row for one name from one address before a wait
FIRST_WAIT = timedelta(minutes=1)       # the wait after the fifth failure; it doubles with every further one
MAX_WAIT = timedelta(minutes=15)        # ... up to this; an administrator's `users unlock` ends it at once
FORGET_AFTER = timedelta(hours=24)      # failures this old no longer count
MAX_THROTTLE_ENTRIES = 10_000           # (name, address) pairs remembered; the oldest go first
LOCAL_CLIENT = "local"                  # the address of a client Streamlit does not name (this machine)
SESSION_IDLE = timedelta(minutes=30)    # a session ends after this long without a page run
SESSION_MAX = timedelta(hours=8)        # and in any case this long after sign-in
BCRYPT_ROUNDS = 12                      # about 0.2 s per check on this machine; tests lower it
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72                 # bcrypt looks at the first 72 bytes only; refuse longer
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
LOCAL_USER = "local"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ADD_USER_HINT = (
    "Add a user first:  python -m dialogue users add NAME --role admin   "
    "(the users file is $DIALOGUE_USERS, default .streamlit/users.toml)"
)


@functools.cache
def _dummy_hash(rounds: int) -> bytes:
    """Checked for unknown names too, so a wrong name takes as long as a wrong password."""
    return bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds))


class UserError(Coded, ValueError):
    """A users command that cannot be done (bad name, duplicate, weak password...)."""


class SignInRefused(Exception):
    """Sign-in did not succeed; the message is safe to show to the person signing in (str() is English)."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def text(self, lang: str) -> str:
        """The message in the reader's language."""
        return t(self.key, lang, **self.params)


def users_path() -> Path:
    """The users file: $DIALOGUE_USERS, else .streamlit/users.toml (git-ignored)."""
    env = os.environ.get("DIALOGUE_USERS")
    return Path(env) if env else DEFAULT_USERS_FILE


@dataclass(frozen=True)
class User:
    name: str
    role: str
    email: str | None
    has_password: bool
    created: str


_PARSED: dict[str, tuple[tuple, dict]] = {}     # users file -> ((inode, mtime_ns, size), its parsed content)
_PARSED_LOCK = threading.Lock()


class UserStore:
    """The users file and its lockout sidecar (<users file>.state.json), safe across processes."""

    def __init__(self, path: str | os.PathLike | None = None, clock: Callable[[], datetime] = utcnow):
        self.path = Path(path) if path else users_path()
        self.state_path = self.path.with_name(self.path.name + ".state.json")
        self.clock = clock
        self._lock = threading.RLock()

    # -- files ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self):
        """An exclusive lock (threads and processes) around read-modify-write of both files."""
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_name(self.path.name + ".lock"), "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def _read(self) -> dict:
        """The users file as a dict of its own (callers may change it), parsed again only when the file changed.

        Every script run asks who is signed in, several times: parsing the file each time cost a busy server
        a fifth of its time. A change by this process or the command line replaces the file (a new inode,
        see _atomic_write), and any edit moves its modification time: either makes the next call read it.
        """
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {"users": {}}
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        key = str(self.path)
        with _PARSED_LOCK:
            hit = _PARSED.get(key)
        if hit is None or hit[0] != seen:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
            data.setdefault("users", {})
            hit = (seen, data)
            with _PARSED_LOCK:
                _PARSED[key] = hit
        return copy.deepcopy(hit[1])

    def _write(self, data: dict) -> None:
        _atomic_write(self.path, "# Dialogue Monitor users: managed by `python -m dialogue users`. "
                      "Keep out of git.\n" + tomli_w.dumps(data))

    def _read_state(self) -> dict:
        try:
            return json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:      # a damaged sidecar must not lock everyone out or unlock anyone
            return {}

    def _write_state(self, state: dict) -> None:
        _atomic_write(self.state_path, strict_json.dumps(state, indent=1, sort_keys=True))

    # -- reading -------------------------------------------------------------------------
    def users(self) -> list[User]:
        out = []
        for name, u in sorted(self._read()["users"].items()):
            out.append(User(name, u["role"], u.get("email"), bool(u.get("hash")), u.get("created", "")))
        return out

    def has_users(self) -> bool:
        return bool(self._read()["users"])

    def get(self, name: str) -> User | None:
        return next((u for u in self.users() if u.name == name), None)

    def actor_for_email(self, email: str | None) -> Actor | None:
        """The actor for an identity-provider e-mail (case-insensitive), None when not mapped."""
        if not email:
            return None
        wanted = email.strip().lower()
        for u in self.users():
            if u.email and u.email.strip().lower() == wanted:
                return Actor(u.name, u.role)
        return None

    def credential_stamp(self, name: str) -> str | None:
        """A fingerprint of the user's credentials (None when there is no such user).

        It changes when the user is removed and added again (a new random stamp), or gets a new
        password, role or e-mail: a session started under another stamp ends (SessionStore.check).
        """
        u = self._read()["users"].get(name)
        if u is None:
            return None
        parts = [name, u.get("stamp", ""), u["role"], u.get("hash", ""), u.get("email", "")]
        return hashlib.sha256(strict_json.dumps(parts).encode("utf-8")).hexdigest()

    def locked_until(self, name: str) -> datetime | None:
        """The latest moment some address must wait until before trying this name again (None: no wait)."""
        now = self.clock()
        waits = [datetime.fromisoformat(e["wait_until"]) for e in self._throttle(self._read_state()).values()
                 if e.get("name") == name and e.get("wait_until")]
        later = [w for w in waits if w > now]
        return max(later) if later else None

    @staticmethod
    def _throttle(state: dict) -> dict:
        throttle = state.get("throttle")
        return throttle if isinstance(throttle, dict) else {}

    # -- changes (admin only, audited) ---------------------------------------------------
    def add(self, con, actor: Actor, name: str, role: str, password: str | None,
            email: str | None = None) -> User:
        """Add a user; a password of None or "" allowed only with an e-mail (identity-provider sign-in only)."""
        require(actor, "manage_users")
        try:
            _check_new_user(name, role, password, email)
            with self._locked():
                data = self._read()
                if name in data["users"]:
                    raise UserError("user_exists", name=name)
                if email and any((u.get("email") or "").lower() == email.lower()
                                 for u in data["users"].values()):
                    raise UserError("user_email_taken", email=email)
                entry = {"role": role, "created": self.clock().isoformat(timespec="seconds"),
                         "stamp": secrets.token_urlsafe(12)}      # a re-added user is a new user
                if password:
                    entry["hash"] = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
                if email:
                    entry["email"] = email
                data["users"][name] = entry
                self._write(data)
        except UserError as exc:
            audit.record(con, actor, "user_add", {"name": name, "role": role, "error": str(exc)}, ok=False)
            raise
        audit.record(con, actor, "user_add", {"name": name, "role": role, "email": email}, ok=True)
        return self.get(name)

    def remove(self, con, actor: Actor, name: str) -> None:
        require(actor, "manage_users")
        with self._locked():
            data = self._read()
            if name not in data["users"]:
                audit.record(con, actor, "user_remove", {"name": name, "error": "no such user"}, ok=False)
                raise UserError("user_unknown", name=name)
            admins = [n for n, u in data["users"].items() if u["role"] == "admin"]
            if admins == [name] and len(data["users"]) > 1:
                audit.record(con, actor, "user_remove", {"name": name, "error": "last admin"}, ok=False)
                raise UserError("user_last_admin", name=name)
            del data["users"][name]
            self._write(data)
            self._forget_failures(name)
        SESSIONS.end_user(name)
        audit.record(con, actor, "user_remove", {"name": name}, ok=True)

    def unlock(self, con, actor: Actor, name: str) -> int:
        """End every wait and forget every failure for a user, from every address; returns the addresses cleared."""
        require(actor, "manage_users")
        with self._locked():
            if name not in self._read()["users"]:
                audit.record(con, actor, "user_unlock", {"name": name, "error": "no such user"}, ok=False)
                raise UserError("user_unknown", name=name)
            cleared = self._forget_failures(name)
        audit.record(con, actor, "user_unlock", {"name": name, "addresses": cleared}, ok=True)
        return cleared

    def _forget_failures(self, name: str) -> int:
        """Drop a name's throttle entries (inside _locked); returns how many there were."""
        state = self._read_state()
        throttle = self._throttle(state)
        keys = [k for k, e in throttle.items() if e.get("name") == name]
        for k in keys:
            del throttle[k]
        if keys:
            self._write_state({**state, "throttle": throttle})
        return len(keys)

    # -- sign-in -------------------------------------------------------------------------
    def verify(self, con, name: str, password: str, client: str | None = None) -> Actor:
        """The actor when name and password match; SignInRefused otherwise.

        Failures are counted per name and client address (`client`, None for an address the server
        does not know): after MAX_FAILURES in a row that address waits FIRST_WAIT, doubling with each
        further failure up to MAX_WAIT, so guessing stays slow while nobody can lock a user out from
        every address. An unknown name goes through exactly the same steps (a bcrypt check against a
        dummy hash, a counted failure, the same messages): the answers never tell which names exist.
        """
        name = (name or "").strip()[:64]
        client = client[:64] if isinstance(client, str) and client else LOCAL_CLIENT
        key = f"{name}\n{client}"
        with self._locked():
            user = self._read()["users"].get(name)
            state = self._read_state()
            throttle = self._throttle(state)
            now = self.clock()
            entry = _current(throttle.get(key), now)
            who = Actor(name, user["role"]) if user else None
            detail = {"name": name, "client": client}
            wait_until = entry.get("wait_until")
            if wait_until and datetime.fromisoformat(wait_until) > now:
                audit.record(con, who, "sign_in_failed", {**detail, "reason": "waiting"}, ok=False)
                raise SignInRefused("auth_wait", minutes=_minutes_left(datetime.fromisoformat(wait_until) - now))
            ok = _check_password(password, user.get("hash") if user else None)
            if ok:
                if throttle.pop(key, None) is not None:
                    self._write_state({**state, "throttle": throttle})
            else:
                failures = int(entry.get("failures", 0)) + 1
                entry = {"name": name, "client": client, "failures": failures, "last": now.isoformat()}
                wait = _wait_after(failures)
                if wait:
                    entry["wait_until"] = (now + wait).isoformat()
                throttle[key] = entry
                self._write_state({**state, "throttle": _pruned(throttle, now)})
                audit.record(con, who, "sign_in_failed",
                             {**detail, "reason": "wrong password" if user else "unknown user",
                              "failures": failures, "wait_s": int(wait.total_seconds()) if wait else 0}, ok=False)
                if wait:
                    raise SignInRefused("auth_wait", minutes=_minutes_left(wait))
                raise SignInRefused("auth_wrong")
        audit.record(con, who, "sign_in", {"method": "password", "client": client}, ok=True)
        return who


# -- sessions ---------------------------------------------------------------------------------
@dataclass
class _Session:
    actor: Actor
    started: datetime
    last_seen: datetime
    stamp: str | None          # the user's credential stamp at sign-in (UserStore.credential_stamp)


class SessionStore:
    """Server-side sessions: an unguessable token maps to the actor; idle and absolute expiry."""

    def __init__(self, idle: timedelta = SESSION_IDLE, maximum: timedelta = SESSION_MAX,
                 clock: Callable[[], datetime] = utcnow):
        self.idle, self.maximum, self.clock = idle, maximum, clock
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()

    def create(self, actor: Actor, stamp: str | None = None) -> str:
        """A new session for a signed-in actor, bound to the user's credential stamp (read now if not given)."""
        if stamp is None:
            stamp = UserStore().credential_stamp(actor.user)
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._purge(now)
            self._sessions[token] = _Session(actor, now, now, stamp)
        return token

    def get(self, token: str | None) -> Actor | None:
        """The actor of a live session (and mark it used), None when unknown or expired."""
        s = self._live(token)
        return s.actor if s else None

    def check(self, token: str | None, store: "UserStore") -> Actor | None:
        """The actor of a live session whose user still has the credentials it signed in with; else end it.

        Called on every run: a user removed (and perhaps added again), or given a new password, role
        or e-mail since sign-in, by this server or by the command line, is signed out at once.
        """
        s = self._live(token)
        if s is None:
            return None
        if s.stamp is None or store.credential_stamp(s.actor.user) != s.stamp:
            self.end(token)
            return None
        return s.actor

    def _live(self, token: str | None) -> _Session | None:
        if not token:
            return None
        now = self.clock()
        with self._lock:
            s = self._sessions.get(token)
            if s is None:
                return None
            if now - s.last_seen > self.idle or now - s.started > self.maximum:
                del self._sessions[token]
                return None
            s.last_seen = now
            return s

    def end(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def end_user(self, name: str) -> None:
        """End every session of a user (after removal)."""
        with self._lock:
            for token in [t for t, s in self._sessions.items() if s.actor.user == name]:
                del self._sessions[token]

    def _purge(self, now: datetime) -> None:
        for token in [t for t, s in self._sessions.items()
                      if now - s.last_seen > self.idle or now - s.started > self.maximum]:
            del self._sessions[token]


SESSIONS = SessionStore()


# -- local mode -------------------------------------------------------------------------------
def is_loopback(server_address: str | None) -> bool:
    """True only for addresses reachable from this machine alone (unset means every interface)."""
    return (server_address or "").strip().lower() in LOOPBACK


def local_mode_allowed(server_address: str | None, store: UserStore | None = None) -> bool:
    """Single-user local admin mode: only with no users configured and a loopback listen address."""
    store = store or UserStore()
    return not store.has_users() and is_loopback(server_address)


def local_actor() -> Actor:
    """The single user of local mode (no users configured, loopback only): an admin."""
    return Actor(LOCAL_USER, "admin")


def addresses_text(n: int, lang: str = "en") -> str:
    """'1 address', '3 addresses'; in Serbian the genitive after 'sa': 1 adrese, 2 adrese, 5 adresa."""
    from dialogue.reasons import serbian_plural, word

    if lang == "en":
        return f"{n} address" if n == 1 else f"{n} addresses"
    return word(f"{n} {serbian_plural(n, 'adrese', 'adrese', 'adresa')}", lang)


def local_mode_refusal(server_address: str | None, lang: str = "en") -> str:
    """Why the dashboard will not start without users on this address, and what to do (in `lang`)."""
    shown = server_address or t("serve_every_interface", lang)
    return t("serve_local_refused", lang, address=shown)


# -- helpers ----------------------------------------------------------------------------------
def _check_new_user(name: str, role: str, password: str | None, email: str | None) -> None:
    if not NAME_PATTERN.match(name or ""):
        raise UserError("user_bad_name", name=name)
    if name == LOCAL_USER:
        raise UserError("user_reserved", name=LOCAL_USER)
    if role not in ROLES:
        raise UserError("user_bad_role", role=role, roles=", ".join(ROLES))
    if email is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        raise UserError("user_bad_email", email=email)
    if not password:
        if not email:
            raise UserError("user_needs_password")
        return
    if len(password) < MIN_PASSWORD:
        raise UserError("user_short_password", n=MIN_PASSWORD)
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UserError("user_long_password", n=MAX_PASSWORD_BYTES)


def _check_password(password: str | None, hashed: str | None) -> bool:
    data = (password or "").encode("utf-8")
    if not hashed or not data or len(data) > MAX_PASSWORD_BYTES:
        bcrypt.checkpw(b"x", _dummy_hash(BCRYPT_ROUNDS))   # same work either way
        return False
    return bcrypt.checkpw(data, hashed.encode("ascii"))


def _minutes_left(delta: timedelta) -> int:
    return max(1, -(-int(delta.total_seconds()) // 60))


def _wait_after(failures: int) -> timedelta | None:
    """How long an address waits after its n-th failure in a row: none before MAX_FAILURES, then doubling."""
    if failures < MAX_FAILURES:
        return None
    return min(FIRST_WAIT * 2 ** min(failures - MAX_FAILURES, 20), MAX_WAIT)


def _current(entry: dict | None, now: datetime) -> dict:
    """A throttle entry, or an empty one when its last failure is older than FORGET_AFTER."""
    if not entry or not entry.get("last") or now - datetime.fromisoformat(entry["last"]) > FORGET_AFTER:
        return {}
    return entry


def _pruned(throttle: dict, now: datetime) -> dict:
    """The throttle without forgotten entries, and at most MAX_THROTTLE_ENTRIES: the most failures first, then
    the newest, so a flood of made-up names cannot push out the count of an address that keeps guessing."""
    kept = {k: e for k, e in throttle.items() if _current(e, now)}
    if len(kept) > MAX_THROTTLE_ENTRIES:
        newest = sorted(kept, key=lambda k: (kept[k]["failures"], kept[k]["last"]),
                        reverse=True)[:MAX_THROTTLE_ENTRIES]
        kept = {k: kept[k] for k in newest}
    return kept


def _atomic_write(path: Path, text: str) -> None:
    """Write a file so readers see the old or the new text, never half; owner-only permissions."""
    files.write_text(path, text, private=True)
