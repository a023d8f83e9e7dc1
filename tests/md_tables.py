"""Read back the tables pages draw as Markdown (common.safe_table): each as a DataFrame of its cells' text."""
from __future__ import annotations

import re

import pandas as pd

_ESCAPED = re.compile(r"\\(.)")
_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    return [_ESCAPED.sub(r"\1", c.strip()) for c in _SPLIT.split(line.strip())[1:-1]]


def tables_in(text: str) -> list[pd.DataFrame]:
    """Every GFM table in a Markdown text: a heading line, a rule line, then its rows."""
    lines, out, i = text.split("\n"), [], 0
    while i + 1 < len(lines):
        if lines[i].startswith("|") and re.fullmatch(r"\|(:?-+:?\|)+", lines[i + 1].strip()):
            head, rows, i = _cells(lines[i]), [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            out.append(pd.DataFrame(rows, columns=head))
        else:
            i += 1
    return out


def tables(at) -> list[pd.DataFrame]:
    """Every Markdown table an AppTest run drew, in page order."""
    return [frame for m in at.markdown for frame in tables_in(m.value)]


def headings(at) -> list[str]:
    """Every subheader and every '### ' heading inside Markdown, in page order within each kind."""
    inside = [line[4:].strip() for m in at.markdown for line in m.value.split("\n") if line.startswith("### ")]
    return [h.value for h in at.subheader] + [_ESCAPED.sub(r"\1", h) for h in inside]
