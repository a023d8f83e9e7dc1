"""Every stored code is accepted as written in English, Serbian Latin and Serbian Cyrillic (issue 16, item 1)."""
from __future__ import annotations

import csv
import io

import pytest

from dialogue import code_words, i18n
from dialogue.datasets import AGREEMENT_CATEGORIES, AREAS, DATASETS, EXERCISE_FORMATS
from dialogue.ingest import ingest
from dialogue.reading import read_upload
from dialogue.roles import Actor

ANALYST = Actor("ana", "analyst")


def _prefix(values: tuple[str, ...]) -> str | None:
    """The i18n prefix holding the labels of this list of codes (areas of events include 'process')."""
    return next((p for p, codes in code_words.LABEL_PREFIXES.items() if set(values) <= set(codes)), None)


def _written(code: str, values: tuple[str, ...], lang: str) -> str:
    prefix = _prefix(values)
    if prefix is None:
        pytest.fail(f"no labels for {values}")
    return i18n.label(prefix, code, lang)


def _filler(col, i: int) -> str:
    if not col.required and col.type in ("int", "number", "date"):
        return ""
    return {"text": f"t{i}", "int": "2024", "number": "5", "date": f"2024-01-{i % 28 + 1:02d}",
            "bool": "da"}.get(col.type, "")


@pytest.mark.parametrize("lang", i18n.LANGS)
@pytest.mark.parametrize("name", list(DATASETS))
def test_an_upload_with_every_code_written_as_the_pages_label_it_stores_the_codes(name, lang):
    dataset = DATASETS[name]
    enums = [c for c in dataset.columns if c.type == "enum"]
    n = max(len(c.values) for c in enums)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(dataset.column_names)
    expected = {c.name: [] for c in enums}
    for i in range(n):
        row = []
        for col in dataset.columns:
            if col.type == "enum":
                code = col.values[i % len(col.values)]
                expected[col.name].append(code)
                row.append(_written(code, col.values, lang).upper() if i % 2 else _written(code, col.values, lang))
            else:
                row.append(_filler(col, i))
        w.writerow(row)
    if name == "trade":                      # one row per key: the year varies with the row
        lines = out.getvalue().splitlines()
        text = "\n".join([lines[0]] + [ln.replace(",2024,", f",{2000 + i},", 1) for i, ln in enumerate(lines[1:])])
    else:
        text = out.getvalue()
    parsed = read_upload(text.encode("utf-8"), f"{name}.csv", dataset=name)
    assert [p.as_dict() for p in parsed.errors] == []
    for column, codes in expected.items():
        assert parsed.frame[column].tolist() == codes, column


@pytest.mark.parametrize("written, allowed, code", [
    ("security", tuple(AREAS), "security"),
    ("bezbednost", tuple(AREAS), "security"),
    ("Bezbednost i odbrana", tuple(AREAS), "security"),
    ("безбедност", tuple(AREAS), "security"),
    ("Безбедност и одбрана", tuple(AREAS), "security"),
    ("Security & Defence", tuple(AREAS), "security"),
    ("energija i životna sredina", tuple(AREAS), "energy"),
    ("ENERGETIKA I ZIVOTNA SREDINA", tuple(AREAS), "energy"),
    ("Veze medju ljudima", tuple(AREAS), "people"),
    ("Ekonomska, trgovinska i tehnološka saradnja", tuple(AREAS), "economic"),
    ("odbrana", AGREEMENT_CATEGORIES, "defence"),
    ("Сајбер", EXERCISE_FORMATS, "cyber"),
    ("bezbednost", AGREEMENT_CATEGORIES, None),
    ("vazduhoplovstvo", tuple(AREAS), None),
])
def test_codes_are_read_in_any_script_case_and_form(written, allowed, code):
    assert code_words.resolve(written, allowed) == code


def test_no_written_form_means_two_codes_of_one_column():
    vocabulary = code_words.vocabulary()
    for dataset in DATASETS.values():
        for col in (c for c in dataset.columns if c.type == "enum"):
            clashes = {w: [c for c in codes if c in col.values] for w, codes in vocabulary.items()}
            assert {w: c for w, c in clashes.items() if len(c) > 1} == {}, (dataset.name, col.name)


def test_a_new_label_is_accepted_on_upload_without_a_second_list(monkeypatch):
    monkeypatch.setitem(i18n._STRINGS, "format_cyber", ("Cyber", "Kibernetička vežba"))
    code_words.vocabulary.cache_clear()
    try:
        assert code_words.resolve("кибернетичка вежба", EXERCISE_FORMATS) == "cyber"
    finally:
        monkeypatch.undo()
        code_words.vocabulary.cache_clear()
    assert code_words.resolve("kibernetička vežba", EXERCISE_FORMATS) is None


SERBIAN_AGREEMENTS = (
    "Naziv sporazuma;Datum potpisivanja;Kategorija;Oblast;Status;Izvor\n"
    "Sporazum o saradnji u odbrani;12.03.2024;odbrana;bezbednost;potpisan;https://example.org/a\n"
    "Memorandum o energetici;01.06.2025;energetika;energija i životna sredina;na snazi;https://example.org/b\n"
    "Sporazum o trgovini;15.09.2025;trgovina;Ekonomska, trgovinska i tehnološka saradnja;potpisan;https://example.org/c\n"
)


def test_the_serbian_agreements_file_in_cp1250_ingests(con):
    report = ingest(con, SERBIAN_AGREEMENTS.encode("cp1250"), "sporazumi.csv", ANALYST)
    assert report.ok, report.errors
    rows = con.execute("select title, category, area, status from agreements order by date_signed").fetchall()
    assert rows == [
        ("Sporazum o saradnji u odbrani", "defence", "security", "signed"),
        ("Memorandum o energetici", "energy", "energy", "in_force"),
        ("Sporazum o trgovini", "trade", "economic", "signed"),
    ]
