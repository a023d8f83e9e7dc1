"""Messages of the reading, checking and storing layers in the reader's language: each refusal, layout problem,
warning and report sentence has a stable code and reads in English, Serbian Latin and Serbian Cyrillic."""
from __future__ import annotations

import copy
import json
import pickle

import pandas as pd
import pytest

from dialogue import cli, messages, store
from dialogue.ingest import ingest
from dialogue.layouts import RawSheet, census_bulk, census_bulk_peers, census_page, comtrade, rzs
from dialogue.reading import read_upload
from tests.conftest import ANALYST
from tests.malformed_files import CASES, ENCODING_CASES, csv_bytes, xlsx_bytes


def _sheet(rows: list[list]) -> RawSheet:
    width = max(len(r) for r in rows)
    return RawSheet("f.csv", None, pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object))


def _shown(problem, lang: str = "sr-Cyrl") -> str:
    return messages.localized(problem.as_dict(), lang)["message"]


# ---------------------------------------------------------------- the guard: no reading problem left uncoded

@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_problem_or_warning_of_the_malformed_corpus_is_left_without_a_code(case):
    parsed = read_upload(case.build(), case.filename, dataset=case.dataset)
    assert parsed.errors, "every malformed file is refused"
    assert [p.code for p in parsed.errors if p.code not in messages.TEMPLATES] == []
    assert [w for w in parsed.warnings if getattr(w, "code", None) not in messages.TEMPLATES] == []


@pytest.mark.parametrize("case", ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES])
def test_the_warnings_of_every_encoding_are_coded(case):
    _id, name, build, _rows = case
    parsed = read_upload(build(), name)
    assert [w for w in parsed.warnings if getattr(w, "code", None) not in messages.TEMPLATES] == []


# ---------------------------------------------------------------- one family at a time, in Cyrillic

def test_a_png_named_xlsx_is_refused_in_cyrillic_with_its_kind_and_the_format_names_in_latin():
    (problem,) = read_upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "trade.xlsx").errors
    assert (problem.file, problem.row, problem.code) == ("trade.xlsx", None, "file_other_kind")
    assert problem.message == ("This file is a PNG image, not a spreadsheet (whatever its name says). "
                               "Upload .xlsx, .ods or .csv.")
    assert _shown(problem) == ("Ова датотека је слика PNG, а не табела (без обзира на име). "
                               "Пошаљите XLSX, ODS или CSV.")


def test_a_hidden_sheet_is_skipped_with_a_warning_naming_it_in_the_readers_language():
    data = xlsx_bytes([["reporter", "year"]], extra_sheets={"Stara": [["x"]]})
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Stara"].sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    parsed = read_upload(out.getvalue(), "t.xlsx")
    (warning,) = [w for w in parsed.warnings if w.code == "hidden_sheets_skipped"]
    assert warning.startswith("Skipped hidden sheet(s): 'Stara' (hidden). ")
    assert messages.say(warning, "sr-Cyrl").startswith("Прескочени су скривени листови: 'Stara' (скривен). ")


def test_a_header_without_rows_is_told_in_serbian_latin_and_cyrillic():
    (problem,) = read_upload(csv_bytes("reporter,year,month,flow,value,currency,source"), "t.csv").errors
    assert problem.code == "header_without_rows"
    assert _shown(problem, "sr-Latn") == "Red sa zaglavljem je pronađen, ali ispod njega nema redova sa podacima."
    assert _shown(problem) == "Ред са заглављем је пронађен, али испод њега нема редова са подацима."


def test_a_column_that_mixes_date_conventions_is_coded_at_the_cell_that_breaks_it():
    parsed = read_upload(csv_bytes("name,start_date,format,us_participation,status",
                                   "A,15/06/2023,bilateral,yes,held", "B,06/16/2023,bilateral,yes,held"), "e.csv")
    assert [(p.row, p.column, p.code) for p in parsed.errors] == [(3, "start_date", "dates_mixed")]
    assert _shown(parsed.errors[0]) == ("колона меша датуме у облику дан/месец/година (15/06/2023) и "
                                        "месец/дан/година (06/15/2023); напишите их на један начин, најбоље као "
                                        "2023-06-15")


def test_a_decimal_comma_warning_names_the_column_and_the_example_in_cyrillic():
    parsed = read_upload(csv_bytes("reporter;year;month;flow;value;currency;source",
                                   "US Census;2024;1;us_to_serbia;1.234,5;USD;x",
                                   "US Census;2024;2;us_to_serbia;2.500;USD;x"), "t.csv")
    assert parsed.ok
    (warning,) = [w for w in parsed.warnings if w.code == "decimal_comma_read"]
    assert warning == "value: read numbers with a decimal comma (as in 1.234,5), so '2.500' was read that way"
    assert messages.say(warning, "sr-Cyrl") == ("value: бројеви су прочитани са децималним зарезом (као 1.234,5), "
                                               "па је и '2.500' прочитано тако")


def test_the_census_page_of_another_country_and_a_bad_figure_are_coded():
    result = census_page.convert(_sheet([["Trade in Goods with World"], ["Month", "Exports", "Imports", "Balance"],
                                         ["January 2026", "194,795.1", "27,5595.3", "-80,800.1"]]))
    codes = {(p.row, p.column, p.code) for p in result.problems}
    assert codes == {(1, None, "other_country_page"), (3, "Imports", "census_number_style"),
                     (None, "Month", "no_month_rows")}
    other = next(p for p in result.problems if p.code == "other_country_page")
    assert _shown(other) == ("ово је Census страница друге земље; очекује се страница „Trade in Goods with Serbia” "
                             "(c4801)")


def test_a_census_total_that_does_not_match_its_months_is_a_warning_in_cyrillic():
    result = census_page.convert(_sheet([["Trade in Goods with Serbia"], ["Month", "Exports", "Imports", "Balance"],
                                         ["January 2025", "20.0", "75.0", "-55.0"],
                                         ["TOTAL 2025", "20.0", "85.0", "-65.0"]]))
    (warning,) = [w for w in result.warnings if w.code == "total_mismatch"]
    assert warning == ("TOTAL 2025 does not match its months beyond rounding: imports months sum to 75.0 but "
                       "TOTAL 2025 says 85.0 (USD millions).")
    assert messages.say(warning, "sr-Cyrl") == ("TOTAL 2025 се не слаже са својим месецима више од заокруживања: "
                                                "увоз: збир месеци је 75.0, а TOTAL 2025 каже 85.0 (милиони USD).")


BULK_HEADER = ("year,CTY_CODE,CTYNAME,IJAN,IFEB,IMAR,IAPR,IMAY,IJUN,IJUL,IAUG,ISEP,IOCT,INOV,IDEC,IYR,"
               "EJAN,EFEB,EMAR,EAPR,EMAY,EJUN,EJUL,EAUG,ESEP,EOCT,ENOV,EDEC,EYR").split(",")


def test_census_bulk_a_bad_year_and_the_assumed_units_are_coded():
    result = census_bulk.convert(_sheet([BULK_HEADER, ["20x4", "4801", "Serbia", *["1"] * 13, *["1"] * 13]]))
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value, problem.code) == (2, "year", "20x4", "year_expected")
    assert _shown(problem) == "очекује се година, нпр. 2024"
    assert result.warnings[0].code == "units_assumed_millions"
    assert messages.say(result.warnings[0], "sr-Latn").startswith(
        "Jedinice nisu navedene u datoteci country.xlsx: pretpostavljeni su milioni USD")


def test_the_region_workbook_names_a_code_that_contradicts_its_country_in_cyrillic():
    result = census_bulk_peers.convert(_sheet([BULK_HEADER, ["2024", "4803", "Serbia", *["1"] * 13, *["1"] * 13]]))
    clash = next(p for p in result.problems if p.code == "code_name_clash")
    assert (clash.column, clash.value) == ("CTY_CODE", "4803")
    assert _shown(clash) == "шифра 4803 је Kosovo, али назив каже Serbia"


def test_a_region_page_of_another_country_and_a_code_from_the_address_are_said_in_cyrillic():
    from dialogue.layouts import census_page_peers

    table = [["Month", "Exports", "Imports", "Balance"], ["January 2025", "3.5", "1.2", "2.3"]]
    china = census_page_peers.convert(_sheet([["Trade in Goods with China"], *table]))
    (problem,) = china.problems
    assert (problem.row, problem.column, problem.code) == (1, "A", "other_country_page_region")
    assert _shown(problem) == ("ово је Census страница за China, а не за Србију или суседа (Albania, Bosnia and "
                               "Herzegovina, Kosovo, Montenegro, North Macedonia, Serbia, Croatia)")
    kosovo = census_page_peers.convert(_sheet([["https://www.census.gov/foreign-trade/balance/c4803.html"], *table]))
    (warning,) = [w for w in kosovo.warnings if w.code == "partner_from_code"]
    assert messages.say(warning, "sr-Cyrl") == ('Изнад табеле нема наслова "Trade in Goods with ...": шифра странице '
                                               '4803 припада земљи Kosovo.')


def test_region_comtrade_rows_naming_kosovo_or_contradicting_codes_are_coded():
    from dialogue.layouts import comtrade_peers

    header = ["typeCode", "period", "reporterCode", "reporterDesc", "flowCode", "partnerCode", "partnerDesc",
              "primaryValue", "cmdCode"]
    result = comtrade_peers.convert(_sheet([header, ["C", "2024", "842", "USA", "X", "688", "Montenegro", "1", "TOTAL"],
                                            ["C", "2024", "842", "USA", "X", "0", "Kosovo", "2", "TOTAL"],
                                            ["C", "2024", "842", "Serbia", "X", "8", "Albania", "3", "TOTAL"]]))
    assert [(p.row, p.code) for p in result.problems] == [(2, "code_name_clash"), (3, "no_comtrade_code_kosovo"),
                                                          (4, "code_name_clash_usa")]
    assert [_shown(p) for p in result.problems] == [
        "шифра 688 је Serbia, али назив каже Montenegro",
        "Косово нема шифру у UN Comtrade, па датотеке Comtrade не садрже његову трговину (датотеке Census је садрже)",
        "шифра 842 је САД, али назив каже Serbia"]


def test_comtrade_a_bad_period_and_the_layout_warning_are_coded():
    header = ["typeCode", "period", "reporterCode", "flowCode", "partnerCode", "primaryValue", "cmdCode"]
    result = comtrade.convert(_sheet([header, ["C", "2022-1", "688", "X", "842", "100", "TOTAL"]]))
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.code) == (2, "period", "period_expected")
    assert _shown(problem) == "очекује се период ГГГГ (годишњи) или ГГГГММ (месечни)"
    assert messages.say(result.warnings[0], "sr-Cyrl") == ("UN Comtrade, распоред актуелни (47 колона); вредности у "
                                                          "америчким доларима.")


def test_rzs_without_the_trade_columns_lists_what_is_missing_in_cyrillic():
    result = rzs.convert(_sheet([["idindikator", "IDTer", "nTer", "god", "vrednost", "nBracStatus"],
                                 ["123", "RS", "Republika Srbija", "2024", "12,5", "oženjen"]]))
    (problem,) = result.problems
    assert problem.code == "rzs_columns_missing"
    assert _shown(problem).startswith("ова РЗС датотека отворених података нема колону коју препознајемо за: "
                                      "земља партнер (нпр. nZemlja), ток извоз/увоз (нпр. nTok), валута/јединица "
                                      "(нпр. nValuta, nJedMere); ")


def test_a_store_refusal_keeps_its_code_and_reads_in_cyrillic(con):
    frame = pd.DataFrame({"reporter": ["US Census"]})
    with pytest.raises(store.StoreError) as caught:
        store.plan(con, "trade", frame, "sideways")
    said = caught.value.args[0]
    assert (said.code, str(caught.value)) == ("store_mode_unknown", "unknown mode 'sideways'; expected merge or replace")
    assert messages.say(said, "sr-Cyrl") == "непознат начин 'sideways'; очекује се merge (спајање) или replace (замена)"


def test_rolling_back_an_unknown_upload_is_refused_in_the_asked_language(db_path, capsys):
    assert cli.main(["--db", str(db_path), "init"]) == 0
    capsys.readouterr()
    code = cli.main(["--db", str(db_path), "rollback", "99", "--lang", "sr-Cyrl", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["error"] == "Не постоји отпремање бр. 99; бројеве отпремања приказује `history`."


# ---------------------------------------------------------------- the ingest report's sentence

TRADE = csv_bytes("reporter,year,month,flow,value,currency,source", "US Census,2024,1,us_to_serbia,1000,USD,x",
                  "US Census,2024,2,us_to_serbia,2000,USD,x")


def test_the_ingest_report_sentence_in_three_languages(con):
    dry = ingest(con, TRADE, "t.csv", ANALYST, dry_run=True)
    assert dry.sentence("en") == ("Dry run of t.csv (trade, merge): would be 2 added, 0 updated, 0 unchanged, "
                                  "0 removed; nothing was written. Layout recognised: our template.")
    assert dry.sentence("sr-Latn") == ("Proba datoteke t.csv (trade, spajanje): bilo bi dodato 2, izmenjeno 0, "
                                       "nepromenjeno 0, uklonjeno 0; ništa nije upisano. Prepoznat raspored: naš "
                                       "šablon.")
    done = ingest(con, TRADE, "t.csv", ANALYST)
    assert done.message == ("Committed t.csv as upload #1 (trade, merge): 2 added, 0 updated, 0 unchanged, "
                            "0 removed. Layout recognised: our template.")
    assert done.sentence("sr-Cyrl") == ("Датотека t.csv је сачувана као отпремање бр. 1 (trade, спајање): додато 2, "
                                        "измењено 0, непромењено 0, уклоњено 0. Препознат распоред: наш шаблон.")
    again = ingest(con, TRADE, "t.csv", ANALYST)
    assert again.sentence("sr-Cyrl") == ("Датотека t.csv је иста као отпремање бр. 1; ништа није промењено. "
                                         "Препознат распоред: наш шаблон.")


def test_a_rejected_upload_says_how_many_problems_in_each_language(con):
    report = ingest(con, csv_bytes("reporter,year,month,flow,value,currency,source",
                                   "US Census,2024,13,us_to_serbia,5,USD,x", "US Census,2024,0,us_to_serbia,5,USD,x"),
                    "t.csv", ANALYST)
    assert report.sentence("en") == "t.csv was rejected (2 problems); nothing was changed."
    assert report.sentence("sr-Cyrl") == "Датотека t.csv је одбијена (проблема: 2); ништа није промењено."


def test_ingest_text_and_json_give_the_sentence_warnings_and_problems_in_the_asked_language(tmp_path, db_path,
                                                                                          capsys):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes("reporter;year;month;flow;value;currency;source",
                               "US Census;2024;1;us_to_serbia;1.234,5;USD;x", "US Census;2024;2;us_to_serbia;2.500;USD;x"))
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--dry-run", "--lang", "sr-Cyrl"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Проба датотеке t.csv (trade, спајање): било би додато 2, измењено 0")
    assert "  ! value: бројеви су прочитани са децималним зарезом" in text
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--json", "--lang", "sr-Latn"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["warnings"] == ["value: brojevi su pročitani sa decimalnim zarezom (kao 1.234,5), pa je i "
                                  "'2.500' pročitano tako"]


def test_the_ingest_text_names_where_a_problem_is_in_the_asked_language(tmp_path, db_path, capsys):
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes("reporter,year,month,flow,value,currency,source", "US Census,2024,13,us_to_serbia,5,USD,x"))
    assert cli.main(["--db", str(db_path), "ingest", str(path), "--lang", "sr-Cyrl"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == ("  ✗ t.csv, ред 2, колона month: вредност '13': месец је ван опсега; очекује се 1-12, или "
                        "празно за годишњи податак")


# ---------------------------------------------------------------- a Said travels like the text it is

def test_a_said_text_survives_copies_and_pickling_with_its_code():
    text = messages.said("note_rows_skipped", count=3)
    for copied in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert copied == "Skipped 3 note row(s) outside the table's columns or below it."
        assert messages.say(copied, "sr-Latn") == "Preskočeno je redova sa napomenama izvan kolona tabele ili ispod nje: 3."
    assert messages.say("plain text", "sr-Cyrl") == "plain text"
