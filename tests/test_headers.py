"""Header rows found below titles and notes; headers matched in English, Serbian Latin and Cyrillic."""
from __future__ import annotations

import pytest

from dialogue.headers import find_header, fold, match_header, scale_in


def test_fold_is_blind_to_case_diacritics_and_script():
    assert fold("Naziv vežbe") == fold("Назив вежбе") == "naziv vezbe"
    assert fold("  ĐORĐE  ") == "djordje"
    assert fold("Start_Date") == "start date"


@pytest.mark.parametrize("header,dataset,column", [
    ("Naziv vežbe", "exercises", "name"),
    ("Назив вежбе", "exercises", "name"),
    ("Exercise name", "exercises", "name"),
    ("EXERCISE NAME", "exercises", "name"),
    ("Datum početka", "exercises", "start_date"),
    ("Učešće SAD", "exercises", "us_participation"),
    ("start_date", "exercises", "start_date"),
    ("Godina", "trade", "year"),
    ("Месец", "trade", "month"),
    ("Value (USD millions)", "trade", "value"),
    ("Vrednost (mil. USD)", "trade", "value"),
    ("Datum potpisivanja", "agreements", "date_signed"),
    ("Vrsta", "events", "kind"),
    ("Weather", "trade", None),
])
def test_match_header(header, dataset, column):
    assert match_header(header, dataset) == column


def test_header_found_below_title_notes_and_blank_rows():
    rows = [
        ["Vojne vežbe sa SAD", None, None],
        ["Izvor: Ministarstvo odbrane", None, None],
        [None, None, None],
        ["Назив вежбе", "Почетак", "Формат", "Учешће САД", "Статус"],
        ["Platinum Wolf", "15.06.2023.", "multinacionalna", "Da", "održana"],
    ]
    match = find_header(rows)
    assert match.dataset == "exercises"
    assert match.row_index == 3
    assert match.columns == {0: "name", 1: "start_date", 2: "format", 3: "us_participation", 4: "status"}
    assert match.missing == []


def test_dataset_recognised_from_headers():
    assert find_header([["date", "kind", "title"]]).dataset == "events"
    assert find_header([["title", "date_signed", "category", "area", "status"]]).dataset == "agreements"
    assert find_header([["reporter", "year", "flow", "value", "currency"]]).dataset == "trade"


def test_given_dataset_reports_missing_columns():
    match = find_header([["name", "start_date"]], "exercises")
    assert match.dataset == "exercises"
    assert set(match.missing) == {"format", "us_participation", "status"}


def test_units_in_header_or_title():
    assert scale_in("Value (USD millions)") == (1_000_000, "USD")
    assert scale_in("Iznos u hiljadama EUR") == (1_000, "EUR")
    match = find_header([["All figures are in millions of U.S. dollars"],
                         ["reporter", "year", "flow", "value", "currency"]])
    assert match.scale == 1_000_000
    assert "millions" in match.scale_text


def test_no_header_row():
    assert find_header([["hello", "world"], ["1", "2"]]) is None


def test_a_heads_cells_are_folded_once_whatever_the_number_of_datasets(monkeypatch):
    """find_header matches every cell against each dataset's headers (twice: as written and without its
    parentheses); each distinct text is folded once (a 29-row head of long notes took ~45 ms)."""
    import types

    from dialogue import headers

    calls = []
    real = headers.unicodedata
    counting = types.SimpleNamespace(normalize=lambda form, text: calls.append(text) or real.normalize(form, text),
                                     combining=real.combining)
    monkeypatch.setattr(headers, "unicodedata", counting)
    headers._fold_text.cache_clear()
    rows = [["name", "start_date", "status", "source"]] + \
        [[f"Exercise {i}", f"2026-01-{i:02d}", "held", f"a long note about exercise {i}"] for i in range(1, 21)]
    match = find_header(rows)
    assert match.dataset == "exercises" and match.row_index == 0
    distinct = {c for row in rows for c in row}
    assert len(calls) <= len(distinct), (len(calls), len(distinct))
    assert fold("Naziv vežbe") == "naziv vezbe" and fold("Назив вежбе") == "naziv vezbe"


def test_a_header_texts_forms_are_worked_out_once_for_every_dataset(monkeypatch):
    """Each cell is looked up in every dataset's headers by three forms (folded, without parentheses, without
    units); the forms are the same for every dataset, so each text's are made once."""
    from dialogue import headers

    calls = []
    real = headers.fold
    monkeypatch.setattr(headers, "fold", lambda text: calls.append(text) or real(text))
    headers._header_forms.cache_clear()
    rows = [["Naziv vežbe", "Početak (datum)", "Status", "Izvor"],
            ["Vežba 1", "2026-01-02", "held", "https://example.org/1"]]
    match = find_header(rows)
    assert (match.dataset, match.row_index) == ("exercises", 0)
    assert match.columns == {0: "name", 1: "start_date", 2: "status", 3: "source"}
    assert len(calls) <= 2 * 8, calls            # two folds per distinct text, whatever the number of datasets
    assert match_header("Value (USD millions)", "trade") == "value" and match_header(None, "trade") is None
