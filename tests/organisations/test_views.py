import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Role, ServiceDependency
from tests.factories import grant, make_measure, make_objective, make_scorecard, make_unit

TREE = reverse("organisations:tree")


def unit_url(slug):
    return reverse("dashboards:unit", args=[slug])


def test_tree_asks_an_anonymous_visitor_to_log_in(client, units):
    response = client.get(TREE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_tree_shows_the_analyst_the_whole_trust(client, analyst):
    client.force_login(analyst)

    response = client.get(TREE)

    assert response.status_code == 200
    names = [unit.name for root in response.context["roots"] for unit in root.get_family()]
    assert names == [
        "Northshire trust",
        "Medicine",
        "Cardiology",
        "Surgery",
        "General Surgery",
        "Theatres",
    ]


def test_tree_shows_a_manager_only_their_subtree(client, directorate_manager):
    client.force_login(directorate_manager)

    response = client.get(TREE)

    assert response.status_code == 200
    assert b"General Surgery" in response.content
    assert b"Cardiology" not in response.content
    assert b"Northshire trust" not in response.content


def test_tree_tells_an_outsider_to_ask_for_a_role(client, outsider, units):
    client.force_login(outsider)

    response = client.get(TREE)

    assert response.status_code == 200
    assert b"Ask an administrator to give you a role" in response.content


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_tree_and_unit_pages_read_a_fixed_number_of_queries(client, analyst, units):
    client.force_login(analyst)
    for code in ("NHT-SURG", "NHT-MED"):
        make_scorecard(units[code])
    small = (count_queries(client, TREE), count_queries(client, unit_url("surgery")))

    for number in range(30):
        parent = units["NHT-SURG"] if number % 2 else units["NHT-MED"]
        make_scorecard(make_unit(f"Ward {number}", parent=parent, code=f"W{number}"))
    large = (count_queries(client, TREE), count_queries(client, unit_url("surgery")))

    assert small == large
    assert large[0] <= 6


def test_unit_page_shows_the_scorecard_summary(client, analyst, units):
    scorecard = make_scorecard(units["NHT-SURG"])
    first = make_objective(scorecard, "C1", "Customer")
    make_objective(scorecard, "C2", "Customer")
    for code in ("M1", "M2", "M3"):
        make_measure(first, code)
    client.force_login(analyst)

    response = client.get(unit_url("surgery"))

    assert response.status_code == 200
    counts = {
        line.perspective.name: (
            len(line.objectives),
            sum(len(o.measures) for o in line.objectives),
        )
        for line in response.context["dashboard"].perspectives
    }
    assert counts["Customer"] == (2, 3)
    assert counts["Financial"] == (0, 0)
    assert b"Analyst" in response.content


def test_unit_page_lists_service_dependencies(client, analyst, units):
    ServiceDependency.objects.create(
        unit=units["NHT-SURG"], provider=units["NHT-MED"], note="Pre-operative assessment"
    )
    client.force_login(analyst)

    response = client.get(unit_url("surgery"))

    assert b"Pre-operative assessment" in response.content


def test_unit_page_is_not_found_for_an_outsider(client, outsider, units):
    client.force_login(outsider)

    assert client.get(unit_url("surgery")).status_code == 404


def test_unit_page_is_not_found_for_a_sibling_manager(client, department_manager, units):
    client.force_login(department_manager)

    assert client.get(unit_url("theatres")).status_code == 404
    assert client.get(unit_url("general-surgery")).status_code == 200


def test_unit_page_is_not_found_for_an_unknown_slug(client, analyst):
    client.force_login(analyst)

    assert client.get(unit_url("no-such-unit")).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_unit_pages_refuse_writes(client, analyst, method):
    client.force_login(analyst)

    assert getattr(client, method)(unit_url("surgery")).status_code == 405
    assert getattr(client, method)(TREE).status_code == 405


def test_unit_page_lists_perspectives_in_the_frameworks_order(client, analyst, units):
    scorecard = make_scorecard(units["NHT-SURG"])
    financial = scorecard.framework.perspectives.get(name="Financial")
    financial.position = 0
    financial.save()
    client.force_login(analyst)

    response = client.get(unit_url("surgery"))

    assert [line.perspective.name for line in response.context["dashboard"].perspectives] == [
        "Financial",
        "Learning and growth",
        "Internal business processes",
        "Customer",
    ]


def test_unit_page_says_where_the_role_comes_from(client, directorate_manager, units):
    client.force_login(directorate_manager)

    on_own_unit = client.get(unit_url("surgery")).content.decode()
    below_it = client.get(unit_url("theatres")).content.decode()

    assert "Your role here: <strong>Manager</strong>." in on_own_unit
    assert "Your role here: <strong>Manager</strong>, from your role on Surgery." in below_it


def test_unit_page_links_only_the_providers_the_user_may_open(client, department_manager, units):
    ServiceDependency.objects.create(unit=units["NHT-SURG-GS"], provider=units["NHT-MED-CARD"])
    ServiceDependency.objects.create(unit=units["NHT-SURG-GS"], provider=units["NHT-SURG-TH"])
    client.force_login(department_manager)

    content = client.get(unit_url("general-surgery")).content.decode()

    assert "<li>Cardiology</li>" in content
    assert "<li>Theatres</li>" in content
    grant(department_manager, units["NHT-SURG-TH"], Role.ANALYST)
    content = client.get(unit_url("general-surgery")).content.decode()
    assert '<li><a href="/units/theatres/">Theatres</a></li>' in content
