"""Timing and machine facts: warm-up, then interleaved rounds, so contenders share the same noise."""
from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Timing:
    """Seconds of each timed run (warm-up runs excluded)."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def max(self) -> float:
        return max(self.runs)

    def to_dict(self) -> dict:
        return {"median": self.median, "min": self.min, "max": self.max, "runs": self.runs}


@dataclass
class Contender:
    """One thing to time: `run(state)` is timed; `setup()` (untimed) makes its state, `teardown(state)` cleans up."""

    run: Callable
    setup: Callable[[], object] = lambda: None
    teardown: Callable[[object], None] = lambda state: None
    check: Callable[[object], None] = lambda result: None   # verifies the warm-up's (or first timed run's) result


def compare(contenders: dict[str, Contender], runs: int, warmup: int = 1) -> dict[str, Timing]:
    """Warm each contender up, then time them in interleaved rounds (A B C, A B C, ...).

    Each contender's result is checked once: after its warm-up, or with no warm-up (the smoke run) after its first
    timed run, outside the timing."""
    timings = {name: Timing() for name in contenders}
    for _ in range(warmup):
        for c in contenders.values():
            state = c.setup()
            try:
                c.check(c.run(state))
            finally:
                c.teardown(state)
    for round_ in range(runs):
        for name, c in contenders.items():
            state = c.setup()
            gc.collect()
            try:
                start = time.perf_counter()
                result = c.run(state)
                timings[name].runs.append(time.perf_counter() - start)
                if warmup == 0 and round_ == 0:
                    c.check(result)
            finally:
                c.teardown(state)
    return timings


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    """The commit measured, marked when tracked files differ from it (the figures are not its)."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10)
        changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                  ":!BENCHMARKS.md"],      # the report itself is rewritten by every run
                                 cwd=ROOT, capture_output=True, text=True, timeout=10)
        commit = out.stdout.strip() or "unknown"
        return commit + (" + uncommitted changes" if changed.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine() -> dict:
    """What the figures were measured on."""
    import psutil

    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_at_start": load,
        "commit": _git_commit(),
        "versions": {p: _version(p) for p in (
            "duckdb", "pandas", "pyarrow", "numpy", "fastexcel", "openpyxl", "streamlit", "altair",
            "vl-convert-python", "fpdf2", "psutil")},
    }
