"""The completion page: which units have entered the values due each month."""

from datetime import date

import pytest
from django.urls import reverse

from cycle.completion import State, completion, months_ending, state_of
from organisations.models import OrganisationUnit
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_unit,
)

COMPLETION = reverse("dashboards:completion")
NOVEMBER = date(2026, 11, 1)
# November's values are due on the 5th working day after it ends: 7 December 2026.
NOVEMBER_DUE = date(2026, 12, 7)
BEFORE_DUE, AFTER_DUE = date(2026, 12, 4), date(2026, 12, 8)


# The rule, with plain values.


def test_nothing_due_is_its_own_state():
    assert state_of(0, 0, NOVEMBER_DUE, AFTER_DUE) is State.NOTHING_DUE


def test_every_value_entered_is_complete_even_late():
    assert state_of(3, 3, NOVEMBER_DUE, AFTER_DUE) is State.COMPLETE_NOT_SUBMITTED


def test_a_submitted_month_is_submitted_whatever_is_missing():
    # Each missing value had its reason when it was submitted.
    assert state_of(3, 1, NOVEMBER_DUE, AFTER_DUE, submitted=True) is State.SUBMITTED
    assert state_of(3, 3, NOVEMBER_DUE, BEFORE_DUE, submitted=True) is State.SUBMITTED
    assert state_of(0, 0, NOVEMBER_DUE, AFTER_DUE, submitted=True) is State.NOTHING_DUE


def test_missing_values_are_incomplete_up_to_the_due_date_and_overdue_after():
    assert state_of(3, 2, NOVEMBER_DUE, BEFORE_DUE) is State.INCOMPLETE
    assert state_of(3, 2, NOVEMBER_DUE, NOVEMBER_DUE) is State.INCOMPLETE
    assert state_of(3, 0, NOVEMBER_DUE, AFTER_DUE) is State.OVERDUE


def test_the_months_end_with_the_latest_that_has_ended():
    assert months_ending(date(2026, 12, 4), 3) == [
        date(2026, 9, 1),
        date(2026, 10, 1),
        date(2026, 11, 1),
    ]
    assert months_ending(date(2026, 1, 31), 1) == [date(2025, 12, 1)]


# The selector.


def measures_of(unit, count, **extra):
    objective = make_objective(make_scorecard(unit), "C1")
    return [make_measure(objective, f"M{n}", **extra) for n in range(count)]


def rows_of(units, today=AFTER_DUE, months=None):
    rows = completion(
        OrganisationUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("tree_id", "lft"),
        months or [date(2026, 10, 1), NOVEMBER],
        today,
    )
    return {row.unit.code: row for row in rows}


def test_each_unit_month_counts_values_due_and_entered(units):
    gs = measures_of(units["NHT-SURG-GS"], 3, owner="Ann Lee")
    make_observation(gs[0], NOVEMBER)
    make_observation(gs[1], NOVEMBER)
    for measure in gs:
        make_observation(measure, date(2026, 10, 1))
    rows = rows_of([units["NHT-SURG-GS"]])
    october, november = rows["NHT-SURG-GS"].cells
    assert (october.due, october.entered, october.state) == (3, 3, State.COMPLETE_NOT_SUBMITTED)
    assert (november.due, november.entered, november.in_words) == (3, 2, "2 of 3 entered")
    assert november.state is State.OVERDUE
    assert november.due_date == NOVEMBER_DUE
    assert [(m.code, m.owner, label) for m, label in november.missing_labelled] == [
        ("M2", "Ann Lee", "Nov 2026")
    ]


def test_a_month_is_incomplete_until_its_due_date(units):
    measures_of(units["NHT-SURG-GS"], 1)
    assert (
        rows_of([units["NHT-SURG-GS"]], today=BEFORE_DUE)["NHT-SURG-GS"].cells[1].state
        is State.INCOMPLETE
    )


def test_a_unit_with_its_own_working_days_is_due_later(units):
    unit = units["NHT-SURG-GS"]
    unit.reporting_working_days = 10
    unit.save()
    measures_of(unit, 1)
    cell = rows_of([unit], today=AFTER_DUE)["NHT-SURG-GS"].cells[1]
    assert cell.due_date == date(2026, 12, 14)
    assert cell.state is State.INCOMPLETE


def test_quarterly_values_are_due_only_in_the_quarters_last_month(units):
    (quarterly,) = measures_of(units["NHT-SURG-GS"], 1, frequency="quarterly")
    october, november = rows_of([units["NHT-SURG-GS"]], months=[date(2026, 9, 1), NOVEMBER])[
        "NHT-SURG-GS"
    ].cells
    assert (october.due, october.missing[0][1]) == (1, date(2026, 7, 1))
    assert november.state is State.NOTHING_DUE


def test_computed_totals_are_never_due(units):
    unit = units["NHT-SURG"]
    objective = make_objective(make_scorecard(unit), "C1")
    make_measure(objective, "TOTAL", is_computed=True, rollup="sum")
    cell = rows_of([unit])["NHT-SURG"].cells[1]
    assert cell.state is State.NOTHING_DUE


def test_a_directorate_counts_its_units_submitted(units):
    for code in ("NHT-SURG-GS", "NHT-SURG-TH"):
        measures_of(units[code], 1)
    make_observation(units["NHT-SURG-GS"].scorecard.objectives.get().measures.get(), NOVEMBER)
    rows = rows_of([units["NHT-SURG"], units["NHT-SURG-GS"], units["NHT-SURG-TH"]])
    below = rows["NHT-SURG"].cells[1].below
    assert (below.submitted, below.every, below.changed) == (0, 2, 0)
    assert rows["NHT-SURG"].has_children
    assert rows["NHT-SURG-GS"].depth == 1


@pytest.mark.parametrize("size", [2, 8])
def test_queries_are_fixed_whatever_the_size(units, size, django_assert_max_num_queries):
    parent = units["NHT-MED"]
    for n in range(size):
        unit = make_unit(f"Ward {n}", parent=parent, code=f"NHT-MED-W{n}")
        for measure in measures_of(unit, size):
            make_observation(measure, NOVEMBER)
    # The units, measures, values (with who entered them), submissions and working days.
    with django_assert_max_num_queries(6):
        rows = completion(
            OrganisationUnit.objects.order_by("tree_id", "lft"),
            months_ending(AFTER_DUE, size),
            AFTER_DUE,
        )
        cells = [cell for row in rows for cell in row.cells]
        assert sum(cell.state is State.COMPLETE_NOT_SUBMITTED for cell in cells) == size
        # Each unit's other months are overdue, their owners read with the measures.
        owners = [measure.owner for cell in cells for measure, _ in cell.missing]
        assert len(owners) == size * size * (size - 1)


# The page.


def test_an_analyst_sees_every_unit_and_the_missing_values(client, units, analyst):
    (measure,) = measures_of(units["NHT-SURG-GS"], 1, owner="Ann Lee")
    client.force_login(analyst)
    response = client.get(COMPLETION)
    assert response.status_code == 200
    codes = [row.unit.code for row in response.context["rows"]]
    assert codes == ["NHT", "NHT-MED", "NHT-MED-CARD", "NHT-SURG", "NHT-SURG-GS", "NHT-SURG-TH"]
    assert len(response.context["months"]) == 6
    body = response.content.decode()
    assert "owned by Ann Lee" in body
    assert "Nothing due" in body
    # An analyst may not enter values: no link to a page that would refuse them.
    assert "Enter values for" not in body


def test_a_manager_is_linked_to_the_entry_page_for_the_month(client, units, department_manager):
    measures_of(units["NHT-SURG-GS"], 1)
    client.force_login(department_manager)
    response = client.get(COMPLETION)
    month = response.context["months"][-1]
    entry = reverse("measures:entry", args=["general-surgery", month])
    assert f'href="{entry}"' in response.content.decode()


def test_months_and_unit_narrow_the_page(client, units, analyst):
    client.force_login(analyst)
    response = client.get(COMPLETION + "?unit=surgery&months=3")
    assert [row.unit.code for row in response.context["rows"]] == [
        "NHT-SURG",
        "NHT-SURG-GS",
        "NHT-SURG-TH",
    ]
    assert len(response.context["months"]) == 3
    wrong = client.get(COMPLETION + "?months=lots")
    assert len(wrong.context["months"]) == 6
    assert "Enter the months shown as a whole number, such as 6" in wrong.content.decode()
    assert 'value="lots"' in wrong.content.decode()


def test_a_number_of_months_out_of_range_is_refused_beside_the_box(client, units, analyst):
    client.force_login(analyst)
    page = client.get(COMPLETION + "?months=99").content.decode()
    assert "The months shown must be at most 24" in page
    assert 'value="99"' in page
    assert (
        "The months shown must be at least 1"
        in client.get(COMPLETION + "?months=0").content.decode()
    )


def test_a_manager_sees_only_their_branch(client, units, department_manager):
    client.force_login(department_manager)
    response = client.get(COMPLETION)
    assert [row.unit.code for row in response.context["rows"]] == ["NHT-SURG-GS"]


def test_an_outsider_sees_no_unit_and_cannot_name_one(client, units, outsider):
    client.force_login(outsider)
    response = client.get(COMPLETION)
    assert response.context["rows"] == []
    assert "Surgery" not in response.content.decode()
    assert client.get(COMPLETION + "?unit=surgery").status_code == 404


def test_anonymous_is_sent_to_log_in_and_post_is_refused(client, analyst):
    assert client.get(COMPLETION).status_code == 302
    client.force_login(analyst)
    assert client.post(COMPLETION).status_code == 405
    assert client.head(COMPLETION).status_code == 200


@pytest.mark.parametrize("size", [2, 8])
def test_the_page_reads_in_fixed_queries(
    client, units, analyst, size, django_assert_max_num_queries
):
    for n in range(size):
        unit = make_unit(f"Ward {n}", parent=units["NHT-MED"], code=f"NHT-MED-W{n}")
        measures_of(unit, size)
    client.force_login(analyst)
    # The session and user, the units, measures, values, submissions, working days, and the
    # writable units.
    with django_assert_max_num_queries(10):
        assert client.get(COMPLETION).status_code == 200
