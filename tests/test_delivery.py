"""Delivery rules with hand-computed cases, the flagged state, and `delivery --json` with exactly the issue's shape."""
from __future__ import annotations

import json
from datetime import date

import pytest

from dialogue import db, delivery
from dialogue.cli import main
from dialogue.delivery_state import delivery_state, last_meeting_commitments, overdue_by_owner
from tests.conftest import put_rows

D = date


# ------------------------------------------------------------------ overdue

@pytest.mark.parametrize("due,state,as_of,expected", [
    (D(2026, 6, 30), "in_progress", D(2026, 6, 30), False),   # due on the as-of day: not yet overdue
    (D(2026, 6, 30), "in_progress", D(2026, 7, 1), True),     # the day after
    (D(2026, 6, 30), "delayed", D(2026, 7, 1), True),
    (D(2026, 6, 30), "planned", D(2026, 7, 1), True),
    (D(2026, 6, 30), "done", D(2027, 1, 1), False),
    (D(2026, 6, 30), "dropped", D(2027, 1, 1), False),
    (None, "in_progress", D(2030, 1, 1), False),              # a plan with no dates is never overdue
    (D(2024, 2, 29), "in_progress", D(2024, 2, 29), False),   # leap day, on the day
    (D(2024, 2, 29), "in_progress", D(2024, 3, 1), True),
])
def test_action_overdue(due, state, as_of, expected):
    assert delivery.is_overdue(due, state, as_of) is expected


@pytest.mark.parametrize("state,expected", [("open", True), ("kept", False), ("partly_kept", False),
                                            ("not_kept", False), ("dropped", False)])
def test_commitment_overdue_only_while_open(state, expected):
    assert delivery.is_overdue(D(2026, 10, 31), state, D(2026, 11, 1), delivery.COMMITMENT_CLOSED) is expected
    assert delivery.is_overdue(D(2026, 10, 31), state, D(2026, 10, 31), delivery.COMMITMENT_CLOSED) is False


# ------------------------------------------------------------------ slipping

def test_elapsed_share_counts_the_leap_day():
    # 1 Feb to 2 Mar is 30 days in 2024 (29 February) and 29 days in 2023; 15 days have passed on the 16th
    assert delivery.elapsed_percent(D(2024, 2, 1), D(2024, 3, 2), D(2024, 2, 16)) == pytest.approx(50.0)
    assert delivery.elapsed_percent(D(2023, 2, 1), D(2023, 3, 2), D(2023, 2, 16)) == pytest.approx(1500 / 29)


@pytest.mark.parametrize("year,progress,expected", [
    (2024, 24, True),     # 50 - 24 = 26 points behind
    (2024, 25, False),    # exactly 25 behind: not more than 25
    (2024, 26, False),
    (2023, 26, True),     # 51.72 - 26 = 25.72 behind: the same dates slip in a common year
    (2023, 27, False),    # 24.72 behind
])
def test_slipping_is_more_than_25_points_behind_time(year, progress, expected):
    assert delivery.is_slipping(D(year, 2, 1), D(year, 3, 2), progress, "in_progress", D(year, 2, 16)) is expected


def test_slipping_on_the_due_day_and_outside_the_window():
    start, due = D(2026, 1, 1), D(2026, 6, 30)
    assert delivery.elapsed_percent(start, due, due) == 100.0
    assert delivery.is_slipping(start, due, 74, "in_progress", due) is True      # 26 behind
    assert delivery.is_slipping(start, due, 75, "in_progress", due) is False
    assert delivery.elapsed_percent(start, due, D(2025, 12, 1)) == 0.0           # before the start
    assert delivery.is_slipping(start, due, 0, "planned", D(2025, 12, 1)) is False
    assert delivery.elapsed_percent(start, due, D(2027, 1, 1)) == 100.0          # capped after the due date


def test_no_dates_no_progress_or_closed_is_never_slipping():
    assert delivery.elapsed_percent(None, None, D(2026, 6, 1)) is None
    assert delivery.elapsed_percent(D(2026, 1, 1), None, D(2026, 6, 1)) is None
    assert delivery.is_slipping(None, None, 0, "in_progress", D(2026, 6, 1)) is False
    assert delivery.is_slipping(D(2026, 1, 1), D(2026, 2, 1), None, "in_progress", D(2026, 6, 1)) is False
    assert delivery.is_slipping(D(2026, 1, 1), D(2026, 2, 1), 0, "done", D(2026, 6, 1)) is False
    assert delivery.is_slipping(D(2026, 1, 1), D(2026, 2, 1), 0, "dropped", D(2026, 6, 1)) is False
    assert delivery.is_slipping(D(2026, 1, 1), D(2026, 2, 1), 0, "delayed", D(2026, 6, 1)) is True


def test_custom_margin():
    # 50 % elapsed, 40 % done: 10 behind slips with a 5-point margin, not with 25
    args = (D(2024, 2, 1), D(2024, 3, 2), 40, "in_progress", D(2024, 2, 16))
    assert delivery.is_slipping(*args, points=5) is True
    assert delivery.is_slipping(*args) is False


# ------------------------------------------------------------------ active groups

@pytest.mark.parametrize("day,months,expected", [
    (D(2024, 8, 31), 6, D(2024, 2, 29)),     # leap year: clamped to 29 February
    (D(2025, 8, 31), 6, D(2025, 2, 28)),
    (D(2026, 1, 15), 6, D(2025, 7, 15)),     # across the year
    (D(2026, 3, 31), 1, D(2026, 2, 28)),
])
def test_months_before(day, months, expected):
    assert delivery.months_before(day, months) == expected


@pytest.mark.parametrize("meeting,as_of,expected", [
    (D(2024, 2, 29), D(2024, 8, 31), True),      # exactly six months, leap day
    (D(2024, 2, 28), D(2024, 8, 31), False),
    (D(2025, 2, 28), D(2025, 8, 31), True),
    (D(2025, 2, 27), D(2025, 8, 31), False),
    (D(2026, 6, 1), D(2026, 6, 1), True),        # met on the as-of day
    (D(2026, 6, 2), D(2026, 6, 1), False),       # a meeting after the as-of date does not count
    (None, D(2026, 6, 1), False),                # never met
])
def test_group_active(meeting, as_of, expected):
    assert delivery.is_active(meeting, as_of) is expected


# ------------------------------------------------------------------ the flagged state and the command

@pytest.fixture
def plan(con):
    put_rows(con, "working_groups", [
        dict(group_id="wg-trade", name="Trade", area="economic", state="active"),
        dict(group_id="wg-energy", name="Energy", area="energy", state="paused"),
    ])
    put_rows(con, "events", [
        dict(date="2026-03-10", kind="working_group_meeting", title="Trade WG", target_id="wg-trade"),
        dict(date="2026-05-20", kind="working_group_meeting", title="Trade WG 2", target_id="wg-trade"),
        dict(date="2025-10-01", kind="working_group_meeting", title="Energy WG", target_id="wg-energy"),
        dict(date="2026-07-01", kind="working_group_meeting", title="Energy WG later", target_id="wg-energy"),
    ])
    put_rows(con, "actions", [
        dict(action_id="A1", group_id="wg-trade", title="Barrier list", lead_side="joint", owner="Ministry of Trade",
             start_date="2026-01-01", due_date="2026-05-31", state="in_progress", progress=80.0),
        dict(action_id="A2", group_id="wg-trade", title="Tax treaty draft", lead_side="serbia", owner="Ministry of Finance",
             start_date="2026-03-01", due_date="2026-09-28", state="planned", progress=10.0),
        dict(action_id="A3", group_id="wg-energy", title="No dates yet", lead_side="us", state="planned"),
    ])
    put_rows(con, "commitments", [
        dict(commitment_id="C1", made_at="2026-02-12", meeting="Inaugural meeting", text="Sign the treaty",
             side="joint", owner="Ministry of Finance", due_date="2026-05-31", state="open"),
        dict(commitment_id="C2", made_at="2026-02-12", meeting="Inaugural meeting", text="List barriers",
             side="joint", due_date="2026-05-31", state="kept"),
        dict(commitment_id="C3", made_at="2026-09-01", meeting="Later statement", text="Not made yet on 15 June",
             side="us", state="open"),
    ])
    return con


def test_state_flags_every_row(plan):
    s = delivery_state(plan, D(2026, 6, 15))
    # A1: due 31 May, in progress -> overdue; elapsed 100 %, 80 done -> 20 behind, not slipping.
    # A2: 1 Mar-28 Sep is 211 days, 106 passed on 15 June: 50.2 % elapsed, 10 done -> slipping, not overdue.
    flags = {r.action_id: (r.overdue, r.slipping) for r in s.actions.itertuples()}
    assert flags == {"A1": (True, False), "A2": (False, True), "A3": (False, False)}
    assert s.actions.set_index("action_id").loc["A2", "elapsed"] == pytest.approx(100 * 106 / 211)
    # trade met on 20 May (within six months); energy last met on 1 Oct 2025 (the July meeting is later)
    groups = s.groups.set_index("group_id")
    assert groups["active"].to_dict() == {"wg-trade": True, "wg-energy": False}
    assert groups["meetings"].to_dict() == {"wg-trade": 2, "wg-energy": 1}
    assert groups["actions"].to_dict() == {"wg-trade": 2, "wg-energy": 1}
    assert list(s.commitments["commitment_id"]) == ["C1", "C2"]          # C3 is made after the as-of date
    assert list(s.commitments["overdue"]) == [True, False]
    when, meeting, promised = last_meeting_commitments(s)
    assert (when, meeting, list(promised["commitment_id"])) == (D(2026, 2, 12), "Inaugural meeting", ["C1", "C2"])
    assert overdue_by_owner(s)[["owner", "action_id"]].values.tolist() == [["Ministry of Trade", "A1"]]


def test_delivery_json_has_exactly_the_issue_shape(plan, db_path, capsys):
    plan.close()
    db.close_all()
    assert main(["--db", str(db_path), "delivery", "--as-of", "2026-06-15", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "as_of": "2026-06-15",
        "working_groups": [
            {"group_id": "wg-trade", "name": "Trade", "area": "economic", "active": True, "last_meeting": "2026-05-20"},
            {"group_id": "wg-energy", "name": "Energy", "area": "energy", "active": False, "last_meeting": "2025-10-01"},
        ],
        "actions": [
            {"action_id": "A3", "group_id": "wg-energy", "title": "No dates yet", "owner": None, "lead_side": "us",
             "due": None, "state": "planned", "progress": None, "overdue": False, "slipping": False},
            {"action_id": "A1", "group_id": "wg-trade", "title": "Barrier list", "owner": "Ministry of Trade",
             "lead_side": "joint", "due": "2026-05-31", "state": "in_progress", "progress": 80.0, "overdue": True,
             "slipping": False},
            {"action_id": "A2", "group_id": "wg-trade", "title": "Tax treaty draft", "owner": "Ministry of Finance",
             "lead_side": "serbia", "due": "2026-09-28", "state": "planned", "progress": 10.0, "overdue": False,
             "slipping": True},
        ],
        "commitments": [
            {"commitment_id": "C1", "made_at": "2026-02-12", "text": "Sign the treaty", "owner": "Ministry of Finance",
             "due": "2026-05-31", "state": "open", "overdue": True},
            {"commitment_id": "C2", "made_at": "2026-02-12", "text": "List barriers", "owner": None,
             "due": "2026-05-31", "state": "kept", "overdue": False},
        ],
    }


def test_delivery_on_an_empty_database(tmp_path, capsys):
    path = tmp_path / "new.duckdb"
    assert main(["--db", str(path), "delivery", "--as-of", "2026-06-15", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"as_of": "2026-06-15", "working_groups": [], "actions": [],
                                                   "commitments": []}
    assert main(["--db", str(path), "delivery", "--as-of", "2026-06-15"]) == 0
    assert "No working group is recorded." in capsys.readouterr().out


def test_delivery_needs_a_valid_date(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.duckdb"), "delivery", "--as-of", "15.06.2026"]) == 2    # usage
    assert capsys.readouterr().err == "error: --as-of '15.06.2026' is not a date; expected YYYY-MM-DD, e.g. 2026-06-30\n"


def test_method_page_states_the_delivery_rules_with_the_settings():
    from dialogue.views import method

    rules = dict(method("en").rules)
    assert "more than 25 percentage points below" in rules["Delivery rules"]
    assert "met within the last 6 months" in rules["Delivery rules"]
    cyr = dict(method("sr-Cyrl").rules)
    assert "за више од 25 процентних поена" in cyr["Правила реализације"]


def test_no_overdue_action_and_an_empty_store_give_empty_tables(con):
    s = delivery_state(con, D(2026, 6, 15))
    assert list(overdue_by_owner(s).columns) == ["owner", "action_id", "title", "due_date", "state", "group_id"]
    assert overdue_by_owner(s).empty and last_meeting_commitments(s)[0] is None


def test_a_long_meeting_list_shows_its_most_pressing_commitments_and_keeps_all_of_them(con, monkeypatch):
    """30 commitments of one meeting, 25 shown: the 2 overdue first (by due date), then the open ones by due date
    (undated last), then closed ones by due date; the whole list keeps the meeting's order."""
    import importlib

    view = importlib.import_module("dialogue.views.delivery")      # the module (views.delivery is the page's function)
    rows = []
    for i in range(30):
        state = "open" if i % 3 else "kept"                    # 0, 3, 6 … 27 kept: 10 closed, 20 open
        due = None if i == 29 else f"2027-{1 + (29 - i) % 12:02d}-15"
        rows.append(dict(commitment_id=f"C{i:02d}", made_at="2026-02-12", meeting="Inaugural meeting",
                         text=f"Commitment {i}", side="joint", due_date=due, state=state))
    rows[4]["due_date"], rows[8]["due_date"] = "2026-05-01", "2026-04-01"      # open and past due: overdue
    put_rows(con, "commitments", rows)
    s = delivery_state(con, D(2026, 6, 15))
    _on, meeting, shown, whole = view._promised(s, "en")
    assert meeting == "Inaugural meeting" and len(whole) == 30 and len(shown) == 25
    assert list(whole["Commitment"]) == [f"Commitment {i}" for i in range(30)]
    texts = list(shown["Commitment"])
    assert texts[:2] == ["Commitment 8", "Commitment 4"]            # overdue: 1 Apr, then 1 May
    # open, not overdue: 18 of them (29 is undated, last); 25 - 2 = 23 places: all 18 open, then 5 closed
    open_ones = [i for i in range(30) if i % 3 and i not in (4, 8)]
    by_due = sorted((i for i in open_ones if i != 29), key=lambda i: (1 + (29 - i) % 12, i)) + [29]
    assert texts[2:20] == [f"Commitment {i}" for i in by_due]
    closed = sorted(range(0, 30, 3), key=lambda i: (1 + (29 - i) % 12, i))[:5]
    assert texts[20:] == [f"Commitment {i}" for i in closed]
    monkeypatch.setattr(view, "PROMISED_SHOWN", 30)
    assert list(view._promised(s, "en")[2]["Commitment"]) == list(whole["Commitment"])   # short lists stay whole
