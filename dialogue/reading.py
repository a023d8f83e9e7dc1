"""read_upload: the single entry point from uploaded bytes to a validated canonical frame (nothing is written here)."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dialogue import headers, layouts
from dialogue.datasets import DATASETS
from dialogue.messages import said
from dialogue.problems import Problem, coded, shorten, told
from dialogue.sheets import EncodingUncertain, Refused, open_book
from dialogue.validation import validate

log = logging.getLogger(__name__)


@dataclass
class ParsedUpload:
    file: str
    sha256: str
    dataset: str | None
    layout: str
    frame: pd.DataFrame | None
    row_numbers: list[int]     # a range when the rows run without gaps: index it, do not mutate it
    sheet: str | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    choices: tuple = ()        # (dataset, encoding, include_hidden) as asked: with the bytes, all a reading depends on

    @property
    def ok(self) -> bool:
        return not self.errors and self.frame is not None

    def reads(self, data: bytes, filename: str, dataset: str | None = None, encoding: str | None = None,
              include_hidden: bool = False) -> bool:
        """Whether reading these bytes with these choices again would give this reading (same digest,
        name and choices): a commit then reuses its preview's reading instead of parsing the file twice."""
        return (self.file == filename and self.choices == (dataset, encoding, include_hidden)
                and bool(self.sha256) and self.sha256 == hashlib.sha256(data).hexdigest())


def compact_rows(rows) -> list[int] | range:
    """Row numbers as a range when they run without gaps (a million ints cost 36 MB), else a list."""
    array = np.asarray(rows, dtype=np.int64)
    if len(array) and array[-1] - array[0] == len(array) - 1:      # increasing by construction
        return range(int(array[0]), int(array[-1]) + 1)
    return array.tolist()


def read_upload(data: bytes, filename: str, dataset: str | None = None,
                encoding: str | None = None, include_hidden: bool = False) -> ParsedUpload:
    """Read, recognise and validate an upload. Any error in `.errors` means nothing may be written.

    Hidden sheets of a workbook are skipped with a warning unless `include_hidden`.

    Never raises for bad input: refusals (hostile or unreadable files, unknown layouts, cell
    problems) come back as Problems naming file, sheet, row, column, value and what was expected.
    """
    digest = _Digest(data)
    result = ParsedUpload(filename, "", dataset, layouts.TEMPLATE, None, [], None,
                          choices=(dataset, encoding, include_hidden))
    try:
        _read_into(result, data, filename, dataset, encoding, include_hidden)
    finally:
        result.sha256 = digest.hexdigest()
    if len(data) >= 4_000_000:
        _release_free_memory()
    return result


def _release_free_memory() -> None:
    """Hand the parse's freed heap back to the system (glibc keeps it otherwise: ~50 MB after a
    1M-row CSV), so the commit that follows starts lower. A no-op where there is no glibc."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _Digest:
    """The file's SHA-256, computed on another thread while the file is parsed (hashlib releases
    the GIL on large buffers); small files are hashed at once."""

    def __init__(self, data: bytes):
        self._value: str | None = None
        self._thread = None
        if len(data) < 4_000_000:
            self._value = hashlib.sha256(data).hexdigest()
            return
        import threading

        def run():
            self._value = hashlib.sha256(data).hexdigest()

        self._thread = threading.Thread(target=run, name="upload-sha256", daemon=True)
        self._thread.start()

    def hexdigest(self) -> str:
        if self._thread is not None:
            self._thread.join()
        return self._value


def _read_into(result: ParsedUpload, data: bytes, filename: str, dataset: str | None,
               encoding: str | None, include_hidden: bool) -> None:
    if dataset is not None and dataset not in DATASETS:
        result.errors.append(coded(filename, None, None, None, dataset, "dataset_name_unknown",
                                   names=", ".join(DATASETS)))
        return
    try:
        book = open_book(data, filename, encoding, include_hidden)
        result.warnings += book.warnings
        result.info.update(format=book.kind, encoding=book.encoding)
        if getattr(book, "hidden", None):
            result.info["hidden_sheets"] = list(book.hidden)
        if book.kind == "csv":
            result.info["separator"] = book.separator
        _read(book, result, dataset)
    except EncodingUncertain as exc:
        result.errors.append(_refusal(filename, exc))
        result.info["encoding_candidates"] = exc.candidates
    except Refused as exc:
        result.errors.append(_refusal(filename, exc))
    except MemoryError:
        result.errors.append(coded(filename, None, None, None, None, "file_too_large_memory"))
    except Exception as exc:  # a file no check foresaw must still be refused, not crash the caller
        log.exception("reading %s failed", filename)
        result.errors.append(coded(filename, None, None, None, None, "file_unreadable",
                                   error=f"{type(exc).__name__}: {shorten(exc, 200)}"))


def _refusal(filename: str, exc: Refused) -> Problem:
    """A refused file as one problem, its code kept (the refusal's message is a Said)."""
    return told(filename, None, None, None, None, exc.args[0] if exc.args else str(exc))


def _read(book, result: ParsedUpload, dataset: str | None) -> None:
    heads = [(sheet, sheet.head()) for sheet in book.sheets]
    for sheet, head in heads:
        module = layouts.find(head, dataset)
        if module is not None:
            _from_layout(module, sheet, result)
            return
    matches = []
    for sheet, head in heads:
        rows = head.cells.astype(object).where(head.cells.notna(), None).values.tolist()
        match = headers.find_header(rows, dataset)
        if match is not None:
            matches.append((sheet, head, match))
    complete = [m for m in matches if not m[2].missing]
    if not complete:
        _unrecognised(book, heads, matches, result, dataset)
        return
    chosen = max(complete, key=lambda m: (len(m[2].columns), -m[0].index))[2].dataset
    parts = [m for m in complete if m[2].dataset == chosen]
    result.dataset = chosen
    result.layout = layouts.TEMPLATE
    frames, numbers, sheets_used = [], [], []
    for sheet, head, match in parts:
        header_row = head.first_row + match.row_index
        frame, rows = _template_body(sheet, header_row, match, result)
        if frame is None:
            continue
        checked = validate(frame, chosen, file=book.file, sheet=sheet.name, row_numbers=rows,
                           headers={c: match.headers[p] for p, c in match.columns.items()},
                           scale=match.scale, scale_text=match.scale_text, currency=match.currency)
        result.errors += checked.problems
        result.warnings += [w for w in checked.warnings if w not in result.warnings]
        result.info.update(checked.info)
        frames.append(checked.frame)
        numbers.append(np.asarray(checked.row_numbers, dtype=np.int64))
        sheets_used.append(sheet.name)
    result.sheet = sheets_used[0] if sheets_used else None
    result.info["sheets"] = sheets_used
    if len(sheets_used) > 1:
        result.warnings.append(said("sheets_read", count=len(sheets_used), sheets=", ".join(map(str, sheets_used))))
    if frames and sum(len(f) for f in frames) == 0 and not result.errors:
        result.errors.append(coded(book.file, result.sheet, None, None, None, "header_without_rows"))
    if frames:
        result.frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        numbers = np.concatenate(numbers) if len(numbers) > 1 else numbers[0]
        result.row_numbers = compact_rows(numbers)
        if len(frames) > 1:
            from dialogue.validation import _duplicates, _Reporter  # across sheets too
            rep = _Reporter(book.file, None, np.asarray(numbers), {})
            _duplicates(DATASETS[chosen], result.frame, rep)
            result.errors += [p for p in rep.problems]


def _template_body(sheet, header_row: int, match, result: ParsedUpload):
    """The body under the header row, canonical columns only, blank and note rows dropped.

    Note rows ("Source: ...", "* provisional") hold one cell below the table or only cells
    outside the mapped columns; they are skipped and counted. A value under a column with no
    header, on a row that holds data, is an error: it would otherwise be lost.
    """
    body, first = sheet.body(header_row)
    clean = bool(body.attrs.get("clean"))
    first_column = int(body.attrs.get("first_column", 0))
    columns: dict[int, str] = {}
    ignored = []
    for pos, name in enumerate(body.columns):
        canonical = headers.match_header(name, match.dataset) if str(name).strip() else None
        if canonical and canonical not in columns.values():
            columns[pos] = canonical
        elif str(name).strip():
            ignored.append(str(name))
    if ignored:
        result.warnings.append(said("columns_not_used", columns=", ".join(ignored[:20])))
    body = _with_error_codes(body, sheet.error_cells(), first, first_column, columns)
    frame = body.iloc[:, list(columns)]
    frame.columns = list(columns.values())
    rows = np.arange(first, first + len(frame))
    filled = _filled(frame, clean).sum(axis=1).to_numpy()
    extra = [p for p in range(body.shape[1]) if p not in columns]
    extra_filled = _filled(body.iloc[:, extra], clean) if extra else None
    count = filled + (extra_filled.sum(axis=1).to_numpy() if extra else 0)
    data_rows = np.flatnonzero(count > 1)
    tail = np.zeros(len(frame), dtype=bool)
    if len(data_rows) and len(frame.columns) >= 3:
        tail = np.arange(len(frame)) > data_rows[-1]
    keep = (filled > 0) & ~tail
    notes = int(((count > 0) & ~keep).sum())
    if notes:
        result.info["note_rows_skipped"] = notes
        result.warnings.append(said("note_rows_skipped", count=notes))
    for k, pos in enumerate(extra):
        if str(body.columns[pos]).strip():
            continue
        hits = np.flatnonzero(extra_filled.iloc[:, k].to_numpy() & keep)
        for r in hits[:20]:
            result.errors.append(coded(result.file, sheet.name, int(first + r), _column_label(first_column + pos, sheet),
                                       shorten(body.iloc[r, pos]), "value_without_header"))
    blank = int((count == 0).sum())
    if blank:
        result.info["blank_rows_skipped"] = blank
    if keep.all():
        return frame.reset_index(drop=True), rows
    return frame[keep].reset_index(drop=True), rows[keep]


def _with_error_codes(body: pd.DataFrame, errors: dict, first: int, first_column: int,
                      columns: dict[int, str]) -> pd.DataFrame:
    """The body with each Excel error cell of a mapped column holding its code (#REF!) instead of
    the readers' empty value, so validation names it rather than reading an empty cell."""
    hits: dict[int, list[tuple[int, str]]] = {}
    for (row, column), code in errors.items():
        r, pos = row - first, column - first_column
        if 0 <= r < len(body) and pos in columns:
            hits.setdefault(pos, []).append((r, code))
    if not hits:
        return body
    body = body.copy()
    for pos, found in hits.items():
        values = body.iloc[:, pos].astype(object)
        for r, code in found:
            values.iloc[r] = code
        body.isetitem(pos, values)
    return body


def _column_label(index: int, sheet) -> str:
    """How the analyst finds the column: a letter in a workbook, a position in a CSV."""
    if sheet.book.kind == "csv":
        return f"column {index + 1} (no header)"
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"column {letters} (no header)"


_CELL_BY_CELL = 2_000     # a column this short is judged cell by cell: cheaper than pandas' string passes


def _holds(value: object) -> bool:
    """Whether one cell holds something: not empty, and not only white space once written as text."""
    if isinstance(value, str):
        return bool(value.strip())
    return not pd.isna(value) and bool(str(value).strip())


def _filled(frame: pd.DataFrame, clean: bool = False) -> pd.DataFrame:
    """True where a cell holds something; `clean` = text is already trimmed with blanks as nulls."""
    out = {}
    for i, name in enumerate(frame.columns):
        col = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_datetime64_any_dtype(col.dtype):
            out[i] = col.notna()
        elif clean:
            out[i] = col.notna()
        elif len(col) <= _CELL_BY_CELL and (col.dtype == object or pd.api.types.is_string_dtype(col.dtype)):
            out[i] = pd.Series([_holds(v) for v in col.tolist()], index=frame.index, dtype=bool)
        else:
            text = col.astype("string")
            out[i] = (text.notna() & (text.str.strip() != "")).fillna(False)
    return pd.DataFrame(out, index=frame.index).astype(bool)


def _from_layout(module, sheet, result: ParsedUpload) -> None:
    full = sheet.full()
    result.layout = module.NAME
    try:
        converted = module.convert(full)
    except Refused:
        raise
    except Exception as exc:  # a layout that trips on an odd variant must refuse, not crash
        log.exception("layout %s failed on %s", module.NAME, result.file)
        result.dataset = module.DATASET
        result.errors.append(coded(result.file, sheet.name, None, None, None, "layout_failed", layout=module.NAME,
                                   error=f"{type(exc).__name__}: {shorten(exc, 200)}"))
        return
    result.dataset = module.DATASET
    result.sheet = sheet.name
    result.errors += list(converted.problems)
    result.warnings += list(converted.warnings)
    result.info.update(converted.info)
    checked = validate(converted.frame, module.DATASET, file=result.file, sheet=sheet.name,
                       row_numbers=converted.row_numbers)
    result.errors += checked.problems
    result.warnings += checked.warnings
    result.info.update(checked.info)
    result.frame = checked.frame
    result.row_numbers = compact_rows(checked.row_numbers)


def _unrecognised(book, heads, matches, result: ParsedUpload, dataset: str | None) -> None:
    """No layout and no dataset: name the layouts we know and the headers we found."""
    known = ", ".join(layouts.names())
    partial = [m for m in matches if m[2].missing]
    if partial:
        sheet, head, match = max(partial, key=lambda m: len(m[2].columns))
        found = ", ".join(h for h in match.headers if h.strip())
        result.dataset = match.dataset
        result.errors.append(coded(
            book.file, sheet.name, head.first_row + match.row_index, None, shorten(found, 200),
            "header_lacks_required", dataset=match.dataset, missing=", ".join(match.missing), found=found,
            expected=", ".join(DATASETS[match.dataset].column_names)))
        return
    for sheet, head in heads:
        found = _likely_headers(head)
        what = said("what_template", dataset=dataset) if dataset else said("what_any_template")
        if found:
            result.errors.append(coded(book.file, sheet.name, found[0], None, shorten(", ".join(found[1]), 200),
                                       "no_header_row", what=what, known=known, row=found[0],
                                       found=", ".join(found[1])))
        else:
            result.errors.append(coded(book.file, sheet.name, None, None, None, "no_header_row_empty", what=what,
                                       known=known))


def _likely_headers(head) -> tuple[int, list[str]] | None:
    best = None
    for i, row in enumerate(head.cells.itertuples(index=False)):
        texts = [str(v).strip()[:40] for v in row if isinstance(v, str) and v.strip()]
        if texts and (best is None or len(texts) > len(best[1])):
            best = (head.first_row + i, texts[:30])
    return best
