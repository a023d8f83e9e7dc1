"""A minimal, deterministic .xlsx writer: same table in, same bytes out, 100,000 rows in about a second.

openpyxl stamps the time into the archive and takes ~10 s for 800,000 cells; the benchmark data
must be byte-for-byte reproducible, so the few parts of a workbook are written here directly, the
way Excel lays them out (shared strings, a dimension, one sheet).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>{title}</dc:title><dc:creator>benchmarks/generate.py</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>\
</cp:coreProperties>"""

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
</Relationships>"""

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cells(column: pa.Array, letter: str, rows: np.ndarray, strings: dict[str, int]) -> pa.Array:
    """The <c> elements of one column, built with Arrow string kernels rather than a row loop."""
    refs = pc.binary_join_element_wise(letter, pa.array(rows.astype(str)), "")
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        index = pa.array([strings[v] for v in column.dictionary_encode().dictionary.to_pylist()])
        codes = column.dictionary_encode().indices
        values = pc.take(index, codes).cast(pa.string())
        return pc.binary_join_element_wise('<c r="', refs, '" t="s"><v>', values, "</v></c>", "")
    values = column.cast(pa.string())
    cells = pc.binary_join_element_wise('<c r="', refs, '"><v>', values, "</v></c>", "")
    return pc.if_else(pc.is_null(column), pa.scalar(""), cells)


def write_xlsx(table: pa.Table, path: Path, sheet: str = "Sheet1", title: str = "") -> None:
    """Write `table` (strings and numbers; nulls become empty cells) as a one-sheet workbook."""
    names = table.column_names
    strings: dict[str, int] = {}
    for name in names:
        strings.setdefault(name, len(strings))
    for name in names:
        col = table.column(name).combine_chunks()
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            for value in col.dictionary_encode().dictionary.to_pylist():
                strings.setdefault(value, len(strings))
    n = table.num_rows
    rows = np.arange(2, n + 2)
    columns = [
        _cells(table.column(name).combine_chunks(), _column_letter(i), rows, strings)
        for i, name in enumerate(names)
    ]
    body_rows = pc.binary_join_element_wise(
        '<row r="', pa.array(rows.astype(str)), '">', *columns, "</row>", ""
    )
    header = "".join(
        f'<c r="{_column_letter(i)}1" t="s"><v>{strings[name]}</v></c>' for i, name in enumerate(names)
    )
    last = f"{_column_letter(len(names) - 1)}{n + 1}"
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{last}"/><sheetData><row r="1">{header}</row>'
        + "".join(body_rows.to_pylist())
        + "</sheetData></worksheet>"
    )
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>'
    )
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _CORE.format(title=escape(title)),
        "xl/workbook.xml": _WORKBOOK.format(sheet=escape(sheet)),
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/styles.xml": _STYLES,
        "xl/sharedStrings.xml": shared,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
