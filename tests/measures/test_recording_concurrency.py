"""Concurrent saves: one value per period survives, no write is lost silently, totals add up."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from measures import recording
from measures.due import latest_month
from measures.forms import as_text
from measures.models import Direction, Measure, Observation, RollUp
from measures.recording import Change, record
from measures.values import MeasuredValue, ratio_value
from organisations.models import Role
from tests.factories import (
    grant,
    make_measure,
    make_objective,
    make_scorecard,
    make_unit,
    make_user,
)
from tests.measures.entry_setup import build_surgical, ratio
from tests.measures.totals import assert_totals_are_their_parts
from tests.posted_forms import post_form_fields

# Enough writers to pile up on one row, few enough that each holds its own
# database connection on a small server.
WRITERS = 8
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
        record([Change(surgical.los, surgical.month, MeasuredValue(D(1)))], None)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        jobs = [
            pool.submit(
                save, surgical.los.pk, surgical.month, MeasuredValue(D(10 + w)), opened_version
            )
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
            pool.submit(save, measure.pk, surgical.month, MeasuredValue(D(50), D(1), D(2)), None)
            for measure in departments
        ]
        assert all(job.result() for job in jobs)

    total = Observation.objects.get(measure=surgical.surgery_rtt)
    assert (total.numerator, total.denominator) == (WRITERS, 2 * WRITERS)
    assert total.comment == f"Computed from {WRITERS} of {WRITERS} units below."


# --- through the entry page -----------------------------------------------------------

SAVED = "saved"
STALE = re.compile(
    r"Since you opened this page, (?P<who>\S+) changed this value to (?P<value>[\d.]+) days"
    r"|Someone else entered a value here at the same moment"
)


def posted_form(response):
    return post_form_fields(response.content.decode()) | {"action": "save"}


def answer(response):
    """What a save answered: saved, or the stale message's (who, value), or the status."""
    if response.status_code == 302:
        return SAVED
    stale = STALE.search(response.content.decode())
    if stale and response.status_code < 500:
        return stale.group("who", "value")
    return response.status_code


def save_until_saved(client, url, name, value, opened):
    """Open the page, wait until every writer has it open, then save `value`.

    After a stale answer, save again what the page gives back: the value
    typed is kept and the page now holds the version that was read.
    """
    try:
        data = posted_form(client.get(url)) | {name: value}
        opened.wait()
        answers = []
        for _ in range(2 * WRITERS):
            response = client.post(url, data)
            answers.append(answer(response))
            if not isinstance(answers[-1], tuple):
                break
            data = posted_form(response)
        return answers
    finally:
        connection.close()


@pytest.mark.parametrize("already_saved", [False, True])
def test_managers_saving_one_value_at_once_are_saved_or_told_and_every_save_is_kept(
    units, already_saved
):
    surgical = build_surgical(units)
    unit = units["NHT-SURG-GS"]
    url = reverse("measures:entry", args=[unit.slug, surgical.month])
    if already_saved:
        record([Change(surgical.los, surgical.month, MeasuredValue(D(5)))], None)
    typed, clients = {}, {}
    for number in range(WRITERS):
        manager = make_user(f"manager{number}")
        grant(manager, unit, Role.MANAGER)
        typed[manager.username] = f"4.{number + 1}"  # each below the 6-day trigger
        clients[manager.username] = Client()
        clients[manager.username].force_login(manager)
    opened = threading.Barrier(WRITERS, timeout=60)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        jobs = {
            name: pool.submit(
                save_until_saved, client, url, f"m{surgical.los.pk}-value", typed[name], opened
            )
            for name, client in clients.items()
        }
        answers = {name: job.result() for name, job in jobs.items()}

    # Each writer was refused with the stale message until it saved, once.
    for name, said in answers.items():
        assert said[-1] == SAVED, (name, said)
        assert all(isinstance(refusal, tuple) for refusal in said[:-1]), (name, said)
    assert [said[0] for said in answers.values()].count(SAVED) == 1
    # One value for the period, and the history holds every save in order.
    assert Observation.objects.filter(measure=surgical.los, period=surgical.month).count() == 1
    observation = Observation.objects.get(measure=surgical.los)
    first = 2 if already_saved else 1
    history = list(observation.history.order_by("history_id"))[first - 1 :]
    assert [h.version for h in history] == list(range(first, first + WRITERS))
    savers = [h.history_user.username for h in history]
    assert sorted(savers) == sorted(typed)
    assert [as_text(h.value) for h in history] == [typed[name] for name in savers]
    assert as_text(observation.value) == typed[savers[-1]]
    # Each message named a save already in the history, with its value.
    for name, said in answers.items():
        for who, value in said[:-1]:
            if who is None:  # "at the same moment": the other save was still in flight
                continue
            assert value == typed[who]
            assert savers.index(who) < savers.index(name)


# --- the first values of a month from many departments at once ------------------------

DEPARTMENTS = 9


def measures_of(unit, *, computed):
    """A ratio, a count and a mean measure of `unit`, computed from the units below or typed."""
    objective = make_objective(make_scorecard(unit), "C1")
    return [
        ratio(objective, is_computed=computed),
        make_measure(objective, "ADM", unit="count", rollup=RollUp.SUM, is_computed=computed),
        make_measure(
            objective,
            "LOS",
            unit="days",
            rollup=RollUp.MEAN,
            direction=Direction.LOWER_IS_BETTER,
            is_computed=computed,
        ),
    ]


def departments_under_totals(units):
    """DEPARTMENTS departments under two directorates, all three measures computed above.

    The measures share the seeded framework's perspectives, as every unit's do:
    a lock that reached them made departments that share nothing wait on (and
    deadlock with) each other.
    """
    directorates = [units["NHT-SURG"], units["NHT-MED"]]
    for unit in [units["NHT"], *directorates]:
        measures_of(unit, computed=True)
    return [
        measures_of(
            make_unit(f"Department {number}", parent=directorates[number % 2], code=f"D{number}"),
            computed=False,
        )
        for number in range(DEPARTMENTS)
    ]


def entries_for(number, edit):
    """What department `number` types in round `edit`: different in every department."""
    top, bottom = D(40 + number + edit), D(50 + 3 * number)
    return [
        MeasuredValue(ratio_value(top, bottom, D(100)), top, bottom),
        MeasuredValue(D(100 * number + edit)),
        MeasuredValue(D("3.5") + number + D(edit) / 4),
    ]


def save_department(measure_pks, period, entries, opened_version, start):
    """Save one department's values as one save, as its entry page does."""
    try:
        found = Measure.objects.select_related("objective__scorecard").in_bulk(measure_pks)
        changes = [
            Change(found[pk], period, entry, opened_version=opened_version)
            for pk, entry in zip(measure_pks, entries, strict=True)
        ]
        start.wait()
        return SAVED if record(changes, None).saved else "stale"
    finally:
        connection.close()


def save_all_at_once(saves):
    """Run every (measure pks, period, entries, opened version) save in its own thread at once."""
    start = threading.Barrier(len(saves), timeout=60)
    with ThreadPoolExecutor(max_workers=len(saves)) as pool:
        jobs = [pool.submit(save_department, *save, start) for save in saves]
        # An exception (deadlock, IntegrityError) in any save fails the test here.
        return [job.result() for job in jobs]


def test_first_values_of_a_month_from_many_departments_at_once_all_save_and_add_up(units):
    departments = departments_under_totals(units)
    month = latest_month()
    answers = save_all_at_once(
        [
            ([m.pk for m in measures], month, entries_for(number, 0), 0)
            for number, measures in enumerate(departments)
        ]
    )

    assert answers == [SAVED] * DEPARTMENTS
    assert Observation.objects.filter(measure__is_computed=False).count() == 3 * DEPARTMENTS
    # Three measures at two directorates and the trust.
    assert assert_totals_are_their_parts() == 3 * 3


def test_two_people_editing_every_department_at_once_one_saves_the_other_is_told(units):
    departments = departments_under_totals(units)
    month = latest_month()
    for number, measures in enumerate(departments):
        record(
            [Change(m, month, e) for m, e in zip(measures, entries_for(number, 0), strict=True)],
            None,
        )

    saves = [
        ([m.pk for m in measures], month, entries_for(number, edit), 1)
        for number, measures in enumerate(departments)
        for edit in (1, 2)
    ]
    answers = save_all_at_once(saves)

    for number in range(DEPARTMENTS):
        assert sorted(answers[2 * number : 2 * number + 2]) == [SAVED, "stale"]
    for measures in departments:
        assert {o.version for o in Observation.objects.filter(measure__in=measures)} == {2}
    # Three measures at two directorates and the trust.
    assert assert_totals_are_their_parts() == 3 * 3


def test_a_totals_latest_history_is_its_value_when_saves_wait_on_each_other(units, monkeypatch):
    """A save that waits for a total's lock dates the total's history after it gets the lock.

    Theatres' save holds the Surgery total locked; General Surgery's save starts
    meanwhile and waits on that lock; Theatres then commits. General Surgery's
    total is the value stored, so its history row must be the latest.
    """
    surgical = build_surgical(units)
    month = surgical.month
    record([Change(surgical.rtt, month, MeasuredValue(D(50), D(1), D(2)))], None)
    started = threading.Event()
    real_now = recording.timezone.now

    def now():
        if threading.current_thread().name == "general-surgery":
            started.set()
        return real_now()

    monkeypatch.setattr(recording.timezone, "now", now)

    def theatres_save():
        try:
            with transaction.atomic():
                total = Observation.objects.get(measure=surgical.surgery_rtt)
                Observation.objects.select_for_update().filter(pk=total.pk).get()
                # Wait until General Surgery's save is under way (on SQLite it
                # cannot begin while this transaction holds the write lock).
                started.wait(timeout=2 if connection.vendor == "sqlite" else 30)
                record(
                    [Change(surgical.theatres_rtt, month, MeasuredValue(D(25), D(1), D(4)))], None
                )
        finally:
            connection.close()

    def general_surgery_save():
        threading.current_thread().name = "general-surgery"
        try:
            change = Change(surgical.rtt, month, MeasuredValue(D(75), D(3), D(4)))
            return record([change], None).saved
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as first, ThreadPoolExecutor(max_workers=1) as second:
        holding = first.submit(theatres_save)
        waiting = second.submit(general_surgery_save)
        holding.result()
        assert waiting.result()

    total = Observation.objects.get(measure=surgical.surgery_rtt)
    assert (total.numerator, total.denominator) == (4, 8)
    latest = total.history.order_by("-history_date", "-history_id").first()
    assert (latest.numerator, latest.denominator, latest.version) == (4, 8, total.version)
