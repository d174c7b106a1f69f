"""Spreadsheets (CSV and XLSX) as plain rows of cells, read and written safely.

No models here. Reading refuses, with the reason in words, a file that is not
CSV or XLSX, is over the size limit, is empty or is not UTF-8 text; a UTF-8
byte-order mark and Windows line endings just work. Writing makes sure that no
text cell runs as a formula when the file is opened (OWASP "CSV injection").
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from openpyxl.cell import WriteOnlyCell

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


def read_rows(file):
    """[(row number as the spreadsheet shows it, [cell, ...]), ...] with blank rows left out.

    `file` is an uploaded file or a django.core.files.File: it has a name, a
    size and read(). CSV cells are text; XLSX cells are text, numbers or
    datetimes, and a number formatted as a percentage (0.95 shown as 95%) is
    given as the text "95%", as a person would have typed it.
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
    data = file.read()
    if not data:
        raise Unreadable("The file is empty.")
    rows = _csv_rows(data) if name.endswith(".csv") else _xlsx_rows(data)
    numbered = []
    for number, cells in enumerate(rows, start=1):
        if all(is_blank(cell) for cell in cells):
            continue
        if len(numbered) > MAX_ROWS:
            raise Unreadable(
                f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
            )
        numbered.append((number, cells))
    if not numbered:
        raise Unreadable("The file is empty: it has no rows with anything in them.")
    return numbered


def _csv_rows(data):
    try:
        # utf-8-sig drops the byte-order mark Excel writes at the start of "CSV UTF-8".
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(
            "The file is not UTF-8 text (it may be an older “CSV” from Excel, or not CSV "
            f"at all). {SAVE_AS}"
        ) from error
    if "\x00" in text:
        raise Unreadable(f"The file does not look like CSV text. {SAVE_AS}")
    try:
        # newline="" lets the csv module read \r\n, \n and line breaks inside quotes.
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise Unreadable(f"The file could not be read as CSV: {error}.") from error


def _xlsx_rows(data):
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file
        raise Unreadable(f"The file could not be read as an Excel workbook. {SAVE_AS}") from error
    try:
        sheet = workbook.worksheets[0]
        # A generator: read_rows stops reading as soon as the sheet is too long.
        for row in sheet.iter_rows():
            yield [_xlsx_value(cell) for cell in row]
    finally:
        workbook.close()


def _xlsx_value(cell):
    value = cell.value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number and "%" in (cell.number_format or ""):
        return f"{Decimal(str(value)) * 100}%"
    return value


def unquote(text):
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
