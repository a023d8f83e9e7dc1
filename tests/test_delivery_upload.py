"""Issue 14's "done when": a Serbian analyst fills the actions template in Cyrillic, uploads it, sees the overdue
actions in `delivery --json` (and on the Delivery page, tests/test_delivery_page.py) and rolls the upload back."""
from __future__ import annotations

import json
from datetime import date

from dialogue import db
from dialogue.cli import main
from dialogue.datasets import DATASETS
from dialogue.templates import build_template

# The template's headers as a Serbian analyst writes them in Cyrillic, column by column.
CYRILLIC_HEADERS = {
    "action_id": "Ознака мере", "group_id": "Радна група", "target_id": "Циљ", "title": "Назив",
    "lead_side": "Водећа страна", "owner": "Носилац", "start_date": "Почетак", "due_date": "Рок",
    "state": "Стање", "progress": "Напредак", "last_update": "Последње ажурирање", "source": "Извор",
    "note": "Напомена", "publishable": "За објаву", "synthetic": "Синтетички",
}
ROWS = [
    # past due and still in progress on 1 July 2026: overdue
    {"action_id": "М-01", "group_id": "rg-trgovina", "title": "Списак нецаринских баријера", "lead_side": "заједнички",
     "owner": "Министарство трговине", "start_date": "01.02.2026.", "due_date": "30.06.2026.", "state": "у току",
     "progress": 60, "source": "Записник са састанка", "publishable": "да", "synthetic": "не"},
    # done: never overdue
    {"action_id": "М-02", "group_id": "rg-trgovina", "title": "Нацрт споразума", "lead_side": "Србија",
     "owner": "Министарство финансија", "start_date": "01.02.2026.", "due_date": "31.05.2026.", "state": "завршено",
     "progress": 100, "source": "Саопштење"},
    # no dates at all
    {"action_id": "М-03", "group_id": "rg-trgovina", "title": "Канцеларија DFC", "lead_side": "САД",
     "state": "планирано", "source": "Саопштење"},
]


def cyrillic_actions_workbook(path) -> None:
    wb = build_template("actions")
    ws = wb["actions"]
    names = DATASETS["actions"].column_names
    for i, name in enumerate(names, start=1):
        ws.cell(row=1, column=i, value=CYRILLIC_HEADERS[name])
    for r, row in enumerate(ROWS, start=2):
        for i, name in enumerate(names, start=1):
            ws.cell(row=r, column=i, value=row.get(name))
    wb.save(path)


def run_json(capsys, *argv) -> dict:
    assert main([*map(str, argv), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cyrillic_actions_upload_shows_overdue_and_rolls_back(tmp_path, capsys):
    path, book = tmp_path / "d.duckdb", tmp_path / "мере.xlsx"
    cyrillic_actions_workbook(book)
    report = run_json(capsys, "--db", path, "ingest", book, "--user", "ana")
    assert report["ok"] is True and report["dataset"] == "actions", report["errors"]
    assert report["rows"]["added"] == 3

    data = run_json(capsys, "--db", path, "delivery", "--as-of", "2026-07-01")
    actions = {a["action_id"]: a for a in data["actions"]}
    assert actions["М-01"] == {
        "action_id": "М-01", "group_id": "rg-trgovina", "title": "Списак нецаринских баријера",
        "owner": "Министарство трговине", "lead_side": "joint", "due": "2026-06-30", "state": "in_progress",
        "progress": 60.0, "overdue": True,
        # 1 Feb-30 Jun is 149 days, all elapsed on 1 July: 100 - 60 = 40 points behind
        "slipping": True}
    assert (actions["М-02"]["state"], actions["М-02"]["lead_side"], actions["М-02"]["overdue"]) == ("done", "serbia", False)
    assert (actions["М-03"]["state"], actions["М-03"]["lead_side"], actions["М-03"]["due"],
            actions["М-03"]["overdue"]) == ("planned", "us", None, False)
    # on the due day itself nothing is overdue yet
    on_the_day = run_json(capsys, "--db", path, "delivery", "--as-of", "2026-06-30")
    assert [a["action_id"] for a in on_the_day["actions"] if a["overdue"]] == []

    assert main(["--db", str(path), "rollback", str(report["upload_id"]), "--user", "ana"]) == 0
    capsys.readouterr()
    assert run_json(capsys, "--db", path, "delivery", "--as-of", "2026-07-01")["actions"] == []
    # and as known before the rollback, the overdue action is still there
    con = db.connect(path, read_only=True)
    try:
        uploaded_at = con.execute("select time from uploads where upload_id = $u", {"u": report["upload_id"]}).fetchone()[0]
    finally:
        con.close()
    earlier = run_json(capsys, "--db", path, "delivery", "--as-of", "2026-07-01", "--known-at",
                       uploaded_at.isoformat(sep=" "))
    assert [a["action_id"] for a in earlier["actions"] if a["overdue"]] == ["М-01"]


def test_actions_template_has_drop_downs_and_a_column_guide():
    wb = build_template("actions")
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in wb["actions"].data_validations.dataValidation}
    assert lists["E"] == '"us,serbia,joint"'                                  # lead_side
    assert lists["I"] == '"planned,in_progress,done,delayed,dropped"'        # state
    guide = [row[0].value for row in wb["columns"].iter_rows(min_row=2, max_row=16)]
    assert guide == DATASETS["actions"].column_names


def test_bad_actions_are_reported_and_nothing_is_written(tmp_path, capsys):
    path, bad = tmp_path / "d.duckdb", tmp_path / "bad.csv"
    bad.write_text("action_id,group_id,title,lead_side,state,start_date,due_date,progress\n"
                   "A1,wg,Title,nobody,in_progress,2026-05-01,2026-04-01,140\n", encoding="utf-8")
    assert main(["--db", str(path), "ingest", str(bad), "--dataset", "actions", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {e["column"] for e in report["errors"]} == {"lead_side", "due_date", "progress"}
    con = db.connect(path, read_only=True)
    try:
        assert con.execute("select count(*) from actions").fetchone()[0] == 0
    finally:
        con.close()
    assert date(2026, 4, 1) < date(2026, 5, 1)     # the due date really is before the start
