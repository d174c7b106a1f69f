from collections import Counter
from decimal import Decimal as D

import pytest

from measures.scores import (
    Rollup,
    measure_score,
    of_measure,
    roll_up,
    scale,
    score_text,
    status_of_score,
)
from measures.status import HIGHER, LOWER, RANGE, Status, Threshold, status

# 92% target, amber to 90: a step of 3.3 points is 2 percentage points.
RTT = Threshold(D(92), D(2), None, D(88))
# At most 4 days, amber to 4.5: a step is half a day.
LOS = Threshold(D(4), D("0.5"), None, D(6))


@pytest.mark.parametrize(
    ("value", "score"),
    [
        ("92", 6.6),  # on target: the goal
        ("94", 9.9),  # one step beyond
        ("96", 10.0),  # capped
        ("91", 4.95),  # half way through the tolerance
        ("90", 3.3),  # the amber bound: the red flag
        ("88", 0.0),  # one step short of it
        ("50", 0.0),  # capped
    ],
)
def test_higher_is_better_scores_linearly_between_the_red_flag_and_the_goal(value, score):
    assert measure_score(D(value), HIGHER, RTT) == pytest.approx(score)


@pytest.mark.parametrize(
    ("value", "score"),
    [("4", 6.6), ("3.5", 9.9), ("4.25", 4.95), ("4.5", 3.3), ("5", 0.0)],
)
def test_lower_is_better_scores_the_other_way(value, score):
    assert measure_score(D(value), LOWER, LOS) == pytest.approx(score)


def test_within_a_range_scores_by_the_nearest_bound():
    occupancy = Threshold(D(85), D(2), D(92), None)
    assert measure_score(D(85), RANGE, occupancy) == pytest.approx(6.6)
    assert measure_score(D(94), RANGE, occupancy) == pytest.approx(3.3)
    assert measure_score(D(88), RANGE, occupancy) == pytest.approx(10.0)


def test_without_a_tolerance_the_trigger_or_a_tenth_of_the_target_sets_the_step():
    assert scale(D(92), D(0), D(88)) == 4
    assert scale(D(50), D(0), None) == 5
    assert scale(D(0), D(0), None) == 1
    no_tolerance = Threshold(D(92), D(0), None, D(88))
    assert measure_score(D(91.9), HIGHER, no_tolerance) < 3.3  # off target, as its status says
    assert measure_score(D(90), HIGHER, no_tolerance) == pytest.approx(1.65)  # half a step short


@pytest.mark.parametrize("value", ["85", "89.99", "90", "90.01", "91.99", "92", "92.5", "99"])
def test_the_score_band_always_agrees_with_the_status(value):
    measured = status(D(value), HIGHER, RTT)
    assert status_of_score(measure_score(D(value), HIGHER, RTT)) is measured


def test_zero_tolerance_scores_ten_for_none_and_nothing_for_any():
    assert measure_score(D(0), LOWER, None, zero_tolerance=True) == 10
    assert measure_score(D(1), LOWER, LOS, zero_tolerance=True) == 0


def test_no_value_or_no_target_has_no_score():
    assert measure_score(None, HIGHER, RTT) is None
    assert measure_score(D(50), HIGHER, None) is None


def test_a_roll_up_is_the_weighted_average_of_the_scores_it_has():
    on = of_measure(9.0, Status.ON_TARGET)
    off = of_measure(3.0, Status.OFF_TARGET)
    missing = of_measure(None, Status.NO_DATA)
    parent = roll_up([(2, on), (1, off), (5, missing)])
    # (2 x 9 + 1 x 3) / 3: the measure with no data is left out, weights renormalised.
    assert parent.score == pytest.approx(7.0)
    assert parent.counts == Counter({Status.ON_TARGET: 1, Status.OFF_TARGET: 1, Status.NO_DATA: 1})
    assert parent.in_words == "1 of 3 on target (1 off target, 1 no data)"
    assert parent.status is Status.ON_TARGET


def test_roll_ups_nest_and_weight_zero_counts_but_does_not_score():
    objective = roll_up([(1, of_measure(6.0, Status.WITHIN_TOLERANCE))])
    ignored = roll_up([(1, of_measure(0.0, Status.OFF_TARGET))])
    unit = roll_up([(1, objective), (0, ignored)])
    assert unit.score == pytest.approx(6.0)
    assert unit.measure_count == 2


def test_nothing_to_score_gives_no_score_and_no_data():
    assert roll_up([]).score is None
    assert roll_up([]).in_words == "No measures"
    assert Rollup(None).status is Status.NO_DATA


@pytest.mark.parametrize(
    ("score", "text"), [(None, "–"), (6.6, "6.6"), (6.5999, "6.5"), (10.0, "10.0"), (0.04, "0.0")]
)
def test_a_score_is_shown_rounded_down_so_it_never_reads_a_better_band(score, text):
    assert score_text(score) == text
