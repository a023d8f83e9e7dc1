"""Freshness on every status: the date a target's figures run to, and "stale" by its source's declared rhythm."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from dialogue import freshness
from dialogue.cli import main
from dialogue.freshness import Freshness, add_period, figures_to
from dialogue.status import compute_all
from dialogue.targets import TargetsFileError, check_targets_text
from tests.conftest import put_rows

D = date.fromisoformat


def trade_month(year, month, us, rs):
    return [{"reporter": "US Census", "year": year, "month": month, "flow": "us_to_serbia", "value": us,
             "currency": "USD"},
            {"reporter": "US Census", "year": year, "month": month, "flow": "serbia_to_us", "value": rs,
             "currency": "USD"}]


@pytest.fixture
def january_only(con):
    """The issue's repro: January 2026 figures (and January 2025 to compare with), nothing later."""
    put_rows(con, "trade", trade_month(2025, 1, 50e6, 100e6) + trade_month(2026, 1, 50e6, 110e6),
             time="2026-03-10 00:00:00")
    return con


@pytest.mark.parametrize("d,every,expected", [
    ("2026-10-31", "month", "2026-11-30"),      # a month's last day stays a month's last day
    ("2026-01-31", "month", "2026-02-28"),
    ("2026-02-28", "month", "2026-03-31"),
    ("2024-02-29", "year", "2025-02-28"),
    ("2026-03-15", "quarter", "2026-06-15"),
    ("2026-11-30", "quarter", "2027-02-28"),
    ("2026-12-03", "quarter", "2027-03-03"),
])
def test_add_period(d, every, expected):
    assert add_period(D(d), every) == D(expected)


def test_january_figures_alone_make_the_trade_status_stale_in_december(january_only):
    s = compute_all(january_only, D("2026-12-03")).get("trade-growth")
    # Jan 2026 on Jan 2025: 160 / 150 - 1 = +6.7 %, at least 0.6 x 10 %: at risk
    assert s.status == "at_risk"
    # figures to 31 Jan 2026; the next month's figures were due 28 Feb + 40 days = 9 Apr 2026
    assert (s.data_through, s.stale) == (D("2026-01-31"), True)
    assert s.details["freshness"] == {"every": "month", "lag_days": 40, "by_month": True, "due": D("2026-04-09")}
    assert s.reason.endswith("; the figures run only to Jan 2026 and newer ones were due by 9 Apr 2026, "
                             "so this may be out of date.")
    latn = compute_all(january_only, D("2026-12-03"), lang="sr-Latn").get("trade-growth")
    assert latn.reason.endswith("; podaci sežu samo do jan 2026., a noviji su se očekivali do 9. 4. 2026., "
                                "pa ovo možda nije ažurno.")
    cyrl = compute_all(january_only, D("2026-12-03"), lang="sr-Cyrl").get("trade-growth")
    assert cyrl.reason.endswith("; подаци сежу само до јан 2026., а новији су се очекивали до 9. 4. 2026., "
                                "па ово можда није ажурно.")
    assert figures_to(s, "en") == "figures to Jan 2026, out of date (newer ones were due by 9 Apr 2026)"
    assert figures_to(cyrl, "sr-Cyrl") == "подаци до јан 2026., застарели (новији су се очекивали до 9. 4. 2026.)"


def test_stale_starts_the_day_after_the_due_date(january_only):
    on_due = compute_all(january_only, D("2026-04-09")).get("trade-growth")
    after = compute_all(january_only, D("2026-04-10")).get("trade-growth")
    assert (on_due.data_through, on_due.stale) == (D("2026-01-31"), False)
    assert "out of date" not in on_due.reason
    assert figures_to(on_due, "en") == "figures to Jan 2026"
    assert after.stale is True and "out of date" in after.reason


def test_counts_and_milestones_run_to_the_latest_upload_into_their_dataset(con):
    put_rows(con, "exercises", [{"name": "A", "start_date": "2026-02-01", "format": "bilateral",
                                 "us_participation": "yes", "status": "held"}], time="2026-03-01 09:00:00")
    put_rows(con, "events", [{"date": "2026-02-02", "kind": "progress", "title": "Talks"}], time="2026-02-01 00:00:00")
    put_rows(con, "agreements", [{"title": "Deal", "date_signed": "2026-01-05", "category": "tax", "area": "economic",
                                  "status": "planned"}], time="2026-04-15 00:00:00")
    card = compute_all(con, D("2026-06-30"))
    ex, ms, ag = card.get("joint-exercises"), card.get("dfc-office"), card.get("defence-agreements")
    # exercises: 1 Mar + a quarter = 1 Jun, + 30 days = 1 Jul: fresh on 30 Jun
    assert (ex.data_through, ex.stale) == (D("2026-03-01"), False)
    assert ex.details["freshness"]["due"] == D("2026-07-01")
    # a milestone reads events and agreements: the later upload of the two
    assert (ms.data_through, ms.stale) == (D("2026-04-15"), False)
    assert (ag.data_through, ag.stale) == (D("2026-04-15"), False)
    assert figures_to(ex, "en") == "figures to 1 Mar 2026"
    later = compute_all(con, D("2026-07-02")).get("joint-exercises")
    assert later.stale is True
    assert later.reason.endswith("; the figures run only to 1 Mar 2026 and newer ones were due by 1 Jul 2026, "
                                 "so this may be out of date.")
    # as of a day before the upload, the figures run to the as-of date, not beyond it
    assert compute_all(con, D("2026-02-15")).get("joint-exercises").data_through == D("2026-02-15")
    # as known before the exercises' upload, nothing is uploaded into them: no date, not stale
    early = compute_all(con, D("2026-06-30"), known_at=datetime(2026, 2, 15)).get("joint-exercises")
    assert (early.data_through, early.stale) == (None, False)


def test_an_achieved_status_keeps_its_reason_when_stale(con):
    put_rows(con, "events", [{"date": "2026-02-02", "kind": "milestone_achieved", "title": "Office reopened",
                              "target_id": "dfc-office"}], time="2026-02-03 00:00:00")
    s = compute_all(con, D("2027-06-30")).get("dfc-office")
    assert (s.status, s.stale) == ("achieved", True)
    assert s.reason == "Achieved on 2 Feb 2026: Office reopened."      # newer figures cannot undo it


def test_status_json_gives_data_through_and_stale_for_every_target(db_path, capsys):
    from dialogue import db

    con = db.connect(db_path)
    put_rows(con, "trade", trade_month(2025, 1, 50e6, 100e6) + trade_month(2026, 1, 50e6, 110e6),
             time="2026-03-10 00:00:00")
    con.close()
    assert main(["--db", str(db_path), "status", "--as-of", "2026-12-03", "--json"]) == 0
    targets = {t["target"]: t for t in json.loads(capsys.readouterr().out)["targets"]}
    assert all({"data_through", "stale"} <= t.keys() for t in targets.values())
    assert (targets["trade-growth"]["data_through"], targets["trade-growth"]["stale"]) == ("2026-01-31", True)
    assert (targets["joint-exercises"]["data_through"], targets["joint-exercises"]["stale"]) == (None, False)


SETTINGS = """[settings]
planned_start = 2026-01-01
growth_at_risk_share = 0.6
remaining_share_at_risk = 0.25
milestone_warning_years = 1
"""
TARGET = """
[[target]]
id = "dfc-office"
area = "economic"
kind = "milestone"
query = "milestone_evidence"
wording = { en = "Open", "sr-Latn" = "Otvoriti" }
"""


def test_targets_file_declares_freshness_per_target_or_in_settings(tmp_path):
    own = check_targets_text(SETTINGS + TARGET.replace('query = "milestone_evidence"',
                                                       'query = "milestone_evidence"\n'
                                                       'freshness = { every = "year", lag_days = 90 }'),
                             tmp_path / "t.toml")
    assert own.get("dfc-office").freshness == Freshness("year", 90)
    default = check_targets_text(SETTINGS + 'freshness = { every = "quarter", lag_days = 30 }\n' + TARGET,
                                 tmp_path / "t.toml")
    assert default.get("dfc-office").freshness == Freshness("quarter", 30)
    assert check_targets_text(SETTINGS + TARGET, tmp_path / "t.toml").get("dfc-office").freshness is None
    with pytest.raises(TargetsFileError, match=r"target #1 \(dfc-office\): freshness = .*every: month, quarter or year"):
        check_targets_text(SETTINGS + TARGET.replace('query = "milestone_evidence"',
                                                     'query = "milestone_evidence"\n'
                                                     'freshness = { every = "week", lag_days = 3 }'),
                           tmp_path / "t.toml")


def test_bundled_targets_declare_freshness_for_every_target():
    from dialogue.targets import load_targets

    book = load_targets()
    assert book.get("trade-growth").freshness == Freshness("month", 40)     # US Census: 35-40 days after the month
    assert all(t.freshness is not None for t in book.targets)


def test_no_declaration_means_never_stale():
    assert freshness.is_stale(D("2030-01-01"), D("2026-01-31"), None) is False
    assert freshness.is_stale(D("2030-01-01"), None, Freshness("month", 40)) is False
