"""Tables for the PDF drawn from lines broken once (pdf_text): what fpdf2's table() draws for ours (every border, the
heading row repeated on each page, text centred vertically), without breaking every cell's text twice per character."""
from __future__ import annotations

from dataclasses import dataclass

from fpdf.enums import XPos, YPos

from dialogue.reports import pdf_text


@dataclass(frozen=True)
class Cell:
    """One cell's text and look; style, size and colour default to the table's."""
    text: str
    style: str | None = None            # "", "B", "I"
    size: float | None = None           # points
    color: tuple | None = None          # text colour
    fill: tuple | None = None           # background
    colspan: int = 1


def cells(texts, **look) -> list[Cell]:
    """A row of plain cells."""
    return [Cell(str(text), **look) for text in texts]


@dataclass
class _Laid:
    row: list[Cell]
    lines: list[list[str]]
    heights: list[float]                # each cell's text height, padding included
    height: float                       # the row's


def draw(pdf, widths, rows: list[list[Cell]], line_height: float, padding: tuple[float, float] = (0, 0),
         align: str = "L", headings: int = 1, heading_look: dict | None = None, x: float | None = None) -> None:
    """Draw `rows` (the first `headings` of them styled with `heading_look` and repeated after each page break) in
    columns `widths` (mm) from the left margin or `x`; `padding` is (top and bottom, left and right)."""
    family, style0, size0 = pdf.font_family, pdf.font_style, pdf.font_size_pt
    colour0 = pdf.text_color
    left = pdf.l_margin if x is None else x
    starts = [left]
    for w in widths:
        starts.append(starts[-1] + w)
    heading_look = heading_look or {}
    laid = [_lay(pdf, widths, row, line_height, padding, heading_look if i < headings else {}, (family, style0, size0))
            for i, row in enumerate(rows)]
    if len(laid) > headings > 0:        # never a heading alone at the foot of a page
        _break_if_needed(pdf, sum(r.height for r in laid[:headings + 1]))
    for i, row in enumerate(laid):
        if _break_if_needed(pdf, row.height) and i >= headings:
            for head in laid[:headings]:
                _draw_row(pdf, head, starts, line_height, padding, align, heading_look, (family, style0, size0))
        _draw_row(pdf, row, starts, line_height, padding, align, heading_look if i < headings else {},
                  (family, style0, size0))
    pdf.set_font(family, style0, size0)
    pdf.text_color = colour0
    pdf.set_x(pdf.l_margin)


def _look(cell: Cell, heading: dict, base: tuple) -> tuple:
    family, style, size = base
    style = heading.get("style", style) if cell.style is None else cell.style
    size = cell.size or heading.get("size") or size
    return family, style, size


def _inner(pdf, width: float, padding: tuple[float, float]) -> tuple[float, float]:
    """Where a cell's text starts (from the cell's left) and how wide it may run: the padding, or c_margin without."""
    side = padding[1] or pdf.c_margin
    return side, width - 2 * side


def _lay(pdf, widths, row: list[Cell], line_height, padding, heading: dict, base: tuple) -> _Laid:
    lines, heights = [], []
    col = 0
    for cell in row:
        width = sum(widths[col:col + cell.colspan])
        col += cell.colspan
        if not cell.text:
            lines.append([])
            heights.append(0.0)
            continue
        pdf.set_font(*_look(cell, heading, base))
        _, room = _inner(pdf, width, padding)
        text = cell.text.replace("\r", "")
        broken = pdf_text.wrap(text, pdf.current_font.cw, room, pdf_text.font_scale(pdf)) or [""]
        lines.append(broken)
        heights.append(len(broken) * line_height + 2 * padding[0])
    height = max(heights, default=0.0) or line_height
    return _Laid(row, lines, heights, height)


def _break_if_needed(pdf, height: float) -> bool:
    if not pdf.will_page_break(height):
        return False
    x = pdf.x
    pdf.add_page()
    pdf.x = x
    return True


def _draw_row(pdf, laid: _Laid, starts, line_height, padding, align, heading: dict, base: tuple) -> None:
    top = pdf.y
    col = 0
    for cell, lines, text_height in zip(laid.row, laid.lines, laid.heights):
        x1, x2 = starts[col], starts[col + cell.colspan]
        col += cell.colspan
        fill = cell.fill if cell.fill is not None else heading.get("fill")
        if fill is not None:
            pdf.set_fill_color(*fill)
        pdf.rect(x1, top, x2 - x1, laid.height, style="DF" if fill is not None else "D")
        if not lines:
            continue
        pdf.set_font(*_look(cell, heading, base))
        color = cell.color if cell.color is not None else heading.get("color", (0, 0, 0))
        pdf.set_text_color(*color)
        side, room = _inner(pdf, x2 - x1, padding)
        y = top + (laid.height - text_height) / 2 + padding[0]
        for line in lines:
            # cell() keeps c_margin on each side: start it that far left of the text so the text sits at `side`
            pdf.set_xy(x1 + side - pdf.c_margin, y)
            pdf.cell(room + 2 * pdf.c_margin, line_height, line, align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)
            y += line_height
    pdf.set_xy(pdf.l_margin, top + laid.height)
