"""The import page, the templates and the export: measures/views.py."""

import csv
import io
import re
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from measures import spreadsheets
from measures.models import Observation
from measures.recording import Change, record
from measures.values import MeasuredValue
from organisations.models import Role
from scorecard.lib import periods
from tests.factories import grant, make_measure, make_observation, make_target, make_user
from tests.measures.transfer_data import (
    APRIL,
    COLUMNS,
    build_measures,
    csv_file,
    row,
    xlsx_file,
)

SLUG = "general-surgery"
PAGES = ["import_values", "template_csv", "template_xlsx", "export_values"]
WRITE_PAGES = ["import_values", "template_csv", "template_xlsx"]


@pytest.fixture
def measures(units):
    return build_measures(units)


@pytest.fixture
def sibling_manager(units):
    user = make_user("frank")
    grant(user, units["NHT-SURG-TH"], Role.MANAGER)
    return user


def url(name, slug=SLUG):
    return reverse(f"measures:{name}", args=[slug])


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def read_xlsx(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def post_file(client, file, *, slug=SLUG, check_only=False):
    data = {"file": file, "check" if check_only else "import": ""}
    return client.post(url("import_values", slug), data)


# Who may do what.


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_users_are_sent_to_log_in(client, units, name):
    response = client.get(url(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["outsider", "sibling_manager"])
@pytest.mark.parametrize("name", PAGES)
def test_users_without_a_role_on_the_unit_are_not_told_it_exists(
    client, request, measures, persona, name
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url(name)).status_code == 404


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_analysts_may_not_import(client, measures, analyst, name):
    client.force_login(analyst)

    assert client.get(url(name)).status_code == 403


def test_analysts_may_not_post_an_import(client, measures, analyst):
    client.force_login(analyst)

    response = post_file(client, csv_file([row(value="3")]))

    assert response.status_code == 403
    assert not Observation.objects.exists()


def test_analysts_may_export(client, measures, analyst):
    client.force_login(analyst)

    response = export(client, "2026-04", "2026-04")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="NHT-SURG-GS-values-2026-04-to-2026-04.csv"'
    )


@pytest.mark.parametrize("persona", ["department_manager", "directorate_manager", "trust_admin"])
@pytest.mark.parametrize("name", PAGES)
def test_managers_of_the_unit_or_above_and_admins_may_use_every_page(
    client, request, measures, persona, name
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES[1:])
def test_downloads_and_the_export_only_answer_get(client, measures, department_manager, name):
    client.force_login(department_manager)

    assert client.post(url(name)).status_code == 405


def test_the_import_page_refuses_other_methods(client, measures, department_manager):
    client.force_login(department_manager)

    assert client.put(url("import_values")).status_code == 405


# The import page.


def test_the_import_page_says_the_columns_the_limit_and_links_the_templates(
    client, measures, department_manager
):
    client.force_login(department_manager)

    page = client.get(url("import_values")).content.decode()

    assert "unit, measure, period, value, numerator, denominator, comment" in page
    assert "up to 5 MB and 50,000 rows" in page
    assert url("template_xlsx") in page
    assert url("template_csv") in page


def test_an_import_saves_and_redirects_with_its_counts(client, measures, department_manager):
    client.force_login(department_manager)
    rows = [row(value="3"), row(measure="RTT18", numerator="9", denominator="10"), row("FALLS")]

    response = post_file(client, csv_file(rows))

    assert response.status_code == 302
    assert response.url == url("import_values")
    page = client.get(response.url).content.decode()
    assert (
        "Imported values.csv: 2 created, 0 updated, 0 unchanged, 1 skipped (no value given)."
        in page
    )
    record = Observation.objects.get(measure=measures.rtt).history.get()
    assert (record.history_user, record.history_change_reason) == (
        department_manager,
        "Imported from values.csv",
    )


def test_an_xlsx_import_saves_too(client, measures, department_manager):
    client.force_login(department_manager)

    response = post_file(client, xlsx_file([row(value=3.5)]))

    assert response.status_code == 302
    assert Observation.objects.get().value == 3.5


def test_one_bad_row_shows_every_problem_and_writes_nothing(client, measures, department_manager):
    make_observation(measures.wait, APRIL, "5")
    before = (Observation.objects.count(), Observation.history.count())
    client.force_login(department_manager)
    rows = [row(value="6"), row(measure="FALLS", value="lots"), row(measure="RTT18", value="90")]

    response = post_file(client, csv_file(rows))

    assert response.status_code == 200
    assert (Observation.objects.count(), Observation.history.count()) == before
    assert Observation.objects.get().value == 5
    page = response.content.decode()
    assert "There is a problem: nothing was imported" in page
    assert '<a href="#problems">The file has 2 problems' in page
    assert 'id="problems"' in page
    problems = [(p.row, p.column) for p in response.context["plan"].problems]
    assert problems == [(3, "value"), (4, "value")]
    assert "“lots” is not a number." in page
    assert "RTT18 is a ratio: give its numerator and denominator" in page


def test_a_problem_with_the_whole_file_is_shown_beside_the_file_field(
    client, measures, department_manager
):
    client.force_login(department_manager)

    response = post_file(client, csv_file([], header=["unit", "measure"]))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The header has no column named period, value (or numerator and denominator)."
    ]
    page = response.content.decode()
    assert 'href="#id_file"' in page
    assert "nhsuk-form-group--error" in page


def test_no_file_chosen_is_refused(client, measures, department_manager):
    client.force_login(department_manager)

    response = client.post(url("import_values"), {"import": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Choose a CSV or XLSX file to import"]


def test_check_only_says_what_an_import_would_do_and_saves_nothing(
    client, measures, department_manager
):
    client.force_login(department_manager)

    response = post_file(client, csv_file([row(value="3")]), check_only=True)

    assert response.status_code == 200
    assert not Observation.objects.exists()
    assert (
        "Importing it will give: 1 created, 0 updated, 0 unchanged, 0 skipped (no value given)."
        in response.content.decode()
    )


def test_a_unit_the_importer_cannot_see_reads_as_unknown(client, measures, department_manager):
    client.force_login(department_manager)

    response = post_file(client, csv_file([row(unit="NHT-SURG-TH", measure="UTIL", value="1")]))

    assert response.status_code == 200
    assert "There is no unit with the code NHT-SURG-TH." in response.content.decode()


def test_a_unit_outside_the_page_is_refused_even_to_its_manager(
    client, measures, directorate_manager
):
    client.force_login(directorate_manager)

    response = post_file(client, csv_file([row(unit="NHT-SURG-TH", measure="UTIL", value="1")]))

    assert response.status_code == 200
    assert "Theatres is not General Surgery or a unit below it" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_manager_above_imports_for_the_units_below(client, measures, directorate_manager):
    client.force_login(directorate_manager)
    rows = [row(value="3"), row(unit="NHT-SURG-TH", measure="UTIL", value="80")]

    response = post_file(client, csv_file(rows), slug="surgery")

    assert response.status_code == 302
    assert Observation.objects.filter(measure__is_computed=False).count() == 2


# The templates.


def test_the_csv_template_lists_each_measure_that_can_be_entered(
    client, measures, directorate_manager
):
    client.force_login(directorate_manager)

    response = client.get(url("template_csv", "surgery"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="NHT-SURG-values-template.csv"'
    )
    month = periods.latest_complete_period(date.today(), "monthly").isoformat()
    quarter = periods.latest_complete_period(date.today(), "quarterly").isoformat()
    header, *rows = read_csv(response)
    assert header == [
        "unit",
        "measure",
        "period",
        "value",
        "numerator",
        "denominator",
        "comment",
        "measure title",
    ]
    # Surgery's computed FALLS is not there: it is never typed in.
    assert rows == [
        ["NHT-SURG-GS", "AUDIT", quarter, "", "", "", "", "Measure AUDIT"],
        ["NHT-SURG-GS", "FALLS", month, "", "", "", "", "Measure FALLS"],
        ["NHT-SURG-GS", "RTT18", month, "", "", "", "", "Measure RTT18"],
        ["NHT-SURG-GS", "WAIT", month, "", "", "", "", "Measure WAIT"],
        ["NHT-SURG-TH", "UTIL", month, "", "", "", "", "Measure UTIL"],
    ]


def test_the_template_leaves_out_retired_measures(client, measures, department_manager):
    measures.audit.is_retired = True
    measures.audit.save()
    client.force_login(department_manager)

    rows = read_csv(client.get(url("template_csv")))

    assert [cells[1] for cells in rows[1:]] == ["FALLS", "RTT18", "WAIT"]


def test_the_xlsx_template_has_a_notes_sheet_on_columns_and_measures(
    client, measures, department_manager
):
    client.force_login(department_manager)

    workbook = read_xlsx(client.get(url("template_xlsx")))

    assert workbook.sheetnames == ["Values", "Notes"]
    values = list(workbook["Values"].iter_rows(values_only=True))
    assert values[0][:3] == ("unit", "measure", "period")
    assert len(values) == 5
    notes = [cells for cells in workbook["Notes"].iter_rows(values_only=True) if any(cells)]
    assert notes[3][:1] == ("period",)
    rtt = next(cells for cells in notes if cells[1] == "RTT18")
    assert rtt == (
        "NHT-SURG-GS",
        "RTT18",
        "Measure RTT18",
        "%",
        "Monthly",
        "ratio: numerator (numerator) and denominator (denominator)",
    )


def test_a_filled_in_template_imports(client, measures, department_manager):
    client.force_login(department_manager)
    header, *rows = read_csv(client.get(url("template_csv")))
    rows[1][3] = "2"  # FALLS
    rows[2][4:6] = ["45", "50"]  # RTT18

    response = post_file(client, csv_file(rows, header=header))

    assert response.status_code == 302
    assert Observation.objects.get(measure=measures.rtt).value == 90


# The export.


def export(client, start="2026-04", end="2026-06", kind="csv", slug=SLUG):
    return client.get(url("export_values", slug), {"start": start, "end": end, "format": kind})


@pytest.fixture
def values(measures, department_manager):
    make_target(measures.wait, value="14", tolerance="2")
    make_observation(measures.wait, APRIL, "12.5", comment="Validated")
    make_observation(measures.wait, date(2026, 5, 1), "15", entered_by=department_manager)
    make_observation(measures.wait, date(2026, 7, 1), "20")
    make_observation(measures.rtt, APRIL, "90", numerator=45, denominator=50)
    make_observation(measures.utilisation, APRIL, "80")
    return measures


def test_the_export_form_offers_the_last_twelve_months(client, measures, analyst):
    client.force_login(analyst)

    response = client.get(url("export_values"))

    this_month = date.today().replace(day=1)
    assert response.context["form"]["end"].value() == f"{this_month:%Y-%m}"
    assert "Download the values" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("2026-06", "2026-04", "end", "The last month must be June 2026 or later"),
        ("April", "2026-04", "start", "Enter the period as year and month"),
        ("2026-04", "2026-13", "end", "Enter the period as year and month"),
        ("2026-04", "2099-01", "end", "The last month is in the future: the latest is"),
        ("", "2026-04", "start", "Enter the first month"),
    ],
)
def test_a_bad_range_is_refused_beside_its_field(
    client, measures, analyst, start, end, field, message
):
    client.force_login(analyst)

    response = export(client, start, end)

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "There is a problem" in response.content.decode()


def test_the_csv_export_has_every_column_with_target_and_status(
    client, values, department_manager
):
    client.force_login(department_manager)

    header, *rows = read_csv(export(client))

    assert header == [
        "unit",
        "unit name",
        "measure",
        "measure title",
        "period",
        "value",
        "numerator",
        "denominator",
        "target",
        "status",
        "comment",
        "entered by",
        "entered at",
    ]
    # Theatres is not below General Surgery; July is after the range.
    assert [cells[:12] for cells in rows] == [
        ["NHT-SURG-GS", "General Surgery", "RTT18", "Measure RTT18", "2026-04-01", "90", "45",
         "50", "", "No target", "", ""],
        ["NHT-SURG-GS", "General Surgery", "WAIT", "Measure WAIT", "2026-04-01", "12.5", "", "",
         "14", "On target", "Validated", ""],
        ["NHT-SURG-GS", "General Surgery", "WAIT", "Measure WAIT", "2026-05-01", "15", "", "",
         "14", "Within tolerance", "", "charlie"],
    ]  # fmt: skip


def test_the_export_covers_the_units_below(client, values, directorate_manager):
    client.force_login(directorate_manager)

    rows = read_csv(export(client, slug="surgery"))

    assert {cells[0] for cells in rows[1:]} == {"NHT-SURG-GS", "NHT-SURG-TH"}


def test_the_xlsx_export_writes_numbers_as_numbers_to_the_measures_decimals(
    client, values, department_manager
):
    client.force_login(department_manager)

    response = export(client, kind="xlsx")

    assert response["Content-Disposition"].endswith('-2026-04-to-2026-06.xlsx"')
    sheet = read_xlsx(response)["Values"]
    wait = sheet["F3"]
    assert (wait.value, wait.data_type, wait.number_format) == (12.5, "n", "0.0")
    assert sheet["E3"].value.date() == APRIL
    assert (sheet["I3"].value, sheet["J3"].value) == (14, "On target")


# A comment starting with a carriage return is quoted too (test_spreadsheets.py), but
# XML turns it into a line feed, so it cannot come back unchanged from XLSX.
FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tTab"]


@pytest.fixture
def formulas(measures):
    for month, text in enumerate(FORMULAS, start=4):
        make_observation(measures.falls, date(2026, month, 1), "1", comment=text)


def test_the_csv_export_quotes_text_a_spreadsheet_would_run(client, formulas, analyst):
    client.force_login(analyst)

    rows = read_csv(export(client, end="2026-09"))

    assert [cells[10] for cells in rows[1:]] == ["'" + text for text in FORMULAS]
    # The unit's name and the measure's title are quoted the same way (test_spreadsheets.py).


def test_the_xlsx_export_writes_formulas_as_text(client, formulas, analyst):
    client.force_login(analyst)

    sheet = read_xlsx(export(client, end="2026-09", kind="xlsx"))["Values"]

    comments = [sheet.cell(row=number, column=11) for number in range(2, 2 + len(FORMULAS))]
    assert [cell.value for cell in comments] == FORMULAS
    assert {cell.data_type for cell in comments} == {"s"}
    assert all(cell.quotePrefix for cell in comments)


def stored_values():
    return set(
        Observation.objects.filter(measure__objective__scorecard__unit__slug=SLUG).values_list(
            "measure", "period", "value", "numerator", "denominator", "comment"
        )
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_imports_back_exactly(client, formulas, values, department_manager, kind):
    client.force_login(department_manager)
    content = export(client, end="2026-09", kind=kind).content
    exported = SimpleUploadedFile(f"export.{kind}", content)
    stored = stored_values()

    again = post_file(client, exported)

    assert again.status_code == 302
    assert "0 created, 0 updated, 9 unchanged" in client.get(again.url).content.decode()
    Observation.objects.filter(measure__objective__scorecard__unit__slug=SLUG).delete()
    exported.seek(0)
    restored = post_file(client, exported)
    assert restored.status_code == 302
    assert stored_values() == stored


def subtree_values():
    return set(
        Observation.objects.filter(
            measure__objective__scorecard__unit__code__startswith="NHT-SURG"
        ).values_list("measure", "period", "value", "numerator", "denominator", "comment")
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_export_of_a_unit_and_the_units_below_imports_back_exactly(
    client, measures, directorate_manager, kind
):
    from measures.recording import Change, record
    from measures.values import MeasuredValue, ratio_value

    may = date(2026, 5, 1)
    two_thirds = MeasuredValue(ratio_value(D(2), D(3), 100), D(2), D(3))
    entered = [
        Change(
            measures.rtt, APRIL, two_thirds, "Two of three, “validated”; see the RCA\nby Dr Ng"
        ),
        Change(measures.rtt, may, MeasuredValue(D("97.5"), D("19.5"), D(20)), "  Spaces kept  "),
        Change(measures.wait, APRIL, MeasuredValue(D("12.345678")), "£1,200 – agency cover"),
        Change(measures.wait, may, MeasuredValue(D("0.1"))),
        Change(measures.falls, APRIL, MeasuredValue(D(0)), "=none, for once"),
        Change(measures.falls, may, MeasuredValue(D(3))),
        Change(measures.audit, APRIL, MeasuredValue(D("87.5")), "Q1 audit"),
        Change(
            measures.utilisation, APRIL, MeasuredValue(D("80.25")), "Théâtre 2 closed\tfor works"
        ),
    ]
    record(entered, directorate_manager)
    stored = subtree_values()
    # Surgery's falls are computed from General Surgery's: they are in the export too.
    assert len(stored) == len(entered) + 2
    client.force_login(directorate_manager)
    exported = SimpleUploadedFile(
        f"surgery.{kind}", export(client, "2026-04", "2026-05", kind, slug="surgery").content
    )
    Observation.objects.filter(
        measure__objective__scorecard__unit__code__startswith="NHT-SURG",
        measure__is_computed=False,
    ).delete()

    response = post_file(client, exported, slug="surgery")

    assert response.status_code == 302
    assert subtree_values() == stored


def grow(measures, count):
    """`count` values of WAIT and RTT18 across the months before November 2026."""
    for number in range(count):
        month = periods.add_periods(date(2022, 4, 1), "monthly", number // 2)
        if number % 2:
            make_observation(measures.rtt, month, "90", numerator=9, denominator=10)
        else:
            make_observation(measures.wait, month, "10")


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_reads_a_fixed_number_of_queries(
    client, measures, analyst, django_assert_max_num_queries, count, kind
):
    grow(measures, count)
    client.force_login(analyst)

    # Session, user, the unit and the role on it; then the values, and their targets.
    with django_assert_max_num_queries(6):
        response = export(client, "2022-04", "2026-11", kind)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_the_import_reads_a_fixed_number_of_queries_to_check_a_file(
    client, measures, department_manager, django_assert_max_num_queries, count
):
    grow(measures, count)
    client.force_login(department_manager)
    header, *rows = read_csv(export(client, "2022-04", "2026-11"))

    # Session, user, the unit and the role on it; the file's units and measures; the dry
    # run's two savepoints (six statements), whether the months are closed (under a lock of
    # the unit-months on PostgreSQL) and its one read of the stored values; the menu.
    with django_assert_max_num_queries(16 + (connection.vendor == "postgresql")):
        response = post_file(client, csv_file(rows, header=header), check_only=True)

    assert response.status_code == 200


# The unit's page leads to them.


def test_the_unit_page_links_managers_to_import_and_export(client, units, department_manager):
    client.force_login(department_manager)

    page = client.get(reverse("dashboards:unit", args=[SLUG])).content.decode()

    assert url("import_values") in page
    assert url("export_values") in page


def test_the_unit_page_links_analysts_to_export_only(client, units, analyst):
    client.force_login(analyst)

    page = client.get(reverse("dashboards:unit", args=[SLUG])).content.decode()

    assert url("import_values") not in page
    assert url("export_values") in page


# Comments, computed totals and action triggers on import.


def test_a_file_without_comments_keeps_the_comments_already_saved(
    client, measures, department_manager
):
    make_observation(measures.wait, APRIL, "12.5", comment="Two long waits validated")
    client.force_login(department_manager)
    no_comment_column = ["unit", "measure", "period", "value"]

    post_file(
        client, csv_file([["NHT-SURG-GS", "WAIT", "2026-04", "13"]], header=no_comment_column)
    )
    post_file(client, csv_file([row(value="14", comment="")]))

    saved = Observation.objects.get(measure=measures.wait)
    assert saved.value == 14
    assert saved.comment == "Two long waits validated"


def test_an_export_of_a_directorate_imports_back_skipping_its_computed_totals(
    client, measures, directorate_manager
):
    from measures.recording import Change, record
    from measures.values import MeasuredValue

    record([Change(measures.falls, APRIL, MeasuredValue(2))], directorate_manager)
    assert Observation.objects.get(measure=measures.surgery_falls).value == 2
    client.force_login(directorate_manager)
    exported = SimpleUploadedFile("surgery.csv", export(client, slug="surgery").content)

    response = post_file(client, exported, slug="surgery")

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert (
        "0 created, 0 updated, 1 unchanged, 0 skipped (no value given); 1 computed total left "
        "as computed from the units below" in page
    )


def test_a_changed_computed_total_is_refused(client, measures, directorate_manager):
    make_observation(measures.surgery_falls, APRIL, "2")
    client.force_login(directorate_manager)

    response = post_file(client, csv_file([row("NHT-SURG", "FALLS", value="5")]), slug="surgery")

    assert response.status_code == 200
    assert "FALLS in Surgery is computed from the units below" in response.content.decode()
    assert Observation.objects.get(measure=measures.surgery_falls).value == 2


def test_an_export_imports_back_into_a_directorate_whose_values_and_totals_were_lost(
    client, measures, directorate_manager
):
    make_observation(measures.falls, APRIL, "2")
    make_observation(measures.surgery_falls, APRIL, "2")
    client.force_login(directorate_manager)
    exported = SimpleUploadedFile("surgery.csv", export(client, slug="surgery").content)
    Observation.objects.all().delete()

    response = post_file(client, exported, slug="surgery")

    assert response.status_code == 302
    assert Observation.objects.get(measure=measures.falls).value == 2
    assert Observation.objects.get(measure=measures.surgery_falls).value == 2


def test_a_total_the_file_s_own_values_do_not_make_is_refused(
    client, measures, directorate_manager
):
    client.force_login(directorate_manager)
    rows = [row("NHT-SURG-GS", "FALLS", value="3"), row("NHT-SURG", "FALLS", value="5")]

    response = post_file(client, csv_file(rows), slug="surgery")

    assert response.status_code == 200
    assert "FALLS in Surgery is computed from the units below" in response.content.decode()
    assert not Observation.objects.exists()


def test_a_file_changing_a_department_may_give_the_total_that_makes(
    client, measures, directorate_manager
):
    make_observation(measures.falls, APRIL, "2")
    make_observation(measures.surgery_falls, APRIL, "2")
    client.force_login(directorate_manager)
    rows = [row("NHT-SURG-GS", "FALLS", value="3"), row("NHT-SURG", "FALLS", value="3")]

    response = post_file(client, csv_file(rows), slug="surgery")

    assert response.status_code == 302
    assert Observation.objects.get(measure=measures.surgery_falls).value == 3


def test_values_past_the_trigger_without_a_comment_are_imported_and_the_importer_told(
    client, measures, department_manager
):
    make_target(measures.wait, value="14", tolerance="2", action_trigger="18")
    client.force_login(department_manager)
    rows = [row(value="20"), row(period="2026-05", value="25", comment="Extra clinics booked")]

    checked = post_file(client, csv_file(rows), check_only=True).content.decode()
    imported = post_file(client, csv_file(rows))

    advice = "1 value is past the action trigger with no comment (row 2)"
    assert advice in checked
    assert advice in client.get(imported.url).content.decode()
    assert Observation.objects.filter(measure=measures.wait).count() == 2


def test_re_importing_values_already_past_the_trigger_does_not_warn_again(
    client, measures, department_manager
):
    make_target(measures.wait, value="14", tolerance="2", action_trigger="18")
    make_observation(measures.wait, APRIL, "20")
    client.force_login(department_manager)

    response = post_file(client, csv_file([row(value="20")]))

    assert (
        "past the action trigger with no comment" not in client.get(response.url).content.decode()
    )


# What the check saw is what the import writes over (issue 13).


def hidden_checked(response):
    return re.search(r'name="checked" value="([^"]+)"', response.content.decode()).group(1)


def import_checked(client, file, checked):
    return client.post(url("import_values"), {"file": file, "checked": checked, "import": ""})


def test_a_value_typed_after_the_check_is_listed_and_nothing_is_imported(
    client, measures, department_manager
):
    client.force_login(department_manager)
    rows = [row(value="3"), row(measure="FALLS", value="2")]
    checked = hidden_checked(post_file(client, csv_file(rows), check_only=True))
    typist = make_user("tina", first_name="Tina", last_name="Typist")
    record([Change(measures.wait, APRIL, MeasuredValue(D(7)))], typist)

    response = import_checked(client, csv_file(rows), checked)

    page = response.content.decode()
    assert "Values changed since the file was checked: nothing was imported" in page
    assert 'table__cell--numeric">2</td>' in page
    assert "Since the file was checked, Tina Typist changed this value to 7 days (" in page
    assert list(Observation.objects.values_list("measure__code", "value")) == [("WAIT", D(7))]
    # Importing the file again replaces the value listed, as the entry page's second save does.
    again = import_checked(client, csv_file(rows), hidden_checked(response))
    assert again.status_code == 302
    assert Observation.objects.get(measure=measures.wait).value == D(3)


def test_a_check_of_another_file_carries_nothing_to_the_import(
    client, measures, department_manager
):
    client.force_login(department_manager)
    checked = hidden_checked(post_file(client, csv_file([row(value="4")]), check_only=True))
    record([Change(measures.wait, APRIL, MeasuredValue(D(7)))], None)

    response = import_checked(client, csv_file([row(value="3")]), checked)

    assert response.status_code == 302
    assert Observation.objects.get().value == D(3)


def test_a_tampered_check_is_ignored(client, measures, department_manager):
    client.force_login(department_manager)

    response = import_checked(client, csv_file([row(value="3")]), "not:signed")

    assert response.status_code == 302
    assert Observation.objects.get().value == D(3)


# An upload past the limit is stopped as it arrives (issue 13).


class Body:
    """A request body read as a stream: a multipart form whose file never ends, counted."""

    def __init__(self, boundary):
        self.start = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="import"\r\n\r\n\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="values.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.read_bytes = 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        chunk = (self.start + b"x" * size)[:size] if self.read_bytes == 0 else b"x" * size
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def test_an_upload_declaring_a_gigabyte_is_refused_before_its_file_is_read(
    client, measures, department_manager
):
    client.force_login(department_manager)
    body = Body("limit")

    response = client.generic(
        "POST",
        url("import_values"),
        b"",
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(1024**3),
            "CONTENT_TYPE": "multipart/form-data; boundary=limit",
        },
    )

    assert response.status_code == 200
    assert "The file is larger than 5 MB, the limit. Split it into smaller files." in (
        response.content.decode()
    )
    assert body.read_bytes < 1024 * 1024
    assert not Observation.objects.exists()


def test_an_upload_is_stopped_at_the_limit_and_the_page_says_it(
    client, measures, department_manager
):
    client.force_login(department_manager)
    # Under the size the body may declare, so the handler counts it as it arrives.
    big = SimpleUploadedFile("values.csv", b"x" * (spreadsheets.MAX_BYTES + 1024))

    response = post_file(client, big)

    assert response.status_code == 200
    assert "The file is larger than 5 MB, the limit." in response.content.decode()
    assert not Observation.objects.exists()


def test_the_real_import_names_the_columns_it_ignored_as_the_check_does(
    client, measures, department_manager
):
    client.force_login(department_manager)
    header = [*COLUMNS, "owner notes"]
    cells = [*row(value="3"), "call Sam"]

    checked = post_file(client, csv_file([cells], header=header), check_only=True)
    imported = post_file(client, csv_file([cells], header=header))

    assert "These columns will be ignored: owner notes." in checked.content.decode()
    page = client.get(imported.url).content.decode()
    assert "Imported values.csv: 1 created" in page
    assert "These columns were ignored: owner notes." in page


def test_an_import_names_a_total_above_too_large_to_store(client, measures, department_manager):
    theatres = make_measure(
        measures.utilisation.objective, "FALLS", unit="count", decimals=0, direction="lower"
    )
    record([Change(theatres, APRIL, MeasuredValue(D("600000000000")))], None)
    client.force_login(department_manager)

    imported = post_file(client, csv_file([row(measure="FALLS", value="600000000000")]))

    page = client.get(imported.url).content.decode()
    assert "1 created, 0 updated, 0 unchanged, 0 skipped (no value given)" in page
    assert "; 1 computed total above not computed." in page
    assert "Surgery&#x27;s FALLS for Apr 2026 is not computed: the units below add up to" in page
    assert not Observation.objects.filter(measure=measures.surgery_falls).exists()
