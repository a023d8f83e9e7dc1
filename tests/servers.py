"""One way for the browser tests to start `streamlit run` on a free loopback port and wait until it is healthy:
the benchmark's (benchmarks/browser.py), so tests and benchmarks serve the same way."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from benchmarks.browser import ServerDidNotStart, free_port, served, streamlit_command

__all__ = ["APP", "ROOT", "ServerDidNotStart", "streamlit_server"]

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


@contextlib.contextmanager
def streamlit_server(log: Path, env: dict[str, str] | None = None, app: Path = APP,
                     timeout: float = 120.0) -> Iterator[str]:
    """`streamlit run app` headless on 127.0.0.1 (no file watcher, no usage stats); yields its base URL.

    `env` is added to this process's environment (PYTHONPATH is the repository); a value of None removes the
    variable. The server's output goes to `log`; it is stopped (terminated, then killed) on exit.
    """
    port = free_port()
    with served(streamlit_command(app, port), port, {"PYTHONPATH": str(ROOT), **(env or {})}, ROOT, log,
                timeout=timeout) as server:
        yield server.url
