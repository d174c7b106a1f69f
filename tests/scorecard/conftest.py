"""Fixtures of the board pack's tests (test_pack.py, test_pack_outputs.py)."""

from datetime import date
from decimal import Decimal as D

import pytest

from measures.models import ExceptionAction, ExceptionReport
from tests.factories import make_measure, make_objective, make_scorecard, make_target
from tests.scorecard.dashboard_data import AS_AT, fill


@pytest.fixture
def pack_card(units, department_manager):
    """General Surgery: RTT18 past its trigger with a report and an action, and never
    events, a must-not-fail measure, on target."""
    scorecard = make_scorecard(units["NHT-SURG-GS"])
    customer = make_objective(scorecard, "C1")
    rtt = make_measure(customer, "RTT18", unit="%", decimals=1, title="Waits under 18 weeks")
    make_target(rtt, value="92", tolerance=D(2), action_trigger=D(60))
    fill(rtt, [70 + (n % 3) for n in range(14)] + [58])
    never = make_measure(
        customer, "NEVER", unit="count", zero_tolerance=True, rollup="sum", direction="lower"
    )
    make_target(never, value="0")
    fill(never, [0] * 15)
    report = ExceptionReport.objects.create(
        measure=rtt,
        period=AS_AT,
        what_happened="Waits rose as lists were cancelled.",
        root_cause="Two consultant vacancies.",
        written_by=department_manager,
        written_at="2026-10-07T10:00Z",
    )
    ExceptionAction.objects.create(
        measure=rtt,
        raised_in=report,
        description="Book weekend lists",
        owner=department_manager,
        due=date(2026, 12, 20),
    )
    return scorecard
