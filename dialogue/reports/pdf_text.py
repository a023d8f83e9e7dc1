"""Line breaking for the PDF in one pass: fpdf2's multi_cell re-adds the whole line's character widths for every
character it places (most of the briefing's layout time); this gives the same lines from the same widths, summed once."""
from __future__ import annotations

from fpdf.enums import XPos, YPos

TOLERANCE = 1e-9        # fpdf2's FloatTolerance: a line breaks when it would be wider than the room by more than this
# Characters whose handling in fpdf2 (soft hyphens, other breaking spaces, form feeds) this breaker does not copy:
# text holding any of them is broken by fpdf2 itself.
NOT_HANDLED = frozenset("\u00ad\u000c\u200b\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                        "\u205f\u3000")


def handled(text: str) -> bool:
    """Whether wrap() breaks `text` exactly as fpdf2 would (plain text: spaces and newlines only)."""
    return NOT_HANDLED.isdisjoint(text)


def wrap(text: str, widths, room: float, scale: float = 1.0) -> list[str]:
    """The lines of `text` in `room` (fpdf2's word wrap): break at the last space that fits, a word longer than the
    line by character, a newline always; spaces at a break are dropped. `widths` maps a character's code to its
    width in font units (a font's `cw`); `scale` turns units into the room's unit. Empty text gives no lines."""
    lines: list[str] = []
    limit = room + TOLERANCE
    start = j = 0
    n = len(text)
    units = 0
    last_space = -1
    while j < n:
        c = text[j]
        if c == "\n":
            lines.append(text[start:j])
            j += 1
            start, units, last_space = j, 0, -1
            continue
        width = widths[ord(c)]
        if (units + width) * scale > limit:
            if c == " ":                       # the space that overflows is dropped
                lines.append(text[start:j])
                j += 1
            elif last_space >= 0:              # back to the last space that fit
                lines.append(text[start:last_space])
                j = last_space + 1
            elif j > start:                    # a word longer than the line: by character
                lines.append(text[start:j])
            else:                              # one character wider than the room: on a line of its own
                lines.append(c)
                j += 1
            start, units, last_space = j, 0, -1
            continue
        if c == " ":
            last_space = j
        units += width
        j += 1
    if units:
        lines.append(text[start:])
    return lines


def font_scale(pdf) -> float:
    """Font units to the document's unit at the current font size."""
    return pdf.font_size_pt * 0.001 / pdf.k


def lines_in(pdf, text: str, width: float) -> list[str]:
    """The lines of `text` in the current font inside a cell `width` wide (its c_margin on both sides)."""
    return wrap(text, pdf.current_font.cw, width - 2 * pdf.c_margin, font_scale(pdf))


def paragraph(pdf, h: float, text: str, align: str = "L") -> None:
    """What `multi_cell(0, h, text, new_x=LMARGIN, new_y=NEXT, align=align)` draws, one cell call per line."""
    text = text.replace("\r", "")
    if not handled(text):
        pdf.multi_cell(0, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align=align)
        return
    width = pdf.w - pdf.r_margin - pdf.x
    lines = lines_in(pdf, text, width) or [""]
    for line in lines:
        pdf.cell(width, h, line, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
    if text.endswith("\n"):      # multi_cell ends a text that ends with a newline with one more line feed
        pdf.ln()
    pdf.set_x(pdf.l_margin)
