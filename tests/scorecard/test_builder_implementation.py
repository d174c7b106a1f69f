import pytest
from django.urls import reverse

from scorecard.models import ObjectiveLink, Scorecard, SummaryStatement
from tests.factories import complete_every_stage, make_objective, make_scorecard

SLUG = "general-surgery"
PERSPECTIVES = ("Learning and growth", "Internal business processes", "Customer", "Financial")


@pytest.fixture
def scorecard(units):
    return make_scorecard(units["NHT-SURG-GS"])


def make_ready(scorecard):
    complete_every_stage(scorecard)


def url(name):
    return reverse(f"builder:{name}", args=[SLUG])


def test_publishing_is_refused_until_the_checklist_holds(client, scorecard, department_manager):
    make_objective(scorecard, "C1")
    client.force_login(department_manager)

    response = client.post(url("publish"), follow=True)

    content = response.content.decode()
    assert "The scorecard is not ready to publish. Every stage must be complete first" in content
    assert "Still to do: every perspective has an objective" in content
    assert "Publishing opens when every item above is done." in content
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_a_ready_scorecard_is_published_and_signed_off(client, scorecard, department_manager):
    make_ready(scorecard)
    client.force_login(department_manager)

    client.post(url("publish"))

    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.ACTIVE
    assert scorecard.signed_off_by == department_manager
    assert scorecard.signed_off_at is not None
    assert scorecard.published_at == scorecard.signed_off_at


def test_publishing_is_refused_while_a_stage_is_incomplete_naming_it(
    client, scorecard, department_manager
):
    """The demo's Emergency Department was published with stages 2 and 4 not started."""
    make_ready(scorecard)
    ObjectiveLink.objects.filter(cause__scorecard=scorecard).delete()
    SummaryStatement.objects.filter(theme__scorecard=scorecard).delete()
    client.force_login(department_manager)

    response = client.post(url("publish"), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "The scorecard is not ready to publish. Every stage must be complete first; not yet: "
        "2. Multi-dimensional strategic summary (not started) and 4. Cause and effect "
        "(not started)."
    ]
    assert "Stage 4 (Cause and effect) is complete" in response.content.decode()
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT
    assert scorecard.signed_off_at is None


def test_an_analyst_cannot_publish(client, scorecard, analyst):
    make_ready(scorecard)
    client.force_login(analyst)

    assert client.post(url("publish")).status_code == 403
    scorecard.refresh_from_db()
    assert scorecard.status == Scorecard.Status.DRAFT


def test_the_history_shows_who_changed_what(client, scorecard, department_manager):
    client.force_login(department_manager)
    client.post(
        url("objective_add"),
        {
            "objective-perspective": scorecard.framework.perspectives.get(name="Customer").pk,
            "objective-code": "C1",
            "objective-title": "Treat within 18 weeks",
            "objective-weight": "1",
        },
    )

    history = client.get(url("implementation")).context["history"]

    assert history[0]["what"] == "Added objective C1 Treat within 18 weeks"
    assert history[0]["who"] == department_manager


def test_saving_the_cadence_and_data_quality_process(client, scorecard, department_manager):
    client.force_login(department_manager)

    client.post(
        url("implementation_save"),
        {
            "performance_review_cadence": "monthly",
            "strategy_review_cadence": "annual",
            "data_quality_process": "The information team validates each month",
        },
    )

    scorecard.refresh_from_db()
    assert scorecard.strategy_review_cadence == "annual"
    assert scorecard.data_quality_process.startswith("The information team")


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("department_manager", 200, 302),
        ("directorate_manager", 200, 302),
        ("analyst", 200, 403),
        ("outsider", 404, 404),
    ],
)
def test_implementation_permissions(request, client, scorecard, persona, read, write):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(url("implementation")).status_code == read
    data = {"performance_review_cadence": "monthly", "strategy_review_cadence": "quarterly"}
    assert client.post(url("implementation_save"), data).status_code == write
    assert client.post(url("publish")).status_code == write
