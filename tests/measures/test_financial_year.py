"""Zero-tolerance measures are judged on the financial year: a never event in April breaches
the year, and November's zero does not put it back on target.

The case seen: the trust read "0, On target" for never events in November 2026
though one had happened in April of the same financial year.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.lines import financial_year_start, measure_lines
from measures.status import Status
from scorecard.lib import periods
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)


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

    assert "Year to date 1" in page.content.decode()
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


def make_cdiff(units, monthly, *, threshold=60):
    """A C. difficile measure at General Surgery summing its year, with a target of 5 a
    month (trigger 7) and an annual ceiling of `threshold` from April 2025; `monthly`
    cases from April 2025 on."""
    objective = make_objective(
        make_scorecard(units["NHT-SURG-GS"]), "P1", "Internal business processes"
    )
    measure = make_measure(
        objective, "CDIFF", unit="count", decimals=0, direction="lower", year_to_date="sum"
    )
    make_target(
        measure,
        value=5,
        tolerance=1,
        action_trigger=7,
        effective_from=date(2025, 4, 1),
        annual_threshold=threshold,
    )
    for month, cases in enumerate(monthly):
        make_observation(
            measure, periods.add_periods(date(2025, 4, 1), "monthly", month), str(cases)
        )
    return measure


@pytest.mark.parametrize("history", [True, False])
def test_a_ceiling_passed_in_january_puts_the_rest_of_the_year_off_target(units, history):
    # 6 a month from April: 60 by January (at the ceiling), 66 by February.
    cdiff = make_cdiff(units, [6] * 11)

    january = measure_lines([cdiff], date(2026, 1, 1), history=history)[cdiff.pk]
    february = measure_lines([cdiff], date(2026, 2, 1), history=history)[cdiff.pk]

    assert (january.year_to_date, january.annual.breached) == (60, False)
    assert january.status is Status.WITHIN_TOLERANCE  # 6 against 5, tolerance 1
    assert (february.year_to_date, february.annual.breached) == (66, True)
    assert february.status is Status.OFF_TARGET
    assert february.past_trigger
    assert february.score < 3.3
    assert february.annual_reason == "past its annual ceiling (66 against 60 in 2025/26)"


def test_ahead_of_the_pace_is_said_but_does_not_change_the_month(units):
    # 5 a month from April to October, then 6: 41 by November against a pro-rata 40.
    cdiff = make_cdiff(units, [5] * 7 + [6])

    november = measure_lines([cdiff], date(2025, 11, 1))[cdiff.pk]

    assert november.annual.off_pace
    assert november.annual.pace == 40
    assert november.status is Status.WITHIN_TOLERANCE  # 6 against 5: the month alone
    assert not november.past_trigger


def test_the_year_starts_again_in_april(units):
    cdiff = make_cdiff(units, [8] * 12)

    march = measure_lines([cdiff], date(2026, 3, 1))[cdiff.pk]
    make_observation(cdiff, date(2026, 4, 1), "2")
    april = measure_lines([cdiff], date(2026, 4, 1))[cdiff.pk]

    assert (march.year_to_date, march.annual.breached) == (96, True)
    assert (april.year_to_date, april.annual.breached) == (2, False)
    assert april.status is Status.ON_TARGET


def test_a_ratio_year_to_date_is_the_years_parts(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    seen = make_measure(
        objective, "AE4", unit="%", rollup="ratio", year_to_date="ratio", decimals=1
    )
    make_observation(seen, date(2026, 4, 1), "80", numerator=80, denominator=100)
    make_observation(seen, date(2026, 5, 1), "90", numerator=180, denominator=200)

    may = measure_lines([seen], date(2026, 5, 1), history=False)[seen.pk]

    assert may.year_to_date == Decimal("86.7")
    assert may.year_label == "2026/27 to May 2026"


def test_a_dashboard_shows_the_year_to_date_and_the_annual_ceiling(client, units, analyst):
    make_cdiff(units, [6] * 11)
    client.force_login(analyst)

    page = client.get(reverse("dashboards:unit", args=["general-surgery"]) + "?as_at=2026-02")
    measure = client.get(
        reverse("measures:measure", args=["general-surgery", "CDIFF"]) + "?as_at=2026-02"
    )

    text = " ".join(page.content.decode().split())
    assert "Year to date 66; annual ceiling 60, past it" in text
    assert "Past its annual ceiling (66 against 60 in 2025/26)" in text
    text = " ".join(measure.content.decode().split())
    assert "66 (2025/26 to Feb 2026) against an annual ceiling of 60: past it" in text


def test_a_year_with_an_event_says_why_each_quiet_month_is_off_target(never):
    # Found by a new user: November's 0 read "Off target" with no reason, and no action.
    november = measure_lines([never], date(2026, 11, 1))[never.pk]

    assert november.past_trigger
    assert november.action_reasons == [
        "1 event this financial year (2026/27), against zero tolerance"
    ]
