import pytest
from django.urls import reverse

from measures.models import Measure
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_unit,
)

SLUG = "general-surgery"


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    make_objective(scorecard, "C1")
    return scorecard


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def measure_data(scorecard, **fields):
    data = {
        "objective": scorecard.objectives.get(code="C1").pk,
        "code": "rtt18",
        "title": "Patients waiting under 18 weeks",
        "direction": "higher",
        "decimals": "1",
        "frequency": "monthly",
        "review_frequency": "monthly",
        "chart_type": "xmr",
        "year_to_date": "none",
        "rollup": "ratio",
        "ratio_multiplier": "100",
        **fields,
    }
    return {f"measure-{name}": value for name, value in data.items()}


def test_a_manager_adds_a_measure_and_ticks_tests(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(
        url("measure_add"), measure_data(scorecard, tests_passed=["truth", "gaming"])
    )

    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("measure_edit", measure.pk)
    assert (measure.code, measure.tests_passed) == ("RTT18", ["truth", "gaming"])


def test_the_add_page_starts_on_the_chosen_objective(client, scorecard, department_manager):
    objective = scorecard.objectives.get()
    client.force_login(department_manager)

    response = client.get(url("measure_add") + f"?objective={objective.pk}")

    assert response.context["form"]["objective"].value() == str(objective.pk)


def test_a_duplicate_code_is_refused_once_beside_the_field(client, scorecard, department_manager):
    make_measure(make_objective(scorecard, "F1", "Financial"), "RTT18")
    client.force_login(department_manager)

    response = client.post(url("measure_add"), measure_data(scorecard, title="Typed"))

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "The scorecard already has a measure RTT18."
    ]
    assert 'value="Typed"' in response.content.decode()


@pytest.mark.parametrize("code", ["RTT/18", "RTT 18", "RTT?18", "-RTT18"])
def test_a_code_that_would_break_its_address_is_refused_beside_the_field(
    client, scorecard, department_manager, code
):
    client.force_login(department_manager)

    response = client.post(url("measure_add"), measure_data(scorecard, code=code))

    assert response.status_code == 200
    [message] = response.context["form"].errors["code"]
    assert message.startswith("Use letters, digits, full stops, hyphens and underscores")
    assert not Measure.objects.exists()


def test_a_computed_measure_needs_a_roll_up_rule_beside_the_field(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    refused = client.post(
        url("measure_add"), measure_data(scorecard, rollup="none", is_computed="on")
    )
    saved = client.post(url("measure_add"), measure_data(scorecard, is_computed="on"))

    assert refused.context["form"].errors["is_computed"] == [
        "Choose how it rolls up (sum, mean or ratio) to compute it from the units below."
    ]
    assert saved.status_code == 302
    assert Measure.objects.get().is_computed


def test_the_measures_page_shows_completeness_and_findings(client, scorecard, analyst):
    measure = make_measure(scorecard.objectives.get(), "RTT18", owner="Service manager")
    make_target(measure)
    client.force_login(analyst)

    response = client.get(url("measures"))

    content = response.content.decode()
    assert "No formula: nobody can tell how the figure is calculated" in content
    assert "No owner" not in content
    assert "% complete</strong> across 1 measure" in content


def test_an_analyst_reads_a_sheet_but_cannot_save_it(client, scorecard, analyst):
    measure = make_measure(scorecard.objectives.get(), "RTT18")
    client.force_login(analyst)

    page = client.get(url("measure_edit", measure.pk))
    saved = client.post(url("measure_edit", measure.pk), measure_data(scorecard, title="Changed"))

    assert page.status_code == 200
    assert b'name="measure-title"' not in page.content
    rows = dict(page.context["rows"])
    assert rows["Direction"] == "Higher is better"
    assert rows["Frequency of measurement"] == "Monthly"
    assert saved.status_code == 403
    measure.refresh_from_db()
    assert measure.title == "Measure RTT18"


def test_a_measure_with_values_is_retired_not_deleted(client, scorecard, department_manager):
    measure = make_measure(scorecard.objectives.get(), "RTT18")
    make_observation(measure)
    client.force_login(department_manager)

    response = client.post(url("measure_delete", measure.pk), follow=True)

    assert "Retire it instead" in response.content.decode()
    client.post(url("measure_retire", measure.pk))
    measure.refresh_from_db()
    assert measure.is_retired


def test_a_measure_without_values_can_be_deleted(client, scorecard, department_manager):
    measure = make_measure(scorecard.objectives.get(), "RTT18")
    client.force_login(department_manager)

    client.post(url("measure_delete", measure.pk))

    assert not Measure.objects.exists()


def test_a_measure_of_another_scorecard_is_not_found(client, scorecard, department_manager, units):
    foreign = make_measure(make_objective(make_scorecard(units["NHT-SURG-TH"]), "T1"), "X")
    client.force_login(department_manager)

    assert client.get(url("measure_edit", foreign.pk)).status_code == 404
    assert client.post(url("measure_delete", foreign.pk)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_measure_permissions(request, client, scorecard, persona, read, write):
    measure = make_measure(scorecard.objectives.get(), "OLD")
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("measures")).status_code == read
    assert client.get(url("measure_edit", measure.pk)).status_code == read
    assert client.post(url("measure_add"), measure_data(scorecard)).status_code == write
    assert client.post(url("measure_retire", measure.pk)).status_code == write
    assert client.post(url("measure_delete", measure.pk)).status_code == write


def test_a_multiplier_past_a_rate_per_million_is_refused_beside_the_field(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    refused = client.post(
        url("measure_add"), measure_data(scorecard, ratio_multiplier="99999999.99")
    )
    saved = client.post(url("measure_add"), measure_data(scorecard, ratio_multiplier="1000000"))

    assert refused.context["form"].errors["ratio_multiplier"] == [
        "The multiplier can be at most 1,000,000 (a rate per million): 100 gives a "
        "percentage, 1,000 a rate per 1,000."
    ]
    assert 'value="99999999.99"' in refused.content.decode()
    assert saved.status_code == 302
    assert Measure.objects.get().ratio_multiplier == 1_000_000


# One code is one measure across the trust (issue 13, item 18).


@pytest.fixture
def surgery_agency(units):
    """Surgery's AGENCY: agency pay as a ratio of the pay bill, lower is better."""
    objective = make_objective(make_scorecard(units["NHT-SURG"]), "F1", "Financial")
    return make_measure(
        objective,
        "AGENCY",
        title="Agency spend",
        unit="% of pay bill",
        direction="lower",
        rollup="ratio",
        numerator_label="Agency pay costs (£000)",
        denominator_label="Total pay costs (£000)",
    )


def agency_data(scorecard, **fields):
    agency = {
        "code": "agency",
        "title": "Agency spend",
        "unit": "% of pay bill",
        "direction": "lower",
        "rollup": "ratio",
        "numerator_label": "Agency pay costs (£000)",
        "denominator_label": "Total pay costs (£000)",
    }
    return measure_data(scorecard, **{**agency, **fields})


def test_a_code_defined_differently_elsewhere_in_the_trust_is_refused_beside_the_code(
    client, scorecard, department_manager, surgery_agency
):
    client.force_login(department_manager)

    response = client.post(
        url("measure_add"), agency_data(scorecard, unit="%", rollup="none", purpose="Typed")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "AGENCY is already a measure of Surgery: a ratio (Agency pay costs (£000) ÷ Total pay "
        "costs (£000) × 100), in “% of pay bill”, lower is better. One code is one measure "
        "across the trust, and this one differs in its kind and unit. Define it as Surgery "
        "does, or choose another code."
    ]
    assert "Typed</textarea>" in response.content.decode()
    assert not Measure.objects.filter(objective__scorecard=scorecard).exists()


@pytest.mark.parametrize(
    ("change", "part"),
    [
        ({"direction": "higher"}, "polarity"),
        ({"ratio_multiplier": "1000"}, "multiplier"),
        ({"denominator_label": "Agency and bank pay (£000)"}, "denominator"),
    ],
)
def test_each_part_of_the_definition_must_agree(
    client, scorecard, department_manager, surgery_agency, change, part
):
    client.force_login(department_manager)

    response = client.post(url("measure_add"), agency_data(scorecard, **change))

    assert f"differs in its {part}." in response.context["form"].errors["code"][0]


def test_the_same_definition_is_accepted_whatever_the_case_and_the_rest_of_the_sheet(
    client, scorecard, department_manager, surgery_agency
):
    client.force_login(department_manager)

    response = client.post(
        url("measure_add"),
        agency_data(
            scorecard,
            title="Agency staff costs in General Surgery",
            decimals="2",
            numerator_label="agency pay costs  (£000)",
            is_computed="",
        ),
    )

    assert response.status_code == 302
    assert Measure.objects.get(objective__scorecard=scorecard).code == "AGENCY"


def test_changing_a_used_code_to_another_definition_is_refused(
    client, scorecard, department_manager, surgery_agency
):
    measure = make_measure(
        scorecard.objectives.get(code="C1"),
        "AGENCY",
        unit="% of pay bill",
        direction="lower",
        rollup="ratio",
        numerator_label="Agency pay costs (£000)",
        denominator_label="Total pay costs (£000)",
    )
    client.force_login(department_manager)

    response = client.post(url("measure_edit", measure.pk), agency_data(scorecard, unit="%"))

    assert "differs in its unit." in response.context["form"].errors["code"][0]
    measure.refresh_from_db()
    assert measure.unit == "% of pay bill"


def test_another_trust_may_define_the_code_its_own_way(
    client, scorecard, department_manager, surgery_agency
):
    other_trust = make_unit("Southshire trust", "trust", code="SHT")
    other = make_objective(make_scorecard(other_trust), "F1", "Financial")
    make_measure(other, "AGENCY", unit="£000", direction="lower", rollup="sum")
    client.force_login(department_manager)

    response = client.post(url("measure_add"), agency_data(scorecard))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"unit": "%", "year_to_date": "sum"},
            "Percentages cannot be added up over a year: choose the year's numerators over "
            "its denominators (a ratio measure), or none.",
        ),
        (
            {"rollup": "sum", "unit": "count", "year_to_date": "ratio"},
            "The year's numerators over its denominators needs a ratio measure (roll-up: "
            "summed numerators over summed denominators).",
        ),
        (
            {"rollup": "sum", "unit": "count", "zero_tolerance": "on", "year_to_date": "latest"},
            "A zero-tolerance measure is judged on its financial year: one event in April "
            "breaches the whole year. Choose the sum of the year's values.",
        ),
    ],
)
def test_a_year_to_date_that_means_nothing_is_refused_beside_the_field(
    client, scorecard, department_manager, fields, message
):
    client.force_login(department_manager)

    refused = client.post(url("measure_add"), measure_data(scorecard, **fields))

    assert refused.context["form"].errors["year_to_date"] == [message]
    assert not Measure.objects.exists()


def test_a_zero_tolerance_measure_sums_its_year_without_being_asked(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    client.post(
        url("measure_add"),
        measure_data(scorecard, rollup="sum", unit="count", decimals="0", zero_tolerance="on"),
    )

    assert Measure.objects.get().year_to_date == "sum"
