"""Vectorised parsing of cell values as analysts write them: numbers, dates and coded words.

Each parser takes a pandas Series and returns the parsed Series, a mask of cells it could not
read, a mask of cells that break the column's convention (refused, never guessed) and warnings
that say which convention was assumed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dialogue import code_words
from dialogue.headers import fold
from dialogue.messages import said

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# What a datetime64[ns] column can hold; a date beyond it is reported, never stored or crashed on.
STORABLE = (pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-11"))
EXCEL_FICTITIOUS_DAY = said("excel_day_60")
EXCEL_AMBIGUOUS_DAY = said("excel_day_ambiguous")


@dataclass
class Parsed:
    values: pd.Series
    bad: pd.Series                                     # bool: unreadable cell
    mixed: pd.Series | None = None                     # bool: cell of a minority convention
    mixed_reason: str = ""
    warnings: list[str] = field(default_factory=list)
    precision: pd.Series | None = None                 # dates: day | month | year
    far: pd.Series | None = None                       # dates: real dates too far out to store
    refusals: list[tuple[pd.Series, str]] = field(default_factory=list)   # (cells, why) refused


def _blank(s: pd.Series) -> pd.Series:
    """True where a cell is empty (None, NaN, or only spaces)."""
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.isna()
    text = s.astype("string")
    return text.isna() | (text.str.strip() == "")


def as_text(s: pd.Series) -> pd.Series:
    """Cells as stripped strings, empty -> NA; whole floats from Excel lose their '.0'."""
    if pd.api.types.is_float_dtype(s.dtype):
        whole = s.notna() & (s == np.floor(s.fillna(0))) & (s.abs() < 2**53)   # 1e300 stays 1e+300
        out = s.astype("string")
        out = out.mask(whole, s.where(whole).astype("Int64").astype("string"))
        return out
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.dt.strftime("%Y-%m-%d").astype("string")
    if s.dtype == object:
        s = s.map(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v,
                  na_action="ignore") if len(s) < 50_000 or _has_floats(s) else s
    arrow = _arrow_strings(s)
    if arrow is not None:
        if s.attrs.get("clean"):               # CSV bodies: trimmed, blanks already null
            return s
        return _clean_arrow(arrow, s.index)
    out = s.astype("string").str.strip()
    return out.mask(out == "")


def _arrow_strings(s: pd.Series):
    """The pyarrow string array behind a Series, or None when it is not Arrow-backed."""
    import pyarrow as pa

    array = getattr(s.array, "_pa_array", None)
    if array is None or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return None
    return array


def _byte_table(*members) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    for m in members:
        table[m] = True
    return table


_ASCII_SPACE = list(b" \t\n\r\x0b\x0c")
# A string may need trimming when it starts with white space or with the lead byte of a Unicode
# space (U+0085/U+00A0: 0xC2; U+1680: 0xE1; U+2000-U+205F: 0xE2; U+3000: 0xE3), or ends with white
# space or any multi-byte character (its last byte is >= 0x80; trimming is then simply done).
_MAY_TRIM_FIRST = _byte_table(_ASCII_SPACE, [0xC2, 0xE1, 0xE2, 0xE3])
_MAY_TRIM_LAST = _byte_table(_ASCII_SPACE, list(range(0x80, 0x100)))


def _chunks(array) -> list:
    import pyarrow as pa

    return array.chunks if isinstance(array, pa.ChunkedArray) else [array]


def _edge_facts(array) -> tuple[bool, bool]:
    """(whether any string may start or end with white space, whether any string is empty),
    judged from the strings' edge bytes and lengths in Arrow's buffers."""
    trim = empty = False
    for chunk in _chunks(array):
        first, last, blank = _chunk_edges(chunk)
        trim = trim or bool(_MAY_TRIM_FIRST[first].any() or _MAY_TRIM_LAST[last].any())
        empty = empty or blank
    return trim, empty


def _clean_arrow(array, index) -> pd.Series:
    """Trim and blank-to-NA on Arrow strings, keeping the original buffers when nothing changes."""
    import pyarrow as pa
    import pyarrow.compute as pc

    trim, empty = _edge_facts(array)
    if trim:
        array = pc.utf8_trim_whitespace(array)
    if trim or empty:
        blank = pc.equal(pc.binary_length(array), 0)
        if pc.any(blank).as_py():
            array = pc.if_else(blank, pa.scalar(None, array.type), array)
    if isinstance(array, pa.Array):
        array = pa.chunked_array([array])
    return pd.Series(pd.arrays.ArrowStringArray(array), index=index, copy=False)


def _has_floats(s: pd.Series) -> bool:
    return any(isinstance(v, float) for v in s.head(1000))


# ---- numbers ----------------------------------------------------------------------------------
def _arrow_text(s: pd.Series):
    """A Series as a pyarrow string array, trimmed, with empty cells as nulls."""
    import pyarrow as pa

    text = as_text(s)
    arr = _arrow_strings(text)
    if arr is None:
        arr = pa.array(text.to_numpy(dtype=object, na_value=None), type=pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return arr


def edge_bytes(array) -> tuple[np.ndarray, np.ndarray]:
    """First and last byte of every string (0 for empty or null), read from Arrow's buffers."""
    parts = [_chunk_edges(c) for c in _chunks(array)]
    if len(parts) == 1:
        return parts[0][0], parts[0][1]
    if not parts:
        return np.zeros(0, np.uint8), np.zeros(0, np.uint8)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _chunk_edges(array) -> tuple[np.ndarray, np.ndarray, bool]:
    """One Arrow string array's first and last bytes (0 for empty or null), and whether any
    (non-null) string in it is empty."""
    import pyarrow as pa

    n = len(array)
    if n == 0 or array.null_count == n:
        return np.zeros(n, dtype=np.uint8), np.zeros(n, dtype=np.uint8), False
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    _, offsets, data = array.buffers()
    offsets = np.frombuffer(offsets, dtype=width)[array.offset: array.offset + n + 1]
    starts, ends = offsets[:-1], offsets[1:]
    nonempty = ends > starts
    if array.null_count:
        valid = np.asarray(array.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        empty = bool((valid & ~nonempty).any())
        nonempty &= valid
    else:
        empty = not nonempty.all()
    if data is None or len(data) == 0:
        return np.zeros(n, dtype=np.uint8), np.zeros(n, dtype=np.uint8), empty
    chars = np.frombuffer(data, dtype=np.uint8)
    if nonempty.all():           # the usual column: no blanks, so no masks to apply
        return chars[starts], chars[ends - 1], empty
    first = np.zeros(n, dtype=np.uint8)
    last = np.zeros(n, dtype=np.uint8)
    first[nonempty] = chars[starts[nonempty]]
    last[nonempty] = chars[ends[nonempty] - 1]
    return first, last, empty


def first_bytes(array) -> np.ndarray:
    """The first byte of every string (0 for empty or null)."""
    return edge_bytes(array)[0]


def _mask(arr) -> np.ndarray:
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _match(arr, pattern: str) -> np.ndarray:
    import pyarrow.compute as pc

    return _mask(pc.match_substring_regex(arr, pattern))


_PLAIN = r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$"
_STRIP = r"(?i)(us\$|usd|eur|rsd|din\.?|дин\.?|\$|€|£|[()%\s\x{00a0}\x{202f}\x{2009}'’])"


def parse_numbers(s: pd.Series, column: str = "") -> Parsed:
    """Numbers like 1,234.5 / 1.234,5 / 1 234,5 / (12.0) / $1,234 / € 1.234 / 12% as floats.

    A column must keep one convention: a cell that can only be read with the other one is
    refused. Values that read either way (1,234 or 1.234 with nothing else to go on) are read
    with a decimal point and a comma for thousands, and a warning says so. Vectorised with
    pyarrow compute; plain machine numbers take a shortcut.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    none = pd.Series(False, index=s.index)
    if pd.api.types.is_bool_dtype(s.dtype):
        return Parsed(pd.Series(pd.NA, index=s.index, dtype="Float64"), ~s.isna())
    if pd.api.types.is_numeric_dtype(s.dtype):
        return Parsed(s.astype("Float64"), none)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return Parsed(pd.Series(pd.NA, index=s.index, dtype="Float64"), s.notna())
    arr = _arrow_text(s)
    present = _mask(pc.is_valid(arr))
    if len(arr) == 0 or not present.any():
        return Parsed(pd.Series(pd.NA, index=s.index, dtype="Float64"), none)

    def to_float(text_arr) -> np.ndarray:
        ok = pc.match_substring_regex(text_arr, _PLAIN)
        usable = pc.if_else(pc.fill_null(ok, False), text_arr, pa.scalar(None, pa.string()))
        return pc.cast(usable, pa.float64()).to_numpy(zero_copy_only=False)

    try:                                     # plain machine numbers: one cast, no regex
        direct = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        direct = None
    if direct is not None and np.isfinite(direct[present]).all():
        return Parsed(pd.Series(direct, index=s.index).astype("Float64"), none)
    arr = pc.replace_substring(arr, "\u2212", "-")          # unicode minus
    paren = _match(arr, r"^\(.*\)$")
    pct = _mask(pc.match_substring(arr, "%"))
    clean = pc.replace_substring_regex(arr, _STRIP, "")
    shaped = _match(clean, r"^[+-]?\d[\d.,]*$")
    dots = pc.fill_null(pc.count_substring(clean, "."), 0).to_numpy(zero_copy_only=False)
    commas = pc.fill_null(pc.count_substring(clean, ","), 0).to_numpy(zero_copy_only=False)
    point_last = _match(clean, r"\.\d*$")
    comma_last = _match(clean, r",\d*$")
    both = (dots > 0) & (commas > 0)
    one_comma = (commas == 1) & (dots == 0)
    one_dot = (dots == 1) & (commas == 0)
    amb_comma = one_comma & _match(clean, r"^[+-]?[1-9]\d{0,2},\d{3}$")
    amb_dot = one_dot & _match(clean, r"^[+-]?[1-9]\d{0,2}\.\d{3}$")
    point = (both & point_last) | ((commas > 1) & (dots == 0)) | (one_dot & ~amb_dot)
    comma = (both & comma_last) | ((dots > 1) & (commas == 0)) | (one_comma & ~amb_comma)
    point &= shaped
    comma &= shaped
    shown = pd.Series(pc.fill_null(arr, "").to_numpy(zero_copy_only=False), index=s.index)
    ambiguous = pd.Series(amb_dot | amb_comma, index=s.index)
    warnings: list[str] = []
    mixed = None
    reason = ""
    n_point, n_comma = int(point.sum()), int(comma.sum())
    if n_point and n_comma:
        mixed = pd.Series(comma if n_comma <= n_point else point, index=s.index)
        reason = said("numbers_mixed")
        use_comma = n_comma > n_point
    elif n_comma:
        use_comma = True
        if ambiguous.any():
            warnings.append(said("decimal_comma_read", column=column, example=_example(shown, ambiguous)))
    elif n_point:
        use_comma = False
        if ambiguous.any():
            warnings.append(said("decimal_point_read", column=column, example=_example(shown, ambiguous)))
    else:
        use_comma = False
        if amb_dot.any() and amb_comma.any():
            mixed = pd.Series(amb_dot if amb_dot.sum() <= amb_comma.sum() else amb_comma, index=s.index)
            reason = said("numbers_ambiguous")
        elif ambiguous.any():
            warnings.append(said("number_two_ways", column=column, example=_example(shown, ambiguous)))
    if use_comma:
        number_text = pc.replace_substring(pc.replace_substring(clean, ".", ""), ",", ".")
    else:
        number_text = pc.replace_substring(clean, ",", "")
    raw_values = to_float(number_text).copy()
    raw_values[~shaped] = np.nan
    raw_values = np.where(paren, -np.abs(raw_values), raw_values)
    if pct.any():
        raw_values = np.where(pct, raw_values / 100, raw_values)
        warnings.append(said("percent_as_fraction", column=column))
    values = pd.Series(raw_values, index=s.index).astype("Float64")
    bad = pd.Series(present & np.isnan(raw_values), index=s.index)
    return Parsed(values, bad, mixed, reason, warnings)


def _example(text: pd.Series, mask: pd.Series) -> str:
    first = text[mask.fillna(False)].head(1)
    return repr(first.iloc[0]) if len(first) else "a value"


def _plain_ints(s: pd.Series) -> Parsed | None:
    """Text that is all plain whole numbers (a CSV's years and months) in one Arrow cast; else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if _arrow_strings(s) is None or len(s) == 0:
        return None
    arr = _arrow_text(s)
    if arr.null_count == len(arr):
        return None
    try:
        ints = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    low, high = pc.min_max(ints).values()
    if max(abs(low.as_py()), abs(high.as_py())) >= 2**53:     # beyond exact floats: the general path
        return None
    values = pd.Series(pd.Int64Dtype().__from_arrow__(ints), index=s.index, copy=False)
    return Parsed(values, pd.Series(False, index=s.index))


def parse_ints(s: pd.Series, column: str = "") -> Parsed:
    """Whole numbers (years, months): parsed like numbers, refusing fractions."""
    fast = _plain_ints(s)
    if fast is not None:
        return fast
    result = parse_numbers(s, column)
    values = result.values
    huge = (values.notna() & ~(values.abs() < 2**53)).fillna(False).astype(bool)   # inf included
    values = values.mask(huge)
    fractional = values.notna() & (values != values.round())
    result.bad = result.bad | fractional.fillna(False).astype(bool)
    result.values = values.mask(fractional).round().astype("Int64")
    if huge.any():
        result.refusals.append((huge, said("int_too_large")))
    return result


# ---- dates ------------------------------------------------------------------------------------
_MONTHS = {
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                   "oct", "nov", "dec"], 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(["januar", "februar", "mart", "april", "maj", "jun", "jul",
                                   "avgust", "septembar", "oktobar", "novembar", "decembar"], 1)},
    "juni": 6, "juli": 7, "jan": 1, "okt": 10, "avg": 8, "sep": 9,
    # Serbian genitive forms (e.g. "15. juna 2023" is not supported, but "juna 2023" is).
    "januara": 1, "februara": 2, "marta": 3, "aprila": 4, "maja": 5, "juna": 6, "jula": 7,
    "avgusta": 8, "septembra": 9, "oktobra": 10, "novembra": 11, "decembra": 12,
}
_ISO = r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_DOTTED = r"^(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\.?$"
_SLASH = r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})$"
_DASHED = r"^(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})$"
_MONTH_NAME = r"^(?P<name>[^\W\d_]{3,})\.?,?\s+(?P<y>\d{4})\.?$"
_ISO_MONTH = r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})$"
_DOT_MONTH = r"^(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\.?$"
_YEAR = r"^(?P<y>\d{4})\.?$"
_SERIAL = r"^(?P<n>\d{4,5})(?:\.0+)?$"


def parse_dates(s: pd.Series, column: str = "") -> Parsed:
    """Dates: ISO, 15.06.2023., 15/06/2023, June 2025, 2025, Excel serials and real date cells.

    Month-only and year-only dates become the 1st (of the month / of January) and their
    precision says so. Slash dates are day/month/year unless a value proves month/day/year;
    a column with both kinds is refused.
    """
    index = s.index
    none = pd.Series(False, index=index)
    precision = pd.Series("day", index=index, dtype="string")
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        values = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) else s
        far = _beyond_storable(values)
        values = values.mask(far).dt.normalize()
        # calamine reads serials 59 and 60 (the fictitious 29 Feb 1900) both as 28 Feb 1900
        ambiguous = (values == pd.Timestamp("1900-02-28")).fillna(False).astype(bool)
        values = values.mask(ambiguous)
        return Parsed(values.astype("datetime64[ns]"), none, precision=precision.mask(values.isna()),
                      far=far, refusals=[(ambiguous, EXCEL_AMBIGUOUS_DAY)] if ambiguous.any() else [])
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return _dates_from_numbers(s.astype("Float64"), precision)
    text = as_text(s)
    fast = _fixed_width_dates(text)
    return fast if fast is not None else _dates_from_text(text, column)


def _dates_from_text(text: pd.Series, column: str) -> Parsed:
    """Every written shape, one regular expression after another (each cell takes the first that reads it)."""
    index = text.index
    present = text.notna()
    y = pd.Series(np.nan, index=index)
    m = pd.Series(np.nan, index=index)
    d = pd.Series(np.nan, index=index)
    prec = pd.Series(pd.NA, index=index, dtype="string")
    warnings: list[str] = []
    mixed = None
    reason = ""

    def fill(mask, yy, mm, dd, p):
        nonlocal y, m, d, prec
        mask = mask.fillna(False) & prec.isna()
        y = y.mask(mask, yy)
        m = m.mask(mask, mm)
        d = d.mask(mask, dd)
        prec = prec.mask(mask, p)

    for pattern in (_ISO, _DOTTED, _DASHED):
        parts = text.str.extract(pattern).apply(pd.to_numeric, errors="coerce")
        fill(parts["y"].notna(), parts["y"], parts["m"], parts["d"], "day")
    slash = text.str.extract(_SLASH).apply(pd.to_numeric, errors="coerce")
    is_slash = slash["y"].notna()
    if is_slash.any():
        day_first = is_slash & (slash["a"] > 12)
        month_first = is_slash & (slash["b"] > 12)
        if day_first.any() and month_first.any():
            mixed = month_first if month_first.sum() <= day_first.sum() else day_first
            reason = said("dates_mixed")
        us = month_first.any() and not day_first.any()
        if not day_first.any() and not month_first.any():
            warnings.append(said("dates_day_first", column=column, example=_example(text, is_slash)))
        elif us:
            warnings.append(said("dates_month_first", column=column, example=_example(text, month_first)))
        fill(is_slash, slash["y"], slash["a"] if us else slash["b"], slash["b"] if us else slash["a"], "day")
    named = text.str.extract(_MONTH_NAME)
    if named["y"].notna().any():
        month_no = named["name"].map(lambda w: _MONTHS.get(fold(w)), na_action="ignore")
        fill(named["y"].notna() & month_no.notna(), pd.to_numeric(named["y"], errors="coerce"),
             pd.to_numeric(month_no, errors="coerce"), 1, "month")
    for pattern in (_ISO_MONTH, _DOT_MONTH):
        parts = text.str.extract(pattern).apply(pd.to_numeric, errors="coerce")
        fill(parts["y"].notna(), parts["y"], parts["m"], 1, "month")
    year_only = pd.to_numeric(text.str.extract(_YEAR)["y"], errors="coerce")
    fill(year_only.between(1800, 2200), year_only, 1, 1, "year")
    serial = pd.to_numeric(text.str.extract(_SERIAL)["n"], errors="coerce")
    is_serial = serial.notna() & prec.isna() & serial.gt(2200)
    if is_serial.any():
        stamp = EXCEL_EPOCH + pd.to_timedelta(serial.where(is_serial).fillna(0), unit="D")
        fill(is_serial, stamp.dt.year, stamp.dt.month, stamp.dt.day, "day")
        warnings.append(said("excel_serials_read", column=column, example=_example(text, is_serial)))
    values = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": d}), errors="coerce")
    far = _beyond_storable(values)
    values = values.mask(far).astype("datetime64[ns]")
    bad = present & values.isna() & ~far
    return Parsed(values, bad.fillna(False).astype(bool),
                  None if mixed is None else mixed.fillna(False).astype(bool), reason, warnings,
                  precision=prec.mask(values.isna()), far=far)


# The usual date columns, read in one pass when every written cell has one of these shapes:
# (pattern, where the year, month and day begin). The general reader above reads both as days too
# (_ISO and _DOTTED, nothing before them matches); any other shape, an impossible day (31.02.2023)
# or a year near what can be stored is left to it, so the same cells are accepted and refused.
_FIXED_DATES = (
    (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", (0, 5, 8)),            # 2023-06-15
    (r"^[0-9]{2}\.[0-9]{2}\.[0-9]{4}\.?$", (6, 3, 0)),       # 15.06.2023 and 15.06.2023.
)
_FIXED_YEARS = (STORABLE[0].year + 1, STORABLE[1].year - 1)


def _fixed_width_dates(text: pd.Series) -> Parsed | None:
    """A column of ISO or dotted dates (trimmed text, blanks null) parsed in a few Arrow and numpy
    steps instead of a dozen regular expressions (~25 ms a column even for one row); None when any
    cell needs the general reader."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(text) == 0:
        return None
    arr = _arrow_strings(text)
    if arr is None:
        arr = pa.array(text.to_numpy(dtype=object, na_value=None), type=pa.string())
    elif isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if arr.null_count == len(arr):
        return None
    for pattern, (y0, m0, d0) in _FIXED_DATES:
        if pc.all(pc.fill_null(pc.match_substring_regex(arr, pattern), True)).as_py():
            break
    else:
        return None

    def number(start: int, width: int) -> np.ndarray:
        part = pc.cast(pc.utf8_slice_codeunits(arr, start, start + width), pa.int64())
        return pc.fill_null(part, 1).to_numpy(zero_copy_only=False)

    year, month, day = number(y0, 4), number(m0, 2), number(d0, 2)
    written = _mask(pc.is_valid(arr))
    if not (((year >= _FIXED_YEARS[0]) & (year <= _FIXED_YEARS[1]) & (month >= 1) & (month <= 12)
             & (day >= 1)) | ~written).all():
        return None
    months = (year - 1970) * 12 + (month - 1)
    first = months.astype("datetime64[M]")
    days = first.astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
    if (days.astype("datetime64[M]") != first)[written].any():          # 31.02.2023: not a day
        return None
    days[~written] = np.datetime64("NaT")
    index = text.index
    none = pd.Series(np.zeros(len(arr), dtype=bool), index=index)
    precision = pd.Series("day", index=index, dtype="string").mask(pd.Series(~written, index=index))
    return Parsed(pd.Series(days.astype("datetime64[ns]"), index=index), none, precision=precision,
                  far=none.copy())


def _beyond_storable(values: pd.Series) -> pd.Series:
    """True where a parsed date (any resolution) lies outside what datetime64[ns] holds."""
    return (values.notna() & ((values < STORABLE[0]) | (values > STORABLE[1]))).fillna(False).astype(bool)


def _dates_from_numbers(num: pd.Series, precision: pd.Series) -> Parsed:
    """Number cells as dates: 1800-2200 is a year, other whole numbers up to 2958465 (31 Dec 9999)
    Excel serials, counted in days (no nanosecond overflow) and read as Excel means them: serials
    below 60 from 31 Dec 1899, serial 60 (the fictitious 29 Feb 1900) refused."""
    index = num.index
    year = (num.between(1800, 2200) & (num == num.round())).fillna(False).astype(bool)
    serial = (num.notna() & ~year & num.between(1, 2958465)).fillna(False).astype(bool)
    fictitious = (serial & (num.round() == 60)).fillna(False).astype(bool)
    serial &= ~fictitious
    days = num.where(serial).astype("float64").fillna(0).round().to_numpy().astype("int64")
    epoch = np.where(days < 60, np.datetime64("1899-12-31"), np.datetime64("1899-12-30"))
    stamps = pd.Series(epoch + days.astype("timedelta64[D]"), index=index).where(serial)
    years = num.where(year).astype("float64")
    stamps = stamps.mask(year, pd.to_datetime(pd.DataFrame({"year": years, "month": 1, "day": 1}),
                                              errors="coerce"))
    far = _beyond_storable(stamps)
    values = stamps.mask(far).astype("datetime64[ns]")
    precision = precision.mask(year, "year").mask(values.isna())
    bad = (num.notna() & values.isna()).fillna(False).astype(bool) & ~far & ~fictitious
    return Parsed(values, bad, precision=precision, far=far,
                  refusals=[(fictitious, EXCEL_FICTITIOUS_DAY)] if fictitious.any() else [])


# ---- coded values -----------------------------------------------------------------------------
def resolve_code(value: str, allowed: tuple[str, ...]) -> str | None:
    """The allowed code a written value means (any script, case, diacritics; see dialogue.code_words)."""
    return code_words.resolve(value, allowed)


def parse_codes(s: pd.Series, allowed: tuple[str, ...], column: str = "") -> Parsed:
    """Coded values mapped to their canonical code; looked up once per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = as_text(s)
    arrow = _arrow_strings(text)
    if arrow is None:
        codes, distinct = pd.factorize(text)
        resolved = [resolve_code(str(v), allowed) for v in distinct]
        known = np.array([r is not None for r in resolved] + [False])
        indices = pa.array(codes.astype(np.int32), mask=codes < 0)
        bad = (codes >= 0) & ~known[codes]
    else:
        distinct = pc.unique(arrow).drop_null().to_pylist()
        resolved = [resolve_code(v, allowed) for v in distinct]
        if text.dtype.na_value is pd.NA and all(r == v for r, v in zip(resolved, distinct)):
            # Every value is already its code (the usual machine-written column): keep the strings.
            return Parsed(text, pd.Series(np.zeros(len(text), dtype=bool), index=s.index))
        indices = pc.index_in(arrow, value_set=pa.array(distinct, type=arrow.type))
        if isinstance(indices, pa.ChunkedArray):
            indices = indices.combine_chunks()
        unknown = [v for v, r in zip(distinct, resolved) if r is None]
        bad = _mask(pc.is_in(arrow, value_set=pa.array(unknown, type=arrow.type))) if unknown \
            else np.zeros(len(text), dtype=bool)
    decoded = pa.DictionaryArray.from_arrays(indices, pa.array(resolved, type=pa.string())).dictionary_decode()
    values = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([decoded])), index=s.index, copy=False)
    return Parsed(values, pd.Series(bad, index=s.index))


def parse_bools(s: pd.Series, column: str = "") -> Parsed:
    """yes/no in any of our languages as booleans."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return Parsed(s.astype("boolean"), pd.Series(False, index=s.index))
    import pyarrow.compute as pc

    codes = parse_codes(s, ("yes", "no"), column)
    arrow = _arrow_strings(codes.values)                 # "yes" / "no" / null, compared in Arrow
    values = pd.Series(pd.BooleanDtype().__from_arrow__(pc.equal(arrow, "yes")), index=s.index, copy=False)
    return Parsed(values, codes.bad)
