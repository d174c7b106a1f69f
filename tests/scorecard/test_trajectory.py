"""A trajectory: a planned value for each month of a financial year, as an operational plan
sets out RTT recovery, each month judged against its own plan."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.lines import measure_lines
from measures.models import Direction, Measure, Target
from measures.status import Status
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)

SLUG = "general-surgery"


@pytest.fixture
def rtt(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    return make_measure(objective, "RTT18", unit="%")


def url(measure, year=None):
    address = reverse("builder:trajectory", args=[SLUG, measure.pk])
    return address + (f"?year={year}" if year else "")


def planned(year=2026, start=60, step=1):
    """Twelve monthly values rising by `step` from April of `year`."""
    months = [date(year + (m + 3) // 12, (m + 3) % 12 + 1, 1) for m in range(12)]
    return {f"trajectory-p{month:%Y_%m}": str(start + step * i) for i, month in enumerate(months)}


def post(client, measure, data, year=2026):
    fields = {"trajectory-source": "national", "trajectory-tolerance": "1", **data}
    return client.post(url(measure, year), fields)


def test_a_manager_plans_a_value_for_each_month_and_each_is_judged_against_its_own(
    client, rtt, department_manager
):
    client.force_login(department_manager)

    response = post(client, rtt, planned(2026, start=60))

    assert response.status_code == 302
    targets = list(rtt.targets.order_by("effective_from"))
    assert [(t.effective_from, t.value) for t in targets[:2]] == [
        (date(2026, 4, 1), D(60)),
        (date(2026, 5, 1), D(61)),
    ]
    assert len(targets) == 12
    assert {(t.tolerance, t.source) for t in targets} == {(D(1), Target.Source.NATIONAL)}
    # 64.5% in August meets August's plan (64); in September it is short of 65.
    make_observation(rtt, date(2026, 8, 1), "64.5")
    make_observation(rtt, date(2026, 9, 1), "64.5")
    assert measure_lines([rtt], date(2026, 8, 1))[rtt.pk].status is Status.ON_TARGET
    assert measure_lines([rtt], date(2026, 9, 1))[rtt.pk].status is Status.WITHIN_TOLERANCE


def test_the_grid_shows_the_plan_again_and_a_cleared_month_is_removed(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    post(client, rtt, planned(2026))

    page = client.get(url(rtt, 2026))
    form = page.context["form"]
    assert form["p2026_04"].value() == "60"  # as typed, not 60.000000
    assert "Plan a trajectory for 2026/27" in page.content.decode()

    cleared = {**planned(2026), "trajectory-p2026_05": ""}
    post(client, rtt, cleared)
    assert not rtt.targets.filter(effective_from=date(2026, 5, 1)).exists()
    assert rtt.targets.count() == 11


def test_bad_values_are_refused_beside_their_month_and_nothing_is_saved(
    client, rtt, department_manager
):
    client.force_login(department_manager)
    data = {**planned(2026), "trajectory-p2026_06": "150", "trajectory-p2026_07": "lots"}

    response = post(client, rtt, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "p2026_06" in errors
    assert errors["p2026_07"] == ["Enter a number."]
    assert errors["p2026_06"][0].startswith("Jun 2026: ")
    assert rtt.targets.count() == 0
    assert 'value="lots"' in response.content.decode()  # kept as typed


def test_a_trigger_on_the_wrong_side_of_a_month_is_refused(client, rtt, department_manager):
    client.force_login(department_manager)

    response = post(client, rtt, {**planned(2026, start=60), "trajectory-action_trigger": "65"})

    assert response.status_code == 200
    assert "the trigger must be at or below the target" in str(
        response.context["form"].errors["action_trigger"]
    )
    assert rtt.targets.count() == 0


def test_an_empty_plan_is_refused(client, rtt, department_manager):
    client.force_login(department_manager)
    response = post(client, rtt, {})
    assert response.context["form"].non_field_errors() == [
        "Give a planned value for at least one month"
    ]


def test_clearing_every_month_of_a_plan_removes_it(client, rtt, department_manager):
    # Found by a new user: clearing the grid was refused, though the page says it works.
    client.force_login(department_manager)
    post(client, rtt, planned(2026, start=60))
    assert rtt.targets.count() == 12

    response = post(client, rtt, {})

    assert response.status_code == 302
    assert rtt.targets.count() == 0


def test_a_plan_already_there_keeps_its_months_outside_the_year(client, rtt, department_manager):
    make_target(rtt, date(2025, 4, 1), value="92")
    client.force_login(department_manager)

    post(client, rtt, planned(2026))

    assert rtt.targets.filter(effective_from=date(2025, 4, 1)).exists()
    assert rtt.targets.count() == 13


def test_a_within_range_measure_has_no_trajectory(client, units, department_manager):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    occupancy = make_measure(objective, "BEDOCC", unit="%", direction=Direction.WITHIN_RANGE)
    client.force_login(department_manager)
    assert client.get(url(occupancy)).status_code == 404


def test_an_analyst_may_not_plan(client, rtt, analyst):
    client.force_login(analyst)
    assert client.get(url(rtt)).status_code == 403
    assert post(client, rtt, planned(2026)).status_code == 403
    assert rtt.targets.count() == 0


def test_a_mistyped_month_is_refused_not_taken_for_a_cleared_one(client, rtt, department_manager):
    client.force_login(department_manager)
    post(client, rtt, planned(2026))

    response = post(client, rtt, {**planned(2026), "trajectory-p2026_05": "84.3e"})

    assert response.status_code == 200
    assert response.context["form"].errors["p2026_05"] == ["Enter a number."]
    assert rtt.targets.filter(effective_from=date(2026, 5, 1)).get().value == D(61)
    assert 'type="text"' in response.content.decode()


def save_plan(measure_pk, start):
    """One manager's save of a whole year's plan, on a connection of its own."""
    from django.db import connection

    from scorecard.builder.forms import TrajectoryForm
    from scorecard.builder.services import save_trajectory

    try:
        measure = Measure.objects.get(pk=measure_pk)
        data = {**planned(2026, start=start), "trajectory-source": "local"}
        form = TrajectoryForm(data, measure=measure, year=2026)
        assert form.is_valid(), form.errors
        save_trajectory(measure=measure, periods=form.periods, targets=form.targets)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seeded_frameworks")
def test_managers_saving_plans_at_once_leave_one_whole_plan(units):
    from concurrent.futures import ThreadPoolExecutor

    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1", "Customer")
    rtt = make_measure(objective, "RTT18", unit="%")
    make_target(rtt, date(2026, 4, 1), value="50")  # a plan already there, to be replaced

    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(save_plan, rtt.pk, 60 + writer) for writer in range(6)]
        for job in jobs:
            job.result()  # no writer fails: no twin target is ever inserted

    values = [t.value for t in rtt.targets.order_by("effective_from")]
    assert len(values) == 12
    # One writer's whole plan: twelve steps of one from its own start.
    assert values == [values[0] + step for step in range(12)]
