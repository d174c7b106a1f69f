from datetime import date

import pytest
from django.urls import reverse

from measures.models import Target
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)

SLUG = "general-surgery"


@pytest.fixture
def measure(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    return make_measure(objective, "RTT18", unit="%", decimals=1)


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def target_data(**fields):
    data = {"effective_from": "2025-04", "value": "92", "tolerance": "2", "source": "national"}
    data.update(fields)
    return {f"target-{name}": value for name, value in data.items()}


def test_a_manager_sets_a_target_from_a_month(client, measure, department_manager):
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(action_trigger="85"))

    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.effective_from, target.value, target.action_trigger) == (
        date(2025, 4, 1),
        92,
        85,
    )


def test_a_trigger_on_the_wrong_side_is_refused_beside_the_field(
    client, measure, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("target_add", measure.pk), target_data(action_trigger="95", rationale="Typed")
    )

    assert response.status_code == 200
    assert (
        "trigger must be at or below the target"
        in response.context["form"].errors["action_trigger"][0]
    )
    assert "Typed</textarea>" in response.content.decode()
    assert not Target.objects.exists()


def test_a_negative_tolerance_is_refused(client, measure, department_manager):
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(tolerance="-1"))

    assert response.status_code == 200
    assert response.context["form"].errors["tolerance"] == [
        "The amber tolerance cannot be negative: it is how far short of the target still "
        "counts as amber"
    ]


def test_a_quarterly_target_starts_on_a_quarter(client, measure, department_manager):
    measure.frequency = "quarterly"
    measure.save()
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(effective_from="2025-05"))

    assert response.context["form"].errors["effective_from"] == [
        "A quarterly measure's target starts on a period: did you mean Q1 2025/26 (type 2025-04)?"
    ]


def test_an_unreadable_period_is_explained(client, measure, department_manager):
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(effective_from="April"))

    assert response.context["form"].errors["effective_from"] == [
        "Enter the period as year and month, such as 2026-04 for April 2026"
    ]


def test_two_targets_from_the_same_period_are_refused(client, measure, department_manager):
    make_target(measure, date(2025, 4, 1))
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data())

    assert response.status_code == 200
    assert Target.objects.count() == 1


def test_the_page_shows_the_baseline_and_flags_a_missing_trigger(client, measure, analyst):
    make_target(measure, date(2025, 4, 1))
    for month, value in ((1, "80"), (2, "82"), (3, "90")):
        make_observation(measure, date(2026, month, 1), value)
    client.force_login(analyst)

    response = client.get(url("targets"))

    content = response.content.decode()
    assert (
        "Baseline from the last 3 values (%): median 82.0, mean 84.0, range 80.0 to 90.0"
        in content
    )
    assert "No action trigger: until something triggers corrective action" in content
    assert "1 target has no action trigger." in content


def test_a_later_target_takes_over(client, measure, analyst):
    make_target(measure, date(2015, 4, 1), value="92")
    newer = make_target(measure, date(2025, 4, 1), value="65", action_trigger="60")
    client.force_login(analyst)

    overview = client.get(url("targets")).context["overviews"][0]

    assert overview["current"] == newer
    assert overview["flags"] == []


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_target_permissions(request, client, measure, persona, read, write):
    target = make_target(measure, date(2024, 4, 1))
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("targets")).status_code == read
    assert client.post(url("target_add", measure.pk), target_data()).status_code == write
    assert (
        client.post(
            url("target_edit", target.pk), target_data(effective_from="2024-04")
        ).status_code
        == write
    )
    assert client.post(url("target_delete", target.pk)).status_code == write


def test_a_range_target_needs_its_top_above_its_bottom(client, measure, department_manager):
    measure.direction = "range"
    measure.save()
    client.force_login(department_manager)

    response = client.post(
        url("target_add", measure.pk), target_data(value="90", upper_value="85")
    )

    assert response.context["form"].errors["upper_value"] == [
        "The highest acceptable value cannot be below the lowest"
    ]


# Targets and triggers obey the limits the measure's values do (issue 13, item 16).


def test_a_target_above_100_is_refused_for_a_percentage_that_cannot_exceed_it(
    client, measure, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("target_add", measure.pk), target_data(value="180", rationale="Typed")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["value"] == [
        "A percentage is between 0 and 100; 180 is not."
    ]
    assert "Typed</textarea>" in response.content.decode()
    assert not Target.objects.exists()


def test_a_trigger_below_0_is_refused_for_a_percentage(client, measure, department_manager):
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(action_trigger="-5"))

    assert response.context["form"].errors["action_trigger"] == [
        "A percentage is between 0 and 100; -5 is not."
    ]
    assert not Target.objects.exists()


def test_a_percentage_that_may_exceed_100_takes_a_target_above_it(
    client, measure, department_manager
):
    measure.may_exceed_100 = True
    measure.save()
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(value="105"))

    assert response.status_code == 302
    assert Target.objects.get().value == 105


def test_a_range_bound_obeys_the_limits(client, measure, department_manager):
    measure.direction = "range"
    measure.save()
    client.force_login(department_manager)

    response = client.post(
        url("target_add", measure.pk), target_data(value="85", upper_value="120")
    )

    assert response.context["form"].errors["upper_value"] == [
        "A percentage is between 0 and 100; 120 is not."
    ]
    assert not Target.objects.exists()


def test_a_count_takes_whole_targets_and_triggers(client, measure, department_manager):
    measure.unit, measure.direction = "count", "lower"
    measure.save()
    client.force_login(department_manager)

    response = client.post(
        url("target_add", measure.pk), target_data(value="2.5", action_trigger="-1")
    )

    errors = response.context["form"].errors
    assert errors["value"] == ["A count is a whole number."]
    assert errors["action_trigger"] == ["A count cannot be negative."]
    assert not Target.objects.exists()


def test_a_target_edited_past_the_limit_is_refused_and_kept_as_it_was(
    client, measure, department_manager
):
    target = make_target(measure, value="92")
    client.force_login(department_manager)

    response = client.post(url("target_edit", target.pk), target_data(value="180"))

    assert response.status_code == 200
    assert "between 0 and 100" in response.context["form"].errors["value"][0]
    target.refresh_from_db()
    assert target.value == 92


def test_an_annual_target_off_its_year_reads_with_an(client, measure, department_manager):
    measure.frequency = "annual"
    measure.save()
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(effective_from="2025-05"))

    assert (
        response.context["form"]
        .errors["effective_from"][0]
        .startswith("An annual measure's target starts on a period")
    )


def test_a_tolerance_obeys_the_limits_too(client, measure, department_manager):
    measure.unit, measure.direction = "count", "lower"
    measure.save()
    client.force_login(department_manager)

    response = client.post(url("target_add", measure.pk), target_data(value="2", tolerance="0.5"))

    assert response.context["form"].errors["tolerance"] == ["A count is a whole number."]
    assert not Target.objects.exists()


@pytest.fixture
def cdiff(units):
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "P1")
    return make_measure(
        objective, "CDIFF", unit="count", decimals=0, direction="lower", year_to_date="sum"
    )


def test_a_summed_measure_takes_an_annual_ceiling(client, cdiff, department_manager):
    client.force_login(department_manager)

    page = client.get(url("target_add", cdiff.pk))
    saved = client.post(
        url("target_add", cdiff.pk), target_data(value="5", tolerance="1", annual_threshold="60")
    )

    assert "Annual ceiling (optional) (count)" in page.content.decode()
    assert saved.status_code == 302
    assert Target.objects.get().annual_threshold == 60


def test_half_a_case_a_year_is_refused_beside_the_field(client, cdiff, department_manager):
    client.force_login(department_manager)

    refused = client.post(
        url("target_add", cdiff.pk),
        target_data(value="5", tolerance="1", annual_threshold="60.5", rationale="Typed"),
    )

    assert refused.context["form"].errors["annual_threshold"] == [
        "A count's annual threshold is a whole number."
    ]
    assert "Typed" in refused.content.decode()
    assert not Target.objects.exists()


def test_a_measure_whose_year_does_not_add_up_has_no_annual_threshold(
    client, measure, department_manager
):
    client.force_login(department_manager)

    page = client.get(url("target_add", measure.pk))
    client.post(url("target_add", measure.pk), target_data(annual_threshold="60"))

    assert "Annual" not in page.content.decode()
    assert Target.objects.get().annual_threshold is None
