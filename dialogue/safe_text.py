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


def plain_frame(frame):
    """A copy of a table with every text cell passed through plain() (for st.table, which renders Markdown)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith(("string", "str")):
            out[col] = out[col].map(lambda v: v if v is None or (isinstance(v, float) and v != v) else plain(v))
    out.columns = [plain(c) for c in out.columns]
    return out
