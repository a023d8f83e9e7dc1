"""Road-map steps measured by delivery (issue 14): V by working groups with action plans, VI by meetings and completed
actions, VIII's coordination meetings; and roadmap-5's wording against the seed."""
from __future__ import annotations

from datetime import date

from dialogue import views
from dialogue.status import compute_all
from dialogue.targets import load_targets
from tests.conftest import put_rows

D = date.fromisoformat
# data/targets.toml gives targets to four framework areas (regional, energy and european have none)
AREAS_WITH_TARGETS = ("economic", "security", "political", "people")


def groups(con, areas, established="2026-03-01"):
    put_rows(con, "working_groups", [dict(group_id=f"wg-{a}", name=f"Group {a}", area=a, state="active",
                                          established=established) for a in areas])


def plan(con, area, start="2026-04-01", action_id=None):
    put_rows(con, "actions", [dict(action_id=action_id or f"A-{area}", group_id=f"wg-{area}", title="Do it",
                                   lead_side="joint", state="planned", start_date=start)])


def step5(con, as_of):
    return compute_all(con, as_of).get("roadmap-5")


def test_a_working_group_meeting_alone_no_longer_achieves_step_5(con):
    put_rows(con, "events", [dict(date="2026-03-10", kind="working_group_meeting", title="WG met")])
    assert step5(con, D("2026-05-01")).status != "achieved"


def test_step_5_needs_a_plan_in_every_area_with_targets(con):
    groups(con, AREAS_WITH_TARGETS)
    for area in AREAS_WITH_TARGETS[:3]:
        plan(con, area)
    # people has a group but no action: 3 of 4 parts, within a year of the 30 June deadline with progress
    s = step5(con, D("2026-06-01"))
    assert (s.status, s.actual, s.target_value) == ("at_risk", 3, 4)
    assert s.details["parts"] == {"economic": date(2026, 4, 1), "security": date(2026, 4, 1), "political": date(2026, 4, 1),
                                  "people": None}
    assert "People-to-People Ties not yet" in s.reason


def test_step_5_is_achieved_on_the_last_areas_plan_date_and_late_after_the_deadline(con):
    groups(con, AREAS_WITH_TARGETS)
    for area in AREAS_WITH_TARGETS[:3]:
        plan(con, area)
    plan(con, "people", start="2026-07-10")     # 10 days after the 30 June deadline
    assert step5(con, D("2026-07-09")).status == "missed"        # the plan starting later does not count yet
    s = step5(con, D("2026-08-01"))
    assert (s.status, s.achieved_on) == ("achieved", date(2026, 7, 10))
    assert "10 days after the deadline" in s.reason or "10 days late" in s.reason


def test_a_plan_dates_from_the_later_of_group_and_first_action_and_undated_plans_do_not_count(con):
    groups(con, ("economic", "security", "political"), established="2026-05-20")
    for area in ("economic", "security", "political"):
        plan(con, area, start="2026-04-01")                       # before the group: the plan dates from 20 May
    put_rows(con, "working_groups", [dict(group_id="wg-people", name="People", area="people", state="active")])
    put_rows(con, "actions", [dict(action_id="A-p", group_id="wg-people", title="No dates", lead_side="us",
                                   state="planned")])
    s = step5(con, D("2026-06-15"))
    assert s.details["parts"]["economic"] == date(2026, 5, 20)
    assert s.details["parts"]["people"] is None and s.status != "achieved"
    # an area without targets (energy) is not needed
    assert "energy" not in s.details["parts"]


def test_roadmap_5_wording_says_what_the_seed_says_in_both_languages():
    t = load_targets().get("roadmap-5")
    # seed: "Step V: Formation of working groups and implementation of action plans"
    assert t.wording["en"] == "Step V: formation of working groups and implementation of action plans"
    assert t.wording["sr-Latn"] == "Korak V: formiranje radnih grupa i sprovođenje akcionih planova"
    assert "adopted" not in t.wording["en"]


# ------------------------------------------------------------------ step VI: meetings AND completed actions

def meetings(con, days):
    put_rows(con, "events", [dict(date=d, kind="working_group_meeting", title=f"WG met {d}", target_id="wg-economic")
                             for d in days])


def actions(con, rows):
    """rows: (id, state, due, last update)."""
    put_rows(con, "actions", [dict(action_id=a, group_id="wg-economic", title=f"Action {a}", lead_side="joint",
                                   state=state, due_date=due, last_update=update) for a, state, due, update in rows])


MET_4 = ("2027-02-10", "2027-05-10", "2027-08-10", "2027-11-10")


def step6(con, as_of):
    return compute_all(con, as_of).get("roadmap-6")


def test_step_6_needs_the_meetings_and_the_completed_actions(con):
    meetings(con, MET_4)
    actions(con, [("A1", "done", "2027-03-31", "2027-03-20"), ("A2", "done", "2027-06-30", "2027-06-15"),
                  ("A3", "done", "2027-09-30", None)])                # no last update: dated by its due date
    s = step6(con, D("2027-12-31"))
    # 4 meetings of 4 achieved, but 3 completed actions of 4 with no time left: off track overall
    assert s.details["parts"]["meetings"]["status"] == "achieved"
    assert (s.details["parts"]["actions"]["actual"], s.details["parts"]["actions"]["status"]) == (3, "off_track")
    assert s.status == "off_track"
    assert "3 completed actions done" in s.reason
    actions(con, [("A4", "done", "2027-12-15", "2027-11-30")])
    s = step6(con, D("2027-12-31"))
    assert (s.status, s.details["parts"]["actions"]["actual"]) == ("achieved", 4)


def test_step_6_meetings_alone_no_longer_achieve_it(con):
    meetings(con, MET_4)
    s = step6(con, D("2027-12-31"))
    assert s.status != "achieved"
    assert s.details["parts"]["actions"]["status"] == "no_data"        # no action recorded at all


def test_completed_actions_are_dated_by_their_last_update_and_dropped_or_undated_never_count(con):
    meetings(con, MET_4)
    actions(con, [
        ("A1", "done", "2026-12-31", "2027-01-15"),     # due in 2026, reported done in 2027: counts for 2027
        ("A2", "done", "2027-06-30", "2028-01-10"),     # done only in 2028: not in 2027
        ("A3", "dropped", "2027-05-31", "2027-05-01"),
        ("A4", "done", None, None),                     # no date at all
        ("A5", "in_progress", "2027-12-20", None),      # open, due later in the year: planned
        ("A6", "delayed", "2027-09-30", None),          # open, due before as-of: neither done nor planned
    ])
    s = step6(con, D("2027-10-01"))
    part = s.details["parts"]["actions"]
    assert part["actual"] == 1                                        # A1 only
    # A5 is planned for 2027; A2 (done in 2028, after the as-of date) is planned for 2028, not 2027
    assert "1 completed action done and 1 planned in 2027" in s.reason


def test_step_6_before_2027_is_not_started_and_the_cadence_shows_both_counts(con):
    meetings(con, ("2026-05-10", "2026-08-10"))
    actions(con, [("A1", "done", "2026-06-30", "2026-06-20")])
    assert step6(con, D("2026-12-03")).status == "not_started"
    data = views.roadmap(con, D("2026-12-03"))
    vi = data.cadence[data.cadence["step_code"].str.startswith("roadmap-6")]
    assert sorted(zip(vi["step_code"], vi["year"], vi["count"])) == [
        ("roadmap-6:actions", 2026, 1.0), ("roadmap-6:meetings", 2026, 2.0)]
    assert set(vi["step"]) == {"VI (completed actions, counted from 2027)",
                               "VI (working-group meetings, counted from 2027)"}


def test_step_6_wording_and_method_page_state_the_assumption_in_three_languages():
    t = load_targets().get("roadmap-6")
    assert "meetings and completed actions" in t.wording["en"]
    assert "sastancima i završenim merama" in t.wording["sr-Latn"]
    assert "Састанцима и завршеним мерама".lower() in t.text("sr-Cyrl").lower()
    for lang, words in (("en", "completed actions (at least 4 a year"),
                        ("sr-Latn", "završenim merama (bar 4 godišnje"),
                        ("sr-Cyrl", "завршеним мерама (бар 4 годишње")):
        rules = dict(views.method(lang).rules)
        assert any(words in text for text in rules.values()), lang


# ------------------------------------------------------------------ step VIII: sector coordination meetings

def test_step_8_needs_four_sector_coordination_meetings_beside_the_reports(con):
    reports = [dict(date=f"2027-{m:02d}-15", kind="quarterly_report", title=f"Q report {m}") for m in (1, 4, 7, 10)]
    reports.append(dict(date="2027-06-30", kind="annual_report", title="Annual report"))
    coordination = [dict(date=f"2027-{m:02d}-25", kind="coordination_meeting", title=f"Sector meeting {m}")
                    for m in (3, 6, 9)]
    put_rows(con, "events", reports + coordination)
    s = compute_all(con, D("2027-12-31")).get("roadmap-8")
    assert (s.details["parts"]["coordination"]["actual"], s.status) == (3, "off_track")
    put_rows(con, "events", [dict(date="2027-12-01", kind="coordination_meeting", title="Sector meeting 12")])
    assert compute_all(con, D("2027-12-31")).get("roadmap-8").status == "achieved"
