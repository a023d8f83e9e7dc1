"""`python -m dialogue region`: each partner's US goods turnover, growth and rank, Serbia beside its neighbours."""
from __future__ import annotations

import sys

from dialogue import db, strict_json
from dialogue.commands_common import open_for_reading, parse_date
from dialogue.region import as_json, region
from dialogue.views.common import _known
from dialogue.views.region import one_flow_note


def cmd_region(args) -> int:
    as_of = parse_date(getattr(args, "as_of", None), "--as-of") or db.utcnow().date()
    con = open_for_reading(args)
    try:
        got = region(con, as_of, _known(None))
    finally:
        con.close()
    rows = as_json(got.rows)
    note = one_flow_note(got.one_flow, "en")
    if getattr(args, "json", False):
        print(strict_json.dumps(rows, ensure_ascii=False, indent=2))
        if note:
            print(note, file=sys.stderr)            # the rows keep their contract; the reader still hears it
        return 0
    if got.reporter is None:
        print("No trade figures of the region are stored (dataset peer_trade).")
        return 0
    print(f"US goods trade of the region as of {as_of.isoformat()}: {got.reporter}, {got.currency}")
    for r in rows:
        growth = "-" if r["growth"] is None else f"{r['growth']:+.1%}"
        rank = "-" if r["rank"] is None else str(r["rank"])
        print(f"{r['year']} {r['partner']}  months {r['months']:2}  turnover {r['turnover'] / 1e6:12,.1f} M  "
              f"growth {growth:>7}  rank {rank}")
    if note:
        print(note)
    return 0
