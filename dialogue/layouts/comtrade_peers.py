"""UN Comtrade CSV downloads for Serbia's neighbours (issue 17): the USA and a partner of the region, as peer_trade.

Read only when the upload names the dataset peer_trade; without it a Comtrade file gives Serbia–USA rows (the
target series, comtrade), as before. Both layouts (current and legacy) are read as comtrade reads them; a row is
kept when one side is the USA (842 or 840) and the other a partner of the region, recognised by its UN code
(Albania 8, Bosnia and Herzegovina 70, Montenegro 499, North Macedonia 807, Croatia 191, Serbia 688) or its name.
Kosovo has no UN Comtrade code: a row naming it is refused with that reason. The USA's figures are the series
"UN Comtrade (USA)" (us_exports, us_imports); each partner's own report of its trade with the USA is the series
"UN Comtrade (partners)" (partner_exports, partner_imports). Only totals are read: product lines are skipped.
"""
from __future__ import annotations

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._partners import COMTRADE_CODES, NAME_VARIANTS, NO_COMTRADE_CODE, PARTNER_NAMES, Clash, absent, partner
from dialogue.layouts._source_cells import fold
from dialogue.layouts.comtrade import USA, Pairs, detect, read  # noqa: F401 - detect is the layout's
from dialogue.messages import said

NAME = "comtrade_peers"
DATASET = "peer_trade"
US_NAMES = {"usa", "united states", "united states of america", "usa (before 1981)"}
US_REPORTS = {"reporter": "UN Comtrade (USA)", "flows": {"X": "us_exports", "M": "us_imports"}, "side": "USA"}
PARTNER_REPORTS = {"reporter": "UN Comtrade (partners)", "flows": {"X": "partner_exports", "M": "partner_imports"}}


def convert(sheet: RawSheet) -> LayoutResult:
    result = read(sheet, REGION)
    found = result.info["partners"]
    if found and absent(found):
        names = ", ".join(absent(found))
        result.warnings.append(said("region_absent", names=names) if "XK" in found else
                               said("region_absent_kosovo", names=names, kosovo=NO_COMTRADE_CODE))
    return result


def _side(get, role: str) -> str | None:
    """"US", a partner of the region (ISO alpha-2) or None for one side (reporter or partner) of a row."""
    code, name = get(role).lstrip("0") or get(role), get(f"{role}_name")
    by_name = NAME_VARIANTS.get(fold(name))
    if code in USA or fold(name) in US_NAMES:
        if code in COMTRADE_CODES or by_name:
            raise Clash(said("code_name_clash", cty=code, by_code=PARTNER_NAMES[COMTRADE_CODES[code]], name=name)
                        if code in COMTRADE_CODES else said("code_name_clash_usa", cty=code, name=name), role)
        return "US"
    try:
        found = partner(code, name, COMTRADE_CODES)
    except Clash as exc:
        raise Clash(exc.args[0], role) from None
    if found == "XK":
        raise Clash(NO_COMTRADE_CODE, f"{role}_name")
    return found


def _region(get) -> dict | None:
    reporter, other = _side(get, "reporter"), _side(get, "partner")
    if reporter == "US" and other not in (None, "US"):
        return {**US_REPORTS, "partner": other}
    if other == "US" and reporter not in (None, "US"):
        return {**PARTNER_REPORTS, "partner": reporter, "side": PARTNER_NAMES[reporter]}
    return None


REGION = Pairs(NAME, DATASET, said("skip_not_usa_region"), _region, False,
               said("no_region_comtrade_rows", codes=", ".join(f"{PARTNER_NAMES[p]} {c}" for c, p in COMTRADE_CODES.items()),
                    kosovo=NO_COMTRADE_CODE))
