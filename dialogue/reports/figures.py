"""Which of the pages' charts each report section shows: the same views and builders as the pages."""
from __future__ import annotations

import logging

from dialogue import charts, views
from dialogue.i18n import fmt_percent, t

log = logging.getLogger(__name__)


class ChartFailed(RuntimeError):
    """A section's charts could not be built; the report says so instead of failing entirely."""


def area_charts(area, con, as_of, known_at, lang, card=None):
    """(title, Altair chart) pairs for one framework area, each yielded as soon as it is built (a briefing hands it to
    the chart worker then); none when the area has no chart or no data.

    `card` is the report's scorecard for the same moment, so the pages' views need not compute it again.

    Raises ChartFailed (with the cause) when the page's view or builder breaks on this data.
    """
    build = _BUILDERS.get(area)
    if build is None:
        return
    try:
        yield from build(con, as_of, known_at, lang, card)
    except Exception as exc:  # a broken chart must not cost the whole briefing
        log.exception("charts of area %s failed", area)
        raise ChartFailed(f"{type(exc).__name__}: {exc}") from exc


def _titled(title: str, note: str) -> str:
    """A chart's title with the page's caption about its partial year, if any (reports have no captions)."""
    return f"{title}. {note}" if note else title


def _economic(con, as_of, known_at, lang, card=None):
    v = views.trade(con, as_of, known_at, lang, card=card)
    if not v.turnover.dropna(subset=["value"]).empty:
        yield (_titled(t("trade_turnover_title", lang, rate=fmt_percent(v.rate, lang, 0), base=v.base_year),
                       v.turnover_note),
               charts.trade_turnover(v.turnover, v.rate, v.base_year, v.unit, lang))
    if not v.growth.empty:
        yield (_titled(t("trade_growth_title", lang, rate=fmt_percent(v.rate, lang, 0)), v.growth_note),
               charts.trade_growth(v.growth, v.rate, lang))
    if not v.ytd.empty and v.ytd_year:
        yield t("trade_ytd_title", lang, year=v.ytd_year, prev=v.ytd_year - 1), charts.trade_ytd(v.ytd, v.unit, lang)
    if not v.flows.empty:
        yield _titled(t("trade_flows_title", lang), v.flows_note), charts.trade_flows(v.flows, v.unit, lang)
    if not v.mirror.empty:
        yield t("trade_mirror_title", lang), charts.mirror(v.mirror, v.mirror_gaps, v.unit, lang)


def _security(con, as_of, known_at, lang, card=None):
    v = views.security(con, as_of, known_at, lang, card=card)
    if not v.per_year.empty:
        yield (_titled(t("sec_exercises_title", lang, n=f"{v.required:g}"), v.per_year_note),
               charts.exercises_per_year(v.per_year, v.required, lang))
    if not v.timeline.empty:
        yield t("sec_timeline_title", lang), charts.exercise_timeline(v.timeline, as_of, lang)
    yield (t("sec_agreements_title", lang, n=f"{v.agreements_required:g}", years=v.window_years),
           charts.defence_agreements(v.agreements, v.pace, v.agreements_required, lang))


def _political(con, as_of, known_at, lang, card=None):
    v = views.political(con, as_of, known_at, lang, card=card)
    if not v.training.empty:
        yield (_titled(t("pol_training_title", lang, n=f"{v.training_required:g}"), v.training_note),
               charts.diplomat_training(v.training, v.training_required, lang))


def _process(con, as_of, known_at, lang, card=None):
    v = views.roadmap(con, as_of, known_at, lang, card=card)
    if not v.steps.empty:
        yield t("rm_gantt_title", lang), charts.roadmap_gantt(v.steps, as_of, lang)
    if not v.cadence.empty:
        yield _titled(t("rm_cadence_title", lang), v.cadence_note), charts.cadence(v.cadence, lang)


_BUILDERS = {"economic": _economic, "security": _security, "political": _political, "process": _process}


def region_charts(v, lang):
    """The Trade page's two "Serbia in the region" charts (index, growth) of a views.region view, each yielded as soon
    as it is built; none without data.

    Raises ChartFailed (with the cause) when a builder breaks on this data.
    """
    try:
        yield from _region(v, lang)
    except Exception as exc:  # a broken chart must not cost the whole briefing
        log.exception("charts of the region failed")
        raise ChartFailed(f"{type(exc).__name__}: {exc}") from exc


def _region(v, lang):
    if not v.index.empty:
        yield t("region_index_title", lang, base=v.base_year), charts.region_index(v.index, v.base_year, lang)
    if not v.growth.empty:
        yield (_titled(t("region_growth_title", lang, rate=fmt_percent(v.rate, lang, 0)), v.partial_note),
               charts.region_growth(v.growth, v.rate, lang))
