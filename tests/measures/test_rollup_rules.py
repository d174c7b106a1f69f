"""Roll-ups that cannot hide a red: the framework's rule, worked through.

The two cases the analyst found, as numbers:

- Ophthalmology read 7.0, on target, with three of its measures off target.
  Here: 7 on target scoring 10, 2 within tolerance at 4.0 and 3 off target at
  2.0 average (70 + 8 + 6) / 12 = 7.0.
- The trust's objective NHT-P1: MRSA and never events at zero score 10 each,
  C. diff past its trigger scores 0: the average 6.7 read on target.
"""

from collections import Counter

import pytest

from measures.scores import (
    CAPPED_AVERAGE,
    WEIGHTED_AVERAGE,
    WORST,
    Rollup,
    RollupRule,
    of_measure,
    roll_up,
    score_text,
)
from measures.status import Status

ON, AMBER, RED = Status.ON_TARGET, Status.WITHIN_TOLERANCE, Status.OFF_TARGET


def measures(*scored):
    """Leaves (weight 1) from (score, status) pairs."""
    return [(1, of_measure(score, status)) for score, status in scored]


OPHTHALMOLOGY = measures(*[(10.0, ON)] * 7, *[(4.0, AMBER)] * 2, *[(2.0, RED)] * 3)


def test_the_weighted_average_lets_three_reds_read_on_target():
    rollup = roll_up(OPHTHALMOLOGY, RollupRule(WEIGHTED_AVERAGE))
    assert (score_text(rollup.score), rollup.status, rollup.capped) == ("7.0", ON, "")
    assert rollup.in_words == "7 of 12 on target (2 within tolerance, 3 off target)"


def test_the_capped_average_is_no_higher_than_its_worst_measures_band():
    rollup = roll_up(OPHTHALMOLOGY, RollupRule(CAPPED_AVERAGE))
    assert (rollup.score, rollup.status) == (3.2, RED)
    assert rollup.capped == "Capped from 7.0 to 3.2: 3 off target"


def test_the_capped_average_with_ambers_only_is_no_higher_than_within_tolerance():
    rollup = roll_up(measures((9.5, ON), (9.5, ON), (5.0, AMBER)), RollupRule(CAPPED_AVERAGE))
    assert (rollup.score, rollup.status) == (6.5, AMBER)
    assert rollup.capped == "Capped from 8.0 to 6.5: 1 within tolerance"


def test_a_capped_average_already_in_its_band_is_left_as_it_is():
    rollup = roll_up(measures((2.0, RED), (1.0, RED)), RollupRule(CAPPED_AVERAGE))
    assert (rollup.score, rollup.capped) == (1.5, "")


def test_worst_of_takes_the_lowest_score_below():
    rollup = roll_up(OPHTHALMOLOGY, RollupRule(WORST))
    assert (rollup.score, rollup.status, rollup.capped) == (2.0, RED, "")


def test_worst_of_leaves_out_what_has_no_score():
    rollup = roll_up(measures((8.0, ON), (None, Status.NO_DATA)), RollupRule(WORST))
    assert rollup.score == 8.0


# NHT-P1: MRSA and never events (must not fail) at zero, C. diff past its trigger.
MRSA, NEVER = of_measure(10.0, ON, must_not_fail=True), of_measure(10.0, ON, must_not_fail=True)


def test_a_must_not_fail_measure_met_caps_nothing():
    cdiff = of_measure(0.0, RED)
    rollup = roll_up([(1, MRSA), (1, NEVER), (1, cdiff)], RollupRule(WEIGHTED_AVERAGE))
    # Still the average: C. diff is not a must-not-fail measure.
    assert (score_text(rollup.score), rollup.status) == ("6.6", ON)
    assert roll_up([(1, MRSA), (1, NEVER), (1, cdiff)], RollupRule(CAPPED_AVERAGE)).score == 3.2


def test_a_must_not_fail_measure_off_target_caps_every_level_above_it():
    never_event = of_measure(0.0, RED, must_not_fail=True)
    rule = RollupRule(WEIGHTED_AVERAGE)
    objective = roll_up([(1, never_event), *measures(*[(10.0, ON)] * 9)], rule)
    perspective = roll_up([(1, objective), *measures((10.0, ON))], rule)
    unit = roll_up([(1, perspective), (1, Rollup(10.0, Counter({ON: 5})))], rule)
    for level, average in ((objective, "9.0"), (perspective, "6.6"), (unit, "6.6")):
        assert (level.score, level.status) == (3.2, RED)
        assert level.capped == (
            f"Capped from {average} to 3.2: 1 must-not-fail measure off target"
        )


def test_the_must_not_fail_cap_can_be_turned_off():
    never_event = of_measure(0.0, RED, must_not_fail=True)
    rule = RollupRule(WEIGHTED_AVERAGE, must_not_fail_caps=False)
    objective = roll_up([(1, never_event), *measures(*[(10.0, ON)] * 9)], rule)
    assert (objective.score, objective.capped) == (9.0, "")


def test_a_measure_not_must_not_fail_off_target_is_not_a_breach():
    assert of_measure(0.0, RED).must_not_fail_off == 0
    assert of_measure(0.0, RED, must_not_fail=True).must_not_fail_off == 1
    assert of_measure(10.0, ON, must_not_fail=True).must_not_fail_off == 0


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (
            RollupRule(WEIGHTED_AVERAGE),
            "Each objective, perspective and unit scores the weighted average of the scores "
            "below; a must-not-fail measure off target caps every level above it at 3.2, off "
            "target.",
        ),
        (
            RollupRule(WORST, must_not_fail_caps=False),
            "Each objective, perspective and unit scores the worst of the scores below.",
        ),
    ],
)
def test_every_rule_says_itself_in_words(rule, words):
    assert rule.in_words == words


def test_the_frameworks_choices_are_the_rules_the_scores_apply():
    from measures.scores import METHOD_WORDS
    from scorecard.models import Framework

    assert set(Framework.RollupMethod.values) == set(METHOD_WORDS)


def test_measures_at_the_edge_of_their_tolerance_roll_up_within_it():
    # 3.3 each: their float average is 3.2999999999999994, still the edge, not below.
    edge = measures(*[(3.3, AMBER)] * 3)
    for rule in (RollupRule(WEIGHTED_AVERAGE), RollupRule(CAPPED_AVERAGE)):
        rollup = roll_up(edge, rule)
        assert (score_text(rollup.score), rollup.status) == ("3.3", AMBER)
