"""Submitting at once: one submission per unit and month survives, with one set of reasons."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from cycle.models import MissingValueReason, Submission
from cycle.submissions import submit
from measures.due import latest_month
from organisations.models import OrganisationUnit
from tests.factories import make_measure, make_objective, make_observation, make_scorecard

WRITERS = 6
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_frameworks"),
]


def submit_as(unit_pk, month, user_pk, reasons):
    try:
        unit = OrganisationUnit.objects.get(pk=unit_pk)
        user = get_user_model().objects.get(pk=user_pk)
        return submit(unit, month, user, reasons).pk
    finally:
        connection.close()


def test_people_submitting_one_month_at_once_leave_one_submission(units, department_manager):
    month = latest_month()
    objective = make_objective(make_scorecard(units["NHT-SURG-GS"]), "C1")
    entered, missing = make_measure(objective, "RTT18"), make_measure(objective, "LOS")
    make_observation(entered, month)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        jobs = [
            pool.submit(
                submit_as,
                units["NHT-SURG-GS"].pk,
                month,
                department_manager.pk,
                {missing.pk: f"Reason {w}"},
            )
            for w in range(WRITERS)
        ]
        submitted = {job.result() for job in jobs}
    (submission,) = Submission.objects.all()
    assert submitted == {submission.pk}
    # One submitter's reasons, not a mixture: one per missing value.
    (reason,) = MissingValueReason.objects.all()
    assert reason.submission == submission
    assert submission.history.count() == WRITERS
