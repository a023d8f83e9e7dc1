"""One upload from bytes to committed rows: read and validate everything first, then one verified commit or nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dialogue import db, roles, store
from dialogue.datasets import DATASETS
from dialogue.messages import TEMPLATES, localized_all, said, said_all, say
from dialogue.problems import coded, shorten, told
from dialogue.roles import Actor


@dataclass
class IngestReport:
    ok: bool
    dataset: str | None
    upload_id: int | None
    layout: str | None
    rows: dict
    errors: list[dict]
    warnings: list[str]
    dry_run: bool
    message: str                      # one plain sentence (a Said: say() gives it in another language)
    changes: store.Plan | None = None
    file: str = ""
    sha256: str = ""
    info: dict = field(default_factory=dict)
    # the accepted reading behind it (its frame is the plan's), for the commit to reuse; a refused file's is not kept
    reading: object = field(default=None, repr=False)

    def to_json(self, lang: str = "en") -> dict:
        """Exactly the `ingest --json` object of the command line, each problem's message in `lang`."""
        return {"ok": self.ok, "dataset": self.dataset, "upload_id": self.upload_id, "rows": dict(self.rows),
                "errors": localized_all(self.errors, lang), "warnings": said_all(self.warnings, lang)}

    def sentence(self, lang: str = "en") -> str:
        """The report's one plain sentence in `lang`."""
        return say(self.message, lang)

    def warnings_in(self, lang: str = "en") -> list[str]:
        """The reading's warnings in `lang`."""
        return said_all(self.warnings, lang)


def _no_rows() -> dict:
    return {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}


def _counts(rows: dict) -> str:
    return said("report_counts", added=rows["added"], updated=rows["updated"], unchanged=rows["unchanged"],
                removed=rows["removed"])


def _rejected(parsed, errors: list[dict], dry_run: bool) -> IngestReport:
    n = len(errors)
    return IngestReport(
        ok=False, dataset=parsed.dataset if parsed else None, upload_id=None,
        layout=parsed.layout if parsed else None, rows=_no_rows(), errors=errors,
        warnings=list(parsed.warnings) if parsed else [], dry_run=dry_run,
        message=said("report_rejected_one" if n == 1 else "report_rejected", file=parsed.file if parsed else "",
                     count=n),
        file=parsed.file if parsed else "", sha256=parsed.sha256 if parsed else "",
        info=dict(parsed.info) if parsed else {},
    )


def _duplicate_problems(parsed, exc: store.DuplicateKeys) -> list[dict]:
    """Each repeated key as a problem at the row where it repeats, as the spreadsheet numbers rows."""
    key = ", ".join(DATASETS[exc.dataset].key)
    out = []
    for key_text, positions in exc.duplicates:
        rows = [parsed.row_numbers[p] if p < len(parsed.row_numbers) else p + 2 for p in positions]
        for row in rows[1:]:
            out.append(coded(parsed.file, parsed.sheet, row, key, shorten(key_text), "duplicate_key",
                             dataset=exc.dataset, key=key, first=rows[0]).as_dict())
    return out


def _synthetic_problems(con, parsed) -> list[dict]:
    """Rows marked synthetic, refused by the reference workspace: its every figure is real and cited."""
    flags = parsed.frame["synthetic"].to_numpy(dtype=bool, na_value=False)
    if not flags.any() or db.workspace(con) != "reference":
        return []
    from dialogue.validation import _Reporter   # listed as validation lists a column's problems

    rep = _Reporter(parsed.file, parsed.sheet, np.asarray(parsed.row_numbers), {})
    rep.cells(flags, "synthetic", pd.Series("yes", index=pd.RangeIndex(len(flags)), dtype=object), "",
              "synthetic_in_reference")
    return [p.as_dict() for p in rep.problems]


def ingest(con, data: bytes, filename: str, actor: Actor, dataset: str | None = None, mode: str = "merge",
           dry_run: bool = False, encoding: str | None = None, include_hidden: bool = False,
           preview: IngestReport | None = None) -> IngestReport:
    """Validate a spreadsheet completely, then (unless a dry run) commit it as one upload or change nothing.

    Hidden sheets are skipped (and named in the warnings) unless `include_hidden`. A `preview` (the
    dry run's report) lends its reading when it read these very bytes with the same choices, so the
    file is parsed once; all that depends on the database (workspace, duplicates, the plan) is
    checked again here, the plan inside the commit's write lock."""
    roles.require(actor, "upload")
    if mode not in store.MODES:
        raise ValueError(f"unknown mode {mode!r}; expected merge or replace")
    parsed = _reading(data, filename, dataset, encoding, include_hidden, preview)
    if parsed.errors:
        return _rejected(parsed, [p.as_dict() for p in parsed.errors], dry_run)
    if parsed.dataset is None or parsed.frame is None:
        problem = coded(parsed.file, parsed.sheet, None, None, None, "dataset_unknown")
        return _rejected(parsed, [problem.as_dict()], dry_run)
    synthetic = _synthetic_problems(con, parsed)
    if synthetic:
        return _rejected(parsed, synthetic, dry_run)
    keep = parsed.info.get("absent_columns", ())      # what the file does not say stays as stored
    try:
        if dry_run:
            plan = store.plan(con, parsed.dataset, parsed.frame, mode, keep=keep)
            upload_id = None
        else:
            plan, upload_id = store.apply(con, parsed.dataset, parsed.frame, actor, file=parsed.file, mode=mode,
                                          layout=parsed.layout, sha256=parsed.sha256, keep=keep)
    except store.DuplicateKeys as exc:
        return _rejected(parsed, _duplicate_problems(parsed, exc), dry_run)
    except store.StoreError as exc:
        problem = told(parsed.file, parsed.sheet, None, None, None, exc.args[0] if exc.args else str(exc))
        return _rejected(parsed, [problem.as_dict()], dry_run)

    report = IngestReport(
        ok=True, dataset=parsed.dataset, upload_id=upload_id, layout=parsed.layout, rows=plan.rows, errors=[],
        warnings=list(parsed.warnings), dry_run=dry_run, message="", changes=plan, file=parsed.file,
        sha256=parsed.sha256, info=dict(parsed.info), reading=parsed,
    )
    report.message = _message(con, parsed, plan, upload_id, dry_run)
    return report


def _reading(data: bytes, filename: str, dataset: str | None, encoding: str | None, include_hidden: bool,
             preview: IngestReport | None):
    """The preview's reading when it is of these bytes with these choices, else a new one."""
    earlier = preview.reading if preview is not None else None
    if earlier is not None and earlier.reads(data, filename, dataset, encoding, include_hidden):
        return earlier
    from dialogue.reading import read_upload   # the readers' module; imported late to keep start-up light

    return read_upload(data, filename, dataset=dataset, encoding=encoding, include_hidden=include_hidden)


def _message(con, parsed, plan: store.Plan, upload_id: int | None, dry_run: bool) -> str:
    """The outcome and the layout recognised (named by messages' layout_<name> code, in every language)."""
    layout = said(f"layout_{parsed.layout}") if f"layout_{parsed.layout}" in TEMPLATES else parsed.layout
    return said("report_layout", outcome=_outcome(con, parsed, plan, upload_id, dry_run), layout=layout)


def _outcome(con, parsed, plan: store.Plan, upload_id: int | None, dry_run: bool) -> str:
    if not plan.changed:
        same = store.find_identical(con, parsed.dataset, parsed.sha256)
        if same is not None:
            return said("report_identical", file=parsed.file, upload=same)
        return said("report_already_stored", file=parsed.file)
    mode = said(f"mode_{plan.mode}")
    if dry_run:
        return said("report_dry_run", file=parsed.file, dataset=parsed.dataset, mode=mode, counts=_counts(plan.rows))
    return said("report_committed", file=parsed.file, upload=upload_id, dataset=parsed.dataset, mode=mode,
                counts=_counts(plan.rows))
