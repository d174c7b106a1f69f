"""Measures that share a population: the data-quality page lists where they disagree.

The case seen: trust RTT52 is "of the waiting list", yet its denominator was
36,619 against RTT18's 41,099, because two departments report RTT18 and not
RTT52; nothing said so.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.models import SharedPopulation
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_unit,
)

MONTH = date(2026, 10, 1)
URL = reverse("measures:populations") + "?as_at=2026-10"


def ratio(unit, code, numerator, denominator, **extra):
    objective = make_objective(make_scorecard(unit), "C1", "Customer")
    measure = make_measure(objective, code, unit="%", rollup="ratio", **extra)
    if denominator is not None:
        make_observation(
            measure,
            MONTH,
            str(D(numerator) / D(denominator) * 100),
            numerator=D(numerator),
            denominator=D(denominator),
        )
    return measure


@pytest.fixture
def waits(units):
    SharedPopulation.objects.create(
        first_code="RTT18", second_code="RTT52", population="the RTT waiting list"
    )
    general = units["NHT-SURG-GS"]
    ratio(general, "RTT18", 3700, 6164)
    objective = general.scorecard.objectives.get()
    make_observation(
        make_measure(objective, "RTT52", unit="%", rollup="ratio"),
        MONTH,
        "2.2",
        numerator=D(134),
        denominator=D(6164),
    )
    theatres = units["NHT-SURG-TH"]
    ratio(theatres, "RTT18", 2500, 4455)
    make_observation(
        make_measure(theatres.scorecard.objectives.get(), "RTT52", unit="%", rollup="ratio"),
        MONTH,
        "2.9",
        numerator=D(121),
        denominator=D(4137),
    )
    ratio(units["NHT-MED-CARD"], "RTT18", 1466, 2038)
    return units


def test_the_page_lists_a_unit_missing_one_and_a_unit_whose_denominators_differ(
    client, waits, analyst
):
    client.force_login(analyst)

    page = client.get(URL)

    (check,) = page.context["checks"]
    found = {row.unit.name: reason for row, reason in check["disagreements"]}
    assert found == {
        "Theatres": "The denominators differ: 4,455 against 4,137.",
        "Cardiology": "Reports RTT18 and not RTT52: the totals above count its people in "
        "RTT18 and leave them out of RTT52.",
    }
    assert len(check["rows"]) == 3  # General Surgery agrees
    assert "2 disagree" in " ".join(page.content.decode().split())


def test_a_person_sees_only_the_units_they_may_see(client, waits, department_manager):
    client.force_login(department_manager)  # General Surgery only

    (check,) = client.get(URL).context["checks"]

    assert [row.unit.code for row in check["rows"]] == ["NHT-SURG-GS"]
    assert check["disagreements"] == []


def test_the_measure_page_links_to_the_check(client, waits, analyst):
    client.force_login(analyst)

    page = client.get(reverse("measures:measure", args=["general-surgery", "RTT52"]))

    assert "Check that RTT18 and RTT52 agree (the RTT waiting list)" in page.content.decode()


def test_the_page_reads_the_same_queries_for_more_units(
    client, waits, analyst, django_assert_max_num_queries
):
    client.force_login(analyst)
    client.get(URL)
    for number in range(6):
        unit = make_unit(f"Ward {number}", parent=waits["NHT-MED"], code=f"NHT-MED-W{number}")
        ratio(unit, "RTT18", 2000, 4000)

    with django_assert_max_num_queries(12):
        client.get(URL)


def test_with_nothing_declared_the_page_says_how_to_declare(client, units, analyst):
    client.force_login(analyst)

    page = client.get(URL)

    assert "No measures are declared to share a population yet" in page.content.decode()
