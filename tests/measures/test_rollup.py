from decimal import Decimal as D

import pytest

from measures.rollup import MEAN, RATIO, SUM, combine
from measures.values import MeasuredValue


def test_counts_sum():
    assert combine(SUM, [MeasuredValue(D(3)), MeasuredValue(D(4)), MeasuredValue(D(0))]).value == 7


def test_means_average():
    assert combine(MEAN, [MeasuredValue(D(3)), MeasuredValue(D(4))]).value == D("3.5")


def test_ratios_are_summed_numerators_over_summed_denominators_not_averaged():
    # 9 of 10 (90%) and 10 of 1,000 (1%): the trust is 19 of 1,010, not 45.5%.
    small = MeasuredValue(D(90), D(9), D(10))
    large = MeasuredValue(D(1), D(10), D(1000))
    parent = combine(RATIO, [small, large], D(100))
    assert (parent.numerator, parent.denominator) == (19, 1010)
    assert parent.value == D("1.881188")


def test_a_child_with_no_value_for_the_period_is_left_out():
    assert combine(SUM, [MeasuredValue(D(5)), None, MeasuredValue(D(2))]).value == 7
    assert combine(RATIO, [None, MeasuredValue(D(50), D(1), D(2))], D(100)).value == 50


def test_no_child_values_give_no_parent_value():
    assert combine(SUM, [None, None]) is None
    assert combine(RATIO, []) is None


def test_a_measure_that_does_not_roll_up_cannot_be_combined():
    with pytest.raises(ValueError, match="not computed"):
        combine("none", [MeasuredValue(D(1))])


def test_a_total_too_large_to_store_is_refused_not_made():
    large = MeasuredValue(D("600000000000"))
    with pytest.raises(ValueError, match="too large to store"):
        combine(SUM, [large, large])
    part = MeasuredValue(D(50), D("600000000000"), D("1200000000000") / 2)
    with pytest.raises(ValueError, match="too large to store"):
        combine(RATIO, [part, part], D(100))
    tiny = MeasuredValue(D("100"), D("999999999999"), D("0.000001"))
    with pytest.raises(ValueError, match="too large to store"):
        combine(RATIO, [tiny], D(100))
    # At the limit, it is made.
    assert combine(SUM, [MeasuredValue(D("999999999998")), MeasuredValue(D(1))]).value == D(
        "999999999999"
    )
