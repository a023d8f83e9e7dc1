"""Layouts of real source files: each module in this package turns one publisher's sheet into canonical rows.

A layout module defines ``NAME``, ``DATASET``, ``detect(sheet) -> bool`` and
``convert(sheet) -> LayoutResult``. Modules are discovered automatically: drop a file here.
``detect`` sees the first rows of a sheet (at least ``HEAD_ROWS``; titles, notes and headers);
``convert`` sees every row. Cells are positional (no header): CSV cells are strings, Excel cells
are as the reader typed them (str, float, datetime, bool) with empty cells as None/NaN.
"""
from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType

import pandas as pd

from dialogue.problems import Problem

TEMPLATE = "template"
HEAD_ROWS = 50
log = logging.getLogger(__name__)


@dataclass
class RawSheet:
    file: str
    sheet: str | None
    cells: pd.DataFrame           # no header, positional columns 0..n-1
    first_row: int = 1            # spreadsheet row number of cells.iloc[0]


@dataclass
class LayoutResult:
    frame: pd.DataFrame                                # canonical column names (a subset is fine)
    row_numbers: list[int]                             # spreadsheet row of each frame row
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    info: dict = field(default_factory=dict)


def discover() -> list[ModuleType]:
    """Every layout module in this package, in name order (a broken module is logged and skipped)."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{__name__}.{info.name}")
        except Exception:  # a layout that fails to import must not stop every upload
            log.exception("layout module %s failed to import", info.name)
            continue
        if all(hasattr(module, attr) for attr in ("NAME", "DATASET", "detect", "convert")):
            found.append(module)
    return found


def names() -> list[str]:
    """Names of every layout we can read, the canonical template first."""
    return [TEMPLATE, *(m.NAME for m in discover())]


def find(sheet: RawSheet, dataset: str | None = None) -> ModuleType | None:
    """The first layout whose detect() accepts the sheet (and whose dataset matches, when given)."""
    for module in discover():
        if dataset and module.DATASET != dataset:
            continue
        try:
            if module.detect(sheet):
                return module
        except Exception:  # a layout's detector crashing on an odd sheet means "not mine"
            log.exception("layout %s detect() failed", module.NAME)
    return None
