from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.due import overdue_for
from measures.models import Frequency
from measures.recording import Change, record
from measures.values import MeasuredValue
from scorecard.lib import periods
from tests.factories import make_measure, make_objective, make_observation, make_scorecard
from tests.measures.entry_setup import build_surgical

TODAY = date(2026, 11, 26)


@pytest.fixture
def surgical(units):
    return build_surgical(units, month=date(2026, 10, 1))


def test_overdue_lists_measures_without_a_value_for_the_latest_period_oldest_first(
    surgical, department_manager
):
    make_observation(surgical.los, date(2026, 10, 1), "4")
    annual = make_measure(surgical.los.objective, "ANNUAL", frequency=Frequency.ANNUAL)
    overdue = overdue_for(department_manager, today=TODAY)
    assert [(item.measure.code, item.period) for item in overdue] == [
        ("ANNUAL", date(2025, 4, 1)),
        ("SURVEY", date(2026, 7, 1)),
        ("NEVER", date(2026, 10, 1)),
        ("RTT18", date(2026, 10, 1)),
    ]
    assert overdue[0].measure == annual
    assert overdue[0].entry_month == date(2026, 3, 1)
    assert overdue[1].period_label == "Q2 2026/27"


def test_overdue_leaves_out_computed_retired_and_other_units_measures(
    surgical, directorate_manager, department_manager, analyst
):
    surgical.never.is_retired = True
    surgical.never.save()
    codes = [
        (i.measure.objective.scorecard.unit.code, i.measure.code)
        for i in overdue_for(directorate_manager, today=TODAY)
    ]
    assert ("NHT-SURG", "RTT18") not in codes  # computed
    assert ("NHT-SURG-TH", "RTT18") in codes  # a department below Bob's directorate
    assert ("NHT-SURG-GS", "NEVER") not in codes
    charlies = overdue_for(department_manager, today=TODAY)
    assert {item.measure.objective.scorecard.unit.code for item in charlies} == {"NHT-SURG-GS"}
    assert overdue_for(analyst, today=TODAY) == []


def test_the_home_page_shows_overdue_values_linking_to_their_entry_page(
    client, surgical, units, department_manager
):
    client.force_login(department_manager)
    response = client.get(reverse("dashboards:home"))
    body = response.content.decode()
    assert "My updates" in body
    month = periods.latest_complete_period(date.today(), "monthly")
    link = reverse("measures:entry", args=["general-surgery", month])
    assert f'href="{link}#measure-{surgical.los.pk}"' in body


def test_the_home_page_of_an_analyst_has_no_overdue_list(client, surgical, analyst):
    client.force_login(analyst)
    assert "My updates" not in client.get(reverse("dashboards:home")).content.decode()


@pytest.mark.parametrize("extra_units", [0, 10])
def test_the_home_page_query_count_does_not_grow_with_units(
    client, units, directorate_manager, django_assert_max_num_queries, extra_units
):
    from tests.factories import make_unit

    for number in range(extra_units):
        unit = make_unit(f"Ward {number}", parent=units["NHT-SURG"], code=f"W{number}")
        make_measure(make_objective(make_scorecard(unit)), "M1")
    client.force_login(directorate_manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("dashboards:home"))
    assert response.context["updates_count"] == extra_units


def test_the_measure_page_shows_values_and_every_change_with_who_and_the_old_value(
    client, surgical, units, department_manager, directorate_manager, analyst
):
    period = date(2026, 9, 1)
    record(
        [Change(surgical.los, period, MeasuredValue(D("4.5")), "First count")], department_manager
    )
    record(
        [Change(surgical.los, period, MeasuredValue(D("5.5")), "Recount", opened_version=1)],
        directorate_manager,
        reason="Entered in the browser",
    )
    client.force_login(analyst)
    response = client.get(reverse("measures:measure", args=["general-surgery", "LOS"]))
    assert response.status_code == 200
    changes = response.context["changes"]
    assert [(c.kind, c.who, c.old_value, c.new_value, c.comment) for c in changes] == [
        ("Changed", "bob", D("4.5"), D("5.5"), "Recount"),
        ("Entered", "charlie", None, D("4.5"), "First count"),
    ]
    body = response.content.decode()
    assert "Change history" in body
    assert "Recount" in body
    assert "Enter values for" not in body  # an analyst reads only


def test_a_measure_page_for_an_unknown_code_or_hidden_unit_is_not_found(
    client, surgical, outsider, department_manager
):
    client.force_login(department_manager)
    assert (
        client.get(reverse("measures:measure", args=["general-surgery", "NOPE"])).status_code
        == 404
    )
    assert client.get(reverse("measures:measure", args=["theatres", "RTT18"])).status_code == 404
    client.force_login(outsider)
    assert (
        client.get(reverse("measures:measure", args=["general-surgery", "LOS"])).status_code == 404
    )


def test_a_manager_with_nothing_overdue_is_told_so(client, units, department_manager):
    client.force_login(department_manager)
    body = client.get(reverse("dashboards:home")).content.decode()
    assert "Every value due in the units you manage has been entered." in body


def test_the_history_of_a_ratio_shows_its_parts_before_and_after(
    client, surgical, department_manager
):
    period = date(2026, 9, 1)
    record([Change(surgical.rtt, period, MeasuredValue(D(75), D(3), D(4)))], department_manager)
    record(
        [Change(surgical.rtt, period, MeasuredValue(D(50), D(2), D(4)), opened_version=1)],
        department_manager,
    )
    client.force_login(department_manager)
    response = client.get(reverse("measures:measure", args=["general-surgery", "RTT18"]))
    latest = response.context["changes"][0]
    assert (latest.before, latest.after) == ("75.0% (3 of 4)", "50.0% (2 of 4)")
