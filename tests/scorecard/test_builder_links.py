import pytest
from django.urls import reverse

from scorecard.models import ObjectiveLink
from tests.factories import make_objective, make_scorecard

SLUG = "general-surgery"


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    make_objective(scorecard, "L1", "Learning and growth")
    make_objective(scorecard, "P1", "Internal business processes")
    make_objective(scorecard, "C1", "Customer")
    return scorecard


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def link_data(scorecard, cause, effect, rationale="Because"):
    return {
        "link-cause": scorecard.objectives.get(code=cause).pk,
        "link-effect": scorecard.objectives.get(code=effect).pk,
        "link-rationale": rationale,
    }


def test_a_manager_adds_a_link_and_the_map_draws_it(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(url("link_add"), link_data(scorecard, "L1", "P1"), follow=True)

    assert ObjectiveLink.objects.filter(cause__code="L1", effect__code="P1").exists()
    drawn = response.context["map"]
    assert {box.objective.code for box in drawn["boxes"]} == {"L1", "P1", "C1"}
    assert [(a.cause, a.effect) for a in drawn["arrows"]] == [("L1", "P1")]
    assert "C1 has no cause-and-effect link" in response.context["map_warnings"]
    content = response.content.decode()
    assert "<title>L1 drives P1</title>" in content
    for code in ("L1", "P1", "C1"):
        assert f"{url('objectives')}#objective-{scorecard.objectives.get(code=code).pk}" in content


def test_a_link_to_itself_is_refused_beside_the_field(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(url("link_add"), link_data(scorecard, "C1", "C1", "Typed reason"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "An objective cannot cause itself: choose another effect." in content
    assert 'id="id_link-effect_error"' in content
    assert "Typed reason</textarea>" in content
    assert not ObjectiveLink.objects.exists()


def test_a_duplicate_link_is_refused(client, scorecard, department_manager):
    client.force_login(department_manager)
    client.post(url("link_add"), link_data(scorecard, "L1", "P1"))

    response = client.post(url("link_add"), link_data(scorecard, "L1", "P1"))

    assert response.status_code == 200
    assert "L1 → P1 is already on the map." in response.content.decode()
    assert ObjectiveLink.objects.count() == 1


def test_a_link_to_another_scorecards_objective_is_refused(
    client, scorecard, department_manager, units
):
    foreign = make_objective(make_scorecard(units["NHT-SURG-TH"]), "T1")
    client.force_login(department_manager)
    data = link_data(scorecard, "L1", "P1")
    data["link-effect"] = foreign.pk

    response = client.post(url("link_add"), data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ObjectiveLink.objects.exists()


def test_a_cycle_is_warned_about_in_words(client, scorecard, department_manager):
    client.force_login(department_manager)
    for cause, effect in (("L1", "P1"), ("P1", "C1"), ("C1", "L1")):
        client.post(url("link_add"), link_data(scorecard, cause, effect))

    warnings = client.get(url("links")).context["map_warnings"]

    circle = next(w for w in warnings if w.startswith("The links go round in a circle: "))
    # Wherever the circle is entered, it reads in the links' direction.
    assert circle.endswith(("L1 → P1 → C1 → L1", "P1 → C1 → L1 → P1", "C1 → L1 → P1 → C1"))
    assert any(w.startswith("C1 → L1 runs down the lanes") for w in warnings)


def test_removing_a_link(client, scorecard, department_manager):
    client.force_login(department_manager)
    client.post(url("link_add"), link_data(scorecard, "L1", "P1"))

    client.post(url("link_delete", ObjectiveLink.objects.get().pk))

    assert not ObjectiveLink.objects.exists()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_link_permissions(request, client, scorecard, persona, read, write):
    link = ObjectiveLink.objects.create(
        cause=scorecard.objectives.get(code="L1"), effect=scorecard.objectives.get(code="P1")
    )
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("links")).status_code == read
    assert client.post(url("link_add"), link_data(scorecard, "P1", "C1")).status_code == write
    assert client.post(url("link_delete", link.pk)).status_code == write
