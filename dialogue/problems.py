"""One problem found in an upload, located the way the analyst sees it in the spreadsheet."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Problem:
    file: str
    sheet: str | None
    row: int | None          # row number as the spreadsheet shows it (1-based), None = whole file/column
    column: str | None       # the column's header as written in the file (or the canonical name)
    value: str | None        # the offending value as text, shortened
    message: str             # what is wrong and what was expected (English, as stored and logged)
    code: str = "other"      # language-independent kind of problem (dialogue.messages.TEMPLATES)
    params: dict = field(default_factory=dict)   # what the code's template is filled with

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        value = f" value {self.value!r}:" if self.value is not None else ""
        return f"{', '.join(where)}:{value} {self.message}"


def coded(file: str, sheet: str | None, row: int | None, column: str | None, value: str | None,
          code: str, /, **params) -> Problem:
    """A Problem whose English message is rendered from its code's template, so every language can be; `code` may
    be a Said (a refusal that travelled as text), whose code and params are taken."""
    from dialogue.messages import render

    if hasattr(code, "params"):
        code, params = code.code, {**code.params, **params}

    return Problem(file, sheet, row, column, value, render(code, params), code, params)


def told(file: str, sheet: str | None, row: int | None, column: str | None, value: str | None,
         text: str) -> Problem:
    """A Problem from a message that travelled as text (a refusal's, a store error's): coded when it is a Said."""
    code = getattr(text, "code", None)
    if code is None:
        return Problem(file, sheet, row, column, value, str(text))
    return Problem(file, sheet, row, column, value, str(text), code, dict(text.params))


def shorten(value: object, limit: int = 80) -> str | None:
    """A value as text, cut to `limit` characters so a 1 MB cell cannot flood a message."""
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
