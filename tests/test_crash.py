"""Issue 7: an ingest process killed at random moments never leaves half an upload nor loses an acknowledged one."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dialogue import db
from dialogue.config import ROOT

pytestmark = pytest.mark.slow(seconds=70)   # few tests, long ones: queued early (conftest.py)

KILLS = 30
SEED = 20260127

# The child commits uploads as fast as it can (merges, replaces, rollbacks of ~5,000 rows, and every
# third step a small CSV through the full ingest path) and prints "ACK <id>" only after the call
# returned, i.e. once the upload was acknowledged.
CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    import numpy as np, pandas as pd
    from dialogue import db, store
    from dialogue.ingest import ingest
    from dialogue.roles import Actor

    actor = Actor("crash-test", "analyst")
    con = db.connect({path!r})
    rng = np.random.default_rng({seed})
    print("READY", flush=True)
    n = 5000
    for i in range(10_000):
        reporter = ["US Census", "Serbia RZS"][i % 2]
        frame = pd.DataFrame({{
            "reporter": reporter, "year": 2000 + (np.arange(n) // 12) % 25, "month": np.arange(n) % 12 + 1,
            "flow": "us_to_serbia", "value": rng.integers(0, 50, n).astype(float), "currency": "USD",
            "product_code": [f"P{{k // 300}}" for k in range(n)], "note": f"run {seed} step {{i}}",
        }})
        if i % 7 == 6:
            last = [u for u in store.history(con) if u["mode"] != "rollback" and u["status"] == "active"]
            if last:
                print("ACK", store.rollback(con, last[-1]["upload_id"], actor), flush=True)
                continue
        if i % 3 == 2:
            rows = "".join(f"Serbia RZS,{{2000 + k}},{{i % 12 + 1}},serbia_to_us,{{i * 10 + k}},EUR,rzs\\n" for k in range(60))
            data = ("reporter,year,month,flow,value,currency,source\\n" + rows).encode()
            report = ingest(con, data, f"step{{i}}.csv", actor)
            assert report.ok, report.errors
            if report.upload_id is not None:
                print("ACK", report.upload_id, flush=True)
            continue
        mode = "replace" if i % 5 == 4 else "merge"
        uid = store.commit_frame(con, "trade", frame, actor, file=f"step{{i}}.csv", mode=mode)
        if uid is not None:
            print("ACK", uid, flush=True)
""")


def check_whole_uploads(con) -> list[int]:
    """Every recorded upload has exactly its planned row versions; no version belongs to an unrecorded upload."""
    uploads = con.execute(
        "select upload_id, added, updated, removed, rolled_back_by from uploads order by upload_id").fetchall()
    ids = {u[0] for u in uploads}
    for uid, added, updated, removed, rolled_back_by in uploads:
        new, closed = con.execute(
            "select count(*) filter (where valid_from = $u), count(*) filter (where valid_to = $u) from trade",
            {"u": uid}).fetchone()
        assert (new, closed) == (added + updated, updated + removed), f"upload #{uid} is not whole"
        if rolled_back_by is not None:
            assert rolled_back_by in ids, f"upload #{uid} marked as rolled back by a missing upload"
    stray = con.execute(
        "select count(*) from trade where valid_from not in (select upload_id from uploads) "
        "or (valid_to is not null and valid_to not in (select upload_id from uploads))").fetchone()[0]
    assert stray == 0, "row versions of an upload that was never recorded"
    # one current version per key
    dup = con.execute("select count(*) from (select row_key from trade where valid_to is null "
                      "group by row_key having count(*) > 1)").fetchone()[0]
    assert dup == 0
    audit = con.execute("select count(*) from audit_log where ok and action in ('upload', 'rollback')").fetchone()[0]
    assert audit == len(uploads), "every committed upload has exactly one audit entry"
    return sorted(ids)


def test_killed_ingest_leaves_only_whole_uploads_and_loses_no_acknowledged_one(tmp_path):
    path = tmp_path / "crash.duckdb"
    rng = random.Random(SEED)
    acknowledged: set[int] = set()
    killed_mid_run = 0
    for attempt in range(KILLS):
        script = tmp_path / "child.py"
        script.write_text(CHILD.format(root=str(ROOT), path=str(path), seed=SEED + attempt), encoding="utf-8")
        child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        assert child.stdout.readline().strip() == "READY", child.stderr.read()
        time.sleep(rng.uniform(0.0, 1.5))
        if child.poll() is None:
            killed_mid_run += 1
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=60)
        acknowledged |= {int(line.split()[1]) for line in out.splitlines() if line.startswith("ACK")}

        con = db.connect(path)                # always reopens
        try:
            present = check_whole_uploads(con)
        finally:
            con.close()
        lost = acknowledged - set(present)
        assert not lost, f"after kill {attempt + 1}: acknowledged uploads {sorted(lost)} are gone"
    assert killed_mid_run == KILLS
    assert len(acknowledged) >= KILLS, "the kills should fall between many committed uploads"
