"""Every URL of the builder, for every persona: nobody gets past the access check
who should not, and a view added later is covered without being listed here."""

import pytest
from django.urls import reverse

from organisations.models import Role
from scorecard.builder.urls import urlpatterns
from scorecard.models import (
    Initiative,
    Milestone,
    ObjectiveLink,
    Stakeholder,
    StrategicTheme,
    SwotItem,
)
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
    make_user,
)

SLUG = "general-surgery"
READ_VIEWS = {
    "overview",
    "foundation",
    "summary",
    "objectives",
    "links",
    "measures",
    "targets",
    "initiatives",
    "implementation",
    "measure_edit",  # the sheet reads as a summary for analysts
}
# Which object's pk each URL takes; retires and deletes run last so the
# others still find theirs.
OBJECT_OF = {
    "theme": "theme",
    "swot": "swot",
    "stakeholder": "stakeholder",
    "objective": "objective",
    "link": "link",
    "measure": "measure",
    "target_add": "measure",
    "target": "target",
    "initiative": "initiative",
    "milestone_add": "initiative",
    "milestone": "milestone",
}
DELETE_ORDER = [
    "swot",
    "stakeholder",
    "milestone",
    "target",
    "link",
    "theme",
    "measure",
    "objective",
    "initiative",
]


@pytest.fixture
def builder_objects(units):
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    theme = StrategicTheme.objects.create(scorecard=scorecard, name="Access")
    objective = make_objective(scorecard, "C1", theme=theme)
    other = make_objective(scorecard, "F1", "Financial")
    measure = make_measure(objective, "RTT18")
    make_observation(measure)
    initiative = Initiative.objects.create(scorecard=scorecard, title="Validation")
    return {
        "theme": theme,
        "swot": SwotItem.objects.create(scorecard=scorecard, kind="threat", text="Vacancies"),
        "stakeholder": Stakeholder.objects.create(
            scorecard=scorecard, name="GPs", category="customers", power="high", impact="high"
        ),
        "objective": objective,
        "link": ObjectiveLink.objects.create(cause=objective, effect=other),
        "measure": measure,
        "target": make_target(measure),
        "initiative": initiative,
        "milestone": Milestone.objects.create(
            initiative=initiative, title="Start", due_date="2026-06-30"
        ),
    }


def object_for(name):
    if name in OBJECT_OF:
        return OBJECT_OF[name]
    return next((kind for kind in OBJECT_OF if name.startswith(f"{kind}_")), None)


def builder_urls(objects):
    """(url name, url) for every builder pattern, deletes last."""
    found = []
    for pattern in urlpatterns:
        name = pattern.name
        kind = object_for(name)
        args = [SLUG] + ([objects[kind].pk] if kind and "<int:" in str(pattern.pattern) else [])
        found.append((name, reverse(f"builder:{name}", args=args)))

    def order(item):
        name = item[0]
        if name.endswith("_delete"):
            return 1 + DELETE_ORDER.index(object_for(name))
        # Retiring hides an objective or measure from the stages after it.
        return 0 if name.endswith("_retire") else -1

    return sorted(found, key=order)


@pytest.fixture
def sibling_manager(units):
    user = make_user("frank")
    grant(user, units["NHT-SURG-TH"], Role.MANAGER)
    return user


def test_every_builder_url_is_covered(builder_objects):
    names = {name for name, _ in builder_urls(builder_objects)}
    assert len(names) == len(urlpatterns)


def test_anonymous_visitors_are_sent_to_log_in(client, builder_objects):
    for name, url in builder_urls(builder_objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 405), (name, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("login")), name


@pytest.mark.parametrize("persona", ["outsider", "sibling_manager"])
def test_people_outside_the_unit_are_told_nothing_exists(
    request, client, builder_objects, persona
):
    client.force_login(request.getfixturevalue(persona))
    for name, url in builder_urls(builder_objects):
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url).status_code in (404, 405), name


def test_an_analyst_reads_but_never_writes(client, builder_objects, analyst):
    client.force_login(analyst)
    for name, url in builder_urls(builder_objects):
        status = client.get(url).status_code
        if name in READ_VIEWS:
            assert status == 200, name
        else:
            assert status in (403, 405), (name, status)
        assert client.post(url).status_code in (403, 405), name


@pytest.mark.parametrize("persona", ["department_manager", "directorate_manager", "trust_admin"])
def test_managers_of_the_unit_or_above_get_through(request, client, builder_objects, persona):
    client.force_login(request.getfixturevalue(persona))
    for name, url in builder_urls(builder_objects):
        assert client.get(url).status_code not in (403, 404), name
        assert client.post(url).status_code not in (403, 404), name
