"""Measures and files for the import and export tests.

General Surgery reports referral to treatment (a ratio, as a percentage), a
wait in days, falls (a count) and a quarterly audit score; Theatres reports
utilisation; Surgery's falls are computed from the units below it.
"""

import io
from dataclasses import dataclass
from datetime import date

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from measures.models import Measure, RollUp
from tests.factories import make_measure, make_objective, make_scorecard

COLUMNS = ["unit", "measure", "period", "value", "numerator", "denominator", "comment"]
APRIL = date(2026, 4, 1)


@dataclass
class Measures:
    rtt: Measure
    wait: Measure
    falls: Measure
    audit: Measure
    utilisation: Measure
    surgery_falls: Measure


def build_measures(units):
    general_surgery = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    theatres = make_objective(make_scorecard(units["NHT-SURG-TH"]), "C1")
    surgery = make_objective(make_scorecard(units["NHT-SURG"]), "C1")
    return Measures(
        rtt=make_measure(general_surgery, "RTT18", unit="%", rollup=RollUp.RATIO, decimals=1),
        wait=make_measure(general_surgery, "WAIT", unit="days", decimals=1, direction="lower"),
        falls=make_measure(general_surgery, "FALLS", unit="count", decimals=0, direction="lower"),
        audit=make_measure(general_surgery, "AUDIT", unit="%", frequency="quarterly"),
        utilisation=make_measure(theatres, "UTIL", unit="%"),
        surgery_falls=make_measure(
            surgery, "FALLS", unit="count", rollup=RollUp.SUM, is_computed=True, direction="lower"
        ),
    )


def row(unit="NHT-SURG-GS", measure="WAIT", period="2026-04", value="", **extra):
    """A record of the seven columns, by name."""
    cells = {"unit": unit, "measure": measure, "period": period, "value": value, **extra}
    return [cells.get(name, "") for name in COLUMNS]


def csv_file(rows, *, header=COLUMNS, name="values.csv", bom=False, newline="\n"):
    lines = [",".join(_csv_cell(cell) for cell in cells) for cells in [header, *rows]]
    text = newline.join(lines) + newline
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + text).encode())


def _csv_cell(cell):
    text = "" if cell is None else str(cell)
    return f'"{text}"' if "," in text or '"' in text else text


def xlsx_file(rows, *, header=COLUMNS, name="values.xlsx", formats=None):
    """An XLSX upload; `formats` maps (row index, column name) to a number format."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for cells in rows:
        sheet.append([None if cell == "" else cell for cell in cells])
    for (index, column), number_format in (formats or {}).items():
        sheet.cell(row=index + 2, column=header.index(column) + 1).number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(kind, rows, **options):
    return csv_file(rows, **options) if kind == "csv" else xlsx_file(rows, **options)
