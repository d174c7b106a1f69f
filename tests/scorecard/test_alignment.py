"""Objective alignment down the tree: contributors, unsupported objectives, orphans."""

from datetime import date

import pytest
from django.urls import reverse

from organisations.models import OrganisationUnit, Role
from scorecard.dashboards.alignment import alignment_of
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
    make_unit,
    make_user,
)
from tests.scorecard.dashboard_data import AS_AT, fill


def url(slug="northshire-trust", query="?as_at=2026-09"):
    return reverse("dashboards:alignment", args=[slug]) + query


@pytest.fixture
def cascade(units):
    """Trust C1 <- Surgery S1 <- General Surgery G1; trust F1 unsupported; G2, M1 orphans."""
    trust = make_scorecard(units["NHT"])
    c1 = make_objective(trust, "C1", title="Cut waits")
    make_objective(trust, "F1", "Financial", title="Balance the books")
    surgery = make_scorecard(units["NHT-SURG"])
    s1 = make_objective(surgery, "S1", title="Treat surgical patients sooner", contributes_to=c1)
    general = make_scorecard(units["NHT-SURG-GS"])
    g1 = make_objective(general, "G1", title="Run full theatre lists", contributes_to=s1)
    make_objective(general, "G2", title="A local priority")
    medicine = make_scorecard(units["NHT-MED"])
    make_objective(medicine, "M1", title="Medicine's own aim")
    measure = make_measure(g1, "RTT18", unit="%")
    make_target(measure, value="92", tolerance="2")
    fill(measure, [80])
    return {"C1": c1, "S1": s1, "G1": g1}


def codes(nodes):
    return [node.objective.code for node in nodes]


def test_each_trust_objective_lists_what_contributes_to_it_down_the_tree(cascade, analyst):
    alignment = alignment_of(OrganisationUnit.objects.get(code="NHT"), analyst, AS_AT)
    c1, f1 = alignment.objectives
    assert codes([c1, f1]) == ["C1", "F1"]
    assert codes(c1.contributors) == ["S1"]
    assert codes(c1.contributors[0].contributors) == ["G1"]
    g1 = c1.contributors[0].contributors[0]
    assert g1.unit.code == "NHT-SURG-GS"
    assert g1.rollup.status.label == "Off target"


def test_objectives_nothing_below_contributes_to_are_listed(cascade, analyst):
    alignment = alignment_of(OrganisationUnit.objects.get(code="NHT"), analyst, AS_AT)
    assert codes(alignment.unsupported) == ["F1"]


def test_objectives_below_that_contribute_to_nothing_are_orphans(cascade, analyst):
    alignment = alignment_of(OrganisationUnit.objects.get(code="NHT"), analyst, AS_AT)
    assert sorted(codes(alignment.orphans)) == ["G2", "M1"]


def test_a_directorate_s_alignment_starts_at_its_own_objectives(cascade, analyst):
    alignment = alignment_of(OrganisationUnit.objects.get(code="NHT-SURG"), analyst, AS_AT)
    assert codes(alignment.objectives) == ["S1"]
    assert codes(alignment.objectives[0].contributors) == ["G1"]
    assert codes(alignment.orphans) == ["G2"]


def test_an_objective_feeding_a_retired_one_is_an_orphan(cascade, analyst):
    cascade["S1"].is_retired = True
    cascade["S1"].save()
    alignment = alignment_of(OrganisationUnit.objects.get(code="NHT"), analyst, AS_AT)
    assert codes(alignment.unsupported) == ["C1", "F1"]
    assert "G1" in codes(alignment.orphans)


def test_units_the_user_cannot_see_are_only_counted(cascade, department_manager):
    # Asked directly for the directorate (the page itself would be a 404 to
    # this manager), the directorate's own objectives are out of sight.
    surgery = OrganisationUnit.objects.get(code="NHT-SURG")
    alignment = alignment_of(surgery, department_manager, AS_AT)
    assert alignment.hidden_count == 1
    assert alignment.objectives == []
    assert codes(alignment.orphans) == ["G1", "G2"]


def test_the_page_shows_the_three_lists(client, cascade, analyst):
    client.force_login(analyst)
    response = client.get(url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Treat surgical patients sooner" in page
    assert "Run full theatre lists" in page
    assert "Off target" in page
    assert "Objectives nothing below contributes to" in page
    assert "A local priority" in page
    assert response.context["as_at"] == date(2026, 9, 1)


@pytest.mark.parametrize("persona", ["trust_admin", "analyst", "directorate_manager"])
def test_anyone_with_a_role_on_the_unit_may_read_it(client, cascade, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url("surgery")).status_code == 200


def test_a_unit_above_the_user_s_role_is_a_404(client, cascade, department_manager):
    client.force_login(department_manager)
    assert client.get(url("surgery")).status_code == 404


def test_an_outsider_gets_a_404(client, cascade, outsider):
    client.force_login(outsider)
    assert client.get(url()).status_code == 404


def test_an_unknown_unit_is_a_404(client, analyst):
    client.force_login(analyst)
    assert client.get(url("no-such-unit")).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, cascade):
    assert client.get(url()).status_code == 302


def test_the_page_is_read_only(client, cascade, analyst):
    client.force_login(analyst)
    assert client.post(url()).status_code == 405


def test_a_month_in_the_future_is_explained(client, cascade, analyst):
    client.force_login(analyst)
    response = client.get(url(query="?as_at=2999-01"))
    assert response.status_code == 200
    assert "is in the future" in response.content.decode()


def test_the_unit_page_links_to_its_alignment(client, cascade, analyst):
    client.force_login(analyst)
    response = client.get(reverse("dashboards:unit", args=["northshire-trust"]))
    assert url(query="").encode() in response.content


def grow(trust, count):
    """`count` directorates under the trust, each with an objective feeding the trust's."""
    top = make_objective(make_scorecard(trust), "T1")
    for number in range(count):
        unit = make_unit(f"Directorate {number}", OrganisationUnit.Kind.DIRECTORATE, trust)
        objective = make_objective(make_scorecard(unit), "D1", contributes_to=top)
        fill(make_measure(objective, "M1"), [1, 2, 3])


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_reads_the_same_queries_for_3_units_and_30(
    client, db, django_assert_max_num_queries, count
):
    trust = make_unit("Northshire trust", OrganisationUnit.Kind.TRUST, code="NHT")
    grow(trust, count)
    user = make_user("dana")
    grant(user, OrganisationUnit.objects.get(code="NHT"), Role.ANALYST)
    client.force_login(user)
    # 13 at both sizes: session, user, unit, role, the subtree's scorecards,
    # which of them the user sees, build_many's six reads, the unit's scorecard;
    # as at a past month, the unit's working days and the values changed since.
    with django_assert_max_num_queries(15):
        response = client.get(url())
    assert len(response.context["alignment"].objectives[0].contributors) == count
