from datetime import date
from decimal import Decimal as D

import pytest

from measures.models import Observation
from measures.recording import Change, computed_comment, record
from measures.values import MeasuredValue
from tests.measures.entry_setup import build_surgical


@pytest.fixture
def surgical(units):
    return build_surgical(units)


def ratio_change(measure, period, numerator, denominator, **extra):
    value = D(numerator) / D(denominator) * 100
    entry = MeasuredValue(value.quantize(D("0.000001")), D(numerator), D(denominator))
    return Change(measure, period, entry, **extra)


def test_new_values_are_created_with_who_and_history(surgical, department_manager):
    change = Change(surgical.los, surgical.month, MeasuredValue(D("4.2")), "Winter pressures")
    outcome = record([change], department_manager, reason="Entered in the browser")
    assert (outcome.created, outcome.updated, outcome.saved) == (1, 0, True)
    observation = Observation.objects.get(measure=surgical.los)
    assert observation.value == D("4.2")
    assert observation.entered_by == department_manager
    assert observation.version == 1
    (history,) = observation.history.all()
    assert history.history_user == department_manager
    assert history.history_change_reason == "Entered in the browser"


def test_a_changed_value_updates_and_keeps_the_old_one_in_history(
    surgical, department_manager, directorate_manager
):
    record([Change(surgical.los, surgical.month, MeasuredValue(D(5)))], department_manager)
    outcome = record(
        [Change(surgical.los, surgical.month, MeasuredValue(D(6)), "Corrected", opened_version=1)],
        directorate_manager,
    )
    assert outcome.updated == 1
    observation = Observation.objects.get(measure=surgical.los)
    assert (observation.value, observation.version) == (6, 2)
    assert observation.entered_by == directorate_manager
    assert [h.value for h in observation.history.order_by("history_date")] == [5, 6]


def test_the_same_value_again_changes_nothing(surgical, department_manager):
    change = Change(surgical.los, surgical.month, MeasuredValue(D(5)), "Same")
    record([change], department_manager)
    outcome = record([change], department_manager)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 1)
    assert Observation.history.count() == 1


def test_a_save_over_a_newer_value_is_refused_and_writes_nothing(
    surgical, department_manager, directorate_manager
):
    record([Change(surgical.los, surgical.month, MeasuredValue(D(5)))], directorate_manager)
    # Charlie opened the page before Bob's save: he saw no value (version 0).
    stale = Change(surgical.los, surgical.month, MeasuredValue(D(7)), opened_version=0)
    fresh = Change(surgical.never, surgical.month, MeasuredValue(D(0)), opened_version=0)
    outcome = record([fresh, stale], department_manager)
    assert not outcome.saved
    ((change, current),) = outcome.stale
    assert change is stale
    assert (current.value, current.entered_by) == (5, directorate_manager)
    assert not Observation.objects.filter(measure=surgical.never).exists()
    assert Observation.objects.get(measure=surgical.los).value == 5


def test_a_computed_total_above_is_recomputed_in_the_same_save(surgical, department_manager):
    period = surgical.month
    outcome = record([ratio_change(surgical.rtt, period, 9, 10)], department_manager)
    assert outcome.recomputed == 1
    total = Observation.objects.get(measure=surgical.surgery_rtt, period=period)
    assert (total.numerator, total.denominator, total.value) == (9, 10, 90)
    assert total.entered_by is None
    assert total.comment == "Computed from 1 of 2 units below. No value yet from Theatres."

    record([ratio_change(surgical.theatres_rtt, period, 10, 1000)], department_manager)
    total.refresh_from_db()
    assert (total.numerator, total.denominator) == (19, 1010)
    assert total.value == D("1.881188")
    assert total.comment == computed_comment(2, 2, [])
    assert total.version == 2
    assert total.history.count() == 2


def test_totals_are_recomputed_all_the_way_up(surgical, units, department_manager):
    from tests.factories import make_objective, make_scorecard
    from tests.measures.entry_setup import ratio

    trust_rtt = ratio(make_objective(make_scorecard(units["NHT"]), "C1"), is_computed=True)
    record([ratio_change(surgical.rtt, surgical.month, 3, 4)], department_manager)
    trust_total = Observation.objects.get(measure=trust_rtt)
    assert (trust_total.numerator, trust_total.denominator, trust_total.value) == (3, 4, 75)


def test_a_total_too_large_to_store_is_not_written_and_the_save_says_so(units):
    from tests.factories import make_measure, make_objective, make_scorecard

    def beds(unit, **extra):
        objective = make_objective(make_scorecard(units[unit]), "C1")
        return make_measure(objective, "BEDS", unit="count", rollup="sum", **extra)

    general, theatres = beds("NHT-SURG-GS"), beds("NHT-SURG-TH")
    surgery = beds("NHT-SURG", is_computed=True)
    month = date(2026, 4, 1)
    record([Change(general, month, MeasuredValue(D("600000000000")))], None)
    assert Observation.objects.get(measure=surgery).value == D("600000000000")

    outcome = record([Change(theatres, month, MeasuredValue(D("600000000000")))], None)

    # Theatres' value is saved; Surgery's total, which would not fit, is no longer stored.
    assert (outcome.saved, outcome.created) == (True, 1)
    assert not Observation.objects.filter(measure=surgery).exists()
    (problem,) = outcome.not_computed
    assert str(problem) == (
        "Surgery's BEDS for Apr 2026 is not computed: the units below add up to "
        "1,200,000,000,000, too large to store (more than 999,999,999,999). "
        "Check the largest values below it."
    )
    removed = Observation.history.filter(measure_id=surgery.pk).latest("history_date")
    assert removed.history_type == "-"
    assert removed.history_change_reason.startswith("Not computed: the units below add up")
    # Corrected below, the total is computed again.
    record([Change(theatres, month, MeasuredValue(D(5)), opened_version=1)], None)
    assert Observation.objects.get(measure=surgery).value == D("600000000005")


@pytest.mark.parametrize("already_saved", [False, True])
def test_a_database_error_is_raised_never_reported_as_saved_or_stale(surgical, already_saved):
    from django.db import IntegrityError

    if already_saved:
        record([ratio_change(surgical.rtt, surgical.month, 9, 10)], None)
    # An MeasuredValue read_entry would refuse: only the database's check stops it here.
    broken = MeasuredValue(D(0), D(0), D(0))
    other = Change(surgical.los, surgical.month, MeasuredValue(D(4)))
    with pytest.raises(IntegrityError):
        record([other, Change(surgical.rtt, surgical.month, broken)], None)
    assert not Observation.objects.filter(measure=surgical.los).exists()
    assert Observation.objects.filter(measure=surgical.rtt).count() == int(already_saved)
