"""A manager imports a workbook of formulas saved by a script, then a CSV saved with semicolons."""

from playwright.sync_api import expect

from measures.models import Observation
from tests.browser.conftest import log_in
from tests.measures.hostile_files import corpus
from tests.measures.transfer_data import build_measures

PASSWORD = "correct-horse-battery"
FILES = {hostile.name: hostile for hostile in corpus()}


def choose(page, name):
    page.get_by_label("Spreadsheet to import").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": FILES[name].content}
    )


def test_formulas_are_named_by_row_and_a_semicolon_csv_is_checked_then_imported(
    page, units, department_manager
):
    build_measures(units)
    log_in(page, "charlie", PASSWORD)
    page.goto("/units/general-surgery/values/import/")

    choose(page, "formulas_saved_by_openpyxl.xlsx")
    page.get_by_role("button", name="Import the values").click()

    expect(page.get_by_role("alert")).to_contain_text("nothing was imported")
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems.get_by_role("row")).to_have_count(3)  # the header, rows 2 and 4
    formula = "The cell holds a formula whose result is not saved in the file"
    for index, number in ((1, "2"), (2, "4")):
        cells = problems.get_by_role("row").nth(index).get_by_role("cell")
        expect(cells).to_have_count(3)
        expect(cells.nth(0)).to_have_text(number)
        expect(cells.nth(1)).to_have_text("value")
        expect(cells.nth(2)).to_contain_text(formula)

    choose(page, "semicolons.csv")
    page.get_by_role("button", name="Check only, save nothing").click()
    expect(page.get_by_text("The file is ready to import")).to_be_visible()
    expect(page.get_by_text("Importing it will give: 1 created")).to_be_visible()
    assert not Observation.objects.exists()

    choose(page, "semicolons.csv")
    page.get_by_role("button", name="Import the values").click()

    expect(page.get_by_text("Imported semicolons.csv: 1 created")).to_be_visible()
    observation = Observation.objects.get()
    assert (observation.measure.code, observation.value, observation.comment) == (
        "WAIT",
        3,
        "Seen, and acted on",
    )
