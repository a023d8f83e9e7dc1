"""Rollback against a model: after any sequence of uploads, dry runs and rollbacks, the rows are the replay of the active uploads.

A small pure-Python model holds each dataset as {key: row} and replays its active uploads (merge,
or replace within the upload's reporters for trade); the real database gets the same steps as
small CSV and XLSX files through `dialogue.ingest`, and rollbacks through `store.rollback`. After
every step every key and value of all four datasets must match the model; at the end every earlier
moment, asked as known at, must match the model's state then.
"""
from __future__ import annotations

import copy
import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from dialogue import db, store
from dialogue.ingest import ingest
from tests.conftest import ANALYST

pytestmark = pytest.mark.slow(seconds=35)   # few tests, long ones: queued early (conftest.py)

# Every stored column of each dataset with the value a row takes when its file lacks the column.
COLUMNS = {
    "trade": {"reporter": None, "year": None, "month": None, "flow": None, "value": None, "currency": None,
              "product_code": None, "product": None, "flow_as_reported": None, "source": None, "note": None,
              "publishable": True, "synthetic": False},
    "exercises": {"name": None, "start_date": None, "end_date": None, "date_precision": "day", "location": None,
                  "host_country": None, "format": None, "us_participation": None, "status": None,
                  "participants": None, "source": None, "note": None, "publishable": True, "synthetic": False},
    "agreements": {"title": None, "date_signed": None, "date_precision": "day", "us_party": None,
                   "serbian_party": None, "category": None, "area": None, "value": None, "currency": None,
                   "status": None, "target_id": None, "source": None, "note": None, "publishable": True,
                   "synthetic": False},
    "events": {"date": None, "date_precision": "day", "kind": None, "target_id": None, "title": None,
               "quantity": None, "area": None, "parties": None, "source": None, "note": None,
               "publishable": True, "synthetic": False},
}
KEYS = {
    "trade": ("reporter", "year", "month", "flow", "currency", "product_code"),
    "exercises": ("name", "start_date"),
    "agreements": ("title", "date_signed"),
    "events": ("date", "kind", "title"),
}
# What a generated file may hold: key columns (few values, so uploads collide), columns every file
# has, and optional columns a file may lack (then existing rows keep their stored values there).
KEY_VALUES = {
    "trade": {"reporter": ["US Census", "Serbia RZS"], "year": [2024, 2025], "month": [1, 2],
              "flow": ["us_to_serbia"], "currency": ["USD"]},
    "exercises": {"name": ["Platinum Wolf", "Double Eagle"], "start_date": ["2025-03-01", "2025-06-10"]},
    "agreements": {"title": ["Energy MoU", "Defence Plan"], "date_signed": ["2025-01-15", "2025-04-20"]},
    "events": {"date": ["2025-02-01", "2025-05-05"], "kind": ["progress", "visit"], "title": ["Talks"]},
}
ALWAYS = {
    "trade": {"value": [100.0, 250.5]},
    "exercises": {"date_precision": ["day"], "format": ["bilateral", "multinational"], "us_participation": ["yes"],
                  "status": ["held", "planned"]},
    "agreements": {"date_precision": ["day"], "category": ["defence", "energy"], "area": ["security", "energy"],
                   "status": ["signed", "in_force"]},
    "events": {"date_precision": ["day"]},
}
OPTIONAL = {
    "trade": {"note": ["a", "b", None], "source": ["census", None]},
    "exercises": {"note": ["a", None], "location": ["Pasuljanske livade", "Čačak"]},
    "agreements": {"note": ["a", None], "value": [1000.0, None]},
    "events": {"quantity": [1.0, 3.0, None], "note": ["a", "Ђ", None]},
}
DATES = {"start_date", "end_date", "date_signed", "date"}
DATASETS = tuple(COLUMNS)


def key_of(dataset: str, row: dict) -> tuple:
    return tuple(row[k] for k in KEYS[dataset])


# ---------------------------------------------------------------- the model

@dataclass
class Upload:
    upload_id: int
    dataset: str
    mode: str                       # merge | replace
    rows: list[dict]                # full rows as the file gave them (absent columns at their defaults)
    absent: frozenset               # columns the file lacked: existing rows keep their values there
    active: bool = True


@dataclass
class Model:
    state: dict = field(default_factory=lambda: {d: {} for d in DATASETS})
    uploads: dict = field(default_factory=dict)          # upload id -> Upload
    rollbacks: dict = field(default_factory=dict)        # rollback id -> upload id it undid

    @staticmethod
    def apply(dataset: str, state: dict, mode: str, rows: list[dict], absent: frozenset) -> dict:
        """Counts of applying one upload to `state` (changed in place), as the store defines them."""
        counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
        keys = {key_of(dataset, r) for r in rows}
        if mode == "replace":
            reporters = {r["reporter"] for r in rows} if dataset == "trade" else None
            for k in [k for k, r in state.items() if k not in keys
                      and (reporters is None or r["reporter"] in reporters)]:
                del state[k]
                counts["removed"] += 1
        for row in rows:
            k = key_of(dataset, row)
            old = state.get(k)
            if old is None:
                counts["added"] += 1
                state[k] = dict(row)
                continue
            new = {c: (old[c] if c in absent else row[c]) for c in row}
            counts["updated" if new != old else "unchanged"] += 1
            state[k] = new
        return counts

    def replay(self, dataset: str) -> dict:
        state = {}
        for uid in sorted(self.uploads):
            u = self.uploads[uid]
            if u.dataset == dataset and u.active:
                self.apply(dataset, state, u.mode, u.rows, u.absent)
        return state


# ---------------------------------------------------------------- files

def csv_bytes(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow(["" if r[c] is None else r[c] for c in columns])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(columns: list[str], rows: list[dict]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(columns)
    for r in rows:
        ws.append([date.fromisoformat(r[c]) if c in DATES and r[c] is not None else r[c] for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def normal(value):
    """A stored value in the model's terms: None for empty, ISO text for dates, plain Python numbers."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return pd.Timestamp(value).date().isoformat()
    return value.item() if hasattr(value, "item") else value


def stored(con, dataset: str, known_at: datetime | None = None) -> dict:
    df = store.current_rows(con, dataset, known_at)
    assert list(df.columns) == list(COLUMNS[dataset])
    rows = [{c: normal(v) for c, v in zip(df.columns, values)} for values in df.itertuples(index=False)]
    out = {key_of(dataset, r): r for r in rows}
    assert len(out) == len(rows), "a key is current twice"
    return out


# ---------------------------------------------------------------- strategies

@st.composite
def upload_files(draw, dataset: str):
    """(columns of the file, its rows as full model rows, the columns it lacks)."""
    optional = sorted(draw(st.sets(st.sampled_from(sorted(OPTIONAL[dataset])))))
    keys = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in KEY_VALUES[dataset].items()})
    body = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in
                                  {**ALWAYS[dataset], **{c: OPTIONAL[dataset][c] for c in optional}}.items()})
    drawn = draw(st.lists(st.tuples(keys, body), min_size=1, max_size=4,
                          unique_by=lambda kb: tuple(sorted(kb[0].items()))))
    columns = [c for c in COLUMNS[dataset] if c in KEY_VALUES[dataset] or c in ALWAYS[dataset] or c in optional]
    rows = [{**COLUMNS[dataset], **k, **b} for k, b in drawn]
    absent = frozenset(c for c in COLUMNS[dataset] if c not in columns and c not in KEYS[dataset])
    return columns, rows, absent


_DATABASE: list = []     # one in-memory database for every sequence, emptied before each (opening one costs ~60 ms)


@pytest.fixture(scope="module", autouse=True)
def _database():
    _DATABASE.append(db.connect(":memory:"))
    yield
    _DATABASE.pop().close()


def empty_database():
    con = _DATABASE[0]
    for table in db.ALL_TABLES:
        con.execute(f"delete from {table}")  # noqa: S608 - table names are constants
    return con


class RollbackMachine(RuleBasedStateMachine):
    """The database and the model side by side; every step is done on both and its dataset compared.

    Each sequence favours one dataset (drawn first), so that its uploads meet the same keys and
    its rollbacks undo uploads that later ones built on; the other three still come in between.
    """

    @initialize(focus=st.sampled_from(DATASETS))
    def open_database(self, focus):
        self.con = empty_database()
        self.focus = focus
        self.model = Model()
        self.moments: dict[datetime, dict] = {}   # time of each committed change -> every dataset's rows then
        self.first = db.utcnow()

    def teardown(self):
        """Every dataset now, and as known at every earlier moment (before the first change: nothing).

        A dataset no upload of this sequence changed must simply be empty now; as known at any
        moment it is then empty too, since nothing was ever stored in it.
        """
        if not hasattr(self, "con"):
            return
        changed = {u.dataset for u in self.model.uploads.values()}
        for dataset in DATASETS:
            self._compare(dataset)
            if dataset not in changed:
                assert self.model.state[dataset] == {}
                continue
            assert stored(self.con, dataset, self.first) == {}, "rows known before the first upload"
            for moment, states in self.moments.items():
                assert stored(self.con, dataset, moment) == states[dataset], f"{dataset} as known at {moment}"

    def _compare(self, dataset: str) -> None:
        assert stored(self.con, dataset) == self.model.state[dataset], dataset
        assert self.model.state[dataset] == self.model.replay(dataset)
        status = {h["upload_id"]: h["status"] for h in store.history(self.con)}
        assert status == {**{u: ("active" if m.active else "rolled_back") for u, m in self.model.uploads.items()},
                          **{r: "active" for r in self.model.rollbacks}}

    def _remember(self, upload_id: int) -> None:
        when = self.con.execute("select time from uploads where upload_id = $u", {"u": upload_id}).fetchone()[0]
        self.moments[when] = copy.deepcopy(self.model.state)

    @rule(data=st.data(), mode=st.sampled_from(("merge", "replace")), xlsx=st.sampled_from((False, False, True)),
          dry_run=st.sampled_from((False, False, False, True)))
    def upload(self, data, mode, xlsx, dry_run):
        dataset = data.draw(st.sampled_from([self.focus] * 4 + [d for d in DATASETS if d != self.focus]))
        columns, rows, absent = data.draw(upload_files(dataset))
        content = (xlsx_bytes if xlsx else csv_bytes)(columns, rows)
        report = ingest(self.con, content, f"u.{'xlsx' if xlsx else 'csv'}", ANALYST, dataset=dataset, mode=mode,
                        dry_run=dry_run)
        assert report.ok, report.errors
        state = copy.deepcopy(self.model.state[dataset])
        counts = Model.apply(dataset, state, mode, rows, absent)
        assert report.rows == counts
        changed = bool(counts["added"] or counts["updated"] or counts["removed"])
        if dry_run or not changed:
            assert report.upload_id is None
        else:
            assert report.upload_id is not None
            self.model.state[dataset] = state
            self.model.uploads[report.upload_id] = Upload(report.upload_id, dataset, mode, rows, absent)
            self._remember(report.upload_id)
        self._compare(dataset)

    @precondition(lambda self: self.model.uploads)
    @rule(data=st.data())
    def rollback(self, data):
        target = data.draw(st.sampled_from(sorted([*self.model.uploads, *self.model.rollbacks, 999])))
        if target == 999:
            self._refused(target, "There is no upload #999")
        elif target in self.model.rollbacks:
            self._refused(target, f"#{target} is itself a rollback")
        elif not self.model.uploads[target].active:
            self._refused(target, f"#{target} was already rolled back")
        else:
            u = self.model.uploads[target]
            new_id = store.rollback(self.con, target, ANALYST)
            u.active = False
            old, new = self.model.state[u.dataset], self.model.replay(u.dataset)
            self.model.state[u.dataset] = new
            self.model.rollbacks[new_id] = target
            entry = store.history(self.con)[-1]
            assert (entry["upload_id"], entry["mode"], entry["rolls_back"]) == (new_id, "rollback", target)
            assert (entry["rows"]["added"], entry["rows"]["updated"], entry["rows"]["removed"]) == (
                len(new.keys() - old.keys()), sum(new[k] != old[k] for k in new.keys() & old.keys()),
                len(old.keys() - new.keys()))
            self._remember(new_id)
            self._compare(u.dataset)

    def _refused(self, target: int, message: str) -> None:
        """A refused rollback writes nothing: no new upload, and every dataset as the model has it (teardown)."""
        latest = db.latest_upload_id(self.con)
        with pytest.raises(store.StoreError, match=message):
            store.rollback(self.con, target, ANALYST)
        assert db.latest_upload_id(self.con) == latest
        if target in self.model.uploads:
            self._compare(self.model.uploads[target].dataset)


# The size CI runs: 60 sequences took 38 s of CPU (each step reads a real file, 50-80 ms); the full
# proof, DIALOGUE_ROLLBACK_SEQUENCES=300, took 197 s of CPU (both measured on a shared, loaded machine).
SEQUENCES = int(os.environ.get("DIALOGUE_ROLLBACK_SEQUENCES", "60"))
RollbackMachine.TestCase.settings = settings(
    max_examples=SEQUENCES, stateful_step_count=5, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestRollbackAgainstModel = RollbackMachine.TestCase
