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
        placeholders = set(re.findall(r"\{(\w+)[!:]?[^}]*\}", template[0]))
        assert placeholders == set(re.findall(r"\{(\w+)[!:]?[^}]*\}", template[1])), f"{key}: placeholders differ"
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


@pytest.mark.parametrize("latin,cyrillic", [
    ("Baza iz DIALOGUE_DB: {path}", "База из DIALOGUE_DB: {path}"),           # identifiers stay as written
    ("Dijalog SAD i Srbije", "Дијалог САД и Србије"),                          # Serbian acronyms in Cyrillic
    ("EU, UN i NATO", "ЕУ, УН и НАТО"),
    ("mil. USD, EUR, DFC", "мил. USD, EUR, DFC"),                              # English codes stay Latin
    ("UN Comtrade i UN", "UN Comtrade и УН"),                                  # a product name stays Latin
    ("cilj trade-growth", "циљ trade-growth"),
])
def test_transliteration_keeps_codes_and_writes_serbian_acronyms_in_cyrillic(latin, cyrillic):
    from dialogue.translit import to_cyrillic

    assert to_cyrillic(latin) == cyrillic


def test_a_sentence_ending_on_a_serbian_date_has_one_full_stop():
    assert t("moves_none", "sr-Latn", date="27. 11. 2026.") == "Nijedan status se nije promenio od 27. 11. 2026."
    assert t("overview_caption", "sr-Cyrl", date="27. 11. 2026.", since="30. 9. 2026.") == \
        "На дан 27. 11. 2026. · стрелице: промена од 30. 9. 2026."
    assert t("moves_none", "en", date="27 Nov 2026") == "No status changed since 27 Nov 2026."
    assert t("workspace_env", "sr-Cyrl", path="x.duckdb") == "База из DIALOGUE_DB: x.duckdb"


def test_report_labels_are_one_script_and_name_datasets_in_words():
    from dialogue.reports.labels import dataset_name, label

    assert label("kind_briefing", "sr-Cyrl") == "Брифинг (PDF + Ексел)"
    assert not re.search(r"[A-Za-z]", label("kind_annual", "sr-Cyrl").replace("PDF", ""))
    assert [dataset_name("events", lang) for lang in i18n.LANGS] == ["Events", "Događaji", "Догађаји"]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_method_rules_name_kinds_in_words_and_keep_formula_variables_latin(lang):
    from dialogue import views

    m = views.method(lang)
    kinds = [k for k, _ in m.rules]
    assert not {"growth", "annual_count", "window_count", "milestone"} & set(kinds)
    rules = dict(m.rules)
    window = rules[t("kindname_window_count", lang)]
    assert re.search(r"\bN\b", window) and re.search(r"\bW\b", window)
    assert "V(Y)" in rules[t("kindname_growth", lang)] if lang == "en" else "V(G)" in rules[t("kindname_growth", lang)]
    assert "id" not in m.statuses.columns and len(m.statuses.columns) == 2


@pytest.mark.parametrize("latin,cyrillic", [
    ("Korak I: inauguralni sastanak", "Корак I: инаугурални састанак"),   # not "Корак И"
    ("Korak V i korak VI", "Корак V и корак VI"),                           # not "Корак В"
    ("Koraci I–V", "Кораци I–V"),
    ("Korak I predviđa sastanak", "Корак I предвиђа састанак"),
    ("I tako dalje", "И тако даље"),                                        # the conjunction starting a sentence
])
def test_roman_numerals_stay_latin_in_cyrillic(latin, cyrillic):
    from dialogue.translit import to_cyrillic

    assert to_cyrillic(latin) == cyrillic


def test_a_reason_whose_last_clause_ends_on_a_serbian_date_has_one_full_stop():
    from dialogue.reasons import extend

    assert extend("Ostvareno.", ", deo ostvaren 1. 6. 2026.") == "Ostvareno, deo ostvaren 1. 6. 2026."
    assert extend("Ostvareno 1. 5. 2026.", "; deo") == "Ostvareno 1. 5. 2026.; deo."
