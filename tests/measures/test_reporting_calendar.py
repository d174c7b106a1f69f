"""The reporting calendar, with plain dates: weekends, England's bank holidays, due dates."""

from datetime import date

import pytest

from scorecard.lib import periods
from scorecard.lib.reporting_calendar import (
    due_date,
    is_working_day,
    period_end,
    working_days_after,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 4), True),  # a Friday
        (date(2026, 12, 5), False),  # Saturday
        (date(2026, 12, 6), False),  # Sunday
        (date(2026, 12, 25), False),  # Christmas Day, a Friday
        (date(2026, 12, 28), False),  # Boxing Day fell on Saturday: Monday is the substitute
        (date(2026, 12, 29), True),
        (date(2027, 1, 1), False),  # New Year's Day
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2027, 12, 27), False),  # Christmas on a Saturday: substitute Monday
        (date(2027, 12, 28), False),  # Boxing Day on a Sunday: substitute Tuesday
        (date(2027, 12, 29), True),
        (date(2026, 8, 31), False),  # late summer bank holiday
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_an_england_bank_holiday(day, working):
    assert is_working_day(day) is working


def test_the_day_counted_from_is_never_itself_counted():
    assert working_days_after(date(2026, 12, 3), 1) == date(2026, 12, 4)
    assert working_days_after(date(2026, 12, 4), 1) == date(2026, 12, 7)  # over the weekend


def test_counting_refuses_zero_working_days():
    with pytest.raises(ValueError, match="from 1"):
        working_days_after(date(2026, 12, 3), 0)


def test_christmas_and_new_year_push_decembers_values_into_january():
    # 31 Dec 2026 is a Thursday; 1 Jan is a holiday; 4-8 Jan are the five.
    assert due_date(date(2026, 12, 1), periods.MONTHLY, 5) == date(2027, 1, 8)
    # 2027: after Friday 24th, the weekend and the substitute days 27 and 28 December.
    assert working_days_after(date(2027, 12, 24), 1) == date(2027, 12, 29)
    assert due_date(date(2027, 11, 1), periods.MONTHLY, 20) == date(2027, 12, 30)


def test_easter_pushes_marchs_values_back():
    # March 2027 ends on Wednesday 31st; Good Friday and Easter Monday are 26 and 29 March,
    # so they do not count; Good Friday 2026 (3 April) and Easter Monday (6 April) do.
    assert due_date(date(2026, 3, 1), periods.MONTHLY, 5) == date(2026, 4, 9)


def test_a_monthly_period_ends_on_its_months_last_day():
    assert period_end(date(2026, 2, 1), periods.MONTHLY) == date(2026, 2, 28)
    assert period_end(date(2028, 2, 1), periods.MONTHLY) == date(2028, 2, 29)
    assert due_date(date(2026, 11, 1), periods.MONTHLY, 5) == date(2026, 12, 7)


def test_quarters_and_years_end_as_the_nhs_financial_year_has_them():
    assert period_end(date(2026, 7, 1), periods.QUARTERLY) == date(2026, 9, 30)
    assert period_end(date(2026, 4, 1), periods.ANNUAL) == date(2027, 3, 31)
    assert due_date(date(2026, 7, 1), periods.QUARTERLY, 5) == date(2026, 10, 7)
    # Q3 ends on Thursday 31 Dec 2026: New Year's Day does not count.
    assert due_date(date(2026, 10, 1), periods.QUARTERLY, 1) == date(2027, 1, 4)
    # 2026/27 ends on Wednesday 31 March 2027, after Easter Monday (29 March).
    assert due_date(date(2026, 4, 1), periods.ANNUAL, 5) == date(2027, 4, 7)
