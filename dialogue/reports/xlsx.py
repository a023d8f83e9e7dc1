"""The Excel annex (openpyxl): the scorecard, notes, sources and every dataset as known at the moment."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from dialogue.datasets import DATASETS
from dialogue.files import atomic_write
from dialogue.formats import fmt_date
from dialogue.i18n import t
from dialogue.reports.content import ReportContent
from dialogue.reports.labels import STATUS_SYMBOLS, dataset_name, figure, label
from dialogue.safe_cells import write_xlsx_cell
from dialogue.vocab import status_word

HEADER_ROW = 4            # rows 1-3: what the sheet is, as of / known at, DEMO label
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
TITLE_FONT = Font(bold=True, size=13)
DEMO_FONT = Font(bold=True, color="B00000", size=12)
FORMATS = {"int": "0", "number": "#,##0.##", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
MAX_WIDTH = 60


def write_xlsx(content: ReportContent, path: str | Path) -> Path:
    """Write the annex workbook to `path` and return it."""
    path = Path(path)
    with atomic_write(path) as fh:
        workbook(content).save(fh)
    return path


def workbook(c: ReportContent) -> Workbook:
    wb = Workbook(write_only=True)
    lang = c.lang
    _sheet(wb, c, label("scorecard", lang)[:31], label("scorecard", lang), *_scorecard_table(c))
    if c.kind != "public":
        _sheet(wb, c, label("notes", lang)[:31], label("notes", lang), *_notes_table(c))
    _sheet(wb, c, label("annex", lang)[:31].replace(":", ""), label("annex", lang),
           [label("dataset", lang), label("source", lang), label("rows", lang)],
           [[dataset_name(s["dataset"], lang), s["source"], s["rows"]] for s in c.sources], ["text", "text", "int"])
    if c.region is not None:
        _sheet(wb, c, label("region_sheet", lang)[:31], _region_title(c), *_region_table(c))
    for name, ds in DATASETS.items():
        frame = c.datasets.get(name, pd.DataFrame(columns=ds.column_names))
        types = ["date" if col.type == "date" else col.type for col in ds.columns]
        _sheet(wb, c, name, f"{name}: {label('datasets_sheet', lang)}", ds.column_names,
               [[_plain(v) for v in row] for row in frame[ds.column_names].itertuples(index=False)], types)
    wb.properties.title = c.title
    wb.properties.creator = "Dialogue Monitor"
    wb.properties.created = c.known_at
    wb.properties.modified = c.known_at
    return wb


def _plain(value):
    """A cell value openpyxl writes as itself: NA becomes empty, pandas timestamps dates."""
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _scorecard_table(c: ReportContent):
    lang = c.lang
    header = ["id", label("area", lang), label("target", lang), label("status", lang), label("headline", lang),
              "actual", "target_value", "expected_to_date", label("period", lang), label("deadline", lang),
              label("reason", lang)]
    rows = []
    for section in c.areas:
        for s in section.statuses:
            rows.append([s.target, section.title, s.wording,
                         f"{STATUS_SYMBOLS[s.status]} {status_word(s.status, lang)}", figure(s, lang),
                         s.actual, s.target_value, s.expected_to_date, s.period, s.deadline, s.reason])
    types = ["text", "text", "text", "text", "text", "number", "number", "number", "text", "date", "text"]
    return header, rows, types


def _region_title(c: ReportContent) -> str:
    """The sheet's title: the series compared, or the sentence saying there are no peer figures."""
    if c.region.series is None:
        return f"{c.region.title}: {label('region_none', c.lang)}"
    return f"{c.region.title}: {c.region.series}"


def _region_table(c: ReportContent):
    """One row per partner and year: turnover, months, growth (fraction) and rank by growth in that year."""
    header = ["partner", t("axis_partner", c.lang), "year", "months", "turnover", "growth", "rank"]
    rows = [[r["partner"], r["partner_name"], r["year"], r["months"], r["turnover"], r["growth"], r["rank"]]
            for r in c.region.rows]
    return header, rows, ["text", "text", "int", "int", "number", "number", "int"]


def _notes_table(c: ReportContent):
    lang = c.lang
    header = ["id", label("target", lang), label("date", lang), label("author", lang), "created_at (UTC)",
              label("text", lang)]
    rows = [[target, c.wording(target), n["note_date"], n["author"], n["created_at"], n["text"]]
            for target, notes in c.notes.items() for n in notes]
    return header, rows, ["text", "text", "date", "text", "datetime", "text"]


def _sheet(wb: Workbook, c: ReportContent, name: str, title: str, header: list[str], rows: list[list],
           types: list[str]) -> None:
    """One sheet, streamed (write-only): three lines saying what it is, a styled header, typed rows."""
    lang = c.lang
    ws = wb.create_sheet(name)
    rows = [[_cell_value(v, types[j]) for j, v in enumerate(row)] for row in rows]
    widths = [len(str(h)) + 4 for h in header]
    for row in rows:
        for j, value in enumerate(row):
            widths[j] = max(widths[j], _width(value))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(width, MAX_WIDTH)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(header))}{HEADER_ROW + max(len(rows), 1)}"

    known = f"{c.known_at_text} UTC"
    ws.append([_cell(ws, f"{c.title} — {title}", font=TITLE_FONT)])
    ws.append([_cell(ws, f"{label('as_of', lang)}: {fmt_date(c.as_of, lang)} · {label('known_at', lang)}: "
                         f"{known} · {label('language', lang)}: {label('language_name', lang)}")])
    ws.append([_cell(ws, label("demo_label", lang), font=DEMO_FONT)] if c.demo else [])
    ws.append([_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in header])
    for row in rows:
        ws.append([_cell(ws, v, number_format=FORMATS.get(types[j]) if v is not None else None)
                   for j, v in enumerate(row)])


def _cell_value(value, kind: str):
    value = _plain(value)
    if kind == "date" and isinstance(value, datetime):
        return value.date()
    return value


def _cell(ws, value, font=None, fill=None, number_format=None) -> WriteOnlyCell:
    """A streamed cell written through safe_cells: user text stays text, never a formula."""
    cell = WriteOnlyCell(ws)
    write_xlsx_cell(cell, value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format
    return cell


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 12 if not isinstance(value, datetime) else 20
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 2
    return len(str(value)) + 2
