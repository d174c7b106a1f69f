"""What "live" means, pinned: one rule for every page that lists or counts measures.

A measure is live when neither it nor its objective is retired: retiring an
objective takes its measures off the scorecard (their values are kept, and
restoring the objective brings them back). An objective is live when it is
not retired.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from measures.due import overdue_for, rows_for
from measures.models import Measure, Observation
from measures.recording import Change, computed_comment, record
from measures.selectors import contributions, live_measures
from measures.values import MeasuredValue
from scorecard.models import Objective
from tests.measures.entry_setup import build_surgical

TODAY = date(2026, 11, 26)


@pytest.fixture
def surgical(units):
    return build_surgical(units, month=date(2026, 10, 1))


def retire(item):
    item.is_retired = True
    item.save(update_fields=["is_retired"])


def test_a_retired_measure_is_not_live(surgical):
    retire(surgical.never)

    assert surgical.never not in Measure.objects.live()
    assert surgical.los in Measure.objects.live()
    assert not Measure.objects.get(pk=surgical.never.pk).is_live


def test_the_measures_of_a_retired_objective_are_not_live(surgical):
    objective = surgical.rtt.objective
    retire(objective)

    assert objective not in Objective.objects.live()
    assert not Measure.objects.live().filter(objective=objective).exists()
    assert not Measure.objects.get(pk=surgical.rtt.pk).is_live
    # Theatres' objective is another one, and stays.
    assert surgical.theatres_rtt in Measure.objects.live()


def test_restoring_the_objective_brings_its_measures_back(surgical):
    objective = surgical.rtt.objective
    retire(objective)
    objective.is_retired = False
    objective.save(update_fields=["is_retired"])

    assert surgical.rtt in Measure.objects.live()


def test_the_entry_page_does_not_list_the_measures_of_a_retired_objective(surgical, units):
    retire(surgical.rtt.objective)

    assert rows_for(units["NHT-SURG-GS"], surgical.month) == []
    assert not live_measures([units["NHT-SURG-GS"]]).exists()


def test_no_value_is_asked_for_a_measure_whose_objective_is_retired(surgical, department_manager):
    assert overdue_for(department_manager, today=TODAY)
    retire(surgical.rtt.objective)

    assert overdue_for(department_manager, today=TODAY) == []


def ratio_change(measure, numerator, denominator):
    value = (D(numerator) / D(denominator) * 100).quantize(D("0.000001"))
    return Change(measure, date(2026, 10, 1), MeasuredValue(value, D(numerator), D(denominator)))


def test_a_roll_up_leaves_out_a_unit_whose_objective_is_retired(surgical, department_manager):
    retire(surgical.theatres_rtt.objective)
    record([ratio_change(surgical.theatres_rtt, 1, 100)], department_manager)
    record([ratio_change(surgical.rtt, 9, 10)], department_manager)

    total = Observation.objects.get(measure=surgical.surgery_rtt)
    assert (total.numerator, total.denominator) == (9, 10)
    # Theatres is not counted as a unit below, not even as one with no value.
    assert total.comment == computed_comment(1, 1, [])
    parts = contributions(surgical.surgery_rtt, date(2026, 10, 1))
    assert [unit.code for unit, _ in parts] == ["NHT-SURG-GS"]


def test_a_total_in_a_retired_objective_is_not_recomputed(surgical, department_manager):
    retire(surgical.surgery_rtt.objective)
    record([ratio_change(surgical.rtt, 9, 10)], department_manager)

    assert not Observation.objects.filter(measure=surgical.surgery_rtt).exists()
