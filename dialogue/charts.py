"""Pure Altair builders (DataFrame in, chart out): the pages and the briefings draw the same charts.

Every chart has tooltips, titled axes with units, and the target drawn as its own layer (a rule, a
dashed path or a tick). Axis titles and number formats follow the language. Each builder documents
the columns it expects; dialogue/views/ produces them.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from dialogue.i18n import fmt_date, fmt_number, fmt_percent, t, vega_locale

TARGET_COLOR = "#b03a2e"
PACE_COLOR = "#7f7f7f"
HEIGHT = 300

_SR_TIME = {
    "dateTime": "%A, %e. %B %Y. %X", "date": "%d. %m. %Y.", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["nedelja", "ponedeljak", "utorak", "sreda", "četvrtak", "petak", "subota"],
    "shortDays": ["ned", "pon", "uto", "sre", "čet", "pet", "sub"],
    "months": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar",
               "oktobar", "novembar", "decembar"],
    "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec"],
}


def _time_locale(lang: str) -> dict | None:
    if lang == "en":
        return None
    if lang == "sr-Latn":
        return _SR_TIME
    from dialogue.i18n import cyrillic

    return {k: ([cyrillic(x) for x in v] if isinstance(v, list) else v) for k, v in _SR_TIME.items()}


def date_format(lang: str) -> str:
    """d3 time format for a full date in this language."""
    return "%-d %b %Y" if lang == "en" else "%-d. %-m. %Y."


def finish(chart: alt.TopLevelMixin, lang: str, height=HEIGHT) -> alt.TopLevelMixin:
    """Size the chart and give it the language's number and date locale (top level only)."""
    locale = {"number": vega_locale(lang)}
    time = _time_locale(lang)
    if time:
        locale["time"] = time
    return chart.properties(height=height).configure(locale=locale).configure_legend(orient="bottom")


def _one_row(label: str = "") -> pd.DataFrame:
    """A single-row data source for marks placed by datum (rules, labels), so each draws once."""
    return pd.DataFrame({"label": [label]})


def _target_rule(value: float, label: str) -> alt.LayerChart:
    """A horizontal target line at `value` with its label at the right edge."""
    base = alt.Chart(_one_row(label))
    rule = base.mark_rule(color=TARGET_COLOR, strokeWidth=2, strokeDash=[6, 3]).encode(
        y=alt.Y(datum=value), tooltip=alt.Tooltip("label:N", title=label.split(" ")[0]),
    )
    text = base.mark_text(align="right", baseline="bottom", dy=-3, color=TARGET_COLOR,
                          fontWeight="bold").encode(y=alt.Y(datum=value), x=alt.value("width"), text="label:N")
    return alt.layer(rule, text)


def _today_rule(as_of, label: str) -> alt.Chart:
    """A vertical dashed line at the as-of date."""
    return alt.Chart(_one_row(label)).mark_rule(color=TARGET_COLOR, strokeDash=[4, 3]).encode(
        x=alt.X(datum=alt.DateTime(year=as_of.year, month=as_of.month, date=as_of.day)),
        tooltip=alt.Tooltip("label:N", title=label),
    ).properties(name="today")


def trade_turnover(df: pd.DataFrame, rate: float, base_year: int | None, unit: str,
                   lang: str = "en", partial_year: int | None = None) -> alt.TopLevelMixin:
    """Annual turnover bars with the +rate-a-year target path (dashed) from the base year.

    df: year (int), value (float, in `unit`), target (float or NA: the path value for that year).
    partial_year: a year without a full-year figure yet; its axis label says it is in progress.
    """
    df = df.assign(year=df["year"].astype(int))
    axis = alt.Axis(labelAngle=0)
    if partial_year is not None:
        note = t("axis_in_progress", lang)
        axis = alt.Axis(labelAngle=0, labelExpr=f"toNumber(datum.value) == {int(partial_year)} ? "
                                                f"[datum.label, '{note}'] : datum.label")
    x = alt.X("year:O", title=t("axis_year", lang), axis=axis)
    y_title = t("axis_turnover", lang, unit=unit)
    bars = alt.Chart(df).mark_bar(color="#4c78a8").encode(
        x=x,
        y=alt.Y("value:Q", title=y_title),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("value:Q", title=t("legend_actual", lang), format=",.1f"),
                 alt.Tooltip("target:Q", title=t("legend_target", lang), format=",.1f")],
    )
    path = df.dropna(subset=["target"])
    label = t("legend_target_path", lang, rate=fmt_percent(rate, lang, 0))
    target = alt.Chart(path).mark_line(
        color=TARGET_COLOR, strokeDash=[6, 4], point=alt.OverlayMarkDef(color=TARGET_COLOR)
    ).encode(
        x=x, y=alt.Y("target:Q", title=y_title),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("target:Q", title=label, format=",.1f")],
    ).properties(name="target")
    return finish(alt.layer(bars, target), lang)


def trade_growth(df: pd.DataFrame, rate: float, lang: str = "en") -> alt.TopLevelMixin:
    """Year-on-year growth bars against the rate as a rule; years under the line get a ▼ in their axis label
    (and a legend entry with the same ▼), so the mark never sits on the rule or on a negative bar.

    df: year (int), growth (fraction, 0.1 = 10%).
    """
    below_word, met_word = f"▼ {t('legend_below', lang)}", t("legend_met", lang)
    df = df.assign(
        year=df["year"].astype(int),
        result=[below_word if g < rate else met_word for g in df["growth"]],
        marker=[t("marker_below", lang) if g < rate else "" for g in df["growth"]],
    )
    below_years = [int(y) for y, g in zip(df["year"], df["growth"]) if g < rate]
    label_expr = f"indexof({below_years}, toNumber(datum.value)) >= 0 ? datum.label + ' ▼' : datum.label"
    x = alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0, labelExpr=label_expr))
    bars = alt.Chart(df).mark_bar().encode(
        x=x,
        y=alt.Y("growth:Q", title=t("axis_growth", lang), axis=alt.Axis(format="%")),
        color=alt.Color("result:N", title=None,
                        scale=alt.Scale(domain=[met_word, below_word], range=["#4c78a8", "#e45756"])),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("growth:Q", title=t("axis_growth", lang), format=".1%"),
                 alt.Tooltip("result:N", title=t("col_status", lang))],
    )
    target = _target_rule(rate, f"{t('legend_target', lang)} {fmt_percent(rate, lang, 0)}").properties(name="target")
    return finish(alt.layer(bars, target), lang)


def trade_ytd(df: pd.DataFrame, unit: str, lang: str = "en") -> alt.TopLevelMixin:
    """This year to date against the same months last year, with the target as a tick on this year.

    df: period (label), value (float, in `unit`), target (float or NA; set on this year's row).
    """
    x = alt.X("period:N", title=t("axis_period", lang), sort=None, axis=alt.Axis(labelAngle=0))
    y_title = t("axis_value", lang, unit=unit)
    bars = alt.Chart(df).mark_bar(color="#4c78a8", size=60).encode(
        x=x, y=alt.Y("value:Q", title=y_title),
        tooltip=[alt.Tooltip("period:N", title=t("axis_period", lang)),
                 alt.Tooltip("value:Q", title=t("legend_actual", lang), format=",.1f"),
                 alt.Tooltip("target:Q", title=t("legend_target", lang), format=",.1f")],
    )
    target = alt.Chart(df.dropna(subset=["target"])).mark_tick(
        color=TARGET_COLOR, thickness=3, size=80
    ).encode(
        x=x, y=alt.Y("target:Q", title=y_title),
        tooltip=[alt.Tooltip("target:Q", title=t("legend_target", lang), format=",.1f")],
    ).properties(name="target")
    return finish(alt.layer(bars, target), lang)


def trade_flows(df: pd.DataFrame, unit: str, lang: str = "en") -> alt.TopLevelMixin:
    """Exports and imports as bars side by side, the balance as a line, with a zero rule.

    df: year (int), flow (label), kind ("bar" for exports/imports, "line" for balance), value.
    """
    df = df.assign(year=df["year"].astype(int))
    x = alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=t("axis_value", lang, unit=unit))
    tooltip = [alt.Tooltip("year:O", title=t("axis_year", lang)),
               alt.Tooltip("flow:N", title=t("axis_flow", lang)),
               alt.Tooltip("value:Q", title=t("col_value", lang), format=",.1f")]
    color = alt.Color("flow:N", title=t("axis_flow", lang))
    bars = alt.Chart(df[df["kind"] == "bar"]).mark_bar().encode(
        x=x, xOffset="flow:N", y=y, color=color, tooltip=tooltip)
    line = alt.Chart(df[df["kind"] == "line"]).mark_line(point=True, color="#333333").encode(
        x=x, y=y, color=color, tooltip=tooltip)
    zero = alt.Chart(_one_row()).mark_rule(color="#999999").encode(y=alt.Y(datum=0))
    return finish(alt.layer(bars, line, zero), lang)


def mirror(df: pd.DataFrame, gaps: pd.DataFrame, unit: str, lang: str = "en") -> alt.TopLevelMixin:
    """The same flow as each reporter states it, side by side per year, with the gap written above.

    df: year (int), reporter (label; the US reporter first), value. gaps: year (int), top (bar height),
    gap (float) and optionally reporter (the Serbian reporter the gap is taken against): with several
    such reporters each gap stands over its own bar, else over the year.
    """
    df = df.assign(year=df["year"].astype(int))
    gaps = gaps.assign(year=gaps["year"].astype(int),
                       label=[f"{t('mirror_gap', lang)} {fmt_number(g, lang, 1)}" for g in gaps["gap"]])
    order = list(dict.fromkeys(df["reporter"]))
    x = alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("reporter:N", sort=order, scale=alt.Scale(domain=order))
    # headroom over the tallest bar so its gap label is not cut at the top edge
    top = float(df["value"].max()) if len(df) else 0.0
    y = alt.Y("value:Q", title=t("axis_value", lang, unit=unit),
              scale=alt.Scale(domainMax=top * 1.12) if top > 0 else alt.Undefined)
    bars = alt.Chart(df).mark_bar().encode(
        x=x, xOffset=offset, y=y,
        color=alt.Color("reporter:N", title=t("axis_reporter", lang), sort=order,
                        legend=alt.Legend(labelLimit=400, columns=1)),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("reporter:N", title=t("axis_reporter", lang)),
                 alt.Tooltip("value:Q", title=t("col_value", lang), format=",.1f")],
    )
    per_bar = "reporter" in gaps.columns and gaps["reporter"].nunique() > 1
    text_enc = {"x": x, "y": alt.Y("top:Q"), "text": "label:N",
                "tooltip": [alt.Tooltip("gap:Q", title=t("axis_gap", lang, unit=unit), format=",.1f")]}
    if per_bar:
        text_enc["xOffset"] = offset
    text = alt.Chart(gaps).mark_text(dy=-8, fontWeight="bold").encode(**text_enc)
    return finish(alt.layer(bars, text), lang)


def products(df: pd.DataFrame, unit: str, lang: str = "en") -> alt.TopLevelMixin:
    """Trade by product, largest first. df: product, value."""
    chart = alt.Chart(df).mark_bar(color="#4c78a8").encode(
        y=alt.Y("product:N", title=t("axis_product", lang), sort="-x", axis=alt.Axis(labelLimit=320)),
        x=alt.X("value:Q", title=t("axis_value", lang, unit=unit)),
        tooltip=[alt.Tooltip("product:N", title=t("axis_product", lang)),
                 alt.Tooltip("value:Q", title=t("col_value", lang), format=",.1f")],
    )
    return finish(chart, lang, height=alt.Step(24))


def exercises_per_year(df: pd.DataFrame, required: float, lang: str = "en") -> alt.TopLevelMixin:
    """Exercises per year, held and planned stacked, against the required count as a rule.

    df: year (int), status (label), count (int), order (int: 0 held, 1 planned).
    """
    df = df.assign(year=df["year"].astype(int))
    domain = list(dict.fromkeys(df.sort_values("order")["status"]))
    bars = alt.Chart(df).mark_bar().encode(
        x=alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(count):Q", title=t("axis_exercises", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("status:N", title=t("col_status", lang),
                        scale=alt.Scale(domain=domain, range=["#4c78a8", "#9ecae9", "#bbbbbb"][:len(domain)])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("status:N", title=t("col_status", lang)),
                 alt.Tooltip("count:Q", title=t("col_count", lang))],
    )
    target = _target_rule(required, f"{t('legend_target', lang)} ≥ {required:g}").properties(name="target")
    return finish(alt.layer(bars, target), lang)


def exercise_timeline(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Exercises as bars from start to end, coloured by format (named in the legend and tooltip).

    df: name, start (date), end (date), format (label), status (label), location, source.
    """
    df = df.assign(start=pd.to_datetime(df["start"]), end=pd.to_datetime(df["end"]))
    fmt = date_format(lang)
    bars = alt.Chart(df).mark_bar(height=10, cornerRadius=2).encode(
        x=alt.X("start:T", title=t("axis_date", lang), axis=alt.Axis(format="%Y")),
        x2="end:T",
        y=alt.Y("name:N", title=t("axis_exercise", lang), sort=alt.EncodingSortField("start"),
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        color=alt.Color("format:N", title=t("axis_format", lang)),
        opacity=alt.condition(alt.datum.status == t("status_planned", lang), alt.value(0.45), alt.value(1.0)),
        tooltip=[alt.Tooltip("name:N", title=t("axis_exercise", lang)),
                 alt.Tooltip("start:T", title=t("col_start", lang), format=fmt),
                 alt.Tooltip("end:T", title=t("col_end", lang), format=fmt),
                 alt.Tooltip("format:N", title=t("axis_format", lang)),
                 alt.Tooltip("status:N", title=t("col_status", lang)),
                 alt.Tooltip("location:N", title=t("col_location", lang)),
                 alt.Tooltip("source:N", title=t("source", lang))],
    )
    starts = alt.Chart(df).mark_point(filled=True, size=36).encode(
        x="start:T", y=alt.Y("name:N", sort=alt.EncodingSortField("start")),
        color=alt.Color("format:N", title=t("axis_format", lang)), tooltip=bars.encoding.tooltip,
    )
    today = _today_rule(as_of, f"{t('legend_today', lang)} {fmt_date(as_of, lang)}")
    return finish(alt.layer(bars, starts, today), lang, height=alt.Step(20))


def defence_agreements(df: pd.DataFrame, pace: pd.DataFrame, required: float,
                       lang: str = "en") -> alt.TopLevelMixin:
    """Cumulative agreements as a step line, the expected pace as a dashed line, the required count as a rule.

    df: date, cumulative (int), title. pace: date, expected (float) from (start, 0) to (window end, N).
    """
    df = df.assign(date=pd.to_datetime(df["date"]))
    pace = pace.assign(date=pd.to_datetime(pace["date"]))
    fmt = date_format(lang)
    x = alt.X("date:T", title=t("axis_date", lang), axis=alt.Axis(format="%b %Y" if lang == "en" else "%-m. %Y."))
    y_title = t("axis_agreements", lang)
    steps = alt.Chart(df).mark_line(interpolate="step-after", point=True, color="#4c78a8").encode(
        x=x, y=alt.Y("cumulative:Q", title=y_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("date:T", title=t("col_date", lang), format=fmt),
                 alt.Tooltip("cumulative:Q", title=y_title),
                 alt.Tooltip("title:N", title=t("col_title", lang))],
    )
    expected = alt.Chart(pace).mark_line(color=PACE_COLOR, strokeDash=[2, 3]).encode(
        x=x, y=alt.Y("expected:Q", title=y_title),
        tooltip=[alt.Tooltip("date:T", title=t("col_date", lang), format=fmt),
                 alt.Tooltip("expected:Q", title=t("legend_expected_pace", lang), format=".1f")],
    ).properties(name="pace")
    target = _target_rule(required, f"{t('legend_target', lang)} {required:g}").properties(name="target")
    return finish(alt.layer(steps, expected, target), lang)


def diplomat_training(df: pd.DataFrame, required: float, lang: str = "en") -> alt.TopLevelMixin:
    """Diplomats trained per year against the required number. df: year (int), count."""
    df = df.assign(year=df["year"].astype(int))
    bars = alt.Chart(df).mark_bar(color="#4c78a8").encode(
        x=alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=t("axis_diplomats", lang), axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("year:O", title=t("axis_year", lang)),
                 alt.Tooltip("count:Q", title=t("axis_diplomats", lang))],
    )
    target = _target_rule(required, f"{t('legend_target', lang)} ≥ {required:g}").properties(name="target")
    return finish(alt.layer(bars, target), lang)


def roadmap_gantt(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Road-map steps: planned date (diamond), a bar to the achieved date or (if not yet) to today.

    df: step (label, in order), planned (date), end (date), state (label), days_late (int or NA).
    """
    df = df.assign(planned=pd.to_datetime(df["planned"]), end=pd.to_datetime(df["end"]),
                   name=[str(s).replace("|", " ") for s in df["step"]])
    fmt = date_format(lang)
    # Long step names wrap onto two or three lines (split at "|" by views.wrap) instead of being cut.
    y = alt.Y("step:N", title=None, sort=list(df["step"]),
              axis=alt.Axis(labelLimit=320, labelOverlap=False, labelExpr="split(datum.label, '|')"))
    tooltip = [alt.Tooltip("name:N", title=t("axis_step", lang)),
               alt.Tooltip("planned:T", title=t("col_planned", lang), format=fmt),
               alt.Tooltip("end:T", title=t("col_achieved", lang), format=fmt),
               alt.Tooltip("state:N", title=t("col_status", lang)),
               alt.Tooltip("days_late:Q", title=t("col_days_late", lang))]
    near = max([as_of, *[d.date() for d in df["end"]]])
    lo = min(d.date() for d in df["planned"]) - pd.Timedelta(days=60)
    hi = max(near, *[d.date() for d in df["planned"] if d.date() <= near + pd.Timedelta(days=365)]) \
        + pd.Timedelta(days=120)
    scale = alt.Scale(domain=[lo.isoformat(), hi.isoformat()], clamp=True)
    bars = alt.Chart(df).mark_bar(height=12, opacity=0.8).encode(
        x=alt.X("planned:T", title=t("axis_date", lang), scale=scale, axis=alt.Axis(format="%b %Y" if lang == "en" else "%-m. %Y.")),
        x2="end:T", y=y,
        color=alt.Color("state:N", title=t("col_status", lang), legend=alt.Legend(labelLimit=500)), tooltip=tooltip,
    )
    planned = alt.Chart(df).mark_point(shape="diamond", size=120, filled=True, color="#333333").encode(
        x="planned:T", y=y, tooltip=tooltip,
    ).properties(name="target")
    today = _today_rule(as_of, f"{t('legend_today', lang)} {fmt_date(as_of, lang)}")
    return finish(alt.layer(bars, planned, today), lang, height=alt.Step(40))


def cadence(df: pd.DataFrame, lang: str = "en") -> alt.TopLevelMixin:
    """Ongoing steps per year (count) against each step's required count, drawn as a thick line across
    the step's own bar slot (a zero-height bar with the same x and xOffset, so it sits exactly on its bar).

    df: year (int), step (label), count (int), required (float).
    """
    df = df.assign(year=df["year"].astype(int))
    x = alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("step:N")
    tooltip = [alt.Tooltip("year:O", title=t("axis_year", lang)),
               alt.Tooltip("step:N", title=t("axis_step", lang)),
               alt.Tooltip("count:Q", title=t("col_count", lang)),
               alt.Tooltip("required:Q", title=t("legend_required", lang))]
    bars = alt.Chart(df).mark_bar().encode(
        x=x, xOffset=offset,
        y=alt.Y("count:Q", title=t("axis_events", lang), axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("step:N", title=t("axis_step", lang), legend=alt.Legend(labelLimit=400)), tooltip=tooltip,
    )
    target = alt.Chart(df).mark_bar(stroke=TARGET_COLOR, strokeWidth=3, fill=TARGET_COLOR).encode(
        x=x, xOffset=offset, y=alt.Y("required:Q"), y2=alt.Y2("required:Q"), tooltip=tooltip,
    ).properties(name="target")
    return finish(alt.layer(bars, target), lang)


# Action states (dialogue.datasets.ACTION_STATES) and their colours: colours belong to the codes, the legend
# shows each code's word in the reader's language.
ACTION_STATE_COLORS = {"planned": "#9ecae9", "in_progress": "#4c78a8", "done": "#54a24b", "delayed": "#e45756",
                       "dropped": "#bbbbbb"}


def action_timeline(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Actions as bars from start to due date (a diamond at the due date), coloured by state; overdue ones marked.

    df: action (label), start (date; the due date when unknown), due (date), state (code), state_label,
    owner, flags (words, "" when none), overdue (bool).
    """
    import json

    df = df.assign(start=pd.to_datetime(df["start"]), due=pd.to_datetime(df["due"]))
    fmt = date_format(lang)
    codes = list(ACTION_STATE_COLORS)
    words = {code: t(f"astate_{code}", lang) for code in codes}
    legend = alt.Legend(labelExpr=f"{json.dumps(words, ensure_ascii=False)}[datum.label]")
    y = alt.Y("action:N", title=t("axis_action", lang), sort=alt.EncodingSortField("due"),
              axis=alt.Axis(labelLimit=260, labelOverlap=False))
    tooltip = [alt.Tooltip("action:N", title=t("axis_action", lang)),
               alt.Tooltip("start:T", title=t("col_start", lang), format=fmt),
               alt.Tooltip("due:T", title=t("col_due", lang), format=fmt),
               alt.Tooltip("state_label:N", title=t("col_state", lang)),
               alt.Tooltip("owner:N", title=t("col_owner", lang)),
               alt.Tooltip("flags:N", title=t("col_flags", lang))]
    bars = alt.Chart(df).mark_bar(height=10, cornerRadius=2).encode(
        x=alt.X("start:T", title=t("axis_date", lang), axis=alt.Axis(format="%b %Y" if lang == "en" else "%-m. %Y.")),
        x2="due:T", y=y,
        color=alt.Color("state:N", title=t("col_state", lang), legend=legend,
                        scale=alt.Scale(domain=codes, range=list(ACTION_STATE_COLORS.values()))),
        tooltip=tooltip,
    )
    due = alt.Chart(df).mark_point(shape="diamond", size=80, filled=True).encode(
        x="due:T", y=y, tooltip=tooltip,
        color=alt.condition(alt.datum.overdue, alt.value(TARGET_COLOR), alt.value("#333333")),
    ).properties(name="due")
    late = alt.Chart(df[df["overdue"]]).mark_text(align="left", dx=8, color=TARGET_COLOR, fontWeight="bold").encode(
        x="due:T", y=y, text="flags:N", tooltip=tooltip,
    )
    today = _today_rule(as_of, f"{t('legend_today', lang)} {fmt_date(as_of, lang)}")
    return finish(alt.layer(bars, due, late, today), lang, height=alt.Step(22))
