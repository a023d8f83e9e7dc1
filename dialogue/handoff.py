"""The command line beside a running dashboard: the server owns the database, a command hands its work to it.

DuckDB lets one process hold a database file. While the dashboard holds it, a command that finds the file
locked sends its parsed options through a UNIX socket next to the database (mode 0600, and the server
answers only peers of its own operating-system user); the dashboard runs the very same command function
in its own process, on its own connection (dialogue.db.connect hands out a cursor of it), and sends back
the exit code, stdout and stderr. Writes stay serialised by db.write_lock, so nothing is lost or mixed.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import socket
import struct
import sys
import threading
from pathlib import Path

from dialogue import strict_json
from dialogue.coded import said

# Verbs that replace the database file or are the server itself: never run inside the dashboard.
NOT_HANDED_OFF = ("init", "restore", "serve")
# Options that name files: made absolute by the command before it hands them over (the server's folder differs).
PATH_OPTIONS = ("file", "out", "dir", "db")
MAX_REQUEST = 1 << 20                   # bytes of options a command sends
MAX_REPLY = 1 << 30                     # bytes of output the dashboard sends back
TIMEOUT_SECONDS = 600.0

_servers: dict[str, threading.Thread] = {}
_servers_lock = threading.Lock()
_one_command = threading.Lock()          # one handed-off command at a time (they share the process's streams)
_captured = threading.local()


def socket_path(db_file: str | os.PathLike) -> Path:
    """Where the dashboard holding `db_file` listens: beside it, hidden."""
    db_file = Path(db_file).resolve()
    return db_file.with_name(f".{db_file.name}.sock")


# ---- the dashboard's side -----------------------------------------------------------------------------
class _ThreadStreams(io.TextIOBase):
    """sys.stdout / sys.stderr that write to a handed-off command's buffer on its thread, else where they did."""

    def __init__(self, name: str, original):
        self._name, self._original = name, original

    def write(self, text: str) -> int:
        buffers = getattr(_captured, "buffers", None)
        return buffers[self._name].write(text) if buffers else self._original.write(text)

    def flush(self) -> None:
        if not getattr(_captured, "buffers", None):
            self._original.flush()

    def __getattr__(self, name):
        return getattr(self._original, name)


def serve(db_file: str | os.PathLike) -> Path | None:
    """Start (once per database and process) the thread that runs commands handed over; its socket, or None
    when another live process already listens there or the path cannot hold a socket."""
    path = socket_path(db_file)
    with _servers_lock:
        running = _servers.get(str(path))
        if running is not None and running.is_alive():
            return path
        listener = _listen(path)
        if listener is None:
            return None
        thread = threading.Thread(target=_accept, args=(listener,), name="dialogue-command-handoff", daemon=True)
        _servers[str(path)] = thread
        thread.start()
    return path


def _listen(path: Path) -> socket.socket | None:
    if path.exists():
        if _answers(path):
            return None                       # a live dashboard of another process owns it
        path.unlink(missing_ok=True)          # left by a dashboard that stopped
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)                     # created 0600: only this operating-system user may connect
    try:
        listener.bind(str(path))
    except OSError:                           # e.g. a path longer than a socket address allows
        listener.close()
        return None
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    listener.listen(8)
    return listener


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
            return True
        except OSError:
            return False


def _accept(listener: socket.socket) -> None:
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=_answer, args=(conn,), name="dialogue-command", daemon=True).start()


def _peer_uid(conn: socket.socket) -> int:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _answer(conn: socket.socket) -> None:
    with conn:
        lang = "en"
        try:
            request = json.loads(_receive(conn))
            lang = request.get("args", {}).get("lang") or "en"     # refusals too speak the command's language
            if _peer_uid(conn) != os.getuid():
                reply = _refusal(said("handoff_other_user"), lang)
            else:
                reply = run_request(request)
        except Exception as exc:  # noqa: BLE001 - the answer says what went wrong; the server keeps serving
            reply = _refusal(said("handoff_failed", why=exc), lang)
        conn.sendall(strict_json.dumps(reply, ensure_ascii=False).encode("utf-8"))


def _refusal(message, lang: str = "en", code: int = 1) -> dict:
    """A reply that runs nothing: `error: message` on stderr, in the command's language."""
    return {"code": code, "stdout": "", "stderr": said("cli_error", message=message).text(lang) + "\n"}


def _receive(conn: socket.socket, limit: int = MAX_REQUEST) -> str:
    chunks, size = [], 0
    while chunk := conn.recv(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ValueError("message too large")
    return b"".join(chunks).decode("utf-8")


def run_request(request: dict) -> dict:
    """Run one handed-off command here, as `python -m dialogue` would: exit code, stdout and stderr."""
    from dialogue import cli

    args = argparse.Namespace(**request["args"])
    if args.verb in NOT_HANDED_OFF:
        return _refusal(said("handoff_refused_verb", verb=args.verb), getattr(args, "lang", None) or "en", code=2)
    buffers = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    with _one_command:
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _ThreadStreams("stdout", streams[0]), _ThreadStreams("stderr", streams[1])
        _captured.buffers = buffers
        try:
            code = cli.run(args)
        finally:
            _captured.buffers = None
            sys.stdout, sys.stderr = streams
    return {"code": code, "stdout": buffers["stdout"].getvalue(), "stderr": buffers["stderr"].getvalue()}


# ---- the command's side -------------------------------------------------------------------------------
def hand_off(args, db_file: str | os.PathLike) -> int | None:
    """Run `args` in the dashboard holding `db_file`; its exit code (its output printed here), or None when
    no dashboard listens for this database."""
    if args.verb in NOT_HANDED_OFF:
        return None
    path = socket_path(db_file)
    if not path.exists():
        return None
    fields = dict(vars(args))
    for name in PATH_OPTIONS:
        if fields.get(name):
            fields[name] = os.path.abspath(fields[name])
    fields["db"] = str(Path(db_file).resolve())
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(TIMEOUT_SECONDS)
        try:
            conn.connect(str(path))
        except OSError:
            return None
        conn.sendall(strict_json.dumps({"args": fields}, ensure_ascii=False).encode("utf-8"))
        conn.shutdown(socket.SHUT_WR)
        reply = json.loads(_receive(conn, MAX_REPLY))
    sys.stdout.write(reply["stdout"])
    sys.stderr.write(reply["stderr"])
    return int(reply["code"])
