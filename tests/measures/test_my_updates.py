"""'My updates': every value a person must enter, with its due date, overdue first."""

from datetime import date

import pytest
from django.urls import reverse

from measures.due import Standing, updates_for
from measures.models import Frequency
from organisations.models import Role
from organisations.services import save_unit
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_unit,
    make_user,
)
from tests.measures.entry_setup import build_surgical

TODAY = date(2026, 12, 4)  # a Friday; November's values are due on Monday 7 December


@pytest.fixture
def surgical(units):
    return build_surgical(units, month=date(2026, 11, 1))


def listed(updates):
    return [(u.measure.code, u.period, u.due, u.standing, u.when) for u in updates]


def test_each_measure_is_listed_once_overdue_first_then_by_due_date(surgical, department_manager):
    make_observation(surgical.los, date(2026, 11, 1), "4")
    assert listed(updates_for(department_manager, today=TODAY)) == [
        # Q2 (July to September) was due five working days after 30 September.
        (
            "SURVEY",
            date(2026, 7, 1),
            date(2026, 10, 7),
            Standing.OVERDUE,
            "Overdue since 8 October",
        ),
        ("NEVER", date(2026, 11, 1), date(2026, 12, 7), Standing.DUE_SOON, "Due 7 December"),
        ("RTT18", date(2026, 11, 1), date(2026, 12, 7), Standing.DUE_SOON, "Due 7 December"),
        # November is in: December's value is next, due after New Year's Day.
        (
            "LOS",
            date(2026, 12, 1),
            date(2027, 1, 8),
            Standing.DUE_LATER,
            "Due 8 January 2027",
        ),
    ]


def test_a_measure_with_its_values_in_is_not_listed(surgical, department_manager):
    for period in (date(2026, 11, 1), date(2026, 12, 1)):
        make_observation(surgical.los, period, "4")
    codes = [u.measure.code for u in updates_for(department_manager, today=TODAY)]
    assert "LOS" not in codes


def test_a_units_own_working_days_make_its_values_due_sooner(surgical, units, department_manager):
    general_surgery = units["NHT-SURG-GS"]
    general_surgery.reporting_working_days = 1
    save_unit(general_surgery)
    rtt = next(
        u for u in updates_for(department_manager, today=TODAY) if u.measure.code == "RTT18"
    )
    assert rtt.due == date(2026, 12, 1)
    assert rtt.when == "Overdue since 2 December"


def test_the_trust_wide_setting_sets_the_due_date(surgical, department_manager, settings):
    settings.REPORTING_WORKING_DAYS = 3
    rtt = next(
        u for u in updates_for(department_manager, today=TODAY) if u.measure.code == "RTT18"
    )
    assert (rtt.due, rtt.when) == (date(2026, 12, 3), "Overdue since 4 December")


def test_due_today_says_so(surgical, department_manager):
    rtt = next(
        u
        for u in updates_for(department_manager, today=date(2026, 12, 7))
        if u.measure.code == "RTT18"
    )
    assert (rtt.standing, rtt.when) == (Standing.DUE_SOON, "Due today, 7 December")


def test_an_analyst_has_nothing_to_enter(surgical, analyst):
    assert updates_for(analyst, today=TODAY) == []


def test_another_directorates_manager_sees_only_their_own_units(surgical, units):
    cardiology = make_measure(make_objective(make_scorecard(units["NHT-MED-CARD"]), "C1"), "ECHO")
    medicine_manager = make_user("mo")
    grant(medicine_manager, units["NHT-MED"], Role.MANAGER)
    assert [u.measure for u in updates_for(medicine_manager, today=TODAY)] == [cardiology]


def test_the_home_page_lists_my_updates_in_order_in_words_with_links(
    client, surgical, department_manager
):
    client.force_login(department_manager)
    response = client.get(reverse("dashboards:home"))
    updates = response.context["updates"]
    assert {u.measure.code for u in updates} == {"RTT18", "NEVER", "LOS", "SURVEY"}
    assert [(not u.is_overdue, u.due) for u in updates] == sorted(
        (not u.is_overdue, u.due) for u in updates
    )
    body = response.content.decode()
    assert "My updates" in body
    for update in updates:
        assert update.when in body
        link = reverse("measures:entry", args=["general-surgery", update.entry_month])
        assert f'href="{link}#measure-{update.measure.pk}"' in body


def test_the_home_page_of_an_analyst_lists_no_updates(client, surgical, analyst):
    client.force_login(analyst)
    response = client.get(reverse("dashboards:home"))
    assert response.context["updates"] == []
    assert "My updates" not in response.content.decode()


def test_the_home_page_leaves_out_another_managers_units(client, surgical, units):
    make_measure(make_objective(make_scorecard(units["NHT-MED-CARD"]), "C1"), "ECHO")
    medicine_manager = make_user("mo")
    grant(medicine_manager, units["NHT-MED"], Role.MANAGER)
    client.force_login(medicine_manager)
    body = client.get(reverse("dashboards:home")).content.decode()
    assert "ECHO" in body
    assert "General Surgery" not in body
    assert "RTT18" not in body


@pytest.mark.parametrize(("extra_units", "measures_each"), [(1, 1), (12, 4)])
def test_my_updates_take_the_same_queries_whatever_the_units_and_measures(
    client,
    units,
    directorate_manager,
    django_assert_max_num_queries,
    extra_units,
    measures_each,
):
    for number in range(extra_units):
        unit = make_unit(f"Ward {number}", parent=units["NHT-SURG"], code=f"W{number}")
        if number % 3 == 0:
            unit.reporting_working_days = 2 + number
            save_unit(unit)
        objective = make_objective(make_scorecard(unit))
        for code in range(measures_each):
            frequency = [Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.ANNUAL][code % 3]
            make_measure(objective, f"M{code}", frequency=frequency)
    client.force_login(directorate_manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("dashboards:home"))
    assert response.context["updates_count"] == extra_units * measures_each
