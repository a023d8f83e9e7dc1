"""The briefing pack as a PDF (fpdf2): executive summary, details and contents, one-page scorecard, areas with charts,
annex."""
from __future__ import annotations

import math
from datetime import timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dialogue import files
from dialogue.formats import fmt_date
from dialogue.i18n import t
from dialogue.reports import executive, pdf_images, pdf_table, pdf_text, render
from dialogue.reports.content import ReportContent
from dialogue.reports.labels import (
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    dataset_name,
    figure,
    label,
)
from dialogue.summary import DUE_DAYS
from dialogue.vocab import status_word

FONTS_DIR = Path(__file__).with_name("fonts")
FONT = "DejaVu"
MARGIN = 15
GREY = (90, 90, 90)
DEMO_RED = (180, 0, 0)


class _Pack(FPDF):
    """A4 pages with the DEMO label on top (demo workspace) and 'Page n of N' at the foot."""

    def __init__(self, content: ReportContent, pngs: dict | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.content = content
        self.pngs = pngs or {}          # id(chart): the future of its image
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 2)
        add_fonts(self)
        self.alias_nb_pages()
        self.set_title(content.title)
        self.set_creator("Dialogue Monitor")
        # Same content, same bytes: the creation date is the moment the data is as known at.
        self.set_creation_date(content.known_at.replace(tzinfo=timezone.utc))

    def header(self):
        if self.content.demo:
            self.set_xy(MARGIN, 6)
            self.set_font(FONT, "B", 9)
            self.set_text_color(*DEMO_RED)
            self.cell(0, 5, label("demo_label", self.content.lang), align="C")
            self.set_text_color(0, 0, 0)
        self.set_xy(MARGIN, MARGIN + 4)

    def footer(self):
        self.set_y(-MARGIN + 3)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        lang = self.content.lang
        self.cell(0, 5, f"{label('page', lang)} {self.page_no()} {label('of', lang)} {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def add_fonts(pdf: FPDF) -> None:
    """DejaVu Sans (regular, bold, oblique), shipped with the package: Latin with diacritics and Cyrillic."""
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", str(FONTS_DIR / "DejaVuSans-Oblique.ttf"))


def write_pdf(content: ReportContent, path: str | Path) -> Path:
    """Render the report's PDF into `path` and return it."""
    path = Path(path)
    files.write_bytes(path, pdf_bytes(content))
    return path


def _all_charts(content: ReportContent) -> list:
    """Every chart the PDF draws, in order."""
    region_charts = content.region.charts if content.region else []
    return [chart for section in content.areas for chart in section.charts] + list(region_charts)


def start_pngs(content: ReportContent) -> dict:
    """Start rendering the images of every chart the PDF draws, in order, on background threads: {id(chart): future}."""
    images = render.ChartImages()
    images.start(_all_charts(content))
    return images.close()


def pdf_bytes(content: ReportContent, pngs: dict | None = None) -> bytes:
    """The PDF; `pngs` are start_pngs(content) when the caller started them (each chart waits for its own image, so
    the pages before the charts are laid out while the images are rendered)."""
    pngs = start_pngs(content) if pngs is None else pngs
    pdf, size = None, None
    while True:  # the scorecard must fit one page: shrink its type if the estimate was too generous
        pdf = _Pack(content, pngs)
        size = size or _estimated_size(pdf, content)
        _executive(pdf, content)
        _cover(pdf, content)
        pdf.insert_toc_placeholder(_render_toc, pages=1, allow_extra_pages=True)
        first = pdf.page_no()
        _scorecard(pdf, content, size)
        if pdf.page_no() == first or size <= SIZES[-1]:
            break
        size -= 0.5
    _changes(pdf, content)
    _milestones(pdf, content)
    if content.kind in ("briefing", "annual"):
        _delivery(pdf, content)
    if content.kind != "public":
        _assessments(pdf, content)
    if content.kind in ("quarterly", "annual"):
        _cadence(pdf, content)
    for section in content.areas:
        _area(pdf, content, section)
    if content.region is not None:
        _region(pdf, content, content.region)
    if content.kind != "public":
        _notes(pdf, content)
    _annex(pdf, content)
    return bytes(pdf.output())


# ---------------------------------------------------------------- building blocks

def _heading(pdf: FPDF, text: str, level: int = 0, new_page: bool = True) -> None:
    if new_page:
        pdf.add_page()
    pdf.start_section(text, level=level)
    pdf.set_font(FONT, "B", 15 if level == 0 else 11.5)
    pdf_text.paragraph(pdf, 7 if level == 0 else 6, text)
    pdf.ln(1.5)
    pdf.set_font(FONT, "", 9.5)


def _para(pdf: FPDF, text: str, size: float = 9.5, style: str = "", colour=(0, 0, 0)) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf_text.paragraph(pdf, size * 0.5, text)
    pdf.set_text_color(0, 0, 0)


def _badge(pdf: FPDF, status: str, lang: str, size: float = 9) -> None:
    """Symbol (in the status colour) then the status word: never colour alone."""
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*STATUS_COLOURS[status])
    pdf.cell(pdf.get_string_width(STATUS_SYMBOLS[status] + " ") + 0.5, size * 0.5,
             STATUS_SYMBOLS[status] + " ")
    pdf.set_text_color(0, 0, 0)
    pdf.cell(pdf.get_string_width(status_word(status, lang)) + 2, size * 0.5, status_word(status, lang))
    pdf.set_font(FONT, "", 9.5)


def badge_text(status: str, lang: str) -> str:
    return f"{STATUS_SYMBOLS[status]} {status_word(status, lang)}"


def _render_toc(pdf: FPDF, outline) -> None:
    lang = pdf.content.lang
    pdf.set_x(MARGIN)
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 9, label("contents", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for section in outline:
        indent = 6 * section.level
        pdf.set_font(FONT, "B" if section.level == 0 else "", 10 if section.level == 0 else 9)
        link = pdf.add_link(page=section.page_number)
        page = str(section.page_number)
        width = pdf.epw - indent - 12
        name = section.name
        while pdf.get_string_width(name) > width and len(name) > 4:
            name = name[:-2]
        if name != section.name:
            name = name[:-1] + "…"
        pdf.set_x(MARGIN + indent)
        pdf.cell(width, 5.5, name, link=link)
        pdf.cell(12, 5.5, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# ---------------------------------------------------------------- sections

def _executive(pdf: _Pack, c: ReportContent) -> None:
    """Page 1: the answer in one page (sentences to read aloud, status tiles, what worsened, what is due)."""
    lang, ex = c.lang, c.executive
    pdf.add_page()
    pdf.set_font(FONT, "B", 12)
    pdf_text.paragraph(pdf, 6, c.title)
    known = c.known_at_text + " UTC" + ("" if c.known_at_given else " " + label("known_at_now", lang))
    _para(pdf, f"{label('as_of', lang)}: {fmt_date(c.as_of, lang)} · {label('known_at', lang)}: {known}", 8.5,
          colour=GREY)
    pdf.ln(3)
    _heading(pdf, label("exec_summary", lang), new_page=False)
    _subheading(pdf, label("exec_in_brief", lang))
    for sentence in ex.sentences:
        _para(pdf, sentence, 11)
        pdf.ln(1.2)
    pdf.ln(1.5)
    _subheading(pdf, label("exec_tiles", lang).format(date=fmt_date(ex.since, lang)))
    _tiles(pdf, ex, lang)
    pdf.ln(3)
    since = fmt_date(ex.since, lang)
    _subheading(pdf, t("worsened_title", lang, date=since))
    if ex.worsened:
        _status_table(pdf, [label("target", lang), label("before", lang), label("after", lang), label("reason", lang)],
                      (55, 27, 27), [([m["wording"], badge_text(m["from"], lang), badge_text(m["to"], lang),
                                       m["reason"] or "—"], m["to"]) for m in ex.worsened], size=8)
    else:
        _para(pdf, t("worsened_none", lang, date=since), 9.5)
    pdf.ln(3)
    _subheading(pdf, t("due_title", lang, days=DUE_DAYS))
    if ex.due:
        for d in ex.due:
            _para(pdf, "• " + executive.due_text(d, lang), 9.5)
            pdf.ln(0.6)
        if ex.due_more:
            _para(pdf, label("exec_due_more", lang).format(n=ex.due_more), 8.5, colour=GREY)
    else:
        _para(pdf, t("due_none", lang, days=DUE_DAYS), 9.5)


def _subheading(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "B", 10.5)
    pdf_text.paragraph(pdf, 5.5, text)
    pdf.ln(0.8)


def _tiles(pdf: FPDF, ex, lang: str) -> None:
    """One cell per status: symbol and word (in the status colour), the count, the change since the quarter end."""
    pdf.set_font(FONT, "", 8)
    n = len(ex.tiles)
    pdf_table.draw(pdf, [pdf.epw / n] * n, [
        [_status_cell(badge_text(tile.status, lang), tile.status, 8) for tile in ex.tiles],
        [pdf_table.Cell(str(tile.n), style="B", size=16) for tile in ex.tiles],
        [pdf_table.Cell(executive.change_text(tile.delta), size=8, color=GREY) for tile in ex.tiles],
    ], line_height=4.2, padding=(1, 0.6), align="C", headings=0)


def _cover(pdf: _Pack, c: ReportContent) -> None:
    """Page 2 (before the contents): what the report is, as of when, from which data."""
    lang = c.lang
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf_text.paragraph(pdf, 9, c.title)
    pdf.ln(3)
    rows = [(label("as_of", lang), fmt_date(c.as_of, lang))]
    known = c.known_at_text + " UTC"
    if not c.known_at_given:
        known += " " + label("known_at_now", lang)
    rows.append((label("known_at", lang), known))
    if c.period_start:
        rows.append((label("period", lang), f"{fmt_date(c.period_start, lang)} – {fmt_date(c.period_end, lang)}"))
    rows.append((label("since", lang), fmt_date(c.since, lang)))
    rows.append((label("language", lang), label("language_name", lang)))
    rows.append((label("workspace", lang), label(f"ws_{c.workspace}", lang) if c.workspace in ("reference", "demo", "empty") else c.workspace))
    for key, value in rows:
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(60, 5.5, key)
        pdf.set_font(FONT, "", 9.5)
        pdf.multi_cell(0, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.demo:
        pdf.ln(4)
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(*DEMO_RED)
        pdf.set_draw_color(*DEMO_RED)
        pdf.set_line_width(0.8)
        pdf.multi_cell(0, 10, label("demo_label", lang), border=1, align="C",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)
    if c.kind == "public":
        pdf.ln(3)
        _para(pdf, label("public_note", lang), 9, colour=GREY)
    pdf.ln(2)
    _para(pdf, f"{label('generated_by', lang)} Dialogue Monitor", 8.5, colour=GREY)
    pdf.ln(5)


def _scorecard_table(pdf: FPDF, c: ReportContent, size: float) -> None:
    lang = c.lang
    pdf.set_font(FONT, "", size)
    rows = [pdf_table.cells([label("target", lang), label("status", lang), label("headline", lang),
                             label("reason", lang)])]
    for section in c.areas:
        if not section.statuses:
            continue
        rows.append([pdf_table.Cell(section.title, style="B", size=size, fill=AREA_FILL, colspan=4)])
        for s in section.statuses:
            rows.append([pdf_table.Cell(s.wording), _status_cell(badge_text(s.status, lang), s.status, size),
                         pdf_table.Cell(figure(s, lang)), pdf_table.Cell(s.reason or "—")])
    _table(pdf, _score_widths(pdf), rows, size * 0.45, size, padding=(0.6, 1))


HEADING_FILL = (225, 230, 240)
AREA_FILL = (242, 242, 242)


def _table(pdf: FPDF, widths, rows, line_height: float, size: float, padding=(0, 0)) -> None:
    """A table whose first row is its heading (bold on a tinted ground, repeated on every page), left-aligned text."""
    pdf_table.draw(pdf, widths, rows, line_height=line_height, padding=padding,
                   heading_look={"style": "B", "size": size, "fill": HEADING_FILL})


def _status_cell(text: str, status: str, size: float) -> pdf_table.Cell:
    return pdf_table.Cell(text, style="B", size=size, color=STATUS_COLOURS[status])


SIZES = (8, 7.5, 7, 6.5, 6, 5.5)


def _estimated_size(pdf: FPDF, c: ReportContent) -> float:
    """The largest font size at which the scorecard should fit one page, from measured text widths."""
    widths = _score_widths(pdf)
    available = pdf.h - pdf.t_margin - pdf.b_margin - 12
    for size in SIZES:
        pdf.set_font(FONT, "", size)
        line = size * 0.45
        height = 2 * line + 2
        for section in c.areas:
            if section.statuses:
                height += line + 1.2
            for st in section.statuses:
                texts = (st.wording, badge_text(st.status, c.lang), figure(st, c.lang), st.reason or "—")
                lines = max(math.ceil(1.15 * pdf.get_string_width(t) / (w - 2)) for t, w in zip(texts, widths))
                height += max(lines, 1) * line + 1.2
        if height <= available:
            return size
    return SIZES[-1]


def _score_widths(pdf: FPDF) -> tuple[float, ...]:
    return (58, 27, 32, pdf.epw - 117)


def _scorecard(pdf: _Pack, c: ReportContent, size: float) -> None:
    _heading(pdf, label("scorecard", c.lang), new_page=False)  # the contents placeholder broke the page
    _scorecard_table(pdf, c, size)


def _changes(pdf: _Pack, c: ReportContent) -> None:
    lang = c.lang
    _heading(pdf, f"{label('changes', lang)}: {fmt_date(c.since, lang)} – {fmt_date(c.as_of, lang)}")
    _heading(pdf, label("status_moves", lang), level=1, new_page=False)
    if not c.status_moves:
        _para(pdf, label("no_status_moves", lang))
    else:
        _status_table(pdf, [label("target", lang), label("before", lang), label("after", lang), label("reason", lang)],
                      (55, 27, 27), [([m["wording"], badge_text(m["before"], lang) if m["before"] else "—",
                                       badge_text(m["after"], lang), m["reason"] or "—"], m["after"])
                                     for m in c.status_moves])
    pdf.ln(3)
    _heading(pdf, label("new_evidence", lang), level=1, new_page=False)
    _evidence_table(pdf, c, c.new_evidence, empty=label("no_new_evidence", lang))


def _evidence_table(pdf: FPDF, c: ReportContent, rows: list[dict], empty: str, limit: int = 60) -> None:
    lang = c.lang
    if not rows:
        _para(pdf, empty)
        return
    pdf.set_font(FONT, "", 8)
    _table(pdf, (22, 24, 74, pdf.epw - 120),
           [pdf_table.cells([label("date", lang), label("dataset", lang), label("what", lang), label("source", lang)])]
           + [pdf_table.cells([fmt_date(e["date"], lang), dataset_name(e["dataset"], lang), e["title"],
                               e["source"] or "—"]) for e in rows[:limit]], 3.8, 8)
    if len(rows) > limit:
        _para(pdf, f"… +{len(rows) - limit}", 8, colour=GREY)


def _milestones(pdf: _Pack, c: ReportContent) -> None:
    lang = c.lang
    pdf.ln(3)
    _heading(pdf, label("milestones", lang), new_page=pdf.get_y() > pdf.h / 2)
    if not c.milestones:
        _para(pdf, label("no_milestones", lang))
        return
    _status_table(pdf, [label("deadline", lang), label("target", lang), label("status", lang), label("reason", lang)],
                  (22, 55, 27), [([fmt_date(m["deadline"], lang), m["wording"], badge_text(m["status"], lang),
                                   m["reason"] or "—"], m["status"]) for m in c.milestones])


def _assessments(pdf: _Pack, c: ReportContent) -> None:
    """Issue 14: approved quarterly assessments beside the computed status (which they never replace)."""
    lang = c.lang
    pdf.ln(3)
    _heading(pdf, label("assessments", lang), level=1, new_page=False)
    if not c.assessments:
        _para(pdf, label("no_assessments", lang))
        return
    _status_table(pdf, [label("quarter", lang), label("target", lang), label("status", lang), label("confidence", lang),
                        label("narrative", lang)], (18, 50, 27, 25),
                  [([a["quarter"], a["wording"], badge_text(a["status"], lang), a["confidence"],
                     a["narrative"] + (f" — {a['next_steps']}" if a["next_steps"] else "")
                     + f" ({label('approved_by', lang)}: {a['approved_by']})"], a["status"]) for a in c.assessments])


def _delivery(pdf: _Pack, c: ReportContent) -> None:
    """Issue 14: what was promised since the last annual meeting and what happened; overdue actions by owner."""
    lang = c.lang
    _heading(pdf, label("commitments_since", lang))
    if not c.commitments:
        _para(pdf, label("no_commitments", lang))
    else:
        pdf.set_font(FONT, "", 8)
        rows = [pdf_table.cells([label("made_at", lang), label("commitment", lang), label("owner", lang),
                                 label("due", lang), label("state", lang), label("source", lang)])]
        for m in c.commitments:
            state = m["state"] + (f" ({label('overdue', lang)})" if m["overdue"] else "")
            rows.append(pdf_table.cells([fmt_date(m["made_at"], lang), m["text"], m["owner"] or "—",
                                         fmt_date(m["due"], lang) if m["due"] else "—", state, m["source"] or "—"]))
        _table(pdf, (20, 62, 34, 20, 24, pdf.epw - 160), rows, 3.8, 8)
    pdf.ln(3)
    _heading(pdf, label("overdue_by_owner", lang), level=1, new_page=False)
    if not c.overdue_actions:
        _para(pdf, label("no_overdue", lang))
        return
    pdf.set_font(FONT, "", 8)
    _table(pdf, (45, 22, 80, 22, pdf.epw - 169),
           [pdf_table.cells([label("owner", lang), "Id", label("action", lang), label("due", lang), label("state", lang)])]
           + [pdf_table.cells([a["owner"], a["action_id"], a["title"], fmt_date(a["due"], lang) if a["due"] else "—",
                               a["state"]]) for a in c.overdue_actions], 3.8, 8)


def _status_table(pdf: FPDF, headings: list[str], widths: tuple[float, ...], rows: list[tuple[list[str], str]],
                  size: float = 8.5) -> None:
    """A table whose third column is a status (symbol and word, coloured); the last column takes the rest."""
    pdf.set_font(FONT, "", size)
    _table(pdf, (*widths, pdf.epw - sum(widths)), [pdf_table.cells(headings)] + [
        [_status_cell(text, status, size) if i == 2 else pdf_table.Cell(text) for i, text in enumerate(cells)]
        for cells, status in rows], 4, size)


def _cadence(pdf: _Pack, c: ReportContent) -> None:
    _heading(pdf, label("cadence", c.lang))
    for s in c.cadence:
        _target_block(pdf, c, s)


def _target_block(pdf: FPDF, c: ReportContent, s) -> None:
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.set_font(FONT, "B", 10)
    pdf_text.paragraph(pdf, 5, s.wording)
    _badge(pdf, s.status, c.lang)
    pdf.set_font(FONT, "", 9)
    pdf_text.paragraph(pdf, 4.5, figure(s, c.lang))
    _para(pdf, s.reason or "", 9)
    pdf.ln(2)


def _area(pdf: _Pack, c: ReportContent, section) -> None:
    lang = c.lang
    _heading(pdf, section.title)
    if not section.statuses:
        _para(pdf, label("no_target_area", lang), 9.5, style="I", colour=GREY)
        pdf.ln(2)
    for s in section.statuses:
        _target_block(pdf, c, s)
    if section.chart_error:
        _para(pdf, f"{label('chart_failed', lang)} ({section.chart_error})", 8.5, style="I", colour=GREY)
    _charts(pdf, section.charts)
    if section.evidence or not section.statuses:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 6, label("evidence", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _evidence_table(pdf, c, section.evidence, empty=label("nothing_recorded", lang), limit=25)


def _charts(pdf: _Pack, charts) -> None:
    """Each chart under its title, centred, a new page when it would not fit."""
    for chart in charts:
        future = pdf.pngs.get(id(chart))
        png, ready = future.result() if future is not None else render.PngQueue.render_now(chart.spec())
        if png is None:
            continue
        width, height = _image_size(pdf, png[1], png[2])
        if pdf.get_y() + height + 8 > pdf.h - MARGIN - 2:
            pdf.add_page()
        pdf.start_section(chart.title, level=1)
        pdf.set_font(FONT, "B", 9.5)
        pdf_text.paragraph(pdf, 5, chart.title)
        pdf_images.place(pdf, png[0], ready, MARGIN + (pdf.epw - width) / 2, width, height)
        pdf.ln(3)


def _region(pdf: _Pack, c: ReportContent, region) -> None:
    """Serbia in the region: the series compared, the two charts and Serbia's rank each year; one sentence if none."""
    from dialogue.i18n import t

    lang = c.lang
    _heading(pdf, region.title)
    if region.series is None:
        _para(pdf, label("region_none", lang), 9.5, style="I", colour=GREY)
        return
    _para(pdf, f"{label('region_series', lang)}: {region.series}", 9.5)
    for note in region.notes:
        _para(pdf, note, 8.5, style="I", colour=GREY)
    pdf.ln(2)
    if region.chart_error:
        _para(pdf, f"{label('chart_failed', lang)} ({region.chart_error})", 8.5, style="I", colour=GREY)
    _charts(pdf, region.charts)
    if region.ranks:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 6, t("region_rank_title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 9)
        pdf_table.draw(pdf, (40, 30, 30),
                       [pdf_table.cells((t("axis_year", lang), t("col_rank", lang), t("axis_growth", lang)))]
                       + [pdf_table.cells((r["period"], r["rank"], r["growth"])) for r in region.ranks],
                       line_height=2 * pdf.font_size, heading_look={"style": "B"})


def _image_size(pdf: FPDF, px_width: int, px_height: int) -> tuple[float, float]:
    """Millimetres for a chart image: its natural size (CSS pixels at 96 dpi), shrunk to fit the page."""
    width = px_width / render.PNG_SCALE * 25.4 / 96
    height = px_height / render.PNG_SCALE * 25.4 / 96
    shrink = min(1.0, pdf.epw / width, 120 / height)
    return width * shrink, height * shrink


def _notes(pdf: _Pack, c: ReportContent) -> None:
    lang = c.lang
    _heading(pdf, label("notes", lang))
    if not c.notes:
        _para(pdf, label("no_notes", lang))
        return
    order = [s.target for s in c.statuses] + sorted(set(c.notes) - {s.target for s in c.statuses})
    for target in order:
        if target not in c.notes:
            continue
        pdf.set_font(FONT, "B", 10)
        pdf_text.paragraph(pdf, 5, c.wording(target))
        for note in c.notes[target]:
            _para(pdf, f"{fmt_date(note['note_date'], lang)} · {note['author']} · "
                       f"{note['created_at']:%Y-%m-%d %H:%M} UTC", 8, colour=GREY)
            _para(pdf, note["text"], 9)
        pdf.ln(2)


def _annex(pdf: _Pack, c: ReportContent) -> None:
    lang = c.lang
    _heading(pdf, label("annex", lang))
    if not c.sources:
        _para(pdf, label("no_sources", lang))
        return
    pdf.set_font(FONT, "", 7.5)
    _table(pdf, (24, pdf.epw - 40, 16), [pdf_table.cells([label("dataset", lang), label("source", lang), label("rows", lang)])]
           + [pdf_table.cells([dataset_name(s["dataset"], lang), s["source"], s["rows"]]) for s in c.sources], 3.6, 7.5)
