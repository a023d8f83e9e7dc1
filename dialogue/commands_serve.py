"""`python -m dialogue serve`: start the dashboard, but never in local mode (no sign-in) on a public address.

Streamlit has no pre-start hook, so `make run` goes through this check and then becomes `streamlit run
app.py` (through pages/ui/start.py, which prepares the first visit while the server starts). The router (app.py) refuses per page as well, for anyone who runs streamlit directly.
"""
from __future__ import annotations

import os
import sys
import tomllib

from dialogue import auth, config
from dialogue.commands_common import lang_of, warn_line

APP = config.ROOT / "app.py"
CONFIG_FILES = (config.ROOT / ".streamlit" / "config.toml",)


def configured_address(cli_address: str | None, environ=os.environ) -> str | None:
    """The address Streamlit will listen on: the flag, then STREAMLIT_SERVER_ADDRESS, then config.toml."""
    if cli_address:
        return cli_address
    if environ.get("STREAMLIT_SERVER_ADDRESS"):
        return environ["STREAMLIT_SERVER_ADDRESS"]
    for path in CONFIG_FILES:
        try:
            address = tomllib.loads(path.read_text(encoding="utf-8")).get("server", {}).get("address")
        except FileNotFoundError:
            continue
        if address:
            return address
    return None                                   # unset: Streamlit listens on every interface


def streamlit_command(args) -> list[str]:
    """`streamlit run app.py` through pages/ui/start.py, which builds the database and imports the pages meanwhile."""
    command = [sys.executable, "-m", "pages.ui.start", "run", str(APP)]
    if args.address:
        command += ["--server.address", args.address]
    if args.port:
        command += ["--server.port", str(args.port)]
    return command + list(args.extra or [])


def address_in(extra: list[str]) -> str | None:
    """A --server.address given among the extra streamlit options (the last one wins, as in Streamlit)."""
    found = None
    for i, word in enumerate(extra):
        if word.startswith("--server.address="):
            found = word.split("=", 1)[1]
        elif word == "--server.address" and i + 1 < len(extra):
            found = extra[i + 1]
    return found


def cmd_serve(args) -> int:
    """Refuse (exit 1, saying how to add users) when no users exist and the address is not loopback; else run."""
    address = configured_address(address_in(list(args.extra or [])) or args.address)
    store = auth.UserStore()
    if not store.has_users() and not auth.is_loopback(address):
        warn_line(args, auth.local_mode_refusal(address, lang_of(args)))
        return 1
    command = streamlit_command(args)
    for name in ("DIALOGUE_DB", "DIALOGUE_USERS"):   # paths given relative to where the command was typed
        if os.environ.get(name):
            os.environ[name] = os.path.abspath(os.environ[name])
    os.chdir(config.ROOT)                         # Streamlit reads ./.streamlit/config.toml: the one checked above
    sys.stdout.flush()
    os.execv(command[0], command)                 # replaces this process; returns only in tests
    return 0
