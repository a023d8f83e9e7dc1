"""Issue 7: on a full disk the upload fails with a plain message and nothing committed earlier is lost."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from dialogue import db, store
from tests.conftest import ANALYST

pytestmark = pytest.mark.slow(seconds=40)   # few tests, long ones: queued early (conftest.py)

SIZE = "3m"


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a {SIZE} tmpfs here (needs root / CAP_SYS_ADMIN): {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def small_upload():
    return pd.DataFrame({"reporter": "US Census", "year": range(1990, 2040), "flow": "us_to_serbia",
                         "value": 1.0, "currency": "USD"})


def big_upload(n=100_000):
    rng = np.random.default_rng(1)
    return pd.DataFrame({"reporter": [f"R{i}" for i in range(n)], "year": 2000, "flow": "us_to_serbia",
                         "value": np.arange(n, dtype=float), "currency": "USD",
                         "note": [rng.bytes(20).hex() for _ in range(n)]})


def test_upload_on_a_full_disk_fails_clearly_and_keeps_earlier_uploads(small_disk):
    path = small_disk / "store.duckdb"
    con = db.connect(path)
    first = store.commit_frame(con, "trade", small_upload(), ANALYST, file="small.csv")
    with pytest.raises(store.StoreError, match="disk holding the database is full"):
        store.commit_frame(con, "trade", big_upload(), ANALYST, file="big.csv")
    con.close()
    # reopen in a fresh process, as the next reading command would (read-only: the disk is still full, and
    # a read-write open replays schema.sql's `create or replace macro` statements, which need room in the log)
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from dialogue import db, store;"
        "con = db.connect(sys.argv[2], read_only=True);"
        "print(json.dumps([[u['upload_id'], u['file'], u['rows']['added']] for u in store.history(con)]));"
        "print(len(store.current_rows(con, 'trade')))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", script, root, str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    history, rows = out.stdout.strip().splitlines()
    assert history == f'[[{first}, "small.csv", 50]]'
    assert rows == "50"


# ---------------------------------------------------------------- issue 13.12: atomic writes, no partial file

GOOD = b"previous good file\n"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def trade_database(path, n=3000):
    """A database whose trade export (~40 bytes a row) is far larger than the limits below."""
    con = db.connect(path)
    store.commit_frame(con, "trade", pd.DataFrame({
        "reporter": [f"Reporter {i:05d} – Čačak" for i in range(n)], "year": 2000, "flow": "us_to_serbia",
        "value": np.arange(n, dtype=float), "currency": "USD"}), ANALYST, file="t.csv")
    con.close()
    return path


def run_cli_limited(args, limit_bytes):
    """`python -m dialogue ARGS` with every file it writes limited to `limit_bytes` (SIGXFSZ ignored, so a
    write past the limit fails with EFBIG as on a full disk)."""
    script = (
        "import resource, signal, sys; sys.path.insert(0, sys.argv[1]);"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "limit = int(sys.argv[2]); resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit));"
        "from dialogue.cli import main; sys.exit(main(sys.argv[3:]))"
    )
    return subprocess.run([sys.executable, "-c", script, ROOT, str(limit_bytes), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_past_the_file_size_limit_keeps_the_old_file(tmp_path, suffix):
    path = trade_database(tmp_path / "d.duckdb")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"trade{suffix}"
    out.write_bytes(GOOD)
    done = run_cli_limited(["--db", path, "export", "trade", "--out", out], 16_000)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"error: could not write {out}: File too large") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == GOOD                 # the good file stays, not half a new one
    assert leftovers(out_dir) == []                 # and no temporary file is left
    # without the limit the same command replaces it
    done = run_cli_limited(["--db", path, "export", "trade", "--out", out], 50_000_000)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 16_000 and leftovers(out_dir) == []


def test_template_past_the_file_size_limit_leaves_no_file(tmp_path):
    out = tmp_path / "exercises.xlsx"
    done = run_cli_limited(["--db", tmp_path / "d.duckdb", "template", "exercises", "--out", out], 4_000)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"error: could not write {out}: File too large") and done.stderr.count("\n") == 1
    assert not out.exists() and leftovers(tmp_path) == []


def test_brief_past_the_file_size_limit_keeps_the_previous_briefing(tmp_path):
    path = trade_database(tmp_path / "d.duckdb", n=10)
    out = tmp_path / "brief"
    out.mkdir()
    pdf = out / "briefing-2026-06-30-en.pdf"
    pdf.write_bytes(GOOD)
    done = run_cli_limited(["--db", path, "brief", "--as-of", "2026-06-30", "--known-at", "2026-12-01",
                            "--out", out], 20_000)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"error: could not write {pdf}: File too large") and done.stderr.count("\n") == 1
    assert pdf.read_bytes() == GOOD and leftovers(out) == []


def test_atomic_write_keeps_the_old_file_when_the_writer_fails(tmp_path):
    from dialogue import files

    out = tmp_path / "targets.toml"
    out.write_bytes(GOOD)
    out.chmod(0o640)
    with pytest.raises(RuntimeError, match="half way"):
        with files.atomic_write(out) as fh:
            fh.write(b"half of a new file")
            raise RuntimeError("half way")
    assert out.read_bytes() == GOOD and leftovers(tmp_path) == []
    files.write_text(out, "new = 1\n")
    assert out.read_text() == "new = 1\n" and oct(out.stat().st_mode & 0o777) == "0o640"   # mode kept
    fresh = files.write_bytes(tmp_path / "new.csv", b"x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask                                   # as open() makes it
    secret = files.write_text(out, "users\n", private=True)                                 # e.g. the users file
    assert secret.stat().st_mode & 0o777 == 0o600 and leftovers(tmp_path) == []


def fill_but(folder, free_bytes):
    """Fill the file system holding `folder` up, then give back about `free_bytes`."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        block = b"x" * 65536
        while True:
            try:
                os.write(fd, block)
            except OSError:
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
        os.ftruncate(fd, max(0, os.fstat(fd).st_size - free_bytes))
    finally:
        os.close(fd)


def test_export_template_brief_and_backup_on_a_full_disk(tmp_path, small_disk):
    """The same on a really full tmpfs: one line, exit 1, the good files kept, no partial file left."""
    path = trade_database(tmp_path / "d.duckdb")
    good = small_disk / "trade.csv"
    good.write_bytes(GOOD)
    fill_but(small_disk, 8192)                      # less room than any of these files needs
    commands = {
        "export": ["export", "trade", "--out", good],
        "template": ["template", "events", "--out", small_disk / "events.xlsx"],
        "brief": ["brief", "--as-of", "2026-06-30", "--known-at", "2026-12-01", "--out", small_disk / "brief"],
        "backup": ["backup", small_disk / "bk"],
    }
    for verb, args in commands.items():
        done = subprocess.run([sys.executable, "-m", "dialogue", "--db", str(path), *map(str, args)],
                              capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert done.returncode == 1, (verb, done.stdout, done.stderr)
        assert done.stderr.startswith("error: ") and "No space left on device" in done.stderr, (verb, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, (verb, done.stderr)
    assert good.read_bytes() == GOOD
    assert not (small_disk / "events.xlsx").exists() and not (small_disk / "bk").exists()
    assert list((small_disk / "brief").iterdir()) == [] if (small_disk / "brief").exists() else True
    assert leftovers(small_disk) == []
