"""Two runs of send_reminders at once (cron and a person at a prompt): each reminder once."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from cycle.models import ReminderSent
from cycle.reminders import send_reminders
from tests.factories import make_measure, make_objective, make_scorecard

RUNS = 4
DUE = date(2026, 12, 7)  # November 2026's due date
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_frameworks"),
]


def run():
    try:
        report = send_reminders(DUE)
        return len(report.sent), len(report.already_sent), len(report.failed)
    finally:
        connection.close()


def test_runs_at_once_send_each_reminder_once(
    settings, units, department_manager, directorate_manager, mailoutbox
):
    settings.REPORTING_WORKING_DAYS = 5
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for user in (department_manager, directorate_manager):
        user.email = f"{user.username}@example.nhs.uk"
        user.save()
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    make_measure(objective, "RTT18")

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        outcomes = [job.result() for job in [pool.submit(run) for _ in range(RUNS)]]

    assert sum(sent for sent, _, _ in outcomes) == 2
    assert sum(skipped for _, skipped, _ in outcomes) == 2 * (RUNS - 1)
    assert sum(failed for _, _, failed in outcomes) == 0
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "bob@example.nhs.uk",
        "charlie@example.nhs.uk",
    ]
    assert ReminderSent.objects.count() == 2
