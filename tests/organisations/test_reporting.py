"""Each unit's reporting working days: its own, the nearest unit above's, or the setting."""

import pytest
from django.core.exceptions import ValidationError

from organisations.models import OrganisationUnit
from organisations.reporting import reporting_working_days
from organisations.services import save_unit
from tests.factories import make_unit


def set_days(unit, days):
    unit.reporting_working_days = days
    return save_unit(unit).unit


def test_without_any_unit_setting_a_number_every_unit_takes_the_setting(units, settings):
    settings.REPORTING_WORKING_DAYS = 7
    assert set(reporting_working_days(units.values()).values()) == {7}


def test_a_unit_takes_its_own_number_else_the_nearest_above_else_the_setting(units, settings):
    settings.REPORTING_WORKING_DAYS = 5
    set_days(units["NHT"], 8)
    set_days(units["NHT-SURG"], 3)
    set_days(units["NHT-SURG-TH"], 10)
    fresh = list(OrganisationUnit.objects.all())
    by_pk = reporting_working_days(fresh)
    days = {unit.code: by_pk[unit.pk] for unit in fresh}
    assert days["NHT"] == 8
    assert days["NHT-SURG"] == 3
    assert days["NHT-SURG-GS"] == 3  # from its directorate
    assert days["NHT-SURG-TH"] == 10  # its own
    assert days["NHT-MED-CARD"] == 8  # from the trust


def test_an_empty_list_asks_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert reporting_working_days([]) == {}


@pytest.mark.parametrize("extra", [0, 20])
def test_one_query_whatever_the_number_of_units(units, django_assert_num_queries, extra):
    for number in range(extra):
        make_unit(f"Ward {number}", parent=units["NHT-SURG-GS"], code=f"W{number}")
    everything = list(OrganisationUnit.objects.all())
    with django_assert_num_queries(1):
        assert len(reporting_working_days(everything)) == len(everything)


def test_a_unit_refuses_zero_working_days(units):
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        set_days(units["NHT-SURG"], 0)
