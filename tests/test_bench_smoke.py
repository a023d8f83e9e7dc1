"""The benchmarks cannot rot: the smoke run measures every row, and the generator is deterministic."""
from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import fastexcel
import pytest

from benchmarks import generate
from benchmarks.bench_pages import pages
from dialogue.datasets import DATASETS

ROOT = Path(__file__).resolve().parent.parent
TINY = generate.Sizes(trade=500, trade_medium=120, trade_small=40, exercises=20, agreements=15, events=30, groups=4,
                      actions=30, commitments=6)


def _digests(files: generate.Files) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files.all()}


def _csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> generate.Files:
    return generate.generate(tmp_path_factory.mktemp("tiny"), TINY)


def test_same_seed_gives_the_same_bytes(tiny, tmp_path):
    again = generate.generate(tmp_path / "again", TINY, force=True)
    assert _digests(again) == _digests(tiny)


def test_another_seed_gives_other_trade_figures(tiny, tmp_path):
    other = generate.generate(tmp_path / "other", TINY, seed=generate.SEED + 100)
    assert _digests(other)[other.trade_csv.name] != _digests(tiny)[tiny.trade_csv.name]


def test_row_counts(tiny):
    assert len(_csv(tiny.trade_csv)) == 500
    assert len(_csv(tiny.trade_medium_csv)) == 120
    assert len(_csv(tiny.trade_small_csv)) == 40
    assert len(_csv(tiny.exercises_csv)) == 20
    assert len(_csv(tiny.agreements_csv)) == 15
    assert len(_csv(tiny.events_csv)) == 30
    assert len(_csv(tiny.working_groups_csv)) == 4
    assert len(_csv(tiny.actions_csv)) == 30
    assert len(_csv(tiny.commitments_csv)) == 6


@pytest.mark.parametrize("dataset,attr", [("trade", "trade_csv"), ("trade", "trade_medium_csv"),
                                          ("exercises", "exercises_csv"), ("agreements", "agreements_csv"),
                                          ("events", "events_csv"), ("working_groups", "working_groups_csv"),
                                          ("actions", "actions_csv"), ("commitments", "commitments_csv")])
def test_csv_header_is_the_canonical_columns(tiny, dataset, attr):
    with open(getattr(tiny, attr), encoding="utf-8") as fh:
        header = fh.readline().strip().split(",")
    assert header == DATASETS[dataset].column_names


def test_every_row_is_labelled_synthetic(tiny):
    for path in (tiny.trade_csv, tiny.exercises_csv, tiny.agreements_csv, tiny.events_csv, tiny.working_groups_csv,
                 tiny.actions_csv, tiny.commitments_csv):
        rows = _csv(path)
        assert {r["synthetic"] for r in rows} == {"true"}
        assert all(r["source"].startswith("SYNTHETIC") for r in rows)


def test_trade_keys_are_unique_and_the_reporters_keep_their_currency(tiny):
    rows = _csv(tiny.trade_csv)
    keys = {tuple(r[c] for c in DATASETS["trade"].key) for r in rows}
    assert len(keys) == len(rows)
    assert {(r["reporter"], r["currency"]) for r in rows} == {("US Census", "USD"), ("Serbia RZS", "EUR")}
    assert {r["flow"] for r in rows} == {"us_to_serbia", "serbia_to_us"}
    years = {int(r["year"]) for r in rows}
    assert min(years) == 2010 and max(years) == 2026
    assert {int(r["month"]) for r in rows} <= set(range(1, 13))


def test_subsets_are_rows_of_the_large_file(tiny):
    large = {tuple(r.values()) for r in _csv(tiny.trade_csv)}
    assert {tuple(r.values()) for r in _csv(tiny.trade_medium_csv)} <= large
    assert {tuple(r.values()) for r in _csv(tiny.trade_small_csv)} <= large


def test_workbook_holds_the_medium_subset_in_eight_columns(tiny):
    table = fastexcel.read_excel(tiny.trade_xlsx).load_sheet(0).to_arrow()
    assert table.column_names == list(generate.XLSX_COLUMNS)
    assert table.num_rows == 120
    medium = _csv(tiny.trade_medium_csv)
    assert table.column("value").to_pylist() == [float(r["value"]) for r in medium]
    assert table.column("product_code").to_pylist() == [r["product_code"] for r in medium]
    assert set(table.column("synthetic").to_pylist()) == {"yes"}


def test_workbook_opens_in_openpyxl_without_warnings(tiny, recwarn):
    import openpyxl

    wb = openpyxl.load_workbook(tiny.trade_xlsx, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    assert rows[0] == generate.XLSX_COLUMNS
    assert len(rows) == 121
    assert not [w for w in recwarn if "openpyxl" in str(w.filename)]


def test_a_run_without_warm_up_still_checks_each_result_once():
    """The smoke run times with no warm-up (tests/test_bench_smoke.py's minutes): each contender's first timed result is
    checked instead, so a benchmark that computes the wrong thing still fails."""
    from benchmarks.measure import Contender, compare

    checked = []
    runs = iter(range(100))
    contenders = {name: Contender(run=lambda _, name=name: (name, next(runs)), check=checked.append) for name in "ab"}
    timings = compare(contenders, runs=3, warmup=0)
    assert checked == [("a", 0), ("b", 1)]
    assert [len(t.runs) for t in timings.values()] == [3, 3]
    checked.clear()
    compare(contenders, runs=2, warmup=1)
    assert checked == [("a", 6), ("b", 7)]           # the warm-up's results, not the timed ones

    def wrong(result):
        raise RuntimeError(f"wrong result {result}")

    with pytest.raises(RuntimeError, match="wrong result"):
        compare({"bad": Contender(run=lambda _: 1, check=wrong)}, runs=1, warmup=0)


def test_the_smoke_run_warms_up_nothing_and_the_full_run_once(monkeypatch):
    from benchmarks import run as bench_run

    seen = {}
    monkeypatch.setattr(bench_run, "run_group", lambda name, args: seen.update(warmup=args.warmup) or [])
    for argv, warmup in ((["--smoke"], 0), ([], 1), (["--smoke", "--warmup", "2"], 2)):
        bench_run.main([*argv, "--group", "status", "--json-out", "/dev/null"])
        assert seen["warmup"] == warmup


def _expected_keys() -> list[str]:
    keys = ["1a", "1b", "2", "3", "6", "4a", "4b", "7", "7P"]
    keys += [f"5L-{Path(p).stem}" for p in pages()] + [f"5D-{Path(p).stem}" for p in pages()]
    if Path("/usr/bin/chromium").exists():       # the browser rows (issue 18), smoke: one page on the demo, one round
        keys += ["BD-trade", "L-p95", "L-capacity", "L-errors"]      # and the load rows: 2 sessions for 10 s
    return keys


@pytest.mark.slow(seconds=150)
def test_smoke_run_measures_every_row(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--smoke", "--out", str(out), "--data", str(tmp_path / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    for section in ("## Results", "## Reproduce", "## Machine", "## Method"):
        assert section in text
    assert "python -m benchmarks.run" in text and "logical cores" in text
    table = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0] not in ("#", "---"):
            table[cells[0]] = cells
    assert pages(), "app.py routes to no page"
    for key in _expected_keys():
        assert key in table, f"row {key} missing from the smoke report"
        ratio = table[key][5]
        why = next((line for line in text.splitlines() if line.startswith(f"- **{key}**:")), "")
        assert re.match(r"^(> )?\d[\d,]*(\.\d+)?", ratio), f"row {key} has no number: {why or table[key]}"


def test_delivery_set_refers_to_its_own_groups_and_actions(tiny):
    """Actions and meetings name generated groups; commitments link generated actions (the Delivery page's data)."""
    groups = {r["group_id"] for r in _csv(tiny.working_groups_csv)}
    assert groups == {"WG-001", "WG-002", "WG-003", "WG-004"}
    assert {r["group_id"] for r in _csv(tiny.actions_csv)} <= groups
    meetings = [r for r in _csv(tiny.events_csv) if r["kind"] == "working_group_meeting"]
    assert all(r["target_id"] in groups for r in meetings)
    actions = {r["action_id"] for r in _csv(tiny.actions_csv)}
    assert {r["action_ids"] for r in _csv(tiny.commitments_csv)} <= actions
