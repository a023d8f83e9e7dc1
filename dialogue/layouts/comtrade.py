"""UN Comtrade CSV downloads, current (47 columns, Comtrade Plus) and legacy (35 columns, both spellings).

Only Serbia (688) and the USA (842, also 840) reporting on each other are read. The reporter's own
flow is mapped to the direction of goods: Serbia's exports (X) are serbia_to_us, the USA's exports
are us_to_serbia; imports the other way round. Values are in US dollars. The two reporters stay
separate series, "UN Comtrade (Serbia)" and "UN Comtrade (USA)", because mirror figures differ.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._partners import Clash
from dialogue.layouts._source_cells import find_header, fold, row_values, text, trade_frame, whole
from dialogue.messages import said
from dialogue.problems import Problem, coded, shorten

NAME = "comtrade"
DATASET = "trade"
SERBIA = "688"
USA = ("842", "840")
REPORTERS = {SERBIA: "UN Comtrade (Serbia)", "842": "UN Comtrade (USA)", "840": "UN Comtrade (USA)"}
SOURCE = "UN Comtrade: https://comtradeplus.un.org/"

# folded header -> our role. Current layout first, then both spellings of the legacy one.
CURRENT = {"primaryvalue": "value", "flowcode": "flow", "reportercode": "reporter",
           "partnercode": "partner", "period": "period", "cmdcode": "cmd", "cmddesc": "cmd_desc",
           "partner2code": "partner2", "customscode": "customs", "motcode": "mot",
           "reporterdesc": "reporter_name", "partnerdesc": "partner_name"}
LEGACY = {"trade value (us$)": "value", "tradevalueus": "value", "trade flow code": "flow_code",
          "tradeflow code": "flow_code", "trade flow": "flow", "reporter code": "reporter",
          "partner code": "partner", "period": "period", "commodity code": "cmd", "commodity": "cmd_desc",
          "2nd partner code": "partner2", "customs proc. code": "customs", "mode of transport code": "mot",
          "reporter": "reporter_name", "partner": "partner_name"}
CURRENT_REQUIRED = {"primaryvalue", "flowcode", "reportercode", "partnercode", "period"}
LEGACY_KEYS = {"reporter code", "partner code", "period", "trade flow"}
LEGACY_FLOW_CODES = {"1": "M", "2": "X", "3": "RX", "4": "RM"}
LEGACY_FLOW_WORDS = {"import": "M", "export": "X", "re-export": "RX", "re-import": "RM"}


def _header(sheet: RawSheet):
    found = find_header(sheet.cells, CURRENT_REQUIRED)
    if found:
        return found[0], {CURRENT[k]: v for k, v in found[1].items() if k in CURRENT}, "current (47 columns)"
    found = find_header(sheet.cells, LEGACY_KEYS)
    if found and ({"trade value (us$)", "tradevalueus"} & found[1].keys()):
        i, cols = found
        spelling = "altered spelling" if "tradevalueus" in cols else "standard spelling"
        return i, {LEGACY[k]: v for k, v in cols.items() if k in LEGACY}, f"legacy (35 columns, {spelling})"
    return None


def detect(sheet: RawSheet) -> bool:
    return _header(sheet) is not None


@dataclass(frozen=True)
class Pairs:
    """Which reporter-partner rows a reading keeps and how it stores them: Serbia–USA (trade) or the region."""
    name: str
    dataset: str
    others: str             # why a row of other countries is skipped (a Said: said in the reader's language)
    match: Callable         # get -> {"reporter", "partner"?, "flows": {"X": flow, "M": flow}, "side"} or None; may raise Clash
    products: bool          # product lines stored (trade) or skipped (the region compares totals)
    nothing: str            # the problem when the file holds no row to keep (a Said)


def _serbia_usa(get) -> dict | None:
    reporter, partner = get("reporter"), get("partner")
    if reporter == SERBIA and partner in USA:
        return {"reporter": REPORTERS[reporter], "flows": {"X": "serbia_to_us", "M": "us_to_serbia"}, "side": "Serbia"}
    if reporter in USA and partner == SERBIA:
        return {"reporter": REPORTERS[reporter], "flows": {"X": "us_to_serbia", "M": "serbia_to_us"}, "side": "USA"}
    return None


SERBIA_USA = Pairs(NAME, DATASET, said("skip_not_serbia_usa"), _serbia_usa, True,
                   said("no_serbia_usa_rows", serbia=SERBIA, usa=" or ".join(USA)))
# Why rows are skipped whatever the pairs (English in info["skipped_why"]; the warning says it in every language).
SKIP_FLOWS, SKIP_BREAKDOWNS, SKIP_PRODUCTS = said("skip_other_flows"), said("skip_breakdowns"), said("skip_product_lines")
VARIANTS = {"current (47 columns)": "comtrade_current", "legacy (35 columns, standard spelling)": "comtrade_legacy_standard",
            "legacy (35 columns, altered spelling)": "comtrade_legacy_altered"}


def convert(sheet: RawSheet) -> LayoutResult:
    return read(sheet, SERBIA_USA)


def read(sheet: RawSheet, pairs: Pairs) -> LayoutResult:
    """The rows `pairs` keeps (flows X and M, totals and, for trade, product lines), each checked at its cell."""
    header_at, cols, variant = _header(sheet)
    problems: list[Problem] = []
    skipped = {pairs.others: 0, SKIP_FLOWS: 0, SKIP_BREAKDOWNS: 0, SKIP_PRODUCTS: 0}
    rows, row_numbers, seen, products = [], [], {}, set()

    def problem(row, column, value, code, **params):
        """A problem at a cell; `code` is a messages code or a Said."""
        problems.append(coded(sheet.file, sheet.sheet, row, column, shorten(value), code, **params))

    for i in range(header_at + 1, len(sheet.cells)):
        values = row_values(sheet.cells, i)
        row = sheet.first_row + i
        get = lambda role: text(values[cols[role]]) if role in cols else ""  # noqa: E731
        if not any(text(v) for v in values):
            continue
        try:
            whom = pairs.match(get)
        except Clash as exc:
            column = text(sheet.cells.iloc[header_at, cols[exc.column]]) if exc.column in cols else None
            problem(row, column, get(exc.column or ""), exc.args[0])
            continue
        if whom is None:
            skipped[pairs.others] += 1
            continue
        if get("partner2") not in ("", "0") or get("customs") not in ("", "C00") or get("mot") not in ("", "0"):
            skipped[SKIP_BREAKDOWNS] += 1
            continue
        flow_code = _flow_code(get)
        if flow_code not in ("X", "M"):
            skipped[SKIP_FLOWS] += 1
            continue
        period = get("period")
        if not (period.isdigit() and len(period) in (4, 6) and 1 <= int(period[4:] or 1) <= 12):
            problem(row, "period", period, "period_expected")
            continue
        try:
            amount = Decimal(get("value").replace(",", ""))
        except InvalidOperation:
            problem(row, "value", get("value"), "trade_value_expected")
            continue
        year, month = int(period[:4]), (int(period[4:]) if len(period) == 6 else None)
        cmd = get("cmd")
        product_code = None if cmd.upper() in ("", "TOTAL") else cmd
        if product_code and not pairs.products:
            skipped[SKIP_PRODUCTS] += 1
            continue
        if product_code:
            products.add(product_code)
        stored = {
            "reporter": whom["reporter"], "partner": whom.get("partner"), "year": year, "month": month,
            "flow": whom["flows"][flow_code], "value": whole(amount), "currency": "USD", "product_code": product_code,
            "product": (get("cmd_desc") or None) if product_code else None,
            "flow_as_reported": f"{whom['side']} {'exports' if flow_code == 'X' else 'imports'} ({flow_code})",
            "source": f"{SOURCE} (uploaded as {sheet.file})",
            "note": None,
        }
        key = tuple(stored[k] for k in ("reporter", "partner", "year", "month", "flow", "product_code"))
        if key in seen:
            problem(row, "period", period, "figure_twice", first=seen[key])
            continue
        seen[key] = row
        rows.append(stored)
        row_numbers.append(row)
    warnings = [said("comtrade_layout", variant=said(VARIANTS[variant]))]
    for why, n in skipped.items():
        if n:
            warnings.append(said("rows_skipped", count=n, why=why))
    if products and any(r["product_code"] is None for r in rows):
        warnings.append(said("totals_and_products"))
    if not rows and not problems:
        problem(None, None, None, pairs.nothing)
    info = {"layout": pairs.name, "variant": variant, "rows_skipped": sum(skipped.values()),
            "skipped_why": "; ".join(f"{n} {why}" for why, n in skipped.items() if n)}
    if pairs.dataset != DATASET:
        info["partners"] = sorted({r["partner"] for r in rows})
    return LayoutResult(trade_frame(rows, pairs.dataset), row_numbers, warnings, problems, info)


def _flow_code(get) -> str:
    code = get("flow").upper()
    if code in ("X", "M", "RX", "RM", "XIP", "MIP", "DX", "FM"):
        return code
    legacy = LEGACY_FLOW_CODES.get(get("flow_code"))
    return legacy or LEGACY_FLOW_WORDS.get(fold(get("flow")), code)
