"""The status engine on small fixture databases: queries, evidence, start date, known-at reproducibility."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from dialogue.status import compute_all, milestones_due, status_changes, trade_series_options
from tests.conftest import put_rows

D = date.fromisoformat


def ex(name, start, fmt="bilateral", us="yes", status="held"):
    return {"name": name, "start_date": start, "format": fmt, "us_participation": us, "status": status}


def ev(day, kind, title, target_id=None, quantity=None):
    return {"date": day, "kind": kind, "title": title, "target_id": target_id, "quantity": quantity}


def ag(title, signed, category="defence", status="signed", target_id=None):
    area = "security" if category == "defence" else "economic"
    return {"title": title, "date_signed": signed, "category": category, "area": area, "status": status,
            "target_id": target_id}


def tr(year, month, flow, value, reporter="US Census", currency="USD", product_code=None):
    return {"reporter": reporter, "year": year, "month": month, "flow": flow, "value": value,
            "currency": currency, "product_code": product_code}


# ---------------------------------------------------------------- empty store, start date

def test_empty_store_every_target_has_a_status(con):
    card = compute_all(con, D("2026-06-30"))
    by = {s.target: s.status for s in card.statuses}
    assert len(by) == 25
    assert by["roadmap-6"] == by["roadmap-8"] == "not_started"      # counted from 2027
    assert {s for t, s in by.items() if t not in ("roadmap-6", "roadmap-8")} == {"no_data"}
    assert card.start_date == D("2026-01-01") and card.start_recorded is False


def test_before_the_start_counts_and_windows_are_not_started(con):
    put_rows(con, "exercises", [ex("A", "2025-05-01")])
    put_rows(con, "agreements", [ag("Old deal", "2025-05-01")])
    card = compute_all(con, D("2025-12-31"))
    for target in ("joint-exercises", "defence-agreements", "trade-growth", "diplomat-training", "roadmap-9"):
        assert card.get(target).status == "not_started", target
    assert card.get("roadmap-1").status == "missed"        # milestones do not wait for the start


def test_recorded_inaugural_meeting_sets_the_start(con):
    put_rows(con, "events", [ev("2026-04-10", "inaugural_meeting", "Inaugural meeting")])
    before = compute_all(con, D("2026-04-09"))
    after = compute_all(con, D("2026-04-10"))
    assert (before.start_date, before.start_recorded) == (D("2026-01-01"), False)
    assert (after.start_date, after.start_recorded) == (D("2026-04-10"), True)
    assert after.to_json()["start"] == "recorded"
    assert after.get("defence-agreements").period == "2026-04-10/2029-04-09"
    assert after.get("roadmap-4").status == "achieved"
    assert after.get("roadmap-4").reason == (
        "Achieved on 10 Apr 2026, 10 days after the deadline of 31 Mar 2026: Inaugural meeting.")


# ---------------------------------------------------------------- annual counts

def test_joint_exercises_count_only_what_the_file_says(con):
    put_rows(con, "exercises", [
        ex("Counted", "2026-03-01"),
        ex("Held later, counts as planned", "2026-11-01"),
        ex("Police training", "2026-04-01", fmt="police_training"),
        ex("Training, not an exercise", "2026-04-02", fmt="training"),
        ex("Unclear participation", "2026-04-03", us="unclear"),
        ex("Cancelled", "2026-04-04", status="cancelled"),
        ex("Last year", "2025-06-01", fmt="multinational"),
        ex("Next year", "2027-06-01", status="planned"),
    ], time="2026-09-15")                  # uploaded recently: the figures are fresh
    s = compute_all(con, D("2026-09-15")).get("joint-exercises")
    # day 258 of 365: floor(3 * 258/365) = 2 expected; 1 held + 1 planned < 3; 107 days remain
    assert (s.status, s.actual, s.target_value, s.expected_to_date, s.period) == ("at_risk", 1, 3, 2, "2026")
    assert s.reason == ("1 exercise held and 1 planned in 2026, 3 required: at risk (at least a quarter of the "
                        "year remains); at the current pace, 3 by the end of the year is unlikely.")
    assert s.projection == "unlikely"
    assert s.details["history"] == {}            # 2025 is before the start
    later = compute_all(con, D("2027-01-10")).get("joint-exercises")
    assert later.details["history"] == {2026: (2, "missed")}
    assert later.reason.endswith("; 2026 ended with 2, missed.")


def test_joint_exercises_reason_in_serbian(con):
    put_rows(con, "exercises", [ex("A", "2026-03-01"), ex("B", "2026-11-01", status="planned")])
    latn = compute_all(con, D("2026-09-15"), lang="sr-Latn").get("joint-exercises")
    cyrl = compute_all(con, D("2026-09-15"), lang="sr-Cyrl").get("joint-exercises")
    assert latn.reason.startswith("Zajedničke vežbe u 2026. godini: održano 1, planirano još 1, potrebno 3 — ugroženo")
    assert cyrl.reason.startswith("Заједничке вежбе у 2026. години: одржано 1, планирано још 1, потребно 3 — угрожено")
    assert latn.headline == "Ugroženo · 1 od 3 u 2026."


def test_diplomat_training_sums_quantities_and_an_empty_quantity_is_one(con):
    put_rows(con, "events", [
        ev("2026-02-01", "diplomat_training", "Two diplomats", quantity=2),
        ev("2026-03-01", "diplomat_training", "Unknown number"),
        ev("2026-03-02", "context", "Not training", quantity=5),
    ])
    s = compute_all(con, D("2026-06-30")).get("diplomat-training")
    assert (s.status, s.actual) == ("achieved", 3)
    assert s.reason == "3 diplomats trained and 0 planned in 2026, 3 required: achieved."


def test_on_track_only_by_what_is_planned_says_so(con):
    """2 held by 3 December, when ⌊3 · 337/365 + ½⌋ = 3 are expected, and 1 planned: on track by the plan."""
    put_rows(con, "exercises", [ex("A", "2026-03-01"), ex("B", "2026-06-01"), ex("C", "2026-12-15", status="planned")],
             time="2026-11-30 00:00:00")     # uploaded recently: the figures are fresh
    s = compute_all(con, D("2026-12-03")).get("joint-exercises")
    assert (s.status, s.expected_to_date, s.projection) == ("on_track", 3, "likely")
    assert s.reason == ("2 exercises held and 1 planned in 2026, 3 required: on track (3 expected by now; with those "
                        "planned, 3 are reached); at the current pace, 3 by the end of the year is likely.")
    sr = compute_all(con, D("2026-12-03"), lang="sr-Latn").get("joint-exercises")
    assert "na dobrom putu (do sada se očekuje 3; sa planiranim se dostiže 3)" in sr.reason


def test_no_event_of_a_targets_kinds_is_no_data_and_not_a_zero(con):
    """Issue 12 item 3: other kinds in the events dataset are no zero for diplomat training."""
    put_rows(con, "events", [ev("2026-02-01", "context", "A visit"), ev("2026-03-01", "public_report", "Report")])
    for lang, start in (("en", "No data: nothing uploaded yet, no diplomats are recorded"),
                        ("sr-Latn", ("Nema podataka: još ništa nije otpremljeno, u skupu podataka „događaji“ nema "
                                     "zapisa „Diplomate na obuci“")),
                        ("sr-Cyrl", "Нема података: још ништа није отпремљено")):
        s = compute_all(con, D("2026-12-03"), lang=lang).get("diplomat-training")
        assert (s.status, s.actual) == ("no_data", None)
        assert s.reason.startswith(start)
    # once a training is recorded, in any year, a year without one is a real 0
    put_rows(con, "events", [ev("2025-05-01", "diplomat_training", "Course", quantity=1)], time="2026-01-02 00:00:00")
    s = compute_all(con, D("2026-12-03")).get("diplomat-training")
    assert (s.status, s.actual) == ("off_track", 0)
    assert s.reason.startswith("0 diplomats trained and 0 planned in 2026, 3 required: off track")


def test_roadmap_8_needs_coordination_meetings_quarterly_and_annual_reports(con):
    put_rows(con, "events", [ev(f"2027-0{m}-15", "quarterly_report", f"Q report {m}") for m in (1, 4, 7)]
             + [ev("2027-10-15", "quarterly_report", "Q report 10")]
             + [ev(f"2027-0{m}-20", "coordination_meeting", f"Sector meeting {m}") for m in (2, 5, 8, 9)])
    # with no annual report recorded at all, that part has no data (issue 12: no rows is not a zero)
    assert compute_all(con, D("2027-11-01")).get("roadmap-8").details["parts"]["annual"]["status"] == "no_data"
    put_rows(con, "events", [ev("2028-03-01", "annual_report", "Annual report on 2027")], time="2026-01-02 00:00:00")
    s = compute_all(con, D("2027-11-01")).get("roadmap-8")
    assert s.details["parts"]["coordination"]["status"] == "achieved"
    assert s.details["parts"]["quarterly"]["status"] == "achieved"
    # 0 annual reports, and ⌊1 · 305/365 + ½⌋ = 1 is expected by now with less than a quarter of the year left
    assert s.details["parts"]["annual"]["status"] == "off_track"
    assert s.status == "off_track"
    assert compute_all(con, D("2028-01-05")).get("roadmap-8").details["parts"]["annual"]["history"] == {2027: (0, "missed")}
    assert s.reason.startswith("4 sector coordination meetings held and 0 planned in 2027, 4 required: achieved; "
                               "4 quarterly reports published and 0 planned in 2027, 4 required: achieved; "
                               "0 annual reports delivered and 0 planned in 2027, 1 required: off track")
    # in June (182/365 < ½ elapsed) no annual report is expected yet
    june = compute_all(con, D("2027-07-01")).get("roadmap-8")
    assert june.details["parts"]["annual"]["status"] == "on_track"
    assert s.reason.count(".") == 1


def test_roadmap_8_is_off_track_with_too_few_coordination_meetings(con):
    # reports all in, one sector coordination meeting by 1 November 2027: ⌊4 · 305/365 + ½⌋ = 3 expected by now,
    # 1 held and none planned, with less than a quarter of the year left
    put_rows(con, "events", [ev(f"2027-{m:02d}-15", "quarterly_report", f"Q report {m}") for m in (1, 4, 7, 10)]
             + [ev("2027-03-01", "annual_report", "Annual report 2026"),
                ev("2027-02-10", "coordination_meeting", "Sector meeting")])
    s = compute_all(con, D("2027-11-01")).get("roadmap-8")
    assert s.details["parts"]["quarterly"]["status"] == s.details["parts"]["annual"]["status"] == "achieved"
    assert s.details["parts"]["coordination"]["status"] == "off_track"
    assert s.status == "off_track"


# ---------------------------------------------------------------- window count

def test_defence_agreements_window(con):
    put_rows(con, "agreements", [
        ag("Before the start", "2025-12-31"),
        ag("Radars", "2026-03-01"),
        ag("Helicopters", "2027-02-01", status="in_force"),
        ag("Planned only", "2027-03-01", status="planned"),
        ag("Economic", "2027-04-01", category="economic"),
        ag("Trucks", "2028-06-01"),
        ag("After the window", "2029-01-02"),
    ])
    mid = compute_all(con, D("2027-06-30")).get("defence-agreements")
    # 546 of 1096 days elapsed: floor(3 * 546/1096) = 1 expected, 2 signed
    assert (mid.status, mid.actual, mid.expected_to_date) == ("on_track", 2, 1)
    done = compute_all(con, D("2029-06-30")).get("defence-agreements")
    assert (done.status, done.achieved_on) == ("achieved", D("2028-06-01"))
    assert done.reason == ("3 agreements signed since 1 Jan 2026, 3 required by 31 Dec 2028: achieved on 1 Jun 2028.")


def test_defence_agreements_missed_after_the_window(con):
    put_rows(con, "agreements", [ag("Radars", "2026-03-01")])
    s = compute_all(con, D("2029-01-01")).get("defence-agreements")
    assert s.status == "missed"
    assert "(the window closed on 31 Dec 2028)" in s.reason


# ---------------------------------------------------------------- milestones

def test_milestone_evidence_from_events_and_agreements(con):
    put_rows(con, "events", [
        ev("2026-03-01", "progress", "Talks on taxation", target_id="double-taxation-agreement"),
        ev("2026-05-01", "progress", "Fulbright talks", target_id="fulbright-commission"),
        ev("2026-02-01", "visit", "Vice President in Belgrade", target_id="other"),
        ev("2026-09-01", "visit", "President Trump in Belgrade", target_id="presidential-visit"),
    ])
    put_rows(con, "agreements", [
        ag("Double taxation treaty", "2026-06-01", category="tax", target_id="double-taxation-agreement"),
        ag("Fulbright agreement (draft)", "2026-07-01", category="education", status="planned",
           target_id="fulbright-commission"),
    ])
    card = compute_all(con, D("2026-12-01"))
    dta = card.get("double-taxation-agreement")
    assert (dta.status, dta.achieved_on) == ("achieved", D("2026-06-01"))
    assert dta.reason == "Achieved on 1 Jun 2026: Double taxation treaty."
    fb = card.get("fulbright-commission")
    assert fb.status == "on_track"
    assert "latest on 1 Jul 2026: Fulbright agreement (draft)" in fb.reason
    assert card.get("presidential-visit").achieved_on == D("2026-09-01")
    assert card.get("unga-resolution").status == "not_started"
    # as of before the achieving event, only progress counts
    assert compute_all(con, D("2026-04-01")).get("double-taxation-agreement").status == "on_track"


def test_sister_cities_needs_both_parts(con):
    put_rows(con, "events", [
        ev("2027-03-01", "milestone_achieved", "Belgrade–Miami sister-city agreement", target_id="sister-cities"),
        ev("2005-06-07", "milestone_achieved", "Belgrade–Chicago agreement", target_id="sister-cities"),
    ], time="2027-05-01")                  # uploaded recently: the figures are fresh
    one = compute_all(con, D("2027-06-01")).get("sister-cities")
    assert (one.status, one.actual, one.target_value) == ("on_track", 1, 2)
    assert one.reason == ("On track: progress recorded (latest on 1 Mar 2027: Belgrade–Miami sister-city agreement); "
                          "no deadline set; parts: Miami achieved on 1 Mar 2027, New York not yet.")
    put_rows(con, "events", [ev("2028-05-05", "milestone_achieved", "Belgrade and New York twinned",
                                target_id="sister-cities")], time="2026-02-01 00:00:00")
    both = compute_all(con, D("2028-06-01")).get("sister-cities")
    assert (both.status, both.achieved_on, both.actual) == ("achieved", D("2028-05-05"), 2)


def test_missed_milestone_reason_counts_days(con):
    put_rows(con, "events", [ev("2025-01-11", "context", "Verma in Belgrade")])
    s = compute_all(con, D("2026-01-10")).get("roadmap-1")
    assert s.status == "missed"
    assert s.reason == ("Missed: the deadline of 30 Jun 2025 passed 194 days ago with no evidence that it was achieved.")
    sr = compute_all(con, D("2026-01-10"), lang="sr-Latn").get("roadmap-1")
    assert sr.reason == "Nije ostvareno: rok 30. 6. 2025. je istekao pre 194 dana, bez dokaza o ostvarenju."


# ---------------------------------------------------------------- trade growth

def _monthly(year, months, value, **kw):
    return [tr(year, m, f, value, **kw) for m in months for f in ("us_to_serbia", "serbia_to_us")]


def test_trade_growth_year_to_date_one_series_only(con):
    put_rows(con, "trade",
             _monthly(2025, range(1, 13), 100.0)
             + _monthly(2026, range(1, 7), 108.0)
             + _monthly(2026, range(1, 7), 999.0, reporter="Serbia RZS", currency="EUR")   # other series
             + _monthly(2026, range(1, 7), 50.0, currency="EUR")                           # other currency
             + [tr(2026, m, "total", 5000.0) for m in range(1, 7)]                         # not directional
             + _monthly(2026, [7], 500.0))                                                  # July ends after as_of
    s = compute_all(con, D("2026-07-30")).get("trade-growth")
    assert s.status == "at_risk"                  # +8% >= 0.6 · 10%
    assert s.actual == pytest.approx(0.08)
    assert s.period == "2026-01/2026-06"
    assert s.reason == ("US Census (USD) goods trade in Jan–Jun 2026 is +8.0% on the same months of 2025, 10% a year "
                        "required: at risk (at least 60% of the required rate); at the current pace, 10% growth in 2026 "
                        "is unlikely.")
    rzs = compute_all(con, D("2026-07-30"), trade_series="Serbia RZS").get("trade-growth")
    assert rzs.details["currency"] == "EUR" and rzs.status == "no_data"
    labels = [o["label"] for o in trade_series_options(con)]
    assert set(labels) == {"US Census (USD)", "US Census (EUR)", "Serbia RZS (EUR)"}


def test_trade_growth_closed_year_with_compound_growth(con):
    put_rows(con, "trade", [
        tr(2025, None, "us_to_serbia", 200e6), tr(2025, None, "serbia_to_us", 800e6),
        tr(2026, None, "us_to_serbia", 250e6), tr(2026, None, "serbia_to_us", 850e6),
        # product lines are ignored where a reported total exists
        tr(2026, None, "us_to_serbia", 1e9, product_code="8703"),
    ])
    s = compute_all(con, D("2027-03-01")).get("trade-growth")
    assert (s.status, s.period) == ("achieved", "2026")
    assert s.actual == pytest.approx(0.10)
    assert s.details["compound_growth"]["observed_over_required"] == pytest.approx(1.0)
    assert s.reason.startswith("US Census (USD) goods trade in 2026 was USD 1,100.0 million, +10.0% on 2025, "
                               "10% required: achieved (no monthly figures for 2027 yet); compound growth since "
                               "2025 is +10.0% a year against 10% required (observed / required 1.00)")
    sr = compute_all(con, D("2027-03-01"), lang="sr-Latn").get("trade-growth")
    assert "1.100,0 mil. USD" in sr.reason and "+10,0%" in sr.reason


def test_trade_growth_sums_product_lines_when_no_total(con):
    put_rows(con, "trade", [
        tr(2025, None, "us_to_serbia", 100.0, product_code="1"), tr(2025, None, "us_to_serbia", 100.0, product_code="2"),
        tr(2025, None, "serbia_to_us", 800.0),
        tr(2026, None, "us_to_serbia", 150.0, product_code="1"), tr(2026, None, "us_to_serbia", 150.0, product_code="2"),
        tr(2026, None, "serbia_to_us", 800.0),
    ])
    s = compute_all(con, D("2027-01-15")).get("trade-growth")
    assert s.actual == pytest.approx(0.10)        # 1100 / 1000 - 1


# ---------------------------------------------------------------- known-at reproducibility

def test_a_later_upload_does_not_change_an_earlier_known_at(con):
    put_rows(con, "exercises", [ex("A", "2026-03-01")], time="2026-03-05 10:00:00")
    put_rows(con, "events", [ev("2026-04-01", "progress", "Talks", target_id="fulbright-commission")],
             time="2026-04-02 10:00:00")
    moment = datetime(2026, 5, 1)
    first = compute_all(con, D("2026-09-15"), known_at=moment).to_json()
    put_rows(con, "exercises", [ex("B", "2026-06-01"), ex("C", "2026-07-01")], time="2026-07-02 10:00:00")
    put_rows(con, "events", [ev("2026-06-01", "milestone_achieved", "Commission founded",
                                target_id="fulbright-commission")], time="2026-07-02 11:00:00")
    again = compute_all(con, D("2026-09-15"), known_at=moment).to_json()
    assert again == first
    now = compute_all(con, D("2026-09-15"))
    assert now.get("joint-exercises").status == "achieved"
    assert now.get("fulbright-commission").status == "achieved"
    assert {t["target"]: t["status"] for t in first["targets"]}["joint-exercises"] == "at_risk"


# ---------------------------------------------------------------- helpers for dashboard and reports

def test_status_changes_between_two_dates(con):
    put_rows(con, "exercises", [ex("A", "2026-03-01"), ex("B", "2026-05-01"), ex("C", "2026-10-01")])
    changes = {c["target"]: c for c in status_changes(con, D("2026-10-02"), D("2026-09-15"))}
    assert changes["joint-exercises"]["from"] == "on_track"
    assert changes["joint-exercises"]["to"] == "achieved"
    assert changes["joint-exercises"]["direction"] == "improved"


def test_milestones_due_within_months(con):
    put_rows(con, "events", [ev("2026-01-05", "milestone_achieved", "Negotiations done", target_id="roadmap-3")])
    before = milestones_due(con, D("2025-11-01"), months=6)
    assert [d["target"] for d in before] == ["roadmap-2", "roadmap-3", "roadmap-4"]
    assert before[0]["deadline"] == D("2025-12-31") and before[0]["days_left"] == 60
    after = milestones_due(con, D("2026-01-10"), months=6)    # roadmap-3 achieved, roadmap-2 overdue
    assert [(d["target"], d["days_left"]) for d in after] == [("roadmap-4", 80), ("roadmap-5", 171)]


def test_year_boundaries_in_the_store(con):
    put_rows(con, "exercises", [ex("New Year's Eve", "2026-12-31"), ex("New Year's Day", "2027-01-01")])
    put_rows(con, "events", [ev("2028-02-29", "diplomat_training", "Leap-day course", quantity=3)])
    eve = compute_all(con, D("2026-12-31")).get("joint-exercises")
    assert (eve.actual, eve.status, eve.expected_to_date) == (1, "off_track", 3)
    day = compute_all(con, D("2027-01-01")).get("joint-exercises")
    assert (day.actual, day.period) == (1, "2027")
    assert day.details["history"] == {2026: (1, "missed")}
    assert compute_all(con, D("2028-02-28")).get("diplomat-training").actual == 0
    assert compute_all(con, D("2028-02-29")).get("diplomat-training").status == "achieved"


# ---------------------------------------------------------------- the milestone query does the choosing

def test_milestone_query_returns_one_row_per_target_and_part(con):
    from dialogue import db

    put_rows(con, "events", [
        ev("2026-03-01", "progress", "Talks B", target_id="dfc-office"),
        ev("2026-03-01", "progress", "Talks A", target_id="dfc-office"),      # same day: title breaks the tie
        ev("2026-02-01", "progress", "Talks early", target_id="dfc-office"),
        ev("2026-04-01", "visit", "A visit", target_id="dfc-office"),           # neither progress nor achieving
        ev("2026-05-02", "milestone_achieved", "Office reopened", target_id="dfc-office"),
        ev("2026-05-01", "milestone_achieved", "Office opened", target_id="dfc-office"),
        ev("2026-06-01", "milestone_achieved", "Miami twinned", target_id="sister-cities"),
        ev("2026-07-01", "milestone_achieved", "Late", target_id="dfc-office"),    # after as_of
    ])
    frame = db.query(con, "milestone_evidence", as_of=D("2026-06-30"), known_at=datetime(9999, 1, 1),
                     target_ids=["dfc-office", "sister-cities"], achieved_kinds=[["milestone_achieved"]] * 2,
                     any_kinds=[[], []], part_targets=["sister-cities", "sister-cities"],
                     part_names=["miami", "new-york"], part_words=[["miami"], ["new york"]])
    rows = {(r["target_id"], r["part"] if isinstance(r["part"], str) else None): r for r in frame.to_dict("records")}
    assert len(frame) == 3      # dfc-office, sister-cities, sister-cities/miami (new-york: no evidence)
    dfc = rows[("dfc-office", None)]
    assert (dfc["achieved_on"].date(), dfc["achieved_title"], dfc["achieving_count"]) == (D("2026-05-01"), "Office opened", 2)
    assert (dfc["progress_on"].date(), dfc["progress_title"], dfc["progress_count"]) == (D("2026-03-01"), "Talks B", 3)
    assert rows[("sister-cities", "miami")]["achieved_title"] == "Miami twinned"
    card = compute_all(con, D("2026-06-30"))
    assert card.get("dfc-office").details["evidence_counts"] == {"achieving": 2, "progress": 3}
    assert card.get("sister-cities").details["parts"] == {"miami": D("2026-06-01"), "new-york": None}


def test_roadmap_4_is_achieved_by_the_meeting_that_starts_the_dialogue(con):
    put_rows(con, "events", [ev("2026-02-15", "annual_meeting", "Inaugural meeting")])
    card = compute_all(con, D("2026-06-30"))
    assert (card.start_date, card.start_recorded) == (D("2026-02-15"), True)
    step = card.get("roadmap-4")
    assert (step.status, step.achieved_on) == ("achieved", D("2026-02-15"))
    assert step.reason == "Achieved on 15 Feb 2026: Inaugural meeting."
    # before the meeting: the start is planned and the step is not yet achieved
    early = compute_all(con, D("2026-02-14"))
    assert early.start_recorded is False and early.get("roadmap-4").status != "achieved"


def test_roadmap_4_late_meeting_is_achieved_late(con):
    put_rows(con, "events", [ev("2026-05-05", "inaugural_meeting", "First session")])
    step = compute_all(con, D("2026-06-30")).get("roadmap-4")
    assert (step.status, step.achieved_on) == ("achieved", D("2026-05-05"))
    assert step.reason == "Achieved on 5 May 2026, 35 days after the deadline of 31 Mar 2026: First session."


def test_trade_growth_projection_uses_the_recent_trend(con):
    # Jan–Mar 2026 +5% (126 vs 120): off track so far; the last 12 months grew +15.7% (1458 / 1260),
    # so 0.25 · 5% + 0.75 · 15.7% = 13.0% >= 10% would call the year likely; an off-track status is never called
    # likely (issue 12), so the reason gives the trend alone, without a verdict.
    put_rows(con, "trade", _monthly(2024, range(1, 13), 100.0) + _monthly(2025, range(1, 13), 120.0)
             + _monthly(2026, range(1, 4), 126.0))
    s = compute_all(con, D("2026-04-10")).get("trade-growth")
    assert (s.status, s.projection) == ("off_track", None)
    assert s.reason == ("US Census (USD) goods trade in Jan–Mar 2026 is +5.0% on the same months of 2025, 10% a year "
                        "required: off track (below 60% of the required rate); the last 12 months grew +15.7% on the "
                        "12 before.")
    sr = compute_all(con, D("2026-04-10"), lang="sr-Latn").get("trade-growth")
    assert sr.reason.endswith("; poslednjih 12 meseci rast je +15,7% u odnosu na prethodnih 12.")
    assert "verovatno" not in sr.reason
    # April at +30% brings the year to date to 534 / 480 = +11.25%: on track, and the projection agrees
    put_rows(con, "trade", _monthly(2026, [4], 156.0), time="2026-05-20 00:00:00")
    s = compute_all(con, D("2026-05-10")).get("trade-growth")
    assert (s.status, s.projection) == ("on_track", "likely")
    assert s.reason.endswith("10% growth in 2026 is likely.")
