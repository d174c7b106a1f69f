"""The cascade view and computed totals shown with what they are made of."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.recording import Change, record
from measures.status import Status
from measures.values import MeasuredValue
from scorecard.dashboards.cascade import worst_status
from tests.factories import make_measure, make_objective, make_scorecard, make_unit
from tests.posted_forms import post_form_fields
from tests.scorecard.dashboard_data import AS_AT, fill, scored

CASCADE = reverse("dashboards:cascade")


def cascade_of(client, user, query=f"?as_at={AS_AT:%Y-%m}"):
    client.force_login(user)
    response = client.get(CASCADE + query)
    return response, {row.unit.code: row for row in response.context["rows"]}


def test_each_unit_is_a_row_with_a_cell_per_perspective(client, units, analyst):
    scored(units["NHT"], 60)
    scored(units["NHT-SURG"], 47)
    scored(units["NHT-SURG-GS"], 10)
    response, rows = cascade_of(client, analyst)
    assert list(rows) == [
        "NHT",
        "NHT-MED",
        "NHT-MED-CARD",
        "NHT-SURG",
        "NHT-SURG-GS",
        "NHT-SURG-TH",
    ]
    columns = [p.name for p in response.context["columns"]]
    customer = columns.index("Customer")
    assert rows["NHT"].cells[customer].status is Status.ON_TARGET
    assert rows["NHT-SURG"].cells[customer].status is Status.WITHIN_TOLERANCE
    assert rows["NHT-SURG-GS"].cells[customer].in_words == "0 of 1 on target (1 off target)"
    assert not rows["NHT-MED"].has_scorecard
    assert (rows["NHT-SURG-GS"].depth, rows["NHT-SURG-GS"].ancestor_ids) == (
        2,
        [units["NHT-SURG"].pk, units["NHT"].pk],
    )
    body = response.content.decode()
    assert "The must-not-fail column is the worst status" in body
    assert "No scorecard yet" in body


def test_the_must_not_fail_column_takes_the_worst(client, units, analyst):
    scored(units["NHT"], 60)
    objective = units["NHT"].scorecard.objectives.get()
    never = make_measure(objective, "NEVER", unit="count", direction="lower", zero_tolerance=True)
    fill(never, [0, 0, 1])
    _, rows = cascade_of(client, analyst)
    assert rows["NHT"].must_not_fail is Status.OFF_TARGET
    assert worst_status([Status.ON_TARGET, Status.NO_DATA]) is Status.NO_DATA
    assert worst_status([]) is None


def test_a_manager_sees_only_their_branch(client, units, department_manager):
    scored(units["NHT-SURG-GS"], 60)
    _, rows = cascade_of(client, department_manager)
    assert list(rows) == ["NHT-SURG-GS"]
    assert rows["NHT-SURG-GS"].depth == 0


def test_the_cascade_can_start_from_a_unit(client, units, analyst, outsider):
    _, rows = cascade_of(client, analyst, "?unit=surgery")
    assert list(rows) == ["NHT-SURG", "NHT-SURG-GS", "NHT-SURG-TH"]
    client.force_login(outsider)
    assert client.get(CASCADE + "?unit=surgery").status_code == 404


def test_an_outsider_sees_an_empty_cascade_with_a_message(client, outsider):
    client.force_login(outsider)
    response = client.get(CASCADE)
    assert response.status_code == 200
    assert "You cannot see any units yet" in response.content.decode()


def test_a_wrong_month_is_explained(client, units, analyst):
    response, _ = cascade_of(client, analyst, "?as_at=soon")
    assert "Enter the period as year and month" in response.content.decode()


@pytest.mark.parametrize("query", ["?unit=surgery", "?unit=surgery&as_at=", ""])
def test_with_no_month_asked_for_the_field_shows_the_month_used(client, units, analyst, query):
    response, _ = cascade_of(client, analyst, query)

    latest = response.context["as_at"]
    assert f'value="{latest:%Y-%m}"' in response.content.decode()


@pytest.mark.parametrize("unit_count", [10, 100])
def test_the_cascade_reads_the_same_queries_for_10_units_and_100(
    client, units, analyst, django_assert_num_queries, unit_count
):
    parent = units["NHT-SURG"]
    for number in range(unit_count - len(units)):
        scored(make_unit(f"Ward {number}", parent=parent, code=f"W{number}"), 45 + number % 10)
    client.force_login(analyst)
    # Session, user, the visible units with their scorecards, then build_many's
    # fixed reads: objectives, measures, targets, the values due, perspectives;
    # the month's records (none closed here); and, the month's window being
    # over, the history of values changed since.
    with django_assert_num_queries(12):
        response = client.get(CASCADE + f"?as_at={AS_AT:%Y-%m}")
    assert len(response.context["rows"]) == unit_count


def test_a_computed_total_shows_the_units_it_is_made_of_and_those_missing(
    client, units, analyst, department_manager
):
    def ratio(unit, **extra):
        objective = make_objective(make_scorecard(unit), "C1")
        return make_measure(objective, "RTT18", unit="%", rollup="ratio", **extra)

    general, theatres = ratio(units["NHT-SURG-GS"]), ratio(units["NHT-SURG-TH"])
    ratio(units["NHT-SURG"], is_computed=True)
    period = date(2026, 9, 1)
    record([Change(general, period, MeasuredValue(D(90), D(9), D(10)))], department_manager)
    assert theatres
    client.force_login(analyst)
    # The latest figures: the value was recorded today, after September's window.
    response = client.get(
        reverse("measures:measure", args=["surgery", "RTT18"]) + "?as_at=2026-09&figures=latest"
    )
    parts = {unit.code: observation for unit, observation in response.context["contributions"]}
    assert parts["NHT-SURG-GS"].numerator == 9
    assert parts["NHT-SURG-TH"] is None
    body = response.content.decode()
    assert "What Sep 2026 is made of" in body
    assert "Missing:" in body


def test_a_saved_value_shows_at_once_in_the_cascade_and_the_total_above(
    client, units, department_manager, analyst
):
    # Nothing is cached: a value saved on the entry page is in the next page read.
    typed = scored(units["NHT-SURG-GS"], 10)
    total = make_measure(
        make_objective(make_scorecard(units["NHT-SURG"]), "C1"),
        "M1",
        unit="%",
        is_computed=True,
        rollup="mean",
    )
    record([Change(typed, AS_AT, MeasuredValue(D(10)))], None)
    # Typed today, long after the month's window: only the latest figures have them.
    latest = f"?as_at={AS_AT:%Y-%m}&figures=latest"
    _, before = cascade_of(client, analyst, latest)
    assert before["NHT-SURG-GS"].rollup.status is Status.OFF_TARGET
    assert total.observations.get(period=AS_AT).value == 10

    client.force_login(department_manager)
    entry = reverse("measures:entry", args=["general-surgery", AS_AT])
    form = post_form_fields(client.get(entry).content.decode())
    form[f"m{typed.pk}-value"] = "55"
    assert client.post(entry, form).status_code == 302

    _, after = cascade_of(client, analyst, latest)
    assert after["NHT-SURG-GS"].rollup.status is Status.ON_TARGET
    assert total.observations.get(period=AS_AT).value == 55
