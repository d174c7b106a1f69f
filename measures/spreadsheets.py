"""Spreadsheets (CSV and XLSX) as plain rows of cells, read and written safely.

No models here. Reading refuses, with the reason in words, a file that is not
CSV or XLSX, is over the size limit, is empty, is damaged, or is not text a
person can have meant; a UTF-8 or UTF-16 byte-order mark, Windows line endings
and a CSV separated by semicolons or tabs just work. Writing makes sure that no
text cell runs as a formula when the file is opened (OWASP "CSV injection").

A file is read in bounded time and memory whatever it declares: an XLSX file
is unzipped and parsed as a stream, never more than MAX_XML_BYTES of any part
of it, only the columns its header row reaches and never past row
MAX_ROWS + 1 (blank rows count: a sheet formatted to its last row is refused,
not read). A cell that cannot be used (a formula whose result the file does
not hold, a number cell holding text, a date no calendar has) is kept as an
Unusable cell, so the import names its row and column and says why.
"""

import csv
import io
import math
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from xml.parsers import expat

import openpyxl
from django.core.files import File
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from measures.values import is_blank

MAX_BYTES = 5 * 1024 * 1024
MAX_SIZE = "5 MB"
# Past this many rows a file is refused rather than read: a small XLSX file
# can unzip to millions of rows.
MAX_ROWS = 50_000
# A spreadsheet runs a text cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8” or as an Excel workbook (.xlsx)."


class Unreadable(ValueError):
    """A file that cannot be read as a table of rows; the message says why and what to do."""


@dataclass(frozen=True)
class Number:
    """A number to write, shown to `decimals` places in XLSX (None: as it is); CSV keeps it all."""

    value: Decimal
    decimals: int | None = None


@dataclass(frozen=True)
class Unusable:
    """A cell that holds nothing the import can use; `reason` says why, for its row and column."""

    reason: str

    def __str__(self):
        return self.reason


@dataclass(frozen=True)
class Table:
    """The rows of a file: [(row number as the spreadsheet shows it, [cell, ...]), ...].

    `decimal_comma` is true for a CSV whose columns are separated by
    semicolons: Excel writes one where the comma is the decimal point, so a
    comma in a number there cannot be read as a thousands separator.
    """

    rows: list
    decimal_comma: bool = False


def read_rows(file: "File[bytes]") -> Table:
    """The Table of an uploaded file, with blank rows left out.

    `file` is an uploaded file or a django.core.files.File: it has a name, a
    size and read(). CSV cells are text; XLSX cells are text, numbers,
    datetimes or Unusable, and a number formatted as a percentage (0.95 shown
    as 95%) is given as the text "95%", as a person would have typed it. Only
    the columns up to the last one the first row (the header) names are kept.
    """
    name = (file.name or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise Unreadable(f"{file.name or 'The file'} is not a CSV or XLSX file. {SAVE_AS}")
    if file.size > MAX_BYTES:
        megabytes = file.size / (1024 * 1024)
        raise Unreadable(
            f"The file is {megabytes:.1f} MB; the limit is {MAX_SIZE}. "
            "Split it into smaller files."
        )
    # One byte past the limit, so a file whose size was misreported is still caught.
    data = file.read(MAX_BYTES + 1)
    if not data:
        raise Unreadable("The file is empty.")
    if len(data) > MAX_BYTES:
        raise Unreadable(f"The file is larger than {MAX_SIZE}. Split it into smaller files.")
    if name.endswith(".csv"):
        rows, delimiter = _csv_rows(data)
    else:
        rows, delimiter = _xlsx_rows(data), None
    numbered = _numbered(rows)
    if not numbered:
        raise Unreadable("The file is empty: it has no rows with anything in them.")
    return Table(numbered, decimal_comma=delimiter == ";")


def _numbered(rows):
    """The rows that hold something, cut to the header's width; refused past MAX_ROWS + 1.

    `rows` yields (row number, cells). Blank rows count towards the limit, so
    a sheet of a million empty rows is refused as soon as it passes it.
    """
    numbered, width = [], None
    for number, cells in rows:
        if number > MAX_ROWS + 1:
            raise Unreadable(
                f"The file has more than {MAX_ROWS:,} rows below its header, counting blank "
                "rows. Split it into smaller files; if the sheet was filled or formatted down "
                "to its last row, delete the rows below your values first."
            )
        if width is not None:
            cells = cells[:width]
        if all(_is_empty(cell) for cell in cells):
            continue
        if width is None:
            width = max(i for i, cell in enumerate(cells) if not _is_empty(cell)) + 1
            cells = cells[:width]
        numbered.append((number, cells))
    return numbered


def _is_empty(cell):
    return not isinstance(cell, Unusable) and is_blank(cell)


# --- CSV -------------------------------------------------------------------------------

# Separators tried, in order of preference when a header line has as many of each.
DELIMITERS = (",", ";", "\t")


def _csv_rows(data):
    """(numbered rows, delimiter) of CSV bytes."""
    if data.startswith(b"PK\x03\x04"):
        raise Unreadable(
            "The file is named .csv but is an Excel workbook: save it with a name ending .xlsx, "
            "or save it from Excel as “CSV UTF-8”."
        )
    text = _decode(data)
    if "\x00" in text:
        raise Unreadable(f"The file does not look like CSV text. {SAVE_AS}")
    delimiter = csv_delimiter(text)
    return _csv_records(text, delimiter), delimiter


def _csv_records(text, delimiter):
    """(record number, cells), one at a time: _numbered stops at the row limit."""
    # newline="" lets the csv module read \r\n, \n and line breaks inside quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise Unreadable(f"The file could not be read as CSV: {error}.") from error


def _decode(data):
    # Excel writes a byte-order mark: UTF-8's for "CSV UTF-8" (utf-8-sig drops
    # it), UTF-16's for "Unicode text". Without one, the text must be UTF-8:
    # Latin-1, Windows-1252 and the rest cannot be told apart reliably.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise Unreadable(f"The file is damaged UTF-16 text. {SAVE_AS}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(
            "The file is not UTF-8 text (it may be an older “CSV” from Excel, or not CSV "
            f"at all). {SAVE_AS}"
        ) from error


def csv_delimiter(text):
    """The separator of a CSV's columns: the one its first line that holds anything has most of.

    Excel saves "CSV" with the list separator of the computer's region: a
    comma in the UK, a semicolon where the comma is the decimal point, and a
    tab for "Unicode text". A header names several columns, so the separator
    is the character it holds most of (outside quotes); a comma when none.
    """
    for line in io.StringIO(text, newline=""):
        if line.strip():
            unquoted = "".join(line.split('"')[::2])
            counts = [unquoted.count(delimiter) for delimiter in DELIMITERS]
            return DELIMITERS[counts.index(max(counts))] if max(counts) else ","
    return ","


# --- XLSX ------------------------------------------------------------------------------

# Past this many bytes unzipped, a part of a workbook (its sheet, its shared
# text) is refused rather than read: 50,000 rows of ten columns take about
# 20 MB, and a small file can unzip to gigabytes.
MAX_XML_BYTES = 50 * 1024 * 1024
# Cells of the header row past this column are not read.
MAX_COLUMNS = 200
# What Excel allows.
LAST_COLUMN = 16_384
LAST_ROW = 1_048_576
CHUNK = 64 * 1024
RESAVE = (
    "Open it in Excel and save it again as an Excel workbook (.xlsx), or save it as “CSV UTF-8”."
)
NOT_A_WORKBOOK = (
    f"The file could not be read as an Excel workbook. {SAVE_AS} A workbook protected by a "
    "password cannot be read: remove the password first."
)
CELL_REFERENCE = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
OFFICE_DOCUMENT = "/officeDocument"


# What zipfile raises for a part it cannot unzip.
UNZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


class _Damaged(Unreadable):
    def __init__(self, what):
        super().__init__(f"The workbook is damaged: {what}. {RESAVE}")


def _xlsx_rows(data):
    """(row number, cells) of the first sheet of XLSX bytes, read as a stream."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a directory naming a zip version zipfile cannot read (a
    # damaged one, as Hypothesis found, or a format no spreadsheet writes).
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as error:
        if _looks_like_text(data):
            raise Unreadable(
                "The file is named .xlsx but holds text, perhaps CSV: save it with a name "
                "ending .csv, or save it from Excel as an Excel workbook."
            ) from error
        raise Unreadable(NOT_A_WORKBOOK) from error
    with archive:
        workbook = _workbook(archive)
        yield from _sheet_rows(archive, workbook)


def _looks_like_text(data):
    if data.startswith(b"PK"):
        return False  # the start of a zip file, damaged
    try:
        data[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data[:4096]


@dataclass
class _Workbook:
    sheet: str
    epoch: datetime
    strings: list
    # Per cell style (the s attribute): "date", "percent" or None.
    styles: list


def _workbook(archive):
    """Where the first sheet is, with the shared text and styles its cells refer to."""
    workbook_path = "xl/workbook.xml"
    if "_rels/.rels" in archive.namelist():
        for rel in _relationships(archive, "_rels/.rels", ""):
            if rel[0].endswith(OFFICE_DOCUMENT):
                workbook_path = rel[2]
    first_sheet, epoch = None, CALENDAR_WINDOWS_1900
    for kind, name, attrs in _events(archive, workbook_path):
        if kind == "start" and name == "workbookPr":
            if attrs.get("date1904", "").lower() in ("1", "true"):
                epoch = CALENDAR_MAC_1904
        elif kind == "start" and name == "sheet" and first_sheet is None:
            first_sheet = attrs.get("id")
    if first_sheet is None:
        raise Unreadable("The workbook has no sheets. Put the values on its first sheet.")
    folder = posixpath.dirname(workbook_path)
    rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook_path) + ".rels")
    sheet = strings_path = styles_path = None
    for kind, rel_id, target in _relationships(archive, rels_path, folder):
        if rel_id == first_sheet:
            sheet = target
        elif kind.endswith("/sharedStrings"):
            strings_path = target
        elif kind.endswith("/styles"):
            styles_path = target
    if sheet is None:
        raise _Damaged("its first sheet is missing")
    strings = _shared_strings(archive, strings_path) if strings_path else []
    styles = _styles(archive, styles_path) if styles_path else []
    return _Workbook(sheet, epoch, strings, styles)


def _relationships(archive, path, folder):
    """(type, id, path in the archive) of each relationship in a .rels part."""
    found = []
    for kind, name, attrs in _events(archive, path):
        if kind == "start" and name == "Relationship":
            target = attrs.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            found.append((attrs.get("Type", ""), attrs.get("Id"), posixpath.normpath(target)))
    return found


def _shared_strings(archive, path):
    """The workbook's shared text, in order: each item's runs joined, phonetic hints left out."""
    reader = _SharedStringsReader()
    # The reader gathers the strings as the parse runs; _parse yields nothing
    # this caller needs, so the loop only drives it to the end.
    for _ in _parse(archive, path, reader):
        pass
    return reader.strings


class _SharedStringsReader:
    """Expat callbacks that collect each shared text item (si), as _SheetReader reads cells."""

    def __init__(self):
        self.ready = []  # nothing to yield: the list is complete at the end
        self.strings = []
        self.parts = None  # the runs of the item being read
        self.text = None  # where the text goes while inside a run (t)
        self.phonetic = 0

    def start(self, name, attrs):
        if ":" in name:
            name = _local(name)
        if name == "si":
            self.parts = []
        elif name == "t" and self.parts is not None and not self.phonetic:
            self.text = self.parts
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name):
        if ":" in name:
            name = _local(name)
        if name == "si" and self.parts is not None:
            self.strings.append("".join(self.parts))
            self.parts = None
        elif name == "t":
            self.text = None
        elif name == "rPh":
            self.phonetic -= 1

    def data(self, text):
        if self.text is not None:
            self.text.append(text)


def _styles(archive, path):
    """What each cell style makes of a number: a "date", a "percent" or None."""
    formats, styles, in_cell_xfs = dict(BUILTIN_FORMATS), [], False
    for kind, name, attrs in _events(archive, path):
        if kind == "start" and name == "numFmt":
            formats[_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "")
        elif kind == "start" and name == "cellXfs":
            in_cell_xfs = True
        elif kind == "end" and name == "cellXfs":
            in_cell_xfs = False
        elif kind == "start" and name == "xf" and in_cell_xfs:
            code = formats.get(_int(attrs.get("numFmtId"), 0), "")
            styles.append("date" if is_date_format(code) else "percent" if "%" in code else None)
    return styles


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _events(archive, path):
    """("start", name, attrs), ("text", None, text) and ("end", name, None) of a small XML part.

    For the workbook's own parts (its list of sheets, relationships, styles
    and shared text); the sheet itself is read by _SheetReader.
    """
    return _parse(archive, path, _Recorder())


def _parse(archive, path, reader):
    """Feed an XML part to `reader`'s callbacks as a stream, yielding what it has ready.

    Streamed through expat, so memory stays small. A part that would unzip
    past MAX_XML_BYTES, a DOCTYPE or an entity (which a workbook never has,
    and which can make a small file expand or read other files) and XML
    that does not parse are refused. Namespaces are not processed: a name
    keeps any prefix ("x:c"), which the readers take off.
    """
    try:
        info = archive.getinfo(path)
    except KeyError as error:
        raise _Damaged(f"it has no {path}") from error
    if info.file_size > MAX_XML_BYTES:
        raise Unreadable(
            f"The workbook unzips to more than {MAX_XML_BYTES // (1024 * 1024)} MB, more than "
            "its values can need. Copy the values into a new workbook, or save them as "
            "“CSV UTF-8”."
        )

    def refuse(*args):
        raise _Damaged("it holds a DOCTYPE or an entity, which Excel never writes")

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        stream = archive.open(info)
    except (*UNZIP_ERRORS, RuntimeError, ValueError) as error:
        # A damaged directory can also place a part before the file's start (zipfile's
        # seek raises ValueError) or mark it encrypted (RuntimeError: it wants a password).
        raise _Damaged(f"{path} cannot be unzipped") from error
    try:
        with stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                yield from reader.ready
                reader.ready.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise _Damaged(f"{path} is not whole or not XML ({error})") from error
    except UNZIP_ERRORS as error:
        raise _Damaged(f"{path} cannot be unzipped") from error
    yield from reader.ready


def _local(name):
    return name.rpartition(":")[2] if ":" in name else name


class _Recorder:
    """Expat callbacks that keep every start, text and end, names and attributes unprefixed."""

    def __init__(self):
        self.ready = []

    def start(self, name, attrs):
        local = {_local(key): value for key, value in attrs.items()}
        self.ready.append(("start", _local(name), local))

    def end(self, name):
        self.ready.append(("end", _local(name), None))

    def data(self, text):
        self.ready.append(("text", None, text))


def _sheet_rows(archive, workbook):
    """(row number, cells) for each row of the sheet, cells only up to the header's last column."""
    return _parse(archive, workbook.sheet, _SheetReader(workbook))


class _SheetReader:
    """Expat callbacks that make a sheet's XML into rows, holding only the row being read.

    Called for every element of a sheet of up to 50 MB, so they do little
    work each. Before the header row is found, cells up to MAX_COLUMNS are
    read; after it, only those up to its last non-blank cell, and a cell past
    it is skipped before it is read. Rows the sheet leaves out are left out
    (they are blank).
    """

    def __init__(self, workbook):
        self.workbook = workbook
        self.width = MAX_COLUMNS
        self.ready = []
        self.number = 0
        self.cells = None  # {column: value} of the row being read
        self.cell = None  # the _Cell being read
        self.text = None  # where the text goes while inside a value (v) or text (t)
        # {column letters: column}, each checked once: most cells of a sheet share a few.
        self.columns = {}

    def start(self, name, attrs):
        if ":" in name:
            name = _local(name)
        if name == "c":
            if self.cells is None:
                return
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                column = self.columns.get(letters) or self.columns.setdefault(
                    letters, _column(ref)
                )
            else:
                column = max(self.cells, default=0) + 1
            if column <= self.width:
                self.cell = _Cell(
                    ref or f"column {column}", column, attrs.get("t"), attrs.get("s")
                )
        elif self.cell is not None:
            if name == "v" or name == "t":
                self.text = self.cell.text
                self.cell.has_value = True
            elif name == "f":
                self.cell.has_formula = True
        elif name == "row":
            self.number = _row_number(attrs.get("r"), self.number)
            self.cells = {}

    def end(self, name):
        if ":" in name:
            name = _local(name)
        if name == "c":
            if self.cell is not None:
                self.cells[self.cell.column] = self.cell.value(self.workbook)
            self.cell = self.text = None
        elif name == "v" or name == "t":
            self.text = None
        elif name == "row" and self.cells is not None:
            cells = self.cells
            row = [cells.get(column) for column in range(1, max(cells, default=0) + 1)]
            if self.width == MAX_COLUMNS and any(not _is_empty(cell) for cell in row):
                self.width = max(i for i, cell in enumerate(row) if not _is_empty(cell)) + 1
            self.ready.append((self.number, row))
            self.cells = None

    def data(self, text):
        if self.text is not None:
            self.text.append(text)


def _row_number(text, previous):
    if text is None:
        return previous + 1
    if not text.isdigit() or not 1 <= int(text) <= LAST_ROW:
        raise _Damaged(f"its sheet has a row numbered “{text[:20]}”, which Excel does not have")
    return int(text)


def _column(ref):
    match = CELL_REFERENCE.match(ref)
    column = column_index_from_string(match.group(1)) if match else 0
    if not match or column > LAST_COLUMN or int(match.group(2)) > LAST_ROW:
        raise _Damaged(f"its sheet has a cell “{ref[:20]}”, which Excel does not have")
    return column


@dataclass
class _Cell:
    ref: str
    column: int
    kind: str | None
    style: str | None
    text: list = field(default_factory=list)
    has_formula: bool = False
    has_value: bool = False

    def value(self, workbook):
        """The cell as the import reads it (see read_rows), or Unusable."""
        text = "".join(self.text)
        # openpyxl writes a formula with an empty <v/>; a formula whose text
        # result is "" (t="str") is a blank cell, not a missing result.
        if self.has_formula and not text and (self.kind != "str" or not self.has_value):
            return Unusable(
                "The cell holds a formula whose result is not saved in the file (files "
                "written by a program other than Excel often leave it out). Open the file in "
                "Excel and save it, or type the value instead of the formula."
            )
        if self.kind in ("s", "inlineStr", "str", "d", "b", "e"):
            return self._typed(text, workbook)
        if not text.strip():
            return None
        try:
            number = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            return Unusable(
                f"The cell is stored as a number but holds “{text[:40]}”. Type the number again."
            )
        if not math.isfinite(number):
            return Unusable(f"The cell holds “{text[:40]}”, which is not a number.")
        style = self._style(workbook)
        if style == "date":
            return self._date(number, workbook)
        if style == "percent":
            return f"{Decimal(str(number)) * 100}%"
        return number

    def _typed(self, text, workbook):
        if self.kind == "s":
            index = _int(text, -1)
            if not 0 <= index < len(workbook.strings):
                raise _Damaged(f"cell {self.ref} refers to text the file does not hold")
            return workbook.strings[index]
        if self.kind == "b":
            return text.strip() in ("1", "true")
        if self.kind == "e":
            return Unusable(
                f"The cell holds Excel's error {text[:20]}: correct its formula, or type the "
                "value."
            )
        if self.kind == "d":
            try:
                return datetime.fromisoformat(text.strip())
            except ValueError:
                return Unusable(f"The cell holds “{text[:40]}”, which is not a date.")
        return text

    def _style(self, workbook):
        index = _int(self.style, 0)
        return workbook.styles[index] if 0 <= index < len(workbook.styles) else None

    def _date(self, number, workbook):
        try:
            day = from_excel(number, workbook.epoch)
        except (OverflowError, ValueError):
            day = None
        if not isinstance(day, datetime) or not 1 <= day.year <= 9999:
            return Unusable(
                f"The cell is formatted as a date but holds {number}, which is not a date "
                "(Excel would show it as ####). Type the period as 2026-04."
            )
        return day


def unquote(text: str) -> str:
    """Text as it was before formula_safe() quoted it, so an export imports unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def formula_safe(text):
    """Text a spreadsheet shows as text: a leading quote where it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows):
    """UTF-8 CSV, with the byte-order mark Excel needs to read accented names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_value(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def _csv_value(cell):
    if cell is None:
        return ""
    if isinstance(cell, Number):
        return format(cell.value.normalize(), "f")
    if isinstance(cell, datetime):
        return f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, date):
        return cell.isoformat()
    return formula_safe(str(cell))


def xlsx_bytes(sheets):
    """An XLSX workbook from [(sheet title, rows), ...], the first row of each a header."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, Number):
        cell = WriteOnlyCell(sheet, value.value)
        if value.decimals is not None:
            cell.number_format = "0." + "0" * value.decimals if value.decimals else "0"
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, str(value))
    # openpyxl makes any text that starts with "=" a formula; a string cell is
    # never run, and the quote prefix keeps it text when someone edits it.
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
