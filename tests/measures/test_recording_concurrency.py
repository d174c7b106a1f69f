"""Concurrent saves: one value per period survives, no write is lost silently, totals add up."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import pytest
from django.db import connection

from measures.models import Measure, Observation
from measures.recording import Change, record
from measures.values import Entry
from tests.factories import make_objective, make_scorecard, make_unit
from tests.measures.entry_setup import build_surgical, ratio

WRITERS = 4
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_frameworks"),
]


def save(measure_pk, period, entry, opened_version):
    try:
        measure = Measure.objects.select_related("objective__scorecard").get(pk=measure_pk)
        outcome = record([Change(measure, period, entry, opened_version=opened_version)], None)
        return outcome.saved
    finally:
        connection.close()


@pytest.mark.parametrize("opened_version", [0, 1])
def test_many_writers_saving_the_same_value_one_wins_and_the_rest_are_told(units, opened_version):
    surgical = build_surgical(units)
    if opened_version:
        record([Change(surgical.los, surgical.month, Entry(D(1)))], None)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        jobs = [
            pool.submit(save, surgical.los.pk, surgical.month, Entry(D(10 + w)), opened_version)
            for w in range(WRITERS)
        ]
        saved = [job.result() for job in jobs]

    assert saved.count(True) == 1
    observation = Observation.objects.get(measure=surgical.los)
    assert observation.version == opened_version + 1
    assert observation.value == D(10 + saved.index(True))
    assert observation.history.count() == opened_version + 1


def test_departments_saving_at_once_leave_their_directorate_total_complete(units):
    surgical = build_surgical(units)
    departments = [surgical.rtt, surgical.theatres_rtt]
    for number in range(WRITERS - 2):
        unit = make_unit(f"Ward {number}", parent=units["NHT-SURG"], code=f"W{number}")
        departments.append(ratio(make_objective(make_scorecard(unit), "C1")))
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        jobs = [
            pool.submit(save, measure.pk, surgical.month, Entry(D(50), D(1), D(2)), None)
            for measure in departments
        ]
        assert all(job.result() for job in jobs)

    total = Observation.objects.get(measure=surgical.surgery_rtt)
    assert (total.numerator, total.denominator) == (WRITERS, 2 * WRITERS)
    assert total.comment == f"Computed from {WRITERS} of {WRITERS} units below."
