"""Docs that cannot rot: the schema page matches the code, and the README names every command and verb."""
import re

from dialogue.cli import HANDLERS
from dialogue.config import ROOT
from scripts.build_docs import OUT, render


def test_dataset_docs_are_generated_from_the_schemas():
    assert OUT.read_text(encoding="utf-8") == render(), "run: python scripts/build_docs.py"


def test_readme_holds_the_two_commands_and_every_cli_verb():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    for verb in HANDLERS:
        assert re.search(rf"python -m dialogue( --db \S+)? {verb}\b", readme), f"README lacks the {verb} verb"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
