"""A Streamlit server and a headless Chromium that times what a person waits for: shared by the browser benchmark.

When is a page "done"? Every action is timed from the user's action (the pointerdown of a click, or the keydown of
Enter, as the page itself saw it) until the page holds still, meaning all of: the server has said the script run
finished (its `script_finished` message reached the browser), Streamlit's running indicator is gone, every chart
that is laid out (anywhere on the page, below the fold included) has drawn its canvas or svg, and nothing in the
DOM (elements, attributes, text; a chart's canvas resizing included) has changed for QUIET_MS. Charts in a closed
tab or a folded expander are not laid out, so they are not waited for (Streamlit builds them only when opened, or
draws them hidden). Two figures come out of one wait:

- **whole page** (`Settled.whole`): the action until the last DOM change anywhere (below the fold included);
- **usable** (`Settled.usable`, the first viewport, 1366×768): the action until the later of the server's last
  message and the last DOM change whose element, once the page holds still, has a box intersecting the first
  viewport (the main area scrolled to its top, and the sidebar). A change is placed by its MutationRecord's target
  (the parent, for added or removed nodes; the parent element, for text), so a change below the fold whose
  container reaches into the viewport counts as in view (never the other way round). A chart counts when its own
  container is in view: its canvas or svg appearing is then an in-view change, so every chart within the first
  viewport is drawn. Changes inside a canvas (its fallback content: the data grid's accessibility table, written
  about 200-300 ms after the grid is drawn, never painted) are not in view; the canvas's own size is.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 768}
QUIET_MS = 300.0        # the DOM unchanged this long (after the run finished) = the page holds still
POLL_S = 0.03

# Installed before any page script: the time of the last DOM change, and of the armed user action.
WATCH_JS = """
(() => {
  const b = window.__bench = {last: 0, t0: null, armed: null, msg: 0};
  // the last message from the server: what came before it is the server's share, after it the browser's
  window.WebSocket = class extends window.WebSocket {
    constructor(...args) { super(...args); this.addEventListener('message', () => { b.msg = performance.now(); }); }
  };
  // every DOM change, with the elements it touched (placed in or out of the first viewport once still)
  b.log = [];
  new MutationObserver((records) => {
    b.last = performance.now();
    b.log.push([b.last, records.map(r => ({el: r.target.nodeType === 1 ? r.target : r.target.parentElement,
                                            inside: r.target.nodeName === 'CANVAS' && r.type === 'childList'}))]);
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const hit = (e) => {
    const a = b.armed;
    if (a && e.type === a.type && (!a.key || e.key === a.key)) { b.t0 = performance.now(); b.armed = null; b.log = []; }
  };
  for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, hit, true);
})();
"""
STATE_JS = """
() => {
  const b = window.__bench || {last: 0, t0: null};
  const laid = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].filter(c => c.getClientRects().length);
  return {t0: b.t0, last: b.last, msg: b.msg, now: performance.now(), origin: performance.timeOrigin,
          running: !!document.querySelector('[data-testid=stStatusWidget]'),
          charts: laid.length, drawn: laid.every(c => c.querySelector('canvas, svg')),
          error: !!document.querySelector('[data-testid=stException]')};
}
"""
# The last DOM change whose element is in the first viewport (see the module's docstring), 0 when none.
IN_VIEW_JS = """
() => {
  const b = window.__bench, w = window.innerWidth, h = window.innerHeight;
  const seen = (el) => {
    if (!el || !el.isConnected || el.closest('canvas') && el.nodeName !== 'CANVAS') return false;
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && r.top < h && r.bottom > 0 && r.left < w && r.right > 0;
  };
  let last = 0;
  for (const [at, changes] of b.log || []) {
    if (at > last && changes.some(c => !c.inside && seen(c.el))) last = at;
  }
  return last;
}
"""


@dataclass
class Settled:
    """One timed action's two figures, in seconds from the action (see the module's docstring)."""
    whole: float        # until the last DOM change anywhere
    usable: float       # until the server's last message and the last DOM change in the first viewport
    server: float       # until the server's last message


class NotSettled(RuntimeError):
    """The page did not hold still in time, or showed an exception box."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_flags(port: int) -> list[str]:
    return ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    started: float          # time.time() just before the process was started
    log: Path


class ServerDidNotStart(RuntimeError):
    """The server exited or never answered its health check; the message ends with its log."""


def environment(env: dict) -> dict:
    """This process's environment with `env` added; a value of None removes the variable."""
    out = {**os.environ}
    for name, value in env.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out


@contextmanager
def served(command: list[str], port: int, env: dict, cwd: Path, log: Path, wait: bool = True,
           timeout: float = 120.0):
    """Run a server command (it listens on `port`; `env` as environment() takes it); with `wait`, until
    /_stcore/health answers. Stopped (terminated, then killed) on exit."""
    out = open(log, "w", encoding="utf-8")
    started = time.time()
    proc = subprocess.Popen(command, cwd=cwd, env=environment(env), stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", started, log)
    try:
        if wait:
            healthy(server, timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()


def _log_tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-chars:] if log.exists() else "(no log)"


def healthy(server: Server, timeout: float) -> None:
    """Return once the server's health check answers; ServerDidNotStart if it exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise ServerDidNotStart(f"the server exited with {server.proc.returncode}: {_log_tail(server.log)}")
        try:
            urllib.request.urlopen(server.url + "/_stcore/health", timeout=2)
            return
        except OSError:
            time.sleep(0.1)     # a server is usually up in 2-4 s
    raise ServerDidNotStart(f"the server did not answer its health check in {timeout:.0f} s: {_log_tail(server.log)}")


def streamlit_command(script: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(script), *streamlit_flags(port)]


class Tab:
    """One browser tab with the watcher installed, counting the script runs the server finished."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.page.add_init_script(WATCH_JS)
        self.finished = 0
        self.page.on("websocket", self._on_socket)

    def _on_socket(self, ws) -> None:
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

            try:
                if ForwardMsg.FromString(bytes(payload)).WhichOneof("type") == "script_finished":
                    self.finished += 1
            except Exception:  # noqa: BLE001 - a frame that is not a ForwardMsg is not ours to count
                pass

    def arm(self, event: str, key: str | None = None) -> int:
        """Time from the next `event` (pointerdown, or keydown of `key`); returns the runs finished so far."""
        self.page.evaluate("([type, key]) => { window.__bench.t0 = null; window.__bench.armed = {type, key}; }",
                           [event, key])
        return self.finished

    def settle(self, finished_before: int, timeout: float = 180.0, since: float | None = None) -> Settled:
        """Seconds from the armed action (or from `since`, a time.time()) to the page holding still (whole page),
        to its first viewport being complete (usable), and to the server's last message."""
        deadline = time.time() + timeout
        state = {}
        while time.time() < deadline:
            try:
                state = self.page.evaluate(STATE_JS)
            except Exception:  # noqa: BLE001 - the document is being replaced (first load): ask again
                self.page.wait_for_timeout(POLL_S * 1000)
                continue
            if state["error"]:
                raise NotSettled("the page shows an exception box")
            start = state["t0"] if since is None else (since * 1000 - state["origin"])
            if (start is not None and self.finished > finished_before and not state["running"] and state["drawn"]
                    and state["now"] - state["last"] >= QUIET_MS):
                in_view = self.page.evaluate(IN_VIEW_JS)
                server = max(state["msg"] - start, 0.0) / 1000
                return Settled(whole=max(state["last"] - start, 0.0) / 1000, server=server,
                               usable=max(in_view - start, state["msg"] - start, 0.0) / 1000)
            self.page.wait_for_timeout(POLL_S * 1000)
        raise NotSettled(f"not still after {timeout:.0f} s: {state}")

    def first_load(self, url: str, since: float, timeout: float = 180.0) -> Settled:
        """Open `url` as soon as the server accepts it; seconds from `since` (time.time()) to the page holding still."""
        deadline = time.time() + timeout
        while True:
            try:
                self.page.goto(url, wait_until="commit", timeout=5_000)
                break
            except Exception:  # noqa: BLE001 - not listening yet
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        return self.settle(0, timeout=max(deadline - time.time(), 1.0), since=since)

    def close(self) -> None:
        self.page.close()


@contextmanager
def chromium():
    """Debian's Chromium under Playwright (its own browser download fails here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_ARGS)
        try:
            yield browser
        finally:
            browser.close()
