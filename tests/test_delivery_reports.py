"""Issue 14's briefing sections, read back from the PDF, the XLSX annex and the public HTML report."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from dialogue import reports
from dialogue.reports.labels import label
from tests.conftest import put_rows

pytestmark = pytest.mark.slow(seconds=25)   # few tests, long ones: queued early (conftest.py)

AS_OF = date(2026, 7, 15)


@pytest.fixture
def plans(con):
    put_rows(con, "events", [dict(date="2026-02-12", kind="annual_meeting", title="Annual meeting, Belgrade",
                                  area="process", source="https://example.org/meeting")])
    put_rows(con, "working_groups", [dict(group_id="wg-trade", name="Trade", area="economic", state="active")])
    put_rows(con, "actions", [
        dict(action_id="A1", group_id="wg-trade", title="Barrier inventory", lead_side="joint",
             owner="Ministry of Trade", due_date="2026-06-30", state="in_progress"),
        dict(action_id="A2", group_id="wg-trade", title="Tax treaty draft", lead_side="serbia",
             owner="Ministry of Finance", due_date="2026-05-31", state="delayed"),
        dict(action_id="A3", group_id="wg-trade", title="Customs pilot", lead_side="serbia",
             owner="Ministry of Finance", due_date="2026-04-30", state="done"),
        dict(action_id="A4", group_id="wg-trade", title="Internal step", lead_side="us", owner="Ministry of Trade",
             due_date="2026-03-31", state="planned", publishable=False),
    ])
    put_rows(con, "commitments", [
        dict(commitment_id="C0", made_at="2025-03-01", meeting="Earlier talks", text="Older promise", side="joint",
             state="open", due_date="2025-12-31"),
        dict(commitment_id="C1", made_at="2026-02-12", meeting="Annual meeting", text="Sign the tax treaty",
             side="joint", owner="Ministry of Finance", due_date="2026-06-30", state="open",
             source="https://example.org/communique"),
        dict(commitment_id="C2", made_at="2026-02-12", meeting="Annual meeting", text="Publish the barrier list",
             side="serbia", due_date="2026-06-30", state="kept"),
        dict(commitment_id="C3", made_at="2026-02-12", meeting="Annual meeting", text="Closed-door promise",
             side="us", due_date="2026-06-30", state="open", publishable=False),
    ])
    return con


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _files(con, kind, lang="en"):
    content, files = reports.documents(con, AS_OF, kind=kind, lang=lang)
    return content, {name.rsplit(".", 1)[1]: data for name, data in files.items()}


def test_briefing_pdf_has_commitments_since_the_annual_meeting_and_overdue_actions_by_owner(plans):
    content, files = _files(plans, "briefing")
    # since = the annual meeting on 12 February: C0 (2025) is older; C1 is open past 30 June: overdue
    assert [m["text"] for m in content.commitments] == ["Sign the tax treaty", "Publish the barrier list",
                                                        "Closed-door promise"]
    assert [m["overdue"] for m in content.commitments] == [True, False, True]
    # overdue on 15 July: A2 (31 May, delayed), A1 (30 June), A4 (31 March); A3 is done. Owners with most first.
    assert [(a["owner"], a["action_id"]) for a in content.overdue_actions] == [
        ("Ministry of Trade", "A4"), ("Ministry of Trade", "A1"), ("Ministry of Finance", "A2")]
    text = _pdf_text(files["pdf"])
    assert label("commitments_since", "en") in text and label("overdue_by_owner", "en") in text
    assert "Sign the tax treaty" in text and "Open (overdue)" in text
    assert "Older promise" not in text
    assert "Tax treaty draft" in text and "Customs pilot" not in text


def test_annual_report_in_cyrillic_has_the_sections(plans):
    _content, files = _files(plans, "annual", "sr-Cyrl")
    text = _pdf_text(files["pdf"])
    assert label("commitments_since", "sr-Cyrl") in text          # Обавезе од последњег годишњег састанка
    assert label("overdue_by_owner", "sr-Cyrl") in text
    assert "Отворено (рок прекорачен)" in text


def test_quarterly_report_has_no_delivery_sections(plans):
    _content, files = _files(plans, "quarterly")
    assert label("commitments_since", "en") not in _pdf_text(files["pdf"])


def test_xlsx_annex_has_a_sheet_per_delivery_dataset(plans):
    _content, files = _files(plans, "briefing")
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    for name, ids in (("working_groups", ["wg-trade"]), ("actions", ["A1", "A2", "A3", "A4"]),
                      ("commitments", ["C0", "C1", "C2", "C3"])):
        rows = list(wb[name].iter_rows(values_only=True))
        header = next(i for i, r in enumerate(rows) if r and r[0] in ("group_id", "action_id", "commitment_id"))
        assert sorted(r[0] for r in rows[header + 1:] if r and r[0]) == ids


def test_public_report_shows_publishable_actions_and_commitments_only(plans):
    content, files = _files(plans, "public")
    html = files["html"].decode("utf-8")
    assert "Sign the tax treaty" in html and "Tax treaty draft" in html
    assert "Closed-door promise" not in html and "Internal step" not in html
    # A4 is not publishable; one overdue action each, owners in alphabetical order
    assert [a["action_id"] for a in content.overdue_actions] == ["A2", "A1"]


def test_approved_assessments_go_into_the_quarterly_report_beside_the_status(plans):
    from dialogue import assessments
    from dialogue.roles import Actor

    ana, boris = Actor("ana", "analyst"), Actor("boris", "analyst")
    kept = assessments.record(plans, ana, "trade-growth", "2026-Q3", "low", "Exports fell in July.", "Trade mission")
    assessments.approve(plans, boris, kept)
    assessments.record(plans, ana, "joint-exercises", "2026-Q3", "high", "Draft, not approved yet.")
    assessments.approve(plans, boris, assessments.record(plans, ana, "joint-exercises", "2025-Q4", "high", "Old."))
    content, files = _files(plans, "quarterly")          # Q3 2026: 1 July - 30 September
    assert [(a["target"], a["quarter"], a["confidence"], a["approved_by"]) for a in content.assessments] == [
        ("trade-growth", "2026-Q3", "Low", "boris")]
    assert content.assessments[0]["status"] == next(s.status for s in content.statuses if s.target == "trade-growth")
    text = _pdf_text(files["pdf"])
    assert label("assessments", "en") in text and "Exports fell in July." in text and "Draft, not approved" not in text
    public, _ = _files(plans, "public")
    assert public.assessments == []


def test_method_page_defines_the_confidence_levels():
    from dialogue.views import method

    rules = dict(method("sr-Latn").rules)
    text = rules["Pouzdanost ostvarenja (kvartalne procene)"]
    assert "Visoka:" in text and "Srednja:" in text and "Niska:" in text


def _pdftotext(data: bytes, tmp_path) -> str:
    """The PDF as poppler's pdftotext reads it (layout kept), so a reader's tool finds what we wrote."""
    import subprocess

    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("kind,lang,heading,confidence", [
    ("briefing", "en", "Quarterly assessments (approved)", "Low"),
    ("annual", "sr-Cyrl", "Кварталне процене (одобрене)", "Ниска"),
])
def test_approved_assessments_go_into_the_briefing_pack_and_the_annual_report(plans, tmp_path, kind, lang, heading,
                                                                             confidence):
    from dialogue import assessments
    from dialogue.roles import Actor

    ana, boris = Actor("ana", "analyst"), Actor("boris", "analyst")
    assessments.approve(plans, boris, assessments.record(plans, ana, "trade-growth", "2026-Q2", "low",
                                                         "Exports fell in May.", "Trade mission"))
    assessments.record(plans, ana, "joint-exercises", "2026-Q2", "high", "Draft, not approved yet.")
    content, files = _files(plans, kind, lang)
    assert [(a["target"], a["quarter"], a["approved_by"]) for a in content.assessments] == [
        ("trade-growth", "2026-Q2", "boris")]
    text = _pdftotext(files["pdf"], tmp_path)
    assert heading == label("assessments", lang) and heading in text
    assert "Exports fell in May." in text and "Trade mission" in text and confidence in text and "boris" in text
    assert "Draft, not approved" not in text
    annex = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    assert {"working_groups", "actions", "commitments"} <= set(annex.sheetnames)
