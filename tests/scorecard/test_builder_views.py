import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Role
from scorecard.models import (
    Framework,
    Scorecard,
    Stakeholder,
    StrategicTheme,
    SummaryStatement,
    SwotItem,
)
from tests.factories import (
    KAPLAN_NORTON,
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_user,
)

SLUG = "general-surgery"


@pytest.fixture
def scorecard(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Timely access")
    Stakeholder.objects.create(
        scorecard=scorecard, name="Patients", category="customers", power="low", impact="high"
    )
    SwotItem.objects.create(scorecard=scorecard, kind="strength", text="Skilled team")
    scorecard.theme = theme
    return scorecard


@pytest.fixture
def sibling_manager(units):
    user = make_user("frank")
    grant(user, units["NHT-SURG-TH"], Role.MANAGER)
    return user


def stakeholder(**fields):
    return {
        f"stakeholder-{name}": value for name, value in {"category": "customers", **fields}.items()
    }


def url(name, *args):
    return reverse(f"builder:{name}", args=[SLUG, *args])


def read_urls(scorecard):
    theme = scorecard.themes.get()
    stakeholder = scorecard.stakeholders.get()
    return [url("overview"), url("foundation"), url("summary")], [
        url("theme_edit", theme.pk),
        url("stakeholder_edit", stakeholder.pk),
    ]


def write_posts(scorecard):
    theme = scorecard.themes.get()
    return [
        (url("foundation_save"), {"mission": "To heal"}),
        (url("theme_add"), {"theme-name": "Safety"}),
        (url("theme_edit", theme.pk), {"theme-name": "Access"}),
        (url("swot_add"), {"swot-kind": "threat", "swot-text": "Vacancies"}),
        (url("swot_delete", scorecard.swot_items.get().pk), {}),
        (
            url("stakeholder_add"),
            stakeholder(name="GPs", power="high", impact="high"),
        ),
        (
            url("stakeholder_edit", scorecard.stakeholders.get().pk),
            stakeholder(name="Patients", power="low", impact="low"),
        ),
        (url("stakeholder_delete", scorecard.stakeholders.get().pk), {}),
        (url("summary_save"), {}),
        (url("theme_delete", theme.pk), {}),
    ]


@pytest.mark.parametrize("persona", ["department_manager", "directorate_manager", "trust_admin"])
def test_managers_of_the_unit_or_above_and_admins_may_read_and_write(
    request, client, scorecard, persona
):
    client.force_login(request.getfixturevalue(persona))
    pages, edit_pages = read_urls(scorecard)
    for page in pages + edit_pages:
        assert client.get(page).status_code == 200, page
    for target, data in write_posts(scorecard):
        response = client.post(target, data)
        assert response.status_code == 302, (target, response.status_code)


def test_an_analyst_reads_every_stage_but_changes_nothing(client, scorecard, analyst):
    client.force_login(analyst)
    pages, edit_pages = read_urls(scorecard)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert b'<form method="post"' not in response.content
    for page in edit_pages:
        assert client.get(page).status_code == 403, page
    for target, data in write_posts(scorecard):
        assert client.post(target, data).status_code == 403, target
    assert scorecard.themes.count() == 1


@pytest.mark.parametrize("persona", ["sibling_manager", "outsider"])
def test_others_are_told_the_scorecard_does_not_exist(request, client, scorecard, persona):
    client.force_login(request.getfixturevalue(persona))
    pages, edit_pages = read_urls(scorecard)
    for page in pages + edit_pages:
        assert client.get(page).status_code == 404, page
    for target, data in write_posts(scorecard):
        assert client.post(target, data).status_code == 404, target


def test_anonymous_visitors_are_asked_to_log_in(client, scorecard):
    pages, edit_pages = read_urls(scorecard)
    for page in pages + edit_pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_read_pages_refuse_posts(client, scorecard, department_manager):
    client.force_login(department_manager)
    for page in read_urls(scorecard)[0]:
        assert client.post(page).status_code == 405


def test_overview_states_each_stage_in_words(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.get(url("overview"))

    states = {stage.slug: progress.state for stage, progress in response.context["progress"]}
    assert states["foundation"] == "in progress"
    assert states["objectives"] == "not started"
    content = response.content.decode()
    assert "No mission yet" in content
    assert "The SWOT has no weaknesses, opportunities or threats yet" in content
    assert "Not started" in content


def test_overview_reads_a_fixed_number_of_queries(client, scorecard, department_manager):
    client.force_login(department_manager)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("overview")).status_code == 200
        return len(captured)

    small = queries()
    for number in range(12):
        objective = make_objective(scorecard, f"C{number}")
        make_measure(objective, f"M{number}")
    assert queries() == small


def test_saving_the_foundation_keeps_the_text(client, scorecard, department_manager):
    client.force_login(department_manager)

    response = client.post(
        url("foundation_save"),
        {
            "mission": "To heal",
            "vision": "No waits",
            "values": "Kind",
            "strategy_statement": "Flow",
        },
    )

    assert response.status_code == 302
    scorecard.refresh_from_db()
    assert (scorecard.mission, scorecard.vision) == ("To heal", "No waits")


def test_a_duplicate_theme_is_refused_beside_the_field_and_the_text_is_kept(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("theme_add"), {"theme-name": "timely ACCESS", "theme-description": "Again"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "The scorecard already has a theme called “timely ACCESS”." in content
    assert 'id="id_theme-name_error"' in content
    assert "Again</textarea>" in content
    assert scorecard.themes.count() == 1


def test_a_stakeholder_without_a_name_is_refused_and_the_rest_is_kept(
    client, scorecard, department_manager
):
    client.force_login(department_manager)

    response = client.post(
        url("stakeholder_add"),
        stakeholder(name="", role="Local GPs", power="high", impact="low"),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'value="Local GPs"' in content
    assert scorecard.stakeholders.count() == 1


def test_a_theme_in_use_is_not_deleted(client, scorecard, department_manager):
    make_objective(scorecard, "C1", theme=scorecard.theme)
    client.force_login(department_manager)

    response = client.post(url("theme_delete", scorecard.theme.pk), follow=True)

    assert "“Timely access” is the theme of 1 objective, so it was not deleted." in (
        response.content.decode()
    )
    assert scorecard.themes.count() == 1


def test_an_item_of_another_scorecard_is_not_found(client, scorecard, department_manager, units):
    other = make_scorecard(units["NHT-SURG-TH"])
    foreign = StrategicTheme.objects.create(scorecard=other, name="Elsewhere")
    client.force_login(department_manager)

    assert client.get(url("theme_edit", foreign.pk)).status_code == 404
    assert client.post(url("theme_delete", foreign.pk)).status_code == 404
    assert StrategicTheme.objects.filter(pk=foreign.pk).exists()


def test_the_summary_saves_filled_cells_and_clears_emptied_ones(
    client, scorecard, department_manager
):
    customer = scorecard.framework.perspectives.get(name="Customer")
    financial = scorecard.framework.perspectives.get(name="Financial")
    SummaryStatement.objects.create(theme=scorecard.theme, perspective=financial, statement="Old")
    client.force_login(department_manager)

    client.post(
        url("summary_save"),
        {
            f"cell-{scorecard.theme.pk}-{customer.pk}": "  Short waits  ",
            f"cell-{scorecard.theme.pk}-{financial.pk}": "",
        },
    )

    statements = {s.perspective.name: s.statement for s in SummaryStatement.objects.all()}
    assert statements == {"Customer": "Short waits"}


def test_starting_a_department_scorecard_offers_the_parents_framework(
    client, units, department_manager
):
    paf = Framework.objects.get(name__startswith="NHS Performance")
    Scorecard.objects.create(unit=units["NHT-SURG"], framework=paf)
    client.force_login(department_manager)

    response = client.get(url("start"))

    assert response.context["form"].initial == {"framework": paf.pk}
    response = client.post(url("start"), {"framework": paf.pk})
    assert response.status_code == 302
    assert Scorecard.objects.get(unit=units["NHT-SURG-GS"]).framework == paf


def test_starting_is_refused_to_an_analyst(client, units, analyst):
    client.force_login(analyst)

    kaplan_norton = Framework.objects.get(name=KAPLAN_NORTON)
    assert client.post(url("start"), {"framework": kaplan_norton.pk}).status_code == 403
    assert not Scorecard.objects.filter(unit=units["NHT-SURG-GS"]).exists()


def test_the_unit_page_offers_to_start_a_scorecard_to_its_managers(
    client, units, department_manager
):
    client.force_login(department_manager)

    response = client.get(reverse("dashboards:unit", args=[SLUG]))

    assert url("start").encode() in response.content


@pytest.mark.parametrize(
    ("kind", "said"), [("opportunity", "an opportunity"), ("threat", "a threat")]
)
def test_adding_a_swot_item_says_what_was_added_with_its_article(
    client, scorecard, department_manager, kind, said
):
    client.force_login(department_manager)

    response = client.post(
        url("swot_add"), {"swot-kind": kind, "swot-text": "A new day unit"}, follow=True
    )

    assert f"Added {said}." in response.content.decode()
