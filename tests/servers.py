"""One way for the browser tests to start `streamlit run` on a free loopback port and wait until it is healthy."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from benchmarks.browser import free_port, streamlit_flags   # the benchmark's servers run the same way

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
HEALTH_POLL = 0.1          # seconds between health checks: a server is usually up in 2-4 s


class ServerDidNotStart(RuntimeError):
    """The server exited or never answered its health check; the message ends with its log."""


def _log_tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-chars:] if log.exists() else "(no log)"


def wait_healthy(proc: subprocess.Popen, url: str, log: Path, timeout: float) -> None:
    """Return once `url`'s health check answers; raise ServerDidNotStart if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerDidNotStart(f"the server exited with {proc.returncode}: {_log_tail(log)}")
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return
        except OSError:
            time.sleep(HEALTH_POLL)
    raise ServerDidNotStart(f"the server did not answer its health check in {timeout:.0f} s: {_log_tail(log)}")


@contextlib.contextmanager
def streamlit_server(log: Path, env: dict[str, str] | None = None, app: Path = APP,
                     timeout: float = 120.0) -> Iterator[str]:
    """`streamlit run app` headless on 127.0.0.1 (no file watcher, no usage stats); yields its base URL.

    `env` is added to this process's environment (PYTHONPATH is the repository); a value of None removes the
    variable. The server's output goes to `log`; it is stopped (terminated, then killed) on exit.
    """
    full_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, value in (env or {}).items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), *streamlit_flags(port)],
            cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(proc, url, log, timeout)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
