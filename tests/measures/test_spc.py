"""SPC as Making Data Count reads it (NHSRplotthedots v0.2.2), checked by hand.

Most rule tests put a few points after a fixed baseline, so the limits are
known before the points are read:

BASELINE = 12, 10, 12, 10, 12, 10 (fixed after 6 points)
    mean 11; five moving ranges of 2, so AMR 2 (2 < 3.267 * 2: none screened)
    UPL = 11 + 2.66 * 2 = 16.32         LPL = 11 - 5.32 = 5.68
    2-sigma lines = 11 +/- 2 * (2.66 / 3) * 2 = 14.5467 and 7.4533
    so a point is close above 14.5467 up to 16.32 (on the UPL is still close),
    close below 7.4533 down to 5.68, and outside beyond either limit.
The baseline alternates sides and directions, so no rule fires on it alone.
"""

import csv
from decimal import Decimal as D
from itertools import pairwise
from pathlib import Path

import pytest

from measures.spc import (
    COMMON_CAUSE,
    CONCERN,
    CONSISTENT_FAIL,
    CONSISTENT_PASS,
    DECREASE,
    IMPROVEMENT,
    INCONSISTENT,
    INCREASE,
    MIN_POINTS_FOR_LIMITS,
    NEUTRAL,
    NEUTRAL_HIGH,
    NEUTRAL_LOW,
    NO_VALUES,
    NO_WIDTH,
    OUTSIDE,
    SHIFT,
    TOO_FEW_POINTS,
    TREND,
    TWO_OF_THREE,
    ZERO_TOLERANCE,
    analyse,
    why_not_judgeable,
)

CC, IMP, CON = COMMON_CAUSE, IMPROVEMENT, CONCERN
BASELINE = [12, 10, 12, 10, 12, 10]
UPPER_TWO_SIGMA = 11 + 2 * (2.66 / 3) * 2  # 14.5467
LOWER_TWO_SIGMA = 11 - 2 * (2.66 / 3) * 2  # 7.4533
CLASSIFICATIONS = {CC, IMP, CON, NEUTRAL_HIGH, NEUTRAL_LOW}
VARIATION_ICONS = {
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neither_high",
    "neither_low",
}


def after_baseline(extra, improvement=INCREASE, **options):
    """The analysis of BASELINE then `extra`, with the limits fixed on BASELINE."""
    return analyse(BASELINE + extra, improvement, fix_after=len(BASELINE), **options)


def added(result):
    """(rule, classification) of each point after BASELINE."""
    return [(point.rule, point.classification) for point in result.points[len(BASELINE) :]]


def classifications(result):
    return [point.classification for point in result.points]


def all_common_cause(result):
    return all(point.classification == CC and point.rule is None for point in result.points)


# Limits ----------------------------------------------------------------------


def test_limits_are_the_mean_plus_or_minus_2_66_average_moving_ranges():
    # 10, 12 six times, then 20: mean (6 * 22 + 20) / 13 = 152 / 13.
    # Moving ranges: eleven of 2 and |20 - 12| = 8, so AMR = 30 / 12 = 2.5;
    # 8 < 3.267 * 2.5 = 8.1675, so nothing is screened out.
    result = analyse([10, 12] * 6 + [20])
    mean = 152 / 13
    assert result.mean == pytest.approx(mean)
    assert result.upl == pytest.approx(mean + 2.66 * 2.5)  # 18.3423
    assert result.lpl == pytest.approx(mean - 2.66 * 2.5)  # 5.0423
    first = result.points[0]
    assert (first.mean, first.lpl, first.upl) == (result.mean, result.lpl, result.upl)
    assert first.upper_two_sigma == pytest.approx(mean + 2 * (2.66 / 3) * 2.5)
    assert first.lower_two_sigma == pytest.approx(mean - 2 * (2.66 / 3) * 2.5)
    # 20 > 18.3423: outside, above the mean.
    assert classifications(result) == [CC] * 12 + [IMP]


def test_the_lower_limit_is_not_clipped_at_zero():
    # Mean 100, AMR 50: 100 -/+ 133 (2.66 * 50 is exactly 133.0 in floats).
    result = analyse([75, 125, 75, 125])
    assert (result.lpl, result.mean, result.upl) == (-33.0, 100.0, 233.0)


def test_screening_drops_moving_ranges_of_3_267_averages_or_more():
    # 10, 12 six times, then 2: mean 134 / 13. Moving ranges: eleven of 2 and
    # |2 - 12| = 10, AMR 32 / 12 = 2.667; 10 >= 3.267 * 2.667 = 8.712 goes,
    # leaving eleven 2s: AMR 2. The mean keeps every point.
    values = [10, 12] * 6 + [2]
    mean = 134 / 13
    screened = analyse(values)
    assert screened.mean == pytest.approx(mean)
    assert screened.upl == pytest.approx(mean + 2.66 * 2)
    unscreened = analyse(values, screen_outliers=False)
    assert unscreened.mean == pytest.approx(mean)
    assert unscreened.upl == pytest.approx(mean + 2.66 * 32 / 12)


def test_screening_is_strict_a_range_exactly_at_the_threshold_goes():
    # Moving ranges 733, 733, 733 and 9801: AMR 12000 / 4 = 3000, and
    # 3.267 * 3000 = 9801 exactly, which is not below 9801: screened out,
    # leaving AMR 733. Mean 12000 / 5 = 2400.
    values = [0, 733, 0, 733, 10534]
    assert analyse(values).upl == pytest.approx(2400 + 2.66 * 733)  # 4349.78
    assert analyse(values, screen_outliers=False).upl == pytest.approx(2400 + 2.66 * 3000)


def test_a_constant_series_has_undefined_limits_and_only_common_cause():
    # Every moving range is 0 and 0 < 3.267 * 0 is false: none is kept.
    result = analyse([5] * 15, target=6)
    assert (result.mean, result.lpl, result.upl) == (5.0, None, None)
    point = result.points[0]
    assert (point.lpl, point.upl, point.lower_two_sigma, point.upper_two_sigma) == (None,) * 4
    # Every point is on the mean: no shift either.
    assert all_common_cause(result)
    assert result.variation == "common_cause"
    assert result.assurance == INCONSISTENT


def test_without_screening_a_constant_series_has_limits_on_the_mean():
    result = analyse([5] * 15, screen_outliers=False)
    assert (result.lpl, result.mean, result.upl) == (5.0, 5.0, 5.0)
    assert all_common_cause(result)


def test_one_point_has_a_mean_and_no_limits():
    result = analyse([7], target=8)
    assert (result.mean, result.lpl, result.upl) == (7.0, None, None)
    assert classifications(result) == [CC]
    assert result.variation == "common_cause"
    assert result.assurance == INCONSISTENT


def test_two_points_have_limits_from_their_one_moving_range():
    # Mean 8, one moving range of 2 (2 < 6.534: kept): 8 -/+ 5.32.
    result = analyse([7, 9])
    assert result.mean == 8.0
    assert result.lpl == pytest.approx(2.68)
    assert result.upl == pytest.approx(13.32)
    assert classifications(result) == [CC, CC]


def test_an_empty_series_has_no_points_limits_or_icons():
    result = analyse([], target=5)
    assert result.points == ()
    assert (result.mean, result.lpl, result.upl) == (None, None, None)
    assert (result.variation, result.assurance) == (None, None)
    assert result.why_not_judgeable(zero_tolerance=False) == NO_VALUES


def test_fix_after_takes_the_limits_from_the_first_points_only():
    # Baseline 10, 12, 10, 12: mean 11, AMR 2, UPL 16.32. Without it the mean
    # would be 105 / 6 = 17.5.
    result = analyse([10, 12, 10, 12, 30, 31], fix_after=4)
    assert result.mean == 11.0
    assert result.upl == pytest.approx(16.32)
    assert analyse([10, 12, 10, 12, 30, 31]).mean == 17.5
    # The rules still read every point.
    assert classifications(result) == [CC] * 4 + [IMP, IMP]


def test_fix_after_longer_than_the_series_uses_every_point():
    values = [10, 12, 11, 14, 9]
    assert analyse(values, fix_after=50) == analyse(values)


def test_fix_after_applies_to_each_group_from_its_own_start():
    # Group 0 fixed on 10, 12, 10: mean 32 / 3, AMR 2.
    # Group 1 fixed on 20, 24, 20: mean 64 / 3, AMR 4.
    result = analyse([10, 12, 10, 50, 20, 24, 20, 99], rebase_at=[4], fix_after=3)
    first, second = result.points[0], result.points[4]
    assert first.mean == pytest.approx(32 / 3)
    assert first.upl == pytest.approx(32 / 3 + 2.66 * 2)
    assert second.mean == pytest.approx(64 / 3)
    assert second.upl == pytest.approx(64 / 3 + 2.66 * 4)
    assert result.upl == second.upl


@pytest.mark.parametrize("fix_after", [0, -1])
def test_fix_after_needs_a_point(fix_after):
    with pytest.raises(ValueError, match="at least one point"):
        analyse([1, 2, 3], fix_after=fix_after)


# Rule 1: outside the limits --------------------------------------------------


def test_a_point_above_the_upl_is_outside():
    assert added(after_baseline([17])) == [(OUTSIDE, IMP)]  # 17 > 16.32


def test_a_point_below_the_lpl_is_outside():
    assert added(after_baseline([5])) == [(OUTSIDE, CON)]  # 5 < 5.68


def test_a_point_exactly_on_the_upl_is_close_not_outside():
    # Baseline 75, 125 three times: mean 100, AMR 50, UPL exactly 233.0,
    # upper 2-sigma line 100 + 1.7733 * 50 = 188.67. 233 and 200 are close,
    # 150 is not; all three are above the mean: two of three.
    result = analyse([75, 125] * 3 + [233, 150, 200], fix_after=6)
    assert result.upl == 233.0
    assert [point.rule for point in result.points[6:]] == [TWO_OF_THREE, None, TWO_OF_THREE]


# Rule 3: trend ---------------------------------------------------------------


def test_seven_rising_points_are_a_trend_even_across_the_mean():
    # 8 to 14 rise six times and cross 11; none is close (7.4533 < 8,
    # 14 < 14.5467), and the 10 before 8 is a fall, so it is not in the trend.
    result = after_baseline([8, 9, 10, 11, 12, 13, 14])
    assert added(result) == [(TREND, IMP)] * 7
    assert classifications(result)[:6] == [CC] * 6


def test_seven_falling_points_are_a_trend():
    result = after_baseline([14.5, 14, 13.5, 13, 12.5, 12, 11.5])
    assert added(result) == [(TREND, CON)] * 7


def test_six_rising_points_are_not_a_trend():
    assert all_common_cause(after_baseline([8, 9, 10, 11, 12, 13]))


def test_a_repeated_value_breaks_a_trend():
    # 8, 9, 10, 10 then 10 to 14: the longest strict run is five points.
    assert all_common_cause(after_baseline([8, 9, 10, 10, 11, 12, 13, 14]))


def test_a_peak_shared_by_a_rising_and_a_falling_trend_is_decreasing():
    # 8..14 rises, 14..8 falls; the 14 belongs to both. It and the next point
    # are trend points, so it takes the step to the next point: down.
    rising, peak, falling = [8, 9, 10, 11, 12, 13], [14], [13, 12, 11, 10, 9, 8]
    result = after_baseline(rising + peak + falling)
    assert added(result) == [(TREND, IMP)] * 6 + [(TREND, CON)] + [(TREND, CON)] * 6
    decreasing = after_baseline(rising + peak + falling, DECREASE)
    assert added(decreasing) == [(TREND, CON)] * 6 + [(TREND, IMP)] + [(TREND, IMP)] * 6


def test_trends_meeting_at_a_repeated_value_read_the_flat_step_as_falling():
    # 8..14 rises, then 14..8 falls: the two 14s are in different trends and
    # the step between them is flat. Both 14s are trend points with a trend
    # point next, so the first takes the flat step to the next point, which
    # NHSRplotthedots reads as falling (any step that is not a rise).
    # Six points above the mean (12, 13, 14, 14, 13, 12) are not a shift.
    result = after_baseline([8, 9, 10, 11, 12, 13, 14, 14, 13, 12, 11, 10, 9, 8])
    assert added(result) == [(TREND, IMP)] * 6 + [(TREND, CON)] * 8


# Rule 4: two of three --------------------------------------------------------


def test_two_close_points_of_three_on_one_side_are_flagged_but_not_the_third():
    # 15 is close (14.5467 < 15 <= 16.32); 13 is above the mean but not close.
    result = after_baseline([15, 13, 15])
    assert added(result) == [(TWO_OF_THREE, IMP), (None, CC), (TWO_OF_THREE, IMP)]


def test_three_close_points_on_one_side_are_all_flagged():
    assert added(after_baseline([15, 15.5, 16])) == [(TWO_OF_THREE, IMP)] * 3


def test_two_close_points_below_the_mean_are_low():
    # 7 is close (5.68 <= 7 < 7.4533); 8 is below the mean but not close.
    result = after_baseline([7, 8, 7], DECREASE)
    assert added(result) == [(TWO_OF_THREE, IMP), (None, CC), (TWO_OF_THREE, IMP)]


def test_two_close_points_four_apart_are_not_two_of_three():
    assert all_common_cause(after_baseline([15, 13, 13, 15]))


def test_two_of_three_needs_all_three_strictly_on_one_side():
    # The middle point on the mean, or on the other side, spoils the window.
    assert all_common_cause(after_baseline([15, 11, 15]))
    assert all_common_cause(after_baseline([15, 7, 15]))


def test_a_point_outside_the_limits_does_not_count_as_close():
    # 17 is outside (> 16.32), so 15 is the only close point of 15, 13, 17.
    assert added(after_baseline([15, 13, 17])) == [(None, CC), (None, CC), (OUTSIDE, IMP)]


def test_with_one_point_just_past_the_upl_there_is_one_close_point_only():
    # As the UPL test, 233.5 > 233: outside, leaving 200 alone.
    result = analyse([75, 125] * 3 + [233.5, 150, 200], fix_after=6)
    assert [point.rule for point in result.points[6:]] == [OUTSIDE, None, None]


# Rule 2: shift ---------------------------------------------------------------


def test_seven_points_above_the_mean_are_a_shift():
    result = after_baseline([11.5, 12, 11.5, 12, 11.5, 12, 11.5])
    assert added(result) == [(SHIFT, IMP)] * 7


def test_seven_points_below_the_mean_are_a_shift():
    # The baseline's last 10 is below the mean too: it is part of the run.
    result = after_baseline([10.5, 10, 10.5, 10, 10.5, 10, 10.5])
    assert [point.rule for point in result.points[5:]] == [SHIFT] * 8
    assert classifications(result)[5:] == [CON] * 8


def test_six_points_above_the_mean_are_not_a_shift():
    assert all_common_cause(after_baseline([11.5, 12, 11.5, 12, 11.5, 12]))


def test_a_point_exactly_on_the_mean_breaks_a_shift():
    # Three above, one on the mean (11), four above.
    assert all_common_cause(after_baseline([11.5, 12, 11.5, 11, 12, 11.5, 12, 11.5]))


# Classification order: outside > trend > two of three > shift ----------------


def test_outside_beats_trend_and_takes_its_own_direction():
    # 8..14 alone: mean 11, six moving ranges of 1, AMR 1: limits 8.34 and 13.66.
    # All seven are a rising trend, but 8 and 14 are outside: 8 is low (a
    # concern when higher is better) although the trend rises. 13 is close,
    # but 14, outside, is not: no two of three.
    result = analyse([8, 9, 10, 11, 12, 13, 14])
    assert (result.lpl, result.upl) == (pytest.approx(8.34), pytest.approx(13.66))
    assert [(point.rule, point.classification) for point in result.points] == (
        [(OUTSIDE, CON)] + [(TREND, IMP)] * 5 + [(OUTSIDE, IMP)]
    )


def test_trend_beats_two_of_three():
    # 6 and 7 are close below the mean with 8 (two of three, low), but all
    # seven rise: the trend labels them, high.
    assert added(after_baseline([6, 7, 8, 9, 10, 12, 13])) == [(TREND, IMP)] * 7


def test_trend_beats_shift():
    # Seven falling points all above the mean: a shift (high) and a trend (low).
    result = after_baseline([14.5, 14, 13.5, 13, 12.5, 12, 11.5])
    assert added(result) == [(TREND, CON)] * 7


def test_two_of_three_beats_shift():
    # Seven points above the mean, of which the two 15s are close.
    result = after_baseline([11.5, 12, 15, 13, 15, 12, 11.5])
    assert [rule for rule, _ in added(result)] == (
        [SHIFT, SHIFT, TWO_OF_THREE, SHIFT, TWO_OF_THREE, SHIFT, SHIFT]
    )
    assert {label for _, label in added(result)} == {IMP}


# Every rule in each direction, and the variation icon ------------------------

HIGH, LOW = True, False
LAST_POINT_CASES = {
    "outside high": ([17], OUTSIDE, HIGH),
    "outside low": ([5], OUTSIDE, LOW),
    "trend rising": ([8, 9, 10, 11, 12, 13, 14], TREND, HIGH),
    "trend falling": ([14.5, 14, 13.5, 13, 12.5, 12, 11.5], TREND, LOW),
    "two of three high": ([15, 13, 15], TWO_OF_THREE, HIGH),
    "two of three low": ([7, 8, 7], TWO_OF_THREE, LOW),
    "shift high": ([11.5, 12] * 3 + [11.5], SHIFT, HIGH),
    "shift low": ([10.5, 10] * 3 + [10.5], SHIFT, LOW),
}
EXPECTED = {
    # (improvement, high?): (classification, variation icon)
    (INCREASE, HIGH): (IMP, "improvement_high"),
    (INCREASE, LOW): (CON, "concern_low"),
    (DECREASE, HIGH): (CON, "concern_high"),
    (DECREASE, LOW): (IMP, "improvement_low"),
    (NEUTRAL, HIGH): (NEUTRAL_HIGH, "neither_high"),
    (NEUTRAL, LOW): (NEUTRAL_LOW, "neither_low"),
}


@pytest.mark.parametrize("improvement", [INCREASE, DECREASE, NEUTRAL])
@pytest.mark.parametrize("case", LAST_POINT_CASES)
def test_each_rule_labels_the_last_point_and_the_variation_icon(case, improvement):
    extra, rule, high = LAST_POINT_CASES[case]
    result = after_baseline(extra, improvement)
    classification, icon = EXPECTED[(improvement, high)]
    last = result.points[-1]
    assert (last.rule, last.classification) == (rule, classification)
    assert result.variation == icon


@pytest.mark.parametrize("improvement", [INCREASE, DECREASE, NEUTRAL])
def test_a_common_cause_last_point_gives_the_common_cause_icon(improvement):
    result = after_baseline([11.5], improvement)
    assert result.variation == "common_cause"


def test_the_variation_icon_reads_the_last_point_only():
    # The 17 is outside, but the last point, 11.5, is common cause.
    assert after_baseline([17, 11.5]).variation == "common_cause"


# Assurance -------------------------------------------------------------------

# 75, 125, 75, 125: mean 100, AMR 50, LPL -33.0 and UPL 233.0 exactly.
STEADY = [75, 125, 75, 125]


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        (INCREASE, 234, CONSISTENT_FAIL),
        (INCREASE, -34, CONSISTENT_PASS),
        (DECREASE, 234, CONSISTENT_PASS),
        (DECREASE, -34, CONSISTENT_FAIL),
        (INCREASE, 100, INCONSISTENT),
        (DECREASE, 100, INCONSISTENT),
        # A target exactly on a limit can be hit or missed.
        (INCREASE, 233, INCONSISTENT),
        (INCREASE, -33, INCONSISTENT),
        (DECREASE, 233, INCONSISTENT),
        (DECREASE, -33, INCONSISTENT),
    ],
)
def test_assurance_compares_the_target_with_the_limits(improvement, target, expected):
    assert analyse(STEADY, improvement, target).assurance == expected


def test_no_assurance_without_a_target_or_for_a_neutral_measure():
    assert analyse(STEADY, INCREASE).assurance is None
    assert analyse(STEADY, NEUTRAL, 500).assurance is None


def test_assurance_reads_the_last_groups_limits():
    # Group 0 (mean 100, limits -33 to 233) would be inconsistent at 150;
    # group 1, 500, 502, 500: mean 1502 / 3, limits about 495 to 506.
    result = analyse(STEADY + [500, 502, 500], INCREASE, 150, rebase_at=[4])
    assert result.assurance == CONSISTENT_PASS


# Rebasing --------------------------------------------------------------------

# Group 0: mean 21 / 8 = 2.625; its last five points (4, 3, 3.5, 3, 3.5) above.
GROUP_0 = [0, 4, 0, 4, 3, 3.5, 3, 3.5]
# Group 1: mean 17.5 / 7 = 2.5; its first three points (3, 3.5, 3) above.
GROUP_1 = [3, 3.5, 3, 0, 4, 0, 4]


def test_a_shift_across_a_rebase_does_not_fire():
    # As one group (mean 38.5 / 15 = 2.567) the eight points 4 .. 3 are a
    # shift; split at 8 the runs are five and three. No point is close in
    # either reading (2-sigma lines 2.625 +/- 3.67 and 2.5 +/- 4.73).
    whole = analyse(GROUP_0 + GROUP_1)
    assert [point.rule for point in whole.points] == [None] * 3 + [SHIFT] * 8 + [None] * 4
    assert all_common_cause(analyse(GROUP_0 + GROUP_1, rebase_at=[8]))


def test_a_trend_across_a_rebase_does_not_fire():
    assert all_common_cause(analyse([1, 2, 3, 4, 5, 6, 7], rebase_at=[3]))


def test_each_group_has_its_own_limits_and_the_result_has_the_last_groups():
    result = analyse(GROUP_0 + GROUP_1, rebase_at=[8])
    assert [point.group for point in result.points] == [0] * 8 + [1] * 7
    assert result.points[0].mean == pytest.approx(2.625)
    assert result.points[8].mean == pytest.approx(2.5)
    # Group 1's moving ranges: 0.5, 0.5, 3, 4, 4, 4: AMR 16 / 6.
    assert result.mean == pytest.approx(2.5)
    assert result.upl == pytest.approx(2.5 + 2.66 * 16 / 6)


def test_rebase_indices_are_a_set_and_zero_is_ignored():
    values = GROUP_0 + GROUP_1 + [1, 2, 3]
    expected = analyse(values, rebase_at=[8, 15])
    assert analyse(values, rebase_at=[15, 8, 8, 0]) == expected
    assert analyse(values, rebase_at=[0]) == analyse(values)


@pytest.mark.parametrize("index", [-1, 15, 99])
def test_a_rebase_outside_the_series_is_refused(index):
    with pytest.raises(ValueError, match="outside the 15 values"):
        analyse(GROUP_0 + GROUP_1, rebase_at=[index])


# Enough points to judge ------------------------------------------------------


def test_limits_and_icons_are_shown_from_13_points_in_the_last_group():
    assert MIN_POINTS_FOR_LIMITS == 13
    assert analyse([10, 12] * 6).why_not_judgeable(zero_tolerance=False) == TOO_FEW_POINTS
    assert analyse([10, 12] * 6 + [11]).why_not_judgeable(zero_tolerance=False) is None


def test_a_rebase_restarts_the_count_of_points():
    # 20 points, but the last group holds 12.
    result = analyse([10, 12] * 10, rebase_at=[8])
    assert result.last_group_size == 12
    assert result.why_not_judgeable(zero_tolerance=False) == TOO_FEW_POINTS


def test_a_zero_tolerance_measure_is_not_judged_by_spc_however_many_points():
    # Never events: nearly always 0. Its limits would call each quiet month an
    # improvement and the target of zero a certain failure.
    result = analyse([0] * 14 + [1] + [0] * 4, DECREASE, 0)
    assert result.why_not_judgeable(zero_tolerance=True) == ZERO_TOLERANCE
    assert result.judged_groups(zero_tolerance=True) == set()


@pytest.mark.parametrize("screen_outliers", [True, False])
def test_values_that_never_vary_are_not_judged(screen_outliers):
    # Screened, a constant series has no limits; unscreened, limits of no width.
    result = analyse([100] * 15, screen_outliers=screen_outliers)
    assert result.why_not_judgeable(zero_tolerance=False) == NO_WIDTH
    assert result.judged_groups(zero_tolerance=False) == set()


def test_the_rule_reads_plain_values_and_gives_the_first_reason_that_applies():
    assert why_not_judgeable(0, None, None, zero_tolerance=True) == NO_VALUES
    assert why_not_judgeable(20, 1.0, 2.0, zero_tolerance=True) == ZERO_TOLERANCE
    assert why_not_judgeable(12, 2.0, 2.0, zero_tolerance=False) == TOO_FEW_POINTS
    assert why_not_judgeable(13, 2.0, 2.0, zero_tolerance=False) == NO_WIDTH
    assert why_not_judgeable(13, None, None, zero_tolerance=False) == NO_WIDTH
    assert why_not_judgeable(13, 1.0, 2.0, zero_tolerance=False) is None


def test_each_group_is_judged_on_its_own_points_and_limits():
    # 20 points restarted at 6: the first group holds 6, the second 14.
    result = analyse([10, 12] * 10, rebase_at=[6])
    assert result.judged_groups(zero_tolerance=False) == {1}
    # Restarted at 14, the first group holds 14 and the last only 6.
    result = analyse([10, 12] * 10, rebase_at=[14])
    assert result.judged_groups(zero_tolerance=False) == {0}
    assert result.why_not_judgeable(zero_tolerance=False) == TOO_FEW_POINTS


# Inputs ----------------------------------------------------------------------


def test_decimals_and_ints_are_read_as_floats():
    decimals = analyse([D("10.5"), D("12.5"), D("10.5"), D("12.5")], DECREASE, D("20"))
    floats = analyse([10.5, 12.5, 10.5, 12.5], DECREASE, 20.0)
    assert decimals == floats
    assert isinstance(decimals.points[0].value, float)
    assert isinstance(decimals.target, float)
    assert analyse([10, 12, 10, 12]).mean == 11.0


def test_an_unknown_improvement_direction_is_refused():
    with pytest.raises(ValueError, match="increase, decrease, neutral"):
        analyse([1, 2, 3], "higher")


@pytest.mark.parametrize("value", [None, "12", float("nan"), float("inf"), True])
def test_a_value_that_is_not_a_finite_number_is_refused(value):
    with pytest.raises(ValueError, match="SPC reads"):
        analyse([1, value, 3])


# Real data: NHS England A&E, April 2016 to March 2019 ------------------------

# Barking, Havering and Redbridge (RF4), type 1 departments, from the NHS-R
# Community's NHSRdatasets ae_attendances (/work/shared/data/ae_attendances.csv).
AE_RF4 = Path(__file__).parent / "data" / "ae_attendances_rf4_type1.csv"


def four_hour_performance():
    """(period, percentage seen within four hours) per month, in period order."""
    with AE_RF4.open(newline="") as file:
        rows = sorted(csv.DictReader(file), key=lambda row: row["period"])
    return [
        (row["period"], 100 * (1 - int(row["breaches"]) / int(row["attendances"]))) for row in rows
    ]


def test_four_hour_performance_of_a_real_trust():
    periods, values = zip(*four_hour_performance(), strict=True)
    result = analyse(values, INCREASE, target=95)

    assert len(result.points) == 36
    assert result.why_not_judgeable(zero_tolerance=False) is None
    assert result.upl - result.mean == pytest.approx(result.mean - result.lpl)
    assert {point.classification for point in result.points} <= CLASSIFICATIONS
    assert result.variation in VARIATION_ICONS

    # The limits by hand.
    mean = sum(values) / len(values)
    ranges = [abs(later - earlier) for earlier, later in pairwise(values)]
    average = sum(ranges) / len(ranges)
    kept = [moving_range for moving_range in ranges if moving_range < 3.267 * average]
    average = sum(kept) / len(kept)
    assert result.mean == pytest.approx(mean)
    assert result.upl == pytest.approx(mean + 2.66 * average)
    assert result.lpl == pytest.approx(mean - 2.66 * average)

    # 95% is far above what this process delivers (UPL about 87%).
    assert result.assurance == CONSISTENT_FAIL
    # January 2019 (55%) is below the lower limit (about 69%): a concern.
    january = result.points[periods.index("2019-01-01")]
    assert january.value < result.lpl
    assert (january.rule, january.classification) == (OUTSIDE, CON)
