from decimal import Decimal as D

import pytest

from measures.status import HIGHER, LOWER, RANGE, Status, Threshold, past_trigger, status

# 92% target, 2 points of tolerance, act below 88%.
RTT = Threshold(D(92), D(2), None, D(88))
# At most 5 days, amber to 6, act above 8.
WAIT = Threshold(D(5), D(1), None, D(8))
# Occupancy between 85 and 92, amber 2 either side, act above 95.
OCCUPANCY = Threshold(D(85), D(2), D(92), D(95))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("92.1", Status.ON_TARGET),
        ("92", Status.ON_TARGET),
        ("91.9", Status.WITHIN_TOLERANCE),
        ("90", Status.WITHIN_TOLERANCE),
        ("89.99", Status.OFF_TARGET),
    ],
)
def test_higher_is_better(value, expected):
    assert status(D(value), HIGHER, RTT) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("4", Status.ON_TARGET), ("5", Status.ON_TARGET), ("6", Status.WITHIN_TOLERANCE)]
    + [("6.01", Status.OFF_TARGET)],
)
def test_lower_is_better(value, expected):
    assert status(D(value), LOWER, WAIT) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("82.9", Status.OFF_TARGET),
        ("83", Status.WITHIN_TOLERANCE),
        ("85", Status.ON_TARGET),
        ("92", Status.ON_TARGET),
        ("94", Status.WITHIN_TOLERANCE),
        ("94.1", Status.OFF_TARGET),
    ],
)
def test_within_a_range(value, expected):
    assert status(D(value), RANGE, OCCUPANCY) is expected


def test_a_missing_value_is_no_data_never_on_target():
    assert status(None, HIGHER, RTT) is Status.NO_DATA
    assert status(None, LOWER, None, zero_tolerance=True) is Status.NO_DATA


def test_a_value_without_a_target_has_no_target():
    assert status(D(50), HIGHER, None) is Status.NO_TARGET


def test_zero_tolerance_is_off_target_on_any_occurrence():
    generous = Threshold(D(3), D(2))
    assert status(D(1), LOWER, generous, zero_tolerance=True) is Status.OFF_TARGET
    assert status(D(0), LOWER, generous, zero_tolerance=True) is Status.ON_TARGET
    assert status(D(0), LOWER, None, zero_tolerance=True) is Status.ON_TARGET
    assert past_trigger(D(1), LOWER, None, zero_tolerance=True)
    assert not past_trigger(D(0), LOWER, None, zero_tolerance=True)


@pytest.mark.parametrize(("value", "past"), [("88", False), ("87.99", True), ("95", False)])
def test_trigger_higher_is_better_is_passed_strictly_below_it(value, past):
    assert past_trigger(D(value), HIGHER, RTT) is past


@pytest.mark.parametrize(("value", "past"), [("8", False), ("8.01", True), ("1", False)])
def test_trigger_lower_is_better_is_passed_strictly_above_it(value, past):
    assert past_trigger(D(value), LOWER, WAIT) is past


def test_trigger_of_a_range_is_passed_on_its_own_side():
    assert past_trigger(D("95.1"), RANGE, OCCUPANCY)
    assert not past_trigger(D(70), RANGE, OCCUPANCY)
    low_side = Threshold(D(85), D(2), D(92), D(80))
    assert past_trigger(D(79), RANGE, low_side)
    assert not past_trigger(D(99), RANGE, low_side)


def test_no_trigger_is_never_passed():
    assert not past_trigger(D(0), HIGHER, Threshold(D(92)))
    assert not past_trigger(None, HIGHER, RTT)
    assert not past_trigger(D(0), HIGHER, None)


def test_statuses_say_what_they_mean_in_words():
    assert [str(s) for s in Status] == [
        "On target",
        "Within tolerance",
        "Off target",
        "No target",
        "No data",
    ]
