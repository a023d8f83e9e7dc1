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
    # reopen in a fresh process, as the next command or dashboard start would
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from dialogue import db, store;"
        "con = db.connect(sys.argv[2]);"
        "print(json.dumps([[u['upload_id'], u['file'], u['rows']['added']] for u in store.history(con)]));"
        "print(len(store.current_rows(con, 'trade')))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", script, root, str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    history, rows = out.stdout.strip().splitlines()
    assert history == f'[[{first}, "small.csv", 50]]'
    assert rows == "50"
