"""A save and a close at once: the save lands before the close and is in the record, or is
refused as a change to a closed month; never a value saved after the record was read.

Real threads, each with its own database connection. On PostgreSQL the save and the
close meet at the unit-month's advisory lock (shared for a save, exclusive for a close),
and each test waits until the other side is seen waiting on it in pg_locks; on SQLite
IMMEDIATE transactions run one at a time, so the second simply waits its turn.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import pytest
from django.db import connection, transaction

from cycle.models import MonthClose, ReportedMeasure
from measures.models import Measure, Observation
from measures.recording import Change, record
from measures.values import MeasuredValue
from organisations.models import OrganisationUnit
from scorecard.closing.services import Refused, close_month
from tests.factories import (
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
    make_unit,
)
from tests.scorecard.dashboard_data import AS_AT, fill

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_frameworks"),
]
OLD, NEW = D("62.7"), D("61.7")
DEPARTMENTS = 6


def measure_of(unit):
    measure = make_measure(make_objective(make_scorecard(unit), "C1"), "RTT18", unit="%")
    make_target(measure, value="60", tolerance=D(5))
    fill(measure, ["61.0", str(OLD)])
    return measure


def until_someone_waits_on_an_advisory_lock(fallback):
    """PostgreSQL: until another session waits on an advisory lock. SQLite: `fallback`'s wait."""
    if connection.vendor != "postgresql":
        # The other side cannot even begin while this transaction holds SQLite's
        # write lock; give it a moment to reach its BEGIN, as the recording tests do.
        fallback.wait(timeout=2)
        return
    with connection.cursor() as cursor:
        for _ in range(30_000):
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            )
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.001)
    raise AssertionError("Nobody came to wait on the lock.")


def save(measure_pk, value):
    try:
        measure = Measure.objects.select_related("objective__scorecard").get(pk=measure_pk)
        return record([Change(measure, AS_AT, MeasuredValue(value))], None)
    finally:
        connection.close()


def close(unit_pk, user):
    try:
        return close_month(unit=OrganisationUnit.objects.get(pk=unit_pk), month=AS_AT, user=user)
    finally:
        connection.close()


def test_a_save_in_flight_when_the_close_begins_lands_first_and_is_in_the_record(
    units, performance_lead
):
    measure = measure_of(units["NHT-SURG-GS"])
    saved, closing = threading.Event(), threading.Event()

    def save_and_hold():
        try:
            measure_read = Measure.objects.select_related("objective__scorecard").get(
                pk=measure.pk
            )
            with transaction.atomic():
                outcome = record([Change(measure_read, AS_AT, MeasuredValue(NEW))], None)
                saved.set()
                until_someone_waits_on_an_advisory_lock(closing)
            return outcome
        finally:
            connection.close()

    def close_after_the_save():
        saved.wait(timeout=30)
        closing.set()
        return close(units["NHT"].pk, performance_lead)

    with ThreadPoolExecutor(max_workers=2) as pool:
        saving = pool.submit(save_and_hold)
        closed = pool.submit(close_after_the_save)
        assert saving.result().saved
        assert closed.result().action == MonthClose.Action.CLOSE

    assert Observation.objects.get(measure=measure, period=AS_AT).value == NEW
    assert ReportedMeasure.objects.get(measure=measure).value == NEW


def test_a_save_that_comes_while_the_close_runs_is_refused_and_changes_nothing(
    units, performance_lead
):
    measure = measure_of(units["NHT-SURG-GS"])
    closed, saving = threading.Event(), threading.Event()

    def close_and_hold():
        try:
            with transaction.atomic():
                close_month(unit=units["NHT"], month=AS_AT, user=performance_lead)
                closed.set()
                until_someone_waits_on_an_advisory_lock(saving)
        finally:
            connection.close()

    def save_during_the_close():
        closed.wait(timeout=30)
        saving.set()
        return save(measure.pk, NEW)

    with ThreadPoolExecutor(max_workers=2) as pool:
        holding = pool.submit(close_and_hold)
        outcome = pool.submit(save_during_the_close).result()
        holding.result()

    assert not outcome.saved
    [(change, month)] = outcome.closed
    assert month.refusal().startswith("September 2026 is closed for General Surgery")
    assert Observation.objects.get(measure=measure, period=AS_AT).value == OLD
    assert ReportedMeasure.objects.get(measure=measure).value == OLD


def test_saves_and_a_close_all_at_once_leave_each_value_saved_and_reported_or_refused(
    units, performance_lead
):
    measures = [
        measure_of(make_unit(f"Department {n}", parent=units["NHT-SURG"], code=f"D{n}"))
        for n in range(DEPARTMENTS)
    ]
    start = threading.Barrier(DEPARTMENTS + 1, timeout=60)

    def at_once(job, *args):
        start.wait()
        try:
            return job(*args)
        except Refused as refused:
            return refused

    with ThreadPoolExecutor(max_workers=DEPARTMENTS + 1) as pool:
        saves = [pool.submit(at_once, save, m.pk, NEW + n) for n, m in enumerate(measures)]
        closing = pool.submit(at_once, close, units["NHT"].pk, performance_lead)
        outcomes = [job.result() for job in saves]
        assert isinstance(closing.result(), MonthClose)

    for n, (measure, outcome) in enumerate(zip(measures, outcomes, strict=True)):
        stored = Observation.objects.get(measure=measure, period=AS_AT).value
        reported = ReportedMeasure.objects.get(measure=measure).value
        if outcome.saved:
            # Landed before the close read the values: in the record.
            assert stored == reported == NEW + n
        else:
            # Came after: refused as a change to a closed month, nothing changed.
            assert [month.unit_name for _, month in outcome.closed] == [f"Department {n}"]
            assert stored == reported == OLD
