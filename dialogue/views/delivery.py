"""What the Delivery page shows: working groups, their action plans (filtered), a timeline, and what the last
meeting promised; plus the actions linked to an area's targets for the area pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from dialogue import assessments
from dialogue import delivery as rules
from dialogue.datasets import DELIVERY_DATASETS
from dialogue.delivery_state import DeliveryState, delivery_state, last_meeting_commitments
from dialogue.formats import fmt_timestamp
from dialogue.i18n import fmt_count, fmt_date, fmt_percent, label, t
from dialogue.views.common import TIMELINE_SHOWN, targets_book

FILTERS = ("area", "lead_side", "owner", "state")
ACTIONS_SHOWN = 200     # rows of the action-plan table (the most pressing first); the filters narrow the rest
PROMISED_SHOWN = 25     # commitments of the last meeting shown as text (the most pressing first); all are folded below
ACTIONS_FIRST = 25      # actions shown as text on the first view (the most pressing); the plan's table is folded below


@dataclass
class DeliveryView:
    summary: str                    # one sentence: overdue, slipping, active groups
    empty: str                      # said instead of everything when no working group is recorded ("" otherwise)
    groups: pd.DataFrame            # display table, one row per group
    actions: pd.DataFrame           # display table of the filtered actions
    timeline: pd.DataFrame          # charts.action_timeline's input (dated actions of the filter, TIMELINE_SHOWN at most)
    undated: int                    # filtered actions without a due date (not drawn)
    dated: int = 0                  # filtered actions with a due date (the timeline draws TIMELINE_SHOWN of them)
    total: int = 0                  # filtered actions (the table lists ACTIONS_SHOWN of them, the most pressing)
    options: dict = field(default_factory=dict)    # filter -> [(code, label)] present in the data
    promised_on: str = ""           # date of the last meeting that made commitments
    promised_meeting: str = ""      # its title (user text)
    promised: pd.DataFrame = field(default_factory=pd.DataFrame)       # PROMISED_SHOWN at most, most pressing first
    promised_all: pd.DataFrame = field(default_factory=pd.DataFrame)   # every commitment of that meeting, in order
    available: bool = True
    actions_first: pd.DataFrame = field(default_factory=pd.DataFrame)  # ACTIONS_FIRST of `actions`, most pressing


def _flags(actions: pd.DataFrame, lang: str) -> list[str]:
    """Each action's flags as icon + word ("⏰ Overdue ↘ Slipping"), one string per row."""
    overdue, slipping = t("flag_overdue", lang), t("flag_slipping", lang)
    return [" ".join(w for w, on in ((overdue, o), (slipping, s)) if on)
            for o, s in zip(actions["overdue"], actions["slipping"])]


def _progress(value, lang: str) -> str:
    return "" if rules._missing(value) else fmt_percent(float(value) / 100, lang, decimals=None)


def action_table(actions: pd.DataFrame, lang: str, with_group: bool = True) -> pd.DataFrame:
    """Actions as the reader sees them: words for codes, dates in the language, flags as icon + word."""
    cols = {
        t("col_action", lang): actions["title"],
        t("col_group", lang): actions["group_name"].fillna(actions["group_id"]),
        t("col_side", lang): [label("side", v, lang) for v in actions["lead_side"]],
        t("col_owner", lang): actions["owner"].fillna(""),
        t("col_due", lang): [fmt_date(rules._day(d), lang) if rules._day(d) else "" for d in actions["due_date"]],
        t("col_state", lang): [label("astate", v, lang) for v in actions["state"]],
        t("col_progress", lang): [_progress(v, lang) for v in actions["progress"]],
        t("col_flags", lang): _flags(actions, lang),
        t("source", lang): actions["source"].fillna(""),
    }
    if not with_group:
        cols.pop(t("col_group", lang))
    return pd.DataFrame(cols).reset_index(drop=True)


def _group_table(state: DeliveryState, lang: str) -> pd.DataFrame:
    g = state.groups
    name = g["name"] if lang == "en" else g["name_sr"].fillna(g["name"])
    return pd.DataFrame({
        t("col_group", lang): name,
        t("col_area", lang): [t(f"area_{a}", lang) for a in g["area"]],
        t("col_us_cochair", lang): g["us_cochair"].fillna(""),
        t("col_rs_cochair", lang): g["serbian_cochair"].fillna(""),
        t("col_state", lang): [label("gstate", v, lang) for v in g["state"]],
        t("col_last_meeting", lang): [fmt_date(rules._day(d), lang) if rules._day(d) else "" for d in g["last_meeting"]],
        t("col_met_recently", lang): [t("met_yes" if a else "met_no", lang) for a in g["active"]],
        t("col_actions", lang): [fmt_count(n, lang) for n in g["actions"]],
    }).reset_index(drop=True)


def _options(actions: pd.DataFrame, lang: str) -> dict:
    words = {"area": lambda v: t(f"area_{v}", lang), "lead_side": lambda v: label("side", v, lang),
             "owner": str, "state": lambda v: label("astate", v, lang)}
    return {f: [(v, words[f](v)) for v in sorted(actions[f].dropna().unique())] for f in FILTERS}


def most_pressing(actions: pd.DataFrame, n: int) -> pd.DataFrame:
    """At most n actions, in their own order: overdue or slipping first, then open ones, then closed ones, each by
    due date (undated last). A plan of thousands is neither readable nor quick to draw whole; filters narrow it."""
    if len(actions) <= n:
        return actions
    kept = _pressing_first(actions["overdue"].astype(bool) | actions["slipping"].astype(bool),
                           actions["state"].isin(rules.ACTION_CLOSED), actions["due_date"], n)
    return actions.loc[actions.index.isin(kept)]


def _pressing_first(flagged: pd.Series, closed: pd.Series, due: pd.Series, n: int) -> pd.Index:
    """The index of the n most pressing rows, most pressing first: flagged ones, then open ones, then closed
    ones, each by due date (undated last; ties in their own order)."""
    rank = pd.DataFrame({"calm": ~flagged, "closed": closed, "due": due})
    return rank.sort_values(["calm", "closed", "due"], na_position="last", kind="stable").head(n).index


def _timeline(actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The dated actions to draw (TIMELINE_SHOWN at most, the most pressing), in due-date order."""
    dated = most_pressing(actions[actions["due_date"].notna()], TIMELINE_SHOWN)
    dated = dated.sort_values(["due_date", "action_id"], kind="stable")
    return pd.DataFrame({
        "action": [f"{a} · {str(ti)[:60]}" for a, ti in zip(dated["action_id"], dated["title"])],
        "start": dated["start_date"].fillna(dated["due_date"]),
        "due": dated["due_date"],
        "state": dated["state"],
        "state_label": [label("astate", v, lang) for v in dated["state"]],
        "owner": dated["owner"].fillna(""),
        "flags": _flags(dated, lang),
        "overdue": dated["overdue"].astype(bool),
    }).reset_index(drop=True)


def _promised(state: DeliveryState, lang: str) -> tuple[str, str, pd.DataFrame, pd.DataFrame]:
    """(date, title, the most pressing commitments, all of them) of the last meeting that made commitments."""
    when, meeting, mine = last_meeting_commitments(state)
    table = _commitment_table(mine, lang)
    if len(mine) <= PROMISED_SHOWN:
        return (fmt_date(when, lang) if when else ""), meeting, table, table
    kept = _pressing_first(mine["overdue"].astype(bool), mine["state"] != "open", mine["due_date"], PROMISED_SHOWN)
    return fmt_date(when, lang), meeting, table.loc[kept].reset_index(drop=True), table


def _commitment_table(mine: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Commitments in the reader's language: text, side, owner, due, state, flag and evidence."""
    table = pd.DataFrame({
        t("col_commitment", lang): mine["text"],
        t("col_side", lang): [label("side", v, lang) for v in mine["side"]],
        t("col_owner", lang): mine["owner"].fillna(""),
        t("col_due", lang): [fmt_date(rules._day(d), lang) if rules._day(d) else "" for d in mine["due_date"]],
        t("col_state", lang): [label("cstate", v, lang) for v in mine["state"]],
        t("col_flags", lang): [t("flag_overdue", lang) if o else "" for o in mine["overdue"]],
        t("col_evidence", lang): mine["source"].fillna(""),
    }).reset_index(drop=True)
    return table


def delivery(con, as_of: date, known_at: datetime | None = None, lang: str = "en", area: str = "",
                  lead_side: str = "", owner: str = "", state: str = "") -> DeliveryView:
    """The Delivery page; empty filter values mean all."""
    _points, months = rules.settings(targets_book())
    s = delivery_state(con, as_of, known_at)
    a = s.actions
    summary = t("dl_summary", lang, overdue=fmt_count(int(a["overdue"].sum()), lang),
                slipping=fmt_count(int(a["slipping"].sum()), lang), n=fmt_count(len(a), lang),
                active=fmt_count(int(s.groups["active"].sum()), lang), groups=fmt_count(len(s.groups), lang),
                months=months)
    empty = t("dl_no_groups", lang, templates=", ".join(DELIVERY_DATASETS)) if s.groups.empty else ""
    chosen = {"area": area, "lead_side": lead_side, "owner": owner, "state": state}
    shown = a
    for column, value in chosen.items():
        if value:
            shown = shown[shown[column] == value]
    on, meeting, promised, promised_all = _promised(s, lang)
    undated = int(shown["due_date"].isna().sum())
    listed = most_pressing(shown, ACTIONS_SHOWN)
    return DeliveryView(summary, empty, _group_table(s, lang), action_table(listed, lang),
                        _timeline(shown, lang), undated, len(shown) - undated, len(shown), _options(a, lang), on,
                        meeting, promised, promised_all,
                        actions_first=action_table(most_pressing(listed, ACTIONS_FIRST), lang))


def linked_actions(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
                   areas: tuple[str, ...] = ()) -> pd.DataFrame:
    """The actions whose target belongs to one of `areas` (for the area pages), as the reader sees them."""
    book = targets_book()
    ids = {tg.id for tg in book.targets if tg.area in areas} if book is not None else set()
    a = delivery_state(con, as_of, known_at, book).actions
    return action_table(a[a["target_id"].isin(ids)], lang)


# ---------------------------------------------------------------- quarterly assessments (issue 14 item 4)

@dataclass
class AssessmentForm:
    targets: list                   # (target id, wording) pairs, in the targets file's order
    quarters: list                  # the as-of date's quarter first, then the three before it
    confidence: list                # (code, label) pairs, high to low


def assessment_form(con, as_of: date, known_at: datetime | None = None, lang: str = "en") -> AssessmentForm:
    """The choices of the "record an assessment" form."""
    book = targets_book()
    year_before = date(as_of.year - 1, as_of.month, min(as_of.day, 28))
    return AssessmentForm([(tg.id, tg.text(lang)) for tg in (book.targets if book else [])],
                          assessments.quarters_between(year_before, as_of)[::-1][:4],
                          [(c, t(f"confidence_{c}", lang)) for c in assessments.CONFIDENCE])


def _wordings(lang: str) -> dict:
    book = targets_book()
    return {tg.id: tg.text(lang) for tg in book.targets} if book is not None else {}


def assessment_drafts(con, as_of: date, known_at: datetime | None = None, lang: str = "en", user: str = "",
                      role: str = "viewer") -> pd.DataFrame:
    """The assessments awaiting approval, as the reader sees them, each saying whether this user may approve it."""
    from dialogue.roles import Actor

    frame = assessments.drafts(con, known_at)
    actor = Actor(user, role) if user else None
    names = _wordings(lang)
    return pd.DataFrame({
        "assessment_id": frame["assessment_id"].astype("int64"),
        "target": [names.get(x, x) for x in frame["target_id"]],
        "quarter": frame["quarter"],
        "confidence": [t(f"confidence_{c}", lang) for c in frame["confidence"]],
        "narrative": frame["narrative"],
        "next_steps": frame["next_steps"].fillna(""),
        "author": frame["author"],
        "recorded": [fmt_timestamp(x, lang) for x in frame["created_at"]],
        "may_approve": [assessments.may_approve(actor, a) for a in frame["author"]],
    })


def area_assessments(con, as_of: date, known_at: datetime | None = None, lang: str = "en",
                     areas: tuple[str, ...] = ()) -> pd.DataFrame:
    """The approved assessment of each of the areas' targets (latest quarter up to as-of) beside its computed status."""
    from dialogue.views.common import scorecard
    from dialogue.vocab import status_badge

    book = targets_book()
    ids = [tg.id for tg in book.targets if tg.area in areas] if book is not None else []
    frame = assessments.latest_approved(con, as_of, known_at)
    frame = frame[frame["target_id"].isin(ids)]
    frame = frame.assign(_order=[ids.index(x) for x in frame["target_id"]]).sort_values("_order")   # file order
    card = scorecard(con, as_of, known_at, lang) if len(frame) else None   # no status asked when nothing to show
    names = _wordings(lang)
    return pd.DataFrame({
        t("col_computed", lang): [status_badge(card.get(x).status, lang) if card else "" for x in frame["target_id"]],
        t("col_target", lang): [names.get(x, x) for x in frame["target_id"]],
        t("col_quarter", lang): frame["quarter"],
        t("col_confidence", lang): [t(f"confidence_{c}", lang) for c in frame["confidence"]],
        t("col_narrative", lang): frame["narrative"],
        t("col_next_steps", lang): frame["next_steps"].fillna(""),
        t("col_approved_by", lang): frame["approved_by"],
    }).reset_index(drop=True)
