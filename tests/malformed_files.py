"""Builders of malformed and hostile uploads (issue 2's bad files plus issue 7's hostile ones).

Each case is built in memory by code, so every test shows its own input. `CASES` lists
(case id, file name, bytes builder, dataset argument, words the refusal must contain, where the
problem sits: (sheet, row, column) or None for whole-file refusals).
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

import openpyxl

TRADE_HEADER = "reporter,year,month,flow,value,currency,source"
GOOD_TRADE = "US Census,2024,1,us_to_serbia,1000,USD,census.gov"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def trade_csv(*rows: str) -> bytes:
    return csv_bytes(TRADE_HEADER, GOOD_TRADE, *rows)


def xlsx_bytes(rows: list[list], sheet: str = "Data", extra_sheets: dict | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, more in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _xlsx_with(member: str, payload: bytes) -> bytes:
    """A real small xlsx with one member replaced (to plant bombs and entities)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["reporter", "year"], ["US Census", 2024]])))
    members = {i.filename: source.read(i.filename) for i in source.infolist()}
    members[member] = payload
    return _zip(members)


def zip_bomb() -> bytes:
    """A sheet that unpacks 1000-fold: 40 MB of zeros packed in about 40 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1 << 20)
            for _ in range(40):
                member.write(block)
    return out.getvalue()


def lying_zip() -> bytes:
    """A member that declares 100 bytes but unpacks to 3 MB (declared sizes cannot be trusted)."""
    payload = b"<worksheet>" + b" " * 3_000_000 + b"</worksheet>"
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                           "xl/worksheets/sheet1.xml": payload}))
    real = struct.pack("<I", len(payload))
    fake = struct.pack("<I", 100)
    return bytes(data).replace(real, fake)


def billion_laughs() -> bytes:
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
             b"</row></sheetData></worksheet>")
    return _xlsx_with("xl/worksheets/sheet1.xml", lol)


def ole2(*stream_names: str) -> bytes:
    """An OLE2 compound-file header plus directory names (enough for the signature checks)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in stream_names)
    return header + directory + b"\x00" * 1024


def many_members() -> bytes:
    return _zip({f"xl/m{i}.xml": b"<x/>" for i in range(5_200)}, zipfile.ZIP_STORED)


def encrypted_member() -> bytes:
    data = bytearray(xlsx_bytes([["reporter", "year"]]))
    # Set the "encrypted" flag bit on every central-directory record.
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        flags = struct.unpack_from("<H", data, pos + 8)[0]
        struct.pack_into("<H", data, pos + 8, flags | 1)
        pos += 4
    return bytes(data)


@dataclass
class Case:
    id: str
    filename: str
    build: object
    dataset: str | None
    words: tuple[str, ...]
    where: tuple | None = None          # (sheet, row, column) the problem must be located at


CASES = [
    # --- issue 2: files analysts really get wrong -------------------------------------------
    Case("empty", "trade.csv", lambda: b"", None, ("empty",)),
    Case("header_only", "trade.csv", lambda: csv_bytes(TRADE_HEADER), None, ("no data rows",)),
    Case("no_headers", "notes.csv", lambda: csv_bytes("hello,world", "1,2"), None,
         ("no header row", "known layouts")),
    Case("missing_required", "trade.csv", lambda: csv_bytes("reporter,year,month,flow,value",
                                                            "US Census,2024,1,us_to_serbia,5"), None,
         ("currency", "lacks required")),
    Case("bad_year", "trade.csv", lambda: trade_csv("US Census,20x3,1,us_to_serbia,5,USD,x"), None,
         ("whole number",), (None, 3, "year")),
    Case("month_13", "trade.csv", lambda: trade_csv("US Census,2024,13,us_to_serbia,5,USD,x"), None,
         ("1-12",), (None, 3, "month")),
    Case("year_1850", "trade.csv", lambda: trade_csv("US Census,1850,1,us_to_serbia,5,USD,x"), None,
         ("1990-2100",), (None, 3, "year")),
    Case("unknown_flow", "trade.csv", lambda: trade_csv("US Census,2024,2,sideways,5,USD,x"), None,
         ("us_to_serbia",), (None, 3, "flow")),
    Case("unknown_currency", "trade.csv", lambda: trade_csv("US Census,2024,2,us_to_serbia,5,GBP,x"),
         None, ("USD, EUR, RSD",), (None, 3, "currency")),
    Case("negative_flow", "trade.csv", lambda: trade_csv("US Census,2024,2,us_to_serbia,-5,USD,x"),
         None, ("negative",), (None, 3, "value")),
    Case("duplicate_key", "trade.csv", lambda: trade_csv(GOOD_TRADE), None,
         ("first in row 2",), (None, 3, None)),
    Case("mixed_numbers", "trade.csv", lambda: csv_bytes(
        "reporter;year;month;flow;value;currency", "US Census;2024;1;us_to_serbia;1,234.5;USD",
        "US Census;2024;2;us_to_serbia;1.234,5;USD", "US Census;2024;3;us_to_serbia;2,500.25;USD"),
        None, ("mixes number conventions",), (None, 3, "value")),
    Case("text_in_number", "trade.csv", lambda: trade_csv("US Census,2024,2,us_to_serbia,n/a,USD,x"),
         None, ("number",), (None, 3, "value")),
    Case("month_zero", "trade.csv", lambda: trade_csv("US Census,2024,0,us_to_serbia,5,USD,x"), None,
         ("1-12",), (None, 3, "month")),
    Case("end_before_start", "exercises.csv", lambda: csv_bytes(
        "name,start_date,end_date,format,us_participation,status",
        "Platinum Wolf,2023-06-15,2023-06-01,multinational,yes,held"), None,
         ("before the start",), (None, 2, "end_date")),
    Case("impossible_date", "exercises.csv", lambda: csv_bytes(
        "Naziv vežbe,Početak,Format,Učešće SAD,Status",
        "Platinum Wolf,31.02.2023,multinacionalna,Da,održana"), None,
         ("date",), (None, 2, "Početak")),
    Case("mixed_dates", "exercises.csv", lambda: csv_bytes(
        "name,start_date,format,us_participation,status",
        "A,15/06/2023,bilateral,yes,held", "B,06/16/2023,bilateral,yes,held",
        "C,20/07/2023,bilateral,yes,held"), None, ("mixes day/month/year",), (None, 3, "start_date")),
    Case("bad_participation", "exercises.csv", lambda: csv_bytes(
        "name,start_date,format,us_participation,status", "A,2023-06-15,bilateral,maybe,held"), None,
         ("yes, no, unclear",), (None, 2, "us_participation")),
    Case("missing_name", "exercises.csv", lambda: csv_bytes(
        "name,start_date,format,us_participation,status", "A,2023-06-15,bilateral,yes,held",
        ",2023-07-15,bilateral,yes,held"), None, ("required",), (None, 3, "name")),
    Case("bad_category", "agreements.csv", lambda: csv_bytes(
        "title,date_signed,category,area,status", "MoU,2024-01-10,sports,economic,signed"), None,
         ("defence",), (None, 2, "category")),
    Case("bad_agreement_status", "agreements.csv", lambda: csv_bytes(
        "title,date_signed,category,area,status", "MoU,2024-01-10,energy,energy,rumoured"), None,
         ("in_force",), (None, 2, "status")),
    Case("unknown_kind", "events.csv", lambda: csv_bytes(
        "date,kind,title", "2024-01-10,party,Reception"), None, ("annual_meeting",), (None, 2, "kind")),
    Case("negative_quantity", "events.csv", lambda: csv_bytes(
        "date,kind,title,quantity", "2024-01-10,diplomat_training,Course,-3"), None,
         ("negative",), (None, 2, "quantity")),
    Case("xlsx_bad_cell", "trade.xlsx", lambda: xlsx_bytes(
        [["US–Serbia trade"], [], ["reporter", "year", "month", "flow", "value", "currency"],
         ["US Census", 2024, 1, "us_to_serbia", 5, "USD"],
         ["US Census", 2024, 2, "us_to_serbia", "lots", "USD"]], sheet="Trade 2024"), None,
         ("number",), ("Trade 2024", 5, "value")),
    Case("xlsx_error_value", "trade.xlsx", lambda: xlsx_bytes(
        [["reporter", "year", "month", "flow", "value", "currency"],
         ["US Census", 2024, 1, "us_to_serbia", "#DIV/0!", "USD"]]), None, ("required",),
         ("Data", 2, "value")),
    Case("wrong_dataset", "trade.csv", lambda: trade_csv(), "exercises", ("exercises",)),
    Case("unknown_dataset", "trade.csv", lambda: trade_csv(), "weather", ("unknown dataset",)),
    Case("extra_field", "trade.csv", lambda: trade_csv("US Census,2024,3,us_to_serbia,5,USD,x,surprise"),
         None, ("no header",), (None, 3, "column 8 (no header)")),
    Case("title_only_xlsx", "trade.xlsx", lambda: xlsx_bytes([["Trade with Serbia"], ["(nothing yet)"]]),
         None, ("no header row",)),
    Case("truncated_xlsx", "trade.xlsx", lambda: xlsx_bytes([["reporter", "year"], ["US", 2024]])[:900],
         None, ("damaged",)),
    Case("formula_text", "trade.csv", lambda: trade_csv("US Census,2024,4,us_to_serbia,5,USD,=HYPERLINK(\"http://x\")"),
         None, ("formula",), (None, 3, "source")),
    Case("formula_no_value", "trade.xlsx", lambda: xlsx_bytes(
        [["reporter", "year", "month", "flow", "value", "currency"],
         ["US Census", 2024, 1, "us_to_serbia", "=1+2", "USD"]]), None, ("required",), ("Data", 2, "value")),
    # --- issue 7: hostile files ---------------------------------------------------------------
    Case("zip_bomb", "trade.xlsx", zip_bomb, None, ("zip bomb",)),
    Case("lying_zip", "trade.xlsx", lying_zip, None, ("zip bomb",)),
    Case("billion_laughs", "trade.xlsx", billion_laughs, None, ("billion laughs",)),
    Case("xml_entities_plain", "trade.xlsx", lambda: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
         None, ("xml",)),
    Case("png_as_xlsx", "trade.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, None, ("png image",)),
    Case("pdf_as_csv", "trade.csv", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", None, ("pdf",)),
    Case("elf_as_xlsx", "trade.xlsx", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 100, None, ("program",)),
    Case("exe_as_csv", "trade.csv", lambda: b"MZ\x90\x00\x03" + b"\x00" * 100, None, ("program",)),
    Case("gzip_as_csv", "trade.csv", lambda: b"\x1f\x8b\x08" + zlib.compress(trade_csv()), None, ("gzip",)),
    Case("html_as_xls", "trade.xls", lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>",
         None, ("web page", "save it as .xlsx")),
    Case("password_xlsx", "trade.xlsx", lambda: ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"),
         None, ("password",)),
    Case("legacy_xls_broken", "trade.xls", lambda: ole2("Root Entry", "Workbook"), None, ("save it as .xlsx",)),
    Case("xls_bad_cell", "events.csv", lambda: xls_bytes(
        [["date", "kind", "title"], ["2024-03-01", "visit", "A"], ["someday", "visit", "B"]], sheet="Events"),
         None, ("date",), ("Events", 3, "date")),
    Case("word_as_xls", "trade.xls", lambda: ole2("Root Entry", "WordDocument"), None, ("word document",)),
    Case("docx_as_xlsx", "trade.xlsx", lambda: _zip({"[Content_Types].xml": b"<Types/>",
                                                    "word/document.xml": b"<w:document/>"}), None, ("word",)),
    Case("plain_zip", "trade.xlsx", lambda: _zip({"readme.txt": b"hello"}), None, ("zip archive",)),
    Case("many_members", "trade.xlsx", many_members, None, ("members",)),
    Case("encrypted_zip", "trade.xlsx", encrypted_member, None, ("password",)),
    Case("ten_thousand_columns", "trade.csv", lambda: csv_bytes(
        ",".join(f"c{i}" for i in range(10_000)), ",".join("1" for _ in range(10_000))), None,
         ("columns", "limit")),
    Case("ten_thousand_columns_xlsx", "trade.xlsx", lambda: xlsx_bytes(
        [[f"c{i}" for i in range(10_000)], list(range(10_000))]), None, ("columns", "limit")),
    Case("megabyte_cell", "trade.csv", lambda: trade_csv("US Census,2024,5,us_to_serbia,5,USD," + "x" * 1_000_000),
         None, ("32,767",), (None, 3, "source")),
    Case("nul_bytes", "trade.csv", lambda: trade_csv() + b"US Census,2024,6,us\x00_to_serbia,5,USD,x\n",
         None, ("nul byte",)),
    Case("bad_utf8_after_bom", "trade.csv", lambda: b"\xef\xbb\xbf" + csv_bytes(TRADE_HEADER, "Peć,2024,1,us_to_serbia,5,USD,x",
                                                                                 encoding="cp1250"),
         None, ("utf-8",)),
    Case("ambiguous_code_page", "trade.csv", lambda: csv_bytes(TRADE_HEADER, "Pe\u010d,2024,1,us_to_serbia,5,USD,x",
                                                                encoding="cp1250"), None,
         ("choose the encoding",)),
]


# Files that look hostile to a naive reader but must be READ CORRECTLY (issue 7: encodings
# without any declaration). (case id, file name, bytes builder, column, expected values)
_SERBIAN_ROWS = [("Vežba Čačak", "Niš"), ("Šumadija", "Požarevac")]
_CYRILLIC_ROWS = [("Вежба Чачак", "Ниш"), ("Шумадија", "Пожаревац")]


def _exercises_csv(rows, encoding: str, sep: str = ",") -> bytes:
    lines = [sep.join(["name", "start_date", "location", "format", "us_participation", "status"])]
    lines += [sep.join([name, f"2024-0{i}-01", town, "bilateral", "yes", "held"])
              for i, (name, town) in enumerate(rows, 1)]
    return ("\n".join(lines) + "\n").encode(encoding)


ENCODING_CASES = [
    ("cp1250", "vezbe.csv", lambda: _exercises_csv(_SERBIAN_ROWS, "cp1250"), _SERBIAN_ROWS),
    ("cp1251", "vezbe.csv", lambda: _exercises_csv(_CYRILLIC_ROWS, "cp1251", ";"), _CYRILLIC_ROWS),
    ("utf16_no_bom", "vezbe.csv", lambda: _exercises_csv(_SERBIAN_ROWS, "utf-16-le"), _SERBIAN_ROWS),
    ("utf16_bom", "vezbe.txt", lambda: _exercises_csv(_CYRILLIC_ROWS, "utf-16", "\t"), _CYRILLIC_ROWS),
    ("utf8_bom", "vezbe.csv", lambda: b"\xef\xbb\xbf" + _exercises_csv(_SERBIAN_ROWS, "utf-8"), _SERBIAN_ROWS),
]


# ---- a real legacy .xls (BIFF8 in an OLE2 compound file), built byte by byte -------------------
def _biff(rtype: int, payload: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(payload)) + payload


def _biff_bof(kind: int) -> bytes:
    return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


class CellError(str):
    """An Excel error value for xls_bytes, written as a BOOLERR record: CellError("#REF!")."""


_BIFF_ERROR_CODES = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D,
                     "#NUM!": 0x24, "#N/A": 0x2A}


def _biff_cell(row: int, col: int, value) -> bytes:
    if isinstance(value, CellError):
        return _biff(0x0205, struct.pack("<HHHBB", row, col, 15, _BIFF_ERROR_CODES[value], 1))   # BOOLERR
    if isinstance(value, (int, float)):
        return _biff(0x0203, struct.pack("<HHHd", row, col, 15, float(value)))            # NUMBER
    text = str(value)
    return _biff(0x0204, struct.pack("<HHHHB", row, col, 15, len(text), 1) + text.encode("utf-16-le"))  # LABEL


def _workbook_stream(rows: list[list], sheet: str) -> bytes:
    name = sheet.encode("utf-16-le")
    globals_ = _biff_bof(0x0005) + _biff(0x0042, struct.pack("<H", 1200))               # BOF, CODEPAGE
    offset = len(globals_) + (4 + 8 + len(name)) + 4                                     # + BOUNDSHEET + EOF
    globals_ += _biff(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name) + _biff(0x000A, b"")
    body = _biff_bof(0x0010) + _biff(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, max(map(len, rows)), 0))
    for r, row in enumerate(rows):
        body += b"".join(_biff_cell(r, c, v) for c, v in enumerate(row) if v is not None)
    return globals_ + body + _biff(0x000A, b"")


def xls_bytes(rows: list[list], sheet: str = "Data") -> bytes:
    """A minimal Excel 97-2003 workbook: one sheet of numbers and text (no styles, no SST)."""
    stream = _workbook_stream(rows, sheet).ljust(4096, b"\x00")   # >= 4096: regular sectors
    sectors = -(-len(stream) // 512)
    stream = stream.ljust(sectors * 512, b"\x00")
    fat = [i + 1 for i in range(sectors - 1)] + [0xFFFFFFFE, 0xFFFFFFFE, 0xFFFFFFFD]
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        raw = (name + "\x00").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\x00" * 36
                + struct.pack("<IIi", start, size, 0))
    directory = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry("Workbook", 2, 0, len(stream))
                 + entry("", 0, 0xFFFFFFFF, 0) * 2)
    header = (OLE2_MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<9I", 0, 1, sectors, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", sectors + 1) + struct.pack("<108I", *([0xFFFFFFFF] * 108)))
    return header + stream + directory + struct.pack("<128I", *fat)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
