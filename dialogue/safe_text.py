"""User text made inert for Markdown-rendering elements: a title cannot become a link, an image or markup."""
from __future__ import annotations

import re

# Every character Markdown (CommonMark, GFM tables, Streamlit's directives and LaTeX) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&\"'])")
_BREAKS = re.compile(r"[\r\n\t\x0b\x0c]+")


def plain(text) -> str:
    """`text` as literal characters in Markdown: every syntax character backslash-escaped, line breaks as spaces.

    Use it wherever user-derived text (uploaded titles, sources, notes, file names, user names) reaches
    st.markdown / st.write / st.caption / st.table / st.error / labels. None and NaN become "".
    """
    if text is None:
        return ""
    if isinstance(text, float) and text != text:
        return ""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(text)))


def markdown_table(frame) -> str:
    """A table as one GFM Markdown table, every heading and cell through plain(): st.markdown draws it for a
    fraction of st.table's cost per run (no Arrow table to send and decode), and uploaded text stays literal."""
    if len(frame.columns) == 0:
        return ""
    lines = ["| " + " | ".join(plain(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False, name=None)]
    return "\n".join(lines)


def _cell(value) -> str:
    """A table cell's text: empty for a missing value, whole floats without ".0", the rest as plain() text."""
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, float) and value.is_integer():
        return plain(int(value))
    return plain(value)

