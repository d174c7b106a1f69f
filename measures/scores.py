"""Scores: a 0-10 number per measure, and weighted roll-ups to objectives, perspectives, units.

No Django imports. The score follows Spider Impact's model (the best
documented in commercial tools): meeting the target scores 6.6, the "red
flag" 3.3, linear between and beyond, capped at 0 and 10. Its red flag is
our amber bound, the target less the tolerance, so that a score always says
the same as the status: 6.6 and above is on target, 3.3 up to 6.6 is within
tolerance, below 3.3 is off target. Where a measure has no tolerance the
distance from the target to its action trigger sets the scale, and failing
that a tenth of the target (see `scale`).

A parent's score is the weighted average of its children's, leaving out those
with no score (no data, or no target) and renormalising the weights; beside
it goes the count of its measures by status ("26 of 40 on target").
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from measures.status import Status, Threshold, shortfall

GOAL = 6.6
RED_FLAG = 3.3
TOP = 10.0


def scale(target: Decimal, tolerance: Decimal, action_trigger: Decimal | None) -> float:
    """The distance that one step of 3.3 points stands for, in the measure's unit."""
    if tolerance:
        return float(tolerance)
    if action_trigger is not None and action_trigger != target:
        return abs(float(target) - float(action_trigger))
    return abs(float(target)) / 10 or 1.0


def measure_score(
    value: Decimal | None,
    direction: str,
    threshold: Threshold | None,
    *,
    zero_tolerance: bool = False,
) -> float | None:
    """The 0-10 score of a value against its target, or None with no value or no target."""
    if value is None:
        return None
    if zero_tolerance:
        return TOP if value <= 0 else 0.0
    if threshold is None:
        return None
    short = float(shortfall(Decimal(str(value)), direction, threshold))
    tolerance = float(threshold.tolerance or 0)
    step = scale(threshold.value, threshold.tolerance, threshold.action_trigger)
    if short <= 0:
        score = GOAL + RED_FLAG * -short / step
    elif short <= tolerance:
        score = GOAL - RED_FLAG * short / tolerance
    else:
        score = RED_FLAG - RED_FLAG * (short - tolerance) / step
    return min(TOP, max(0.0, score))


def status_of_score(score: float | None) -> Status:
    """The status a rolled-up score stands for: the same bands as a measure's."""
    if score is None:
        return Status.NO_DATA
    if score >= GOAL:
        return Status.ON_TARGET
    if score >= RED_FLAG:
        return Status.WITHIN_TOLERANCE
    return Status.OFF_TARGET


@dataclass(frozen=True)
class Rollup:
    """A parent's score (None when no child has one), status, and its measures by status."""

    score: float | None
    counts: Counter[Status] = field(default_factory=Counter)

    @property
    def status(self) -> Status:
        unjudged = self.counts[Status.NO_TARGET] and not self.counts[Status.NO_DATA]
        if self.score is None and unjudged:
            # Values, but nothing to judge them against: say so rather than "no data".
            return Status.NO_TARGET
        return status_of_score(self.score)

    @property
    def measure_count(self) -> int:
        return sum(self.counts.values())

    @property
    def on_target(self) -> int:
        return self.counts[Status.ON_TARGET]

    @property
    def in_words(self) -> str:
        """ "26 of 40 on target", with what the rest are."""
        if not self.measure_count:
            return "No measures"
        text = f"{self.on_target} of {self.measure_count} on target"
        others = [
            f"{self.counts[status]} {status.label.lower()}"
            for status in Status
            if status is not Status.ON_TARGET and self.counts[status]
        ]
        return f"{text} ({', '.join(others)})" if others else text


def roll_up(children: Iterable[tuple[Decimal | float, Rollup]]) -> Rollup:
    """The Rollup of (weight, Rollup) pairs: weights renormalised over those with a score."""
    counts: Counter[Status] = Counter()
    total = weights = 0.0
    for weight, child in children:
        counts.update(child.counts)
        if child.score is not None and weight:
            total += float(weight) * child.score
            weights += float(weight)
    return Rollup(total / weights if weights else None, counts)


def of_measure(score: float | None, status: Status) -> Rollup:
    """A measure as a leaf of the roll-up."""
    return Rollup(score, Counter({status: 1}))


def score_text(score: float | None) -> str:
    """A score to one decimal, rounded down so it never shows a better band than it is in:
    6.59 (within tolerance) reads 6.5, not 6.6."""
    if score is None:
        return "–"
    return f"{math.floor(score * 10 + 1e-9) / 10:.1f}"
