"""What every benchmark group gets: sizes, run counts, the data files and a scratch directory."""
from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.generate import Files
from dialogue.roles import Actor

AS_OF = date(2026, 11, 27)          # fixed, so every run computes the same statuses
ACTOR = Actor("bench", "analyst")


@dataclass
class Context:
    smoke: bool
    runs: int
    warmup: int
    files: Files
    work: Path                      # scratch: databases and outputs of this run

    def fresh_db(self, name: str) -> Path:
        """A path where no database exists yet (its WAL removed too)."""
        path = self.work / name
        for p in (path, path.with_name(path.name + ".wal")):
            p.unlink(missing_ok=True)
        return path

    def scratch(self, name: str) -> Path:
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path


def missing(*modules: str) -> str | None:
    """The first of `modules` that cannot be imported, as "<module> missing (<why>)", else None."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            return f"{name} missing ({exc})" if exc.name != name else f"{name} missing"
        except Exception as exc:  # noqa: BLE001 - a module that fails to import is not measurable
            return f"{name} fails to import ({type(exc).__name__}: {exc})"
    return None


def ingest_file(con, path: Path, dataset: str):
    """Ingest one file as an analyst would (bytes + file name) and insist it was accepted."""
    from dialogue.ingest import ingest

    report = ingest(con, path.read_bytes(), path.name, ACTOR, dataset=dataset)
    if not report.ok:
        raise RuntimeError(f"{path.name} was rejected: {report.message} {report.errors[:3]}")
    return report


def expect_added(n: int):
    """A check for compare(): the warm-up ingest added exactly n rows."""
    def check(report) -> None:
        added = report.rows.get("added")
        if added != n:
            raise RuntimeError(f"expected {n} rows added, the ingest reported {report.rows}")
    return check
