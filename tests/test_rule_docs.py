"""The README's rule table, the Method page and the targets file state the counting rule the code applies
(issue 12): X = ⌊N·f + ½⌋, on track if H + P ≥ N or H ≥ X, at risk while a quarter remains."""
from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from dialogue import rules, views
from dialogue.i18n import t
from dialogue.targets import load_targets

ROOT = Path(__file__).resolve().parents[1]
FORMULAS = ("⌊N·f + ½⌋", "H ≥ X")


def _readme_row(kind: str) -> str:
    return next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if line.startswith(f"| {kind} "))


def test_readme_rule_table_states_the_rounded_half_up_rule():
    annual, window = _readme_row("annual_count"), _readme_row("window_count")
    assert all(f in annual for f in FORMULAS) and "H + P ≥ N" in annual and "no data, never a 0" in annual
    assert all(f in window for f in FORMULAS)
    assert "⌊N·f⌋" not in annual + window            # the old rounded-down rule is gone
    assert "at least a quarter" in annual and "at least a quarter" in window


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_method_page_states_the_same_rule_in_every_language(lang):
    text = dict(views.method(lang).rules)
    annual, window = text[t("kindname_annual_count", lang)], text[t("kindname_window_count", lang)]
    assert all(f in annual for f in FORMULAS) and "H + P ≥ N" in annual
    assert all(f in window for f in FORMULAS)


def test_the_quarter_the_docs_name_is_the_setting_the_code_uses():
    assert load_targets().settings["remaining_share_at_risk"] == 0.25
    # 1 of 3 held: day 273 of 365 leaves 25.2 % (at risk), day 274 leaves 24.9 % (off track)
    assert rules.count_status(1, 0, 3, Fraction(273, 365), 0.25) == "at_risk"
    assert rules.count_status(1, 0, 3, Fraction(274, 365), 0.25) == "off_track"
    assert rules.annual_count({2026: (1, 0)}, 3, date(2026, 10, 1), date(2026, 1, 1)).status == "off_track"


def test_targets_file_states_step_vis_counting_window():
    vi = load_targets().get("roadmap-6")
    assert vi.params["first_year"] == 2027
    assert any("counted from 2027" in a for a in vi.assumptions)
