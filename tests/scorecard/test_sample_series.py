"""scorecard.sample_data.series: what the demo and generated trusts draw their values with."""

import random
from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

from scorecard.lib import periods
from scorecard.sample_data.series import period_list, poisson, rounded

# 14 May 2026: April is the latest complete month, January-March the latest
# complete quarter, 2025/26 the latest complete year.
TODAY = date(2026, 5, 14)


def draws(seed, means):
    rng = random.Random(seed)
    return [poisson(rng, mean) for mean in means]


def test_the_same_seed_gives_the_same_counts_and_another_seed_others():
    means = [0.5, 3, 12, 40, 330] * 20

    assert draws("a", means) == draws("a", means)
    assert draws("a", means) != draws("b", means)


def test_counts_average_about_their_mean():
    rng = random.Random(1)
    for mean in (0.2, 4, 25, 300):
        counts = [poisson(rng, mean) for _ in range(2000)]
        assert all(count >= 0 for count in counts)
        assert sum(counts) / len(counts) == pytest.approx(mean, rel=0.1)


@pytest.mark.parametrize("mean", [0, 0.0, -2.5])
def test_a_mean_of_zero_or_less_gives_zero_and_draws_nothing(mean):
    rng = random.Random(7)
    state = rng.getstate()

    assert poisson(rng, mean) == 0
    assert rng.getstate() == state


@pytest.mark.parametrize(
    ("number", "places", "expected"),
    [
        (4.46, 1, "4.5"),
        (4.44, 1, "4.4"),
        (1234.5678, 0, "1235"),
        (7, 0, "7"),
        (0.333333333, 2, "0.33"),
        (-12.345, 1, "-12.3"),
    ],
)
def test_rounded_rounds_to_the_places_and_keeps_six(number, places, expected):
    value = rounded(number, places)

    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -6  # as a stored value reads back


def test_a_monthly_list_ends_with_the_last_complete_month():
    months = period_list(TODAY, periods.MONTHLY, 36)

    assert len(months) == 36
    assert months[-1] == date(2026, 4, 1)
    assert months[0] == date(2023, 5, 1)
    assert months == sorted(months)


def test_the_month_in_progress_is_not_in_the_list():
    assert period_list(date(2026, 5, 1), periods.MONTHLY, 1) == [date(2026, 4, 1)]
    assert period_list(date(2026, 5, 31), periods.MONTHLY, 1) == [date(2026, 4, 1)]


@pytest.mark.parametrize("today", [date(2026, 4, 2), TODAY, date(2026, 6, 30)])
def test_a_quarterly_list_ends_with_the_last_complete_quarter_and_fills_the_months(today):
    quarters = period_list(today, periods.QUARTERLY, 36)

    # The same twelve quarters whichever month of the next quarter it is.
    assert len(quarters) == 12
    assert quarters[-1] == date(2026, 1, 1)
    assert quarters[0] == date(2023, 4, 1)
    assert all(periods.add_periods(a, periods.QUARTERLY, 1) == b for a, b in pairwise(quarters))


def test_an_annual_list_ends_with_the_last_complete_financial_year():
    assert period_list(TODAY, periods.ANNUAL, 36) == [
        date(2023, 4, 1),
        date(2024, 4, 1),
        date(2025, 4, 1),
    ]


def test_months_that_do_not_fill_a_period_are_left_out():
    assert len(period_list(TODAY, periods.QUARTERLY, 14)) == 4
    assert period_list(TODAY, periods.QUARTERLY, 2) == []
    assert period_list(TODAY, periods.ANNUAL, 11) == []
