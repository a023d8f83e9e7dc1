"""Everything a report says, gathered once as plain data, so the PDF, the XLSX and the HTML agree.

Every read goes through `known_at`: the same as_of and known_at give the same content even after
later uploads or rollbacks. A report made "now" records the moment it used on its cover.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from dialogue import db
from dialogue.datasets import AREAS, DATASETS, PROCESS_AREA
from dialogue.reports import figures, labels

KINDS = ("briefing", "quarterly", "annual", "public")
AREA_ORDER = (*AREAS, PROCESS_AREA)
# The dated column of each dataset (what "dated in this period" means).
DATE_COLUMNS = {"exercises": "start_date", "agreements": "date_signed", "events": "date"}
TITLE_COLUMNS = {"exercises": "name", "agreements": "title", "events": "title"}


@dataclass
class Chart:
    """One chart as the pages draw it: a title and the Altair chart object."""

    title: str
    chart: object
    _spec: dict | None = field(default=None, repr=False, compare=False)

    def spec(self) -> dict:
        """The Vega-Lite spec (data inline), built once; not validated again against the schema (the
        builders' specs are validated by their tests and by every page that draws them)."""
        if self._spec is None:
            self._spec = self.chart.to_dict(validate=False)
        return self._spec


@dataclass
class AreaSection:
    area: str
    title: str
    statuses: list            # TargetStatus of this area's targets
    charts: list[Chart]
    evidence: list[dict]      # date, dataset, title, target_id, source (dated <= as_of)
    chart_error: str | None = None   # why the charts are missing, when building them failed


@dataclass
class RegionSection:
    """Serbia in the region: context beside the targets, never one of them (dataset peer_trade)."""

    title: str
    series: str | None          # "reporter · currency" compared; None when the workspace has no peer figures
    charts: list[Chart]
    ranks: list[dict]           # period, rank ("3 of 5"), growth: Serbia's place each year
    rows: list[dict]            # partner, partner_name, year, months, turnover, growth, rank (the annex sheet)
    notes: list[str]            # partners without figures, what a partial year compares
    chart_error: str | None = None


@dataclass
class ReportContent:
    kind: str
    lang: str
    title: str
    as_of: date
    known_at: datetime
    known_at_given: bool
    since: date
    since_reason: str          # "given" | "annual_meeting" | "year_before" | "period"
    period_start: date | None
    period_end: date | None
    workspace: str
    demo: bool
    scorecard: object          # dialogue.status.Scorecard
    areas: list[AreaSection]
    status_moves: list[dict]   # target, wording, before, after
    new_evidence: list[dict]
    milestones: list[dict]     # target, wording, deadline, status, reason
    cadence: list              # TargetStatus of road-map reporting/meeting targets (steps VII-IX)
    notes: dict[str, list[dict]]
    sources: list[dict]        # dataset, source, rows
    datasets: dict[str, pd.DataFrame] = field(default_factory=dict)
    executive: object = None   # executive.ExecutiveSummary: what every report opens with
    # issue 14: commitments made since `since` and overdue actions by owner (lists of plain dicts)
    commitments: list[dict] = field(default_factory=list)
    overdue_actions: list[dict] = field(default_factory=list)
    assessments: list[dict] = field(default_factory=list)   # approved, beside the computed status
    region: RegionSection | None = None   # Serbia in the region (peer figures), after the areas

    @property
    def known_at_text(self) -> str:
        """The moment exactly as --known-at takes it back (microseconds only when there are some)."""
        return self.known_at.isoformat(sep=" ", timespec="microseconds" if self.known_at.microsecond else "seconds")

    @property
    def statuses(self) -> list:
        return list(self.scorecard.statuses)

    def wording(self, target_id: str) -> str:
        return next((s.wording for s in self.statuses if s.target == target_id), target_id)


def parse_known_at(value: str | datetime | None) -> datetime | None:
    """A --known-at value (ISO date or timestamp, naive UTC) as a datetime; None stays None."""
    if value is None or isinstance(value, datetime):
        return value
    text = str(value).strip().replace("T", " ").removesuffix("Z")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        from datetime import timezone

        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def period_frame(kind: str, as_of: date) -> tuple[date | None, date | None]:
    """The quarter or calendar year containing `as_of` for periodic reports; (None, None) otherwise."""
    if kind == "quarterly":
        first_month = 3 * ((as_of.month - 1) // 3) + 1
        start = date(as_of.year, first_month, 1)
        end = (date(as_of.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)) - timedelta(days=1)
        return start, end
    if kind == "annual":
        return date(as_of.year, 1, 1), date(as_of.year, 12, 31)
    return None, None


def default_since(con, as_of: date, known_at: datetime) -> tuple[date, str]:
    """The last recorded annual meeting before as_of (as known at known_at), else a year earlier."""
    frame = db.query(con, "last_annual_meeting_before", as_of=as_of, known_at=known_at)
    if len(frame) and pd.notna(frame.iloc[0]["date"]):
        return pd.Timestamp(frame.iloc[0]["date"]).date(), "annual_meeting"
    try:
        return as_of.replace(year=as_of.year - 1), "year_before"
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - 1, day=28), "year_before"


def gather(con, as_of: date, known_at: datetime | str | None = None, since: date | None = None,
           kind: str = "briefing", lang: str = "en", on_charts=None) -> ReportContent:
    """Collect the content of one report. Public reports see only rows marked publishable, no notes.

    `on_charts(charts)`, if given, is called with each chart (a list of one) as soon as it is made, section by section
    (the briefing starts rendering its image then, while the rest is gathered)."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {', '.join(KINDS)}")
    known_at_given = known_at is not None
    known_at = parse_known_at(known_at) or db.utcnow()
    workspace = db.workspace(con)
    source_con = publishable_copy(con) if kind == "public" else con
    try:
        return _gather(source_con, as_of, known_at, known_at_given, since, kind, lang, workspace,
                       on_charts or (lambda charts: None))
    finally:
        if source_con is not con:
            source_con.close()


def _gather(con, as_of, known_at, known_at_given, since, kind, lang, workspace, on_charts) -> ReportContent:
    from dialogue import status, summary
    from dialogue.reports import executive

    period_start, period_end = period_frame(kind, as_of)
    if since is not None:
        since_reason = "given"
    elif period_start is not None:
        since, since_reason = period_start - timedelta(days=1), "period"
    else:
        since, since_reason = default_since(con, as_of, known_at)
    scorecard = status.compute_all(con, as_of, known_at=known_at, lang=lang)
    # The charts first, each handed over as soon as it is built: their images are rendered (in the briefing's chart
    # worker) while the next charts and the rest are gathered.
    charts = {area: section_charts(con, area, scorecard, as_of, known_at, lang, on_charts) for area in AREA_ORDER}
    region = region_section(con, as_of, known_at, lang, on_charts)
    # the summary the Overview and `summary --json` give, without the per-quarter history (page 1 shows none)
    summary_ = summary.build(con, as_of, known_at, lang, card=scorecard, with_history=False)
    moves = status.status_changes(con, as_of, since, known_at=known_at, lang=lang, after=scorecard)
    data = known_datasets(con, known_at)
    evidence = dated_evidence(data, as_of)
    areas = [area_section(area, scorecard, evidence, lang, charts[area]) for area in AREA_ORDER]
    return ReportContent(
        kind=kind, lang=lang, title=labels.label(f"title_{kind}", lang),
        as_of=as_of, known_at=known_at, known_at_given=known_at_given,
        since=since, since_reason=since_reason, period_start=period_start, period_end=period_end,
        workspace=workspace, demo=workspace == "demo" or any(frame["synthetic"].any() for frame in data.values()),
        scorecard=scorecard, areas=areas,
        status_moves=[{"target": m["target"], "wording": m["wording"], "before": m["from"], "after": m["to"],
                       "reason": m["reason"]} for m in moves],
        new_evidence=[e for e in evidence if e["date"] > since],
        milestones=status.milestones_due(con, as_of, 12, known_at=known_at, lang=lang, scorecard=scorecard),
        cadence=cadence_targets(scorecard),
        notes={} if kind == "public" else notes_by_target(con, known_at),
        sources=source_annex(data),
        datasets=data,
        executive=executive.brief(summary_, lang),
        **delivery_sections(con, as_of, known_at, since, lang),
        assessments=[] if kind == "public" else approved_assessments(con, scorecard, period_start or since, as_of,
                                                                     known_at, lang),
        region=region,
    )


def approved_assessments(con, scorecard, first: date, as_of: date, known_at: datetime, lang: str) -> list[dict]:
    """Approved quarterly assessments of the quarters from `first` to `as_of`, each with the computed status."""
    from dialogue import assessments
    from dialogue.i18n import label as code_word

    frame = assessments.known(con, known_at, assessments.quarters_between(first, as_of), approved_only=True)
    statuses = {s.target: s for s in scorecard.statuses}
    return [{"target": r["target_id"], "wording": statuses[r["target_id"]].wording if r["target_id"] in statuses
             else r["target_id"], "status": statuses[r["target_id"]].status if r["target_id"] in statuses else "no_data",
             "quarter": r["quarter"], "confidence": code_word("confidence", r["confidence"], lang),
             "narrative": r["narrative"], "next_steps": r["next_steps"] if pd.notna(r["next_steps"]) else "",
             "approved_by": r["approved_by"]} for r in frame.to_dict("records")]


def delivery_sections(con, as_of: date, known_at: datetime, since: date, lang: str) -> dict:
    """Commitments made on or after `since` (the last annual meeting) and overdue actions by owner, in words."""
    from dialogue.delivery_state import delivery_state, overdue_by_owner
    from dialogue.i18n import label as code_word

    state = delivery_state(con, as_of, known_at)
    c = state.commitments
    c = c[pd.to_datetime(c["made_at"]).dt.date >= since]
    commitments = [{"made_at": _day(r["made_at"]), "meeting": r["meeting"], "text": r["text"],
                    "owner": r["owner"] if pd.notna(r["owner"]) else "", "due": _day(r["due_date"]),
                    "state": code_word("cstate", r["state"], lang), "overdue": bool(r["overdue"]),
                    "source": r["source"] if pd.notna(r["source"]) else ""} for r in c.to_dict("records")]
    overdue = [{"owner": r["owner"], "action_id": r["action_id"], "title": r["title"], "due": _day(r["due_date"]),
                "state": code_word("astate", r["state"], lang), "group_id": r["group_id"]}
               for r in overdue_by_owner(state).to_dict("records")]
    return {"commitments": commitments, "overdue_actions": overdue}


def section_charts(con, area, scorecard, as_of, known_at, lang, on_charts=None) -> tuple[list[Chart], str | None]:
    """The pages' charts for one framework area, and why they are missing when building them failed; `on_charts`, if
    given, is called with each chart (a list of one) as soon as it is built."""
    return _charts(figures.area_charts(area, con, as_of, known_at, lang, scorecard), on_charts)


def _charts(pairs, on_charts=None) -> tuple[list[Chart], str | None]:
    """The Chart of each (title, chart) pair, each handed to `on_charts` as it comes; none and why when one failed."""
    made = []
    try:
        for title, chart in pairs:
            made.append(Chart(title, chart))
            if on_charts is not None:
                on_charts(made[-1:])
    except figures.ChartFailed as exc:
        return [], str(exc)
    return made, None


def area_section(area, scorecard, evidence, lang, charts: tuple[list[Chart], str | None]) -> AreaSection:
    """One framework area: its targets, the pages' charts for it (section_charts) and its dated evidence."""
    charts, error = charts
    return AreaSection(
        area=area, title=labels.area_title(area, lang),
        statuses=[s for s in scorecard.statuses if s.area == area],
        charts=charts, evidence=[e for e in evidence if e["area"] == area], chart_error=error,
    )


def region_section(con, as_of, known_at, lang, on_charts=None) -> RegionSection:
    """The Trade page's "Serbia in the region" (same view, same two charts), in the series of the targets;
    `on_charts` as in section_charts."""
    from dialogue import views
    from dialogue.i18n import label as word, t

    v = views.region(con, as_of, known_at, lang)
    notes = [n for n in (v.missing_note, v.one_flow_note) if v.selected and n]   # the partial year: in the growth chart's title
    charts, error = _charts(figures.region_charts(v, lang), on_charts)
    ranks = [{"period": p, "rank": r, "growth": g} for p, r, g in v.ranks.itertuples(index=False)]
    rows = [{"partner": r["partner"], "partner_name": word("partner", r["partner"], lang), "year": int(r["year"]),
             "months": int(r["months"]), "turnover": r["turnover"],
             "growth": None if pd.isna(r["growth"]) else float(r["growth"]),
             "rank": None if pd.isna(r["rank"]) else int(r["rank"])} for r in v.rows.to_dict("records")]
    return RegionSection(t("region_title", lang), v.selected, charts, ranks, rows, notes, error)


def known_datasets(con, known_at: datetime) -> dict[str, pd.DataFrame]:
    """Each dataset's rows as known at the moment, canonical columns, in a stable order."""
    from dialogue.store import current_rows

    return {name: current_rows(con, name, known_at).reset_index(drop=True) for name in DATASETS}


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def dated_evidence(data: dict[str, pd.DataFrame], as_of: date) -> list[dict]:
    """Agreements, events and exercises dated up to as_of, newest first, with the area each belongs to."""
    rows = []
    for name, column in DATE_COLUMNS.items():
        for row in data[name].to_dict("records"):
            day = _day(row[column])
            if day is None or day > as_of:
                continue
            area = "security" if name == "exercises" else (row.get("area") or None)
            rows.append({
                "date": day, "dataset": name, "title": str(row[TITLE_COLUMNS[name]]),
                "target_id": row.get("target_id") if pd.notna(row.get("target_id")) else None,
                "area": area, "source": row["source"] if pd.notna(row["source"]) else "",
                "status": row.get("status") if name != "events" else row.get("kind"),
            })
    rows.sort(key=lambda r: (r["date"], r["dataset"], r["title"]), reverse=True)
    return rows


def cadence_targets(scorecard) -> list:
    """Road-map steps measured by cadence (public reports, quarterly/annual reports, meetings)."""
    return [s for s in scorecard.statuses if s.area == PROCESS_AREA and s.kind == "annual_count"]


def notes_by_target(con, known_at: datetime) -> dict[str, list[dict]]:
    from dialogue.notes import list_notes

    out: dict[str, list[dict]] = {}
    for note in list_notes(con, known_at=known_at):
        out.setdefault(note["target_id"], []).append(note)
    return out


def source_annex(data: dict[str, pd.DataFrame]) -> list[dict]:
    """Each distinct source with the number of rows citing it, per dataset."""
    counts: dict[tuple[str, str], int] = {}
    for name, frame in data.items():
        for cell in frame["source"].dropna():
            for source in str(cell).split(" ; "):
                source = source.strip()
                if source:
                    counts[(name, source)] = counts.get((name, source), 0) + 1
    return [{"dataset": d, "source": s, "rows": n} for (d, s), n in sorted(counts.items())]


def publishable_copy(con):
    """An in-memory copy of the store holding only rows marked publishable (and no notes), with the target versions."""
    mem = db.connect(":memory:")
    for key, value in con.execute("select key, value from meta").fetchall():
        db.set_meta(mem, key, value)
    upload_rows = con.sql("select * from uploads").to_arrow_table()  # noqa: F841 - read by the next statement
    mem.execute("insert into uploads select * from upload_rows")
    version_rows = con.sql("select * from target_versions").to_arrow_table()  # noqa: F841 - the targets as known then
    mem.execute("insert into target_versions select * from version_rows")
    for table in db.DATASET_TABLES:
        kept_rows = con.sql(f"select * from {table} where publishable").to_arrow_table()  # noqa: S608, F841 - constant table names
        mem.execute(f"insert into {table} select * from kept_rows")  # noqa: S608 - constant table names
    return mem
