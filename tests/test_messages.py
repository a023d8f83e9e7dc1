"""Problems in the reader's language: one stable code, its text rendered in en, sr-Latn or sr-Cyrl when shown."""
from __future__ import annotations

import json
import re
import string

import pytest

from dialogue import cli, messages
from dialogue.problems import coded
from tests.test_code_words import SERBIAN_AGREEMENTS

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _params(template: str) -> dict:
    return {name: "x" for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(messages.TEMPLATES))
def test_every_problem_code_has_a_text_in_all_three_languages(code):
    en, latin = messages.TEMPLATES[code]
    assert _params(en) == _params(latin), "both languages fill the same placeholders"
    texts = {lang: messages.render(code, _params(en), lang) for lang in messages.LANGS}
    assert texts["en"] != texts["sr-Latn"] and texts["sr-Latn"] != texts["sr-Cyrl"]
    cyrillic = {lang: len(CYRILLIC.findall(text)) for lang, text in texts.items()}
    assert cyrillic["sr-Latn"] == 0
    assert cyrillic["sr-Cyrl"] > len(texts["sr-Cyrl"]) // 3, "the Serbian words are written in Cyrillic"


def test_a_problem_keeps_its_english_message_and_renders_serbian_from_its_code():
    problem = coded("f.csv", None, 7, "Datum", "1824-03-12", "date_out_of_range").as_dict()
    assert problem["message"] == "date out of range; expected a date between 1900 and 2100"
    shown = messages.localized(problem, "sr-Cyrl")
    assert shown == {"file": "f.csv", "sheet": None, "row": 7, "column": "Datum", "value": "1824-03-12",
                     "code": "date_out_of_range",
                     "message": "датум је ван опсега; очекује се датум између 1900. и 2100. године"}
    assert messages.localized(problem, "sr-Latn")["message"] == \
        "datum je van opsega; očekuje se datum između 1900. i 2100. godine"


def test_the_rows_beyond_the_listed_ones_are_summarised_in_the_readers_language():
    text = messages.render("value_negative", {"more_count": 2, "more_rows": "60, 61"}, "sr-Latn")
    assert text == "vrednost je negativna; očekuje se 0 ili više (i u još 2 redova: 60, 61)"


def test_a_problem_without_a_template_is_shown_as_written():
    problem = {"file": "f", "sheet": None, "row": None, "column": None, "value": None, "message": "as written"}
    assert messages.localized(problem, "sr-Cyrl") == problem | {"code": "other"}


def test_the_serbian_agreements_file_with_a_bad_date_speaks_cyrillic_when_asked(tmp_path, db_path, capsys):
    bad = SERBIAN_AGREEMENTS.replace("01.06.2025", "01.06.1825")
    path = tmp_path / "sporazumi.csv"
    path.write_bytes(bad.encode("cp1250"))
    code = cli.main(["--db", str(db_path), "ingest", str(path), "--lang", "sr-Cyrl", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["ok"] is False
    (err,) = report["errors"]
    assert (err["file"], err["row"], err["column"], err["value"]) == ("sporazumi.csv", 3, "Datum potpisivanja",
                                                                      "1825-06-01")
    assert err["code"] == "date_out_of_range"
    assert err["message"] == "датум је ван опсега; очекује се датум између 1900. и 2100. године"


def test_every_verb_takes_lang_defaulting_to_the_environment(monkeypatch):
    monkeypatch.setenv("DIALOGUE_LANG", "sr-Latn")
    assert cli.build_parser().parse_args(["history"]).lang == "sr-Latn"
    assert cli.build_parser().parse_args(["ingest", "f.csv", "--lang", "sr-Cyrl"]).lang == "sr-Cyrl"
    monkeypatch.setenv("DIALOGUE_LANG", "klingon")
    assert cli.build_parser().parse_args(["backup", "d"]).lang == "en"
    monkeypatch.delenv("DIALOGUE_LANG")
    assert cli.build_parser().parse_args(["status"]).lang == "en"
