"""Cell helpers shared by the real-source layouts: header search, label matching, number parsing.

Private (leading underscore): layout discovery skips it.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
import weakref
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pandas as pd

from dialogue.datasets import DATASETS
from dialogue.layouts import HEAD_ROWS


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if value is pd.NA or value is pd.NaT:
            return True
    except TypeError:
        pass
    return isinstance(value, str) and not value.strip()


def text(value: object) -> str:
    """A cell as stripped text ('' for blank); whole floats lose their '.0' (Excel codes)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().strip("|").strip()


def fold(value: object) -> str:
    """Lower-case, accents removed, whitespace collapsed: for matching labels and headers."""
    if type(value) is str:                      # the usual case: every layout folds the same head cells
        return _fold_text(value)
    return _fold(value)


def _fold(value: object) -> str:
    s = unicodedata.normalize("NFKD", text(value).replace("đ", "dj").replace("Đ", "Dj"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", s).strip().lower()


@functools.lru_cache(maxsize=8192)
def _fold_text(value: str) -> str:
    return _fold(value)


def row_values(cells: pd.DataFrame, i: int) -> list:
    return list(cells.iloc[i])


def _rows(cells: pd.DataFrame, n: int):
    """The first n rows as lists of cells (numbers as Python numbers: fold reads them alike)."""
    for start in range(0, n, 64):                  # in blocks: the header is usually near the top
        yield from cells.iloc[start:min(start + 64, n)].astype(object).to_numpy().tolist()


def find_header(cells: pd.DataFrame, required: set[str], limit: int | None = None) -> tuple[int, dict[str, int]] | None:
    """The first row holding every `required` header (folded); returns (row index, {folded name: column})."""
    n = len(cells) if limit is None else min(len(cells), limit)
    rows = _head_names(cells) if len(cells) <= HEAD_ROWS else map(_names, _rows(cells, n))
    for i, positions in enumerate(rows):
        if i >= n:
            break
        if required <= positions.keys():
            return i, dict(positions)
    return None


def _names(row: list) -> dict[str, int]:
    """{folded cell: its first column} of one row."""
    positions: dict[str, int] = {}
    for j, value in enumerate(row):
        name = fold(value)
        if name and name not in positions:
            positions[name] = j
    return positions


_last_head: tuple = (lambda: None, [])      # (weak reference to a head's cells, their rows' names)


def _head_names(cells: pd.DataFrame) -> list[dict[str, int]]:
    """Every row's names of a sheet's head, remembered for the last head: each layout's detector searches it."""
    global _last_head
    ref, names = _last_head
    if ref() is not cells:
        names = [_names(row) for row in _rows(cells, len(cells))]
        _last_head = (weakref.ref(cells), names)
    return names


def found_headers(cells: pd.DataFrame, limit: int = 30) -> list[str]:
    """The non-blank cells of the first non-blank row, for 'we found these headers' messages."""
    for i in range(min(len(cells), limit)):
        values = [text(v) for v in row_values(cells, i) if not is_blank(v)]
        if values:
            return values
    return []


class BadNumber(ValueError):
    """A cell that is not a Census figure; `code` names what was expected (a dialogue.messages code)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def census_number(value: object) -> Decimal | None:
    """A Census figure: '194,795.1', '-80,800.1' or an Excel number; None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise BadNumber("census_not_a_number")
    if isinstance(value, (int, float)):
        return Decimal(repr(value))
    s = text(value).replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", s):
        raise BadNumber("census_number_style")
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise BadNumber("census_not_a_number") from exc


def whole(amount: Decimal, scale: int = 1) -> int:
    """Scale to whole currency units, rounding half away from zero."""
    return int((amount * scale).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def trade_frame(rows: list[dict], dataset: str = "trade") -> pd.DataFrame:
    """Rows (dicts with canonical names of `dataset`, trade by default) as a typed canonical frame."""
    columns = DATASETS[dataset].column_names
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)
    types = {"year": "Int64", "month": "Int64", "value": "Float64", "publishable": "boolean",
             "synthetic": "boolean"}
    for name in columns:
        frame[name] = frame[name].astype(types.get(name, "string"))
    return frame


def month_of(value: object) -> tuple[int, int] | None:
    """(year, month) from a Census month label: 'January 2025', or a date cell Excel made of it."""
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.year, value.month
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", fold(value))
    if not m:
        return None
    name = m.group(1)
    for number, full in enumerate(MONTHS, start=1):
        if full == name or (len(name) >= 3 and full.startswith(name)):
            return int(m.group(2)), number
    return None


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MONTH_ABBR = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
