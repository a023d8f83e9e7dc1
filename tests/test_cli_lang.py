"""Every verb follows --lang: run in sr-Cyrl, no line it prints is English prose; --json keeps codes, not words."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest

from dialogue import cli
from dialogue.coded import code_of, say
from dialogue.roles import Actor, PermissionDenied, require
from tests.conftest import put_rows

pytestmark = pytest.mark.slow(seconds=25)   # few tests, long ones: queued early (conftest.py)

CYRILLIC = re.compile("[\u0400-\u04ff]")


def english_prose(line: str) -> bool:
    """A line with no Cyrillic letter and two plain lower-case ASCII words in a row (codes, numbers, paths,
    ids and `quoted` command-line words are not prose)."""
    if CYRILLIC.search(line):
        return False
    words = [w for w in re.split(r"[\s,;:()\[\]'\"=]+", re.sub(r"`[^`]*`", " ", line)) if w]
    plain = [w.isascii() and w.isalpha() and w.islower() and len(w) >= 2 for w in words]
    return any(a and b for a, b in zip(plain, plain[1:]))


def test_the_prose_detector_sees_english_and_passes_codes():
    assert english_prose("error: no such file: x.csv")
    assert english_prose("Status as of 2026-06-30; dialogue start 2026-02-12 (planned)")
    assert not english_prose("грешка: нема такве датотеке: x.csv")
    assert not english_prose("/tmp/out/briefing-2026-06-30-sr-Cyrl.pdf")
    assert not english_prose("ana\tadmin\t-\tлозинка")
    assert not english_prose("2016 AL  12  trade-growth US Census, USD")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A small database whose own texts are Serbian (so any English line comes from the program), users in tmp."""
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    monkeypatch.delenv("DIALOGUE_LANG", raising=False)
    path = tmp_path / "w.duckdb"
    assert cli.main(["--db", str(path), "init", "--workspace", "empty"]) == 0
    from dialogue import db

    con = db.connect(path)
    put_rows(con, "working_groups", [{"group_id": "wg-economic", "name": "Трговина и улагања", "area": "economic",
                                      "established": date(2026, 3, 1), "state": "active"}], time="2026-03-01 00:00:00")
    put_rows(con, "actions", [{"action_id": "A-1", "group_id": "wg-economic", "title": "Попис препрека",
                               "lead_side": "joint", "start_date": date(2026, 3, 1), "due_date": date(2026, 5, 31),
                               "state": "in_progress", "progress": 10, "last_update": date(2026, 4, 1)}],
             time="2026-03-02 00:00:00")
    put_rows(con, "commitments", [{"commitment_id": "C-1", "made_at": date(2026, 2, 12), "meeting": "Први састанак",
                                   "text": "Формирати радне групе", "side": "joint", "due_date": date(2026, 5, 31),
                                   "state": "open"}], time="2026-03-03 00:00:00")
    con.close()
    return tmp_path, path


def run_lines(capsys, argv: list[str], stdin: str | None = None, monkeypatch=None) -> tuple[int, list[str]]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, [line for line in (out.out + out.err).splitlines() if line.strip()]


def every_verb(tmp_path, path, lang: str) -> list[tuple[list[str], str | None]]:
    db = ["--db", str(path)]
    out = tmp_path / lang
    return [
        ([*db, "status", "--as-of", "2026-06-30", "--lang", lang], None),
        ([*db, "status", "--as-of", "2026-02-30", "--lang", lang], None),
        ([*db, "status", "--as-of", "2026-06-30", "--known-at", "yesterday", "--lang", lang], None),
        ([*db, "summary", "--as-of", "2026-06-30", "--lang", lang], None),
        ([*db, "history", "--lang", lang], None),
        ([*db, "assess", "--lang", lang, "list"], None),
        ([*db, "assess", "list", "--drafts", "--lang", lang], None),
        ([*db, "delivery", "--as-of", "2026-06-30", "--lang", lang], None),
        ([*db, "region", "--as-of", "2026-06-30", "--lang", lang], None),
        ([*db, "template", "events", "--out", str(out / "events.xlsx"), "--lang", lang], None),
        ([*db, "export", "actions", "--out", str(out / "actions.csv"), "--lang", lang], None),
        ([*db, "export", "actions", "--out", str(out / "actions.pdf"), "--lang", lang], None),
        ([*db, "export", "actions", "--out", str(out / "a2.csv"), "--as-known-at", "2026-03-02T12:00:00",
          "--lang", lang], None),
        ([*db, "ingest", str(out / "missing.csv"), "--lang", lang], None),
        ([*db, "brief", "--as-of", "2026-06-30", "--known-at", "2026-12-01", "--out", str(out / "brief"),
          "--lang", lang], None),
        ([*db, "brief", "--as-of", "2026-06-30", "--out", str(out / "actions.csv"), "--lang", lang], None),
        ([*db, "users", "list", "--lang", lang], None),
        ([*db, "users", "add", "ana", "--role", "admin", "--lang", lang], "tajna-lozinka\ntajna-lozinka\n"),
        ([*db, "users", "add", "ana", "--role", "admin", "--lang", lang], "tajna-lozinka\ntajna-lozinka\n"),
        ([*db, "users", "add", "bora", "--role", "viewer", "--lang", lang], "jedna-lozinka\ndruga-lozinka\n"),
        ([*db, "users", "list", "--lang", lang], None),
        ([*db, "users", "unlock", "ana", "--lang", lang], None),
        ([*db, "users", "remove", "niko", "--lang", lang], None),
        ([*db, "users", "remove", "ana", "--lang", lang], None),
        ([*db, "backup", str(out / "bk"), "--lang", lang], None),
        ([*db, "backup", str(out / "bk"), "--lang", lang], None),
        (["restore", str(out / "bk"), "--lang", lang], None),
        (["--db", str(out / "restored.duckdb"), "restore", str(out / "bk"), "--lang", lang], None),
        (["--db", str(out / "new.duckdb"), "init", "--workspace", "empty", "--lang", lang], None),
        ([*db, "init", "--workspace", "empty", "--lang", lang], None),
        ([*db, "serve", "--address", "0.0.0.0", "--lang", lang], None),
    ]


def test_every_verb_in_cyrillic_prints_no_english_prose(workspace, capsys, monkeypatch):
    tmp_path, path = workspace
    (tmp_path / "sr-Cyrl").mkdir()
    seen = 0
    for argv, stdin in every_verb(tmp_path, path, "sr-Cyrl"):
        _code, lines = run_lines(capsys, argv, stdin, monkeypatch)
        english = [line for line in lines if english_prose(line)]
        assert not english, (argv, english)
        seen += len(lines)
    assert seen > 40


def test_the_same_verbs_in_english_do_print_english(workspace, capsys, monkeypatch):
    """The guard above can fail: the very same runs in English are caught as English prose."""
    tmp_path, path = workspace
    (tmp_path / "en").mkdir()
    english = 0
    for argv, stdin in every_verb(tmp_path, path, "en"):
        _code, lines = run_lines(capsys, argv, stdin, monkeypatch)
        english += any(english_prose(line) for line in lines)
    assert english >= 20


def test_a_refusal_speaks_cyrillic_and_keeps_its_code(workspace, capsys):
    _tmp, path = workspace
    code, lines = run_lines(capsys, ["--db", str(path), "export", "actions", "--out", "x.pdf", "--lang", "sr-Cyrl"])
    assert code == 2
    assert lines == ["грешка: `--out` мора да се завршава на .csv или .xlsx, а не '.pdf'"]


def test_permission_refusal_in_three_languages():
    with pytest.raises(PermissionDenied) as caught:
        require(Actor("vera", "viewer"), "manage_users")
    exc = caught.value
    assert str(exc) == "vera is a viewer; manage users needs the administrator role or higher."
    assert say(exc, "sr-Latn") == ("vera ima ulogu „čitalac“; za radnju „upravljanje korisnicima“ potrebna je "
                                   "uloga „administrator“ ili viša.")
    assert say(exc, "sr-Cyrl") == ("vera има улогу „читалац“; за радњу „управљање корисницима“ потребна је "
                                   "улога „администратор“ или виша.")
    assert code_of(exc) == "perm_denied"


def test_delivery_in_serbian_names_states_and_flags(workspace, capsys):
    _tmp, path = workspace
    code, lines = run_lines(capsys, ["--db", str(path), "delivery", "--as-of", "2026-06-30", "--lang", "sr-Latn"])
    assert code == 0
    assert lines[0] == "Realizacija na dan 2026-06-30"
    # due 31 May, open on 30 June: overdue (rok istekao); state in_progress -> "U toku"
    action = next(line for line in lines if "A-1" in line)
    assert action.split()[:5] == ["mera", "A-1", "U", "toku", "rok"] and "rok istekao" in action
    assert json.loads(cli_json(capsys, path))["actions"][0]["state"] == "in_progress"


def cli_json(capsys, path) -> str:
    assert cli.main(["--db", str(path), "delivery", "--as-of", "2026-06-30", "--json", "--lang", "sr-Cyrl"]) == 0
    return capsys.readouterr().out


def test_status_and_summary_on_the_demo_workspace_in_cyrillic(tmp_path, capsys):
    """Every status kind, stale figures and what-it-would-take sentences of the demo data: no English line (the
    data's own English titles may appear inside a Serbian sentence)."""
    path = str(tmp_path / "demo.duckdb")
    assert cli.main(["--db", path, "init", "--workspace", "demo"]) == 0
    capsys.readouterr()
    for as_of in ("2026-06-30", "2027-09-30"):
        for verb in ("status", "summary"):
            code, lines = run_lines(capsys, ["--db", path, verb, "--as-of", as_of, "--lang", "sr-Cyrl"])
            assert code == 0 and len(lines) > 20
            assert [line for line in lines if english_prose(line)] == [], (verb, as_of)


def test_a_refusal_carrying_a_problem_text_is_said_in_the_asked_language():
    """The storing layer raises its refusals with a text of dialogue.messages that keeps its code and params: the
    command line says it in --lang and gives its code (here a stand-in of such a text, for a template on main)."""
    from dialogue import messages
    from dialogue.store import StoreError

    class ProblemText(str):
        code, params = "value_required", {"name": "note"}

    exc = StoreError(ProblemText(messages.render("value_required", {"name": "note"})))
    assert say(exc, "en") == "a value is required in 'note'"
    assert say(exc, "sr-Cyrl") == "вредност је обавезна у колони 'note'"
    assert code_of(exc) == "value_required"
    assert cli.failure(exc, "sr-Latn") == ("vrednost je obavezna u koloni 'note'", 1)
    assert code_of(StoreError("plain words")) == "other" and say(StoreError("plain words"), "sr-Cyrl") == "plain words"


def test_restoring_a_damaged_backup_is_refused_in_cyrillic(workspace, capsys):
    tmp_path, path = workspace
    assert cli.main(["--db", str(path), "backup", str(tmp_path / "bk")]) == 0
    manifest = tmp_path / "bk" / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8")[:40], encoding="utf-8")      # truncated
    capsys.readouterr()
    code, lines = run_lines(capsys, ["--db", str(tmp_path / "new.duckdb"), "restore", str(tmp_path / "bk"),
                                     "--lang", "sr-Cyrl"])
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith(f"грешка: {manifest} је оштећена или скраћена (није исправан JSON: ")


def test_init_of_the_reference_workspace_reports_each_upload_in_cyrillic(tmp_path, capsys):
    """Each bundled file's ingest sentence, not only the command's own lines, follows --lang."""
    code, lines = run_lines(capsys, ["--db", str(tmp_path / "ref.duckdb"), "init", "--workspace", "reference",
                                     "--lang", "sr-Cyrl"])
    assert code == 0
    loaded = [line for line in lines if line.startswith("trade: ")]
    assert len(loaded) == 1 and "отпремање бр." in loaded[0], lines
    assert [line for line in lines if english_prose(line)] == []
