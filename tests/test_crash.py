"""Issue 7: an ingest process killed at random moments never leaves half an upload nor loses an acknowledged one."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from dialogue import db
from dialogue.config import ROOT

pytestmark = pytest.mark.slow(seconds=30)   # few tests, long ones: queued early (conftest.py)

KILLS = 30
SEED = 20260127

# The writer commits uploads as fast as it can (merges, replaces, rollbacks of ~5,000 rows, and every
# third step a small CSV through the full ingest path) and prints "ACK <id>" only after the call
# returned, i.e. once the upload was acknowledged. Each writer is a fresh process forked from one parent that
# imported numpy, pandas and dialogue once (an import costs a second of CPU, several under load: 30 of them were
# half the file's time). A writer says "READY <pid>"; the parent reports how it ended ("ENDED <signal or -exit code>").
PARENT = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    import numpy as np, pandas as pd
    from dialogue import db, store
    from dialogue.ingest import ingest
    from dialogue.roles import Actor

    def write(path, seed):
        actor = Actor("crash-test", "analyst")
        con = db.connect(path)
        rng = np.random.default_rng(seed)
        print("READY", os.getpid(), flush=True)
        n = 5000
        for i in range(10_000):
            reporter = ["US Census", "Serbia RZS"][i % 2]
            frame = pd.DataFrame({{
                "reporter": reporter, "year": 2000 + (np.arange(n) // 12) % 25, "month": np.arange(n) % 12 + 1,
                "flow": "us_to_serbia", "value": rng.integers(0, 50, n).astype(float), "currency": "USD",
                "product_code": [f"P{{k // 300}}" for k in range(n)], "note": f"run {{seed}} step {{i}}",
            }})
            if i % 7 == 6:
                last = [u for u in store.history(con) if u["mode"] != "rollback" and u["status"] == "active"]
                if last:
                    print("ACK", store.rollback(con, last[-1]["upload_id"], actor), flush=True)
                    continue
            if i % 3 == 2:
                rows = "".join(f"Serbia RZS,{{2000 + k}},{{i % 12 + 1}},serbia_to_us,{{i * 10 + k}},EUR,rzs\\n"
                               for k in range(60))
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

    print("IMPORTED", flush=True)
    for line in sys.stdin:                      # one line per writer: "<database path>\\t<seed>"
        path, seed = line.rstrip("\\n").split("\\t")
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                write(path, int(seed))
            except BaseException:
                import traceback
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        ended = os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status)
        print("ENDED", ended, flush=True)
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
    script = tmp_path / "writers.py"
    script.write_text(PARENT.format(root=str(ROOT)), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().strip() == "IMPORTED", parent.stderr.read()
        for attempt in range(KILLS):
            parent.stdin.write(f"{path}\t{SEED + attempt}\n")
            parent.stdin.flush()
            ready = parent.stdout.readline().split()
            assert ready[:1] == ["READY"], parent.stderr.read()
            pid = int(ready[1])
            time.sleep(rng.uniform(0.0, 1.5))
            os.kill(pid, signal.SIGKILL)
            out = []
            while not (line := parent.stdout.readline()).startswith("ENDED"):   # the writer's lines, then its end
                assert line, parent.stderr.read()
                out.append(line)
            if int(line.split()[1]) == signal.SIGKILL:
                killed_mid_run += 1
            acknowledged |= {int(line.split()[1]) for line in out if line.startswith("ACK")}

            con = db.connect(path)                # always reopens
            try:
                present = check_whole_uploads(con)
            finally:
                con.close()
            lost = acknowledged - set(present)
            assert not lost, f"after kill {attempt + 1}: acknowledged uploads {sorted(lost)} are gone"
    finally:
        parent.stdin.close()
        parent.wait(timeout=60)
    assert killed_mid_run == KILLS
    assert len(acknowledged) >= KILLS, "the kills should fall between many committed uploads"
