"""The year to date and annual thresholds, worked by hand (measures/year.py)."""

from decimal import Decimal as D
from typing import NamedTuple

import pytest

from measures.year import LATEST, NONE, RATIO, SUM, annual_check, year_to_date


class Reading(NamedTuple):
    value: D
    numerator: D | None = None
    denominator: D | None = None


def test_a_sum_adds_the_years_values():
    # C. difficile cases April to June: 4 + 6 + 5.
    assert year_to_date([Reading(D(4)), Reading(D(6)), Reading(D(5))], SUM) == D(15)


def test_a_ratio_is_the_years_parts_not_the_mean_of_the_months():
    # April 80 of 100 seen in time (80%), May 180 of 200 (90%): the year is
    # 260 of 300, 86.67%, not the mean of the months' 85%.
    readings = [Reading(D(80), D(80), D(100)), Reading(D(90), D(180), D(200))]
    assert year_to_date(readings, RATIO).quantize(D("0.01")) == D("86.67")


def test_a_ratio_per_thousand_uses_the_multiplier():
    readings = [Reading(D(2), D(3), D(1500)), Reading(D(1), D(1), D(1000))]
    assert year_to_date(readings, RATIO, D(1000)) == D("1.6")


def test_a_ratio_with_no_denominator_yet_has_no_year_to_date():
    assert year_to_date([Reading(D(0), D(0), D(0))], RATIO) is None


def test_latest_is_a_figure_that_is_already_a_year_to_date():
    # Income and expenditure against plan, year to date: -120, -250, -90 £000.
    readings = [Reading(D(-120)), Reading(D(-250)), Reading(D(-90))]
    assert year_to_date(readings, LATEST) == D(-90)


@pytest.mark.parametrize("rule", [SUM, RATIO, LATEST])
def test_no_values_this_year_no_year_to_date(rule):
    assert year_to_date([], rule) is None


def test_no_rule_no_year_to_date():
    assert year_to_date([Reading(D(4))], NONE) is None


def test_a_ceiling_breached_by_the_case_that_passes_it():
    # A ceiling of 60 C. difficile cases a year: 60 by January is at it, 61 past it.
    assert not annual_check(D(60), D(60), "lower", 10, 12).breached
    assert annual_check(D(61), D(60), "lower", 10, 12).breached


def test_a_ceiling_is_paced_pro_rata():
    # 60 a year allows 40 by November (8 of 12 months).
    check = annual_check(D(42), D(60), "lower", 8, 12)
    assert check.pace == D(40)
    assert check.off_pace
    assert not check.breached
    assert not annual_check(D(40), D(60), "lower", 8, 12).off_pace


def test_a_breached_ceiling_is_breached_not_off_pace():
    check = annual_check(D(65), D(60), "lower", 11, 12)
    assert check.breached
    assert not check.off_pace


def test_a_floor_is_breached_only_when_the_year_is_over():
    # 12,000 elective spells a year: 9,500 by February is behind (pace 11,000),
    # not yet breached; 11,900 at March's end is breached.
    february = annual_check(D(9500), D(12000), "higher", 11, 12)
    assert february.off_pace
    assert not february.breached
    assert annual_check(D(11900), D(12000), "higher", 12, 12).breached
    assert not annual_check(D(12000), D(12000), "higher", 12, 12).breached


def test_a_quarterly_measure_is_paced_by_quarters():
    assert annual_check(D(30), D(100), "lower", 1, 4).off_pace
    assert annual_check(D(30), D(100), "lower", 1, 4).pace == D(25)


def test_no_threshold_or_no_total_no_check():
    assert annual_check(None, D(60), "lower", 3, 12) is None
    assert annual_check(D(3), None, "lower", 3, 12) is None
    assert annual_check(D(3), D(60), "range", 3, 12) is None
