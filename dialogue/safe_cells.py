"""Formula neutralisation for exports: text from users never becomes a spreadsheet formula."""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Excel, LibreOffice and Google Sheets start a formula (or DDE call) with these characters.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    """True for text a spreadsheet would read as a formula when typed or imported."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def for_csv(value):
    """A value for a CSV cell: formula-like text gets a leading apostrophe, everything else unchanged."""
    return "'" + value if is_formula_like(value) else value


def write_xlsx_cell(cell, value) -> None:
    """Put a value into an openpyxl cell; text is always stored as text, never as a formula.

    Formula-like text keeps its exact characters and is marked quote-prefixed, so Excel also keeps
    it as text when someone edits the cell.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # control characters XML cannot hold
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
