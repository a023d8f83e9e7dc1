"""Bytes to sheets: format sniffed from magic bytes, hostile archives refused before any parser runs.

`open_book(data, filename, encoding)` returns a Book whose sheets give a head (first rows, for
finding headers and layouts), the full cells (for layouts) and a typed body below a header row
(the fast path for our template). Excel-family files are read with fastexcel (Rust, calamine);
CSV/TXT with pyarrow after the encoding and separator are detected.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
import pandas as pd

from dialogue.layouts import HEAD_ROWS, RawSheet
from dialogue.messages import said

MAX_FILE_BYTES = 200 * 1024 * 1024        # the dashboard's own upload limit is lower (config.toml)
MAX_UNCOMPRESSED = 250 * 1024 * 1024      # summed size of every archive member once unpacked
MAX_ENTRIES = 5_000                       # members of an xlsx/ods archive
MAX_RATIO = 200                           # unpacked/packed size of one member (zip bombs: 1000+)
MAX_ROWS = 2_000_000
MAX_COLUMNS = 1_000                       # our widest layout has 47 columns
MAX_CELL_CHARS = 32_767                   # Excel's own limit for one cell

csv.field_size_limit(MAX_FILE_BYTES)
_ARROW_POOL = None


def _arrow_pool():
    """jemalloc for Arrow buffers when available: it hands freed parse buffers back to the system
    (measured on a 1M-row CSV: 169 MB resident after parsing against 254 MB with mimalloc)."""
    global _ARROW_POOL
    if _ARROW_POOL is None:
        import pyarrow as pa
        try:
            _ARROW_POOL = pa.jemalloc_memory_pool()
            pa.jemalloc_set_decay_ms(0)
            pa.set_memory_pool(_ARROW_POOL)     # the compute kernels parsing cells use it too
        except (NotImplementedError, AttributeError, pa.ArrowException):
            _ARROW_POOL = pa.default_memory_pool()
    return _ARROW_POOL    # long cells are refused with their location, not by the parser

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = (          # magic bytes, what kind of file (a messages code), its name
    (b"%PDF", "kind_document", "PDF"),
    (b"\x7fELF", "kind_program", "ELF executable"),
    (b"MZ", "kind_program", "Windows EXE/DLL"),
    (b"\x89PNG", "kind_image", "PNG"),
    (b"\xff\xd8\xff", "kind_image", "JPEG"),
    (b"GIF8", "kind_image", "GIF"),
    (b"\x1f\x8b", "kind_archive", "gzip"),
    (b"Rar!", "kind_archive", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "kind_archive", "7-Zip"),
    (b"BZh", "kind_archive", "bzip2"),
    (b"\xfd7zXZ\x00", "kind_archive", "xz"),
    (b"SQLite format 3", "kind_database", "SQLite"),
    (b"{\\rtf", "kind_document", "RTF"),
)


class Refused(Exception):
    """The file cannot be read safely or at all; the message says why and what to do."""


@dataclass
class Sheet:
    """One sheet of a book; the reading functions are filled in by the book's format."""
    name: str | None
    index: int
    book: "Book"

    def head(self) -> RawSheet:
        return self.book.head(self)

    def full(self) -> RawSheet:
        return self.book.full(self)

    def body(self, header_row: int) -> tuple[pd.DataFrame, int]:
        """Cells below spreadsheet row `header_row`, named by it; with the first body row number."""
        return self.book.body(self, header_row)

    def error_cells(self) -> dict[tuple[int, int], str]:
        """{(spreadsheet row, column index from 0): Excel error code} of the sheet's error cells,
        which the readers give as empty; known for .xlsx/.xlsm and .ods (elsewhere a code is text)."""
        paths = getattr(self.book, "paths", None)
        path = paths[self.index] if paths else None
        return getattr(self.book, "error_cells", {}).get(path or f"#{self.index}", {})


@dataclass
class Book:
    file: str
    kind: str                                  # xlsx | xlsm | ods | xls | csv
    data: bytes
    sheets: list[Sheet] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None

    def head(self, sheet: Sheet) -> RawSheet:  # pragma: no cover - overridden
        raise NotImplementedError

    def full(self, sheet: Sheet) -> RawSheet:  # pragma: no cover - overridden
        raise NotImplementedError

    def body(self, sheet: Sheet, header_row: int) -> tuple[pd.DataFrame, int]:  # pragma: no cover
        raise NotImplementedError


# ---- sniffing ---------------------------------------------------------------------------------
def sniff(data: bytes, filename: str) -> str:
    """The file's real format from its first bytes: xlsx, xlsm, ods, xls or csv; Refused otherwise."""
    return _sniff(data)[0]


def _sniff(data: bytes) -> tuple[str, dict[str, int], dict[str, dict]]:
    """(format, {worksheet member: last spreadsheet row holding a value} for the row-count
    cross-check, {worksheet member: {(row, column index): Excel error code}})."""
    if not data:
        raise Refused(said("file_empty"))
    if len(data) > MAX_FILE_BYTES:
        raise Refused(said("file_too_large", size=f"{len(data) / 1e6:.0f}", limit=f"{MAX_FILE_BYTES / 1e6:.0f}"))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(OLE2):
        return _sniff_ole2(data), {}, _xls_error_cells(data)
    for magic, kind, name in _SIGNATURES:
        if data.startswith(magic):
            raise Refused(said("file_other_kind", what=said(kind, name=name)))
    start = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        raise Refused(said("file_is_html"))
    if start.startswith(b"<?xml") or start.startswith(b"<!doctype") or start.startswith(b"<!entity"):
        raise Refused(said("file_is_xml"))
    return "csv", {}, {}


def _sniff_zip(data: bytes) -> tuple[str, dict[str, int], dict[str, dict]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Refused(said("zip_damaged", detail=str(exc))) from exc
    error_cells: dict[str, dict] = {}
    last_rows = _check_archive(archive, error_cells)
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise Refused(said("file_is_xlsb"))
        return ("xlsm" if "xl/vbaProject.bin" in names else "xlsx"), last_rows, error_cells
    if "content.xml" in names:
        mime = archive.read("mimetype")[:100] if "mimetype" in names else b""
        if b"spreadsheet" in mime:
            return "ods", {}, _ods_error_cells(archive)
        raise Refused(said("file_is_odf_other"))
    if any(n.startswith("word/") for n in names):
        raise Refused(said("file_is_docx"))
    if any(n.startswith("ppt/") for n in names):
        raise Refused(said("file_is_pptx"))
    raise Refused(said("file_is_zip"))


def _check_archive(archive: zipfile.ZipFile, error_cells: dict[str, dict] | None = None) -> dict[str, int]:
    """Refuse zip bombs and XML entity tricks before any parser sees the archive.

    Members are unpacked in bounded chunks and counted (declared sizes can lie); XML members
    must not declare a DOCTYPE (the billion-laughs attack needs one; no spreadsheet has one).
    Worksheets' Excel error cells (#REF!, #N/A, ...), which the readers give as empty, are
    collected into `error_cells` on the way.
    """
    infos = archive.infolist()
    last_rows: dict[str, int] = {}
    if len(infos) > MAX_ENTRIES:
        raise Refused(said("archive_too_many_members", count=len(infos), limit=MAX_ENTRIES))
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED:
        raise Refused(said("archive_too_large", size=f"{declared / 1e6:.0f}", limit=f"{MAX_UNCOMPRESSED / 1e6:.0f}"))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused(said("archive_encrypted"))
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused(said("archive_member_ratio", member=info.filename,
                                ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO))
        tail: list[bytes] = []
        found = {} if error_cells is not None and info.filename.startswith("xl/worksheets/") else None
        total += _unpacked_size(archive, info, total, tail, found)
        if found:
            error_cells[info.filename] = found
        if info.filename.startswith("xl/worksheets/") and tail:
            last = _last_value_row(tail[0])
            if last:
                last_rows[info.filename] = last
    return last_rows


_VALUE_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*\br="(\d+)"[^>]*>(?:(?!</(?:\w+:)?row>).)*?<(?:\w+:)?(?:v|t)\b', re.S)


def _last_value_row(tail: bytes) -> int | None:
    """The last row number in a sheet's XML tail that holds a value (<v> or inline <t>)."""
    found = None
    for match in _VALUE_ROW.finditer(tail):
        found = int(match.group(1))
    return found


def _unpacked_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, so_far: int,
                   tail: list[bytes] | None = None, error_cells: dict | None = None) -> int:
    """Unpack one member in bounded chunks (no CRC pass: only sizes and the XML prologue matter);
    a worksheet's error cells go into `error_cells` when given."""
    import struct

    zlib = _inflater_module()

    raw = archive.fp
    raw.seek(info.header_offset)
    local = raw.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise Refused(said("archive_member_damaged"))
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    raw.seek(info.header_offset + 30 + name_len + extra_len)
    packed = raw.read(info.compress_size)
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    else:
        raise Refused(said("archive_member_compression", member=info.filename))
    size = 0
    first = True
    limit = max(info.file_size, 0)
    recent: list[bytes] = []          # the last two chunks, for the tail: kept, not copied
    for chunk in _chunks_of(packed, inflater, zlib.error):
        if first and info.filename.endswith((".xml", ".rels", ".vml")):
            head = chunk[:4096].lower()
            if b"<!doctype" in head or b"<!entity" in head:
                raise Refused(said("archive_xml_entities", member=info.filename))
        first = False
        if tail is not None:
            recent = [recent[-1], chunk] if recent else [chunk]
        if error_cells is not None:
            _find_error_cells(recent[-2] if len(recent) == 2 else b"", chunk, error_cells)
        size += len(chunk)
        if size > limit or so_far + size > MAX_UNCOMPRESSED:
            raise Refused(said("archive_overflow", limit=f"{MAX_UNCOMPRESSED / 1e6:.0f}"))
    if tail is not None and recent:
        tail[:] = [b"".join(recent)[-(1 << 18):]]
    return size


EXCEL_ERROR_MARK = b't="e"'
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)\bt="e"([^>]*)>(?:(?!</(?:\w+:)?c>).){0,4000}?'
                         rb'<(?:\w+:)?v>([^<]{1,40})</', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
MAX_ERROR_CELLS = 10_000          # per sheet: enough to name them; a sheet of errors is refused anyway


def _find_error_cells(previous: bytes, chunk: bytes, found: dict) -> None:
    """Excel error cells (t="e") in one unpacked chunk of sheet XML, by (row, column index); the
    previous chunk's end is searched along, for a cell cut at the boundary. Cheap when none."""
    if EXCEL_ERROR_MARK not in chunk and EXCEL_ERROR_MARK not in previous[-16:] + chunk[:16]:
        return
    window = previous[-8192:] + chunk
    for match in _ERROR_CELL.finditer(window):
        ref = _REF.search(match.group(1) + b" " + match.group(2))
        if ref and len(found) < MAX_ERROR_CELLS:
            key = (int(ref.group(2)), _column_index(ref.group(1).decode("ascii")))
            found[key] = match.group(3).decode("utf-8", "replace").strip()


ODS_ERROR_MARK = b'calcext:value-type="error"'
_ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"}


def _ods_error_cells(archive: zipfile.ZipFile) -> dict[str, dict]:
    """{"#<sheet index>": {(row, column index): code}} of an .ods's error cells (LibreOffice marks
    them calcext:value-type="error"; calamine gives them as empty). content.xml is walked only
    when it holds the mark; it was checked for entity declarations already."""
    import xml.etree.ElementTree as ET

    try:
        with archive.open("content.xml") as member:
            carry, marked = b"", False
            while not marked and (chunk := member.read(1 << 20)):
                marked = ODS_ERROR_MARK in carry + chunk[:64] or ODS_ERROR_MARK in chunk
                carry = chunk[-64:]
        if not marked:
            return {}
        table, calcext = "{%s}" % _ODS["table"], "{%s}" % _ODS["calcext"]
        found: dict[str, dict] = {}
        sheet, row, column, row_repeat = -1, 0, 0, 1
        with archive.open("content.xml") as member:
            for event, elem in ET.iterparse(member, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == table + "table":
                        sheet, row = sheet + 1, 0
                    elif tag == table + "table-row":
                        column, row_repeat = 0, int(elem.get(table + "number-rows-repeated", "1"))
                    continue
                if tag in (table + "table-cell", table + "covered-table-cell"):
                    repeat = int(elem.get(table + "number-columns-repeated", "1"))
                    if elem.get(calcext + "value-type") == "error":
                        code = "".join(elem.itertext()).strip() or "#VALUE!"
                        cells = found.setdefault(f"#{sheet}", {})
                        for r in range(min(row_repeat, 100)):
                            for c in range(min(repeat, 100)):
                                if len(cells) < MAX_ERROR_CELLS:
                                    cells[(row + r + 1, column + c)] = code
                    column += repeat
                    elem.clear()
                elif tag == table + "table-row":
                    row += row_repeat
                    elem.clear()
        return found
    except (KeyError, ET.ParseError, ValueError):
        return {}


def _chunks_of(packed: bytes, inflater, error) -> Iterator[bytes]:
    """A member's bytes unpacked 1 MB at a time. The packed bytes are fed 64 KB at a time, so
    what is left over after each bounded call (copied by zlib) stays small."""
    if inflater is None:
        if packed:
            yield packed
        return
    view = memoryview(packed)
    step = 1 << 16
    pending, fed = view[:step], step
    while True:
        try:
            chunk = inflater.decompress(pending, 1 << 20)
        except error as exc:
            raise Refused(said("archive_damaged", detail=str(exc))) from exc
        pending = inflater.unconsumed_tail
        if not pending and fed < len(view) and not inflater.eof:
            pending, fed = view[fed:fed + step], fed + step
        if chunk:
            yield chunk
        elif not pending:
            return


def _inflater_module():
    """ISA-L's inflate (isal, about twice zlib's speed) when installed, else the standard zlib;
    both give the same bytes and accept the same bounded `decompress(data, max_length)`."""
    try:
        from isal import isal_zlib
        return isal_zlib
    except ImportError:
        import zlib
        return zlib


_BIFF_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
                0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


# A BOOLERR record holding an error, or a FORMULA record whose cached result is one: what any
# error cell's bytes match (C speed), so a file without one is not walked record by record.
_BIFF_ERROR_RECORD = re.compile(rb"\x05\x02\x08\x00.{6}[\x00-\xff]\x01|\x06\x00..{6}\x02.[\x00-\xff]...\xff\xff", re.S)


def _xls_error_cells(data: bytes) -> dict[str, dict]:
    """{"#<sheet index>": {(row, column index): code}} of a legacy .xls's error cells (BOOLERR
    records and formulas whose cached result is an error), which calamine gives as empty. One pass
    over the Workbook stream; any surprise in the file's structure gives {}: this scan names
    cells, it never refuses a file."""
    import struct

    try:
        stream = _ole2_stream(data, ("Workbook", "Book"))
    except (struct.error, IndexError, ValueError, OverflowError, MemoryError):
        return {}
    if stream is None or not _BIFF_ERROR_RECORD.search(stream):
        return {}                                           # the usual file: no record to walk for
    starts: dict[int, int] = {}                             # BOF offset -> sheet index (BOUNDSHEET order)
    found: dict[str, dict] = {}
    cells: dict | None = None
    pos, total = 0, 0
    while pos + 4 <= len(stream) and total < MAX_ERROR_CELLS:
        if pos in starts:
            cells = found.setdefault(f"#{starts[pos]}", {})
        rtype, size = struct.unpack_from("<HH", stream, pos)
        if rtype not in (0x0085, 0x0205, 0x0006):
            pos += 4 + size
            continue
        body = stream[pos + 4:pos + 4 + size]
        if rtype == 0x0085 and len(body) >= 4:                   # BOUNDSHEET: where a sheet's records start
            starts[struct.unpack_from("<I", body)[0]] = len(starts)
        elif cells is not None and rtype == 0x0205 and len(body) >= 8 and body[7] == 1:      # BOOLERR error
            row, col = struct.unpack_from("<HH", body)
            cells[(row + 1, col)] = _BIFF_ERRORS.get(body[6], "#VALUE!")
            total += 1
        elif cells is not None and rtype == 0x0006 and len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff":
            row, col = struct.unpack_from("<HH", body)      # FORMULA whose cached result is an error
            cells[(row + 1, col)] = _BIFF_ERRORS.get(body[8], "#VALUE!")
            total += 1
        pos += 4 + size
    return {key: value for key, value in found.items() if value}


def _ole2_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first stream named one of `names` in an OLE2 compound file (regular or mini sectors)."""
    import struct

    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size, mini_size = 1 << shift, 1 << mini_shift
    first_dir, _, cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<IIIIIII", data, 0x30)
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
    sector = first_difat
    for _ in range(min(n_difat, len(data) // size)):
        if sector >= 0xFFFFFFFA:
            break
        entries = struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size)
        fat_sectors += [s for s in entries[:-1] if s < 0xFFFFFFFA]
        sector = entries[-1]
    fat: list[int] = []
    for s in fat_sectors[: len(data) // size]:
        fat += struct.unpack_from(f"<{size // 4}I", data, (s + 1) * size)

    def chain(start: int, table: list[int]) -> list[int]:
        out, seen = [], set()
        while start < 0xFFFFFFFA and start < len(table) and start not in seen:
            seen.add(start)
            out.append(start)
            start = table[start]
        return out

    def read(start: int) -> bytes:
        return b"".join(data[(s + 1) * size:(s + 2) * size] for s in chain(start, fat))

    directory = read(first_dir)
    entries = [directory[i:i + 128] for i in range(0, min(len(directory), 128 * 10_000) - 127, 128)]
    for entry in entries:
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[:max(min(length, 64) - 2, 0)].decode("utf-16-le", "replace")
        if name in names and entry[66] == 2:
            start, length = struct.unpack_from("<II", entry, 116)
            if length >= cutoff:
                return read(start)[:length]
            ministream = read(struct.unpack_from("<I", entries[0], 116)[0])
            table = read(first_minifat) if n_minifat else b""
            minifat = list(struct.unpack(f"<{len(table) // 4}I", table[: len(table) // 4 * 4]))
            return b"".join(ministream[s * mini_size:(s + 1) * mini_size] for s in chain(start, minifat))[:length]
    return None


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff_ole2(data: bytes) -> str:
    """OLE2 compound files: legacy .xls, password-protected .xlsx, or Word/other documents."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise Refused(said("workbook_password"))
    if _utf16("WordDocument") in data:
        raise Refused(said("file_is_doc"))
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    raise Refused(said("file_is_ole2_other"))


# ---- opening ----------------------------------------------------------------------------------
def open_book(data: bytes, filename: str, encoding: str | None = None, include_hidden: bool = False) -> Book:
    """A Book for the bytes, or Refused with a message the analyst can act on.

    Hidden and very hidden sheets are left out (with a warning naming them) unless `include_hidden`.
    """
    kind, last_rows, error_cells = _sniff(data)
    if kind == "csv":
        return TextBook.open(data, filename, encoding)
    book = ExcelBook.open(data, filename, kind, include_hidden)
    book.last_rows = last_rows
    book.error_cells = error_cells
    return book


# ---- Excel family (xlsx, xlsm, ods, xls) ------------------------------------------------------
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class ExcelBook(Book):
    reader: object = None
    paths: list[str | None] = field(default_factory=list)   # xlsx: sheet XML member per sheet
    last_rows: dict[str, int] = field(default_factory=dict)  # member -> last row with a value
    hidden: list[str] = field(default_factory=list)          # names of hidden and very hidden sheets
    error_cells: dict[str, dict] = field(default_factory=dict)  # member -> {(row, column): "#REF!"}
    _heads: dict = field(default_factory=dict)
    _shared: list = field(default_factory=list)

    @classmethod
    def open(cls, data: bytes, filename: str, kind: str, include_hidden: bool = False) -> "ExcelBook":
        import fastexcel

        try:
            reader = fastexcel.read_excel(data)
            names = list(reader.sheet_names)
            states = _sheet_states(data, kind, len(names))
        except Exception as exc:  # fastexcel raises its own error classes
            raise Refused(_excel_failure(kind, exc)) from exc
        book = cls(filename, kind, data, reader=reader)
        hidden = [(name, state) for name, state in zip(names, states) if state != "visible"]
        book.sheets = [Sheet(name, i, book) for i, (name, state) in enumerate(zip(names, states))
                       if include_hidden or state == "visible"]
        book.hidden = [name for name, _ in hidden]
        if hidden:
            listed = [said("sheet_very_hidden" if state == "veryhidden" else "sheet_hidden", name=name)
                      for name, state in hidden]
            book.warnings.append(said("hidden_sheets_read" if include_hidden else "hidden_sheets_skipped",
                                      sheets=listed))
        if hidden and not book.sheets:
            raise Refused(said("all_sheets_hidden", sheets=listed))
        book.paths = _xlsx_sheet_paths(data, len(names)) if kind in ("xlsx", "xlsm") else [None] * len(names)
        if kind == "xlsm":
            book.warnings.append(said("macros_not_run"))
        return book

    # -- head: the first rows, with their real row numbers --
    def head(self, sheet: Sheet) -> RawSheet:
        if sheet.index not in self._heads:
            path = self.paths[sheet.index] if self.paths else None
            rows = _xlsx_head(self.data, path, self) if path else None
            if rows is None:
                full = self.full(sheet)
                self._heads[sheet.index] = RawSheet(self.file, sheet.name, full.cells.head(HEAD_ROWS), full.first_row)
            else:
                self._heads[sheet.index] = _rows_to_raw(self.file, sheet.name, rows)
            head = self._heads[sheet.index]
            head.cells = _clip(head.cells)
        return self._heads[sheet.index]

    def full(self, sheet: Sheet) -> RawSheet:
        import python_calamine

        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            cal = workbook.get_sheet_by_index(sheet.index)
            if cal.total_width > MAX_COLUMNS:
                raise Refused(said("sheet_too_wide", sheet=sheet.name, width=cal.total_width, limit=MAX_COLUMNS))
            if cal.total_height > MAX_ROWS:
                raise Refused(said("sheet_too_long", sheet=sheet.name, height=cal.total_height, limit=MAX_ROWS))
            rows = cal.to_python(skip_empty_area=False)
        except Refused:
            raise
        except Exception as exc:
            raise Refused(_excel_failure(self.kind, exc)) from exc
        cells = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
        cells = cells.map(lambda v: None if v == "" else v) if len(cells) else cells
        return RawSheet(self.file, sheet.name, cells, 1)

    def _cross_check(self, sheet: Sheet, header_row: int, height: int) -> None:
        _cross_check_rows(self, sheet, header_row, height)

    def body(self, sheet: Sheet, header_row: int) -> tuple[pd.DataFrame, int]:
        head = self.head(sheet)
        first_used = _first_used_row(head)
        relative = header_row - first_used
        header_cells = head.cells.iloc[header_row - head.first_row].tolist()
        try:
            loaded = self.reader.load_sheet(sheet.index, header_row=relative)
            if loaded.width > MAX_COLUMNS:
                raise Refused(said("sheet_too_wide", sheet=sheet.name, width=loaded.width, limit=MAX_COLUMNS))
            frame = loaded.to_pandas()
        except Refused:
            raise
        except Exception:
            frame = None
        if frame is not None and _align(frame, header_cells) is not None:
            offset = _align(frame, header_cells)
            self._cross_check(sheet, header_row, len(frame))
            frame.columns = [_header_text(header_cells, j + offset) for j in range(frame.shape[1])]
            frame.attrs["first_column"] = offset
            return frame, header_row + 1
        full = self.full(sheet)
        return _body_from_cells(full, header_row), header_row + 1


def _clip(cells: pd.DataFrame, limit: int = 1000) -> pd.DataFrame:
    """Head cells cut to `limit` characters: titles and headers are short, detection stays fast."""
    return cells.map(lambda v: v[:limit] if isinstance(v, str) and len(v) > limit else v) if len(cells) else cells


def _cross_check_rows(book: "ExcelBook", sheet: Sheet, header_row: int, height: int) -> None:
    """Refuse when the reader returned fewer rows than the sheet's XML holds values for."""
    path = book.paths[sheet.index] if book.paths else None
    expected = book.last_rows.get(path or "")
    if expected and expected > header_row + height:
        raise Refused(said("sheet_rows_lost", sheet=sheet.name, expected=expected, read=header_row + height))


def _header_text(cells: list, pos: int) -> str:
    value = cells[pos] if 0 <= pos < len(cells) else None
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _align(frame: pd.DataFrame, header_cells: list) -> int | None:
    """Offset between fastexcel's columns and the sheet's absolute columns, checked on every name."""
    names = [str(c) for c in frame.columns]
    texts = [_header_text(header_cells, p) for p in range(len(header_cells))]
    named = [(j, n) for j, n in enumerate(names) if not n.startswith("__UNNAMED__")]
    if not named:
        return None
    j0, n0 = named[0]
    for p, text in enumerate(texts):
        if text and (text == n0.strip() or n0.startswith(text)):
            offset = p - j0
            if all(_header_text(header_cells, j + offset) == n.strip() or
                   (_header_text(header_cells, j + offset) and n.startswith(_header_text(header_cells, j + offset)))
                   for j, n in named):
                return offset
            return None
    return None


def _body_from_cells(full: RawSheet, header_row: int) -> pd.DataFrame:
    start = header_row - full.first_row
    header = [_header_text(full.cells.iloc[start].tolist(), p) for p in range(full.cells.shape[1])]
    body = full.cells.iloc[start + 1:].reset_index(drop=True)
    body.columns = header
    return body


def _first_used_row(head: RawSheet) -> int:
    filled = head.cells.notna().any(axis=1).to_numpy()
    return head.first_row + int(filled.argmax()) if filled.any() else head.first_row


def _excel_failure(kind: str, exc: Exception) -> str:
    text = str(exc)
    low = text.lower()
    if "password" in low or "encrypt" in low:
        return said("workbook_password")
    return said("xls_unreadable" if kind == "xls" else "spreadsheet_unreadable", detail=text[:200])


_SHEET_STATES = {"visible": "visible", "hidden": "hidden", "veryhidden": "veryhidden"}


def _sheet_states(data: bytes, kind: str, count: int) -> list[str]:
    """Each sheet's visibility in workbook order: visible | hidden | veryhidden. For .xlsx read from
    workbook.xml's state attributes (cheap); for .xls and .ods from calamine's sheet metadata."""
    if kind in ("xlsx", "xlsm"):
        try:
            workbook = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml").decode("utf-8", "replace")
        except (KeyError, zipfile.BadZipFile):
            return ["visible"] * count
        states = []
        for sheet in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
            state = re.search(r'\bstate="([^"]*)"', sheet)
            states.append(_SHEET_STATES.get(state.group(1).lower(), "hidden") if state else "visible")
        return states if len(states) == count else ["visible"] * count
    import python_calamine

    metadata = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheets_metadata
    states = [str(m.visible).rsplit(".", 1)[-1].lower() for m in metadata]
    return [_SHEET_STATES.get(st, "hidden") for st in states] if len(states) == count else ["visible"] * count


def _xlsx_sheet_paths(data: bytes, count: int) -> list[str | None]:
    """The XML member of each sheet, in workbook order (sheets were checked for DOCTYPE already)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return [None] * count
    targets = {}
    for rel in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', rel)
        target = re.search(r'\bTarget="([^"]+)"', rel)
        if rid and target:
            path = target.group(1)
            path = path.lstrip("/") if path.startswith("/") else "xl/" + path
            targets[rid.group(1)] = path
    paths = []
    for sheet in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        rid = re.search(r'\br:id="([^"]+)"|\b\w+:id="([^"]+)"', sheet)
        key = (rid.group(1) or rid.group(2)) if rid else None
        paths.append(targets.get(key))
    return paths if len(paths) == count else [None] * count


def _xlsx_head(data: bytes, path: str, book: ExcelBook) -> list[tuple[int, dict[int, object]]] | None:
    """The first HEAD_ROWS non-empty rows of a sheet's XML, streamed (the body is never parsed here).

    Values: shared/inline strings as str, numbers as float, booleans as bool; date cells stay
    numbers here (the head is for headers and titles; the body reader types dates).
    """
    import xml.etree.ElementTree as ET

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        member = archive.open(path)
    except (KeyError, zipfile.BadZipFile):
        return None
    parser = ET.XMLPullParser(events=("end",))
    rows: list[tuple[int, dict[int, object]]] = []
    shared_needed: list[tuple[int, int, int]] = []
    current: dict[int, object] = {}
    done = False
    with member:
        while not done and (chunk := member.read(1 << 16)):
            parser.feed(chunk)
            for _, elem in parser.read_events():
                tag = elem.tag.rsplit("}", 1)[-1]
                if tag == "c":
                    ref = _CELL_REF.match(elem.get("r", ""))
                    col = _column_index(ref.group(1)) if ref else len(current)
                    kind = elem.get("t", "n")
                    value: object = None
                    if kind == "inlineStr":
                        value = "".join(t.text or "" for t in elem.iter() if t.tag.endswith("}t"))
                    else:
                        v = next((x for x in elem if x.tag.endswith("}v")), None)
                        text = v.text if v is not None else None
                        if text is not None:
                            if kind == "s":
                                shared_needed.append((len(rows), col, int(text)))
                                value = int(text)
                            elif kind in ("str", "e"):
                                value = text
                            elif kind == "b":
                                value = text == "1"
                            else:
                                try:
                                    value = float(text)
                                except ValueError:
                                    value = text
                    if value is not None and value != "":
                        current[col] = value
                    elem.clear()
                elif tag == "row":
                    number = int(elem.get("r", "0") or 0) or (rows[-1][0] + 1 if rows else 1)
                    if current:
                        rows.append((number, current))
                        if max(current) >= MAX_COLUMNS:
                            raise Refused(said("sheet_cell_too_far", column=max(current) + 1, limit=MAX_COLUMNS))
                    current = {}
                    elem.clear()
                    if len(rows) >= HEAD_ROWS:
                        done = True
                        break
                elif tag == "sheetData":
                    done = True
    if shared_needed:
        strings = _shared_strings(archive, max(i for _, _, i in shared_needed), book)
        for row_pos, col, i in shared_needed:
            rows[row_pos][1][col] = strings[i] if i < len(strings) else None
    return rows


def _shared_strings(archive: zipfile.ZipFile, last: int, book: ExcelBook) -> list[str]:
    """Shared strings up to index `last`, streamed (the table can be large)."""
    import xml.etree.ElementTree as ET

    if len(book._shared) > last:
        return book._shared
    strings: list[str] = []
    try:
        member = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return strings
    parser = ET.XMLPullParser(events=("end",))
    with member:
        while len(strings) <= last and (chunk := member.read(1 << 16)):
            parser.feed(chunk)
            for _, elem in parser.read_events():
                if elem.tag.endswith("}si"):
                    strings.append(_si_text(elem))
                    elem.clear()
    book._shared = strings
    return strings


def _si_text(si) -> str:
    """A shared string's text: its runs, without phonetic (ruby) annotations."""
    parts = []
    for child in si:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if t.tag.endswith("}t"))
    return "".join(parts)


def _rows_to_raw(file: str, sheet: str | None, rows: list[tuple[int, dict[int, object]]]) -> RawSheet:
    """Sparse (row number, {column: value}) rows as a positional RawSheet from the first row."""
    if not rows:
        return RawSheet(file, sheet, pd.DataFrame(dtype=object), 1)
    first, last = rows[0][0], rows[-1][0]
    width = max(max(cells) for _, cells in rows) + 1
    grid = [[None] * width for _ in range(last - first + 1)]
    for number, cells in rows:
        for col, value in cells.items():
            grid[number - first][col] = value
    return RawSheet(file, sheet, pd.DataFrame(grid, dtype=object), first)


# ---- CSV / TXT ----------------------------------------------------------------------------------
SERBIAN_LATIN = set("čćšžđČĆŠŽĐ")
CYRILLIC = set("абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ")
WESTERN = set("àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝß")
LEGACY_ENCODINGS = ("cp1250", "cp1251", "iso-8859-1")
ENCODING_NAMES = {"cp1250": "Windows-1250 (Central European, Serbian Latin)",
                  "cp1251": "Windows-1251 (Cyrillic)", "iso-8859-1": "ISO-8859-1 (Western European)",
                  "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16"}


# The legacy code pages' names in the reader's language, for the "Read as ... (detected)" warning.
_ENCODING_SAID = {"cp1250": said("encoding_cp1250", name="Windows-1250"),
                  "cp1251": said("encoding_cp1251", name="Windows-1251"),
                  "iso-8859-1": said("encoding_latin1", name="ISO-8859-1")}


class EncodingUncertain(Refused):
    """The text's code page cannot be known for sure; `candidates` carry previews to choose from."""

    def __init__(self, message: str, candidates: list[dict]):
        super().__init__(message)
        self.candidates = candidates


def _score(text: str, encoding: str) -> int:
    """How Serbian/Western the decoded text looks: good letters minus tell-tale garbage."""
    letters = [ch for ch in text if ord(ch) > 127]
    if not letters:
        return 0
    controls = sum(0x80 <= ord(ch) <= 0x9F for ch in letters)
    if encoding == "cp1251":
        words = re.findall(r"[^\W\d_]+", text)
        good = sum(len(w) for w in words if all(c in CYRILLIC for c in w))
        mixed = sum(len(w) for w in words if any(c in CYRILLIC for c in w) and any(c.isascii() for c in w))
        return good - 3 * mixed - 5 * controls - 2 * sum(1 for ch in letters if ch.isalpha() and ch not in CYRILLIC)
    alphabet = SERBIAN_LATIN if encoding == "cp1250" else WESTERN
    words = re.findall(r"[^\W\d_]+", text)
    # Cyrillic read through a Latin code page gives words made only of accented letters.
    garbage = sum(len(w) for w in words if len(w) >= 3 and all(not c.isascii() for c in w))
    good = sum(ch in alphabet for ch in letters)
    odd = sum(1 for ch in letters if not ch.isalpha() or ch not in alphabet)
    return good - 2 * odd - 2 * garbage - 5 * controls


def preview(text: str, limit: int = 160) -> str:
    """Lines of the text that carry non-ASCII letters, for the analyst to recognise č/ć/š/ž/đ or Cyrillic."""
    lines = [ln for ln in text.splitlines() if any(ord(c) > 127 for c in ln)] or text.splitlines()
    return " | ".join(ln.strip() for ln in lines[:4])[:limit]


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding used, warnings). Never guesses silently between legacy code pages.

    UTF-8 (with or without BOM) and UTF-16 (BOM, or the zero-byte pattern) are certain. Legacy
    single-byte text is scored as Windows-1250, Windows-1251 and ISO-8859-1; when one candidate
    does not clearly win, EncodingUncertain lists them with previews.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except (UnicodeDecodeError, LookupError) as exc:
            raise Refused(said("encoding_wrong", encoding=encoding, detail=str(exc))) from exc
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16", []
    sample = data[:4096]
    if len(sample) >= 4:
        even_zero = sample[0::2].count(0) / max(len(sample[0::2]), 1)
        odd_zero = sample[1::2].count(0) / max(len(sample[1::2]), 1)
        if odd_zero > 0.3 and even_zero < 0.05:
            return _strict(data, "utf-16-le"), "utf-16-le", [said("utf16_le_no_bom")]
        if even_zero > 0.3 and odd_zero < 0.05:
            return _strict(data, "utf-16-be"), "utf-16-be", [said("utf16_be_no_bom")]
    if b"\x00" in data:
        position = data.index(b"\x00")
        line = data[:position].count(b"\n") + 1
        raise Refused(said("nul_byte", line=line))
    if data.isascii():                         # plain ASCII is valid UTF-8: no need to decode it all
        return data[:2_000_000].decode("ascii"), "utf-8", []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    high = []
    for match in re.finditer(rb"[^\n]*[\x80-\xff][^\n]*", data):   # anywhere in the file
        high.append(match.group(0)[:1000])
        if len(high) >= 400:
            break
    sample_bytes = b"\n".join(high)
    scored = []
    for name in LEGACY_ENCODINGS:
        try:
            text = sample_bytes.decode(name)
        except UnicodeDecodeError:
            continue
        scored.append((_score(text, name), name, text))
    scored.sort(reverse=True)
    best = scored[0]
    runner = scored[1] if len(scored) > 1 else (0, "", "")
    if best[0] > 0 and (runner[0] <= 0 or best[0] >= 3 * runner[0]):
        return data.decode(best[1]), best[1], [said("encoding_detected", name=_ENCODING_SAID[best[1]])]
    candidates = [{"encoding": name, "label": ENCODING_NAMES[name], "preview": preview(text)}
                  for _, name, text in scored]
    raise EncodingUncertain(said(
        "encoding_uncertain", choices="; ".join(f"{c['encoding']}: {c['preview'][:60]!r}" for c in candidates)),
        candidates)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Refused(said("bad_bytes", encoding=encoding, byte=exc.start, line=line)) from exc


def sniff_separator(lines: list[str]) -> str:
    """The separator that splits the most lines into the same number (>1) of fields.

    Title and note lines hold one field whatever the separator, so only lines that split count.
    """
    best, best_score = ",", 0
    for sep in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([ln], delimiter=sep))) for ln in lines if ln.strip()]
        split = [c for c in counts if c > 1]
        if not split:
            continue
        mode = max(sorted(set(split), reverse=True), key=split.count)
        score = split.count(mode) * (mode - 1)
        if score > best_score:
            best, best_score = sep, score
    return best


@dataclass
class TextBook(Book):
    head_text: str = ""              # the first 2 MB decoded; the whole text is decoded on demand
    separator: str = ","
    _full: RawSheet | None = None
    _head: RawSheet | None = None

    @classmethod
    def open(cls, data: bytes, filename: str, encoding: str | None) -> "TextBook":
        text, used, warnings = decode(data, encoding)      # checks the whole file decodes
        head_text = text[:2_000_000].lstrip("\ufeff")
        del text
        lines = head_text[:200_000].splitlines()[: HEAD_ROWS]
        book = cls(filename, "csv", data, warnings=warnings, encoding=used, head_text=head_text,
                   separator=sniff_separator(lines))
        book.sheets = [Sheet(None, 0, book)]
        return book

    @property
    def text(self) -> str:
        return self.data.decode(self.encoding).lstrip("\ufeff")

    def _rows(self, limit: int | None = None) -> list[list[str]]:
        source = io.StringIO(self.text if limit is None else "\n".join(self.head_text.splitlines()[:limit]))
        rows = []
        for row in csv.reader(source, delimiter=self.separator):
            if len(row) > MAX_COLUMNS:
                raise Refused(said("row_too_wide", row=len(rows) + 1, width=len(row), limit=MAX_COLUMNS))
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise Refused(said("file_more_rows_than", limit=MAX_ROWS))
        return rows

    def head(self, sheet: Sheet) -> RawSheet:
        """The first rows, read once (recognising the layout and reading the body both ask for them)."""
        if self._head is None:
            head = _grid(self.file, self._rows(HEAD_ROWS))
            self._head = RawSheet(head.file, head.sheet, _clip(head.cells), head.first_row)
        return self._head

    def full(self, sheet: Sheet) -> RawSheet:
        if self._full is None:
            self._full = _grid(self.file, self._rows())
        return self._full

    def body(self, sheet: Sheet, header_row: int) -> tuple[pd.DataFrame, int]:
        fast = self._arrow_body(header_row)
        if fast is not None:
            return fast, header_row + 1
        return _body_from_cells(self.full(sheet), header_row), header_row + 1

    def _arrow_body(self, header_row: int) -> pd.DataFrame | None:
        """Everything below the header as strings, parsed by pyarrow; None when rows are ragged."""
        import pyarrow as pa
        import pyarrow.csv as pacsv

        header = self.head(self.sheets[0]).cells.iloc[header_row - 1].tolist()
        names = [f"c{i}" for i in range(len(header))]
        ragged = []

        def on_invalid(row):
            ragged.append(row)
            return "skip"

        raw = self.data
        if raw.startswith(codecs.BOM_UTF8):
            raw = memoryview(raw)[3:]
        codec = "utf8" if self.encoding in ("utf-8", "utf-8-sig") else self.encoding
        try:
            table = pacsv.read_csv(
                pa.BufferReader(pa.py_buffer(raw)),
                read_options=pacsv.ReadOptions(skip_rows=header_row, column_names=names,
                                               block_size=1 << 22, encoding=codec),
                parse_options=pacsv.ParseOptions(delimiter=self.separator,
                                                  newlines_in_values=b'"' in self.data[:1_000_000],
                                                  invalid_row_handler=on_invalid),
                convert_options=pacsv.ConvertOptions(
                    column_types={n: pa.large_string() for n in names}, strings_can_be_null=False,
                    quoted_strings_can_be_null=False, null_values=[]),
                memory_pool=_arrow_pool())
        except (pa.ArrowException, ValueError):
            return None
        if ragged:
            return None
        if table.num_rows > MAX_ROWS:
            raise Refused(said("file_too_many_rows", count=table.num_rows, limit=MAX_ROWS))
        from dialogue.cells import _clean_arrow

        frame = pd.DataFrame({i: _clean_arrow(table.column(i), pd.RangeIndex(table.num_rows))
                              for i in range(table.num_columns)})
        frame.columns = [_header_text(header, p) for p in range(len(header))]
        frame.attrs["clean"] = True          # trimmed, blanks as nulls
        return frame


def _grid(file: str, rows: list[list[str]]) -> RawSheet:
    """The rows as a frame of cells: blank text (only white space) as NaN, short rows padded with None."""
    width = max((len(r) for r in rows), default=0)
    if len(rows) <= HEAD_ROWS:     # a head: blanks found cell by cell (a pandas pass per column costs more)
        return RawSheet(file, None, pd.DataFrame(
            [[v if v is None or not isinstance(v, str) or v.strip() else np.nan for v in r] + [None] * (width - len(r))
             for r in rows], dtype=object), 1)
    cells = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    if len(cells):
        cells = cells.mask(cells.apply(lambda c: c.astype("string").str.strip() == "").fillna(False).astype(bool))
    return RawSheet(file, None, cells, 1)
