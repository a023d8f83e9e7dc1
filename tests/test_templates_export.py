"""Blank templates (drop-downs, frozen header, column sheet), exports with canonical columns, and formula safety."""
from __future__ import annotations

import csv
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from dialogue import export, store, templates
from dialogue.datasets import DATASETS
from dialogue.ingest import ingest
from tests.conftest import ANALYST


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_template_has_header_dropdowns_frozen_pane_and_column_sheet(tmp_path, dataset):
    ds = DATASETS[dataset]
    path = templates.write_template(dataset, tmp_path / f"{dataset}.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [dataset, "columns"]
    ws = wb[dataset]
    assert [c.value for c in ws[1]] == ds.column_names
    assert ws.freeze_panes == "A2"
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in ws.data_validations.dataValidation}
    for i, column in enumerate(ds.columns, start=1):
        letter = openpyxl.utils.get_column_letter(i)
        if column.type == "enum":
            assert lists[letter] == '"' + ",".join(column.values) + '"'
        elif column.type == "bool":
            assert lists[letter] == '"yes,no"'
        else:
            assert letter not in lists
    about = wb["columns"]
    described = {row[0]: row for row in about.iter_rows(min_row=2, values_only=True) if row and row[0] in ds.column_names}
    assert set(described) == set(ds.column_names)
    assert all(described[c.name][5] == (c.description or None) for c in ds.columns)


def test_a_filled_template_ingests(tmp_path, con):
    path = templates.write_template("exercises", tmp_path / "exercises.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["exercises"]
    row = {"name": "Platinum Wolf 25", "start_date": datetime(2025, 6, 2), "format": "multinational",
           "us_participation": "yes", "status": "held", "source": "mod.gov.rs"}
    for i, name in enumerate(DATASETS["exercises"].column_names, start=1):
        ws.cell(row=2, column=i, value=row.get(name))
    wb.save(path)
    report = ingest(con, path.read_bytes(), path.name, ANALYST)
    assert report.ok, report.errors
    assert (report.dataset, report.rows["added"]) == ("exercises", 1)
    stored = store.current_rows(con, "exercises")
    assert stored.loc[0, "name"] == "Platinum Wolf 25"
    assert stored.loc[0, "date_precision"] == "day"


FRAMES = {
    "trade": pd.DataFrame([
        {"reporter": "Serbia RZS", "year": 2024, "month": 3, "flow": "serbia_to_us", "value": 51234567.5,
         "currency": "EUR", "product": "Гуме и пнеуматици", "source": "stat.gov.rs", "note": "šumadija, čačak"},
        {"reporter": "US Census", "year": 2024, "flow": "us_to_serbia", "value": 209800000.0, "currency": "USD",
         "product_code": "0101", "source": "census.gov", "publishable": False},
    ]),
    "exercises": pd.DataFrame([
        {"name": "Double Eagle", "start_date": pd.Timestamp("2023-09-11"), "end_date": pd.Timestamp("2023-09-20"),
         "location": "Pasuljanske livade", "format": "bilateral", "us_participation": "yes", "status": "held"},
        {"name": "Платинасти вук", "start_date": pd.Timestamp("2025-01-01"), "date_precision": "year",
         "format": "multinational", "us_participation": "unclear", "status": "planned"},
    ]),
    "agreements": pd.DataFrame([
        {"title": "Energy MoU", "date_signed": pd.Timestamp("2024-09-10"), "category": "energy", "area": "energy",
         "value": 1.5e9, "currency": "USD", "status": "signed", "target_id": "energy_agreements"},
    ]),
    "events": pd.DataFrame([
        {"date": pd.Timestamp("2025-05-05"), "kind": "diplomat_training", "title": "Training, 2nd cohort",
         "quantity": 3.0, "area": "process", "synthetic": True},
        {"date": pd.Timestamp("2025-06-01"), "date_precision": "month", "kind": "visit", "title": "Visit \"quoted\""},
    ]),
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("dataset", list(FRAMES))
def test_export_then_ingest_changes_nothing(tmp_path, con, dataset, suffix):
    store.commit_frame(con, dataset, FRAMES[dataset], ANALYST, file="seed")
    out = tmp_path / f"{dataset}{suffix}"
    assert export.export_dataset(con, dataset, out) == len(FRAMES[dataset])
    report = ingest(con, out.read_bytes(), out.name, ANALYST, dry_run=True)
    assert report.ok, report.errors
    assert report.dataset == dataset
    assert report.rows == {"added": 0, "updated": 0, "unchanged": len(FRAMES[dataset]), "removed": 0}


def test_export_uses_canonical_columns_and_as_known_at(tmp_path, con):
    store.commit_frame(con, "trade", FRAMES["trade"], ANALYST, file="a", time=datetime(2026, 1, 1))
    store.commit_frame(con, "trade", FRAMES["trade"].assign(value=1.0), ANALYST, file="b", time=datetime(2026, 2, 1))
    out = tmp_path / "t.csv"
    export.export_dataset(con, "trade", out, known_at=datetime(2026, 1, 15))
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == DATASETS["trade"].column_names
    assert [r[4] for r in rows[1:]] == ["51234567.5", "209800000"]
    assert rows[1][7] == "Гуме и пнеуматици"
    assert [r[11] for r in rows[1:]] == ["yes", "no"]


HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1)", "\tTAB", "\rCR"]


def hostile_events():
    return pd.DataFrame([{"date": pd.Timestamp(2025, 1, i + 1), "kind": "context", "title": f"t{i}", "note": text,
                          "parties": text} for i, text in enumerate(HOSTILE)])


def test_csv_export_neutralises_formulas(tmp_path, con):
    store.commit_frame(con, "events", hostile_events(), ANALYST, file="h")
    out = tmp_path / "e.csv"
    export.export_dataset(con, "events", out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["note"] for r in rows] == ["'" + t for t in HOSTILE]
    assert [r["parties"] for r in rows] == ["'" + t for t in HOSTILE]
    assert rows[0]["title"] == "t0"                 # ordinary text untouched


def test_xlsx_export_stores_formula_like_text_as_text(tmp_path, con):
    store.commit_frame(con, "events", hostile_events(), ANALYST, file="h")
    out = tmp_path / "e.xlsx"
    export.export_dataset(con, "events", out)
    ws = openpyxl.load_workbook(out)["events"]
    header = [c.value for c in ws[1]]
    note = header.index("note") + 1
    cells = [ws.cell(row=r, column=note) for r in range(2, 2 + len(HOSTILE))]
    # guarded by an apostrophe as in CSV; XML turns a bare carriage return into a line feed when read back
    assert [c.value for c in cells] == ["'" + t.replace("\r", "\n") for t in HOSTILE]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert ws.cell(row=2, column=header.index("date") + 1).value == datetime(2025, 1, 1)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_demo_export_is_labelled_and_still_ingests_unchanged(tmp_path, con, suffix):
    from dialogue import db

    db.set_meta(con, "workspace", "demo")
    store.commit_frame(con, "events", FRAMES["events"], ANALYST, file="seed")
    out = tmp_path / f"events{suffix}"
    assert export.export_dataset(con, "events", out) == len(FRAMES["events"])
    if suffix == ".csv":
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["# DEMO DATA — synthetic figures, not real statistics"]
        assert rows[1] == DATASETS["events"].column_names
    else:
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames == ["DEMO DATA", "events"]
        assert wb["DEMO DATA"]["A1"].value == "DEMO DATA — synthetic figures, not real statistics"
        assert wb["events"]["A1"].value == "DEMO DATA — synthetic figures, not real statistics"
        assert [c.value for c in wb["events"][2]] == DATASETS["events"].column_names
    report = ingest(con, out.read_bytes(), out.name, ANALYST, dry_run=True)
    assert report.ok, report.errors
    assert report.dataset == "events"
    assert report.rows == {"added": 0, "updated": 0, "unchanged": len(FRAMES["events"]), "removed": 0}


def test_reference_export_carries_no_demo_label(tmp_path, con):
    from dialogue import db

    db.set_meta(con, "workspace", "reference")
    real = FRAMES["events"].iloc[[1]]                 # the row not marked synthetic
    store.commit_frame(con, "events", real, ANALYST, file="seed")
    export.export_dataset(con, "events", tmp_path / "e.xlsx")
    assert openpyxl.load_workbook(tmp_path / "e.xlsx").sheetnames == ["events"]
    assert export.demo_label(con) is None


def test_a_synthetic_row_anywhere_puts_the_demo_label_on_exports(tmp_path, con):
    store.commit_frame(con, "events", FRAMES["events"], ANALYST, file="seed")   # one of its rows is synthetic
    export.export_dataset(con, "exercises", tmp_path / "x.xlsx")
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").sheetnames == [export.DEMO_SHEET, "exercises"]
