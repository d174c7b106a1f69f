import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from organisations.access import role_for, unit_for_user
from organisations.models import Role
from tests.factories import grant


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
