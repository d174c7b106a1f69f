import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from organisations.access import (
    can_write,
    managed_unit_filter,
    role_for,
    scorecard_for_user,
    unit_for_user,
)
from organisations.models import OrganisationUnit, Role
from tests.factories import grant, make_scorecard, make_user


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_role_on_a_directorate_covers_its_departments(directorate_manager, units):
    assert role_for(directorate_manager, units["NHT-SURG"]) == Role.MANAGER
    assert role_for(directorate_manager, units["NHT-SURG-GS"]) == Role.MANAGER
    assert role_for(directorate_manager, units["NHT-SURG-TH"]) == Role.MANAGER


def test_a_role_on_a_directorate_does_not_cover_its_siblings_or_parent(directorate_manager, units):
    assert role_for(directorate_manager, units["NHT-MED"]) is None
    assert role_for(directorate_manager, units["NHT-MED-CARD"]) is None
    assert role_for(directorate_manager, units["NHT"]) is None


def test_the_strongest_covering_role_counts(analyst, units):
    grant(analyst, units["NHT-SURG"], Role.MANAGER)

    assert role_for(analyst, units["NHT-SURG-GS"]) == Role.MANAGER
    assert role_for(analyst, units["NHT-MED"]) == Role.ANALYST


def test_an_outsider_is_told_the_unit_does_not_exist(outsider, units):
    with pytest.raises(Http404):
        unit_for_user(request_by(outsider), "surgery")


def test_an_analyst_may_read_but_not_write(analyst, units):
    assert unit_for_user(request_by(analyst), "surgery").role == Role.ANALYST
    with pytest.raises(PermissionDenied):
        unit_for_user(request_by(analyst), "surgery", write=True)


def test_a_manager_may_write_below_their_unit(directorate_manager, units):
    unit = unit_for_user(request_by(directorate_manager), "general-surgery", write=True)

    assert unit.code == "NHT-SURG-GS"


def test_an_inactive_user_has_no_role(directorate_manager, units):
    directorate_manager.is_active = False

    assert role_for(directorate_manager, units["NHT-SURG"]) is None


# The QuerySet methods and filters over many units agree with the answers for one.


def codes(units):
    return set(units.values_list("code", flat=True))


def test_in_subtree_is_the_unit_and_every_unit_below_it(units):
    assert codes(OrganisationUnit.objects.in_subtree(units["NHT-SURG"])) == {
        "NHT-SURG",
        "NHT-SURG-GS",
        "NHT-SURG-TH",
    }
    assert codes(OrganisationUnit.objects.in_subtree(units["NHT-MED-CARD"])) == {"NHT-MED-CARD"}


@pytest.mark.parametrize(
    "persona",
    ["trust_admin", "directorate_manager", "department_manager", "analyst", "outsider"],
)
def test_visible_writable_and_managed_units_agree_with_role_for(persona, units, request):
    user = request.getfixturevalue(persona)
    everything = OrganisationUnit.objects.all()
    visible = {u.code for u in everything if role_for(user, u) is not None}
    writable = {u.code for u in everything if can_write(user, u)}

    assert codes(OrganisationUnit.objects.visible_to(user)) == visible
    assert codes(OrganisationUnit.objects.writable_by(user)) == writable
    assert codes(OrganisationUnit.objects.filter(managed_unit_filter(user))) == writable


def test_a_superuser_manages_every_unit_without_a_membership(units):
    superuser = make_user("root", is_superuser=True)

    assert can_write(superuser, units["NHT-MED-CARD"])
    assert codes(OrganisationUnit.objects.filter(managed_unit_filter(superuser))) == set(units)


def test_an_analyst_manages_no_unit(analyst, units):
    assert not OrganisationUnit.objects.filter(managed_unit_filter(analyst)).exists()


def test_the_scorecard_comes_with_the_role_found_on_its_unit(directorate_manager, units):
    make_scorecard(units["NHT-SURG-GS"])

    scorecard = scorecard_for_user(request_by(directorate_manager), "general-surgery", write=True)

    assert scorecard.unit.code == "NHT-SURG-GS"
    assert scorecard.unit.role == Role.MANAGER
    assert scorecard.unit.role_granted_on == units["NHT-SURG"]


def test_a_unit_with_no_scorecard_is_a_404_that_says_so(directorate_manager, units):
    with pytest.raises(Http404, match="This unit has no scorecard yet."):
        scorecard_for_user(request_by(directorate_manager), "general-surgery")


def test_a_scorecard_is_hidden_from_an_outsider_and_read_only_to_an_analyst(
    outsider, analyst, units
):
    make_scorecard(units["NHT-SURG"])

    with pytest.raises(Http404):
        scorecard_for_user(request_by(outsider), "surgery")
    with pytest.raises(PermissionDenied):
        scorecard_for_user(request_by(analyst), "surgery", write=True)
