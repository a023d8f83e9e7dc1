"""Raw cells to the canonical typed frame, with every problem found at once and located for the analyst."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dialogue import cells, safe_cells
from dialogue.datasets import DATASETS, Column
from dialogue.messages import render, said
from dialogue.problems import Problem, coded, shorten

MAX_ROWS_PER_KIND = 50          # individual rows listed per (column, problem); the rest summarised
YEAR_RANGE = (1990, 2100)
DATE_RANGE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31"))
MAX_TEXT = 32_767
# The largest magnitude a number column accepts: beyond it a figure is a typo or an overflow (a
# 400-digit value reads as infinity), never data. value: whole currency units, 10^15 is ten times
# world GDP in USD; quantity: people or items counted at one event.
NUMBER_BOUNDS = {"value": 1e15, "quantity": 1e6}
DEFAULT_NUMBER_BOUND = 1e15
_FORMULA = safe_cells.FORMULA_TEXT           # one definition of what is refused as a formula
# What Excel shows (and writes into CSV) for a formula that failed; the readers give such cells as
# empty, so a sheet's error cells are put back as these codes before validation.
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!")

# The problem code for a cell that cannot be read as its column's type (an enum's: unknown_code).
_UNREADABLE = {"int": "not_an_int", "number": "not_a_number", "date": "not_a_date", "bool": "not_a_bool"}


@dataclass
class Validated:
    frame: pd.DataFrame | None
    row_numbers: np.ndarray
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: dict = field(default_factory=dict)


class _Reporter:
    def __init__(self, file: str, sheet: str | None, rows: np.ndarray, headers: dict[str, str]):
        self.file, self.sheet, self.rows, self.headers = file, sheet, rows, headers
        self.problems: list[Problem] = []

    def column_problem(self, column: str | None, code: str, value: str | None = None, **params) -> None:
        self.problems.append(Problem(self.file, self.sheet, None, self.headers.get(column, column),
                                     value, render(code, params), code, params))

    def cells(self, mask: pd.Series, column: str, values: pd.Series | None, message: str,
              code: str = "other", **params) -> None:
        """Each cell of `mask` as a problem; `message` is a Said (its code is used), English text, or "" to render
        it from `code`."""
        if getattr(message, "code", None):
            code, params = message.code, {**message.params, **params}
        message = render(code, params) if code != "other" else message
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        header = self.headers.get(column, column)
        for pos in positions[:MAX_ROWS_PER_KIND]:
            value = None if values is None else values.iloc[pos]
            value = None if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else shorten(value)
            self.problems.append(Problem(self.file, self.sheet, int(self.rows[pos]), header, value, message,
                                         code, params))
        rest = positions[MAX_ROWS_PER_KIND:]
        if len(rest):
            listed = ", ".join(str(int(self.rows[p])) for p in rest[:20])
            more = "…" if len(rest) > 20 else ""
            self.problems.append(Problem(self.file, self.sheet, int(self.rows[rest[0]]), header, None,
                                         f"{message} (also in {len(rest)} more rows: {listed}{more})", code,
                                         params | {"more_count": len(rest), "more_rows": listed + more}))


def validate(raw: pd.DataFrame, dataset: str, *, file: str, sheet: str | None,
             row_numbers: list[int] | np.ndarray, headers: dict[str, str] | None = None,
             scale: int = 1, scale_text: str = "", currency: str | None = None) -> Validated:
    """Check and type `raw` (canonical column names, cells as read) against the dataset's schema.

    `headers` maps canonical names to the headers as written (for messages); `scale` multiplies
    value columns (a sheet in millions); `currency` fills an absent currency column.
    """
    ds = DATASETS[dataset]
    headers = {c: c for c in ds.column_names} | (headers or {})
    rows = np.asarray(row_numbers, dtype=np.int64)
    rep = _Reporter(file, sheet, rows, headers)
    warnings: list[str] = []
    info: dict = {}
    raw = raw.reset_index(drop=True)
    out: dict[str, pd.Series] = {}
    n = len(raw)
    index = pd.RangeIndex(n)
    precision_from_dates: pd.Series | None = None

    for col in ds.columns:
        if col.name not in raw.columns:
            if col.name == "currency" and currency:
                out[col.name] = pd.Series(currency, index=index, dtype="string")
                warnings.append(said("currency_assumed", currency=currency))
                continue
            if col.required:
                rep.column_problem(col.name, "required_missing", name=col.name,
                                   about=col.description or col.type)
            out[col.name] = _default(col, n)
            continue
        series = raw[col.name]
        if not isinstance(series, pd.Series):          # duplicated header: take the first
            series = series.iloc[:, 0]
        typed, precision, unreadable = _typed(col, series, rep, warnings)
        if col.name == "value" and scale != 1:
            typed = typed * scale
            warnings.append(said("values_scaled", scale=f"{scale:,}", scale_text=scale_text))
        if col.type == "number":
            absurd = _absurd(typed, col.name)
            if absurd.any():
                bound = NUMBER_BOUNDS.get(col.name, DEFAULT_NUMBER_BOUND)
                rep.cells(absurd, col.name, cells.as_text(series), "", "number_out_of_range",
                          bound=f"{bound:,.0f}", scaled=' after scaling' if col.name == 'value' and scale != 1 else '')
                typed = typed.mask(absurd)
                unreadable = unreadable | absurd
        if precision is not None and col.name in ("start_date", "date_signed", "date"):
            precision_from_dates = precision
        if col.required:
            rep.cells(typed.isna().to_numpy() & ~unreadable, col.name, None, "", "value_required",
                      name=col.name)
        if col.default is not None:
            typed = typed.fillna(col.default)
        out[col.name] = typed

    frame = pd.DataFrame(out, index=index)
    if "date_precision" in frame.columns and precision_from_dates is not None:
        given = "date_precision" in raw.columns
        frame["date_precision"] = (frame["date_precision"].where(frame["date_precision"].notna() & given,
                                                                 precision_from_dates)
                                   if given else precision_from_dates.fillna("day")).fillna("day").astype("string")
        if not given and (precision_from_dates != "day").any():
            info["date_precision_from_dates"] = int((precision_from_dates != "day").sum())
    _ranges(dataset, frame, rep)
    _duplicates(ds, frame, rep)
    absent = [c.name for c in ds.columns if c.name not in raw.columns and c.name not in ds.key
              and not (c.name == "currency" and currency)
              and not (c.name == "date_precision" and precision_from_dates is not None)]
    if absent:
        info["absent_columns"] = absent       # the file says nothing of these: stored values stay
    return Validated(frame, rows, rep.problems, warnings, info)


def _absurd(values: pd.Series, column: str) -> np.ndarray:
    """Cells whose number is non-finite or beyond the column's bound (NUMBER_BOUNDS)."""
    bound = NUMBER_BOUNDS.get(column, DEFAULT_NUMBER_BOUND)
    floats = values.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(floats) & ~(np.abs(floats) <= bound)


def _default(col: Column, n: int) -> pd.Series:
    dtype = {"int": "Int64", "number": "Float64", "date": "datetime64[ns]", "bool": "boolean"}.get(col.type, "string")
    if col.default is None:
        return pd.Series(pd.NA if dtype != "datetime64[ns]" else pd.NaT, index=pd.RangeIndex(n), dtype=dtype)
    return pd.Series(col.default, index=pd.RangeIndex(n), dtype=dtype)


def _typed(col: Column, series: pd.Series, rep: _Reporter, warnings: list[str]):
    """Parse one column by its declared type; report unreadable and mixed-convention cells."""
    header = rep.headers.get(col.name, col.name)
    precision = None
    errors = _excel_errors(series)
    if errors.any():
        series = _error_cells(col, series, errors, rep, warnings)
    if col.type == "text":
        text = cells.as_text(series)
        long, formula = _long_and_formula(text)
        rep.cells(long, col.name, text, "", "text_too_long", limit=f"{MAX_TEXT:,}")
        formula &= ~long
        rep.cells(formula, col.name, text, "", "formula_refused")
        bad = long | formula | (errors & col.required)
        return (text.mask(long) if long.any() else text), None, bad
    if col.type == "int":
        parsed = cells.parse_ints(series, header)
    elif col.type == "number":
        parsed = cells.parse_numbers(series, header)
    elif col.type == "date":
        parsed = cells.parse_dates(series, header)
        precision = parsed.precision
    elif col.type == "bool":
        parsed = cells.parse_bools(series, header)
    else:
        parsed = cells.parse_codes(series, col.values, header)
    shown = series if col.type != "bool" else series
    mixed = parsed.mixed if parsed.mixed is not None else pd.Series(False, index=series.index)
    unread = _UNREADABLE.get(col.type, "unknown_code")
    rep.cells(parsed.bad & ~mixed, col.name, shown, "", unread,
              **({"codes": ", ".join(col.values)} if unread == "unknown_code" else {}))
    if parsed.mixed is not None:
        rep.cells(mixed, col.name, shown, parsed.mixed_reason)
    refused = mixed
    if parsed.far is not None and parsed.far.any():   # 9999-12-31 and the like: the range error, not a crash
        rep.cells(parsed.far, col.name, _as_written(series), "", "date_out_of_range")
        refused = refused | parsed.far
    for cells_refused, why in parsed.refusals:
        rep.cells(cells_refused, col.name, _as_written(series), why)
        refused = refused | cells_refused
    warnings.extend(parsed.warnings)
    unreadable = np.asarray(parsed.bad | refused, dtype=bool) | (errors & col.required)
    return (parsed.values.mask(parsed.bad) if parsed.bad.any() else parsed.values), precision, unreadable


def _excel_errors(series: pd.Series) -> np.ndarray:
    """True where a cell holds exactly an Excel error code (#REF!, #N/A, ...); a cheap first-byte
    test on Arrow strings before any comparison, and nothing to do for typed number/date cells."""
    import pyarrow as pa
    import pyarrow.compute as pc

    none = np.zeros(len(series), dtype=bool)
    if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype) \
            or pd.api.types.is_bool_dtype(series.dtype):
        return none
    arrow = cells._arrow_strings(series)
    if arrow is None:                           # cells as read: codes the reader put back are exact
        return series.isin(EXCEL_ERRORS).to_numpy(dtype=bool)
    if not any(data is not None and (np.frombuffer(data, dtype=np.uint8) == ord("#")).any()
               for data in (chunk.buffers()[2] for chunk in cells._chunks(arrow))):
        return none                             # no '#' anywhere in the column's bytes
    return cells._mask(pc.is_in(pc.utf8_trim_whitespace(arrow), value_set=pa.array(EXCEL_ERRORS)))


def _error_cells(col: Column, series: pd.Series, errors: np.ndarray, rep: _Reporter,
                 warnings: list[str]) -> pd.Series:
    """Excel error cells: an error in a required column, else a warning naming them; read as empty."""
    header = rep.headers.get(col.name, col.name)
    if col.required:
        rep.cells(errors, col.name, cells.as_text(series), "", "excel_error")
    else:
        positions = np.flatnonzero(errors)
        codes = cells.as_text(series)
        listed = [said("error_cell_at", row=int(rep.rows[p]), error=codes.iloc[p]) for p in positions[:20]]
        if len(positions) > 20:
            listed.append(said("and_more", count=len(positions) - 20))
        where = said("where_sheet_column", file=rep.file, sheet=rep.sheet, column=header) if rep.sheet else \
            said("where_column", file=rep.file, column=header)
        warnings.append(said("excel_errors_as_empty", where=where, cells=listed))
    return series.mask(pd.Series(errors, index=series.index))


def _as_written(series: pd.Series) -> pd.Series:
    """Cells as the analyst sees them in the sheet: 9999-12-31 (not 9999-12-31 00:00:00), 60 (not 60.0)."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.dt.strftime("%Y-%m-%d")
    return cells.as_text(series)


def _long_and_formula(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Cells over Excel's length limit, and cells that look like formulas (cheap first-byte test first)."""
    import pyarrow.compute as pc

    arrow = cells._arrow_strings(text)
    if arrow is None:
        long = text.str.len().gt(MAX_TEXT).fillna(False).to_numpy(dtype=bool)
        return long, text.str.match(_FORMULA).fillna(False).to_numpy(dtype=bool)
    size = pc.binary_length(arrow)                      # bytes >= characters
    long = np.zeros(len(text), dtype=bool)
    if pc.any(pc.greater(size, MAX_TEXT)).as_py():
        long = cells._mask(pc.greater(pc.utf8_length(arrow), MAX_TEXT))
    first = cells.first_bytes(arrow)
    formula = np.zeros(len(text), dtype=bool)
    if np.isin(first, np.frombuffer(safe_cells.FORMULA_FIRST_BYTES, dtype=np.uint8)).any():
        formula = cells._mask(pc.match_substring_regex(arrow, _FORMULA))
    return long, formula


def _ranges(dataset: str, frame: pd.DataFrame, rep: _Reporter) -> None:
    if "year" in frame:
        year = frame["year"]
        rep.cells(year.notna() & ~year.between(*YEAR_RANGE), "year", year, "", "year_out_of_range",
                  low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    if "month" in frame:
        month = frame["month"]
        rep.cells(month.notna() & ~month.between(1, 12), "month", month, "", "month_out_of_range")
    for name in ("start_date", "end_date", "date_signed", "date", "established", "due_date", "last_update", "made_at"):
        if name in frame:
            d = frame[name]
            _date_cells(rep, d.notna() & ~d.between(*DATE_RANGE), name, d, "date_out_of_range")
    if {"start_date", "end_date"} <= set(frame):
        before = frame["end_date"].notna() & frame["start_date"].notna() & (frame["end_date"] < frame["start_date"])
        _date_cells(rep, before, "end_date", frame["end_date"], "end_before_start")
    if {"start_date", "due_date"} <= set(frame):
        before = frame["due_date"].notna() & frame["start_date"].notna() & (frame["due_date"] < frame["start_date"])
        _date_cells(rep, before, "due_date", frame["due_date"], "due_before_start")
    if "progress" in frame:
        pr = frame["progress"]
        rep.cells(pr.notna() & ~pr.between(0, 100), "progress", pr, "", "progress_out_of_range")
    if "quantity" in frame:
        q = frame["quantity"]
        rep.cells(q.notna() & (q < 0), "quantity", q, "", "quantity_negative")
    if dataset == "trade":
        directional = frame["flow"].isin(["us_to_serbia", "serbia_to_us"]).fillna(False)
        negative = directional & frame["value"].lt(0).fillna(False)
        rep.cells(negative, "value", frame["value"], "", "trade_flow_negative")
    elif "value" in frame:
        v = frame["value"]
        rep.cells(v.notna() & (v < 0), "value", v, "", "value_negative")


def _date_cells(rep: _Reporter, mask: pd.Series, column: str, dates: pd.Series, code: str) -> None:
    """Dates refused by a range check, written as the analyst wrote them; nothing formatted when none is."""
    if mask.any():
        rep.cells(mask, column, dates.dt.strftime("%Y-%m-%d"), "", code)


def _key_codes(keyed: pd.DataFrame) -> tuple[np.ndarray, int]:
    """One integer per row, equal exactly when the rows' keys are equal (empty equals empty),
    and how many distinct keys there are. Stops early once the keys are proved unique."""
    n = len(keyed)
    combined = np.zeros(n, dtype=np.int64)
    span = 1
    for name in reversed(keyed.columns):          # specific columns (product code, title) last in keys
        codes, width, exact = _codes(keyed[name])
        if exact and width == n:
            return codes.astype(np.int64), n
        width = max(width, 1)                     # codes run from 0 to width - 1
        if span * width >= 2 ** 62:
            combined, found = pd.factorize(combined)
            combined = combined.astype(np.int64, copy=False)
            span = len(found)
        combined *= width                         # in place: a 1,000,000-row key holds ~8 MB per array
        combined += codes
        del codes
        span *= width
    if span <= 8 * n + 1024 and np.bincount(combined, minlength=1).max(initial=0) <= 1:
        return combined, n                        # every combination at most once: no hashing needed
    combined, found = pd.factorize(combined)
    return combined, len(found)


def _codes(column: pd.Series) -> tuple[np.ndarray, int, bool]:
    """One integer per cell, equal exactly when the cells are (nulls equal each other), with a bound
    on the codes and whether that bound is the exact number of distinct values. Whole numbers in
    a narrow range are coded by offset; Arrow strings are hashed by Arrow (one shared dictionary)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pd.api.types.is_integer_dtype(column.dtype) and len(column):
        valid = column.notna().to_numpy(dtype=bool)
        values = column.to_numpy(dtype=np.int64, na_value=0)
        low, high = (int(values[valid].min()), int(values[valid].max())) if valid.any() else (0, 0)
        if high - low <= 4 * len(column):
            return np.where(valid, values - low + 1, 0), high - low + 2, False
    arrow = cells._arrow_strings(column)
    if arrow is None or len(column) == 0:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        return codes, len(uniques), True
    if isinstance(arrow, pa.Array):
        arrow = pa.chunked_array([arrow])
    encoded = pc.dictionary_encode(arrow, null_encoding="encode")
    if not encoded.num_chunks:
        return np.zeros(0, dtype=np.int64), 0, True
    codes = np.concatenate([np.asarray(c.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
                            for c in encoded.chunks])
    return codes, max(len(c.dictionary) for c in encoded.chunks), True


def _duplicates(ds, frame: pd.DataFrame, rep: _Reporter) -> None:
    """Rows that repeat a natural key inside the file: each is reported with the first one's row."""
    key = [k for k in ds.key if k in frame]
    if not key or frame.empty:
        return
    keyed = frame[key]
    group, distinct = _key_codes(keyed)
    if distinct == len(group):            # the usual case: every key once, nothing more to do
        return
    counts = np.bincount(group, minlength=distinct)
    _, first_index = np.unique(group, return_index=True)   # first row of each key
    later = (counts[group] > 1) & (first_index[group] != np.arange(len(group)))
    first_of = first_index[group]
    positions = np.flatnonzero(later)
    for pos in positions[:MAX_ROWS_PER_KIND]:
        first = int(rep.rows[int(first_of[pos])])
        value = " / ".join("" if pd.isna(v) else str(v)[:40] for v in keyed.iloc[pos].tolist())
        rep.problems.append(coded(rep.file, rep.sheet, int(rep.rows[pos]), ", ".join(key), value,
                                  "repeated_key", key=" + ".join(key), first=first))
    if len(positions) > MAX_ROWS_PER_KIND:
        rep.problems.append(coded(rep.file, rep.sheet, int(rep.rows[positions[MAX_ROWS_PER_KIND]]),
                                  ", ".join(key), None, "more_repeated_keys",
                                  count=len(positions) - MAX_ROWS_PER_KIND))
