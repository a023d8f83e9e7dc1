"""The public progress report: one self-contained HTML file (charts' JavaScript inlined, no requests).

Every piece of user text is escaped; chart specs and report data sit in JSON script blocks with `<`
escaped, so no stored text can close a tag. Notes never appear here; the content given is already
limited to rows marked publishable (see content.publishable_copy).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from dialogue import files, strict_json
from dialogue.formats import fmt_date
from dialogue.i18n import t
from dialogue.reports import executive, render
from dialogue.reports.content import ReportContent
from dialogue.reports.labels import STATUS_SYMBOLS, dataset_name, figure, label
from dialogue.summary import DUE_DAYS
from dialogue.vocab import status_word

STYLE = """
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
main{max-width:1000px;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{margin-top:2.2rem;border-bottom:2px solid #305496;padding-bottom:.2rem}
h3{margin:1.2rem 0 .2rem;font-size:1.05rem}
.meta{color:#444}.demo{background:#b00000;color:#fff;font-weight:bold;text-align:center;padding:.5rem;font-size:1.1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#e1e6f0}tr.area td{background:#f2f2f2;font-weight:bold}
.status{font-weight:bold;white-space:nowrap}
.s-achieved,.s-on_track{color:#1a7f37}.s-at_risk{color:#9a6000}.s-off_track{color:#c82828}
.s-missed{color:#a01414}.s-not_started,.s-no_data{color:#555}
.chart{margin:.8rem 0;width:100%}.muted{color:#555;font-style:italic}
.tiles td{text-align:center;width:14%}.tiles .n{display:block;font-size:1.8rem;font-weight:bold}
.tiles .delta{display:block;color:#555;font-size:.85rem}.brief p{font-size:1.1rem;margin:.35rem 0}
nav ol{columns:2}footer{margin-top:3rem;color:#555;font-size:.85rem}
"""
EMBED = """
document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (node) {
  var spec = JSON.parse(node.textContent);
  vegaEmbed('#' + node.dataset.chart, spec, {actions: false, renderer: 'svg'}).catch(function (err) {
    document.getElementById(node.dataset.chart).textContent = String(err);
  });
});
"""


def write_html(content: ReportContent, path: str | Path) -> Path:
    """Write the public report to `path` and return it."""
    path = Path(path)
    files.write_text(path, html_text(content))
    return path


def _json_block(data, **attrs) -> str:
    text = strict_json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f'<script type="application/json"{extra}>{text}</script>'


def report_data(c: ReportContent) -> dict:
    """The report's figures as data: what the HTML shows, for machines and for reproducibility checks."""
    return {
        "title": c.title, "kind": c.kind, "lang": c.lang, "as_of": c.as_of.isoformat(),
        "known_at": c.known_at_text, "since": c.since.isoformat(),
        "workspace": c.workspace, "demo": c.demo,
        "targets": [
            {"target": s.target, "area": s.area, "status": s.status, "headline": s.headline,
             "reason": s.reason, "actual": s.actual, "target_value": s.target_value, "period": s.period}
            for s in c.statuses
        ],
        "status_moves": c.status_moves,
        "milestones": c.milestones,
        "evidence": [e for section in c.areas for e in section.evidence],
        "sources": c.sources,
        "summary": c.executive.data,
    }


class _Html(str):
    """Markup this module built itself (a status badge); every other table cell is escaped."""


def _badge(status: str, lang: str) -> _Html:
    return _Html(f'<span class="status s-{status}">{escape(STATUS_SYMBOLS[status])} '
                 f"{escape(status_word(status, lang))}</span>")


def _table(rows: list[list[str]], empty: str, head: list[str] | None = None) -> str:
    """Rows in a table (text cells escaped, badges kept), or the muted sentence that says there are none."""
    if not rows:
        return f'<p class="muted">{escape(empty)}</p>'
    cell = lambda v: v if isinstance(v, _Html) else escape(v)  # noqa: E731
    thead = "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead>" if head else ""
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table>{thead}<tbody>{body}</tbody></table>"


def _evidence(c: ReportContent, rows: list[dict], empty: str) -> str:
    lang = c.lang
    return _table([[fmt_date(e["date"], lang), dataset_name(e["dataset"], lang), e["title"], e["source"] or "—"] for e in rows], empty,
                  head=[label("date", lang), label("dataset", lang), label("what", lang), label("source", lang)])


def _executive(c: ReportContent) -> str:
    """The opening section: the same executive summary as the briefing's page 1."""
    lang, ex, e = c.lang, c.executive, escape
    since = fmt_date(ex.since, lang)
    tiles = "".join(f'<td data-status="{e(tile.status)}">{_badge(tile.status, lang)}<span class="n">{tile.n}</span>'
                    f'<span class="delta">{e(executive.change_text(tile.delta))}</span></td>' for tile in ex.tiles)
    due = "".join(f"<li>{e(executive.due_text(d, lang))}</li>" for d in ex.due)
    if ex.due_more:
        due += f'<li class="muted">{e(label("exec_due_more", lang).format(n=ex.due_more))}</li>'
    return (f'<section id="summary"><h2>{e(label("exec_summary", lang))}</h2>'
            f'<div class="brief">{"".join(f"<p>{e(x)}</p>" for x in ex.sentences)}</div>'
            f'<h3>{e(label("exec_tiles", lang).format(date=since))}</h3>'
            f'<table class="tiles"><tbody><tr>{tiles}</tr></tbody></table>'
            f'<h3>{e(t("worsened_title", lang, date=since))}</h3>'
            + _table([[m["wording"], _badge(m["from"], lang), _badge(m["to"], lang), m["reason"] or "—"]
                      for m in ex.worsened], t("worsened_none", lang, date=since),
                     head=[label("target", lang), label("before", lang), label("after", lang), label("reason", lang)])
            + f'<h3>{e(t("due_title", lang, days=DUE_DAYS))}</h3>'
            + (f"<ul>{due}</ul>" if ex.due else f'<p class="muted">{e(t("due_none", lang, days=DUE_DAYS))}</p>')
            + "</section>")


def _region(c: ReportContent, add, chart_no: int) -> int:
    """Serbia in the region: series, notes, the two charts and Serbia's rank; one sentence without peer figures."""
    from dialogue.i18n import t

    lang, e, r = c.lang, escape, c.region
    add(f'<h2 id="region">{e(r.title)}</h2>')
    if r.series is None:
        add(f'<p class="muted">{e(label("region_none", lang))}</p>')
        return chart_no
    add(f"<p>{e(label('region_series', lang))}: {e(r.series)}</p>")
    add("".join(f'<p class="muted">{e(n)}</p>' for n in r.notes))
    chart_no = _charts(add, r.charts, r.chart_error, chart_no, lang)
    if r.ranks:
        add(f"<h3>{e(t('region_rank_title', lang))}</h3>")
        add(_table([[x["period"], x["rank"], x["growth"]] for x in r.ranks], "",
                   head=[t("axis_year", lang), t("col_rank", lang), t("axis_growth", lang)]))
    return chart_no


def html_text(c: ReportContent) -> str:
    lang = c.lang
    e = escape
    parts: list[str] = []
    add = parts.append
    add(f'<!doctype html><html lang="{e(lang)}"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{e(c.title)}</title><style>{STYLE}</style>")
    add(f"<script>{render.javascript_bundle()}</script></head><body>")
    if c.demo:
        add(f'<div class="demo" role="note">{e(label("demo_label", lang))}</div>')
    add(f"<main><h1>{e(c.title)}</h1>")
    add(f'<p class="meta">{e(label("as_of", lang))}: <b>{e(fmt_date(c.as_of, lang))}</b> · '
        f'{e(label("known_at", lang))}: {e(c.known_at_text)} UTC · '
        f'{e(label("since", lang))}: {e(fmt_date(c.since, lang))}</p>')
    add(f'<p class="muted">{e(label("public_note", lang))}</p>')
    add(_executive(c))
    sections = [("summary", label("exec_summary", lang)), ("scorecard", label("scorecard", lang)), ("changes", label("changes", lang)),
                ("milestones", label("milestones", lang)),
                ("commitments", label("commitments_since", lang))]
    sections += [(f"area-{s.area}", s.title) for s in c.areas]
    if c.region is not None:
        sections.append(("region", c.region.title))
    sections.append(("annex", label("annex", lang)))
    add(f'<nav><h2>{e(label("contents", lang))}</h2><ol>'
        + "".join(f'<li><a href="#{e(anchor)}">{e(title)}</a></li>' for anchor, title in sections)
        + "</ol></nav>")

    add(f'<h2 id="scorecard">{e(label("scorecard", lang))}</h2><table><thead><tr>'
        f'<th>{e(label("target", lang))}</th><th>{e(label("status", lang))}</th>'
        f'<th>{e(label("headline", lang))}</th><th>{e(label("reason", lang))}</th></tr></thead><tbody>')
    for section in c.areas:
        if not section.statuses:
            continue
        add(f'<tr class="area"><td colspan="4">{e(section.title)}</td></tr>')
        for s in section.statuses:
            add(f'<tr id="target-{e(s.target)}"><td>{e(s.wording)}</td><td>{_badge(s.status, lang)}</td>'
                f"<td>{e(figure(s, lang))}</td><td>{e(s.reason or '—')}</td></tr>")
    add("</tbody></table>")

    add(f'<h2 id="changes">{e(label("changes", lang))}: {e(fmt_date(c.since, lang))} – '
        f'{e(fmt_date(c.as_of, lang))}</h2><h3>{e(label("status_moves", lang))}</h3>')
    add(_table([[m["wording"], _badge(m["before"], lang) if m["before"] else "—", _badge(m["after"], lang),
                 m["reason"] or ""] for m in c.status_moves], label("no_status_moves", lang)))
    add(f'<h3>{e(label("new_evidence", lang))}</h3>')
    add(_evidence(c, c.new_evidence, label("no_new_evidence", lang)))

    add(f'<h2 id="milestones">{e(label("milestones", lang))}</h2>')
    add(_table([[fmt_date(m["deadline"], lang), m["wording"], _badge(m["status"], lang), m["reason"] or ""]
                for m in c.milestones], label("no_milestones", lang)))

    # issue 14: publishable commitments and overdue actions only (the public report's store holds no other rows)
    add(f'<h2 id="commitments">{e(label("commitments_since", lang))}</h2>')
    add(_table([[fmt_date(m["made_at"], lang), m["text"], m["owner"] or "—",
                 fmt_date(m["due"], lang) if m["due"] else "—",
                 m["state"] + (f" ({label('overdue', lang)})" if m["overdue"] else "")] for m in c.commitments],
               label("no_commitments", lang),
               head=[label("made_at", lang), label("commitment", lang), label("owner", lang), label("due", lang),
                     label("state", lang)]))
    add(f'<h3>{e(label("overdue_by_owner", lang))}</h3>')
    add(_table([[a["owner"], a["action_id"], a["title"], fmt_date(a["due"], lang) if a["due"] else "—", a["state"]]
                for a in c.overdue_actions], label("no_overdue", lang),
               head=[label("owner", lang), "Id", label("action", lang), label("due", lang), label("state", lang)]))

    chart_no = 0
    for section in c.areas:
        add(f'<h2 id="area-{e(section.area)}">{e(section.title)}</h2>')
        if not section.statuses:
            add(f'<p class="muted">{e(label("no_target_area", lang))}</p>')
        for s in section.statuses:
            add(f"<h3>{e(s.wording)}</h3><p>{_badge(s.status, lang)} · {e(figure(s, lang))}<br>"
                f"{e(s.reason or '')}</p>")
        chart_no = _charts(add, section.charts, section.chart_error, chart_no, lang)
        if section.evidence or not section.statuses:
            add(f'<h3>{e(label("evidence", lang))}</h3>')
            add(_evidence(c, section.evidence, label("nothing_recorded", lang)))

    if c.region is not None:
        chart_no = _region(c, add, chart_no)
    add(f'<h2 id="annex">{e(label("annex", lang))}</h2>')
    if c.sources:
        add(f"<table><thead><tr><th>{e(label('dataset', lang))}</th><th>{e(label('source', lang))}</th>"
            f"<th>{e(label('rows', lang))}</th></tr></thead><tbody>"
            + "".join(f"<tr><td>{e(dataset_name(s['dataset'], lang))}</td><td>{e(s['source'])}</td><td>{s['rows']}</td></tr>"
                      for s in c.sources) + "</tbody></table>")
    else:
        add(f'<p class="muted">{e(label("no_sources", lang))}</p>')
    add(f"<footer>{e(label('generated_by', lang))} Dialogue Monitor · {e(label('as_of', lang))} "
        f"{e(fmt_date(c.as_of, lang))}</footer></main>")
    add(_json_block(report_data(c), id="report-data"))
    add(f"<script>{EMBED}</script></body></html>")
    return "".join(parts)


def _charts(add, charts, failed: bool, chart_no: int, lang: str) -> int:
    """A section's charts, each a titled, numbered placeholder and its spec (or a note that they failed); returns
    the last chart number used."""
    if failed:
        add(f'<p class="muted">{escape(label("chart_failed", lang))}</p>')
    for chart in charts:
        chart_no += 1
        add(f"<h3>{escape(chart.title)}</h3><div class=\"chart\" id=\"chart-{chart_no}\"></div>")
        add(_json_block(render.sized(chart.spec(), "container"), data_chart=f"chart-{chart_no}"))
    return chart_no
