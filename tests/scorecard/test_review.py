"""The key-target review: four columns, placing, moving, removing, the one-step
conversion of a missing item, the no-trigger flag, providers, access, queries."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Alignment, KeyTarget, Measure
from organisations.models import OrganisationUnit, Role, ServiceDependency
from scorecard.lib import periods
from scorecard.models import Objective
from scorecard.review import rules
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_unit,
    make_user,
)

Kind = Alignment.Kind
SLUG = "general-surgery"


@pytest.fixture
def rtt(db):
    return KeyTarget.objects.create(code="RTT18", name="18-week referral to treatment")


@pytest.fixture
def review(units, rtt):
    """General Surgery's scorecard, relying on Pathology; Theatres is no provider of it."""
    pathology = make_unit("Pathology", parent=units["NHT"], code="NHT-PATH")
    ServiceDependency.objects.create(unit=units["NHT-SURG-GS"], provider=pathology)
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    objective = make_objective(scorecard, "C1")
    path_objective = make_objective(make_scorecard(pathology), "P1")
    theatre_objective = make_objective(make_scorecard(units["NHT-SURG-TH"]), "T1")
    return {
        "scorecard": scorecard,
        "objective": objective,
        "measure": make_measure(objective, "RTT18"),
        "other": make_measure(objective, "DNA"),
        "pathology": make_measure(path_objective, "PATHTAT"),
        "theatres": make_measure(theatre_objective, "UTIL"),
    }


def url(name, *args, code="RTT18", slug=SLUG):
    return reverse(f"review:{name}", args=[slug, code, *args])


def place(client, item, kind=Kind.SUPPORTS, note="", code="RTT18"):
    key = f"{type(item).__name__.lower()}-{item.pk}"
    data = {"place-item": key, "place-kind": kind, "place-note": note}
    return client.post(url("place", code=code), data)


def align(review, rtt, kind, **item):
    return Alignment.objects.create(
        scorecard=review["scorecard"], key_target=rtt, kind=kind, **item
    )


# Pure rules.


def test_rtt18_is_reviewed_first():
    codes = [KeyTarget(code=c) for c in ("AE4H", "CA62", "RTT18")]
    assert [k.code for k in rules.in_review_order(codes)] == ["RTT18", "AE4H", "CA62"]


@pytest.mark.parametrize(
    ("kind", "trigger", "expected"),
    [
        (Kind.SUPPORTS, None, rules.NO_TRIGGER),
        (Kind.IMPLICIT, None, rules.NO_TRIGGER),
        (Kind.SUPPORTS, "80", ""),
        (Kind.HINDERS, None, ""),
    ],
)
def test_trigger_warning(kind, trigger, expected):
    target = make_target_like(trigger)
    assert rules.trigger_warning(kind, target) == expected


def test_a_supporting_measure_without_a_target_is_flagged():
    assert "no action trigger" in rules.trigger_warning(Kind.SUPPORTS, None)


def make_target_like(trigger):
    from measures.models import Target

    return Target(value=92, action_trigger=trigger)


# The pages.


def test_the_index_lists_active_key_targets_rtt18_first_with_counts(
    client, review, rtt, department_manager
):
    KeyTarget.objects.create(code="AE4H", name="4-hour A&E standard")
    KeyTarget.objects.create(code="OLD", name="Retired standard", is_active=False)
    align(review, rtt, Kind.HINDERS, measure=review["measure"])
    align(review, rtt, Kind.MISSING, description="Validation of the list")
    client.force_login(department_manager)

    response = client.get(reverse("review:index", args=[SLUG]))

    key_targets = response.context["key_targets"]
    assert [k.code for k in key_targets] == ["RTT18", "AE4H"]
    assert [count for _, _, count in key_targets[0].counts] == [0, 0, 1, 1]


def test_the_four_columns(client, review, rtt, analyst):
    align(review, rtt, Kind.SUPPORTS, measure=review["measure"], note="The standard")
    align(review, rtt, Kind.IMPLICIT, measure=review["pathology"])
    align(review, rtt, Kind.HINDERS, objective=review["objective"])
    align(review, rtt, Kind.MISSING, description="Share of the list validated")
    client.force_login(analyst)

    response = client.get(url("detail"))

    assert response.status_code == 200
    columns = {kind: items for kind, _, items in response.context["columns"]}
    assert [i.item for i in columns[Kind.SUPPORTS]] == [review["measure"]]
    assert [i.item for i in columns[Kind.IMPLICIT]] == [review["pathology"]]
    assert [i.item for i in columns[Kind.HINDERS]] == [review["objective"]]
    assert [i.alignment.description for i in columns[Kind.MISSING]] == [
        "Share of the list validated"
    ]
    page = response.content.decode()
    for _, label in rules.COLUMNS:
        assert label in page
    assert "of Pathology, a service General Surgery relies on" in page
    assert "No target" in page  # each measure's status in words
    assert "Place a measure or objective" not in page  # analysts read only


def test_a_placed_measure_shows_its_status_in_words(client, review, rtt, department_manager):
    make_target(review["measure"], value="92", action_trigger="90")
    due = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    make_observation(review["measure"], due, "95")
    align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    response = client.get(url("detail"))

    assert "On target" in response.content.decode()
    assert "no action trigger" not in response.content.decode()


def test_a_supporting_measure_with_no_action_trigger_is_flagged(
    client, review, rtt, department_manager
):
    make_target(review["measure"], value="92")
    make_target(review["other"], value="10")
    align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    align(review, rtt, Kind.HINDERS, measure=review["other"])
    client.force_login(department_manager)

    response = client.get(url("detail"))

    columns = {kind: items for kind, _, items in response.context["columns"]}
    assert columns[Kind.SUPPORTS][0].warning == rules.NO_TRIGGER
    assert columns[Kind.HINDERS][0].warning == ""
    assert "No action trigger: it will not prompt anyone to act" in response.content.decode()


# Placing, moving, removing.


def test_a_manager_places_a_measure_with_a_note(client, review, rtt, department_manager):
    client.force_login(department_manager)

    response = place(client, review["measure"], Kind.SUPPORTS, "The standard itself")

    assert response.status_code == 302
    assert response["Location"] == url("detail") + "#supports"
    alignment = Alignment.objects.get()
    assert (alignment.measure, alignment.kind, alignment.note) == (
        review["measure"],
        Kind.SUPPORTS,
        "The standard itself",
    )
    assert alignment.scorecard == review["scorecard"]


def test_a_manager_places_an_objective(client, review, rtt, department_manager):
    client.force_login(department_manager)

    place(client, review["objective"], Kind.HINDERS)

    assert Alignment.objects.get().objective == review["objective"]


def test_placing_the_same_item_twice_says_so_beside_the_field(
    client, review, rtt, department_manager
):
    align(review, rtt, Kind.HINDERS, measure=review["measure"])
    client.force_login(department_manager)

    response = place(client, review["measure"], Kind.SUPPORTS)

    assert response.status_code == 200
    errors = response.context["place_form"].errors["item"]
    assert "already in this review, under “Hinders it”" in errors[0]
    assert Alignment.objects.count() == 1


def test_the_same_item_can_be_placed_against_another_key_target(
    client, review, rtt, department_manager
):
    KeyTarget.objects.create(code="CA62", name="Cancer 62 days")
    align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    assert place(client, review["measure"], code="CA62").status_code == 302


def test_a_manager_moves_an_item_to_another_column(client, review, rtt, department_manager):
    alignment = align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    response = client.post(url("move", alignment.pk), {"kind": Kind.HINDERS})

    assert response.status_code == 302
    alignment.refresh_from_db()
    assert alignment.kind == Kind.HINDERS


def test_a_placed_item_cannot_be_moved_to_missing(client, review, rtt, department_manager):
    alignment = align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    response = client.post(url("move", alignment.pk), {"kind": Kind.MISSING})

    assert response.status_code == 200
    alignment.refresh_from_db()
    assert alignment.kind == Kind.SUPPORTS


def test_a_manager_removes_an_item(client, review, rtt, department_manager):
    alignment = align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    assert client.post(url("remove", alignment.pk)).status_code == 302
    assert not Alignment.objects.exists()
    assert Measure.objects.filter(pk=review["measure"].pk).exists()


def test_a_manager_says_what_is_missing(client, review, rtt, department_manager):
    client.force_login(department_manager)

    response = client.post(
        url("missing_add"),
        {"missing-description": "Imaging turnaround for outpatients", "missing-note": "Why"},
    )

    assert response.status_code == 302
    alignment = Alignment.objects.get()
    assert (alignment.kind, alignment.description) == (
        Kind.MISSING,
        "Imaging turnaround for outpatients",
    )


def test_a_missing_item_needs_a_description(client, review, rtt, department_manager):
    client.force_login(department_manager)

    response = client.post(url("missing_add"), {"missing-description": "   "})

    assert response.status_code == 200
    assert response.context["missing_form"].errors["description"] == [
        "Say what is missing, in a few words"
    ]
    assert not Alignment.objects.exists()


# Providers.


def test_providers_measures_are_candidates_by_default(client, review, rtt, department_manager):
    client.force_login(department_manager)

    response = client.get(url("detail"))

    choices = dict(response.context["place_form"].fields["item"].choices)
    assert "Pathology: measures (a service relied on)" in choices
    keys = {key for group in choices.values() if isinstance(group, list) for key, _ in group}
    assert f"measure-{review['pathology'].pk}" in keys
    assert f"measure-{review['theatres'].pk}" not in keys


def test_a_providers_measure_can_be_placed(client, review, rtt, department_manager):
    client.force_login(department_manager)

    assert place(client, review["pathology"], Kind.IMPLICIT).status_code == 302
    alignment = Alignment.objects.get()
    assert alignment.measure == review["pathology"]
    assert alignment.scorecard == review["scorecard"]


def test_a_measure_of_a_unit_that_is_no_provider_is_refused(
    client, review, rtt, department_manager
):
    client.force_login(department_manager)

    response = place(client, review["theatres"])

    assert response.status_code == 200
    assert "Choose a measure or objective of this scorecard" in str(
        response.context["place_form"].errors["item"]
    )
    assert not Alignment.objects.exists()


def test_providers_of_the_units_below_count_for_a_directorate(
    client, review, rtt, directorate_manager
):
    make_objective(make_scorecard(OrganisationUnit.objects.get(code="NHT-SURG")), "S1")
    client.force_login(directorate_manager)

    response = client.get(url("detail", slug="surgery"))

    assert "Pathology: measures (a service relied on)" in dict(
        response.context["place_form"].fields["item"].choices
    )


# The one-step conversion of a missing item.


def test_a_missing_item_becomes_a_draft_objective(client, review, rtt, department_manager):
    missing = align(review, rtt, Kind.MISSING, description="Validate the waiting list")
    client.force_login(department_manager)
    form_page = client.get(url("convert_objective", missing.pk))
    assert form_page.context["form"]["title"].value() == "Validate the waiting list"

    response = client.post(
        url("convert_objective", missing.pk),
        {
            "objective-perspective": review["objective"].perspective_id,
            "objective-code": "c9",
            "objective-title": "Validate the waiting list",
        },
    )

    assert response.status_code == 302
    objective = Objective.objects.get(code="C9")
    assert objective.scorecard == review["scorecard"]
    missing.refresh_from_db()
    assert (missing.kind, missing.objective) == (Kind.SUPPORTS, objective)


def test_a_missing_item_becomes_a_draft_measure(client, review, rtt, department_manager):
    missing = align(review, rtt, Kind.MISSING, description="Imaging turnaround")
    client.force_login(department_manager)

    response = client.post(
        url("convert_measure", missing.pk),
        {
            "measure-objective": review["objective"].pk,
            "measure-code": "IMGOP",
            "measure-title": "Imaging turnaround for outpatients",
            "measure-direction": "lower",
            "measure-unit": "days",
            "measure-frequency": "monthly",
        },
    )

    assert response.status_code == 302
    measure = Measure.objects.get(code="IMGOP")
    assert measure.objective == review["objective"]
    missing.refresh_from_db()
    assert (missing.kind, missing.measure) == (Kind.SUPPORTS, measure)


def test_a_conversion_with_a_clashing_code_makes_nothing(client, review, rtt, department_manager):
    missing = align(review, rtt, Kind.MISSING, description="Did not attend")
    client.force_login(department_manager)
    before = Measure.objects.count()

    response = client.post(
        url("convert_measure", missing.pk),
        {
            "measure-objective": review["objective"].pk,
            "measure-code": "dna",
            "measure-title": "Did not attend",
            "measure-direction": "lower",
            "measure-frequency": "monthly",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["The scorecard already has a measure DNA."]
    assert Measure.objects.count() == before
    missing.refresh_from_db()
    assert (missing.kind, missing.measure) == (Kind.MISSING, None)


def test_an_objective_conversion_with_a_clashing_code_makes_nothing(
    client, review, rtt, department_manager
):
    missing = align(review, rtt, Kind.MISSING, description="Validation")
    client.force_login(department_manager)

    response = client.post(
        url("convert_objective", missing.pk),
        {
            "objective-perspective": review["objective"].perspective_id,
            "objective-code": "C1",
            "objective-title": "Validation",
        },
    )

    assert response.status_code == 200
    assert Objective.objects.filter(scorecard=review["scorecard"]).count() == 1
    missing.refresh_from_db()
    assert missing.kind == Kind.MISSING


def test_a_placed_item_cannot_be_converted(client, review, rtt, department_manager):
    alignment = align(review, rtt, Kind.SUPPORTS, measure=review["measure"])
    client.force_login(department_manager)

    assert client.get(url("convert_measure", alignment.pk)).status_code == 404


# Access.


def test_anonymous_users_are_sent_to_log_in(client, review, rtt):
    response = client.get(url("detail"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_outsider_gets_404(client, review, rtt, outsider):
    client.force_login(outsider)
    assert client.get(url("detail")).status_code == 404
    assert client.get(reverse("review:index", args=[SLUG])).status_code == 404
    assert place(client, review["measure"]).status_code == 404


def test_an_analyst_reads_but_cannot_change(client, review, rtt, analyst):
    alignment = align(review, rtt, Kind.MISSING, description="Validation")
    client.force_login(analyst)

    assert client.get(url("detail")).status_code == 200
    assert client.get(reverse("review:index", args=[SLUG])).status_code == 200
    assert place(client, review["measure"]).status_code == 403
    assert client.post(url("missing_add"), {"missing-description": "x"}).status_code == 403
    assert client.post(url("move", alignment.pk), {"kind": "hinders"}).status_code == 403
    assert client.post(url("remove", alignment.pk)).status_code == 403
    assert client.get(url("convert_objective", alignment.pk)).status_code == 403
    assert Alignment.objects.count() == 1


def test_a_sibling_manager_gets_404(client, review, rtt):
    sibling = make_user("frank")
    grant(sibling, OrganisationUnit.objects.get(code="NHT-SURG-TH"), Role.MANAGER)
    client.force_login(sibling)

    assert client.get(url("detail")).status_code == 404
    assert place(client, review["measure"]).status_code == 404


@pytest.mark.parametrize("persona", ["department_manager", "directorate_manager", "trust_admin"])
def test_managers_of_the_unit_and_above_may_change_it(client, review, rtt, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert place(client, review["measure"]).status_code == 302


def test_a_key_target_or_item_the_user_may_not_see_is_404(client, review, rtt, department_manager):
    KeyTarget.objects.create(code="OLD", name="Retired", is_active=False)
    theirs = Alignment.objects.create(
        scorecard=review["theatres"].objective.scorecard,
        key_target=rtt,
        kind=Kind.SUPPORTS,
        measure=review["theatres"],
    )
    client.force_login(department_manager)

    assert client.get(url("detail", code="NOPE")).status_code == 404
    assert client.get(url("detail", code="OLD")).status_code == 404
    assert client.post(url("remove", theirs.pk)).status_code == 404
    assert client.post(url("move", theirs.pk), {"kind": "hinders"}).status_code == 404
    assert Alignment.objects.filter(pk=theirs.pk, kind=Kind.SUPPORTS).exists()


@pytest.mark.parametrize("name", ["place", "missing_add"])
def test_writes_refuse_get(client, review, rtt, department_manager, name):
    client.force_login(department_manager)
    assert client.get(url(name)).status_code == 405


def test_writes_need_the_csrf_token(review, rtt, department_manager):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(department_manager)
    assert place(client, review["measure"]).status_code == 403
    assert not Alignment.objects.exists()


# Queries.


def grow(review, rtt, start, count):
    """Place `count` more measures (with targets and values) and objectives, and missing items."""
    objective = review["objective"]
    for number in range(start, start + count):
        measure = make_measure(objective, f"M{number}")
        make_target(measure, action_trigger="80")
        make_observation(measure, date(2026, 9, 1), "90")
        align(review, rtt, Kind.SUPPORTS if number % 2 else Kind.HINDERS, measure=measure)
        extra = make_objective(review["scorecard"], f"X{number}")
        make_measure(extra, f"XM{number}")
        align(review, rtt, Kind.IMPLICIT, objective=extra)
        align(review, rtt, Kind.MISSING, description=f"Missing {number}")


def test_the_review_reads_a_fixed_number_of_queries(
    client, review, rtt, department_manager, django_assert_max_num_queries
):
    grow(review, rtt, 1, 2)
    client.force_login(department_manager)
    with django_assert_max_num_queries(16) as small:
        assert client.get(url("detail")).status_code == 200

    grow(review, rtt, 3, 20)

    with django_assert_max_num_queries(len(small)):
        assert client.get(url("detail")).status_code == 200
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse("review:index", args=[SLUG])).status_code == 200


def test_a_conversion_defining_a_code_otherwise_than_another_unit_makes_nothing(
    client, review, rtt, department_manager
):
    """One code is one measure across the trust: Pathology's PATHTAT is higher-is-better
    with no unit, so General Surgery's cannot be lower-is-better in days."""
    missing = align(review, rtt, Kind.MISSING, description="Pathology turnaround")
    client.force_login(department_manager)

    response = client.post(
        url("convert_measure", missing.pk),
        {
            "measure-objective": review["objective"].pk,
            "measure-code": "pathtat",
            "measure-title": "Pathology turnaround",
            "measure-direction": "lower",
            "measure-unit": "days",
            "measure-frequency": "monthly",
        },
    )

    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["code"][0]
        .startswith(
            "PATHTAT is already a measure of Pathology: a single value that does not roll up, "
            "with no unit, higher is better."
        )
    )
    assert not Measure.objects.filter(code="PATHTAT", objective=review["objective"]).exists()
    missing.refresh_from_db()
    assert missing.kind == Kind.MISSING


def test_a_placed_total_missing_a_unit_below_says_so(client, units, rtt, directorate_manager):
    # Surgery's RTT18 is computed from General Surgery's and Theatres'; only one reported.
    due = periods.latest_complete_period(timezone.localdate(), periods.MONTHLY)
    surgery = make_scorecard(units["NHT-SURG"])
    total = make_measure(make_objective(surgery, "C1"), "RTT18", rollup="sum", is_computed=True)
    for code in ("NHT-SURG-GS", "NHT-SURG-TH"):
        below = make_measure(
            make_objective(make_scorecard(units[code]), "C1"), "RTT18", rollup="sum"
        )
        if code == "NHT-SURG-GS":
            make_observation(below, due, "5")
    Alignment.objects.create(scorecard=surgery, key_target=rtt, kind=Kind.SUPPORTS, measure=total)
    client.force_login(directorate_manager)

    response = client.get(url("detail", slug="surgery"))

    assert "Incomplete total: 1 of 2 units below gave a value (missing: Theatres)" in (
        " ".join(response.content.decode().split())
    )
