"""Importing trajectories (planned values per period) from a spreadsheet: all or nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from measures.models import Target
from tests.factories import make_measure, make_objective, make_scorecard, make_target

SLUG = "general-surgery"
URL = reverse("builder:trajectory_import", args=[SLUG])


@pytest.fixture
def measures(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    customer = make_objective(scorecard, "C1", "Customer")
    process = make_objective(scorecard, "P1", "Internal business processes")
    rtt = make_measure(customer, "RTT18", unit="%", decimals=1)
    make_target(rtt, date(2025, 4, 1), "65", tolerance=Decimal(3), action_trigger=Decimal(60))
    spells = make_measure(process, "ELEC", unit="count", decimals=0)
    temperature = make_measure(process, "TEMP", unit="°C", direction="range")
    return {"RTT18": rtt, "ELEC": spells, "TEMP": temperature}


def csv_file(text, name="plan.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def post(client, upload, **fields):
    data = {"file": upload, "source": "interim", "rationale": "2026/27 operational plan"}
    return client.post(URL, {**data, **fields})


def test_a_manager_imports_two_measures_plans(client, measures, department_manager):
    client.force_login(department_manager)
    plan = (
        "measure,period,planned value,tolerance,trigger\n"
        "RTT18,2026-04,65.5,,\n"
        "RTT18,2026-05,66,,\n"
        "ELEC,2026-04,1200,50,1000\n"
        "ELEC,2026-05-01,1250,50,1000\n"
    )

    response = post(client, csv_file(plan))

    assert response.status_code == 302
    rtt = {t.effective_from: t for t in measures["RTT18"].targets.all()}
    assert rtt[date(2026, 5, 1)].value == 66
    # A blank tolerance and trigger keep the plan's before them.
    assert (rtt[date(2026, 4, 1)].tolerance, rtt[date(2026, 4, 1)].action_trigger) == (3, 60)
    assert rtt[date(2026, 4, 1)].source == Target.Source.INTERIM
    assert measures["ELEC"].targets.get(effective_from=date(2026, 5, 1)).value == 1250
    page = client.get(response["Location"])
    assert "Saved 4 planned values for 2 measures: ELEC, RTT18." in page.content.decode()


def test_an_xlsx_plan_is_read_as_a_csv_one(client, measures, department_manager):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Measure", "Period", "Planned value"])
    sheet.append(["ELEC", date(2026, 6, 1), 1300])
    data = io.BytesIO()
    workbook.save(data)
    client.force_login(department_manager)

    response = post(client, SimpleUploadedFile("plan.xlsx", data.getvalue()))

    assert response.status_code == 302
    assert measures["ELEC"].targets.get().value == 1300


def test_one_bad_row_saves_nothing_and_every_problem_is_named(
    client, measures, department_manager
):
    client.force_login(department_manager)
    plan = (
        "measure,period,planned value\n"
        "RTT18,2026-04,65.5\n"
        "RTT18,2026-04-15,66\n"
        "RTT18,2026-06,101\n"
        "NOPE,2026-04,1\n"
        "TEMP,2026-04,37\n"
        "ELEC,2026-04,12.5\n"
        "ELEC,2026-05,\n"
        "RTT18,2026-04,65\n"
    )

    refused = post(client, csv_file(plan), rationale="Kept as typed")

    problems = {(p.row, p.column): p.reason for p in refused.context["plan"].problems}
    assert problems[(3, "period")].startswith("15 April 2026 is not the start of a monthly period")
    assert "100" in problems[(4, "planned value")]
    assert problems[(5, "measure")] == "“NOPE” is not a measure of this scorecard."
    assert "set its targets one at a time" in problems[(6, "measure")]
    assert "whole number" in problems[(7, "planned value")]
    assert problems[(8, "planned value")] == "Give the value planned for the period."
    assert problems[(9, "period")] == "Row 2 plans this period already."
    assert Target.objects.count() == 1  # the one there before
    text = refused.content.decode()
    assert "Nothing was saved: 7 problems in the file" in text
    assert "Kept as typed" in text
    assert refused.content.decode().count("<title>Error: ") == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_file("measure,planned value\nRTT18,65\n"), "it has no period"),
        (csv_file(""), "The file is empty."),
        (csv_file("measure,period,planned value\n", "plan.txt"), "is not a CSV or XLSX file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_beside_the_field(
    client, measures, department_manager, upload, message
):
    client.force_login(department_manager)

    refused = post(client, upload)

    assert message in refused.context["form"].errors["file"][0]
    assert Target.objects.count() == 1


def test_an_analyst_cannot_import(client, measures, analyst):
    client.force_login(analyst)

    assert client.get(URL).status_code == 403
    assert (
        post(client, csv_file("measure,period,planned value\nELEC,2026-04,1\n")).status_code == 403
    )
    assert not measures["ELEC"].targets.exists()
