"""Issue 18.6: `make test` runs four workers on the two cores (waits overlap), each test file's tests on one worker, one after another, the files in
the order tests/conftest.py gives them (longest first)."""
from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_test_runs_pytest_on_four_workers_by_file():
    # --dist loadfile, not loadgroup: xdist 3.8 groups by renaming item._nodeid, which pytest 9.2 ignores
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "-m pytest" in recipe and "-n 4" in recipe and "--dist loadfile" in recipe
    assert "--no-loadscope-reorder" in recipe     # else xdist re-sorts the files by their number of tests


def test_temporary_folders_go_to_a_tmpfs_with_room_unless_the_caller_chose(tmp_path, monkeypatch):
    from tests import conftest

    assert conftest.memory_temp_root({}, None, tmp_path) == tmp_path
    assert conftest.memory_temp_root({}, "/somewhere/else", tmp_path) is None          # --basetemp wins
    assert conftest.memory_temp_root({"PYTEST_DEBUG_TEMPROOT": "/x"}, None, tmp_path) is None
    assert conftest.memory_temp_root({}, None, tmp_path / "absent") is None           # no /dev/shm: pytest's default
    monkeypatch.setattr(conftest, "MEMORY_TEMP_FREE", 1 << 62)                      # too little room
    assert conftest.memory_temp_root({}, None, tmp_path) is None


def test_this_run_keeps_its_temporary_folders_in_memory_when_it_can(tmp_path_factory, pytestconfig):
    # in memory, so only a failing run keeps them (a whole run writes about 1.4 GB)
    assert pytestconfig.getini("tmp_path_retention_policy") == "failed"
    from tests import conftest

    base = tmp_path_factory.getbasetemp()
    chosen = os.environ.get("PYTEST_DEBUG_TEMPROOT")
    if chosen == str(conftest.MEMORY_TEMP):              # set by conftest.pytest_configure (or by the caller)
        assert base.is_relative_to(conftest.MEMORY_TEMP)
    else:
        assert pytestconfig.option.basetemp or conftest.memory_temp_root({}, None) is None, "a usable tmpfs left unused"


def test_without_bytecode_the_run_compiles_into_a_private_cache_of_its_own(tmp_path, monkeypatch):
    import sys

    from tests import conftest

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    conftest._compile_once(tmp_path)
    cache = tmp_path / f"pytest-pycache-{os.getuid()}"
    assert (sys.pycache_prefix, sys.dont_write_bytecode) == (str(cache), False)
    assert os.environ["PYTHONPYCACHEPREFIX"] == str(cache) and "PYTHONDONTWRITEBYTECODE" not in os.environ
    assert cache.stat().st_mode & 0o777 == 0o700                      # the children's code: nobody else's to write


def test_a_cache_folder_someone_could_swap_is_not_used(tmp_path, monkeypatch):
    import sys

    from tests import conftest

    assert conftest.private_folder(tmp_path / "mine") == tmp_path / "mine"
    (tmp_path / "open").mkdir(mode=0o777)
    (tmp_path / "open").chmod(0o777)
    assert conftest.private_folder(tmp_path / "open") is None
    (tmp_path / "link").symlink_to(tmp_path / "mine")
    assert conftest.private_folder(tmp_path / "link") is None
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    (tmp_path / f"pytest-pycache-{os.getuid()}").symlink_to(tmp_path / "mine")
    conftest._compile_once(tmp_path)
    assert (sys.pycache_prefix, sys.dont_write_bytecode) == (None, True)   # left as the caller set it
