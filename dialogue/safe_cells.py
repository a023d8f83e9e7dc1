"""Formula neutralisation for every download: text from users never reaches a spreadsheet as something it evaluates."""
from __future__ import annotations

import re

# Control characters XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, kept here so writers need not import it).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

# Characters that start a formula or a DDE call in Excel, LibreOffice or Google Sheets: ASCII, full width
# (an IME may type ＝ for =) and the small forms; '|' starts a DDE link in older Excel and LibreOffice.
TRIGGERS = frozenset("=+-@|＝＋－＠｜﹦﹢﹣﹫")
# Characters spreadsheets skip before looking for a trigger (" =1+1" is still a formula in some of them).
# str.isspace covers spaces, tabs, line breaks, no-break and ideographic spaces; these are invisible too.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Tab and carriage return open a formula on their own in Excel's CSV import (OWASP's list).
CONTROL_STARTS = ("\t", "\r")
GUARD = "'"          # what a neutralised cell starts with: shown as typed, never evaluated

# Uploaded text that is refused at ingest as a formula (both Python's re and Arrow's RE2 read it): after any
# blanks, '=' with something after it, '@' before a name or '(', '+'/'-' joined to a call, a reference or a
# DDE link ("+1+cmd|", "-SUM(", "=-cmd|"), or a leading '|'. Text merely starting with a sign ("-5 %",
# "+381 11") is let in: every download guards it anyway (neutral()).
_BLANK = "\\s\u00a0\u3000" + INVISIBLE
FORMULA_TEXT = (rf"^[{_BLANK}]*(?:[=＝﹦][{_BLANK}]*[^{_BLANK}]|[@＠﹫][A-Za-z(]"
                rf"|[+\-＋－﹢﹣][^{_BLANK}]*[(!|&]|[|｜])")
# The first bytes (UTF-8) such text can start with: a cheap test before the pattern runs on a column.
FORMULA_FIRST_BYTES = b"=@+-| \t\r\n\x0b\x0c\xc2\xe2\xe3\xef"


def _first_visible(text: str) -> str:
    for ch in text:
        if not ch.isspace() and ch not in INVISIBLE:
            return ch
    return ""


def is_formula_like(value) -> bool:
    """True for text a spreadsheet could read as a formula: a trigger first, leading blanks skipped."""
    return isinstance(value, str) and (value.startswith(CONTROL_STARTS) or _first_visible(value) in TRIGGERS)


def neutral(value):
    """The value with formula-like text guarded by a leading apostrophe (OWASP's advice); anything else unchanged.

    The guarded text starts with the apostrophe, so no spreadsheet evaluates it, and the original
    characters follow unchanged, so a reader sees exactly what was uploaded.
    """
    return GUARD + value if is_formula_like(value) else value


def for_csv(value):
    """A value for a CSV cell: formula-like text guarded, everything else unchanged."""
    return neutral(value)


def xlsx_text(value: str) -> tuple[str, bool]:
    """(text as a spreadsheet cell stores it, whether it was guarded): control characters XML cannot hold
    become U+FFFD, formula-like text gets its apostrophe (and must be marked quote-prefixed)."""
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    guarded = is_formula_like(value)
    return (GUARD + value if guarded else value), guarded


def write_xlsx_cell(cell, value) -> None:
    """Put a value into an openpyxl cell; text is always stored as text, never a formula.

    Formula-like text is guarded as in CSV (no cell string starts with a trigger) and marked
    quote-prefixed, so Excel also keeps it as text when someone edits the cell.
    """
    if isinstance(value, str):
        value, guarded = xlsx_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if guarded:
            cell.quotePrefix = True
