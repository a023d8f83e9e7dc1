"""UN Comtrade CSV downloads, current (47 columns, Comtrade Plus) and legacy (35 columns, both spellings).

Only Serbia (688) and the USA (842, also 840) reporting on each other are read. The reporter's own
flow is mapped to the direction of goods: Serbia's exports (X) are serbia_to_us, the USA's exports
are us_to_serbia; imports the other way round. Values are in US dollars. The two reporters stay
separate series, "UN Comtrade (Serbia)" and "UN Comtrade (USA)", because mirror figures differ.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from dialogue.layouts import LayoutResult, RawSheet
from dialogue.layouts._source_cells import find_header, fold, row_values, text, trade_frame, whole
from dialogue.problems import Problem, shorten

NAME = "comtrade"
DATASET = "trade"
SERBIA = "688"
USA = ("842", "840")
REPORTERS = {SERBIA: "UN Comtrade (Serbia)", "842": "UN Comtrade (USA)", "840": "UN Comtrade (USA)"}
SOURCE = "UN Comtrade: https://comtradeplus.un.org/"

# folded header -> our role. Current layout first, then both spellings of the legacy one.
CURRENT = {"primaryvalue": "value", "flowcode": "flow", "reportercode": "reporter",
           "partnercode": "partner", "period": "period", "cmdcode": "cmd", "cmddesc": "cmd_desc",
           "partner2code": "partner2", "customscode": "customs", "motcode": "mot"}
LEGACY = {"trade value (us$)": "value", "tradevalueus": "value", "trade flow code": "flow_code",
          "tradeflow code": "flow_code", "trade flow": "flow", "reporter code": "reporter",
          "partner code": "partner", "period": "period", "commodity code": "cmd", "commodity": "cmd_desc",
          "2nd partner code": "partner2", "customs proc. code": "customs", "mode of transport code": "mot"}
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


def convert(sheet: RawSheet) -> LayoutResult:
    header_at, cols, variant = _header(sheet)
    problems: list[Problem] = []
    skipped = {"not Serbia–USA": 0, "re-exports, re-imports or other flow codes": 0,
               "breakdowns by second partner, customs procedure or transport mode": 0}
    rows, row_numbers, seen, products = [], [], {}, set()

    def problem(row, column, value, message):
        problems.append(Problem(sheet.file, sheet.sheet, row, column, shorten(value), message))

    for i in range(header_at + 1, len(sheet.cells)):
        values = row_values(sheet.cells, i)
        row = sheet.first_row + i
        get = lambda role: text(values[cols[role]]) if role in cols else ""  # noqa: E731
        if not any(text(v) for v in values):
            continue
        reporter, partner = get("reporter"), get("partner")
        if not ((reporter == SERBIA and partner in USA) or (reporter in USA and partner == SERBIA)):
            skipped["not Serbia–USA"] += 1
            continue
        if get("partner2") not in ("", "0") or get("customs") not in ("", "C00") or get("mot") not in ("", "0"):
            skipped["breakdowns by second partner, customs procedure or transport mode"] += 1
            continue
        flow_code = _flow_code(get)
        if flow_code not in ("X", "M"):
            skipped["re-exports, re-imports or other flow codes"] += 1
            continue
        period = get("period")
        if not (period.isdigit() and len(period) in (4, 6) and 1 <= int(period[4:] or 1) <= 12):
            problem(row, "period", period, "expected a period YYYY (annual) or YYYYMM (monthly)")
            continue
        try:
            amount = Decimal(get("value").replace(",", ""))
        except InvalidOperation:
            problem(row, "value", get("value"), "expected a trade value in US dollars")
            continue
        year, month = int(period[:4]), (int(period[4:]) if len(period) == 6 else None)
        from_serbia = (reporter == SERBIA) == (flow_code == "X")
        cmd = get("cmd")
        product_code = None if cmd.upper() in ("", "TOTAL") else cmd
        if product_code:
            products.add(product_code)
        name = REPORTERS[reporter]
        key = (name, year, month, from_serbia, product_code)
        if key in seen:
            problem(row, "period", period, f"the same figure appears twice (first in row {seen[key]})")
            continue
        seen[key] = row
        rows.append({
            "reporter": name, "year": year, "month": month,
            "flow": "serbia_to_us" if from_serbia else "us_to_serbia",
            "value": whole(amount), "currency": "USD", "product_code": product_code,
            "product": (get("cmd_desc") or None) if product_code else None,
            "flow_as_reported": f"{'Serbia' if reporter == SERBIA else 'USA'} {'exports' if flow_code == 'X' else 'imports'} ({flow_code})",
            "source": f"{SOURCE} (uploaded as {sheet.file})",
            "note": None,
        })
        row_numbers.append(row)
    warnings = [f"UN Comtrade {variant} layout; values in US dollars."]
    for why, n in skipped.items():
        if n:
            warnings.append(f"{n} rows skipped: {why}.")
    if products and any(r["product_code"] is None for r in rows):
        warnings.append("The file holds both totals and product rows; both are stored (products carry a product_code).")
    if not rows and not problems:
        problem(None, None, None, f"no Serbia ({SERBIA}) – USA ({' or '.join(USA)}) rows with flow X or M in this file")
    info = {"layout": NAME, "variant": variant, "rows_skipped": sum(skipped.values()),
            "skipped_why": "; ".join(f"{n} {why}" for why, n in skipped.items() if n)}
    return LayoutResult(trade_frame(rows), row_numbers, warnings, problems, info)


def _flow_code(get) -> str:
    code = get("flow").upper()
    if code in ("X", "M", "RX", "RM", "XIP", "MIP", "DX", "FM"):
        return code
    legacy = LEGACY_FLOW_CODES.get(get("flow_code"))
    return legacy or LEGACY_FLOW_WORDS.get(fold(get("flow")), code)
