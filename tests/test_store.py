"""The versioned store: merge, replace, dry run, re-upload, rollback and as-known-at, by hand-computed cases."""
from datetime import datetime

import pandas as pd
import pytest

from dialogue import db, store
from dialogue.roles import PermissionDenied
from tests.conftest import ANALYST, VIEWER


def trade(*rows):
    """Trade rows as (reporter, year, flow, value); currency USD for US reporters, EUR otherwise."""
    return pd.DataFrame([
        {"reporter": r, "year": y, "flow": f, "value": v, "currency": "USD" if r.startswith("US") else "EUR",
         "source": "test"}
        for r, y, f, v in rows
    ])


def values(con, dataset="trade", known_at=None):
    """{(reporter, year, flow): value} of the current (or as-known-at) trade rows."""
    df = store.current_rows(con, dataset, known_at)
    return {(r.reporter, int(r.year), r.flow): float(r.value) for r in df.itertuples()}


def events(*rows):
    return pd.DataFrame([{"date": pd.Timestamp(d), "kind": k, "title": t} for d, k, t in rows])


BASE = trade(("US Census", 2023, "us_to_serbia", 100.0), ("US Census", 2024, "us_to_serbia", 200.0),
             ("Serbia RZS", 2024, "serbia_to_us", 300.0))


def test_first_upload_adds_every_row_and_records_the_upload(con):
    uid = store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv", sha256="abc")
    assert uid == 1
    assert values(con) == {("US Census", 2023, "us_to_serbia"): 100.0, ("US Census", 2024, "us_to_serbia"): 200.0,
                           ("Serbia RZS", 2024, "serbia_to_us"): 300.0}
    (h,) = store.history(con)
    assert (h["upload_id"], h["dataset"], h["file"], h["sha256"], h["user"], h["mode"], h["status"]) == (
        1, "trade", "base.csv", "abc", "ana", "merge", "active")
    assert h["rows"] == {"added": 3, "updated": 0, "unchanged": 0, "removed": 0}
    audit = con.execute("select action, ok, \"user\" from audit_log").fetchall()
    assert audit == [("upload", True, "ana")]


def test_current_rows_have_canonical_columns_and_defaults(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    df = store.current_rows(con, "trade")
    assert list(df.columns) == ["reporter", "year", "month", "flow", "value", "currency", "product_code", "product",
                                "flow_as_reported", "source", "note", "publishable", "synthetic"]
    assert df["publishable"].tolist() == [True, True, True]
    assert df["synthetic"].tolist() == [False, False, False]


def test_merge_upserts_by_key_and_keeps_the_rest(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    upload = trade(("US Census", 2024, "us_to_serbia", 250.0),   # updated 200 -> 250
                   ("US Census", 2025, "us_to_serbia", 50.0),    # added
                   ("Serbia RZS", 2024, "serbia_to_us", 300.0))  # unchanged
    p = store.plan(con, "trade", upload, "merge")
    assert p.rows == {"added": 1, "updated": 1, "unchanged": 1, "removed": 0}
    assert p.updated_cells.to_dict("records") == [
        {"key": "US Census · 2024 · — · us_to_serbia · USD · —", "column": "value", "old": "200.0", "new": "250.0"}]
    assert p.added_rows["year"].tolist() == [2025]
    uid = store.commit(con, p, ANALYST, file="merge.csv")
    assert uid == 2
    assert values(con) == {("US Census", 2023, "us_to_serbia"): 100.0, ("US Census", 2024, "us_to_serbia"): 250.0,
                           ("US Census", 2025, "us_to_serbia"): 50.0, ("Serbia RZS", 2024, "serbia_to_us"): 300.0}
    # the old version is kept, closed by upload 2, never overwritten
    versions = con.execute("select value, valid_from, valid_to from trade where year = 2024 and reporter = 'US Census' "
                           "order by valid_from").fetchall()
    assert versions == [(200.0, 1, 2), (250.0, 2, None)]
    assert store.history(con)[1]["rows"] == {"added": 1, "updated": 1, "unchanged": 1, "removed": 0}


def test_merge_treats_annual_and_monthly_figures_and_products_as_different_keys(con):
    annual = trade(("US Census", 2024, "us_to_serbia", 1200.0))
    monthly = annual.assign(month=[1], value=[100.0])
    product = annual.assign(product_code=["8703"], value=[7.0])
    store.commit_frame(con, "trade", annual, ANALYST, file="a.csv")
    store.commit_frame(con, "trade", monthly, ANALYST, file="m.csv")
    store.commit_frame(con, "trade", product, ANALYST, file="p.csv")
    assert sorted(store.current_rows(con, "trade")["value"].tolist()) == [7.0, 100.0, 1200.0]


class _Recorded:
    """A connection whose cursors note every statement they run (DuckDB's own objects take no attributes)."""

    def __init__(self, con):
        self.con, self.statements = con, []

    def cursor(self):
        return _RecordingCursor(self.con.cursor(), self.statements)


class _RecordingCursor:
    def __init__(self, cur, statements):
        self._cur, self._statements = cur, statements

    def execute(self, sql, *args):
        self._statements.append(sql)
        return self._cur.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._cur, name)


@pytest.mark.parametrize("commit", [False, True], ids=["dry run", "commit"])
def test_a_plan_without_updated_rows_skips_the_changed_cells_query(con, commit):
    """Only added rows: no changed cells to list, so no join of every column against the stored rows."""
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    recorded = _Recorded(con)
    added = trade(("US Census", 2025, "us_to_serbia", 50.0))
    if commit:
        p, uid = store.apply(recorded, "trade", added, ANALYST, file="added.csv")
        assert uid == 2
    else:
        p = store.plan(recorded, "trade", added)
    assert p.rows == {"added": 1, "updated": 0, "unchanged": 0, "removed": 0}
    assert list(p.updated_cells.columns) == ["key", "column", "old", "new"] and p.updated_cells.empty
    assert p.added_rows["year"].tolist() == [2025]
    assert recorded.statements and not [s for s in recorded.statements if " union all " in s]
    updated = store.plan(_Recorded(con), "trade", trade(("US Census", 2024, "us_to_serbia", 250.0)))
    assert updated.updated_cells[["column", "old", "new"]].values.tolist() == [["value", "200.0", "250.0"]]


def test_replace_makes_the_upload_the_whole_dataset(con):
    store.commit_frame(con, "events", events(("2025-01-10", "progress", "A"), ("2025-02-10", "visit", "B")),
                       ANALYST, file="e1.csv")
    uid = store.commit_frame(con, "events", events(("2025-02-10", "visit", "B"), ("2025-03-10", "visit", "C")),
                             ANALYST, file="e2.csv", mode="replace")
    assert sorted(store.current_rows(con, "events")["title"]) == ["B", "C"]
    assert store.history(con)[-1]["rows"] == {"added": 1, "updated": 0, "unchanged": 1, "removed": 1}
    assert con.execute("select valid_to from events where title = 'A'").fetchone() == (uid,)


def test_replace_of_trade_only_touches_the_uploads_reporters(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    upload = trade(("US Census", 2024, "us_to_serbia", 210.0))
    p = store.plan(con, "trade", upload, "replace")
    assert p.scope == {"reporter": ["US Census"]}
    assert p.rows == {"added": 0, "updated": 1, "unchanged": 0, "removed": 1}
    assert p.removed_rows["year"].tolist() == [2023]
    store.commit(con, p, ANALYST, file="census.csv")
    # US Census 2023 removed, 2024 replaced; the Serbian reporter's figure untouched
    assert values(con) == {("US Census", 2024, "us_to_serbia"): 210.0, ("Serbia RZS", 2024, "serbia_to_us"): 300.0}


def test_dry_run_writes_nothing(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    before = db.fingerprint(con)
    p = store.plan(con, "trade", trade(("Serbia RZS", 2024, "serbia_to_us", 1.0)), "replace")
    assert p.rows == {"added": 0, "updated": 1, "unchanged": 0, "removed": 0}
    assert p.to_json()["updated"] == [{"key": "Serbia RZS · 2024 · — · serbia_to_us · EUR · —",
                                       "column": "value", "old": "300.0", "new": "1.0"}]
    assert db.fingerprint(con) == before


def test_uploading_the_same_rows_again_changes_nothing(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv", sha256="s1")
    before = db.fingerprint(con)
    assert store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv", sha256="s1") is None
    assert store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv", mode="replace") is None
    assert db.fingerprint(con) == before
    assert store.find_identical(con, "trade", "s1") == 1


def test_duplicate_keys_in_one_upload_are_refused_with_their_positions(con):
    upload = trade(("US Census", 2024, "us_to_serbia", 1.0), ("Serbia RZS", 2024, "serbia_to_us", 2.0),
                   ("US Census", 2024, "us_to_serbia", 3.0))
    with pytest.raises(store.DuplicateKeys) as err:
        store.plan(con, "trade", upload)
    assert err.value.duplicates == [("US Census · 2024 · — · us_to_serbia · USD · —", [0, 2])]


def test_rollback_restores_the_state_before_the_upload(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    second = store.commit_frame(con, "trade", trade(("US Census", 2024, "us_to_serbia", 999.0),
                                                    ("US Census", 2025, "us_to_serbia", 5.0)),
                                ANALYST, file="oops.csv")
    rb = store.rollback(con, second, ANALYST)
    assert rb == 3
    assert values(con) == {("US Census", 2023, "us_to_serbia"): 100.0, ("US Census", 2024, "us_to_serbia"): 200.0,
                           ("Serbia RZS", 2024, "serbia_to_us"): 300.0}
    h = store.history(con)
    assert h[1]["status"] == "rolled_back" and h[1]["rolled_back_by"] == 3
    assert (h[2]["mode"], h[2]["rolls_back"]) == ("rollback", 2)
    assert h[2]["rows"] == {"added": 0, "updated": 1, "unchanged": 0, "removed": 1}
    # nothing deleted: 3 base versions + 2 from the bad upload + 1 restored copy
    assert con.execute("select count(*) from trade").fetchone() == (6,)


def test_rollback_of_a_replace_brings_removed_rows_back(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    rep = store.commit_frame(con, "trade", trade(("US Census", 2024, "us_to_serbia", 210.0)), ANALYST,
                             file="census.csv", mode="replace")
    store.rollback(con, rep, ANALYST)
    assert values(con) == values_of(BASE)


def values_of(frame):
    return {(r.reporter, int(r.year), r.flow): float(r.value) for r in frame.itertuples()}


def test_rollback_after_a_later_upload_touched_other_keys_keeps_the_later_change(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    bad = store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 111.0)), ANALYST, file="bad.csv")
    store.commit_frame(con, "trade", trade(("Serbia RZS", 2024, "serbia_to_us", 333.0),
                                           ("Serbia RZS", 2025, "serbia_to_us", 40.0)), ANALYST, file="later.csv")
    store.rollback(con, bad, ANALYST)
    assert values(con) == {("US Census", 2023, "us_to_serbia"): 100.0, ("US Census", 2024, "us_to_serbia"): 200.0,
                           ("Serbia RZS", 2024, "serbia_to_us"): 333.0, ("Serbia RZS", 2025, "serbia_to_us"): 40.0}
    assert store.history(con)[-1]["rows"] == {"added": 0, "updated": 1, "unchanged": 0, "removed": 0}


def test_rollback_of_a_rollback_is_refused_and_changes_nothing(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    up = store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 111.0)), ANALYST, file="u.csv")
    rb = store.rollback(con, up, ANALYST)
    before = db.fingerprint(con)
    with pytest.raises(store.StoreError, match=r"#3 is itself a rollback \(of upload #2\).*upload its file again"):
        store.rollback(con, rb, ANALYST)
    assert db.fingerprint(con) == before
    assert values(con)[("US Census", 2023, "us_to_serbia")] == 100.0


def test_rollback_refuses_unknown_and_already_rolled_back_uploads(con):
    up = store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    with pytest.raises(store.StoreError, match="no upload #42"):
        store.rollback(con, 42, ANALYST)
    store.rollback(con, up, ANALYST)
    before = db.fingerprint(con)
    with pytest.raises(store.StoreError, match="already rolled back by upload #2"):
        store.rollback(con, up, ANALYST)
    assert db.fingerprint(con) == before
    assert values(con) == {}


def test_rows_as_known_at_past_moments(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv", time=datetime(2026, 1, 1))
    store.commit_frame(con, "trade", trade(("US Census", 2024, "us_to_serbia", 250.0)), ANALYST, file="fix.csv",
                       time=datetime(2026, 2, 1))
    store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 100.0)), ANALYST, file="rep.csv",
                       mode="replace", time=datetime(2026, 3, 1))
    assert values(con, known_at=datetime(2025, 12, 31)) == {}
    assert values(con, known_at=datetime(2026, 1, 15)) == values_of(BASE)
    assert values(con, known_at=datetime(2026, 2, 1)) == {
        ("US Census", 2023, "us_to_serbia"): 100.0, ("US Census", 2024, "us_to_serbia"): 250.0,
        ("Serbia RZS", 2024, "serbia_to_us"): 300.0}
    assert values(con, known_at=datetime(2026, 3, 2)) == {
        ("US Census", 2023, "us_to_serbia"): 100.0, ("Serbia RZS", 2024, "serbia_to_us"): 300.0}


def test_a_plan_is_not_committed_once_the_data_changed(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    p = store.plan(con, "trade", trade(("US Census", 2025, "us_to_serbia", 1.0)))
    store.commit_frame(con, "trade", trade(("US Census", 2025, "us_to_serbia", 2.0)), ANALYST, file="other.csv")
    with pytest.raises(store.StalePlan):
        store.commit(con, p, ANALYST, file="late.csv")


def test_a_failing_statement_inside_the_transaction_saves_nothing(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    before = db.fingerprint(con)
    bad = trade(("US Census", 2026, "us_to_serbia", 1.0)).assign(reporter=[None])  # violates NOT NULL
    with pytest.raises(store.StoreError, match="could not be saved"):
        store.commit_frame(con, "trade", bad, ANALYST, file="bad.csv")
    after = db.fingerprint(con)
    assert {t: after[t] for t in db.ALL_TABLES if t != "audit_log"} == {
        t: before[t] for t in db.ALL_TABLES if t != "audit_log"}
    assert con.execute("select action, ok from audit_log order by audit_id").fetchall() == [
        ("upload", True), ("upload", False)]
    # and the store still works afterwards
    assert store.commit_frame(con, "trade", trade(("US Census", 2026, "us_to_serbia", 1.0)), ANALYST,
                              file="good.csv") == 3


def test_viewers_cannot_write(con):
    up = store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    before = db.fingerprint(con)
    with pytest.raises(PermissionDenied):
        store.commit_frame(con, "trade", BASE.assign(value=1.0), VIEWER, file="x.csv")
    with pytest.raises(PermissionDenied):
        store.commit(con, store.plan(con, "trade", BASE.assign(value=1.0)), VIEWER, file="x.csv")
    with pytest.raises(PermissionDenied):
        store.rollback(con, up, VIEWER)
    assert db.fingerprint(con) == before


@pytest.mark.parametrize("dataset,frame", [
    ("exercises", pd.DataFrame([{"name": "Platinum Wolf", "start_date": pd.Timestamp("2025-06-01"), "format": "multinational",
                                 "us_participation": "yes", "status": "held"}])),
    ("agreements", pd.DataFrame([{"title": "MoU", "date_signed": pd.Timestamp("2024-09-01"), "category": "energy",
                                  "area": "energy", "status": "signed", "value": 1e6, "currency": "USD"}])),
    ("events", events(("2025-05-05", "annual_meeting", "Dialogue meeting"))),
])
def test_every_dataset_round_trips_through_the_store(con, dataset, frame):
    store.commit_frame(con, dataset, frame, ANALYST, file="x.csv")
    back = store.current_rows(con, dataset)
    assert len(back) == 1
    assert store.commit_frame(con, dataset, back, ANALYST, file="again.csv") is None
    if "date_precision" in back:
        assert back["date_precision"].tolist() == ["day"]


def test_rollback_keeps_a_later_uploads_value_for_a_key_both_set(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    bad = store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 111.0)), ANALYST, file="bad.csv")
    store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 122.0)), ANALYST, file="later.csv")
    rb = store.rollback(con, bad, ANALYST)
    # replaying base.csv then later.csv: the later 122 stands; nothing changes but bad.csv's status
    assert values(con)[("US Census", 2023, "us_to_serbia")] == 122.0
    assert store.history(con)[-1]["rows"] == {"added": 0, "updated": 0, "unchanged": 1, "removed": 0}
    assert con.execute("select count(*) from trade where valid_from = $r or valid_to = $r", {"r": rb}).fetchone() == (0,)


def monthly(*rows):
    """Trade rows of reporter RB in 2025 as (month, value), USD: the issue's reproduction."""
    return pd.DataFrame([{"reporter": "RB", "year": 2025, "month": m, "flow": "us_to_serbia", "value": v,
                          "currency": "USD"} for m, v in rows])


def test_rolling_back_both_uploads_of_a_key_leaves_neither_value(con):
    a = store.commit_frame(con, "trade", monthly((1, 100.0)), ANALYST, file="a.csv")
    b = store.commit_frame(con, "trade", monthly((1, 200.0), (2, 50.0)), ANALYST, file="b.csv")
    store.rollback(con, a, ANALYST)
    # the replay of b.csv alone: its 200 and its February stay
    assert sorted(store.current_rows(con, "trade")["value"].tolist()) == [50.0, 200.0]
    store.rollback(con, b, ANALYST)
    assert len(store.current_rows(con, "trade")) == 0
    assert [h["status"] for h in store.history(con)[:2]] == ["rolled_back", "rolled_back"]


def test_a_key_a_later_upload_held_unchanged_survives_the_rollback_of_the_upload_that_added_it(con):
    a = store.commit_frame(con, "trade", monthly((1, 100.0)), ANALYST, file="a.csv")
    store.commit_frame(con, "trade", monthly((1, 100.0), (2, 50.0)), ANALYST, file="b.csv")   # January unchanged
    store.rollback(con, a, ANALYST)
    assert sorted(store.current_rows(con, "trade")["value"].tolist()) == [50.0, 100.0]


def test_rollback_replays_a_later_replace_in_its_reporters_scope(con):
    a = store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    store.commit_frame(con, "trade", trade(("US Census", 2025, "us_to_serbia", 7.0)), ANALYST, file="rep.csv",
                       mode="replace")
    store.commit_frame(con, "trade", trade(("Serbia RZS", 2025, "serbia_to_us", 8.0)), ANALYST, file="rzs.csv")
    store.rollback(con, a, ANALYST)
    assert values(con) == {("US Census", 2025, "us_to_serbia"): 7.0, ("Serbia RZS", 2025, "serbia_to_us"): 8.0}


def test_rollback_replays_columns_a_file_lacked_as_that_file_gave_them(con):
    a = store.commit_frame(con, "trade", trade(("US Census", 2023, "us_to_serbia", 100.0)).assign(note="first"),
                           ANALYST, file="a.csv")
    later = trade(("US Census", 2023, "us_to_serbia", 150.0)).drop(columns=["source"])
    store.apply(con, "trade", later, ANALYST, file="b.csv", keep=("source", "note"))
    (row,) = store.current_rows(con, "trade").itertuples()
    assert (row.value, row.source, row.note) == (150.0, "test", "first")             # kept while a.csv stands
    store.rollback(con, a, ANALYST)
    (row,) = store.current_rows(con, "trade").itertuples()
    assert (row.value, row.source, row.note) == (150.0, None, None)                  # b.csv alone said nothing


def test_rollbacks_leave_every_earlier_moment_as_it_was_known(con):
    a = store.commit_frame(con, "trade", monthly((1, 100.0)), ANALYST, file="a.csv", time=datetime(2026, 1, 1))
    b = store.commit_frame(con, "trade", monthly((1, 200.0), (2, 50.0)), ANALYST, file="b.csv",
                           time=datetime(2026, 2, 1))
    store.rollback(con, a, ANALYST)
    store.rollback(con, b, ANALYST)
    jan = {("RB", 2025, "us_to_serbia"): 100.0}
    assert values(con, known_at=datetime(2026, 1, 15)) == jan
    assert sorted(store.current_rows(con, "trade", datetime(2026, 2, 15))["value"].tolist()) == [50.0, 200.0]
    assert values(con) == {}


def test_replace_with_an_empty_upload_removes_everything_of_that_dataset(con):
    store.commit_frame(con, "events", events(("2025-01-10", "progress", "A")), ANALYST, file="e1.csv")
    empty = events().reindex(columns=["date", "kind", "title"])
    assert store.plan(con, "events", empty, "replace").rows == {"added": 0, "updated": 0, "unchanged": 0, "removed": 1}


def test_row_keys_are_16_byte_uuids_and_no_row_hash_is_stored(con):
    store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
    columns = dict(con.execute("select column_name, data_type from duckdb_columns() "
                               "where table_name = 'trade'").fetchall())
    assert columns["row_key"] == "UUID"
    assert "row_hash" not in columns
    key = con.execute("select row_key from trade where year = 2023").fetchall()[0][0]
    expected = con.execute("select cast(md5_number(to_json(list_value('US Census', '2023', null, "
                           "'us_to_serbia', 'USD', null))) as uuid)").fetchall()[0][0]
    assert key == expected


def test_a_database_with_text_row_keys_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "old.duckdb"
    old = db.connect(path)     # then made to look like a file from before the change
    old.execute("alter table trade alter row_key type varchar")
    old.execute("alter table trade add column row_hash varchar")
    old.close()
    con = db.connect(path)
    try:
        with pytest.raises(store.StoreError, match="init --force"):
            store.commit_frame(con, "trade", BASE, ANALYST, file="base.csv")
        assert con.execute("select count(*) from uploads").fetchall() == [(0,)]
    finally:
        con.close()


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


FIRST_WITH_NOTES = _csv("reporter,year,flow,value,currency,note,publishable",
                        "US Census,2023,us_to_serbia,100,USD,provisional,no",
                        "US Census,2024,us_to_serbia,200,USD,revised in March,yes")
SECOND_WITHOUT_NOTES = _csv("reporter,year,flow,value,currency",
                            "US Census,2023,us_to_serbia,100,USD",     # as stored: unchanged, note kept
                            "US Census,2024,us_to_serbia,250,USD",     # new value: note and publishable kept
                            "US Census,2025,us_to_serbia,50,USD")      # new row: no note, publishable by default


def _notes(con):
    df = store.current_rows(con, "trade").sort_values("year")
    return [(int(r.year), float(r.value), None if pd.isna(r.note) else r.note, bool(r.publishable))
            for r in df.itertuples()]


@pytest.mark.parametrize("mode", ["merge", "replace"])
def test_columns_the_file_lacks_keep_their_stored_values(con, mode):
    from dialogue.ingest import ingest

    assert ingest(con, FIRST_WITH_NOTES, "first.csv", ANALYST).ok
    preview = ingest(con, SECOND_WITHOUT_NOTES, "second.csv", ANALYST, mode=mode, dry_run=True)
    report = ingest(con, SECOND_WITHOUT_NOTES, "second.csv", ANALYST, mode=mode)
    expected = {"added": 1, "updated": 1, "unchanged": 1, "removed": 0}
    assert preview.rows == expected and report.rows == expected
    assert report.changes.updated_cells[["column", "old", "new"]].values.tolist() == [["value", "200.0", "250.0"]]
    assert _notes(con) == [(2023, 100.0, "provisional", False), (2024, 250.0, "revised in March", True),
                           (2025, 50.0, None, True)]


def test_a_column_present_but_blank_clears_the_stored_value(con):
    from dialogue.ingest import ingest

    assert ingest(con, FIRST_WITH_NOTES, "first.csv", ANALYST).ok
    report = ingest(con, _csv("reporter,year,flow,value,currency,note",
                              "US Census,2023,us_to_serbia,100,USD,",
                              "US Census,2024,us_to_serbia,200,USD,revised in March"), "third.csv", ANALYST)
    assert report.rows == {"added": 0, "updated": 1, "unchanged": 1, "removed": 0}
    assert _notes(con)[0] == (2023, 100.0, None, False)


def test_keep_refuses_a_column_the_dataset_does_not_have(con):
    with pytest.raises(store.StoreError, match="unknown trade column"):
        store.plan(con, "trade", BASE, keep=["colour"])
