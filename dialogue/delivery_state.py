"""The delivery datasets as known at a moment with every row flagged by the rules: what the Delivery page,
the `delivery` command and the briefings all show, computed once here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dialogue import db, delivery, store


@dataclass
class DeliveryState:
    as_of: date
    groups: pd.DataFrame        # working_groups columns + last_meeting, meetings, active, actions
    actions: pd.DataFrame       # actions columns + group_name, area, elapsed, overdue, slipping
    commitments: pd.DataFrame   # commitments made on or before as_of + overdue

    def to_json(self) -> dict:
        """The `delivery --json` object, exactly as issue 14 states it."""
        return {
            "as_of": self.as_of.isoformat(),
            "working_groups": [{"group_id": r.group_id, "name": r.name, "area": r.area, "active": bool(r.active),
                                "last_meeting": _iso(r.last_meeting)} for r in self.groups.itertuples()],
            "actions": [{"action_id": r.action_id, "group_id": r.group_id, "title": r.title, "owner": _text(r.owner),
                         "lead_side": r.lead_side, "due": _iso(r.due_date), "state": r.state,
                         "progress": None if delivery._missing(r.progress) else float(r.progress),
                         "overdue": bool(r.overdue), "slipping": bool(r.slipping)} for r in self.actions.itertuples()],
            "commitments": [{"commitment_id": r.commitment_id, "made_at": _iso(r.made_at), "text": r.text,
                             "owner": _text(r.owner), "due": _iso(r.due_date), "state": r.state,
                             "overdue": bool(r.overdue)} for r in self.commitments.itertuples()],
        }


def _iso(value) -> str | None:
    day = delivery._day(value)
    return None if day is None else day.isoformat()


def _text(value) -> str | None:
    return None if delivery._missing(value) else str(value)


def delivery_state(con, as_of: date, known_at: datetime | None = None, book=None) -> DeliveryState:
    """Groups with their last meeting and activity, actions with overdue/slipping, commitments with overdue."""
    from dialogue.views.common import _known, targets_book     # late: dialogue.views imports this module

    points, months = delivery.settings(book if book is not None else targets_book())
    groups = store.current_rows(con, "working_groups", known_at)
    actions = store.current_rows(con, "actions", known_at)
    commitments = store.current_rows(con, "commitments", known_at)
    met = db.query(con, "working_group_meetings", as_of=as_of, known_at=_known(known_at))

    groups = groups.merge(met, on="group_id", how="left")
    groups["meetings"] = groups["meetings"].fillna(0).astype("int64")
    groups["active"] = [delivery.is_active(d, as_of, months) for d in groups["last_meeting"]]
    per_group = actions.groupby("group_id").size()
    groups["actions"] = [int(per_group.get(g, 0)) for g in groups["group_id"]]
    groups = groups.sort_values(["area", "group_id"], kind="stable").reset_index(drop=True)

    names = dict(zip(groups["group_id"], groups["name"]))
    areas = dict(zip(groups["group_id"], groups["area"]))
    actions = actions.assign(
        group_name=[names.get(g) for g in actions["group_id"]],
        area=[areas.get(g) for g in actions["group_id"]],
        elapsed=[delivery.elapsed_percent(s, d, as_of) for s, d in zip(actions["start_date"], actions["due_date"])],
        overdue=[delivery.is_overdue(d, s, as_of) for d, s in zip(actions["due_date"], actions["state"])],
        slipping=[delivery.is_slipping(a, d, p, s, as_of, points) for a, d, p, s in
                  zip(actions["start_date"], actions["due_date"], actions["progress"], actions["state"])],
    )
    actions = actions.sort_values(["group_id", "due_date", "action_id"], na_position="last",
                                  kind="stable").reset_index(drop=True)

    made = pd.to_datetime(commitments["made_at"]).dt.date
    commitments = commitments[made <= as_of].copy()
    commitments["overdue"] = [delivery.is_overdue(d, s, as_of, delivery.COMMITMENT_CLOSED)
                              for d, s in zip(commitments["due_date"], commitments["state"])]
    commitments = commitments.sort_values(["made_at", "commitment_id"], kind="stable").reset_index(drop=True)
    return DeliveryState(as_of, groups, actions, commitments)


def last_meeting_commitments(state: DeliveryState) -> tuple[date | None, str, pd.DataFrame]:
    """(date, title, commitments) of the latest meeting or statement that made commitments by the as-of date."""
    c = state.commitments
    if c.empty:
        return None, "", c
    latest = c["made_at"].max()
    mine = c[c["made_at"] == latest].reset_index(drop=True)
    return delivery._day(latest), str(mine["meeting"].iloc[0]), mine


def overdue_by_owner(state: DeliveryState) -> pd.DataFrame:
    """Overdue actions grouped by owner (most first): owner, action_id, title, due_date, state, group_id."""
    columns = ["owner", "action_id", "title", "due_date", "state", "group_id"]
    a = state.actions[state.actions["overdue"].astype(bool)]
    if a.empty:
        return a[columns].reset_index(drop=True)
    a = a.assign(owner=a["owner"].fillna("—"))
    counts = a.groupby("owner")["action_id"].transform("count")
    return (a.assign(_n=counts).sort_values(["_n", "owner", "due_date"], ascending=[False, True, True], kind="stable")
            [columns].reset_index(drop=True))
