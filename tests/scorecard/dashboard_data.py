"""Series of values for the dashboard tests: monthly values ending in September 2026."""

from datetime import date
from decimal import Decimal

from scorecard.lib import periods
from tests.factories import (
    make_measure,
    make_objective,
    make_observation,
    make_scorecard,
    make_target,
)

AS_AT = date(2026, 9, 1)


def months_to(end, count):
    """The `count` months ending with `end`, oldest first."""
    return [periods.add_periods(end, "monthly", back - count + 1) for back in range(count)]


def fill(measure, values, end=AS_AT):
    for month, value in zip(months_to(end, len(values)), values, strict=True):
        make_observation(measure, month, str(value), comment=f"Note {month:%b}")


def scored(unit, value, code="M1", **extra):
    measure = make_measure(make_objective(make_scorecard(unit), "C1"), code, unit="%", **extra)
    make_target(measure, value="50", tolerance=Decimal(5), action_trigger=Decimal(40))
    fill(measure, [value] * 3)
    return measure
