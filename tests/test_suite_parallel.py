"""Issue 18.6: `make test` runs on both cores, each test file's tests on one worker, one after another, the files in
the order tests/conftest.py gives them (longest first)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_test_runs_pytest_on_two_workers_by_file():
    # --dist loadfile, not loadgroup: xdist 3.8 groups by renaming item._nodeid, which pytest 9.2 ignores
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "-m pytest" in recipe and "-n 2" in recipe and "--dist loadfile" in recipe
    assert "--no-loadscope-reorder" in recipe     # else xdist re-sorts the files by their number of tests
