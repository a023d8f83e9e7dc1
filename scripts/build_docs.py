"""Write docs/datasets.md from dialogue/datasets.py, so the documented schemas cannot drift from the code."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialogue.config import ROOT  # noqa: E402
from dialogue.datasets import DATASETS  # noqa: E402

OUT = ROOT / "docs" / "datasets.md"


def _type(column) -> str:
    if column.type != "enum":
        return column.type
    return "one of " + ", ".join(f"`{v}`" for v in column.values)


def render() -> str:
    lines = [
        "# Datasets: the canonical schemas",
        "",
        "Generated from `dialogue/datasets.py` by `python scripts/build_docs.py`; a test keeps it in step.",
        "Column names are matched case- and diacritic-insensitively through English, Serbian Latin and",
        "Serbian Cyrillic synonyms, so an upload need not use these exact headers.",
        "",
    ]
    for ds in DATASETS.values():
        lines += [
            f"## `{ds.name}`",
            "",
            ds.description,
            "",
            "Natural key (merge matches rows on it): " + ", ".join(f"`{k}`" for k in ds.key) + ".",
            "",
            "| column | type | required | meaning |",
            "|---|---|---|---|",
        ]
        for c in ds.columns:
            lines.append(f"| `{c.name}` | {_type(c)} | {'yes' if c.required else ''} | {c.description} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(render(), encoding="utf-8")
    print(OUT)
