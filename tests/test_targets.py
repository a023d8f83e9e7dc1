"""The targets file: every target of the issue declared once, and clear errors for a bad file."""
from __future__ import annotations

import tomllib
from datetime import date

import pytest

from dialogue import config
from dialogue.targets import TargetsFileError, load_targets, parse_targets

ISSUE_IDS = [
    "trade-growth", "double-taxation-agreement", "trade-barriers", "dfc-office", "dfc-credit-program",
    "joint-exercises", "national-guard-partnership", "defence-agreements", "presidential-visit",
    "unga-resolution", "diplomat-training", "parliamentary-exchange", "fulbright-commission",
    "sister-cities", "visa-facilitation", *[f"roadmap-{n}" for n in range(1, 11)],
]


def raw():
    return tomllib.loads(config.TARGETS_FILE.read_text(encoding="utf-8"))


def test_every_target_of_the_issue_is_declared_once():
    book = load_targets()
    assert book.ids == ISSUE_IDS
    kinds = {t.id: t.kind for t in book.targets}
    assert kinds["trade-growth"] == "growth"
    assert kinds["joint-exercises"] == kinds["diplomat-training"] == "annual_count"
    assert kinds["defence-agreements"] == "window_count"
    assert {kinds[f"roadmap-{n}"] for n in (6, 7, 8, 9)} == {"annual_count"}


def test_thresholds_and_dates_come_from_the_file():
    book = load_targets()
    assert book.settings["planned_start"] == date(2026, 1, 1)
    assert book.get("trade-growth").params["rate"] == 0.10
    assert book.get("joint-exercises").params["required"] == 3
    assert book.get("defence-agreements").params["window_years"] == 3
    assert book.get("presidential-visit").deadline == date(2029, 1, 20)
    assert [book.get(f"roadmap-{n}").deadline for n in (1, 2, 3, 4, 5, 10)] == [
        date(2025, 6, 30), date(2025, 12, 31), date(2025, 12, 31), date(2026, 3, 31), date(2026, 6, 30),
        date(2034, 6, 30)]


def test_wording_in_three_languages_and_the_ohio_note():
    t = load_targets().get("national-guard-partnership")
    assert set(t.wording) == {"en", "sr-Latn", "sr-Cyrl"}
    assert t.wording["sr-Cyrl"] == "Успостављено партнерство Војске Србије и Националне гарде Илиноја"
    assert "Ohio National Guard, since 2006" in t.notes["en"]


def test_defaults_the_proposal_does_not_state_are_assumptions():
    book = load_targets()
    assert any("police" in a for a in book.get("joint-exercises").assumptions)
    assert any("2 public reports" in a for a in book.get("roadmap-7").assumptions)
    assert any("working-group meetings" in a for a in book.get("roadmap-6").assumptions)


@pytest.mark.parametrize("change,message", [
    (lambda d: d["target"][0].update(kind="yearly"),
     "target #1 (trade-growth): kind = 'yearly'; expected one of growth, milestone, annual_count, window_count"),
    (lambda d: d["target"][5]["params"].update(required=0),
     "target #6 (joint-exercises) params: required = 0; expected a whole number, 1 or more"),
    (lambda d: d["target"][8].update(deadline="2029"),
     "target #9 (presidential-visit): deadline = '2029'; expected a date such as 2029-01-20"),
    (lambda d: d["target"][1].update(area="economy"),
     "target #2 (double-taxation-agreement): area = 'economy'; expected one of economic"),
    (lambda d: d["target"][2].update(query="no_such_query"),
     "target #3 (trade-barriers): query = 'no_such_query'; expected the name of a file in"),
    (lambda d: d["target"][3]["wording"].pop("sr-Latn"),
     "target #4 (dfc-office): wording = "),
    (lambda d: d["target"].append(dict(d["target"][1])),
     "target id 'double-taxation-agreement' is declared twice"),
    (lambda d: d["settings"].update(planned_start="early 2026"),
     "[settings]: planned_start = 'early 2026'; expected a date such as 2026-01-01"),
    (lambda d: d["target"][3]["params"].update(achieved_kinds=["achieved"]),
     "target #4 (dfc-office): params.achieved_kinds = ['achieved']; expected a list of event kinds"),
])
def test_a_bad_file_gets_a_clear_error(change, message):
    doc = raw()
    change(doc)
    with pytest.raises(TargetsFileError) as err:
        parse_targets(doc, "data/targets.toml")
    assert message in str(err.value)
    assert str(err.value).startswith("data/targets.toml")


def test_a_missing_or_broken_file(tmp_path):
    with pytest.raises(TargetsFileError, match="does not exist"):
        load_targets(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[settings\n", encoding="utf-8")
    with pytest.raises(TargetsFileError, match="bad.toml: not valid TOML"):
        load_targets(bad)
