from datetime import date

import pytest

from scorecard.lib import periods
from scorecard.lib.periods import ANNUAL, MONTHLY, QUARTERLY


@pytest.mark.parametrize(
    ("day", "frequency", "start"),
    [
        (date(2026, 4, 17), MONTHLY, date(2026, 4, 1)),
        (date(2026, 4, 1), QUARTERLY, date(2026, 4, 1)),
        (date(2026, 6, 30), QUARTERLY, date(2026, 4, 1)),
        (date(2026, 7, 1), QUARTERLY, date(2026, 7, 1)),
        (date(2027, 2, 14), QUARTERLY, date(2027, 1, 1)),
        (date(2027, 3, 31), ANNUAL, date(2026, 4, 1)),
        (date(2026, 4, 1), ANNUAL, date(2026, 4, 1)),
        (date(2026, 3, 31), ANNUAL, date(2025, 4, 1)),
    ],
)
def test_period_start(day, frequency, start):
    assert periods.period_start(day, frequency) == start


@pytest.mark.parametrize(
    ("start", "frequency", "label"),
    [
        (date(2026, 4, 1), MONTHLY, "Apr 2026"),
        (date(2026, 4, 1), QUARTERLY, "Q1 2026/27"),
        (date(2026, 10, 1), QUARTERLY, "Q3 2026/27"),
        (date(2027, 1, 1), QUARTERLY, "Q4 2026/27"),
        (date(2026, 4, 1), ANNUAL, "2026/27"),
        (date(1999, 4, 1), ANNUAL, "1999/00"),
    ],
)
def test_period_label(start, frequency, label):
    assert periods.period_label(start, frequency) == label


def test_add_periods_crosses_year_ends():
    assert periods.add_periods(date(2026, 11, 1), MONTHLY, 3) == date(2027, 2, 1)
    assert periods.add_periods(date(2027, 1, 1), QUARTERLY, 1) == date(2027, 4, 1)
    assert periods.add_periods(date(2026, 4, 1), MONTHLY, -36) == date(2023, 4, 1)
    assert periods.add_periods(date(2026, 4, 1), ANNUAL, -1) == date(2025, 4, 1)


def test_latest_complete_period():
    today = date(2026, 11, 26)
    assert periods.latest_complete_period(today, MONTHLY) == date(2026, 10, 1)
    assert periods.latest_complete_period(today, QUARTERLY) == date(2026, 7, 1)
    assert periods.latest_complete_period(today, ANNUAL) == date(2025, 4, 1)


def test_check_period_accepts_a_period_start():
    periods.check_period(date(2026, 10, 1), QUARTERLY, today=date(2026, 11, 26))


def test_check_period_refuses_a_day_inside_a_period():
    with pytest.raises(periods.PeriodError, match="did you mean 1 October 2026"):
        periods.check_period(date(2026, 11, 1), QUARTERLY, today=date(2026, 11, 26))


def test_check_period_refuses_a_future_period():
    with pytest.raises(periods.PeriodError, match="Dec 2026 is in the future"):
        periods.check_period(date(2026, 12, 1), MONTHLY, today=date(2026, 11, 26))


def test_check_period_refuses_a_period_before_any_kept():
    with pytest.raises(periods.PeriodError, match="Periods before January 2000 are not kept"):
        periods.check_period(date(1999, 12, 1), MONTHLY, today=date(2026, 11, 26))


def test_check_period_accepts_the_current_period():
    periods.check_period(date(2026, 11, 1), MONTHLY, today=date(2026, 11, 26))


@pytest.mark.parametrize(
    ("month", "frequency", "expected"),
    [
        (date(2026, 6, 1), periods.MONTHLY, date(2026, 6, 1)),
        (date(2026, 6, 1), periods.QUARTERLY, date(2026, 4, 1)),
        (date(2026, 5, 1), periods.QUARTERLY, None),
        (date(2027, 3, 1), periods.QUARTERLY, date(2027, 1, 1)),
        (date(2027, 3, 1), periods.ANNUAL, date(2026, 4, 1)),
        (date(2026, 4, 1), periods.ANNUAL, None),
    ],
)
def test_the_period_that_falls_due_in_a_month_is_the_one_ending_with_it(
    month, frequency, expected
):
    assert periods.period_ending_in(month, frequency) == expected


def test_the_last_month_of_a_period():
    assert periods.last_month_of(date(2026, 4, 1), periods.QUARTERLY) == date(2026, 6, 1)
    assert periods.last_month_of(date(2026, 4, 1), periods.ANNUAL) == date(2027, 3, 1)
    assert periods.last_month_of(date(2026, 4, 1), periods.MONTHLY) == date(2026, 4, 1)


def test_an_annual_period_is_named_with_an():
    with pytest.raises(periods.PeriodError, match="is not the start of an annual period"):
        periods.check_period(date(2026, 5, 1), periods.ANNUAL, date(2026, 11, 26))
