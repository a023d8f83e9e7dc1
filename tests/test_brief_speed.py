"""What keeps the briefing fast: one scorecard per brief, no unused heavy imports, stages reported as they start."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from dialogue import reports, status
from tests.conftest import put_rows

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 6, 30)
KNOWN = datetime(2026, 7, 1, 9, 0)


def test_a_briefing_computes_the_scorecard_as_of_its_date_once(con, monkeypatch):
    """The pages' views it borrows charts from take the report's scorecard instead of computing their own."""
    days = []
    compute_all = status.compute_all

    def counted(con, as_of=None, *args, **kwargs):
        days.append(as_of)
        return compute_all(con, as_of, *args, **kwargs)

    monkeypatch.setattr(status, "compute_all", counted)
    reports.gather(con, AS_OF, KNOWN, since=date(2026, 1, 31))
    # as of the report's date once (before: also in status moves and in each of four pages' views); once at 'since'
    assert days.count(AS_OF) == 1 and days.count(date(2026, 1, 31)) == 1


def test_documents_reports_each_stage_as_it_starts(con):
    seen = []
    _, files = reports.documents(con, AS_OF, KNOWN, progress=seen.append)
    assert seen == ["gather", "xlsx", "pdf"] == list(reports.STAGES)
    assert sorted(name.rsplit(".", 1)[1] for name in files) == ["pdf", "xlsx"]
    public = []
    reports.documents(con, AS_OF, KNOWN, kind="public", progress=public.append)
    assert public == ["gather", "pdf"]


def test_the_brief_command_imports_neither_streamlit_nor_openpyxl(db_path, tmp_path):
    """Start-up is part of the command's time: it loads what it writes with, not the dashboard or the reader."""
    from dialogue import db

    db.connect(db_path).close()
    script = ("import sys; from dialogue.cli import main; "
              f"code = main(['--db', {str(db_path)!r}, 'brief', '--as-of', '2026-06-30', '--known-at', "
              f"'2026-07-01', '--out', {str(tmp_path / 'out')!r}]); "
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'openpyxl'}), code)")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip().splitlines()[-1] == "[] 0"


def test_gather_hands_over_each_chart_as_soon_as_it_is_made(con):
    """The briefing starts rendering a chart's image while the rest is gathered: every chart, one at a time, in order."""
    handed = []
    content = reports.gather(con, AS_OF, KNOWN, on_charts=lambda charts: handed.append(list(charts)))
    made = [chart for section in content.areas for chart in section.charts] + content.region.charts
    assert handed == [[chart] for chart in made]
    assert len(handed) >= 1           # the Security area draws its agreements chart even with no rows


def test_a_chart_is_handed_over_before_the_next_one_of_its_section_is_built(con, monkeypatch):
    """Security's exercise timeline is with the chart worker before the agreements chart is built, not after."""
    from dialogue import charts

    put_rows(con, "exercises", [{"name": "Platinum Wolf", "start_date": "2025-05-12", "format": "multinational",
                                 "us_participation": "yes", "status": "held"}])
    events = []
    build = charts.defence_agreements
    monkeypatch.setattr(charts, "defence_agreements", lambda *a, **k: events.append("build agreements") or build(*a, **k))
    content = reports.gather(con, AS_OF, KNOWN, on_charts=lambda made: events.append(made[0].title))
    security = next(section for section in content.areas if section.area == "security")
    titles = [chart.title for chart in security.charts]
    assert len(titles) >= 2, titles
    at = events.index("build agreements")
    assert events[at - 1] == titles[-2] and events[at + 1] == titles[-1]


def test_the_reports_package_imports_no_data_or_chart_library(tmp_path):
    """The brief command starts the chart engine before pandas, Altair and fpdf2 are imported."""
    script = ("import sys; import dialogue.commands_reports, dialogue.reports, dialogue.reports.render; "
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'altair', 'fpdf', 'duckdb'}))")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert proc.stdout.strip() == "[]"
    from dialogue.reports.content import KINDS
    assert reports.KINDS is KINDS


def test_every_chart_is_handed_over_before_the_rest_is_gathered(con, monkeypatch):
    """The chart worker draws while the summary, status moves, datasets and evidence are gathered, not after."""
    from dialogue.reports import content as report_content

    events = []
    read = report_content.known_datasets
    monkeypatch.setattr(report_content, "known_datasets", lambda *a, **k: events.append("datasets") or read(*a, **k))
    content = reports.gather(con, AS_OF, KNOWN, on_charts=lambda charts: events.append("charts"))
    made = sum(len(section.charts) for section in content.areas) + len(content.region.charts)
    assert made >= 1 and events == ["charts"] * made + ["datasets"]     # each area's charts, the region's


def test_a_briefing_hands_its_charts_over_before_importing_its_writers(db_path):
    """fpdf2 and XlsxWriter are imported while the chart worker draws, not before it has anything to draw."""
    from dialogue import db

    db.connect(db_path).close()
    script = ("import json, sys; from datetime import date; from dialogue import db; "
              "from dialogue.reports import documents, render; seen = []; start = render.ChartImages.start\n"
              "def spy(self, charts):\n"
              "    seen.append(sorted({m.split('.')[0] for m in sys.modules} & {'fpdf', 'xlsxwriter'}))\n"
              "    return start(self, charts)\n"
              "render.ChartImages.start = spy\n"
              f"con = db.connect({str(db_path)!r}); _, files = documents(con, date(2026, 6, 30), '2026-07-01')\n"
              "print(json.dumps([seen, sorted(name.rsplit('.', 1)[1] for name in files)]))")
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-500:]
    seen, kinds = json.loads(proc.stdout.strip().splitlines()[-1])
    assert kinds == ["pdf", "xlsx"]
    assert seen and seen == [[]] * len(seen), seen       # every section's charts, none after a writer's import
