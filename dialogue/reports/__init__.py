"""Briefing packs, periodic reports and the public progress report, generated from the store."""
from __future__ import annotations

import io
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogue.reports.content import ReportContent

__all__ = ["KINDS", "STAGES", "ReportContent", "documents", "file_stem", "gather"]


def __getattr__(name: str):
    """KINDS, ReportContent and gather on first use: importing the package (render, to start the chart engine early)
    does not import pandas, Altair and the pages' views."""
    if name in ("KINDS", "ReportContent", "gather"):
        from dialogue.reports import content

        return getattr(content, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    stands for its one HTML file). The chart engine starts on another thread while the data is gathered; the charts'
    images are rendered there while the annex and the PDF's first pages are written.
    """
    from dialogue.reports import render
    from dialogue.reports.content import gather

    say = progress or (lambda stage: None)
    say("gather")
    if kind == "public":
        from dialogue.reports.html import html_text

        content = gather(con, as_of, known_at=known_at, since=since, kind=kind, lang=lang)
        say("pdf")
        return content, {f"{file_stem(kind, as_of, lang, content.demo)}.html": html_text(content).encode("utf-8")}
    render.warm_up()
    images = render.ChartImages()
    try:
        content = gather(con, as_of, known_at=known_at, since=since, kind=kind, lang=lang, on_charts=images.start)
    finally:
        pngs = images.close()
    # fpdf2 and XlsxWriter are imported once the charts are with the chart worker, which draws meanwhile
    from dialogue.reports.pdf import pdf_bytes
    from dialogue.reports.xlsx import workbook

    stem = file_stem(kind, as_of, lang, content.demo)
    say("xlsx")
    buffer = io.BytesIO()
    workbook(content).save(buffer)
    say("pdf")
    return content, {f"{stem}.pdf": pdf_bytes(content, pngs), f"{stem}.xlsx": buffer.getvalue()}
