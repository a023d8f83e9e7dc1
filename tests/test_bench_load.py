"""The load benchmark's arithmetic: p95, each view against its page alone, and the rows it fills."""
from __future__ import annotations

from benchmarks import bench_load


def test_p95_is_the_nearest_rank_below_the_top_five_percent():
    # 21 values 0..20: index int(0.95 * 20) = 19
    assert bench_load.p95([float(v) for v in reversed(range(21))]) == 19.0
    assert bench_load.p95([4.0]) == 4.0


def test_each_view_is_divided_by_its_own_page_alone():
    alone = {"Overview": 0.5, "Trade": 2.0}
    assert bench_load.normalised([("Trade", 3.0), ("Overview", 1.5), ("Trade", 2.0)], alone) == [1.5, 3.0, 1.0]


def _out(views, errors=(), wrong=()):
    return {"alone": {"Overview": 1.0, "Trade": 2.0}, "rss_alone": 200 * 2**20, "errors": list(errors),
            "wrong": list(wrong), "figures": [(3, {"✅ Achieved": "1"})],
            "levels": {"2": {"views": views, "seconds": 10.0, "cpu": 4.0, "rss": 220 * 2**20,
                             "load": "1.00 / 1.00 / 1.00", "uploads": 1}}}


def test_rows_judge_the_p95_of_the_normalised_views_not_of_the_raw_times():
    # Trade is slow alone (2 s): 4 s under load is 2×; Overview's 3.5 s is 3.5× its 1 s alone.
    views = [("Trade", 4.0)] * 19 + [("Overview", 3.5)] * 2
    rows = bench_load._fill(bench_load._rows(bench_load.plan(True)), _out(views), bench_load.plan(True))
    p95_row, capacity, errors_row = rows
    assert p95_row.key == "L-p95" and errors_row.key == "L-errors"
    assert p95_row.ratio == 3.5          # sorted ratios: 19 × 2.0 then 2 × 3.5; index 19 is 3.5
    assert p95_row.meets is False
    assert p95_row.subject["median"] == 4.0     # raw p95 of the times
    assert p95_row.baseline["median"] == 1.5    # median of the pages alone (1 and 2)
    assert "Worst page Overview" in p95_row.note and "CPU 0.40 cores" in p95_row.note
    assert errors_row.ratio == 0.0 and errors_row.meets is True
    assert capacity.key == "L-capacity" and capacity.ratio == 0.0     # the only level missed 3×


def test_an_error_or_a_wrong_figure_fails_the_errors_row():
    views = [("Trade", 2.0)] * 5
    rows = bench_load._fill(bench_load._rows(bench_load.plan(True)),
                            _out(views, wrong=[(3, {}, {"✅ Achieved": "1"})]), bench_load.plan(True))
    assert rows[0].ratio == 1.0 and rows[0].meets is True
    assert rows[-1].ratio == 1.0 and rows[-1].meets is False
    assert "wrong figures" in rows[-1].note


def test_the_full_plan_judges_twenty_sessions_for_two_minutes_probes_further_and_smoke_stays_small():
    full, smoke = bench_load.plan(False), bench_load.plan(True)
    assert full["goal_level"] == 20 and full["seconds"][20] == 120.0 and full["levels"] == (10, 20, 40, 80)
    assert smoke["levels"] == (2,) and smoke["seconds"][2] <= 10.0
    assert [r.key for r in bench_load._rows(full)] == ["L10-p95", "L-p95", "L-capacity", "L-errors"]


def test_capacity_is_the_largest_level_meeting_the_goal_with_every_level_below_it():
    alone = {"Overview": 1.0}
    level = lambda seconds: {"views": [("Overview", seconds)] * 20, "seconds": 60.0, "cpu": 30.0,  # noqa: E731
                             "rss": 300 * 2**20, "load": "1.0", "uploads": 6}
    out = {"alone": alone, "rss_alone": 250 * 2**20, "errors": [], "wrong": [], "figures": [],
           "levels": {"10": level(1.2), "20": level(2.5), "40": level(3.5), "80": level(2.9)}}
    rows = {r.key: r for r in bench_load._fill(bench_load._rows(bench_load.plan(False)), out, bench_load.plan(False))}
    assert rows["L-p95"].ratio == 2.5 and rows["L10-p95"].ratio == 1.2
    cap = rows["L-capacity"]
    assert cap.ratio == 20.0 and cap.meets is True       # 40 missed, so 80's pass does not count
    assert "40 sessions: p95 3.50×" in cap.note and "0.50 cores" in cap.note


def test_the_protocol_client_reads_the_overview_tiles_and_the_upload_the_sidebar_names():
    from benchmarks import st_client

    run = st_client.Run()
    run.texts[0] = ["Are we on track?",
                    "| ✅ Achieved | 🟢 On track | ❔ No data |\n|:-:|:-:|:-:|\n"
                    "| **10** :green[↑+1] | **7** | **0** :gray[↓-1] |\n\n**Worsened since 30 Sep 2026**\n"
                    "| a | b |\n|---|---|\n| 99 | 98 |"]
    run.texts[st_client.SIDEBAR] = ["Language", "Signed in as viewer0 (viewer)", "Data: upload #27"]
    assert st_client.overview_figures(run) == (27, {"✅ Achieved": "10", "🟢 On track": "7", "❔ No data": "0"})
    run.texts[st_client.SIDEBAR] = ["Language"]
    assert st_client.upload_shown(run) is None


def test_widget_ids_are_known_by_their_user_key():
    from benchmarks import st_client

    assert st_client._user_key("$$ID-4f1a9c-_dialogue_sign_in_name") == "_dialogue_sign_in_name"
    assert st_client._user_key("$$ID-4f1a9c-None") == "None"
    assert st_client._user_key("plain") == "plain"
