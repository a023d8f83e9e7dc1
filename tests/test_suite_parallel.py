"""Issue 18.6: `make test` runs on both cores, with servers, browsers and crash children kept to one worker."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_test_runs_pytest_on_two_workers_by_group():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "-m pytest" in recipe and "-n 2" in recipe and "--dist loadgroup" in recipe


def test_browser_crash_and_load_tests_are_grouped_and_unit_tests_are_not():
    files = ["tests/test_crash.py", "tests/test_browser_sidebar.py", "tests/test_load.py", "tests/test_skeleton.py"]
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:cacheprovider",
                             "-m", "xdist_group", *files], cwd=ROOT, capture_output=True, text=True, timeout=300)
    modules = {line.split("::")[0] for line in listed.stdout.splitlines() if "::" in line}
    assert modules == {"tests/test_crash.py", "tests/test_browser_sidebar.py", "tests/test_load.py"}, listed.stdout
