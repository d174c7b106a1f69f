from decimal import Decimal

import pytest
from django.urls import reverse

from scorecard.models import Framework, Objective
from tests.factories import make_measure, make_objective, make_observation, make_scorecard

SLUG = "general-surgery"


@pytest.fixture
def surgery_scorecard(units):
    return make_scorecard(units["NHT-SURG"])


@pytest.fixture
def scorecard(units, surgery_scorecard):
    return make_scorecard(units["NHT-SURG-GS"])


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def perspective(scorecard, name):
    return scorecard.framework.perspectives.get(name=name)


def objective_data(scorecard, **fields):
    data = {
        "perspective": perspective(scorecard, "Customer").pk,
        "code": "c1",
        "title": "Treat patients within 18 weeks",
        "weight": "1",
        **fields,
    }
    return {f"objective-{name}": value for name, value in data.items()}


def codes_in(scorecard, name):
    return list(
        scorecard.objectives.live()
        .filter(perspective__name=name)
        .order_by("position")
        .values_list("code", flat=True)
    )


def test_a_manager_adds_objectives_in_order(client, scorecard, department_manager):
    client.force_login(department_manager)

    client.post(url("objective_add"), objective_data(scorecard, code="c1"))
    client.post(
        url("objective_add"), objective_data(scorecard, code="c2", title="Cut cancellations")
    )

    assert codes_in(scorecard, "Customer") == ["C1", "C2"]


def test_a_duplicate_code_is_refused_beside_the_field_and_the_text_kept(
    client, scorecard, department_manager
):
    make_objective(scorecard, "C1")
    client.force_login(department_manager)

    response = client.post(url("objective_add"), objective_data(scorecard, title="Typed title"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "The scorecard already has an objective C1." in content
    assert 'id="id_objective-code_error"' in content
    assert 'value="Typed title"' in content
    assert scorecard.objectives.count() == 1


def test_an_objective_contributes_only_to_the_parents_objectives(
    client, scorecard, surgery_scorecard, department_manager, units
):
    surgery_goal = make_objective(surgery_scorecard, "S1")
    elsewhere = make_objective(make_scorecard(units["NHT-MED"]), "M1")
    client.force_login(department_manager)

    refused = client.post(
        url("objective_add"), objective_data(scorecard, contributes_to=elsewhere.pk)
    )
    accepted = client.post(
        url("objective_add"), objective_data(scorecard, contributes_to=surgery_goal.pk)
    )

    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert accepted.status_code == 302
    assert scorecard.objectives.get().contributes_to == surgery_goal


def test_the_trusts_objectives_contribute_to_nothing(client, units, trust_admin):
    make_scorecard(units["NHT"])
    client.force_login(trust_admin)

    response = client.get(reverse("builder:objectives", args=["northshire-trust"]))

    assert "contributes_to" not in response.context["form"].fields


def test_a_perspective_of_another_framework_is_refused(client, scorecard, department_manager):
    paf_area = Framework.objects.get(name__startswith="NHS Performance").perspectives.first()
    client.force_login(department_manager)

    response = client.post(
        url("objective_add"), objective_data(scorecard, perspective=paf_area.pk)
    )

    assert response.status_code == 200
    assert not scorecard.objectives.exists()


def test_moving_an_objective_swaps_it_with_its_neighbour(client, scorecard, department_manager):
    for position, code in enumerate(["C1", "C2", "C3"], start=1):
        make_objective(scorecard, code, position=position)
    client.force_login(department_manager)

    client.post(url("objective_up", scorecard.objectives.get(code="C3").pk))
    client.post(url("objective_down", scorecard.objectives.get(code="C1").pk))

    assert codes_in(scorecard, "Customer") == ["C3", "C1", "C2"]


def test_retiring_and_restoring_an_objective(client, scorecard, department_manager):
    objective = make_objective(scorecard, "C1")
    client.force_login(department_manager)

    client.post(url("objective_retire", objective.pk))
    objective.refresh_from_db()
    assert objective.is_retired
    page = client.get(url("objectives")).content.decode()
    assert "Retired objectives" in page

    client.post(url("objective_retire", objective.pk))
    objective.refresh_from_db()
    assert not objective.is_retired


def test_deleting_an_objective_with_measures_offers_retiring(
    client, scorecard, department_manager
):
    objective = make_objective(scorecard, "C1")
    make_observation(make_measure(objective, "RTT18"))
    client.force_login(department_manager)

    response = client.post(url("objective_delete", objective.pk), follow=True)

    assert "Retire it instead" in response.content.decode()
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_deleting_an_objective_without_measures(client, scorecard, department_manager):
    objective = make_objective(scorecard, "C1")
    client.force_login(department_manager)

    client.post(url("objective_delete", objective.pk))

    assert not Objective.objects.filter(pk=objective.pk).exists()


def test_editing_keeps_the_objective_in_its_scorecard(client, scorecard, department_manager):
    objective = make_objective(scorecard, "C1")
    client.force_login(department_manager)

    response = client.post(
        url("objective_edit", objective.pk), objective_data(scorecard, code="C1", title="New")
    )

    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.title, objective.scorecard) == ("New", scorecard)


def test_a_warning_past_25_objectives(client, scorecard, department_manager):
    for number in range(26):
        make_objective(scorecard, f"C{number}")
    client.force_login(department_manager)

    response = client.get(url("objectives"))

    assert "The scorecard has 26 objectives." in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_objective_permissions(request, client, scorecard, persona, read, write):
    objective = make_objective(scorecard, "C1")
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("objectives")).status_code == read
    writes = [
        (url("objective_add"), objective_data(scorecard, code="C9")),
        (url("objective_up", objective.pk), {}),
        (url("objective_down", objective.pk), {}),
        (url("objective_retire", objective.pk), {}),
        (url("objective_delete", objective.pk), {}),
    ]
    for target, data in writes:
        assert client.post(target, data).status_code == write, target


def test_a_parent_objective_shows_what_contributes_to_it(
    client, scorecard, surgery_scorecard, directorate_manager
):
    surgery_goal = make_objective(surgery_scorecard, "S1")
    make_objective(scorecard, "C1", contributes_to=surgery_goal)
    client.force_login(directorate_manager)

    response = client.get(reverse("builder:objectives", args=["surgery"]))

    assert "Served from below by General Surgery's C1" in response.content.decode()


def test_a_negative_weight_is_refused_beside_the_field(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(url("objective_add"), objective_data(scorecard, weight="-1"))

    assert response.context["form"].errors["weight"][0].startswith("The weight cannot be negative")


def test_a_missing_title_is_named_in_the_message(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(url("objective_add"), objective_data(scorecard, title=""))

    assert response.context["form"].errors["title"] == ["Enter the title"]
    assert '<a href="#id_objective-title">Enter the title</a>' in response.content.decode()


def test_weights_are_written_alike_without_trailing_zeros(client, scorecard, department_manager):
    make_objective(scorecard, "C1", weight=Decimal("1.5"))
    plain = make_objective(scorecard, "C2", weight=Decimal("1"))
    client.force_login(department_manager)

    page = client.get(url("objectives")).content.decode()
    edit = client.get(url("objective_edit", plain.pk))

    assert "weight 1.5 ·" in page
    assert "weight 1 ·" in page
    assert "1.50" not in page
    assert 'name="objective-weight" value="1"' in edit.content.decode()
