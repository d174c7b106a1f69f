"""The pages state the framework's roll-up rule, and say why a score was capped."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from measures.status import Status
from scorecard.closing.services import close_month
from scorecard.models import Framework
from tests.factories import (
    KAPLAN_NORTON,
    make_measure,
    make_objective,
    make_scorecard,
    make_target,
)
from tests.scorecard.dashboard_data import AS_AT, fill

UNIT = reverse("dashboards:unit", args=["general-surgery"])
CASCADE = reverse("dashboards:cascade")
NEVER_EVENT = "1 must-not-fail measure off target"


@pytest.fixture
def safety(units):
    """General Surgery: nine measures on target and one never event in September."""
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    objective = make_objective(scorecard, "P1", "Internal business processes")
    for number in range(9):
        measure = make_measure(objective, f"M{number}", unit="%")
        make_target(measure, value="50", tolerance=D(5))
        fill(measure, [80, 80, 80])
    never = make_measure(objective, "NEVER", unit="count", direction="lower", zero_tolerance=True)
    fill(never, [0, 0, 1])
    return scorecard


def get(client, user, url):
    client.force_login(user)
    return client.get(url + f"{'&' if '?' in url else '?'}as_at={AS_AT:%Y-%m}")


def test_a_never_event_caps_the_objective_perspective_and_unit(client, safety, analyst):
    response = get(client, analyst, UNIT)

    dashboard = response.context["dashboard"]
    (perspective,) = [p for p in dashboard.perspectives if p.objectives]
    levels = (perspective.objectives[0].rollup, perspective.rollup, dashboard.rollup)
    # The objective averaged 9.0; the levels above average the capped 3.2.
    capped = ["Capped from 9.0 to 3.2", "Capped at 3.2", "Capped at 3.2"]
    for rollup, words in zip(levels, capped, strict=True):
        assert (rollup.score, rollup.status) == (3.2, Status.OFF_TARGET)
        assert rollup.capped == f"{words}: {NEVER_EVENT}"
    page = response.content.decode()
    assert page.count(NEVER_EVENT) == 3
    assert "a must-not-fail measure off target caps every level above it at 3.2" in page


def test_the_framework_chooses_the_rule_and_the_page_says_which(client, safety, analyst):
    framework = safety.framework
    framework.rollup_method = Framework.RollupMethod.WORST
    framework.must_not_fail_caps = False
    framework.save()

    response = get(client, analyst, UNIT)

    assert response.context["dashboard"].rollup.capped == ""
    assert response.context["dashboard"].rollup.score == 0.0  # the never event's
    assert "scores the worst of the scores below." in response.content.decode()


def test_the_cascade_says_why_a_cell_is_capped(client, safety, analyst):
    response = get(client, analyst, CASCADE)

    row = next(r for r in response.context["rows"] if r.unit.code == "NHT-SURG-GS")
    assert row.rollup.capped == f"Capped at 3.2: {NEVER_EVENT}"
    page = response.content.decode()
    assert f'<span class="app-capped">Capped at 3.2: {NEVER_EVENT}</span>' in page
    assert "a must-not-fail measure off target caps every level above it" in page


def test_a_closed_month_keeps_why_its_scores_were_capped(
    client, safety, analyst, performance_lead
):
    close_month(unit=safety.unit, month=AS_AT, user=performance_lead)
    # Turned off since: the month shows the scores as reported.
    Framework.objects.filter(pk=safety.framework_id).update(must_not_fail_caps=False)

    dashboard = get(client, analyst, UNIT).context["dashboard"]
    cascade = get(client, analyst, CASCADE).context["rows"]

    assert dashboard.record is not None
    assert (dashboard.rollup.score, dashboard.rollup.capped) == (
        3.2,
        f"Capped at 3.2: {NEVER_EVENT}",
    )
    row = next(r for r in cascade if r.unit.code == "NHT-SURG-GS")
    assert row.rollup.capped == f"Capped at 3.2: {NEVER_EVENT}"
    assert any(cell.capped == f"Capped at 3.2: {NEVER_EVENT}" for cell in row.cells if cell)


def test_an_admin_chooses_the_rule_on_the_framework(client, trust_admin):
    framework = Framework.objects.get(name=KAPLAN_NORTON)
    client.force_login(trust_admin)
    url = reverse("admin:scorecard_framework_change", args=[framework.pk])

    page = client.get(url).content.decode()

    assert "Weighted average, capped by the worst measure&#x27;s band" in page
    assert "a must-not-fail measure off target caps the scores above it" in page.lower()
