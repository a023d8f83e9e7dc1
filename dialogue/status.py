"""The scorecard: every target's status as of a date and as known at a moment, with its reason."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from dialogue import db, freshness, outlook, reasons, rules, target_versions
from dialogue.targets import Target, TargetBook
from dialogue.vocab import change_direction, status_word

# "As known now": later than any upload time (the store's macros take a timestamp).
LATEST = datetime(9999, 12, 31)


@dataclass
class TargetStatus:
    target: str
    area: str
    kind: str
    status: str
    period: str
    actual: float | None
    target_value: float | None
    expected_to_date: float | None
    reason: str
    headline: str
    wording: str
    deadline: date | None
    achieved_on: date | None
    projection: str | None          # "likely" | "unlikely" | None (no projection for this status)
    assumptions: list[str]
    details: dict = field(default_factory=dict)   # kind-specific figures (history, compound growth, parts)
    progress: float | None = None   # share of the target reached, 0..1 (dialogue.outlook.progress)
    needed: str | None = None       # what it would take from here, one sentence (dialogue.outlook)
    data_through: date | None = None    # the date the figures run to (dialogue.freshness)
    stale: bool = False                 # newer figures were due by the source's rhythm and are missing

    def to_json(self) -> dict:
        return {
            "target": self.target, "area": self.area, "kind": self.kind, "status": self.status,
            "period": self.period, "actual": _num(self.actual), "target_value": _num(self.target_value),
            "expected_to_date": _num(self.expected_to_date), "reason": self.reason,
            "headline": self.headline, "wording": self.wording,
            "deadline": _iso(self.deadline), "achieved_on": _iso(self.achieved_on),
            "projection": self.projection, "assumptions": list(self.assumptions),
            "details": _jsonable(self.details),
            "progress": None if self.progress is None else round(self.progress, 4), "needed": self.needed,
            "data_through": _iso(self.data_through), "stale": self.stale,
        }


@dataclass
class Scorecard:
    as_of: date
    known_at: datetime | None
    start_date: date
    start_recorded: bool
    statuses: list[TargetStatus]
    start_event: str | None = None    # title of the recorded meeting that set the start

    def get(self, target_id: str) -> TargetStatus:
        return next(s for s in self.statuses if s.target == target_id)

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "known_at": self.known_at.isoformat(sep=" ") if self.known_at else None,
            "start_date": self.start_date.isoformat(),
            "start": "recorded" if self.start_recorded else "planned",
            "start_recorded": self.start_recorded,
            "start_event": self.start_event,
            "targets": [s.to_json() for s in self.statuses],
        }


def _num(x):
    if x is None:
        return None
    x = float(x)
    return int(x) if x.is_integer() else round(x, 6)


def _iso(d):
    return d.isoformat() if d else None


def _jsonable(v):
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, float):
        return round(v, 6)
    return v


# ---------------------------------------------------------------- measurements

class _Runner:
    """Runs each distinct measurement query once per scorecard."""

    def __init__(self, con, as_of: date, known_at: datetime):
        self.con, self.as_of, self.known_at = con, as_of, known_at
        self._cache: dict = {}

    def run(self, name: str, **params):
        key = (name, repr(sorted(params.items())))
        if key not in self._cache:
            self._cache[key] = db.query(self.con, name, as_of=self.as_of, known_at=self.known_at, **params)
        return self._cache[key]


def dialogue_start(con, book: TargetBook, as_of: date, known_at: datetime | None = None) -> tuple[date, bool, str | None]:
    """(start date, recorded?, meeting title): a recorded meeting on or before as_of, else the planned date."""
    rows = db.query(con, "dialogue_start", as_of=as_of, known_at=known_at or LATEST,
                    kinds=book.settings["start_event_kinds"])
    if len(rows):
        return rows["date"].iloc[0].date(), True, str(rows["title"].iloc[0])
    return book.settings["planned_start"], False, None


def trade_series_options(con, known_at: datetime | None = None) -> list[dict]:
    """Series that can be measured: reporter, currency, years, label such as 'US Census (USD)'."""
    rows = db.query(con, "trade_series", known_at=known_at or LATEST)
    return [
        {"reporter": r.reporter, "currency": r.currency, "first_year": int(r.first_year),
         "last_year": int(r.last_year), "monthly_rows": int(r.monthly_rows), "rows": int(r.rows),
         "label": f"{r.reporter} ({r.currency})"}
        for r in rows.itertuples()
    ]


def _series(con, target: Target, trade_series: str | None, known_at: datetime) -> tuple[str, str]:
    """(reporter, currency) to measure: the target's default, or a reporter / 'Reporter (CUR)' chosen."""
    reporter, currency = target.params["reporter"], target.params["currency"]
    if not trade_series or trade_series in (reporter, f"{reporter} ({currency})"):
        return reporter, currency
    options = trade_series_options(con, known_at)
    for o in options:
        if trade_series == o["label"]:
            return o["reporter"], o["currency"]
    same = [o for o in options if o["reporter"] == trade_series]
    if not same:
        return trade_series, currency
    preferred = [o for o in same if o["currency"] == currency]
    return trade_series, (preferred or same)[0]["currency"]


def _counts(frame) -> tuple[dict[int, tuple[float, float]], bool]:
    has_data = int(frame["dataset_rows"].iloc[0]) > 0
    counts = {
        int(r.year): (float(r.held), float(r.scheduled))
        for r in frame.itertuples() if not pd.isna(r.year)
    }
    return counts, has_data


def event_counts(frame, bind: dict) -> tuple[dict[int, tuple[float, float]], bool]:
    """Per-year (done, scheduled) of the bound event kinds from events_per_kind_year (quantities summed when
    sum_quantity is set); the dashboard's charts count with this too, so they match the statuses. Data exist
    once any event of those kinds is recorded: other kinds in the events dataset are not a zero for this."""
    kinds = set(bind["kinds"])
    has_data = bool(frame["kind"].isin(kinds).any())
    done, later = ("done_quantity", "scheduled_quantity") if bind.get("sum_quantity") else ("done", "scheduled")
    counts: dict[int, tuple[float, float]] = {}
    for r in frame.itertuples():
        if pd.isna(r.year) or r.kind not in kinds:
            continue
        held, scheduled = counts.get(int(r.year), (0.0, 0.0))
        counts[int(r.year)] = (held + float(getattr(r, done)), scheduled + float(getattr(r, later)))
    return counts, has_data


# ---------------------------------------------------------------- per kind

# a part counted by another query than its target's (Road-map step VI's completed actions) names its dataset
COUNT_DATASETS = {"exercises_per_year": "exercises", "events_per_kind_year": "events",
                  "actions_done_per_year": "actions"}
KIND_COUNTS = ("events_per_kind_year", "actions_done_per_year")   # one row per kind and year; the part picks kinds


def _annual_count(t: Target, run: _Runner, as_of, start, start_kind, settings, lang):
    parts = t.params.get("parts") or [t.params]
    results = []
    for part in parts:
        query = part.get("query", t.query)
        if query in KIND_COUNTS:   # one query for every kind; pick this part's kinds
            counts, has_data = event_counts(run.run(query), part["bind"])
        else:
            counts, has_data = _counts(run.run(query, **part["bind"]))
        o = rules.annual_count(counts, part["required"], as_of, start, first_year=t.params.get("first_year"),
                               has_data=has_data, remaining_share=settings["remaining_share_at_risk"])
        results.append((part, o))
    needs = [_count_need(o, part) for part, o in results]
    dataset = {part["name"] if "name" in part else "": COUNT_DATASETS[part.get("query", t.query)] for part in parts}
    if len(results) == 1:
        part, o = results[0]
        reason = reasons.count_reason(o, part, lang, start, start_kind, dataset[part.get("name", "")])
        return o, reason, {"history": o.facts.get("history", {}), "need": needs[0]}
    combined = rules.worst([o.status for _, o in results])
    for _, part_outcome in results:     # a part's projection never argues with the combined status
        part_outcome.likely = rules.agreeing_projection(combined, part_outcome.likely)
    sentences = [reasons.count_reason(o, part, lang, start, start_kind, dataset[part.get("name", "")])
                 for part, o in results]
    first = results[0][1]
    likely = [o.likely for _, o in results if o.likely is not None]
    o = rules.Outcome(combined, first.period, first.actual, first.target_value, first.expected_to_date,
                      likely=all(likely) if likely else None, facts=first.facts)
    details = {"parts": {part["name"]: {"status": p.status, "actual": p.actual, "target_value": p.target_value,
                                        "expected_to_date": p.expected_to_date,
                                        "history": p.facts.get("history", {})}
                         for part, p in results}}
    details["need"] = next((n for n in needs if n), None)
    details["need_parts"] = [{"name": part["name"], "more": n["more"]} for (part, _), n in zip(results, needs) if n]
    details["progress_parts"] = [outlook.progress(t.kind, p.status, p.actual, p.target_value) for _, p in results]
    reason = sentences[0]
    if results[0][1].status != "not_started":
        for more in sentences[1:]:
            reason = reasons.extend(reason, "; " + more[0].lower() + more[1:].rstrip("."))
    return o, reason, details


def _count_need(o: rules.Outcome, part: dict) -> dict | None:
    if o.status in ("achieved", "no_data", "not_started", "missed"):
        return None
    return outlook.count_need(o.facts["held"], o.facts["planned"], part["required"], o.facts["year"])


def _window_count(t: Target, run: _Runner, as_of, start, start_kind, settings, lang):
    last = rules.window_last_day(start, t.params["window_years"])
    frame = run.run(t.query, window_start=start, window_end=last, **t.params["bind"])
    row = frame.iloc[0]
    dates = [pd.Timestamp(d).date() for d in row["dates"]]
    o = rules.window_count(dates, t.params["required"], start, t.params["window_years"], as_of,
                           has_data=int(row["dataset_rows"]) > 0,
                           remaining_share=settings["remaining_share_at_risk"])
    titles = list(row["titles"])[: len(dates)]
    details = {"counted": [{"date": d, "title": s} for d, s in zip(dates, titles) if start <= d <= min(as_of, last)]}
    if o.status not in ("achieved", "no_data", "not_started"):
        details["need"] = outlook.window_need(o.actual, t.params["required"], start, t.params["window_years"], as_of)
    return o, reasons.window_reason(o, t.params, lang, start_kind), details


def _milestone_evidence(run: _Runner, book: TargetBook) -> tuple[dict, bool]:
    """One query for every milestone target: {(target, part or None): row}, and whether any data exists."""
    ms = [t for t in book.targets if t.kind == "milestone"]
    parts = [(t.id, p["name"], [w.lower() for w in p["match"]]) for t in ms for p in t.params.get("parts", [])]
    frame = run.run(
        "milestone_evidence",
        target_ids=[t.id for t in ms],
        achieved_kinds=[list(t.params["achieved_kinds"]) for t in ms],
        any_kinds=[list(t.params["achieved_kinds_any_target"]) for t in ms],
        part_targets=[p[0] for p in parts], part_names=[p[1] for p in parts], part_words=[p[2] for p in parts],
    )
    has_data = bool(len(frame)) and int(frame["dataset_rows"].iloc[0]) > 0
    found = {}
    for r in frame.to_dict("records"):
        if r["target_id"] is None or pd.isna(r["target_id"]):
            continue
        part = None if pd.isna(r["part"]) else r["part"]
        found[(r["target_id"], part)] = r
    return found, has_data


def _date_title(row, when: str, what: str):
    if row is None or pd.isna(row[when]):
        return None
    return pd.Timestamp(row[when]).date(), str(row[what])


def _plan_parts(run: _Runner, book: TargetBook) -> list[dict]:
    """Road-map step V's parts: one per framework area with targets, achieved on the date that area first had a
    working group with an action plan (queries/working_group_plans.sql), the group's name as evidence."""
    from dialogue.datasets import AREAS
    from dialogue.i18n import t as ui

    found = {r.area: r for r in run.run("working_group_plans").itertuples()}
    parts = []
    for area in AREAS:
        if not any(tg.area == area for tg in book.targets):
            continue
        r = found.get(area)
        dated = r is not None and not pd.isna(r.plan_on)
        parts.append({"name": area, "label": {"en": ui(f"area_{area}", "en"), "sr-Latn": ui(f"area_{area}", "sr-Latn")},
                      "achieved_on": pd.Timestamp(r.plan_on).date() if dated else None,
                      "evidence": str(r.group_name) if dated else None})
    return parts


def _milestone(t: Target, evidence: tuple[dict, bool], as_of, settings, lang, start_event=None, plan_parts=None):
    found, has_data = evidence
    row = found.get((t.id, None))
    first = _date_title(row, "achieved_on", "achieved_title")
    if t.params.get("achieved_by_start") and start_event and (first is None or start_event[0] < first[0]):
        first = start_event                 # the recorded meeting that started the dialogue
    latest = _date_title(row, "progress_on", "progress_title")
    parts = [dict(p) for p in t.params.get("parts", [])]
    if t.params.get("plans_per_area") and plan_parts is not None:
        parts = [dict(p) for p in plan_parts]       # already dated from the working groups' action plans
        has_data = has_data or any(p["achieved_on"] for p in parts)
    if parts:
        for p in parts:
            if "achieved_on" in p:
                continue
            hit = _date_title(found.get((t.id, p["name"])), "achieved_on", "achieved_title")
            p["achieved_on"], p["evidence"] = hit if hit else (None, None)
        done = [p for p in parts if p["achieved_on"]]
        achieved_on = max(p["achieved_on"] for p in parts) if len(done) == len(parts) else None
        evidence_text = "; ".join(p["evidence"] for p in done) if achieved_on else None
        # a part already achieved is progress toward the whole
        candidates = ([latest] if latest else []) + [(p["achieved_on"], p["evidence"]) for p in done]
        latest = max(candidates, default=None)
    else:
        achieved_on, evidence_text = first if first else (None, None)
    o = rules.milestone(achieved_on, latest[0] if latest else None, t.deadline, as_of, has_data=has_data,
                        warning_years=settings["milestone_warning_years"])
    if parts:
        o.actual = len([p for p in parts if p["achieved_on"]])
        o.target_value = len(parts)
    shown = evidence_text if o.status == "achieved" else (latest[1] if latest else None)
    reason = reasons.milestone_reason(o, lang, shown, parts or None)
    if parts:
        shown_evidence = [(p["achieved_on"], p["evidence"]) for p in done]
    else:
        shown_evidence = [first] if first else []
    details = {"evidence": [{"date": d, "title": s, "achieving": True} for d, s in shown_evidence]
               + ([{"date": latest[0], "title": latest[1], "achieving": False}] if latest else []),
               "evidence_counts": {"achieving": int(row["achieving_count"]) if row else 0,
                                   "progress": int(row["progress_count"]) if row else 0}}
    if parts:
        details["parts"] = {p["name"]: p["achieved_on"] for p in parts}
    if o.status not in ("achieved", "no_data"):
        details["need"] = outlook.milestone_need(t.deadline, as_of, o.actual if parts else None,
                                                 len(parts) if parts else None)
    return o, reason, details


def _growth(con, t: Target, run: _Runner, as_of, start, start_kind, settings, lang, trade_series, known_at):
    reporter, currency = _series(con, t, trade_series, known_at)
    frame = run.run(t.query, reporter=reporter, currency=currency)
    periods = [
        (int(r.year), None if pd.isna(r.month) else int(r.month), float(r.value))
        for r in frame.itertuples()
    ]
    o = rules.growth(periods, t.params["rate"], as_of, start, at_risk_share=settings["growth_at_risk_share"])
    label = f"{reporter} ({currency})" if lang == "en" else f"{reporter}, {currency}"
    reason = reasons.growth_reason(o, lang, label, currency, start, start_kind, settings["growth_at_risk_share"])
    details = {"series": f"{reporter} ({currency})", "reporter": reporter, "currency": currency,
               "annual": o.facts.get("annual", {}), "trend": o.facts.get("trend"),
               "_through": freshness.series_through(periods)}
    if o.status not in ("no_data", "not_started"):
        details["need"] = outlook.growth_need(periods, t.params["rate"], as_of)
    if "cagr" in o.facts:
        base, last, cagr, ratio = o.facts["cagr"]
        details["compound_growth"] = {"base_year": base, "last_year": last, "observed": cagr,
                                      "required": t.params["rate"], "observed_over_required": ratio}
    return o, reason, details


# ---------------------------------------------------------------- the scorecard

def compute_all(
    con: duckdb.DuckDBPyConnection,
    as_of: date | None = None,
    known_at: datetime | None = None,
    lang: str = "en",
    trade_series: str | None = None,
    book: TargetBook | None = None,
) -> Scorecard:
    """Every target's status as of `as_of` (default today, UTC), from the data and the targets known at `known_at`."""
    as_of = as_of or db.utcnow().date()
    book = book or target_versions.book_known_at(con, known_at)
    known = known_at or LATEST
    settings = book.settings
    start, recorded, start_event = dialogue_start(con, book, as_of, known)
    start_kind = "recorded" if recorded else "planned"
    run = _Runner(con, as_of, known)
    evidence = _milestone_evidence(run, book)
    plan_parts = _plan_parts(run, book) if any(t.params.get("plans_per_area") for t in book.targets) else None
    start_evidence = (start, start_event) if recorded else None
    last_uploads = {r.dataset: r.last_upload for r in run.run("latest_upload_per_dataset").itertuples()}
    statuses = []
    for t in book.targets:
        if t.kind == "annual_count":
            o, reason, details = _annual_count(t, run, as_of, start, start_kind, settings, lang)
        elif t.kind == "window_count":
            o, reason, details = _window_count(t, run, as_of, start, start_kind, settings, lang)
        elif t.kind == "milestone":
            o, reason, details = _milestone(t, evidence, as_of, settings, lang, start_evidence, plan_parts)
        else:
            o, reason, details = _growth(con, t, run, as_of, start, start_kind, settings, lang, trade_series, known)
        through, stale = _freshness(t, o.status, details, last_uploads, as_of)
        if stale and o.status != "achieved":
            reason = reasons.stale_clause(reason, freshness.through_text(through, t.kind == "growth", lang),
                                          details["freshness"]["due"], lang)
        word = status_word(o.status, lang)
        statuses.append(TargetStatus(
            target=t.id, area=t.area, kind=t.kind, status=o.status, period=o.period,
            actual=o.actual, target_value=o.target_value, expected_to_date=o.expected_to_date,
            reason=reason, headline=reasons.headline(o, t.kind, lang, word), wording=t.wording[lang],
            deadline=t.deadline, achieved_on=o.achieved_on,
            projection=None if o.likely is None else ("likely" if o.likely else "unlikely"),
            assumptions=list(t.assumptions), details=details,
            progress=_progress(t.kind, o, details),
            needed=outlook.needed_sentence(t.kind, details.get("need"), lang, details.get("currency", "USD"),
                                           details.get("need_parts")),
            data_through=through, stale=stale,
        ))
    return Scorecard(as_of, known_at, start, recorded, statuses, start_event)


def _freshness(t: Target, status: str, details: dict, last_uploads: dict, as_of: date) -> tuple[date | None, bool]:
    """(data through, stale) of one target, with the declaration and the due date added to its details."""
    through = details.pop("_through", None) if t.kind == "growth" else freshness.uploads_through(last_uploads, t.query, as_of)
    if status == "no_data" and t.kind != "growth":     # an empty dataset has no figures, whatever was uploaded
        through = None
    stale = freshness.is_stale(as_of, through, t.freshness)
    details["freshness"] = {
        "every": t.freshness.every if t.freshness else None,
        "lag_days": t.freshness.lag_days if t.freshness else None,
        "by_month": t.kind == "growth",
        "due": freshness.due(through, t.freshness) if through and t.freshness else None,
    }
    return through, stale


def _progress(kind: str, o: rules.Outcome, details: dict) -> float | None:
    """The target's share reached; for several parts, the least advanced part's."""
    shares = details.get("progress_parts")
    if shares and o.status != "achieved":
        known = [x for x in shares if x is not None]
        return min(known) if known else None
    return outlook.progress(kind, o.status, o.actual, o.target_value)


# ---------------------------------------------------------------- helpers for the dashboard and reports

def status_changes(con, as_of: date, since: date, known_at: datetime | None = None, lang: str = "en",
                   book: TargetBook | None = None, after: Scorecard | None = None) -> list[dict]:
    """Targets whose status moved between `since` and `as_of` (same knowledge moment for both); `after`, when
    given, is the scorecard as of `as_of` already computed with the same arguments."""
    before = {s.target: s for s in compute_all(con, since, known_at, lang, book=book).statuses}
    after = after or compute_all(con, as_of, known_at, lang, book=book)
    changes = []
    for s in after.statuses:
        old = before.get(s.target)
        if old is None or old.status == s.status:
            continue
        changes.append({
            "target": s.target, "area": s.area, "kind": s.kind, "wording": s.wording,
            "from": old.status, "to": s.status,
            "direction": change_direction(old.status, s.status),
            "reason": s.reason,
        })
    return changes


def milestones_due(con, as_of: date, months: int = 12, known_at: datetime | None = None, lang: str = "en",
                   book: TargetBook | None = None, scorecard: Scorecard | None = None) -> list[dict]:
    """Milestones not yet achieved whose deadline falls within `months` months after as_of, soonest first."""
    book = book or target_versions.book_known_at(con, known_at)
    card = scorecard or compute_all(con, as_of, known_at, lang, book=book)
    horizon = _add_months(as_of, months)
    due = []
    for s in card.statuses:
        if s.kind != "milestone" or s.deadline is None or s.status == "achieved":
            continue
        if as_of <= s.deadline <= horizon:
            due.append({"target": s.target, "area": s.area, "wording": s.wording, "deadline": s.deadline,
                        "days_left": (s.deadline - as_of).days, "status": s.status, "reason": s.reason})
    return sorted(due, key=lambda d: d["deadline"])


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return min(date(year, month, 1) + timedelta(days=d.day - 1), nxt - timedelta(days=1))
