"""Reporting periods, stored as their first day.

The NHS financial year starts on 1 April: Q1 is April to June, and "2026/27"
runs from 1 April 2026 to 31 March 2027. No Django imports: plain dates in,
plain values out.
"""

from datetime import date

MONTHLY = "monthly"
QUARTERLY = "quarterly"
ANNUAL = "annual"

MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}
PERIODS_PER_YEAR = {frequency: 12 // months for frequency, months in MONTHS_PER_PERIOD.items()}
FINANCIAL_YEAR_START_MONTH = 4
# The first period a value can be kept for. NHS series of today's measures
# start well after it, and a slip such as 0026-04 for 2026-04 is refused
# instead of stored (or of breaking date arithmetic near year 1).
EARLIEST = date(2000, 1, 1)


class PeriodError(ValueError):
    """A date that is not a period a value can be recorded for."""


def _months_since_year_start(day: date) -> int:
    return (day.month - FINANCIAL_YEAR_START_MONTH) % 12


def period_start(day: date, frequency: str) -> date:
    """The first day of the period of `frequency` that contains `day`."""
    step = MONTHS_PER_PERIOD[frequency]
    back = _months_since_year_start(day) % step
    month_index = day.year * 12 + (day.month - 1) - back
    return date(month_index // 12, month_index % 12 + 1, 1)


def is_period_start(day: date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def add_periods(start: date, frequency: str, count: int) -> date:
    """The period `count` periods after (or before, if negative) `start`."""
    month_index = start.year * 12 + (start.month - 1) + count * MONTHS_PER_PERIOD[frequency]
    return date(month_index // 12, month_index % 12 + 1, 1)


def periods_between(first: date, last: date, frequency: str) -> int:
    """How many periods run from `first` to `last`, both counted (periods' first days)."""
    months = (last.year - first.year) * 12 + (last.month - first.month)
    return months // MONTHS_PER_PERIOD[frequency] + 1


def financial_year(day: date) -> int:
    """The financial year a day falls in, as its first calendar year: 2026 for 2026/27."""
    return day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1


def financial_year_label(day: date) -> str:
    first = financial_year(day)
    return f"{first}/{(first + 1) % 100:02d}"


def period_label(start: date, frequency: str) -> str:
    """How a period is written on pages: "Apr 2026", "Q1 2026/27", "2026/27"."""
    if frequency == MONTHLY:
        return start.strftime("%b %Y")
    if frequency == QUARTERLY:
        quarter = _months_since_year_start(start) // 3 + 1
        return f"Q{quarter} {financial_year_label(start)}"
    return financial_year_label(start)


def latest_complete_period(today: date, frequency: str) -> date:
    """The last period that has ended by `today`: the one values are now due for."""
    return add_periods(period_start(today, frequency), frequency, -1)


def check_period(day: date, frequency: str, today: date) -> None:
    """Refuse a period that does not start on a boundary, lies in the future or before EARLIEST."""
    if day < EARLIEST:
        raise PeriodError(f"Periods before {EARLIEST:%B %Y} are not kept.")
    if not is_period_start(day, frequency):
        expected = period_start(day, frequency)
        raise PeriodError(
            f"{day.day} {day:%B %Y} is not the start of {'an' if frequency == ANNUAL else 'a'} "
            f"{frequency} period; "
            f"did you mean {expected.day} {expected:%B %Y}?"
        )
    if day > period_start(today, frequency):
        raise PeriodError(f"{period_label(day, frequency)} is in the future.")


def period_ending_in(month: date, frequency: str) -> date | None:
    """The period of `frequency` that ends with `month`, or None if none ends then.

    A value falls due when its period ends, so the entry page for June asks
    for June's monthly values, Q1's quarterly ones (April to June) and, in
    March, the year's annual ones.
    """
    start = period_start(month, frequency)
    if add_periods(start, frequency, 1) == add_periods(month, MONTHLY, 1):
        return start
    return None


def last_month_of(start: date, frequency: str) -> date:
    """The month a period ends with: the month its value falls due in."""
    return add_periods(add_periods(start, frequency, 1), MONTHLY, -1)
