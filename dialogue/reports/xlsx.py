"""The Excel annex (XlsxWriter, written in one pass): the scorecard, notes, sources and every dataset as known at
the moment."""
from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import xlsxwriter

from dialogue.datasets import DATASETS
from dialogue.files import atomic_write
from dialogue.formats import fmt_date
from dialogue.i18n import t
from dialogue.reports.content import ReportContent
from dialogue.reports.labels import STATUS_SYMBOLS, dataset_name, figure, label
from dialogue.safe_cells import xlsx_text
from dialogue.vocab import status_word

HEADER_ROW = 4            # rows 1-3: what the sheet is, as of / known at, DEMO label
TOP_ROW_FONTS = {
    "title": {"bold": True, "font_size": 13},
    "demo": {"bold": True, "font_color": "#B00000", "font_size": 12},
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": "#305496", "pattern": 1},
}
FORMATS = {"int": "0", "number": "#,##0.##", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
MAX_WIDTH = 60


def write_xlsx(content: ReportContent, path: str | Path) -> Path:
    """Write the annex workbook to `path` and return it."""
    path = Path(path)
    with atomic_write(path) as fh:
        workbook(content).save(fh)
    return path


class Annex:
    """The annex of one report; `save(file)` writes it (XlsxWriter streams each sheet, no cell objects are kept)."""

    def __init__(self, content: ReportContent):
        self.content = content

    def save(self, fh) -> None:
        """Write the workbook into a binary file object (or a path)."""
        c = self.content
        wb = xlsxwriter.Workbook(fh, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                      "strings_to_urls": False, "remove_timezone": True})
        wb.set_properties({"title": c.title, "author": "Dialogue Monitor", "created": c.known_at})
        _fill(_Styles(wb), c)
        wb.close()


def workbook(c: ReportContent) -> Annex:
    """The annex workbook of the report, ready to save."""
    return Annex(c)


def _fill(styles: _Styles, c: ReportContent) -> None:
    lang = c.lang
    _sheet(styles, c, label("scorecard", lang)[:31], label("scorecard", lang), *_scorecard_table(c))
    if c.kind != "public":
        _sheet(styles, c, label("notes", lang)[:31], label("notes", lang), *_notes_table(c))
    _sheet(styles, c, label("annex", lang)[:31].replace(":", ""), label("annex", lang),
           [label("dataset", lang), label("source", lang), label("rows", lang)],
           [[dataset_name(s["dataset"], lang), s["source"], s["rows"]] for s in c.sources], ["text", "text", "int"])
    if c.region is not None:
        _sheet(styles, c, label("region_sheet", lang)[:31], _region_title(c), *_region_table(c))
    for name, ds in DATASETS.items():
        frame = c.datasets.get(name, pd.DataFrame(columns=ds.column_names))
        types = ["date" if col.type == "date" else col.type for col in ds.columns]
        _sheet_of_columns(styles, c, name, f"{name}: {label('datasets_sheet', lang)}", ds.column_names,
                          [_column_values(frame[col], kind) for col, kind in zip(ds.column_names, types)], types)


# Values that are written as they are (what _plain returns for them unchanged).
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _column_values(series: pd.Series, kind: str) -> list:
    """A dataset column's cell values, as _cell_value makes them one by one, converted a column at a time."""
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    return [v if type(v) in _PLAIN_TYPES and not (type(v) is float and v != v) else _cell_value(v, kind)
            for v in values]


def _plain(value):
    """A cell value written as itself: NA becomes empty, pandas timestamps dates."""
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


class _Styles:
    """The workbook's cell formats, each made once: a top-row font (or none), a number format, the text guard."""

    def __init__(self, wb):
        self.wb = wb
        self._made: dict[tuple, object] = {}

    def get(self, font: str | None, number_format: str | None, guarded: bool):
        key = (font, number_format, guarded)
        if key not in self._made:
            spec = {**TOP_ROW_FONTS.get(font, {}), **({"num_format": number_format} if number_format else {}),
                    **({"quote_prefix": True} if guarded else {})}
            self._made[key] = self.wb.add_format(spec) if spec else None
        return self._made[key]


def _sheet(styles: _Styles, c: ReportContent, name: str, title: str, header: list[str], rows: list[list],
           types: list[str]) -> None:
    """One sheet: three lines saying what it is, a styled header, typed rows; filter and frozen header."""
    columns = [[_cell_value(row[j], kind) for row in rows] for j, kind in enumerate(types)]
    _sheet_of_columns(styles, c, name, title, header, columns, types)


def _sheet_of_columns(styles: _Styles, c: ReportContent, name: str, title: str, header: list[str],
                      columns: list[list], types: list[str]) -> None:
    """_sheet with its values given a column at a time (cell values as _cell_value makes them): the datasets'
    sheets hold most of the annex's cells, and a column is converted, measured and written in one loop."""
    lang = c.lang
    ws = styles.wb.add_worksheet(name)
    rows = len(columns[0]) if columns else 0
    for j, (h, values) in enumerate(zip(header, columns)):
        ws.set_column(j, j, min(max(len(str(h)) + 4, _column_width(values)), MAX_WIDTH))
    ws.freeze_panes(HEADER_ROW, 0)
    ws.autofilter(HEADER_ROW - 1, 0, HEADER_ROW - 1 + max(rows, 1), len(header) - 1)

    known = f"{c.known_at_text} UTC"
    _write(ws, styles, 0, 0, f"{c.title} — {title}", font="title")
    _write(ws, styles, 1, 0, f"{label('as_of', lang)}: {fmt_date(c.as_of, lang)} · {label('known_at', lang)}: "
                             f"{known} · {label('language', lang)}: {label('language_name', lang)}")
    if c.demo:
        _write(ws, styles, 2, 0, label("demo_label", lang), font="demo")
    for j, h in enumerate(header):
        _write(ws, styles, HEADER_ROW - 1, j, h, font="header")
    for j, (values, kind) in enumerate(zip(columns, types)):
        _write_column(ws, styles, j, values, FORMATS.get(kind))


def _write_column(ws, styles: _Styles, col: int, values: list, number_format: str | None) -> None:
    """A column's cells from row HEADER_ROW on, each as _write writes it; text and finite numbers by a short path
    (each distinct text made safe once), anything else through _write."""
    if all(value is None for value in values):
        return
    plain = styles.get(None, number_format, False)
    texts: dict[str, tuple[str, bool]] = {}
    write_string, write_number = ws.write_string, ws.write_number
    for row, value in enumerate(values, start=HEADER_ROW):
        kind = type(value)
        if kind is str:
            cell = texts.get(value)
            if cell is None:
                cell = texts[value] = _safe_text(value)
            write_string(row, col, cell[0], styles.get(None, number_format, True) if cell[1] else plain)
        elif (kind is int or kind is float) and math.isfinite(value):
            write_number(row, col, value, plain)
        elif value is not None:
            _write(ws, styles, row, col, value, number_format)


def _safe_text(value: str) -> tuple[str, bool]:
    """(the text as its cell holds it, whether it is guarded): formula-like text guarded (safe_cells), line ends
    as every reader gets them back."""
    text, guarded = xlsx_text(value)
    # XML readers turn a CR into LF; XlsxWriter would keep it as the escape _x000D_, which some readers
    # show as such: line ends are written as every reader gets them back.
    return text.replace("\r\n", "\n").replace("\r", "\n"), guarded


def _write(ws, styles: _Styles, row: int, col: int, value, number_format: str | None = None,
           font: str | None = None) -> None:
    """One cell by its type, never through XlsxWriter's guessing write(): text always stays text (safe_cells)."""
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, styles.get(font, number_format, False))
    elif isinstance(value, (int, float, Decimal)) and math.isfinite(value):
        ws.write_number(row, col, value, styles.get(font, number_format, False))
    elif isinstance(value, (datetime, date, time, timedelta)):
        ws.write_datetime(row, col, value, styles.get(font, number_format, False))
    else:
        text, guarded = _safe_text(value if isinstance(value, str) else str(value))
        ws.write_string(row, col, text, styles.get(font, number_format, guarded))


def _cell_value(value, kind: str):
    value = _plain(value)
    if kind == "date" and isinstance(value, datetime):
        return value.date()
    return value


def _column_width(values: list) -> int:
    """The widest of a column's values by _width (each distinct value of each type measured once)."""
    try:
        distinct = [value for _, value in dict.fromkeys(zip(map(type, values), values))]
    except TypeError:
        distinct = values
    return max(map(_width, distinct), default=0)


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 12 if not isinstance(value, datetime) else 20
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 2
    return len(str(value)) + 2
