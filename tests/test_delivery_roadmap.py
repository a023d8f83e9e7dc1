"""Road-map step V measured by working groups with action plans (issue 14), and roadmap-5's wording against the seed."""
from __future__ import annotations

from datetime import date

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
