"""Briefing packs, periodic reports and the public report: open each output and check what it says."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from dialogue import cli, db, reports, store
from dialogue.datasets import DATASETS
from dialogue.notes import add_note, list_notes
from dialogue.reports import content as report_content
from dialogue.reports.labels import label
from dialogue.reports.pdf import pdf_bytes
from dialogue.reports.xlsx import HEADER_ROW, workbook
from dialogue.roles import PermissionDenied
from dialogue.status import compute_all
from dialogue.vocab import status_word
from tests.conftest import ANALYST, VIEWER

pytestmark = pytest.mark.slow(seconds=100)   # few tests, long ones: queued early (conftest.py)

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 6, 30)
FIRST_UPLOAD = datetime(2026, 3, 1, 9, 0)
K1 = datetime(2026, 3, 2, 12, 0)            # the moment the first briefing is "as known at"
LATER_UPLOAD = datetime(2026, 4, 1, 9, 0)
EVIL = '=HYPERLINK("http://evil.example/x","click me")'
SCRIPT = "<script>alert(1)</script> reception"
SECRET = "Confidential draft: not for the public"


def frame(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a canonical, typed frame (what the readers hand to the store)."""
    ds = DATASETS[dataset]
    out = pd.DataFrame()
    for col in ds.columns:
        values = [r.get(col.name, col.default) for r in rows]
        if col.type == "int":
            out[col.name] = pd.array(values, dtype="Int64")
        elif col.type == "number":
            out[col.name] = pd.array(values, dtype="Float64")
        elif col.type == "date":
            out[col.name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif col.type == "bool":
            out[col.name] = pd.array(values, dtype="boolean")
        else:
            out[col.name] = pd.array(values, dtype="string")
    return out


def exercise(name: str, day: str) -> dict:
    return dict(name=name, start_date=day, end_date=day, date_precision="day", format="bilateral",
                us_participation="yes", status="held", location="Pasuljanske livade", source="https://example.org/ex")


@pytest.fixture
def known(con):
    """A tiny store: one exercise held, a meeting, trade, a formula-like title, a script-like title, a secret."""
    store.commit_frame(con, "exercises", frame("exercises", [exercise("Platinum Wolf 26", "2026-02-10")]),
                       ANALYST, file="ex.xlsx", time=FIRST_UPLOAD)
    store.commit_frame(con, "events", frame("events", [
        dict(date="2026-02-12", kind="inaugural_meeting", title="Inaugural meeting in Washington", area="process",
             source="https://example.org/meeting"),
        dict(date="2026-02-20", kind="progress", target_id="dfc-office", title=EVIL, area="economic",
             source="https://example.org/dfc"),
        dict(date="2026-02-21", kind="visit", title=SCRIPT, area="political", source="https://example.org/visit"),
        dict(date="2026-02-22", kind="context", title=SECRET, area="political", publishable=False,
             source="internal memo"),
    ]), ANALYST, file="events.xlsx", time=FIRST_UPLOAD)
    store.commit_frame(con, "trade", frame("trade", [
        dict(reporter="US Census", year=y, flow=f, value=v, currency="USD", source="https://census.gov/x")
        for y, f, v in [(2024, "us_to_serbia", 300_000_000.0), (2024, "serbia_to_us", 700_000_000.0),
                        (2025, "us_to_serbia", 330_000_000.0), (2025, "serbia_to_us", 770_000_000.0)]
    ]), ANALYST, file="trade.xlsx", time=FIRST_UPLOAD)
    return con


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cell_values(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}


# ---------------------------------------------------------------- the PDF

@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_pdf_holds_every_target_status_word_and_reason(known, lang):
    content = report_content.gather(known, AS_OF, K1, lang=lang)
    pages = pdf_text(pdf_bytes(content))
    text = flat(" ".join(pages))
    card = compute_all(known, AS_OF, known_at=K1, lang=lang)
    assert len(card.statuses) >= 25
    for s in card.statuses:
        assert status_word(s.status, lang) in text, s.target
        assert flat(s.reason) in text, (s.target, s.reason)
    scorecard_pages = [p for p in pages if label("scorecard", lang) in p and label("reason", lang) in p]
    assert len(scorecard_pages) == 1, "the scorecard is one page"
    assert label("as_of", lang) in pages[0] and label("known_at", lang) in pages[0]
    assert "2026-03-02 12:00:00 UTC" in pages[0]
    assert label("contents", lang) in pages[1]
    for number, page in enumerate(pages, start=1):
        assert f"{label('page', lang)} {number} {label('of', lang)} {len(pages)}" in page
    if lang == "sr-Cyrl":
        assert "Стање на дан" in pages[0]
        assert re.search("[А-Яа-яЂђЈјЉљЊњЋћЏџ]{5}", flat(" ".join(s.reason for s in card.statuses)))


def test_pdf_has_sections_changes_milestones_notes_and_sources(known):
    add_note(known, ANALYST, "joint-exercises", "Ask the MoD about the autumn exercise. Ђ", date(2026, 5, 1))
    content = report_content.gather(known, AS_OF, None)
    text = flat(" ".join(pdf_text(pdf_bytes(content))))
    for key in ("changes", "status_moves", "new_evidence", "milestones", "notes", "annex"):
        assert label(key, "en") in text
    assert "Ask the MoD about the autumn exercise. Ђ" in text
    assert "https://census.gov/x" in text and "https://example.org/meeting" in text
    assert "Security and Defence" in text and "Regional Initiatives" in text
    # the default "since" is the last recorded annual meeting before as_of, else a year earlier
    assert content.since == date(2025, 6, 30) and content.since_reason == "year_before"
    assert any(e["title"] == "Platinum Wolf 26" for e in content.new_evidence)


def test_default_since_is_the_last_annual_meeting(known):
    store.commit_frame(known, "events", frame("events", [
        dict(date="2026-05-20", kind="annual_meeting", title="High-level meeting, Belgrade", area="process"),
    ]), ANALYST, file="meeting.xlsx", time=LATER_UPLOAD)
    assert report_content.gather(known, AS_OF, None).since == date(2026, 5, 20)
    assert report_content.gather(known, AS_OF, K1).since == date(2025, 6, 30)   # not yet known at K1
    assert report_content.gather(known, AS_OF, None, since=date(2026, 1, 1)).since == date(2026, 1, 1)


def test_charts_come_from_the_pages_builders_as_images(known):
    content = report_content.gather(known, AS_OF, K1)
    charts = {a.area: [c.title for c in a.charts] for a in content.areas}
    assert charts["security"] and charts["economic"], charts
    assert all(a.chart_error is None for a in content.areas), [a.chart_error for a in content.areas]
    reader = PdfReader(io.BytesIO(pdf_bytes(content)))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == sum(len(a.charts) for a in content.areas)
    first = images[0].image
    assert first.width >= 2 * 520                # document width, rendered at 2x scale


@pytest.mark.parametrize("kind,start,end,since", [
    ("quarterly", date(2026, 4, 1), date(2026, 6, 30), date(2026, 3, 31)),
    ("annual", date(2026, 1, 1), date(2026, 12, 31), date(2025, 12, 31)),
])
def test_periodic_reports_use_the_period_and_show_the_cadence_targets(known, kind, start, end, since):
    content = report_content.gather(known, date(2026, 5, 15), K1, kind=kind)
    assert (content.period_start, content.period_end, content.since) == (start, end, since)
    assert "roadmap-8" in [s.target for s in content.cadence]
    text = flat(" ".join(pdf_text(pdf_bytes(content))))
    assert label(f"title_{kind}", "en") in text
    assert label("cadence", "en") in text
    assert "Step VIII" in text


@pytest.mark.parametrize("as_of,start,end", [
    (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 11, 30), date(2026, 10, 1), date(2026, 12, 31)),
    (date(2024, 2, 29), date(2024, 1, 1), date(2024, 3, 31)),
])
def test_quarter_frame(as_of, start, end):
    assert report_content.period_frame("quarterly", as_of) == (start, end)


# ---------------------------------------------------------------- the XLSX

def test_xlsx_holds_stored_values_and_no_formulas(known):
    add_note(known, ANALYST, "dfc-office", "=cmd|' /C calc'!A0", date(2026, 5, 2))
    content = report_content.gather(known, AS_OF, None)
    data = io.BytesIO()
    workbook(content).save(data)
    wb = openpyxl.load_workbook(io.BytesIO(data.getvalue()))
    assert [ws.title for ws in wb.worksheets][:3] == ["Scorecard", "Analysts' notes", "Annex sources"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    events = wb["events"]
    header = [c.value for c in events[HEADER_ROW]]
    assert header == DATASETS["events"].column_names
    rows = [dict(zip(header, (c.value for c in r))) for r in events.iter_rows(min_row=HEADER_ROW + 1)]
    stored = store.current_rows(known, "events")
    # formula-like text is guarded by an apostrophe (safe_cells), everything else is stored as is
    assert [r["title"] for r in rows] == ["'" + t if t == EVIL else t for t in stored["title"]]
    evil = next(r for r in events.iter_rows(min_row=HEADER_ROW + 1) if r[header.index("title")].value == "'" + EVIL)
    assert evil[header.index("title")].data_type == "s" and evil[header.index("title")].quotePrefix
    assert rows[0]["date"] == datetime(2026, 2, 12)
    trade = wb["trade"]
    values = sorted(c.value for c in trade["E"][HEADER_ROW:])
    assert values == [300_000_000.0, 330_000_000.0, 700_000_000.0, 770_000_000.0]
    assert trade["E"][HEADER_ROW].number_format == "#,##0.##"
    assert trade.freeze_panes == f"A{HEADER_ROW + 1}" and trade.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
    assert trade.column_dimensions["A"].width >= len("US Census")
    score = wb["Scorecard"]
    card = compute_all(known, AS_OF, lang="en")
    ids = [c.value for c in score["A"][HEADER_ROW:]]
    assert sorted(ids) == sorted(s.target for s in card.statuses)
    assert score.cell(HEADER_ROW, 1).font.bold
    notes = wb["Analysts' notes"]
    assert notes.cell(HEADER_ROW + 1, 6).value == "'=cmd|' /C calc'!A0"
    assert notes.cell(HEADER_ROW + 1, 6).data_type == "s"


# ---------------------------------------------------------------- the public HTML

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if attrs.get(name) and tag in ("script", "link", "style", "img", "iframe", "source"):
                self.refs.append(attrs[name])


def test_public_html_is_self_contained_with_every_target_and_no_internal_notes(known):
    add_note(known, ANALYST, "joint-exercises", "Internal: the MoD is slow", date(2026, 5, 1))
    _, files = reports.documents(known, AS_OF, None, kind="public")
    (name, data), = files.items()
    assert name == "public-2026-06-30-en.html"
    page = data.decode("utf-8")
    tags = _Tags()
    tags.feed(page)
    assert tags.refs == [], "no external script, style or image"
    assert tags.scripts >= 3 and "vegaEmbed" in page
    card = compute_all(known, AS_OF, lang="en")
    for s in card.statuses:
        assert f'id="target-{s.target}"' in page
    assert "Internal: the MoD is slow" not in page
    assert SECRET not in page, "rows not marked publishable stay out"
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; reception" in page
    data_block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page).group(1)
    report = json.loads(data_block)
    assert {t["target"] for t in report["targets"]} == {s.target for s in card.statuses}
    assert any(e["title"] == SCRIPT for e in report["evidence"])


def test_public_report_statuses_use_publishable_rows_only(known):
    store.commit_frame(known, "events", frame("events", [
        dict(date="2026-03-10", kind="milestone_achieved", target_id="dfc-office", title="DFC office opens (embargoed)",
             area="economic", publishable=False),
    ]), ANALYST, file="embargo.xlsx", time=LATER_UPLOAD)
    internal = {s.target: s.status for s in report_content.gather(known, AS_OF, None).statuses}
    public = {s.target: s.status for s in report_content.gather(known, AS_OF, None, kind="public").statuses}
    assert internal["dfc-office"] == "achieved"
    assert public["dfc-office"] != "achieved"


# ---------------------------------------------------------------- the demo label

def test_demo_label_on_every_pdf_page_and_in_xlsx_and_html(tmp_path, workspace_copy):
    path = workspace_copy(tmp_path / "demo.duckdb", "demo")
    con = db.connect(path)
    try:
        content, files = reports.documents(con, AS_OF, None, lang="sr-Cyrl")
        _, public = reports.documents(con, AS_OF, None, kind="public")
    finally:
        con.close()
    demo = label("demo_label", "sr-Cyrl")
    assert demo.startswith("ДЕМО ПОДАЦИ")
    pages = pdf_text(files["DEMO-briefing-2026-06-30-sr-Cyrl.pdf"])
    assert len(pages) > 10 and all(demo in p for p in pages)
    sheets = cell_values(files["DEMO-briefing-2026-06-30-sr-Cyrl.xlsx"])
    assert all(rows[2][0] == demo for rows in sheets.values())
    assert label("demo_label", "en") in public["DEMO-public-2026-06-30-en.html"].decode("utf-8")


def test_a_synthetic_row_labels_the_briefing_as_known_at_and_only_then(known):
    known_at = datetime(2026, 5, 1, 9, 0)
    assert not reports.documents(known, AS_OF, known_at)[0].demo, "real rows alone: no demo label"
    store.commit_frame(known, "events", frame("events", [
        dict(date="2026-03-03", kind="visit", title="made-up visit", area="political", source="generator",
             synthetic=True)]), ANALYST, file="made-up.xlsx", time=LATER_UPLOAD)
    content, files = reports.documents(known, AS_OF, known_at)
    assert content.demo and content.workspace != "demo"
    assert list(files) == ["DEMO-briefing-2026-06-30-en.pdf", "DEMO-briefing-2026-06-30-en.xlsx"]   # issue 12.10
    assert all(label("demo_label", "en") in p for p in pdf_text(files["DEMO-briefing-2026-06-30-en.pdf"]))
    assert not reports.documents(known, AS_OF, K1)[0].demo, "as known before the synthetic row: real only"


# ---------------------------------------------------------------- reproducibility

def _xlsx_values(data: bytes) -> dict:
    return cell_values(data)


def _html_data(data: bytes) -> str:
    return re.search(r'id="report-data">(.*?)</script>', data.decode("utf-8")).group(1)


def test_same_known_at_gives_the_same_documents_after_later_uploads_and_rollbacks(known):
    _, before = reports.documents(known, AS_OF, K1)
    _, public_before = reports.documents(known, AS_OF, K1, kind="public")
    card_k1 = {s.target: s for s in compute_all(known, AS_OF, known_at=K1).statuses}
    assert card_k1["joint-exercises"].status != "achieved"

    # later: two more exercises held (the target becomes achieved), a note, an upload rolled back
    store.commit_frame(known, "exercises", frame("exercises", [
        exercise("Platinum Wolf 26", "2026-02-10"), exercise("Double Eagle 26", "2026-03-20"),
        exercise("Saber Guardian 26", "2026-05-05")]), ANALYST, file="ex2.xlsx", time=LATER_UPLOAD)
    add_note(known, ANALYST, "joint-exercises", "Written after K1", date(2026, 4, 2))
    undone = store.commit_frame(known, "trade", frame("trade", [
        dict(reporter="US Census", year=2025, flow="us_to_serbia", value=1.0, currency="USD")]),
        ANALYST, file="typo.xlsx", mode="merge")
    store.rollback(known, undone, ANALYST)

    _, again = reports.documents(known, AS_OF, K1)
    _, public_again = reports.documents(known, AS_OF, K1, kind="public")
    pdf_name, xlsx_name = "briefing-2026-06-30-en.pdf", "briefing-2026-06-30-en.xlsx"
    assert pdf_text(again[pdf_name]) == pdf_text(before[pdf_name])
    assert _xlsx_values(again[xlsx_name]) == _xlsx_values(before[xlsx_name])
    assert _html_data(public_again["public-2026-06-30-en.html"]) == _html_data(public_before["public-2026-06-30-en.html"])
    assert public_again == public_before
    assert again[pdf_name] == before[pdf_name], "even the PDF bytes are the same"

    now_content, now = reports.documents(known, AS_OF, None)
    now_text = flat(" ".join(pdf_text(now[pdf_name])))
    achieved = next(s for s in now_content.statuses if s.target == "joint-exercises")
    assert achieved.status == "achieved"
    assert flat(achieved.reason) in now_text and flat(card_k1["joint-exercises"].reason) not in now_text
    assert "Written after K1" in now_text
    assert "Written after K1" not in flat(" ".join(pdf_text(before[pdf_name])))
    names = [r[0] for r in cell_values(now[xlsx_name])["exercises"][HEADER_ROW:]]
    assert names == ["Double Eagle 26", "Platinum Wolf 26", "Saber Guardian 26"]   # in key order


# ---------------------------------------------------------------- notes

def test_notes_need_the_note_role_are_audited_and_read_as_known_at(known):
    with pytest.raises(PermissionDenied):
        add_note(known, VIEWER, "dfc-office", "viewer note", date(2026, 5, 1))
    with pytest.raises(ValueError):
        add_note(known, ANALYST, "dfc-office", "   ", date(2026, 5, 1))
    note_id = add_note(known, ANALYST, "dfc-office", "Office lease signed?", date(2026, 5, 1))
    notes = list_notes(known, "dfc-office")
    assert [(n["note_id"], n["author"], n["text"], n["note_date"]) for n in notes] == [
        (note_id, "ana", "Office lease signed?", date(2026, 5, 1))]
    assert list_notes(known, "dfc-office", known_at=K1) == []
    assert list_notes(known, "joint-exercises") == []
    audit = known.execute("select \"user\", action, ok from audit_log where action = 'note'").fetchall()
    assert audit == [("ana", "note", True)]


# ---------------------------------------------------------------- command line

def test_brief_command_writes_predictable_files(known, db_path, tmp_path, capsys):
    known.close()
    out = tmp_path / "out"
    args = ["--db", str(db_path), "brief", "--as-of", "2026-06-30", "--known-at", "2026-03-02T12:00:00",
            "--lang", "sr-Latn", "--out", str(out)]
    assert cli.main(args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / "briefing-2026-06-30-sr-Latn.pdf"), str(out / "briefing-2026-06-30-sr-Latn.xlsx")]
    assert "Podaci poznati u trenutku" in pdf_text((out / "briefing-2026-06-30-sr-Latn.pdf").read_bytes())[0]
    assert cli.main(["--db", str(db_path), "brief", "--as-of", "2026-06-30", "--kind", "public",
                     "--out", str(out)]) == 0
    assert capsys.readouterr().out.split() == [str(out / "public-2026-06-30-en.html")]
    assert cli.main(["--db", str(db_path), "brief", "--as-of", "30.6.2026", "--out", str(out)]) == 2
    assert "--as-of '30.6.2026' is not a date" in capsys.readouterr().err


# ---------------------------------------------------------------- the page and the first page's picture

def test_briefings_page_offers_the_downloads(known, db_path):
    from streamlit.testing.v1 import AppTest

    known.close()
    db.close_all()
    at = AppTest.from_file(str(ROOT / "pages" / "briefings.py"), default_timeout=120)
    at.session_state["_db_path"] = str(db_path)
    at.session_state["_actor"] = VIEWER
    at.session_state["as_of"] = AS_OF
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.get("download_button") == []
    at.button(key="brief_generate").click().run()
    assert not at.exception
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == ["Download briefing-2026-06-30-en.pdf",
                                                  "Download briefing-2026-06-30-en.xlsx"]
    at.selectbox(key="_brief_kind_en").set_value("public").run()
    assert at.get("download_button") == [], "files made for other choices are withdrawn"
    at.button(key="brief_generate").click().run()
    assert [d.proto.label for d in at.get("download_button")] == ["Download public-2026-06-30-en.html"]
    db.close_all()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_first_pdf_page_renders_to_png(known):
    content = report_content.gather(known, AS_OF, K1, lang="sr-Cyrl")
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    pdf = artifacts / "briefing_first_pages.pdf"
    pdf.write_bytes(pdf_bytes(content))
    for page in (1, 3):   # the executive summary and the scorecard
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                        str(artifacts / f"briefing_page{page}")], check=True)
        shot = artifacts / f"briefing_page{page}.png"
        assert shot.exists() and shot.stat().st_size > 10_000


def test_notes_helper_lists_notes_as_text_and_lets_analysts_add(known, db_path):
    from streamlit.testing.v1 import AppTest

    add_note(known, ANALYST, "dfc-office", "**not bold** <b>no html</b>", date(2026, 5, 1))
    known.close()
    db.close_all()
    script = "from pages.ui.common_notes import show_notes\nshow_notes('dfc-office')\n"
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state["_db_path"] = str(db_path)
    at.session_state["lang"] = "en"
    at.session_state["_actor"] = VIEWER
    at.run()
    assert not at.exception
    assert [t.value for t in at.text] == ["**not bold** <b>no html</b>"]   # shown as plain text
    assert len(at.get("form")) == 0, "viewers cannot add notes"
    at.session_state["_actor"] = ANALYST
    at.run()
    at.text_area(key="note_text_dfc-office").input("Lease signed on 3 June")
    at.button[0].click().run()          # the form's submit button
    assert not at.exception
    con = db.connect(db_path)
    try:
        assert [n["text"] for n in list_notes(con, "dfc-office")] == ["Lease signed on 3 June",
                                                                       "**not bold** <b>no html</b>"]
    finally:
        con.close()
    db.close_all()
