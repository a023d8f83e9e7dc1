"""The demo generator: deterministic, labelled synthetic, and giving every target kind something to measure."""
from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from dialogue import db, demo, store
from dialogue.datasets import DATASETS
from tests.conftest import ADMIN


@pytest.fixture(scope="module")
def frames():
    return demo.generate()


def test_same_seed_gives_identical_frames(frames):
    again = demo.generate(2026)
    for name in DATASETS:
        pd.testing.assert_frame_equal(frames[name], again[name])


def test_other_seed_gives_other_figures(frames):
    other = demo.generate(7)
    assert not frames["trade"]["value"].equals(other["trade"]["value"])


def test_every_row_is_labelled_synthetic(frames):
    for name, frame in frames.items():
        assert list(frame.columns) == DATASETS[name].column_names
        assert frame["synthetic"].all(), name
        assert frame["source"].str.contains("Synthetic demo data").all(), name
        assert not frame.duplicated(list(DATASETS[name].key)).any(), name


def test_enums_are_valid(frames):
    for name, frame in frames.items():
        for column in DATASETS[name].columns:
            if column.type == "enum":
                assert set(frame[column.name].dropna()) <= set(column.values), (name, column.name)


def test_trade_is_monthly_for_both_reporters_with_a_mirror_gap(frames):
    t = frames["trade"]
    totals = t[t["product_code"].isna()]
    # RZS publishes in EUR and USD (formats.md 5b); the US Census in USD only
    for reporter, currencies in (("US Census", {"USD"}), ("Serbia RZS", {"EUR", "USD"})):
        mine = totals[(totals.reporter == reporter)]
        assert set(mine.currency) == currencies
        for currency in currencies:
            periods = set(zip(*(mine[mine.currency == currency][c] for c in ("year", "month"))))
            assert (2016, 1) in periods and (2026, 10) in periods and (2026, 11) not in periods
            assert len(periods) == 10 * 12 + 10
    us = totals[totals.reporter == "US Census"].groupby("flow")["value"].sum()
    rzs = totals[(totals.reporter == "Serbia RZS") & (totals.currency == "EUR")].groupby("flow")["value"].sum()
    # RZS records far more imports from the US than the US records as exports (mirror gap)
    assert rzs["us_to_serbia"] > 2 * us["us_to_serbia"]
    assert t["product_code"].notna().any() and t["product"].notna().any()


def test_rzs_usd_figures_are_its_eur_figures_at_the_years_rate(frames):
    t = frames["trade"]
    rzs = t[(t.reporter == "Serbia RZS") & (t.year == 2024) & (t.month == 3) & t.product_code.isna()
            & (t.flow == "serbia_to_us")]
    eur = float(rzs[rzs.currency == "EUR"].value.iloc[0])
    usd = float(rzs[rzs.currency == "USD"].value.iloc[0])
    assert abs(usd - eur * demo.USD_PER_EUR[2024]) <= 1
    # the same product lines exist in both currencies
    lines = t[(t.reporter == "Serbia RZS") & t.product_code.notna()]
    assert len(lines[lines.currency == "USD"]) == len(lines[lines.currency == "EUR"]) > 0


def test_every_target_kind_has_data(frames):
    ex, ag, ev = frames["exercises"], frames["agreements"], frames["events"]
    # annual_count: some years reach 3 held exercises with US participation, 2026 has planned ones
    held = ex[(ex.status == "held") & (ex.us_participation == "yes")]
    per_year = held.start_date.dt.year.value_counts()
    assert (per_year >= 3).any() and (per_year < 3).any()
    planned_2026 = ex[(ex.status == "planned") & (ex.start_date.dt.year == 2026)]
    assert len(planned_2026) >= 1 and (planned_2026.start_date.dt.month >= 11).all()
    # window_count: defence agreements inside three years from 2026-01-01
    window = ag[(ag.category == "defence") & (ag.area == "security")
                & (ag.date_signed >= "2026-01-01") & (ag.date_signed < "2029-01-01")]
    assert len(window[window.status == "signed"]) >= 2
    # milestones: achieved (one of them late) and progress
    assert {"milestone_achieved", "progress"} <= set(ev.kind)
    roadmap1 = ev[(ev.target_id == "roadmap-1") & (ev.kind == "milestone_achieved")]
    assert (roadmap1.date > "2025-06-30").all()                       # achieved late
    # process events and diplomat training with quantities
    assert ev[ev.kind == "inaugural_meeting"].date.dt.strftime("%Y-%m").tolist() == ["2026-02"]
    assert {"quarterly_report", "working_group_meeting", "public_report"} <= set(ev.kind)
    training = ev[ev.kind == "diplomat_training"]
    assert training[training.date.dt.year == 2026].quantity.sum() == 3


def _content(path) -> dict:
    con = db.connect(path)
    try:
        return {name: con.execute(
            f"select * exclude (valid_from, valid_to) from {name} order by all").fetchall()  # noqa: S608 - table names are constants
            for name in DATASETS}
    finally:
        con.close()


def test_same_seed_gives_identical_database_content(tmp_path):
    for n in (1, 2):
        con = db.connect(tmp_path / f"demo{n}.duckdb")
        for name, frame in demo.generate().items():
            store.commit_frame(con, name, frame, ADMIN, file="demo", layout="demo",
                               time=datetime(2026, 1, 1))
        con.close()
    first, second = _content(tmp_path / "demo1.duckdb"), _content(tmp_path / "demo2.duckdb")
    assert first == second
    assert len(first["trade"]) == len(demo.generate()["trade"])


def test_every_working_group_meeting_names_its_group_and_area(frames):
    """One list serves every group's meetings: each title names the group as the working_groups rows do."""
    groups = frames["working_groups"].set_index("group_id")
    met = frames["events"][frames["events"]["kind"] == "working_group_meeting"]
    assert len(met) == 10 and set(met["target_id"]) == {"wg-economic", "wg-security", "wg-energy", "wg-people",
                                                         "wg-political"}
    for row in met.itertuples():
        name = groups.loc[row.target_id, "name"].removesuffix(" (demo)")
        assert row.title == f"Working group meeting: {name}, {row.date:%m/%Y} (demo)"
        assert row.area == groups.loc[row.target_id, "area"]
