"""`python -m dialogue region`: each partner's US goods turnover, growth and rank, Serbia beside its neighbours."""
from __future__ import annotations

import sys

from dialogue import db, strict_json
from dialogue.commands_common import lang_of, open_for_reading, parse_date
from dialogue.i18n import fmt_number, fmt_percent, t
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
    lang = lang_of(args)
    note = one_flow_note(got.one_flow, lang)
    if getattr(args, "json", False):
        print(strict_json.dumps(rows, ensure_ascii=False, indent=2))
        if note:
            print(note, file=sys.stderr)            # the rows keep their contract; the reader still hears it
        return 0
    if got.reporter is None:
        print(t("cli_no_region", lang))
        return 0
    print(t("cli_region_head", lang, as_of=as_of.isoformat(), reporter=got.reporter, currency=got.currency))
    for r in rows:
        growth = "-" if r["growth"] is None else fmt_percent(r["growth"], lang, decimals=1, signed=True)
        rank = "-" if r["rank"] is None else str(r["rank"])
        print(t("cli_region_row", lang, year=r["year"], partner=r["partner"], months=r["months"],
                turnover=fmt_number(r["turnover"] / 1e6, lang, decimals=1), growth=growth, rank=rank))
    if note:
        print(note)
    return 0
