"""The one formatter: numbers, percents, dates and money as the UI, the reasons and the reports all write them."""
from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from dialogue import i18n, reasons
from dialogue.formats import as_date, fmt_count, fmt_date, fmt_money, fmt_number, fmt_percent, vega_locale

NAN = float("nan")


@pytest.mark.parametrize("x,lang,decimals,expected", [
    (1234.5, "en", 1, "1,234.5"),
    (1234.5, "sr-Latn", 1, "1.234,5"),
    (1234.5, "sr-Cyrl", 1, "1.234,5"),
    (1234567, "sr-Latn", 0, "1.234.567"),
    (-1234.5, "en", 1, "-1,234.5"),
    (-0.04, "en", 1, "0.0"),                 # no "-0.0"
    (0.995, "en", 2, "0.99"),                 # binary 0.995 is just below; Python rounding, not ours
    (np.float64(2.25), "sr-Latn", 2, "2,25"),
    (np.int64(1000), "en", 0, "1,000"),
    (None, "en", 0, "–"),
    (NAN, "sr-Latn", 1, "–"),
    (np.nan, "en", 0, "–"),
    (pd.NA, "en", 0, "–"),
])
def test_fmt_number(x, lang, decimals, expected):
    assert fmt_number(x, lang, decimals) == expected


@pytest.mark.parametrize("x,lang,expected", [
    (3, "en", "3"), (2.5, "sr-Latn", "2,5"), (1200.0, "sr-Cyrl", "1.200"), (None, "en", "–"), (NAN, "en", "–"),
])
def test_fmt_count(x, lang, expected):
    assert fmt_count(x, lang) == expected


@pytest.mark.parametrize("x,lang,kwargs,expected", [
    (0.1, "en", {}, "10.0%"),
    (0.125, "sr-Latn", {}, "12,5%"),
    (0.1, "en", {"decimals": 0}, "10%"),
    (0.1, "sr-Latn", {"decimals": None}, "10%"),       # a whole rate loses its decimals
    (0.125, "sr-Latn", {"decimals": None}, "12,5%"),
    (0.041, "en", {"signed": True}, "+4.1%"),
    (0.041, "sr-Cyrl", {"signed": True}, "+4,1%"),
    (-0.041, "sr-Latn", {"signed": True}, "−4,1%"),     # a true minus sign in growth figures
    (0.0, "en", {"signed": True}, "+0.0%"),
    (-0.0001, "en", {"signed": True}, "+0.0%"),        # never "−0.0%"
    (12.345, "en", {}, "1,234.5%"),
    (-0.05, "en", {}, "-5.0%"),
    (None, "en", {"signed": True}, "–"),
    (NAN, "sr-Latn", {}, "–"),
])
def test_fmt_percent(x, lang, kwargs, expected):
    assert fmt_percent(x, lang, **kwargs) == expected


@pytest.mark.parametrize("d,lang,expected", [
    (date(2026, 6, 15), "en", "15 Jun 2026"),
    (date(2026, 6, 15), "sr-Latn", "15. 6. 2026."),
    (date(2026, 6, 15), "sr-Cyrl", "15. 6. 2026."),
    (datetime(2026, 12, 1, 23, 59), "en", "1 Dec 2026"),
    (pd.Timestamp("2026-03-31 12:00"), "sr-Latn", "31. 3. 2026."),
    (np.datetime64("2026-03-31"), "en", "31 Mar 2026"),
    (np.datetime64("2026-03-31T18:30:00"), "sr-Cyrl", "31. 3. 2026."),
    (np.datetime64("2026-03-31T18:30:00.000000000"), "en", "31 Mar 2026"),
    ("2026-01-05", "sr-Latn", "5. 1. 2026."),
    ("2026-01-05 10:00:00", "en", "5 Jan 2026"),
    (None, "en", "–"),
    (NAN, "en", "–"),
    (pd.NaT, "sr-Latn", "–"),
    (np.datetime64("NaT"), "en", "–"),
])
def test_fmt_date(d, lang, expected):
    assert fmt_date(d, lang) == expected


def test_dates_in_a_pandas_column_format_like_dates():
    column = pd.Series(pd.to_datetime(["2026-02-10", None]))
    assert [fmt_date(d, "en") for d in column] == ["10 Feb 2026", "–"]
    assert [fmt_date(d, "sr-Latn") for d in column.to_numpy()] == ["10. 2. 2026.", "–"]
    assert as_date(column.to_numpy()[0]) == date(2026, 2, 10)


@pytest.mark.parametrize("x,currency,lang,expected", [
    (1_234_500_000, "USD", "en", "USD 1,234.5 million"),
    (1_234_500_000, "EUR", "sr-Latn", "1.234,5 mil. EUR"),
    (1_234_500_000, "EUR", "sr-Cyrl", "1.234,5 мил. EUR"),
    (1_100_000_000, "USD", "sr-Latn", "1.100,0 mil. USD"),
    (None, "USD", "en", "–"),
    (NAN, "USD", "sr-Latn", "–"),
])
def test_fmt_money(x, currency, lang, expected):
    assert fmt_money(x, currency, lang) == expected


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        fmt_number(1, "de")


def test_vega_locale_matches_the_number_format():
    assert vega_locale("sr-Latn")["decimal"] == "," and vega_locale("sr-Latn")["thousands"] == "."
    assert vega_locale("en")["decimal"] == "."


def test_ui_and_reasons_use_the_same_functions():
    from dialogue.reports import html, pdf, xlsx

    assert i18n.fmt_date is fmt_date and i18n.fmt_number is fmt_number and i18n.fmt_percent is fmt_percent
    assert reasons.fmt_date is fmt_date and reasons.fmt_money is fmt_money
    assert html.fmt_date is pdf.fmt_date is xlsx.fmt_date is fmt_date


@pytest.mark.parametrize("status,lang,expected", [
    ("at_risk", "en", "at risk"), ("not_started", "en", "not started"),
    ("on_track", "sr-Latn", "na dobrom putu"), ("missed", "sr-Cyrl", "није остварено"),
])
def test_status_phrase_is_vocab_word_in_lower_case(status, lang, expected):
    assert reasons.status_phrase(status, lang) == expected
