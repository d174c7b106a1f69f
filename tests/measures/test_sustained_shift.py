"""A sustained shift suggests a restart: a run on one side of the mean still going three
points after the shift rule (seven in a row) first flags it.

Making Data Count: when a shift persists, ask whether the process has changed; if
it has, work the limits out again from where the change began. Never automatic.
"""

from datetime import date

import pytest
from django.urls import reverse

from measures.lines import measure_lines
from measures.spc import analyse, sustained_shift_start
from tests.factories import make_measure, make_objective, make_scorecard
from tests.scorecard.dashboard_data import AS_AT, fill

STEADY = [10, 12, 11, 9, 10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9]  # mean about 10.5


@pytest.mark.parametrize(
    ("run", "start"),
    [
        ([14] * 9, None),  # nine above: a shift, not yet sustained
        ([14] * 10, 15),  # ten: seven and three more
        ([14] * 12, 15),
    ],
)
def test_a_run_of_ten_on_one_side_to_the_latest_point_is_sustained(run, start):
    assert sustained_shift_start(analyse(STEADY + run)) == start


def test_a_point_back_across_the_mean_ends_it():
    assert sustained_shift_start(analyse([*STEADY, *[14] * 10, 8])) is None


def test_a_run_from_the_start_of_its_group_suggests_nothing():
    # Restarting where the group began would change nothing.
    assert sustained_shift_start(analyse([14] * 10 + [8, 9] * 3, rebase_at=[])) is None
    result = analyse([*STEADY, *[14] * 12], rebase_at=[15])
    assert sustained_shift_start(result) is None


@pytest.fixture
def waits(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    measure = make_measure(objective, "WAIT", unit="days")
    fill(measure, STEADY + [14] * 10)
    return measure


def test_the_line_suggests_the_period_the_shift_began(waits):
    line = measure_lines([waits], AS_AT)[waits.pk]
    assert line.suggested_restart.period == date(2025, 12, 1)
    assert (line.shift_length, line.shift_side) == (10, "above")


def test_the_measure_page_suggests_a_restart_and_starts_the_form_there(
    client, waits, department_manager
):
    client.force_login(department_manager)

    response = client.get(reverse("measures:measure", args=["general-surgery", "WAIT"]))

    page = response.content.decode()
    assert (
        "the last 10 values, since Dec 2025, are all above the mean. The process may have "
        "changed." in page
    )
    assert "the form below starts there" in page
    assert response.context["rebase_form"].initial["period"] == date(2025, 12, 1)


def test_an_analyst_sees_the_suggestion_without_a_form(client, waits, analyst):
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=["general-surgery", "WAIT"]))

    assert "A sustained shift:" in page.content.decode()
    assert "the form below starts there" not in page.content.decode()
