"""Blank .xlsx templates, one per dataset, so analysts type data in the shape ingest reads best."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dialogue.datasets import DATASETS, Column
from dialogue.files import atomic_write

TEMPLATE_ROWS = 5000          # rows below the header that carry the drop-down lists
TYPE_WORDS = {"text": "text", "int": "whole number", "number": "number", "date": "date (YYYY-MM-DD)",
              "bool": "yes / no", "enum": "one of the listed values"}
BOOL_VALUES = ("yes", "no")


def _choices(column: Column) -> tuple[str, ...]:
    if column.type == "enum":
        return column.values
    if column.type == "bool":
        return BOOL_VALUES
    return ()


def _default_text(column: Column) -> str:
    if column.default is None:
        return ""
    if isinstance(column.default, bool):
        return "yes" if column.default else "no"
    return str(column.default)


def build_template(dataset: str) -> Workbook:
    """The workbook: a data sheet (header, frozen, drop-downs) and a sheet describing every column."""
    ds = DATASETS[dataset]
    wb = Workbook()
    ws = wb.active
    ws.title = dataset
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for i, column in enumerate(ds.columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.name)
        cell.font = bold
        cell.fill = fill
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(column.name) + 4)
        choices = _choices(column)
        if choices:
            formula = '"' + ",".join(choices) + '"'
            if len(formula) > 257:   # Excel's limit for an inline list (255 characters inside the quotes)
                raise ValueError(f"{dataset}.{column.name}: too many values for an inline drop-down")
            dv = DataValidation(type="list", formula1=formula, allow_blank=not column.required,
                                showErrorMessage=True, errorTitle=column.name,
                                error=f"{column.name} must be one of: {', '.join(choices)}")
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
        if column.type == "date":
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=i).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"

    about = wb.create_sheet("columns")
    header = ("column", "type", "required", "allowed values", "default", "description")
    about.append(header)
    for cell in about[1]:
        cell.font = bold
        cell.fill = fill
    for column in ds.columns:
        about.append((
            column.name, TYPE_WORDS[column.type], "yes" if column.required else "no",
            ", ".join(_choices(column)), _default_text(column), column.description,
        ))
    about.append(())
    about.append((f"Key: {', '.join(ds.key)}. A row whose key is already stored updates it (merge mode).",))
    about.append((ds.description,))
    for letter, width in zip("ABCDEF", (18, 20, 10, 40, 10, 80)):
        about.column_dimensions[letter].width = width
    for row in about.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.freeze_panes = "A2"
    return wb


def write_template(dataset: str, out) -> Path:
    """Write the blank template for `dataset` to `out` (.xlsx); returns the path."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx") if not out.suffix else out
    with atomic_write(out) as fh:
        build_template(dataset).save(fh)
    return out
