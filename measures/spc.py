"""Statistical process control (XmR charts) as NHS "Making Data Count" reads them.

No Django imports: a series of numbers in, an Analysis out. The semantics are
those of NHSRplotthedots v0.2.2, as docs/spc.md and the shared domain note set
out:

limits     per group (a group runs from one rebase to the next), from its
           baseline (its points inside a named baseline period `fix_on`,
           when it has any; else its first `fix_after` points, or all of
           them): the mean,
           and the mean +/- 2.66 times the average moving range, after moving
           ranges of 3.267 times the average or more are screened out.
rules      evaluated within a group only, and the first that fires labels a
           point: outside the limits > a trend of 7 > two of three close to a
           limit on one side > a shift of 7 on one side of the mean.
icons      the variation icon reads the last point; the assurance icon reads
           the target against the last group's limits.

Undefined limits (fewer than two baseline points, or every moving range
screened out, as in a constant series) make every comparison with them false:
nothing is outside or close, and the assurance is "inconsistent".

Choices the domain note leaves open, made here:
- `rebase_at` is a set of indices: order and repeats do not matter, 0 is
  ignored (the first group starts there anyway), and an index outside the
  series is refused, because it can only come from a mistake upstream.
- An empty series has no points, no limits and neither icon (None).
- A trend point between two trends that meet at a repeated value (a flat step
  to the next point, also a trend point) reads as falling, as in
  NHSRplotthedots, which counts any step that is not a rise as a fall: results
  then match the reference implementation's on every series.
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from statistics import fmean

INCREASE = "increase"
DECREASE = "decrease"
NEUTRAL = "neutral"
IMPROVEMENTS = (INCREASE, DECREASE, NEUTRAL)

# Classifications of a point.
COMMON_CAUSE = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
NEUTRAL_HIGH = "special_cause_neutral_high"
NEUTRAL_LOW = "special_cause_neutral_low"

# The rule that labelled a point, in the order they are tried.
OUTSIDE = "outside"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
SHIFT = "shift"

# Assurance icons.
CONSISTENT_PASS = "consistent_pass"
CONSISTENT_FAIL = "consistent_fail"
INCONSISTENT = "inconsistent"

# 2.66 = 3 / d2 with d2 = 1.128 for moving ranges of two points: three sigma.
LIMIT_FACTOR = 2.66
# Written as NHSRplotthedots writes it, so a value on the line compares alike.
TWO_SIGMA_FACTOR = 2 * (LIMIT_FACTOR / 3)
# Moving ranges this many times the average or more are screened out.
SCREENING_FACTOR = 3.267
RUN_LENGTH = 7
# A shift still going this many points after the rule first flags it is sustained:
# Making Data Count's cue to ask whether the process has changed and the limits
# should be worked out again from where it began.
SUSTAINED_AFTER = 3
# MDC: fewer points in a group than this are too few to judge.
MIN_POINTS_FOR_LIMITS = 13

# Why a page shows no limits or icons for a group (why_not_judgeable).
NO_VALUES = "no_values"
ZERO_TOLERANCE = "zero_tolerance"
TOO_FEW_POINTS = "too_few_points"
NO_WIDTH = "no_width"
# Not a property of the numbers: the measure is charted without limits (a run
# chart) because its values accumulate or are judged only against a target.
RUN_CHART = "run_chart"
# Nor this: a rare-event measure is charted by the gaps between its events
# (measures/rare_events.py), not by its monthly counts.
RARE_EVENTS = "rare_events"
# Limits fixed on a named baseline period with too few values in it yet (measures.lines).
THIN_BASELINE = "thin_baseline"

ABOVE = 1
BELOW = -1

# What the series and target may be given as; each is read as a float.
Number = int | float | Decimal

_VARIATION_ICONS = {
    (IMPROVEMENT, INCREASE): "improvement_high",
    (IMPROVEMENT, DECREASE): "improvement_low",
    (CONCERN, INCREASE): "concern_low",
    (CONCERN, DECREASE): "concern_high",
    (NEUTRAL_HIGH, NEUTRAL): "neither_high",
    (NEUTRAL_LOW, NEUTRAL): "neither_low",
}


@dataclass(frozen=True)
class Limits:
    """A group's centre line and limits; all but the mean None when undefined."""

    mean: float
    average_moving_range: float | None

    @property
    def upl(self) -> float | None:
        return self._line(LIMIT_FACTOR)

    @property
    def lpl(self) -> float | None:
        return self._line(-LIMIT_FACTOR)

    @property
    def upper_two_sigma(self) -> float | None:
        return self._line(TWO_SIGMA_FACTOR)

    @property
    def lower_two_sigma(self) -> float | None:
        return self._line(-TWO_SIGMA_FACTOR)

    def _line(self, factor: float) -> float | None:
        if self.average_moving_range is None:
            return None
        return self.mean + factor * self.average_moving_range

    def is_outside(self, value: float) -> bool:
        upl, lpl = self.upl, self.lpl
        if upl is None or lpl is None:
            return False
        return value > upl or value < lpl

    def is_close(self, value: float) -> bool:
        """Beyond a 2-sigma line but not outside: a point on the UPL is close."""
        upper, lower = self.upper_two_sigma, self.lower_two_sigma
        if upper is None or lower is None or self.is_outside(value):
            return False
        return value > upper or value < lower


@dataclass(frozen=True)
class Point:
    """One value of the series, read against the limits of its group."""

    value: float
    group: int
    mean: float
    lpl: float | None
    upl: float | None
    lower_two_sigma: float | None
    upper_two_sigma: float | None
    classification: str
    # The rule that labelled the point (OUTSIDE, TREND, ...), None for common cause.
    rule: str | None

    @property
    def is_special_cause(self) -> bool:
        return self.classification != COMMON_CAUSE


@dataclass(frozen=True)
class Analysis:
    """The chart of a series: its points, the last group's limits and the two icons."""

    points: tuple[Point, ...]
    improvement: str
    target: float | None
    mean: float | None
    lpl: float | None
    upl: float | None
    # The icon names, None for an empty series (variation) or where no icon applies.
    variation: str | None
    assurance: str | None

    @property
    def last_group_size(self) -> int:
        if not self.points:
            return 0
        last = self.points[-1].group
        return sum(1 for point in self.points if point.group == last)

    def why_not_judgeable(self, *, zero_tolerance: bool) -> str | None:
        """Why a page may not show the last group's limits and icons, or None when it may."""
        return why_not_judgeable(
            self.last_group_size, self.lpl, self.upl, zero_tolerance=zero_tolerance
        )

    def judged_groups(self, *, zero_tolerance: bool) -> set[int]:
        """The groups (numbered from 0) whose limits a page may draw, by why_not_judgeable."""
        sizes = Counter(point.group for point in self.points)
        limits_of = {point.group: (point.lpl, point.upl) for point in self.points}
        return {
            group
            for group, size in sizes.items()
            if why_not_judgeable(size, *limits_of[group], zero_tolerance=zero_tolerance) is None
        }


def why_not_judgeable(
    points: int, lpl: float | None, upl: float | None, *, zero_tolerance: bool
) -> str | None:
    """Why a page may not show a group's limits and icons, or None when it may.

    The one rule every page follows (docs/spc.md, "Showing it"), checked in
    this order: a group of no points has nothing to judge (NO_VALUES); a
    zero-tolerance measure (never events) is nearly always 0, so its limits
    collapse onto the mean and an XmR chart would call every quiet month an
    improvement and the target of zero a certain failure (ZERO_TOLERANCE);
    fewer than MIN_POINTS_FOR_LIMITS points are too few to tell a real change
    from noise (TOO_FEW_POINTS); and limits with no width, as a series that
    barely varies has, cannot tell one either (NO_WIDTH).
    """
    if points == 0:
        return NO_VALUES
    if zero_tolerance:
        return ZERO_TOLERANCE
    if points < MIN_POINTS_FOR_LIMITS:
        return TOO_FEW_POINTS
    if upl is None or lpl is None or upl <= lpl:
        return NO_WIDTH
    return None


def analyse(
    values: Iterable[Number],
    improvement: str = INCREASE,
    target: Number | None = None,
    *,
    rebase_at: Iterable[int] = (),
    fix_after: int | None = None,
    fix_on: tuple[int, int] | None = None,
    screen_outliers: bool = True,
) -> Analysis:
    """The Analysis of `values` (in period order) for a measure improving in `improvement`.

    `fix_on` is a named baseline period as the [start, end) positions of its
    values: a group with values inside it fixes its limits on those.
    """
    if improvement not in IMPROVEMENTS:
        raise ValueError(
            f"Improvement must be one of {', '.join(IMPROVEMENTS)}, not {improvement!r}."
        )
    if fix_after is not None and fix_after < 1:
        raise ValueError(f"Limits need at least one point to be fixed after, not {fix_after}.")
    floats = [_as_float(value) for value in values]
    target_float = None if target is None else _as_float(target)
    points: list[Point] = []
    last_limits = None
    for group, (start, end) in enumerate(_group_bounds(rebase_at, len(floats))):
        series = floats[start:end]
        baseline = _baseline(floats, start, end, fix_after, fix_on)
        last_limits = limits(baseline, screen_outliers=screen_outliers)
        points.extend(_group_points(series, group, last_limits, improvement))
    if last_limits is None:
        return Analysis((), improvement, target_float, None, None, None, None, None)
    return Analysis(
        points=tuple(points),
        improvement=improvement,
        target=target_float,
        mean=last_limits.mean,
        lpl=last_limits.lpl,
        upl=last_limits.upl,
        variation=_variation(points[-1].classification, improvement),
        assurance=_assurance(target_float, improvement, last_limits),
    )


def sustained_shift_start(analysis: Analysis) -> int | None:
    """Where a sustained shift began, as an index into the series, or None.

    A shift is sustained when the latest point is in a run on one side of its
    group's mean of at least RUN_LENGTH + SUSTAINED_AFTER points, and the run
    began after the group did (from the group's start, restarting the limits
    there would change nothing). A point on the mean breaks a run.
    """
    points = analysis.points
    if not points:
        return None
    last = points[-1]
    side = _side(last.value, last.mean)
    if side == 0:
        return None
    start = len(points) - 1
    while (
        start > 0
        and points[start - 1].group == last.group
        and _side(points[start - 1].value, points[start - 1].mean) == side
    ):
        start -= 1
    begins_group = start == 0 or points[start - 1].group != last.group
    if len(points) - start < RUN_LENGTH + SUSTAINED_AFTER or begins_group:
        return None
    return start


def limits(baseline: Sequence[float], *, screen_outliers: bool = True) -> Limits:
    """The Limits computed from `baseline`, a non-empty list of floats."""
    mean = fmean(baseline)
    ranges = [abs(later - earlier) for earlier, later in pairwise(baseline)]
    if not ranges:
        return Limits(mean, None)
    average = fmean(ranges)
    if screen_outliers:
        # Strictly below: a constant series keeps no range (0 < 0 is false), so
        # its limits are undefined rather than collapsed onto the mean.
        threshold = SCREENING_FACTOR * average
        ranges = [moving_range for moving_range in ranges if moving_range < threshold]
        return Limits(mean, fmean(ranges) if ranges else None)
    return Limits(mean, average)


def _as_float(number: object) -> float:
    if isinstance(number, bool) or not isinstance(number, (int, float, Decimal)):
        raise ValueError(f"SPC reads numbers, not {number!r}.")
    number = float(number)
    if not math.isfinite(number):
        raise ValueError(f"SPC reads finite numbers, not {number}.")
    return number


def _baseline(
    floats: list[float],
    start: int,
    end: int,
    fix_after: int | None,
    fix_on: tuple[int, int] | None,
) -> list[float]:
    """The points the limits of the group [start, end) are worked out from."""
    if fix_on is not None:
        inside = floats[max(start, fix_on[0]) : min(end, fix_on[1])]
        if inside:
            return inside
    series = floats[start:end]
    return series if fix_after is None else series[:fix_after]


def _group_bounds(rebase_at: Iterable[int], length: int) -> list[tuple[int, int]]:
    """(start, end) of each group; a rebase is where a new group starts."""
    starts = set()
    for index in rebase_at:
        if index == 0:
            continue
        if not 0 < index < length:
            raise ValueError(f"A rebase at {index} is outside the {length} values.")
        starts.add(index)
    if not length:
        return []
    bounds = [0, *sorted(starts), length]
    return list(pairwise(bounds))


def _group_points(
    series: Sequence[float], group: int, group_limits: Limits, improvement: str
) -> list[Point]:
    sides = [_side(value, group_limits.mean) for value in series]
    outside = [group_limits.is_outside(value) for value in series]
    close = [group_limits.is_close(value) for value in series]
    trend = _trend_directions(series)
    two_of_three = _two_of_three(close, sides)
    shift = _shift(sides)

    points = []
    rule: str | None
    for index, value in enumerate(series):
        # The first rule that fires labels the point, in MDC's order.
        if outside[index]:
            rule, direction = OUTSIDE, sides[index]
        elif trend[index]:
            rule, direction = TREND, trend[index]
        elif two_of_three[index]:
            rule, direction = TWO_OF_THREE, sides[index]
        elif shift[index]:
            rule, direction = SHIFT, sides[index]
        else:
            rule, direction = None, 0
        points.append(
            Point(
                value=value,
                group=group,
                mean=group_limits.mean,
                lpl=group_limits.lpl,
                upl=group_limits.upl,
                lower_two_sigma=group_limits.lower_two_sigma,
                upper_two_sigma=group_limits.upper_two_sigma,
                classification=_classification(direction, improvement),
                rule=rule,
            )
        )
    return points


def _side(value: float, mean: float) -> int:
    """ABOVE, BELOW or 0 for a value exactly on the mean."""
    return (value > mean) - (value < mean)


def _windows(length: int, size: int) -> list[range]:
    """The index ranges of every run of `size` consecutive points."""
    return [range(start, start + size) for start in range(length - size + 1)]


def _trend_directions(series: Sequence[float]) -> list[int]:
    """Per point, ABOVE (rising) or BELOW (falling) when part of a trend, else 0.

    A trend is a run of 7 points with 6 strict rises or 6 strict falls; a
    repeated value breaks it, and it may cross the mean.
    """
    steps = [_side(later, earlier) for earlier, later in pairwise(series)]
    in_trend = [False] * len(series)
    for window in _windows(len(series), RUN_LENGTH):
        window_steps = {steps[index] for index in window[:-1]}
        if window_steps in ({ABOVE}, {BELOW}):
            for index in window:
                in_trend[index] = True

    directions = []
    for index, trending in enumerate(in_trend):
        if not trending:
            directions.append(0)
            continue
        # The step to the next point when both are trend points, so the peak
        # shared by a rising and a falling trend reads as falling; a flat step
        # there reads as falling too, as in NHSRplotthedots. Otherwise the
        # point ends its trend, and the step from the previous point is strict
        # by construction.
        if index + 1 < len(series) and in_trend[index + 1]:
            directions.append(ABOVE if steps[index] == ABOVE else BELOW)
        else:
            directions.append(steps[index - 1])
    return directions


def _two_of_three(close: Sequence[bool], sides: Sequence[int]) -> list[bool]:
    """Per point, whether it is close and in a window of three, two or more close,
    all strictly on one side of the mean. The third point is flagged only if close."""
    flagged = [False] * len(close)
    for window in _windows(len(close), 3):
        same_side = abs(sum(sides[index] for index in window)) == 3
        if same_side and sum(close[index] for index in window) >= 2:
            for index in window:
                flagged[index] = flagged[index] or close[index]
    return flagged


def _shift(sides: Sequence[int]) -> list[bool]:
    """Per point, whether it is in a run of 7 on the same side; the mean breaks a run."""
    flagged = [False] * len(sides)
    for window in _windows(len(sides), RUN_LENGTH):
        if {sides[index] for index in window} in ({ABOVE}, {BELOW}):
            for index in window:
                flagged[index] = True
    return flagged


def _classification(direction: int, improvement: str) -> str:
    if direction == 0:
        return COMMON_CAUSE
    if improvement == NEUTRAL:
        return NEUTRAL_HIGH if direction == ABOVE else NEUTRAL_LOW
    better = ABOVE if improvement == INCREASE else BELOW
    return IMPROVEMENT if direction == better else CONCERN


def _variation(classification: str, improvement: str) -> str:
    if classification == COMMON_CAUSE:
        return "common_cause"
    return _VARIATION_ICONS[(classification, improvement)]


def _assurance(target: float | None, improvement: str, group_limits: Limits) -> str | None:
    """Whether the process will meet the target: only when both limits fall on one side."""
    if target is None or improvement == NEUTRAL:
        return None
    upl, lpl = group_limits.upl, group_limits.lpl
    if upl is None or lpl is None:
        return INCONSISTENT
    # A target exactly on a limit is within the process's reach: hit and miss.
    if target > upl:
        return CONSISTENT_FAIL if improvement == INCREASE else CONSISTENT_PASS
    if target < lpl:
        return CONSISTENT_PASS if improvement == INCREASE else CONSISTENT_FAIL
    return INCONSISTENT
