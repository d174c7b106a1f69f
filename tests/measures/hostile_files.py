"""A corpus of hostile and awkward files for the import, built in memory when the tests run.

Each HostileFile says what the import must make of it: refused, with words
the message must hold (and the row it names, for a problem in a row), or
imported, with the counts it must give. The files are those that probing
found (issue 13) and their kin: damaged and amplified workbooks, a zip bomb,
formulas, encodings, separators, empty and binary files, and files named for
the other kind. tests/measures/test_hostile_files.py runs every one through
the command and the import page.

Workbooks are written part by part with zipfile, so they can be damaged in
exactly one way; the measures are those of tests/measures/transfer_data.py.
"""

import io
import os
import signal
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

import openpyxl

from tests.measures.transfer_data import COLUMNS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
    '<workbookPr{epoch}/><sheets><sheet name="Values" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
NO_SHEETS = f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}"><sheets/></workbook>'
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
SHARED_STRINGS = f'<sst xmlns="{MAIN}"><si><t>NHT-SURG-GS</t></si><si><t>WAIT</t></si></sst>'
# Cell styles: 0 general, 1 a date (built-in format 14), 2 a percentage (10).
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><cellXfs count="3">'
    '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
    '<xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>'
)
LETTERS = "ABCDEFG"
DOCTYPE = '<!DOCTYPE x [<!ENTITY a "b">]>'
FORMULA_HEADER = '<c r="D1"><f>A1</f></c>'


def text_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row():
    cells = "".join(text_cell(f"{LETTERS[i]}1", name) for i, name in enumerate(COLUMNS))
    return f'<row r="1">{cells}</row>'


def data_row(number=2, *, period=None, value=None, unit=None, measure=None):
    """Row `number`: General Surgery's WAIT for April 2026, each cell replaceable by raw XML."""
    unit = unit or f'<c r="A{number}" t="s"><v>0</v></c>'
    measure = measure or f'<c r="B{number}" t="s"><v>1</v></c>'
    period = period or text_cell(f"C{number}", "2026-04")
    value = value or f'<c r="D{number}"><v>3</v></c>'
    return f'<row r="{number}">{unit}{measure}{period}{value}</row>'


def sheet(rows, *, dimension="A1:G2", before_rows=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{before_rows}<worksheet xmlns="{MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def workbook(sheet_xml, *, workbook_xml=None, epoch="", leave_out=(), compression=True):
    """XLSX bytes with this sheet, the shared strings and styles above."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml or WORKBOOK.format(epoch=epoch),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/sharedStrings.xml": SHARED_STRINGS,
        "xl/styles.xml": STYLES,
    }
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compression else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in parts.items():
            if name not in leave_out:
                archive.writestr(name, content)
    return buffer.getvalue()


def directory_moved(data, by=1_000_000):
    """Zip `data` whose end record says its central directory starts `by` bytes later.

    zipfile counts each part's place from there, so the parts it lists then lie
    before the start of the file.
    """
    end = data.rindex(b"PK\x05\x06")
    offset = int.from_bytes(data[end + 16 : end + 20], "little")
    return data[: end + 16] + (offset + by).to_bytes(4, "little") + data[end + 20 :]


def encrypted(data):
    """Zip `data` whose central directory marks every part as encrypted (flag bit 0)."""
    data = bytearray(data)
    start = data.find(b"PK\x01\x02")
    while start != -1:
        data[start + 8] |= 1
        start = data.find(b"PK\x01\x02", start + 4)
    return bytes(data)


def good_sheet(extra=""):
    return sheet(header_row() + data_row() + extra)


def openpyxl_formulas():
    """A workbook saved by openpyxl with formulas: their results are not in the file."""
    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    book.active.append(["NHT-SURG-GS", "WAIT", "2026-04", "=1+2"])
    book.active.append(["NHT-SURG-GS", "WAIT", "2026-05", 4])
    book.active.append(["NHT-SURG-GS", "FALLS", "2026-04", "=SUM(D2:D3)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(*lines, separator=","):
    header = separator.join(COLUMNS)
    return "\n".join([header, *lines]) + "\n"


@dataclass(frozen=True)
class HostileFile:
    name: str
    content: bytes
    # Words the refusal holds; None when the file imports.
    refused: str | None = None
    # The row a problem is named on (None for the whole file).
    row: int | None = None
    # How many values an import creates, when it imports.
    created: int = 0
    skipped: int = 0


def corpus():
    """Every hostile file, built afresh."""
    good = csv_text("NHT-SURG-GS,WAIT,2026-04,3")
    blank_rows = "".join(f'<row r="{n}"/>' for n in range(3, 1_000_003))
    padded = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="s"><v>1</v></c>'
        f'<c r="XFD{n}" s="2"/></row>'
        for n in range(3, 4_003)
    )
    latin1 = csv_text("NHT-SURG-GS,WAIT,2026-04,3,,,Café").encode("latin-1")
    return [
        # Size amplification (item 7): what the sheet declares is not what it is read by.
        HostileFile(
            "declared_a1_to_xfd1048576.xlsx",
            workbook(sheet(header_row() + data_row(), dimension="A1:XFD1048576")),
            created=1,
        ),
        HostileFile(
            "a_million_blank_rows.xlsx",
            workbook(sheet(header_row() + data_row() + blank_rows)),
            refused="more than 50,000 rows below its header, counting blank rows",
        ),
        HostileFile(
            "rows_padded_to_xfd.xlsx",
            workbook(sheet(header_row() + data_row() + padded, dimension="A1:XFD4002")),
            created=1,
            skipped=4000,
        ),
        HostileFile(
            "zip_bomb.xlsx",
            workbook(good_sheet(f"<!-- {' ' * (60 * 1024 * 1024)} -->")),
            refused="The workbook unzips to more than 50 MB",
        ),
        # Damaged workbooks (item 8).
        HostileFile(
            "truncated_sheet.xlsx",
            workbook(good_sheet()[:-40]),
            refused="The workbook is damaged: xl/worksheets/sheet1.xml is not whole or not XML",
        ),
        HostileFile(
            "parts_before_the_start.xlsx",
            directory_moved(workbook(good_sheet())),
            refused="The workbook is damaged: _rels/.rels cannot be unzipped",
        ),
        HostileFile(
            "marked_encrypted.xlsx",
            encrypted(workbook(good_sheet())),
            refused="The workbook is damaged: _rels/.rels cannot be unzipped",
        ),
        HostileFile(
            "number_cell_holding_text.xlsx",
            workbook(sheet(header_row() + data_row(value='<c r="D2"><v>abc</v></c>'))),
            refused="The cell is stored as a number but holds",
            row=2,
        ),
        HostileFile(
            "column_zzzzz.xlsx",
            workbook(sheet(header_row() + data_row(value='<c r="ZZZZZ2"><v>3</v></c>'))),
            refused="its sheet has a cell",
        ),
        HostileFile(
            "row_abc.xlsx",
            workbook(sheet(header_row() + '<row r="abc"><c><v>1</v></c></row>')),
            refused="its sheet has a row numbered",
        ),
        HostileFile(
            "shared_string_out_of_range.xlsx",
            workbook(sheet(header_row() + data_row(measure='<c r="B2" t="s"><v>99</v></c>'))),
            refused="refers to text the file does not hold",
        ),
        HostileFile(
            "no_sheets.xlsx",
            workbook("", workbook_xml=NO_SHEETS, leave_out=("xl/worksheets/sheet1.xml",)),
            refused="The workbook has no sheets",
        ),
        HostileFile(
            "sheet_missing.xlsx",
            workbook("", leave_out=("xl/worksheets/sheet1.xml",)),
            refused="The workbook is damaged: it has no xl/worksheets/sheet1.xml",
        ),
        HostileFile(
            "date_in_year_99999.xlsx",
            workbook(sheet(header_row() + data_row(period='<c r="C2" s="1"><v>36500000</v></c>'))),
            refused="is formatted as a date but holds 36500000",
            row=2,
        ),
        HostileFile(
            "doctype.xlsx",
            workbook(good_sheet().replace("<worksheet", f"{DOCTYPE}<worksheet")),
            refused="it holds a DOCTYPE or an entity",
        ),
        HostileFile(
            "error_cell.xlsx",
            workbook(sheet(header_row() + data_row(value='<c r="D2" t="e"><v>#DIV/0!</v></c>'))),
            refused="holds Excel",
            row=2,
        ),
        HostileFile(
            "header_formula.xlsx",
            workbook(sheet(header_row().replace(text_cell("D1", "value"), FORMULA_HEADER))),
            refused="The first row",
        ),
        # Formulas (item 9): with a saved result they import; without, their rows are named.
        HostileFile(
            "formula_with_result.xlsx",
            workbook(sheet(header_row() + data_row(value='<c r="D2"><f>1+2</f><v>3</v></c>'))),
            created=1,
        ),
        HostileFile(
            "formulas_saved_by_openpyxl.xlsx",
            openpyxl_formulas(),
            refused="holds a formula whose result is not saved in the file",
            row=2,
        ),
        HostileFile(
            "dates_from_1904.xlsx",
            workbook(
                sheet(header_row() + data_row(period='<c r="C2" s="1"><v>44651</v></c>')),
                epoch=' date1904="1"',
            ),
            created=1,
        ),
        # Separators and encodings (item 10).
        HostileFile("good.csv", good.encode(), created=1),
        HostileFile(
            "semicolons.csv",
            csv_text("NHT-SURG-GS;WAIT;2026-04;3;;;Seen, and acted on", separator=";").encode(),
            created=1,
        ),
        HostileFile(
            "semicolons_decimal_comma.csv",
            csv_text("NHT-SURG-GS;WAIT;2026-04;1,5", separator=";").encode(),
            refused="is ambiguous: the file",
            row=2,
        ),
        HostileFile(
            "semicolons_thousand_or_decimal.csv",
            csv_text("NHT-SURG-GS;WAIT;2026-04;1,500", separator=";").encode(),
            refused="is ambiguous: the file",
            row=2,
        ),
        HostileFile(
            "unicode_text_utf16_tabs.csv",
            csv_text("NHT-SURG-GS\tWAIT\t2026-04\t3", separator="\t").encode("utf-16"),
            created=1,
        ),
        HostileFile("utf8_bom.csv", ("\ufeff" + good).encode(), created=1),
        HostileFile("latin1.csv", latin1, refused="The file is not UTF-8 text"),
        # Empty, garbage, and files named for the other kind.
        HostileFile("empty.csv", b"", refused="The file is empty"),
        HostileFile("empty.xlsx", b"", refused="The file is empty"),
        HostileFile("blank_lines.csv", b"\n\n \n", refused="The file is empty"),
        HostileFile("header_only.csv", csv_text().encode(), refused="a header but no rows"),
        HostileFile("garbage.csv", os.urandom(4096) + b"\x00", refused="The file is not UTF-8"),
        HostileFile(
            "garbage.xlsx", b"\xd0\xcf\x11\xe0" + os.urandom(4096), refused="could not be read"
        ),
        HostileFile("csv_named_xlsx.xlsx", good.encode(), refused="but holds text, perhaps CSV"),
        HostileFile(
            "xlsx_named_csv.csv",
            workbook(good_sheet()),
            refused="The file is named .csv but is an Excel workbook",
        ),
        HostileFile(
            "csv_field_too_long.csv",
            csv_text('NHT-SURG-GS,WAIT,2026-04,3,,,"' + "x" * 200_000 + '"').encode(),
            refused="could not be read as CSV",
        ),
        HostileFile(
            "csv_sixty_thousand_blank_lines.csv",
            (good + "\n" * 60_000).encode(),
            refused="more than 50,000 rows below its header, counting blank rows",
        ),
    ]


class Hung(Exception):
    """A file that was still being read when its time ran out."""


@contextmanager
def returns_within(seconds):
    """Fails the test if the block has not returned after `seconds`: a guard, not a speed test.

    The readers bound their own time and memory; this only stops a regression
    from hanging the suite the way the files once hung the server.
    """

    def hang(*args):
        raise Hung(f"Still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
