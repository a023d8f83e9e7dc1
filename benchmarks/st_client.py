"""A signed-in session that speaks Streamlit's websocket protocol itself, for the load benchmark.

Twenty Chromium tabs on this machine's two cores starve the server they are meant to load (the
browsers' rendering, not the server, was the bottleneck: load average 18, the server at 0.4 of a
core). This client sends the very messages a browser sends (a BackMsg `rerun_script` with the page's
script hash and the widgets' states) and reads the server's ForwardMsgs, so what is timed is what one
server does for many sessions: from the click's message until the script-finished message. Drawing is
each reader's own machine's work; the browser rows (B*) measure it.
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

SIDEBAR = 1                 # delta_path[0] of the sidebar's container (0 is the main one)
UPLOAD_SHOWN = re.compile(r"upload #(\d+)")
_RULE = re.compile(r"\|(:?-+:?\|)+")                 # a GFM table's rule line


class ServerSaidNo(RuntimeError):
    """The script run did not finish successfully, or no run finished in time."""


@dataclass
class Run:
    """What one script run sent: every element's text by container, widgets by user key, errors shown."""

    seconds: float = 0.0
    texts: dict[int, list[str]] = field(default_factory=lambda: {0: [], SIDEBAR: []})
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)    # user key -> (widget id, element type)
    errors: list[str] = field(default_factory=list)

    def text(self, container: int = 0) -> str:
        return "\n".join(self.texts.get(container, []))


def _user_key(widget_id: str) -> str:
    """Streamlit's widget ids end in '-<key>' when the widget has a user key ('$$ID-<hash>-<key>')."""
    return widget_id.split("-", 2)[-1] if widget_id.startswith("$$ID-") else widget_id


def _read_element(element, container: int, run: Run) -> None:
    kind = element.WhichOneof("type")
    if kind is None:
        return
    body = getattr(element, kind)
    if kind == "exception":
        run.errors.append(f"exception: {body.type}: {body.message}"[:300])
        return
    if kind == "alert" and body.format == body.ERROR:
        run.errors.append(f"error: {body.body}"[:300])
    for name in ("body", "label", "value", "title"):
        value = getattr(body, name, None) if hasattr(body, "DESCRIPTOR") and name in body.DESCRIPTOR.fields_by_name \
            else None
        if isinstance(value, str) and value:
            run.texts.setdefault(container, []).append(value)
    if hasattr(body, "DESCRIPTOR") and "id" in body.DESCRIPTOR.fields_by_name and body.id:
        run.widgets[_user_key(body.id)] = (body.id, kind)


class Session:
    """One browser's worth of Streamlit session, driven by messages."""

    def __init__(self, url: str):
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.ws = None
        self.pages: dict[str, str] = {}          # page title -> script hash
        self.page_hash = ""
        self.last = Run()

    async def open(self, timeout: float = 120.0) -> Run:
        import websockets

        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=2**28,
                                           open_timeout=timeout, ping_interval=None)
        return await self.rerun(timeout=timeout)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, page_hash: str | None = None, states: list | None = None, timeout: float = 120.0) -> Run:
        """Ask for a script run (the page `page_hash`, these widget states); read until it finishes."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = ""
        rerun.page_script_hash = self.page_hash if page_hash is None else page_hash
        for state in states or []:
            rerun.widget_states.widgets.append(state)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = await asyncio.wait_for(self._read_run(), timeout)
        run.seconds = time.perf_counter() - started
        self.last = run
        return run

    async def _read_run(self) -> Run:
        run = Run()
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in fwd.navigation.app_pages}
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                path = list(fwd.metadata.delta_path)
                _read_element(fwd.delta.new_element, path[0] if path else 0, run)
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return run
                if status in (ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    continue      # a rerun the app asked for (st.rerun): its own run follows
                raise ServerSaidNo(f"script run ended with status {status}")

    async def sign_in(self, name: str, password: str, timeout: float = 300.0) -> Run:
        """Fill the built-in sign-in form and submit it, as a person would."""
        run = self.last if self.last.widgets else await self.open(timeout)
        fields = {"_dialogue_sign_in_name": name, "_dialogue_sign_in_password": password}
        states = []
        for key, value in fields.items():
            widget_id, _ = run.widgets[key]
            state = states_of(widget_id, string_value=value)
            states.append(state)
        submit = next(wid for key, (wid, kind) in run.widgets.items() if kind == "button" and "FormSubmitter" in wid)
        states.append(states_of(submit, trigger_value=True))
        return await self.rerun(states=states, timeout=timeout)

    async def view(self, title: str, timeout: float = 120.0) -> Run:
        """A click on `title` in the sidebar: the page's run, timed from the message to its end."""
        return await self.rerun(self.pages[title], timeout=timeout)


def states_of(widget_id: str, **value):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    for name, v in value.items():
        setattr(state, name, v)
    return state


def upload_shown(run: Run) -> int | None:
    """The upload the sidebar says the figures come from ('Data: upload #N')."""
    found = UPLOAD_SHOWN.search(run.text(SIDEBAR))
    return int(found.group(1)) if found else None


def tiles(text: str) -> dict[str, str]:
    """The Overview's status tiles from its Markdown: the first table's heading cells over its first row,
    '| ✅ Achieved | …' over '| **10** :green[↑+1] | …' -> {'✅ Achieved': '10', …} (the change is not kept)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-2]):
        if line.startswith("|") and _RULE.fullmatch(lines[i + 1].strip()):
            heads = [c.strip() for c in line.strip().strip("|").split("|")]
            cells = [c.strip() for c in lines[i + 2].strip().strip("|").split("|")]
            return {head: (re.search(r"\d+", cell) or [""])[0] for head, cell in zip(heads, cells)}
    return {}


def overview_figures(run: Run) -> tuple[int | None, dict[str, str]]:
    """On the Overview: (the upload the sidebar says the figures come from, the status tiles' counts)."""
    return upload_shown(run), tiles(run.text(0))
