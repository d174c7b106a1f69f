"""The reporting calendar: when a period's values are due.

A period's values are due a number of working days after it ends. A working
day is Monday to Friday and not one of England's bank holidays, which come
from the `holidays` library (it knows substitute days such as 28 December
2026, when Boxing Day falls on a Saturday). No Django imports: plain dates
in, plain dates out.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from scorecard.lib import periods

SATURDAY = 5


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a bank holiday in England."""
    return day.weekday() < SATURDAY and day not in _bank_holidays(day.year)


def working_days_after(day: date, count: int) -> date:
    """The `count`th working day after `day` (`day` itself never counts)."""
    if count < 1:
        raise ValueError(f"Count working days from 1, not {count}.")
    found = 0
    while found < count:
        day += timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day


def working_days_before(day: date, count: int) -> date:
    """The `count`th working day before `day` (`day` itself never counts)."""
    if count < 1:
        raise ValueError(f"Count working days from 1, not {count}.")
    found = 0
    while found < count:
        day -= timedelta(days=1)
        if is_working_day(day):
            found += 1
    return day


def period_end(start: date, frequency: str) -> date:
    """The last day of the period of `frequency` that starts on `start`."""
    return periods.add_periods(start, frequency, 1) - timedelta(days=1)


def due_date(start: date, frequency: str, working_days: int) -> date:
    """The day a period's values are due: `working_days` working days after it ends."""
    return working_days_after(period_end(start, frequency), working_days)
