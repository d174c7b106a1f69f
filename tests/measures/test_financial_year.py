"""Zero-tolerance measures are judged on the financial year: a never event in April breaches
the year, and November's zero does not put it back on target.

The case seen: the trust read "0, On target" for never events in November 2026
though one had happened in April of the same financial year.
"""

from datetime import date

import pytest
from django.urls import reverse

from measures.lines import financial_year_start, measure_lines
from measures.status import Status
from tests.factories import make_measure, make_objective, make_observation, make_scorecard


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2026, 11, 1), date(2026, 4, 1)),
        (date(2026, 4, 1), date(2026, 4, 1)),
        (date(2027, 3, 1), date(2026, 4, 1)),
        (date(2026, 3, 1), date(2025, 4, 1)),
    ],
)
def test_the_financial_year_starts_in_april(day, start):
    assert financial_year_start(day) == start


@pytest.fixture
def never(units):
    objective = make_objective(
        make_scorecard(units["NHT-SURG-GS"]), "P1", "Internal business processes"
    )
    measure = make_measure(
        objective, "NEVER", unit="count", decimals=0, direction="lower", zero_tolerance=True
    )
    # One never event in April 2026; none in any other month from March 2026 to March 2027.
    for month in [date(2026, 3, 1), *[date(2026, m, 1) for m in range(4, 13)], date(2027, 1, 1)]:
        make_observation(measure, month, "1" if month == date(2026, 4, 1) else "0")
    return measure


@pytest.mark.parametrize("history", [True, False])
def test_an_event_in_april_breaches_every_month_of_its_year(never, history):
    november = measure_lines([never], date(2026, 11, 1), history=history)[never.pk]

    assert november.observation.value == 0
    assert november.year_to_date == 1
    assert (november.status, november.score) == (Status.OFF_TARGET, 0.0)


@pytest.mark.parametrize("history", [True, False])
def test_the_year_before_it_and_a_measure_without_events_are_on_target(never, history):
    march = measure_lines([never], date(2026, 3, 1), history=history)[never.pk]
    assert (march.year_to_date, march.status) == (0, Status.ON_TARGET)


def test_the_dashboard_says_how_many_this_year_and_the_cascade_must_not_fail(
    client, never, analyst
):
    client.force_login(analyst)

    page = client.get(reverse("dashboards:unit", args=["general-surgery"]) + "?as_at=2026-11")
    cascade = client.get(reverse("dashboards:cascade") + "?as_at=2026-11&figures=latest")

    assert "1 this financial year" in page.content.decode()
    row = next(r for r in cascade.context["rows"] if r.unit.code == "NHT-SURG-GS")
    assert row.must_not_fail is Status.OFF_TARGET


def test_the_values_table_judges_each_month_on_its_year_too(client, never, analyst):
    client.force_login(analyst)

    response = client.get(
        reverse("measures:measure", args=["general-surgery", "NEVER"]) + "?as_at=2026-11"
    )

    status = {row["observation"].period: row["status"] for row in response.context["rows"]}
    assert status[date(2026, 3, 1)] is Status.ON_TARGET  # the year before
    assert status[date(2026, 4, 1)] is Status.OFF_TARGET  # the event
    assert status[date(2026, 11, 1)] is Status.OFF_TARGET  # a zero, in the same year
