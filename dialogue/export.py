"""Export a dataset with canonical column names to CSV or XLSX, current or as known at a moment, formula-safe."""
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dialogue import db, safe_cells, store
from dialogue.datasets import DATASETS
from dialogue.files import atomic_write

FORMATS = (".csv", ".xlsx")
# Issue 3: every export made from the demo workspace carries a visible label.
DEMO_LABEL = "DEMO DATA — synthetic figures, not real statistics"
DEMO_SHEET = "DEMO DATA"


def demo_label(con) -> str | None:
    """The label an export from this database must carry: DEMO_LABEL when it holds synthetic data, else None."""
    return DEMO_LABEL if db.holds_synthetic(con) else None


def _plain(value):
    """A cell value as Python: None for missing, date for dates, int for whole-number columns."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if hasattr(value, "item"):           # numpy scalars
        return value.item()
    return value


def _csv_text(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return safe_cells.for_csv(str(value))


def rows_for_export(con, dataset: str, known_at: datetime | None = None) -> pd.DataFrame:
    return store.current_rows(con, dataset, known_at)


def write_csv(frame: pd.DataFrame, out: Path, label: str | None = None) -> None:
    """UTF-8 with BOM (so Excel shows č, ć, ш right), comma-separated, standard quoting; a label
    (demo data) goes on a first line of its own, which the reader skips like any title above the header."""
    with atomic_write(out, binary=False, encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        if label:
            writer.writerow([f"# {label}"])
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([_csv_text(v) for v in row])


def write_xlsx(frame: pd.DataFrame, out: Path, sheet: str, label: str | None = None) -> None:
    """One sheet, header first; text always stored as text, never a formula. With a label (demo data):
    a first sheet named DEMO DATA holding it, and the label as a title row above the header."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    if label:
        front = wb.create_sheet(DEMO_SHEET)
        title = WriteOnlyCell(front, value=label)
        title.font = Font(bold=True, size=14, color="C00000")
        front.append([title])
        front.append(["These rows come from a database holding synthetic demo data (the 'synthetic' column says "
                      "which). Do not cite them without checking each row's source."])
    ws = wb.create_sheet(sheet)
    if label:
        title = WriteOnlyCell(ws, value=label)
        title.font = Font(bold=True, color="C00000")
        ws.append([title])
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            value = _plain(value)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            cell = WriteOnlyCell(ws)
            safe_cells.write_xlsx_cell(cell, value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        ws.append(cells)
    with atomic_write(out) as fh:
        wb.save(fh)


def export_dataset(con, dataset: str, out, known_at: datetime | None = None) -> int:
    """Write the dataset's rows (canonical columns) to `out`; the format follows the suffix. Returns rows written."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}")
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"export to {' or '.join(FORMATS)}, not {suffix or 'no extension'}")
    frame = rows_for_export(con, dataset, known_at)
    label = demo_label(con)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        write_csv(frame, out, label)
    else:
        write_xlsx(frame, out, dataset, label)
    return len(frame)
