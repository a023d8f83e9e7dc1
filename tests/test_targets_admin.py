"""Changing the targets file: admins only, checked in full, atomic, the old file kept, every change audited."""
from __future__ import annotations

import json

import pytest

from dialogue import audit
from dialogue.roles import PermissionDenied
from dialogue.targets import TargetsFileError, load_targets
from dialogue.targets_admin import describe_change, save_targets_text
from tests.conftest import ADMIN, ANALYST, VIEWER

SETTINGS = """[settings]
planned_start = 2026-01-01
growth_at_risk_share = 0.6
remaining_share_at_risk = 0.25
milestone_warning_years = 1
"""


def milestone(tid: str, deadline: str = "2027-01-20", en: str = "Open the office") -> str:
    return f"""
[[target]]
id = "{tid}"
area = "economic"
kind = "milestone"
query = "milestone_evidence"
deadline = {deadline}
wording = {{ en = "{en}", "sr-Latn" = "Otvoriti kancelariju" }}
"""


OLD = SETTINGS + milestone("dfc-office") + milestone("trade-barriers")
NEW = SETTINGS + milestone("dfc-office", deadline="2028-06-30") + milestone("unga-resolution")


@pytest.fixture
def targets_file(tmp_path):
    (tmp_path / "data").mkdir()               # its own folder, so a stray file beside it would show
    path = tmp_path / "data" / "targets.toml"
    path.write_text(OLD, encoding="utf-8")
    return path


def entries(con):
    return audit.audit_entries(con)


@pytest.mark.parametrize("actor", [VIEWER, ANALYST, None], ids=["viewer", "analyst", "signed-out"])
def test_only_an_admin_may_change_the_targets(con, targets_file, actor):
    before = targets_file.read_bytes()
    with pytest.raises(PermissionDenied):
        save_targets_text(con, actor, NEW, targets_file)
    assert targets_file.read_bytes() == before
    assert sorted(p.name for p in targets_file.parent.iterdir()) == ["targets.toml"]
    assert entries(con).empty


def test_admin_saves_keeps_a_backup_and_audits_what_changed(con, targets_file):
    summary = save_targets_text(con, ADMIN, NEW, targets_file)
    assert targets_file.read_text(encoding="utf-8") == NEW
    assert load_targets(targets_file).ids == ["dfc-office", "unga-resolution"]
    backups = [p for p in targets_file.parent.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and backups[0].name.startswith("targets.toml.")
    assert backups[0].read_text(encoding="utf-8") == OLD
    assert (summary["added"], summary["removed"], summary["changed"]) == (["unga-resolution"], ["trade-barriers"],
                                                                          ["dfc-office"])
    log = entries(con)
    assert len(log) == 1
    entry = log.iloc[0]
    assert (entry["action"], entry["user"], bool(entry["ok"])) == ("targets_change", "adam", True)
    detail = json.loads(entry["detail"])
    assert detail["added"] == ["unga-resolution"] and detail["backup"] == str(backups[0])
    assert not [p for p in targets_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_two_saves_in_the_same_second_keep_both_old_files(con, targets_file):
    save_targets_text(con, ADMIN, NEW, targets_file)
    save_targets_text(con, ADMIN, OLD, targets_file)
    kept = sorted(p.read_text(encoding="utf-8") for p in targets_file.parent.iterdir() if p.name.endswith(".bak"))
    assert kept == sorted([OLD, NEW])
    assert targets_file.read_text(encoding="utf-8") == OLD


def test_saving_the_same_text_writes_nothing(con, targets_file):
    assert save_targets_text(con, ADMIN, OLD, targets_file)["unchanged"] is True
    assert sorted(p.name for p in targets_file.parent.iterdir()) == ["targets.toml"]
    assert entries(con).empty


@pytest.mark.parametrize("text,message", [
    (OLD + "[[target]\n", "not valid TOML"),
    (SETTINGS + milestone("dfc-office", deadline='"soon"'), "target #1 (dfc-office): deadline = 'soon'; expected a date"),
    (OLD.replace('kind = "milestone"', 'kind = "wish"', 1), "target #1 (dfc-office): kind = 'wish'; expected one of"),
    (OLD.replace("growth_at_risk_share = 0.6", "growth_at_risk_share = 6"),
     "[settings]: growth_at_risk_share = 6; expected a number between 0 and 1"),
    (SETTINGS + milestone("dfc-office") + milestone("dfc-office"), "target id 'dfc-office' is declared twice"),
    (SETTINGS, "no [[target]] tables found"),
])
def test_bad_file_is_refused_with_the_target_and_key_and_the_file_unchanged(con, targets_file, text, message):
    before = targets_file.read_bytes()
    with pytest.raises(TargetsFileError) as err:
        save_targets_text(con, ADMIN, text, targets_file)
    assert message in str(err.value) and str(targets_file) in str(err.value)
    assert targets_file.read_bytes() == before
    assert sorted(p.name for p in targets_file.parent.iterdir()) == ["targets.toml"]
    entry = entries(con).iloc[0]
    assert (entry["action"], bool(entry["ok"])) == ("targets_change", False)
    assert message in json.loads(entry["detail"])["error"]


def test_first_file_counts_every_target_as_added(con, tmp_path):
    path = tmp_path / "new" / "targets.toml"
    path.parent.mkdir()
    summary = save_targets_text(con, ADMIN, OLD, path)
    assert summary["added"] == ["dfc-office", "trade-barriers"] and summary["backup"] is None
    assert path.read_text(encoding="utf-8") == OLD


def test_describe_change_lists_changed_settings(tmp_path):
    from dialogue.targets import check_targets_text

    old = check_targets_text(OLD, tmp_path / "t.toml")
    new = check_targets_text(OLD.replace("milestone_warning_years = 1", "milestone_warning_years = 2"), tmp_path / "t.toml")
    assert describe_change(old, new) == {"added": [], "removed": [], "changed": [],
                                         "settings_changed": ["milestone_warning_years"]}
