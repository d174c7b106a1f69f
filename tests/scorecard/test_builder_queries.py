"""Every stage page reads a fixed number of queries, however much the scorecard holds."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scorecard.models import Initiative, Milestone, ObjectiveLink, Stakeholder, StrategicTheme
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)

STAGE_PAGES = [
    "overview",
    "foundation",
    "summary",
    "objectives",
    "links",
    "measures",
    "targets",
    "initiatives",
    "implementation",
]


def grow(scorecard, start, count):
    """Add `count` objectives, each with a theme, measure, target, values, link and initiative."""
    previous = None
    for number in range(start, start + count):
        theme = StrategicTheme.objects.create(scorecard=scorecard, name=f"Theme {number}")
        objective = make_objective(scorecard, f"C{number}", theme=theme)
        measure = make_measure(objective, f"M{number}")
        make_target(measure, action_trigger="80")
        for month in (1, 2, 3):
            make_observation(measure, date(2026, month, 1), str(80 + month))
        if previous:
            ObjectiveLink.objects.create(cause=previous, effect=objective)
        previous = objective
        initiative = Initiative.objects.create(scorecard=scorecard, title=f"Project {number}")
        initiative.objectives.add(objective)
        initiative.measures.add(measure)
        Milestone.objects.create(initiative=initiative, title="Start", due_date="2026-06-30")
        Stakeholder.objects.create(
            scorecard=scorecard,
            name=f"Group {number}",
            category="customers",
            power="high",
            impact="low",
        )


def queries(client, name):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"builder:{name}", args=["general-surgery"]))
    assert response.status_code == 200, name
    return len(captured)


@pytest.mark.parametrize("name", STAGE_PAGES)
def test_stage_pages_read_the_same_number_of_queries_at_two_sizes(
    client, units, department_manager, name
):
    make_objective(make_scorecard(units["NHT-SURG"]), "S1")
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    grow(scorecard, 1, 2)
    client.force_login(department_manager)
    small = queries(client, name)

    grow(scorecard, 3, 10)

    assert queries(client, name) == small
