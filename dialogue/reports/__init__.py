"""Briefing packs, periodic reports and the public progress report, generated from the store."""
from __future__ import annotations

import io
from datetime import date, datetime

from dialogue.reports.content import KINDS, ReportContent, gather

__all__ = ["KINDS", "STAGES", "ReportContent", "documents", "file_stem", "gather"]


def file_stem(kind: str, as_of: date, lang: str, demo: bool = False) -> str:
    """Predictable file name without extension, e.g. briefing-2026-06-30-sr-Cyrl; DEMO-briefing-... when the
    report is made from synthetic data, so a downloaded demo file says so by its name alone."""
    return f"{'DEMO-' if demo else ''}{kind}-{as_of.isoformat()}-{lang}"


# What documents() is doing, in order, as it tells its `progress` callback (the Briefings page shows each).
STAGES = ("gather", "xlsx", "pdf")


def documents(con, as_of: date, known_at: datetime | str | None = None, since: date | None = None,
              kind: str = "briefing", lang: str = "en", progress=None) -> tuple[ReportContent, dict[str, bytes]]:
    """The report's files as {file name: bytes}: PDF + XLSX, or one HTML file for the public report.

    `progress(stage)`, if given, is called with each of STAGES as it starts (the public report: gather, pdf
    stands for its one HTML file). The charts' images are rendered on other threads while the annex is written.
    """
    say = progress or (lambda stage: None)
    say("gather")
    content = gather(con, as_of, known_at=known_at, since=since, kind=kind, lang=lang)
    stem = file_stem(kind, as_of, lang, content.demo)
    if kind == "public":
        from dialogue.reports.html import html_text

        say("pdf")
        return content, {f"{stem}.html": html_text(content).encode("utf-8")}
    from dialogue.reports import render
    from dialogue.reports.pdf import chart_specs, pdf_bytes
    from dialogue.reports.xlsx import workbook

    pngs = render.start_pngs(chart_specs(content))
    say("xlsx")
    buffer = io.BytesIO()
    workbook(content).save(buffer)
    say("pdf")
    return content, {f"{stem}.pdf": pdf_bytes(content, pngs), f"{stem}.xlsx": buffer.getvalue()}
