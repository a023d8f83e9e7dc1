"""Pure Altair builders (DataFrame in, chart out): the pages and the briefings draw the same charts.

Every chart has tooltips, titled axes with units, and the target drawn as its own layer (a rule, a
dashed path or a tick). Axis titles and number formats follow the language. Each builder documents
the columns it expects; dialogue/views/ produces them.
"""
from __future__ import annotations

import hashlib

import altair as alt
import pandas as pd

from dialogue import strict_json
from dialogue.i18n import fmt_date, fmt_number, fmt_percent, t, vega_locale

TARGET_COLOR = "#b03a2e"
PACE_COLOR = "#7f7f7f"
HEIGHT = 300
PARTIAL_OPACITY = 0.45     # a bar for part of a year (months so far, or counted to the as-of date)

# Colours belong to codes, never to translated labels: the same code has the same colour in every
# language and workspace (the legend shows each code's label through a label expression).
FLOW_COLOURS = {"exports": "#4c78a8", "imports": "#f58518", "balance": "#333333"}
GROWTH_COLOURS = {"met": "#4c78a8", "below": "#e45756"}
EXERCISE_STATUS_COLOURS = {"held": "#4c78a8", "planned": "#9ecae9", "cancelled": "#bbbbbb"}
FORMAT_COLOURS = {"bilateral": "#4c78a8", "multinational": "#f58518", "training": "#54a24b",
                  "cyber": "#b279a2", "police_training": "#72b7b2", "unspecified": "#9d755d"}
STEP_STATE_COLOURS = {"achieved": "#54a24b", "missed": "#d62728", "due": "#9e9e9e"}
REPORTER_COLOURS = {"US Census": "#4c78a8", "Serbia RZS": "#f58518", "UN Comtrade (USA)": "#72b7b2",
                    "UN Comtrade (Serbia)": "#ff9d98"}
# codes without a colour of their own (uploaded reporters, steps) take one of these by a stable rule
SPARE_COLOURS = ("#54a24b", "#b279a2", "#eeca3b", "#9d755d", "#bab0ac", "#1f77b4", "#ff7f0e", "#17becf",
                 "#8c564b", "#e377c2")

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


def _js(value) -> str:
    """A Python value as a Vega expression literal (JSON: strings quoted and escaped)."""
    return strict_json.dumps(value, ensure_ascii=False)


def coded_colour(field: str, colours: dict[str, str], labels: dict[str, str], title: str,
                 codes=None, **legend) -> alt.Color:
    """Colour keyed on a code field through an explicit scale (domain: codes, range: their colours);
    the legend shows each code's label. codes: the codes to list, in order (default: every code in `colours`)."""
    domain = list(codes) if codes is not None else list(colours)
    return alt.Color(f"{field}:N", title=title,
                     scale=alt.Scale(domain=domain, range=[colours[c] for c in domain]),
                     legend=alt.Legend(labelExpr=f"{_js({c: labels.get(c, c) for c in domain})}[datum.label] "
                                                 f"|| datum.label", **legend))


def labels_of(df: pd.DataFrame, code: str, label: str) -> dict[str, str]:
    """{code: label} as a frame pairs them."""
    return dict(zip(df[code], df[label]))


def present(colours: dict[str, str], df: pd.DataFrame, field: str) -> list[str]:
    """The codes of `colours` that occur in df[field], in the palette's order (unknown codes appended)."""
    seen = list(dict.fromkeys(df[field]))
    return [c for c in colours if c in seen] + [c for c in seen if c not in colours]


def spare_colours(codes, fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A colour for each code: its fixed one, else a spare chosen by a hash of the code (so the same code gets
    the same colour in every language and workspace), stepping on only when another code has it already."""
    out, fixed = {}, fixed or {}
    for code in codes:
        if code in fixed:
            out[code] = fixed[code]
    for code in codes:
        if code in out:
            continue
        start = int(hashlib.sha1(str(code).encode()).hexdigest(), 16) % len(SPARE_COLOURS)
        taken = set(out.values())
        pick = next((SPARE_COLOURS[(start + i) % len(SPARE_COLOURS)] for i in range(len(SPARE_COLOURS))
                     if SPARE_COLOURS[(start + i) % len(SPARE_COLOURS)] not in taken), SPARE_COLOURS[start])
        out[code] = pick
    return out


def year_axis(df: pd.DataFrame, lang: str, marked=()) -> alt.X:
    """The year axis; a partial year (its `period_note`, see dialogue.periods.mark_years) gets a second label line
    saying which part it covers, and the `marked` years a ▼ after the year."""
    notes = {int(y): n for y, n in zip(df["year"], df["period_note"])} if "period_note" in df.columns else {}
    special = {}
    for year in sorted({int(y) for y in df["year"]} & ({int(y) for y, n in notes.items() if n} | set(marked))):
        text = f"{year} ▼" if year in marked else str(year)
        special[str(year)] = [text, notes[year]] if notes.get(year) else text
    # never drop a label to avoid overlap: a dropped "2026 (Jan–Oct)" would leave the partial bar unexplained
    axis = alt.Axis(labelAngle=0, labelOverlap=False)
    if special:
        axis = alt.Axis(labelAngle=0, labelOverlap=False, labelExpr=f"{_js(special)}[datum.value] || datum.label")
    return alt.X("year:O", title=t("axis_year", lang), axis=axis)


def year_tooltip(df: pd.DataFrame, lang: str) -> alt.Tooltip:
    """The year, or the partial period ("2026 (Jan–Oct)") when the frame is marked."""
    field = "period:N" if "period" in df.columns else "year:O"
    return alt.Tooltip(field, title=t("axis_year", lang))


def partial_opacity() -> alt.OpacityValue:
    """Lighter marks for a partial year (a row with a non-empty `period_note`)."""
    return alt.condition("datum.period_note", alt.value(PARTIAL_OPACITY), alt.value(1.0))


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
                   lang: str = "en") -> alt.TopLevelMixin:
    """Annual turnover bars with the +rate-a-year target path (dashed) from the base year.

    df: year (int), value (float, in `unit`), target (float or NA: the path value for that year), and optionally
    period / period_note (dialogue.periods.mark_years): a year without a full-year figure says so on its axis label.
    """
    df = df.assign(year=df["year"].astype(int))
    x = year_axis(df, lang)
    y_title = t("axis_turnover", lang, unit=unit)
    bars = alt.Chart(df).mark_bar(color="#4c78a8").encode(
        x=x,
        y=alt.Y("value:Q", title=y_title),
        tooltip=[year_tooltip(df, lang),
                 alt.Tooltip("value:Q", title=t("legend_actual", lang), format=",.1f"),
                 alt.Tooltip("target:Q", title=t("legend_target", lang), format=",.1f")],
    )
    path = df.dropna(subset=["target"])
    label = t("legend_target_path", lang, rate=fmt_percent(rate, lang, 0))
    target = alt.Chart(path).mark_line(
        color=TARGET_COLOR, strokeDash=[6, 4], point=alt.OverlayMarkDef(color=TARGET_COLOR)
    ).encode(
        x=x, y=alt.Y("target:Q", title=y_title),
        tooltip=[year_tooltip(df, lang),
                 alt.Tooltip("target:Q", title=label, format=",.1f")],
    ).properties(name="target")
    return finish(alt.layer(bars, target), lang)


def trade_growth(df: pd.DataFrame, rate: float, lang: str = "en") -> alt.TopLevelMixin:
    """Year-on-year growth bars against the rate as a rule; years under the line get a ▼ in their axis label
    (and a legend entry with the same ▼), so the mark never sits on the rule or on a negative bar. A partial
    year (its months against the same months a year earlier) is lighter and its label names the months.

    df: year (int), growth (fraction, 0.1 = 10%), optionally period / period_note (dialogue.periods.mark_years).
    """
    below_word, met_word = f"▼ {t('legend_below', lang)}", t("legend_met", lang)
    df = df.assign(
        year=df["year"].astype(int),
        result_code=["below" if g < rate else "met" for g in df["growth"]],
        result=[below_word if g < rate else met_word for g in df["growth"]],
        marker=[t("marker_below", lang) if g < rate else "" for g in df["growth"]],
    )
    below_years = [int(y) for y, g in zip(df["year"], df["growth"]) if g < rate]
    x = year_axis(df, lang, marked=below_years)
    bars = alt.Chart(df).mark_bar().encode(
        x=x,
        y=alt.Y("growth:Q", title=t("axis_growth", lang), axis=alt.Axis(format="%")),
        color=coded_colour("result_code", GROWTH_COLOURS, {"met": met_word, "below": below_word}, None),
        opacity=partial_opacity(),
        tooltip=[year_tooltip(df, lang),
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
    """Exports and imports as bars side by side, the balance as a line, with a zero rule. A partial year's bars
    and balance point are lighter and its axis label names its months; the balance line joins full years only.

    df: year (int), flow (label), flow_code (exports / imports / balance), kind ("bar" or "line"), value;
    optionally period / period_note (dialogue.periods.mark_years).
    """
    df = df.assign(year=df["year"].astype(int))
    if "period_note" not in df.columns:
        df = df.assign(period=df["year"].astype(str), period_note="")
    x = year_axis(df, lang)
    y = alt.Y("value:Q", title=t("axis_value", lang, unit=unit))
    tooltip = [year_tooltip(df, lang),
               alt.Tooltip("flow:N", title=t("axis_flow", lang)),
               alt.Tooltip("value:Q", title=t("col_value", lang), format=",.1f")]
    color = coded_colour("flow_code", FLOW_COLOURS, labels_of(df, "flow_code", "flow"), t("axis_flow", lang),
                         codes=present(FLOW_COLOURS, df, "flow_code"))
    offset = alt.XOffset("flow_code:N", scale=alt.Scale(domain=["exports", "imports"]))
    bars = alt.Chart(df[df["kind"] == "bar"]).mark_bar().encode(
        x=x, xOffset=offset, y=y, color=color, opacity=partial_opacity(), tooltip=tooltip)
    balance = df[df["kind"] == "line"]
    line = alt.Chart(balance[balance["period_note"] == ""]).mark_line().encode(
        x=x, y=y, color=color, tooltip=tooltip)
    points = alt.Chart(balance).mark_point(filled=True, size=50).encode(
        x=x, y=y, color=color, opacity=partial_opacity(), tooltip=tooltip)
    zero = alt.Chart(_one_row()).mark_rule(color="#999999").encode(y=alt.Y(datum=0))
    return finish(alt.layer(bars, line, points, zero), lang)


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
    colours = spare_colours(order, REPORTER_COLOURS)     # a reporter's name is its code: never translated
    x = alt.X("year:O", title=t("axis_year", lang), axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("reporter:N", sort=order, scale=alt.Scale(domain=order))
    # headroom over the tallest bar so its gap label is not cut at the top edge
    top = float(df["value"].max()) if len(df) else 0.0
    y = alt.Y("value:Q", title=t("axis_value", lang, unit=unit),
              scale=alt.Scale(domainMax=top * 1.12) if top > 0 else alt.Undefined)
    bars = alt.Chart(df).mark_bar().encode(
        x=x, xOffset=offset, y=y,
        color=alt.Color("reporter:N", title=t("axis_reporter", lang), sort=order,
                        scale=alt.Scale(domain=order, range=[colours[r] for r in order]),
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
    """Exercises per year, held and planned stacked, against the required count as a rule; a year counted only
    to the as-of date is lighter and says so on its axis label.

    df: year (int), status (label), status_code (held / planned), count (int), order (int: 0 held, 1 planned),
    optionally period / period_note (dialogue.periods.mark_years).
    """
    df = df.assign(year=df["year"].astype(int))
    bars = alt.Chart(df).mark_bar().encode(
        x=year_axis(df, lang),
        y=alt.Y("sum(count):Q", title=t("axis_exercises", lang), axis=alt.Axis(tickMinStep=1)),
        color=coded_colour("status_code", EXERCISE_STATUS_COLOURS, labels_of(df, "status_code", "status"),
                           t("col_status", lang), codes=present(EXERCISE_STATUS_COLOURS, df, "status_code")),
        opacity=partial_opacity(),
        detail="period_note:N",          # kept through the sum, so the partial year's opacity can read it
        order=alt.Order("order:Q"),
        tooltip=[year_tooltip(df, lang),
                 alt.Tooltip("status:N", title=t("col_status", lang)),
                 alt.Tooltip("count:Q", title=t("col_count", lang))],
    )
    target = _target_rule(required, f"{t('legend_target', lang)} ≥ {required:g}").properties(name="target")
    return finish(alt.layer(bars, target), lang)


def exercise_timeline(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Exercises as bars from start to end, coloured by format code (named in the legend and tooltip).

    df: name, start (date), end (date), format (label), format_code, status (label), status_code, location, source.
    """
    df = df.assign(start=pd.to_datetime(df["start"]), end=pd.to_datetime(df["end"]))
    fmt = date_format(lang)
    colours = {**FORMAT_COLOURS, **spare_colours(list(dict.fromkeys(df["format_code"])), FORMAT_COLOURS)}
    colour = coded_colour("format_code", colours, labels_of(df, "format_code", "format"), t("axis_format", lang),
                          codes=present(colours, df, "format_code"))
    bars = alt.Chart(df).mark_bar(height=10, cornerRadius=2).encode(
        x=alt.X("start:T", title=t("axis_date", lang), axis=alt.Axis(format="%Y")),
        x2="end:T",
        y=alt.Y("name:N", title=t("axis_exercise", lang), sort=alt.EncodingSortField("start"),
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        color=colour,
        opacity=alt.condition(alt.datum.status_code == "planned", alt.value(0.45), alt.value(1.0)),
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
        color=colour, tooltip=bars.encoding.tooltip,
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
    """Diplomats trained per year against the required number; a year counted only to the as-of date is lighter.

    df: year (int), count, optionally period / period_note (dialogue.periods.mark_years).
    """
    df = df.assign(year=df["year"].astype(int))
    bars = alt.Chart(df).mark_bar(color="#4c78a8").encode(
        x=year_axis(df, lang),
        y=alt.Y("count:Q", title=t("axis_diplomats", lang), axis=alt.Axis(tickMinStep=1)),
        opacity=partial_opacity(),
        tooltip=[year_tooltip(df, lang),
                 alt.Tooltip("count:Q", title=t("axis_diplomats", lang))],
    )
    target = _target_rule(required, f"{t('legend_target', lang)} ≥ {required:g}").properties(name="target")
    return finish(alt.layer(bars, target), lang)


def roadmap_gantt(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Road-map steps: the deadline (diamond) and a bar coloured by the step's state: achieved (deadline to the
    achieved date), missed (deadline to the as-of date, red) or due (as-of date to the deadline, grey). The time
    axis always reaches the last deadline; the legend lists the three states in that order on every workspace.

    df: step (label, in order), planned (date: the deadline), end (date), state (label), state_code (achieved /
    missed / due), days_late (int), when (the tooltip's sentence: achieved on, missed by, or due by).
    """
    df = df.assign(planned=pd.to_datetime(df["planned"]), end=pd.to_datetime(df["end"]),
                   name=[str(s).replace("|", " ") for s in df["step"]])
    fmt = date_format(lang)
    # Long step names wrap onto two or three lines (split at "|" by views.wrap) instead of being cut.
    y = alt.Y("step:N", title=None, sort=list(df["step"]),
              axis=alt.Axis(labelLimit=320, labelOverlap=False, labelExpr="split(datum.label, '|')"))
    tooltip = [alt.Tooltip("name:N", title=t("axis_step", lang)),
               alt.Tooltip("state:N", title=t("col_status", lang)),
               alt.Tooltip("when:N", title=t("col_when", lang)),
               alt.Tooltip("planned:T", title=t("col_deadline", lang), format=fmt)]
    dates = [d.date() for d in [*df["planned"], *df["end"]]] + [as_of]
    lo, hi = min(dates) - pd.Timedelta(days=60), max(dates) + pd.Timedelta(days=120)
    scale = alt.Scale(domain=[lo.isoformat(), hi.isoformat()])
    labels = {"achieved": t("legend_achieved", lang), "missed": t("gantt_missed", lang), "due": t("gantt_due", lang)}
    bars = alt.Chart(df).mark_bar(height=12, opacity=0.8).encode(
        x=alt.X("planned:T", title=t("axis_date", lang), scale=scale,
                axis=alt.Axis(format="%b %Y" if lang == "en" else "%-m. %Y.")),
        x2="end:T", y=y,
        color=coded_colour("state_code", STEP_STATE_COLOURS, labels, t("col_status", lang), labelLimit=500),
        tooltip=tooltip,
    )
    planned = alt.Chart(df).mark_point(shape="diamond", size=120, filled=True, color="#333333").encode(
        x="planned:T", y=y, tooltip=tooltip,
    ).properties(name="target")
    today = _today_rule(as_of, f"{t('legend_today', lang)} {fmt_date(as_of, lang)}")
    return finish(alt.layer(bars, planned, today), lang, height=alt.Step(40))


def cadence(df: pd.DataFrame, lang: str = "en") -> alt.TopLevelMixin:
    """Ongoing steps per year (count) against each step's required count, drawn as a thick line across
    the step's own bar slot (a zero-height bar with the same x and xOffset, so it sits exactly on its bar).
    A year counted only to the as-of date is lighter and says so on its axis label.

    df: year (int), step (label), step_code (e.g. "roadmap-8:quarterly": the colour and the slot follow it),
    count (int), required (float), optionally period / period_note (dialogue.periods.mark_years).
    """
    df = df.assign(year=df["year"].astype(int))
    x = year_axis(df, lang)
    codes = sorted(set(df["step_code"]))
    offset = alt.XOffset("step_code:N", scale=alt.Scale(domain=codes))
    tooltip = [year_tooltip(df, lang),
               alt.Tooltip("step:N", title=t("axis_step", lang)),
               alt.Tooltip("count:Q", title=t("col_count", lang)),
               alt.Tooltip("required:Q", title=t("legend_required", lang))]
    colours = dict(zip(codes, (SPARE_COLOURS * (len(codes) // len(SPARE_COLOURS) + 1))[:len(codes)]))
    bars = alt.Chart(df).mark_bar().encode(
        x=x, xOffset=offset,
        y=alt.Y("count:Q", title=t("axis_events", lang), axis=alt.Axis(tickMinStep=1)),
        color=coded_colour("step_code", colours, labels_of(df, "step_code", "step"), t("axis_step", lang),
                           labelLimit=400, columns=2),     # two a line: long step names never run off the edge
        opacity=partial_opacity(), tooltip=tooltip,
    )
    target = alt.Chart(df).mark_bar(stroke=TARGET_COLOR, strokeWidth=3, fill=TARGET_COLOR).encode(
        x=x, xOffset=offset, y=alt.Y("required:Q"), y2=alt.Y2("required:Q"), tooltip=tooltip,
    ).properties(name="target")
    return finish(alt.layer(bars, target), lang, height=HEIGHT + 60)    # room for the legend's lines below


# Action states (dialogue.datasets.ACTION_STATES) and their colours: colours belong to the codes, the legend
# shows each code's word in the reader's language.
ACTION_STATE_COLORS = {"planned": "#9ecae9", "in_progress": "#4c78a8", "done": "#54a24b", "delayed": "#e45756",
                       "dropped": "#bbbbbb"}


def action_timeline(df: pd.DataFrame, as_of, lang: str = "en") -> alt.TopLevelMixin:
    """Actions as bars from start to due date (a diamond at the due date), coloured by state; overdue ones marked.

    df: action (label), start (date; the due date when unknown), due (date), state (code), state_label,
    owner, flags (words, "" when none), overdue (bool).
    """
    df = df.assign(start=pd.to_datetime(df["start"]), due=pd.to_datetime(df["due"]))
    fmt = date_format(lang)
    codes = list(ACTION_STATE_COLORS)
    words = {code: t(f"astate_{code}", lang) for code in codes}
    legend = alt.Legend(labelExpr=f"{_js(words)}[datum.label]")
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


# A status's colour, bound to its code (the icon drawn in each cell says it without colour too).
STATUS_COLOURS = {"achieved": "#2e7d32", "on_track": "#81c784", "at_risk": "#fbc02d", "off_track": "#e53935",
                  "missed": "#8e0000", "not_started": "#cfd8dc", "no_data": "#f5f5f5"}


def status_strip(df: pd.DataFrame, lang: str = "en") -> alt.TopLevelMixin:
    """Each target's status at every quarter end (columns: wording, quarter, status_code, status, icon, reason):
    one cell per quarter coloured by the status code, its icon in the cell, the quarter's reason in the tooltip."""
    base = alt.Chart(df)
    x = alt.X("quarter:O", title=t("col_quarter", lang), axis=alt.Axis(labelAngle=0))
    y = alt.Y("wording:N", title=None, sort=None, axis=alt.Axis(labelLimit=420))
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=x, y=y,
        color=coded_colour("status_code", STATUS_COLOURS, labels_of(df, "status_code", "status"),
                           t("col_status", lang), codes=present(STATUS_COLOURS, df, "status_code")),
        tooltip=[alt.Tooltip("quarter:O", title=t("col_quarter", lang)),
                 alt.Tooltip("status:N", title=t("col_status", lang)),
                 alt.Tooltip("reason:N", title=t("col_reason", lang))])
    icons = base.mark_text(fontSize=14).encode(x=x, y=y, text="icon:N")
    return finish(alt.layer(cells, icons), lang, height=alt.Step(30))     # one 30-px row per target


WHAT_IF_COLOURS = {"actual": "#4c78a8", "projection": "#4c78a8"}


def what_if(df: pd.DataFrame, required: float, rate: float, unit: str, lang: str = "en") -> alt.TopLevelMixin:
    """The current year's cumulative trade (columns: month, month_name, cumulative, kind_code, kind): figures solid,
    the assumed rest of the year dashed, and the year's required total as the target rule."""
    order = list(dict.fromkeys(df.sort_values("month")["month_name"]))
    x = alt.X("month_name:O", title=t("axis_month", lang), sort=order, axis=alt.Axis(labelAngle=0))
    lines = alt.Chart(df).mark_line(point=True).encode(
        x=x, y=alt.Y("cumulative:Q", title=t("axis_cumulative", lang, unit=unit)),
        color=coded_colour("kind_code", WHAT_IF_COLOURS, labels_of(df, "kind_code", "kind"), None,
                           codes=present(WHAT_IF_COLOURS, df, "kind_code")),
        strokeDash=alt.StrokeDash("kind_code:N", scale=alt.Scale(domain=["actual", "projection"], range=[[1, 0], [6, 4]]),
                                  legend=None),
        tooltip=[alt.Tooltip("month_name:O", title=t("axis_month", lang)), alt.Tooltip("kind:N", title=""),
                 alt.Tooltip("cumulative:Q", title=unit, format=",.1f")])
    rule = _target_rule(required, t("whatif_required", lang, rate=fmt_percent(rate, lang, decimals=None)))
    return finish(alt.layer(lines, rule), lang)


# ---------------------------------------------------------------- Serbia in the region (issue 17)

# Serbia's colour stands out; the neighbours' are quieter. Keyed on partner codes, never on translated names.
PARTNER_COLOURS = {"RS": "#c0392b", "AL": "#72b7b2", "BA": "#54a24b", "XK": "#eeca3b", "ME": "#b279a2",
                   "MK": "#4c78a8", "HR": "#9d755d"}


def _partner_colour(df: pd.DataFrame, lang: str) -> alt.Color:
    return coded_colour("partner", PARTNER_COLOURS, labels_of(df, "partner", "partner_name"),
                        t("axis_partner", lang), codes=present(PARTNER_COLOURS, df, "partner"))


def region_index(df: pd.DataFrame, base_year: int, lang: str = "en") -> alt.TopLevelMixin:
    """Each partner's turnover index (base year = 100) as a line, Serbia's drawn thicker; a partial year's point
    is lighter and its axis label names its months (it compares those months with the base year's same months).

    df: partner (code), partner_name, year (int), index, period, period_note (dialogue.periods.mark_years).
    """
    df = df.assign(year=df["year"].astype(int), serbia=df["partner"] == "RS")
    x = year_axis(df, lang)
    y = alt.Y("index:Q", title=t("axis_index", lang, base=base_year))
    colour = _partner_colour(df, lang)
    tooltip = [alt.Tooltip("partner_name:N", title=t("axis_partner", lang)), year_tooltip(df, lang),
               alt.Tooltip("index:Q", title=t("axis_index", lang, base=base_year), format=",.1f")]
    lines = alt.Chart(df[df["period_note"] == ""]).mark_line().encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        strokeWidth=alt.condition("datum.serbia", alt.value(4), alt.value(1.5)))
    points = alt.Chart(df).mark_point(filled=True, size=45).encode(
        x=x, y=y, color=colour, opacity=partial_opacity(), tooltip=tooltip)
    hundred = alt.Chart(_one_row()).mark_rule(color="#999999").encode(y=alt.Y(datum=100))
    return finish(alt.layer(lines, points, hundred), lang)


def region_growth(df: pd.DataFrame, rate: float, lang: str = "en") -> alt.TopLevelMixin:
    """Year-on-year growth per partner as bars side by side in each year, against the rate as a rule; a partial
    year (its months against the same months a year earlier) is lighter and its axis label names the months.

    df: partner (code), partner_name, year (int), growth (fraction), rank, period, period_note.
    """
    df = df.assign(year=df["year"].astype(int))
    codes = present(PARTNER_COLOURS, df, "partner")
    bars = alt.Chart(df).mark_bar().encode(
        x=year_axis(df, lang),
        xOffset=alt.XOffset("partner:N", scale=alt.Scale(domain=codes)),
        y=alt.Y("growth:Q", title=t("axis_growth", lang), axis=alt.Axis(format="%")),
        color=_partner_colour(df, lang),
        opacity=partial_opacity(),
        tooltip=[alt.Tooltip("partner_name:N", title=t("axis_partner", lang)), year_tooltip(df, lang),
                 alt.Tooltip("growth:Q", title=t("axis_growth", lang), format=".1%"),
                 alt.Tooltip("rank:Q", title=t("col_rank", lang))],
    )
    target = _target_rule(rate, f"{t('legend_target', lang)} {fmt_percent(rate, lang, 0)}").properties(name="target")
    return finish(alt.layer(bars, target), lang)
