"""A computed total says which units below gave it a value, and is marked incomplete when
one did not: the sum or ratio of the rest looks whole otherwise.

The units that should are those below with a live measure of the same code.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from cycle.models import ReportedMeasure
from measures.models import Alignment, KeyTarget, RollUp
from measures.recording import Change, record
from measures.selectors import coverage_of
from measures.values import MeasuredValue
from scorecard.closing.services import close_month
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_unit,
)
from tests.scorecard.dashboard_data import AS_AT

SURGERY = reverse("dashboards:unit", args=["surgery"])


def waits(unit, **extra):
    objective = make_objective(make_scorecard(unit), "C1", "Customer")
    return make_measure(objective, "RTT18", unit="%", rollup=RollUp.RATIO, **extra)


@pytest.fixture
def total(units):
    """Surgery's RTT18 computed from General Surgery's and Theatres'; only the first reports,
    in time for the month's figures as known."""
    general, theatres = waits(units["NHT-SURG-GS"]), waits(units["NHT-SURG-TH"])
    assert theatres
    total = waits(units["NHT-SURG"], is_computed=True)
    for measure in (general, total):
        make_observation(measure, AS_AT, "90", numerator=D(9), denominator=D(10))
    return total


def theatres_reports_late(units):
    """Theatres gives its September value today, after the month's window."""
    theatres = units["NHT-SURG-TH"].scorecard.objectives.get().measures.get()
    record([Change(theatres, AS_AT, MeasuredValue(D(80), D(8), D(10)))], None)


def test_a_total_knows_which_units_below_gave_a_value(total):
    coverage = coverage_of([(total, AS_AT)])[total.pk]

    assert (coverage.reported, coverage.missing) == (("General Surgery",), ("Theatres",))
    assert not coverage.complete
    assert coverage.in_words == "1 of 2 units below gave a value (missing: Theatres)"


def test_a_total_above_an_incomplete_one_is_incomplete_too_and_names_the_unit(total, units):
    # The trust's total is of Surgery's, which has a value: but Theatres gave none.
    trust = waits(units["NHT"], is_computed=True)
    make_observation(trust, AS_AT, "90", numerator=D(9), denominator=D(10))

    coverage = coverage_of([(trust, AS_AT)])[trust.pk]

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

    theatres_reports_late(units)
    # As known at the month's end, Theatres had not reported; the latest figures have it.
    page = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}").content.decode()
    assert "Incomplete total: 1 of 2 units below gave a value (missing: Theatres)" in page
    page = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}&figures=latest").content.decode()
    assert "Incomplete total" not in page


def test_the_measure_page_and_compare_read_the_units_below_as_known(client, total, units, analyst):
    theatres_reports_late(units)
    client.force_login(analyst)
    measure_page = reverse("measures:measure", args=["surgery", "RTT18"])
    compare_page = reverse("measures:compare_all", args=["RTT18"])

    for figures, missing in (("", ("Theatres",)), ("&figures=latest", ())):
        query = f"?as_at={AS_AT:%Y-%m}{figures}"
        response = client.get(measure_page + query)
        parts = dict(response.context["contributions"])
        assert (parts[units["NHT-SURG-TH"]] is None) == bool(missing)
        assert response.context["coverage"].missing == missing
        rows = client.get(compare_page + query).context["comparison"].rows
        surgery = next(row for row in rows if row.unit.name == "Surgery")
        assert surgery.coverage.missing == missing


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
    # and the bar chart's label says so too
    bars = page.context["bar_figure"]["data"][0]
    labels = dict(zip(bars["y"], bars["text"], strict=True))
    assert labels["Surgery, directorate"] == "90.0% · No target · incomplete total"
    assert labels["General Surgery, department"] == "90.0% · No target"


def test_a_closed_month_keeps_which_units_its_totals_left_out(
    client, total, units, analyst, performance_lead
):
    general = units["NHT-SURG-GS"].scorecard.objectives.get().measures.get()
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    # Since the close: a new unit below takes up the code, so the total's units now differ.
    waits(make_unit("Day Surgery", parent=units["NHT-SURG"], code="NHT-SURG-DS"))
    client.force_login(analyst)

    reported = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}").content.decode()
    latest = client.get(SURGERY + f"?as_at={AS_AT:%Y-%m}&figures=latest").content.decode()

    assert "Incomplete total: 1 of 2 units below gave a value (missing: Theatres)" in reported
    assert "1 of 3 units below gave a value (missing: Day Surgery, Theatres)" in latest
    rows = {row.measure_id: row for row in ReportedMeasure.objects.all()}
    assert rows[total.pk].coverage == {"reported": ["General Surgery"], "missing": ["Theatres"]}
    assert rows[general.pk].coverage is None  # typed in, not a total


def test_the_review_of_a_closed_month_marks_a_total_as_reported(
    client, total, units, analyst, performance_lead
):
    key_target = KeyTarget.objects.create(code="RTT18", name="18 weeks")
    Alignment.objects.create(
        scorecard=units["NHT-SURG"].scorecard,
        key_target=key_target,
        measure=total,
        kind=Alignment.Kind.SUPPORTS,
    )
    close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
    waits(make_unit("Day Surgery", parent=units["NHT-SURG"], code="NHT-SURG-DS"))
    client.force_login(analyst)

    page = client.get(
        reverse("review:detail", args=["surgery", "RTT18"]) + f"?as_at={AS_AT:%Y-%m}"
    ).content.decode()

    page = " ".join(page.split())
    assert "Incomplete total: 1 of 2 units below gave a value (missing: Theatres)" in page
