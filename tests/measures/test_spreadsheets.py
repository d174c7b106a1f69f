"""Writing spreadsheets that never run a cell as a formula: measures/spreadsheets.py."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from measures.spreadsheets import Number, csv_bytes, formula_safe, unquote, xlsx_bytes


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_a_formula_gets_a_leading_quote(start):
    assert formula_safe(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("text", ["Surgery", "95% seen", "'quoted already", ""])
def test_other_text_is_left_alone(text):
    assert formula_safe(text) == text


@pytest.mark.parametrize("text", ["=1+1", "-", "plain", "'plain", "'"])
def test_unquote_undoes_formula_safe(text):
    assert unquote(formula_safe(text)) == text


def test_csv_quotes_every_text_cell_but_not_numbers_or_dates():
    rows = [["=evil()", "@name", Number(Decimal("-2.500000"), 1), date(2026, 4, 1), None]]

    text = csv_bytes(rows).decode("utf-8")

    assert text == "\ufeff'=evil(),'@name,-2.5,2026-04-01,\r\n"


def test_xlsx_writes_formula_text_as_a_string_and_numbers_as_numbers():
    content = xlsx_bytes([("Values", [["=evil()", Number(Decimal("-2.5"), 2), "\rReturn"]])])

    sheet = openpyxl.load_workbook(io.BytesIO(content))["Values"]

    assert (sheet["A1"].value, sheet["A1"].data_type, sheet["A1"].quotePrefix) == (
        "=evil()",
        "s",
        True,
    )
    assert (sheet["B1"].value, sheet["B1"].data_type, sheet["B1"].number_format) == (
        -2.5,
        "n",
        "0.00",
    )
    assert sheet["C1"].data_type == "s"
