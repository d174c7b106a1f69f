import pytest
from django import forms
from django.urls import reverse

from scorecard.lib.forms import DesignSystemForm
from scorecard.models import Initiative, Milestone
from tests.factories import make_measure, make_objective, make_scorecard

SLUG = "general-surgery"


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    make_measure(make_objective(scorecard, "C1"), "RTT18")
    make_objective(scorecard, "F1", "Financial")
    return scorecard


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def initiative_data(scorecard, **fields):
    data = {
        "title": "Waiting list validation",
        "status": "on_track",
        "progress": "10",
        "objectives": [scorecard.objectives.get(code="C1").pk],
        **fields,
    }
    return {f"initiative-{name}": value for name, value in data.items()}


def test_a_manager_adds_an_initiative_that_serves_an_objective(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("initiative_add"),
        initiative_data(scorecard, start_date="2026-04-01", end_date="2027-03-31", budget="60000"),
    )

    initiative = Initiative.objects.get()
    assert response["Location"] == url("initiative_edit", initiative.pk)
    assert [o.code for o in initiative.objectives.all()] == ["C1"]


def test_an_initiative_ending_before_it_starts_is_refused_beside_the_field(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("initiative_add"),
        initiative_data(scorecard, start_date="2026-04-01", end_date="2026-03-01"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [
        "The end date cannot be before the start date."
    ]
    assert 'value="Waiting list validation"' in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("progress", ["150", "-5"])
def test_progress_outside_0_to_100_is_refused_beside_the_field(
    client, scorecard, department_manager, progress
):
    client.force_login(department_manager)

    response = client.post(url("initiative_add"), initiative_data(scorecard, progress=progress))

    assert response.status_code == 200
    assert response.context["form"].errors["progress"] == [
        "Progress is a percentage from 0 to 100."
    ]
    assert not Initiative.objects.exists()


def test_the_matrix_shows_gaps_both_ways(client, scorecard, analyst):
    Initiative.objects.create(scorecard=scorecard, title="Staff wellbeing week")
    served = Initiative.objects.create(scorecard=scorecard, title="Validation")
    served.objectives.add(scorecard.objectives.get(code="C1"))
    client.force_login(analyst)

    response = client.get(url("initiatives"))

    assert [o.code for o in response.context["unserved"]] == ["F1"]
    assert [i.title for i in response.context["idle"]] == ["Staff wellbeing week"]
    content = response.content.decode()
    assert "Objectives no initiative serves: F1." in content
    assert "Initiatives that serve no objective: Staff wellbeing week." in content


def test_milestones_are_added_and_removed(client, scorecard, department_manager):
    initiative = Initiative.objects.create(scorecard=scorecard, title="Validation")
    client.force_login(department_manager)

    client.post(
        url("milestone_add", initiative.pk),
        {"milestone-title": "Team recruited", "milestone-due_date": "2026-06-30"},
    )
    milestone = Milestone.objects.get()
    assert milestone.initiative == initiative

    client.post(url("milestone_delete", milestone.pk))
    assert not Milestone.objects.exists()


def test_a_milestone_without_a_date_is_refused(client, scorecard, department_manager):
    initiative = Initiative.objects.create(scorecard=scorecard, title="Validation")
    client.force_login(department_manager)

    response = client.post(url("milestone_add", initiative.pk), {"milestone-title": "Typed"})

    assert response.status_code == 200
    assert 'value="Typed"' in response.content.decode()
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_initiative_permissions(request, client, scorecard, persona, read, write):
    initiative = Initiative.objects.create(scorecard=scorecard, title="Validation")
    milestone = Milestone.objects.create(initiative=initiative, title="M", due_date="2026-06-30")
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("initiatives")).status_code == read
    posts = [
        (url("initiative_add"), initiative_data(scorecard)),
        (url("initiative_edit", initiative.pk), initiative_data(scorecard)),
        (
            url("milestone_add", initiative.pk),
            {"milestone-title": "X", "milestone-due_date": "2026-07-01"},
        ),
        (url("milestone_delete", milestone.pk), {}),
        (url("initiative_delete", initiative.pk), {}),
    ]
    for target, data in posts:
        assert client.post(target, data).status_code == write, target


def test_a_negative_budget_is_refused_beside_the_field(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(url("initiative_add"), initiative_data(scorecard, budget="-5"))

    assert response.context["form"].errors["budget"] == ["The budget cannot be negative."]


def test_a_milestone_outside_the_initiatives_dates_is_refused(
    client, scorecard, department_manager
):
    initiative = Initiative.objects.create(
        scorecard=scorecard, title="Validation", start_date="2026-04-01", end_date="2027-03-31"
    )
    client.force_login(department_manager)

    response = client.post(
        url("milestone_add", initiative.pk),
        {"milestone-title": "Late", "milestone-due_date": "2027-06-30"},
    )

    assert response.status_code == 200
    assert "The initiative ends on 31 March 2027, before this date." in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_percent_sign_in_a_label_does_not_break_its_messages():
    class ShareForm(DesignSystemForm):
        share = forms.IntegerField(label="Share (%)", min_value=0)

    form = ShareForm({"share": "-1"})

    assert form.errors["share"] == ["The share (%) must be at least 0"]
