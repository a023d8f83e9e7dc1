"""Numbers, percents, dates and money as each language writes them: one place for the UI, reasons and reports."""
from __future__ import annotations

import math
from datetime import date, datetime

from dialogue.translit import to_cyrillic

LANGS = ("en", "sr-Latn", "sr-Cyrl")
MISSING = "–"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_SR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec")


def is_english(lang: str) -> bool:
    """True for English, False for either Serbian script; an unknown language is an error, not a guess."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang == "en"


def is_missing(x) -> bool:
    """None, NaN, pandas NA / NaT and numpy NaT all count as 'no value'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return True
    if isinstance(x, (int, str)):
        return False
    if isinstance(x, date):
        return x != x                        # pandas NaT is a datetime too, and unequal to itself
    try:
        import pandas as pd

        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def fmt_number(x, lang: str = "en", decimals: int = 0) -> str:
    """1,234.5 in English, 1.234,5 in Serbian; a dash for a missing value; never '-0'."""
    if is_missing(x):
        return MISSING
    x = float(x)
    neg = x < 0 and round(abs(x), decimals) != 0
    whole, _, frac = f"{abs(x):.{decimals}f}".partition(".")
    thousands, point = (",", ".") if is_english(lang) else (".", ",")
    return ("-" if neg else "") + _group(whole, thousands) + (point + frac if frac else "")


def fmt_count(x, lang: str = "en") -> str:
    """A count: no decimals when whole (3), one otherwise (2.5 expected by now)."""
    if is_missing(x):
        return MISSING
    return fmt_number(x, lang, 0 if float(x).is_integer() else 1)


def fmt_percent(x, lang: str = "en", decimals: int | None = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.123 -> 12.3% (12,3%); signed growth -> +4.1% / −4.1%.

    decimals=None drops the decimals of a whole percentage (10%) and keeps one otherwise (12.5%).
    """
    if is_missing(x):
        return MISSING
    pct = float(x) * 100
    if decimals is None:
        decimals = 0 if abs(pct - round(pct)) < 1e-9 else 1
    if not signed:
        return fmt_number(pct, lang, decimals) + "%"
    sign = "−" if pct < 0 and round(abs(pct), decimals) != 0 else "+"
    return sign + fmt_number(abs(pct), lang, decimals) + "%"


def as_date(d) -> date | None:
    """A calendar date from a date, datetime, pandas Timestamp, numpy.datetime64 or ISO string; None if missing."""
    if is_missing(d):
        return None
    if isinstance(d, datetime):             # also pandas Timestamp, a datetime subclass
        return d.date()
    if isinstance(d, date):
        return d
    if isinstance(d, str):
        return date.fromisoformat(d.strip()[:10])
    import pandas as pd                      # numpy.datetime64 and the like

    return pd.Timestamp(d).date()


def fmt_date(d, lang: str = "en") -> str:
    """15 Jun 2026 in English, 15. 6. 2026. in Serbian (either script); a dash for a missing date."""
    d = as_date(d)
    if d is None:
        return MISSING
    if is_english(lang):
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day}. {d.month}. {d.year}."


def fmt_timestamp(moment, lang: str = "en") -> str:
    """A stored moment (naive UTC) to the minute with its zone: 3 Dec 2026 06:58 UTC, 3. 12. 2026. 06:58 UTC."""
    if is_missing(moment):
        return MISSING
    import pandas as pd

    moment = pd.Timestamp(moment)
    if moment.tzinfo is not None:
        moment = moment.tz_convert("UTC").tz_localize(None)
    return f"{fmt_date(moment, lang)} {moment:%H:%M} UTC"


def fmt_month(d, lang: str = "en") -> str:
    """Oct 2026 in English, okt 2026. in Serbian (Cyrillic by transliteration); a dash for a missing date."""
    d = as_date(d)
    if d is None:
        return MISSING
    if is_english(lang):
        return f"{MONTHS_EN[d.month - 1]} {d.year}"
    text = f"{MONTHS_SR[d.month - 1]} {d.year}."
    return to_cyrillic(text) if lang == "sr-Cyrl" else text


def fmt_money(x, currency: str = "USD", lang: str = "en", scale: str = "million", decimals: int = 1) -> str:
    """An amount in whole units shown in millions: 'USD 1,234.5 million' / '1.234,5 mil. USD' / '1.234,5 мил. USD'."""
    if is_missing(x):
        return MISSING
    english = is_english(lang)
    if scale == "million":
        number = fmt_number(float(x) / 1e6, lang, decimals)
        if english:
            return f"{currency} {number} million"
        return f"{number} {to_cyrillic('mil.') if lang == 'sr-Cyrl' else 'mil.'} {currency}"
    number = fmt_number(x, lang, decimals)
    return f"{currency} {number}" if english else f"{number} {currency}"


def vega_locale(lang: str) -> dict:
    """The d3 number locale Vega-Lite uses for axes and tooltips in this language."""
    if is_english(lang):
        return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]}
    return {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " RSD"]}
