"""The store's schema and helpers behave as every other part assumes."""
from dialogue import db
from dialogue.roles import Actor, PermissionDenied, require
from tests.conftest import put_rows

import pytest


def test_new_database_is_empty_with_every_table(con):
    fp = db.fingerprint(con)
    assert set(fp) == set(db.ALL_TABLES)
    assert all(count == 0 for count, _, _ in fp.values())
    assert db.workspace(con) == "empty"


def test_known_at_macro_returns_rows_as_of_each_upload(con):
    put_rows(con, "trade", [dict(reporter="US Census", year=2024, flow="us_to_serbia", value=1.0, currency="USD")],
             time="2026-01-01")
    second = put_rows(con, "trade", [dict(reporter="US Census", year=2025, flow="us_to_serbia", value=2.0, currency="USD")],
                      time="2026-02-01")
    con.execute("update trade set valid_to = $u where year = 2024", {"u": second})
    early = con.execute("select year from known_trade('2026-01-15'::timestamp)").fetchall()
    late = con.execute("select year from known_trade('2026-03-01'::timestamp)").fetchall()
    assert early == [(2024,)]
    assert late == [(2025,)]


def test_fingerprint_changes_when_a_row_changes(con):
    put_rows(con, "events", [dict(date="2026-01-05", kind="progress", title="x")])
    before = db.fingerprint(con)
    con.execute("update events set title = 'y'")
    assert db.fingerprint(con)["events"] != before["events"]


@pytest.mark.parametrize("role,action,allowed", [
    ("viewer", "read", True), ("viewer", "upload", False), ("analyst", "upload", True),
    ("analyst", "manage_users", False), ("admin", "manage_users", True),
])
def test_roles_are_cumulative(role, action, allowed):
    actor = Actor("u", role)
    if allowed:
        assert require(actor, action) is actor
    else:
        with pytest.raises(PermissionDenied):
            require(actor, action)
