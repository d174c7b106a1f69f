"""A computed total says which units below gave it a value, and is marked incomplete when
one did not: the sum or ratio of the rest looks whole otherwise.

The units that should are those below with a live measure of the same code.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.models import RollUp
from measures.recording import Change, record
from measures.selectors import coverage_of
from measures.values import MeasuredValue
from tests.factories import make_measure, make_objective, make_scorecard, make_unit
from tests.scorecard.dashboard_data import AS_AT

SURGERY = reverse("dashboards:unit", args=["surgery"])


def waits(unit, **extra):
    objective = make_objective(make_scorecard(unit), "C1", "Customer")
    return make_measure(objective, "RTT18", unit="%", rollup=RollUp.RATIO, **extra)


@pytest.fixture
def total(units):
    """Surgery's RTT18 computed from General Surgery's and Theatres'; only the first reports."""
    general, theatres = waits(units["NHT-SURG-GS"]), waits(units["NHT-SURG-TH"])
    assert theatres
    total = waits(units["NHT-SURG"], is_computed=True)
    record([Change(general, AS_AT, MeasuredValue(D(90), D(9), D(10)))], None)
    return total


def test_a_total_knows_which_units_below_gave_a_value(total):
    coverage = coverage_of([(total, AS_AT)])[total.pk]

    assert (coverage.reported, coverage.missing) == (("General Surgery",), ("Theatres",))
    assert not coverage.complete
    assert coverage.in_words == "1 of 2 units below gave a value (missing: Theatres)"


def test_a_unit_below_without_the_code_is_not_expected(total, units):
    make_unit("Day Surgery", parent=units["NHT-SURG"], code="NHT-SURG-DS")
    coverage = coverage_of([(total, AS_AT)])[total.pk]
    assert coverage.missing == ("Theatres",)


def test_the_dashboard_marks_an_incomplete_total_and_not_a_complete_one(
    client, total, units, analyst
):
    client.force_login(analyst)

    page = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}").content.decode()
    assert "Incomplete total: 1 of 2 units below gave a value (missing: Theatres)" in page

    theatres = units["NHT-SURG-TH"].scorecard.objectives.get().measures.get()
    record([Change(theatres, AS_AT, MeasuredValue(D(80), D(8), D(10)))], None)
    page = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}").content.decode()
    assert "Incomplete total" not in page


def test_the_measure_page_says_so_above_what_the_total_is_made_of(client, total, analyst):
    client.force_login(analyst)

    response = client.get(
        reverse("measures:measure", args=["surgery", "RTT18"]) + f"?as_at={AS_AT:%Y-%m}"
    )

    assert (
        "Incomplete total: 1 of 2 units below gave a value (missing: Theatres) for Sep 2026, "
        "so the total leaves them out." in response.content.decode()
    )


@pytest.mark.parametrize("extra_units", [1, 8])
def test_coverage_reads_three_queries_however_many_units(
    total, units, extra_units, django_assert_num_queries
):
    for number in range(extra_units):
        waits(make_unit(f"Ward {number}", parent=units["NHT-SURG"], code=f"W{number}"))

    with django_assert_num_queries(3):
        coverage = coverage_of([(total, AS_AT)])[total.pk]

    assert len(coverage.missing) == 1 + extra_units


def test_a_totals_page_lists_the_restarts_of_the_units_below(client, total, units, analyst):
    general = units["NHT-SURG-GS"].scorecard.objectives.get().measures.get()
    general.rebases.create(period=AS_AT, reason="New referral pathway")
    client.force_login(analyst)

    # The latest figures: as known at the month's end, the restart (made today) was not.
    response = client.get(
        reverse("measures:measure", args=["surgery", "RTT18"])
        + f"?as_at={AS_AT:%Y-%m}&figures=latest"
    )

    page = response.content.decode()
    assert "The units below restarted their own limits" in page
    assert "General Surgery, from Sep 2026: New referral pathway" in page
    assert response.context["line"].rebase_at == []  # the total's own limits do not restart


def test_a_restart_below_made_after_the_month_was_known_is_not_listed_as_at_it(
    client, total, units, analyst
):
    general = units["NHT-SURG-GS"].scorecard.objectives.get().measures.get()
    general.rebases.create(period=AS_AT, reason="New referral pathway")
    client.force_login(analyst)

    response = client.get(
        reverse("measures:measure", args=["surgery", "RTT18"]) + f"?as_at={AS_AT:%Y-%m}"
    )

    assert response.context["restarts_below"] == []


def test_a_total_nobody_below_has_given_yet_is_not_called_incomplete(client, units, analyst):
    waits(units["NHT-SURG-GS"])
    waits(units["NHT-SURG-TH"])
    total = waits(units["NHT-SURG"], is_computed=True)
    client.force_login(analyst)

    page = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}").content.decode()

    assert not coverage_of([(total, AS_AT)])[total.pk].partial
    assert "Incomplete total" not in page
    assert "No value for Sep 2026" in page


def test_the_compare_page_marks_an_incomplete_total_among_the_units(client, total, analyst):
    client.force_login(analyst)
    url = reverse("measures:compare_all", args=["RTT18"]) + f"?as_at={AS_AT:%Y-%m}"

    page = client.get(url)

    rows = {row.unit.name: row for row in page.context["comparison"].rows}
    assert rows["Surgery"].coverage.missing == ("Theatres",)
    assert rows["General Surgery"].coverage is None
    text = " ".join(page.content.decode().split())
    assert 'Surgery</a><span class="app-capped">Incomplete total: 1 of 2 units below' in text
