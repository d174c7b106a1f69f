"""Series of values for the dashboard tests: monthly values ending in September 2026."""

from datetime import date

from measures import periods
from tests.factories import make_observation

AS_AT = date(2026, 9, 1)


def months_to(end, count):
    """The `count` months ending with `end`, oldest first."""
    return [periods.add_periods(end, "monthly", back - count + 1) for back in range(count)]


def fill(measure, values, end=AS_AT):
    for month, value in zip(months_to(end, len(values)), values, strict=True):
        make_observation(measure, month, str(value), comment=f"Note {month:%b}")
