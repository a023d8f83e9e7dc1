"""UI strings exist in every language, and numbers and dates are written as each language writes them."""
from __future__ import annotations

import re
from datetime import date

import pytest

from dialogue import i18n
from dialogue.i18n import fmt_date, fmt_money, fmt_number, fmt_percent, t


@pytest.mark.parametrize("x,lang,decimals,expected", [
    (1234.5, "en", 1, "1,234.5"),
    (1234.5, "sr-Latn", 1, "1.234,5"),
    (1234.5, "sr-Cyrl", 1, "1.234,5"),
    (1234567, "en", 0, "1,234,567"),
    (1234567, "sr-Latn", 0, "1.234.567"),
    (-604.4, "sr-Latn", 1, "-604,4"),
    (0.04, "en", 1, "0.0"),
    (999, "en", 0, "999"),
    (None, "en", 0, "–"),
    (float("nan"), "sr-Latn", 1, "–"),
])
def test_fmt_number(x, lang, decimals, expected):
    assert fmt_number(x, lang, decimals) == expected


@pytest.mark.parametrize("d,lang,expected", [
    (date(2026, 6, 15), "sr-Latn", "15. 6. 2026."),
    (date(2026, 6, 15), "sr-Cyrl", "15. 6. 2026."),
    (date(2026, 6, 15), "en", "15 Jun 2026"),
    ("2026-01-05", "sr-Latn", "5. 1. 2026."),
    (__import__("numpy").datetime64("2026-03-31"), "en", "31 Mar 2026"),
    (None, "en", "–"),
])
def test_fmt_date(d, lang, expected):
    assert fmt_date(d, lang) == expected


def test_fmt_money_and_percent():
    assert fmt_money(1_234_500_000, "USD", "en") == "USD 1,234.5 million"
    assert fmt_money(1_234_500_000, "EUR", "sr-Latn") == "1.234,5 mil. EUR"
    assert fmt_money(1_234_500_000, "EUR", "sr-Cyrl") == "1.234,5 мил. EUR"
    assert fmt_percent(0.1, "en") == "10.0%"
    assert fmt_percent(0.125, "sr-Latn") == "12,5%"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_key_exists_and_formats_in_every_language(lang):
    for key in i18n.keys():
        template = i18n._STRINGS[key]
        assert len(template) == 2 and all(template), key
        placeholders = set(re.findall(r"\{(\w+)\}", template[0]))
        assert placeholders == set(re.findall(r"\{(\w+)\}", template[1])), f"{key}: placeholders differ"
        text = t(key, lang, **{p: "X" for p in placeholders})
        assert text and "{" not in text, key


def test_cyrillic_is_transliterated_and_keeps_codes():
    assert t("page_trade", "sr-Cyrl") == "Трговина"
    assert t("demo_banner", "sr-Cyrl").startswith("ДЕМО ПОДАЦИ")
    assert "САД" in t("flow_us_to_serbia", "sr-Cyrl")
    assert t("unit_million", "sr-Cyrl", cur="USD") == "мил. USD"
    assert not re.search(r"[A-Za-z]", t("area_security", "sr-Cyrl"))


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language"):
        t("page_trade", "de")
