"""Cell parsing: numbers, dates and coded values as analysts write them, and refusals of mixed conventions."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dialogue.cells import as_text, parse_bools, parse_codes, parse_dates, parse_ints, parse_numbers
from dialogue.datasets import EVENT_KINDS, EXERCISE_FORMATS, EXERCISE_STATUSES, US_PARTICIPATION


@pytest.mark.parametrize("raw,expected", [
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("1 234,5", 1234.5),
    ("1\u00a0234,5", 1234.5),
    ("(12.0)", -12.0),
    ("$1,234", 1234.0),
    ("€ 1.234,00", 1234.0),
    ("12%", 0.12),
    ("-80,800.1", -80800.1),
    ("\u221212,5", -12.5),
    ("48591.9", 48591.9),
    ("0,125", 0.125),
    ("1,234,567", 1234567.0),
    ("1.234.567", 1234567.0),
    ("USD 5", 5.0),
])
def test_one_number(raw, expected):
    parsed = parse_numbers(pd.Series([raw]), "value")
    assert parsed.values.iloc[0] == pytest.approx(expected)
    assert not parsed.bad.any()


def test_numbers_from_excel_cells_are_kept():
    parsed = parse_numbers(pd.Series([1.5, None, 2.0]), "value")
    assert parsed.values.tolist()[0] == 1.5 and parsed.values.isna().tolist() == [False, True, False]


def test_unreadable_numbers_are_marked():
    parsed = parse_numbers(pd.Series(["12", "n/a", "", None, "1.2.3,4,5"]), "value")
    assert parsed.bad.tolist() == [False, True, False, False, True]


def test_column_convention_settles_ambiguous_values():
    # 1.234 alone could be 1.234 or 1234; the decimal comma in 5,5 says the dot groups thousands.
    parsed = parse_numbers(pd.Series(["1.234", "5,5"]), "value")
    assert parsed.values.tolist() == [1234.0, 5.5]
    assert any("decimal comma" in w for w in parsed.warnings)


def test_ambiguous_column_says_what_was_assumed():
    parsed = parse_numbers(pd.Series(["1,234", "2,500"]), "value")
    assert parsed.values.tolist() == [1234.0, 2500.0]
    assert parsed.warnings and "assumed a decimal point" in parsed.warnings[0]


def test_mixed_number_conventions_are_refused():
    parsed = parse_numbers(pd.Series(["1,234.5", "2,000.25", "1.234,5"]), "value")
    assert parsed.mixed.tolist() == [False, False, True]
    assert "mixes number conventions" in parsed.mixed_reason


def test_ambiguous_both_ways_is_refused():
    parsed = parse_numbers(pd.Series(["1,234", "1.234"]), "value")
    assert parsed.mixed is not None and parsed.mixed.sum() == 1


def test_ints_refuse_fractions():
    parsed = parse_ints(pd.Series(["2024", "2024.5", "7"]), "year")
    assert parsed.values.tolist()[0] == 2024 and parsed.values.tolist()[2] == 7
    assert parsed.bad.tolist() == [False, True, False]


@pytest.mark.parametrize("raw,expected,precision", [
    ("2023-06-15", "2023-06-15", "day"),
    ("2023-06-15 00:00:00", "2023-06-15", "day"),
    ("15.06.2023.", "2023-06-15", "day"),
    ("15.06.2023", "2023-06-15", "day"),
    ("15. 6. 2023.", "2023-06-15", "day"),
    ("15/06/2023", "2023-06-15", "day"),
    ("June 2025", "2025-06-01", "month"),
    ("jun 2025.", "2025-06-01", "month"),
    ("Јун 2025", "2025-06-01", "month"),
    ("avgust 2024", "2024-08-01", "month"),
    ("2024-03", "2024-03-01", "month"),
    ("2024", "2024-01-01", "year"),
    ("45000", "2023-03-15", "day"),
])
def test_one_date(raw, expected, precision):
    parsed = parse_dates(pd.Series([raw]), "date")
    assert parsed.values.iloc[0] == pd.Timestamp(expected)
    assert parsed.precision.iloc[0] == precision
    assert not parsed.bad.any()


def test_real_date_cells_and_excel_serial_numbers():
    cells = pd.Series(pd.to_datetime(["2023-06-15 13:45", None]))
    assert parse_dates(cells).values.tolist()[0] == pd.Timestamp("2023-06-15")
    serials = parse_dates(pd.Series([45000.0, 2024.0]))
    assert serials.values.tolist() == [pd.Timestamp("2023-03-15"), pd.Timestamp("2024-01-01")]
    assert serials.precision.tolist() == ["day", "year"]


def test_dates_beyond_what_can_be_stored_are_marked_far_not_raised():
    """pandas holds dates from 1677-09-22 to 2262-04-11 in nanoseconds; beyond that a date is real
    but unstorable: marked `far` (validation reports it as out of range), never an exception."""
    text = parse_dates(pd.Series(["9999-12-31", "0001-01-01", "2262-04-12", "2262-04-11", "2024-01-02"]))
    assert text.far.tolist() == [True, True, True, False, False]
    assert text.bad.tolist() == [False] * 5
    assert text.values.tolist()[3:] == [pd.Timestamp("2262-04-11"), pd.Timestamp("2024-01-02")]
    assert text.values.isna().tolist() == [True, True, True, False, False]
    cells = pd.Series(pd.to_datetime(["9999-12-31", "2024-01-02"]).astype("datetime64[ms]"))
    assert parse_dates(cells).far.tolist() == [True, False]
    python_dates = pd.Series([date(9999, 12, 31), date(2024, 1, 2)], dtype=object)    # calamine's cells
    assert parse_dates(python_dates).far.tolist() == [True, False]
    serials = parse_dates(pd.Series([2958465.0, 2958466.0, 45000.0]))
    assert serials.far.tolist() == [True, False, False] and serials.bad.tolist() == [False, True, False]


def test_excel_serials_follow_excels_1900_calendar_and_serial_60_is_refused():
    parsed = parse_dates(pd.Series([1.0, 59.0, 60.0, 61.0]))
    assert parsed.values.tolist()[:2] == [pd.Timestamp("1900-01-01"), pd.Timestamp("1900-02-28")]
    assert parsed.values.tolist()[3] == pd.Timestamp("1900-03-01")
    (refused, why), = parsed.refusals
    assert refused.tolist() == [False, False, True, False] and "29 February 1900" in why
    assert pd.isna(parsed.values.iloc[2]) and not parsed.bad.iloc[2]


def test_a_date_cell_on_28_february_1900_is_refused_as_possibly_serial_60():
    parsed = parse_dates(pd.Series(pd.to_datetime(["1900-02-28", "1900-03-01"])))
    (refused, why), = parsed.refusals
    assert refused.tolist() == [True, False] and "serial 60" in why


def test_whole_numbers_too_large_for_an_integer_are_refused_not_wrapped():
    parsed = parse_ints(pd.Series(["9" * 400, "2024", "1" + "0" * 20]), "year")
    assert parsed.values.tolist()[1] == 2024 and parsed.values.isna().tolist() == [True, False, True]
    (refused, why), = parsed.refusals
    assert refused.tolist() == [True, False, True] and "too large" in why


def test_huge_float_cells_read_as_text_stay_as_written():
    assert as_text(pd.Series([1e300, 12.0, 1.5])).tolist() == ["1e+300", "12", "1.5"]


def test_impossible_dates_are_bad():
    parsed = parse_dates(pd.Series(["31.02.2023", "tomorrow", "2023-13-01"]))
    assert parsed.bad.tolist() == [True, True, True]


def _arrow_text(values: list) -> pd.Series:
    """A column as the CSV reader gives it: Arrow strings."""
    import pyarrow as pa

    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.array(values, type=pa.string())])))


@pytest.mark.parametrize("arrow", [True, False], ids=["arrow", "object"])
@pytest.mark.parametrize("raw,expected,precision,bad", [
    # every cell one fixed shape: read in one pass
    (["2026-01-10"], ["2026-01-10"], ["day"], [False]),
    (["2024-02-29", None, " 1899-12-31 "], ["2024-02-29", None, "1899-12-31"], ["day", None, "day"],
     [False, False, False]),
    (["15.06.2023.", "01.12.2261", ""], ["2023-06-15", "2261-12-01", None], ["day", "day", None],
     [False, False, False]),
    # any other cell sends the whole column to the general reader, which accepts and refuses as before
    (["2023-02-29", "2023-03-01"], [None, "2023-03-01"], [None, "day"], [True, False]),
    (["31.02.2023.", "28.02.2023."], [None, "2023-02-28"], [None, "day"], [True, False]),
    (["2023-13-01", "2023-00-10", "2023-06-00"], [None, None, None], [None, None, None], [True, True, True]),
    (["2023-06-15", "15.06.2023.", "2023-6-1"], ["2023-06-15", "2023-06-15", "2023-06-01"], ["day"] * 3,
     [False] * 3),
    (["2023-06-15", "June 2025"], ["2023-06-15", "2025-06-01"], ["day", "month"], [False, False]),
    (["2023-06-15 10:00", "01.01.2000.."], ["2023-06-15", None], ["day", None], [False, True]),
])
def test_fixed_width_date_columns_read_as_the_general_reader_reads_them(raw, expected, precision, bad, arrow):
    """ISO and dotted columns take the one-pass reader; what it accepts, rejects and calls a day is
    exactly what the regular expressions give (an impossible day or another shape: the general reader)."""
    parsed = parse_dates(_arrow_text(raw) if arrow else pd.Series(raw, dtype=object), "date")
    assert [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in parsed.values] == expected
    assert [None if pd.isna(p) else p for p in parsed.precision] == precision
    assert parsed.bad.tolist() == bad
    assert parsed.far.tolist() == [False] * len(raw) and parsed.mixed is None and parsed.warnings == []
    assert parsed.values.dtype == "datetime64[ns]" and parsed.precision.dtype == "string"


@pytest.mark.parametrize("raw", [["2026-01-10"], ["15.06.2023.", None], ["15.06.2023"]])
def test_fixed_width_date_columns_skip_the_regular_expressions(raw, monkeypatch):
    """A column of ISO or dotted days is read without the dozen regular expressions (~25 ms a column
    even for one row, most of a small upload's reading)."""
    from dialogue import cells

    def general(*_):
        raise AssertionError("the general reader ran")

    monkeypatch.setattr(cells, "_dates_from_text", general)
    assert parse_dates(_arrow_text(raw)).values.notna().sum() == 1


@pytest.mark.parametrize("raw", [["1677-09-22"], ["2262-04-11"], ["9999-12-31"], ["2023-02-29"], ["31.04.2023"]])
def test_dates_near_the_storable_edge_or_impossible_go_to_the_general_reader(raw, monkeypatch):
    from dialogue import cells

    seen = []
    general = cells._dates_from_text
    monkeypatch.setattr(cells, "_dates_from_text", lambda text, column: seen.append(1) or general(text, column))
    parse_dates(_arrow_text(raw))
    assert seen == [1]


def test_dates_near_the_storable_edge_keep_their_verdicts():
    parsed = parse_dates(_arrow_text(["1677-09-22", "1677-09-21", "2262-04-11", "2262-04-12"]))
    assert parsed.far.tolist() == [False, True, False, True]
    assert parsed.values.notna().tolist() == [True, False, True, False]


def test_slash_dates_follow_the_column():
    us = parse_dates(pd.Series(["06/15/2023", "07/04/2023"]), "date")
    assert us.values.tolist() == [pd.Timestamp("2023-06-15"), pd.Timestamp("2023-07-04")]
    assert "month/day/year" in us.warnings[0]
    unsure = parse_dates(pd.Series(["03/04/2023"]), "date")
    assert unsure.values.iloc[0] == pd.Timestamp("2023-04-03")
    assert "day/month/year" in unsure.warnings[0]


def test_mixed_slash_dates_are_refused():
    parsed = parse_dates(pd.Series(["15/06/2023", "06/16/2023", "20/07/2023"]), "date")
    assert parsed.mixed.tolist() == [False, True, False]


@pytest.mark.parametrize("raw,allowed,expected", [
    ("Da", US_PARTICIPATION, "yes"),
    ("Да", US_PARTICIPATION, "yes"),
    ("NE", US_PARTICIPATION, "no"),
    ("održana", EXERCISE_STATUSES, "held"),
    ("одржана", EXERCISE_STATUSES, "held"),
    ("Planirana", EXERCISE_STATUSES, "planned"),
    ("планирана", EXERCISE_STATUSES, "planned"),
    ("Multinacionalna", EXERCISE_FORMATS, "multinational"),
    ("bilateral", EXERCISE_FORMATS, "bilateral"),
    ("police training", EXERCISE_FORMATS, "police_training"),
    ("Annual Meeting", EVENT_KINDS, "annual_meeting"),
    ("working-group meeting", EVENT_KINDS, "working_group_meeting"),
    ("perhaps", US_PARTICIPATION, None),
])
def test_codes(raw, allowed, expected):
    parsed = parse_codes(pd.Series([raw]), allowed)
    value = parsed.values.iloc[0]
    assert (value if value is not pd.NA else None) == expected
    assert parsed.bad.iloc[0] == (expected is None)


def test_bools():
    parsed = parse_bools(pd.Series(["yes", "Ne", "да", None, "hmm"]))
    assert parsed.values.tolist()[:3] == [True, False, True]
    assert parsed.bad.tolist() == [False, False, False, False, True]


def _arrow_series(*chunks) -> pd.Series:
    """An Arrow-backed string column split into chunks, as the CSV reader hands it over."""
    import pyarrow as pa

    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(
        [pa.array(c, type=pa.large_string()) for c in chunks], type=pa.large_string())))


def test_codes_from_arrow_chunks_map_each_value_and_mark_the_unknown():
    parsed = parse_codes(_arrow_series(["Held", "planned"], ["održana", None, "perhaps"]), EXERCISE_STATUSES)
    assert parsed.values.tolist() == ["held", "planned", "held", pd.NA, pd.NA]
    assert parsed.bad.tolist() == [False, False, False, False, True]


def test_codes_already_canonical_keep_the_column_as_it_is():
    column = _arrow_series(["held", "planned"], ["held"])
    parsed = parse_codes(column, EXERCISE_STATUSES)
    assert parsed.values.tolist() == ["held", "planned", "held"]
    assert not parsed.bad.any()


def test_bools_from_arrow_chunks():
    parsed = parse_bools(_arrow_series(["true", "FALSE"], ["da", "hmm", None]))
    assert parsed.values.tolist() == [True, False, True, pd.NA, pd.NA]
    assert parsed.bad.tolist() == [False, False, False, True, False]


def test_arrow_text_is_trimmed_of_unicode_spaces_at_either_end():
    from dialogue.cells import as_text

    # U+00A0 (no-break space, common in text copied from web pages), U+3000, U+2007; '' is blank.
    text = as_text(_arrow_series(["Serbia\u00a0", "x"], ["\u3000Niš", "a\u2007", "", " b ", "Beograd"]))
    assert text.tolist() == ["Serbia", "x", "Niš", "a", pd.NA, "b", "Beograd"]


def test_arrow_text_without_spaces_or_blanks_keeps_its_buffers():
    from dialogue.cells import as_text

    column = _arrow_series(["Nis", "Beograd"], ["US Census"])
    text = as_text(column)
    assert text.tolist() == ["Nis", "Beograd", "US Census"]
    before, after = column.array._pa_array, text.array._pa_array
    assert [c.buffers()[2].address for c in after.chunks] == [c.buffers()[2].address for c in before.chunks]
