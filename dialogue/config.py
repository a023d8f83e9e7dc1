"""Where things live: every path is resolved from this file, never from the working directory."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
REFERENCE_DIR = DATA_DIR / "reference"
TARGETS_FILE = DATA_DIR / "targets.toml"
# The two workspaces' databases; DIALOGUE_WORKSPACE_DIR moves both (a benchmark's or a test's scratch folder).
WORKSPACE_DIR = Path(os.environ.get("DIALOGUE_WORKSPACE_DIR") or DATA_DIR)
DEFAULT_DB = WORKSPACE_DIR / "dialogue.duckdb"
DEMO_DB = WORKSPACE_DIR / "demo.duckdb"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database path: the --db option, else $DIALOGUE_DB, else data/dialogue.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("DIALOGUE_DB")
    return Path(env) if env else DEFAULT_DB
