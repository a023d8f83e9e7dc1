"""`python -m pages.ui.start run app.py ...` = `streamlit run`, with the first visit's work begun beside it.

`python -m dialogue serve` (so `make run`) starts the server through this module: while Streamlit boots and
the browser loads its scripts, a thread builds the workspace's database if it is missing (issue 18: it was
built on the first visit, about 6 s) and imports the modules the pages need, so the first page finds them
ready. The first visit waits for a build still running (workspace.ensure_database's lock) instead of
starting its own; anything the thread fails at, the visit does again and reports on the page.
"""
from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from pathlib import Path

# What the router and the Overview import on the first run: about 2 s of a cold process on this machine.
FIRST_PAGE_MODULES = ("pages.ui.router", "pages.ui.first_screen", "pages.ui.area_blocks", "dialogue.views",
                      "dialogue.charts", "dialogue.status", "dialogue.summary", "altair", "pyarrow")


def database_of_first_visit() -> tuple[Path, str]:
    """The database and workspace a first visit opens: DIALOGUE_DB, else the DIALOGUE_WORKSPACE's file."""
    from dialogue import config

    workspace = os.environ.get("DIALOGUE_WORKSPACE", "reference")
    if os.environ.get("DIALOGUE_DB"):
        return Path(os.environ["DIALOGUE_DB"]), workspace
    return (config.DEMO_DB if workspace == "demo" else config.DEFAULT_DB), workspace


def prepare() -> None:
    """Build (or open) the first visit's database, then import the pages' modules."""
    from dialogue import workspace

    path, name = database_of_first_visit()
    workspace.ensure_database(path, name)
    for module in FIRST_PAGE_MODULES:
        importlib.import_module(module)


def _prepare_quietly() -> None:
    try:
        prepare()
    except Exception:  # noqa: BLE001 - the first visit does the same work and shows the error on the page
        logging.getLogger(__name__).exception("preparing the first visit failed; the visit will try again")


def main(argv: list[str]) -> None:
    threading.Thread(target=_prepare_quietly, name="first-visit", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
