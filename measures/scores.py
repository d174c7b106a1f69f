"""Scores: a 0-10 number per measure, and weighted roll-ups to objectives, perspectives, units.

No Django imports. The score follows Spider Impact's model (the best
documented in commercial tools): meeting the target scores 6.6, the "red
flag" 3.3, linear between and beyond, capped at 0 and 10. Its red flag is
our amber bound, the target less the tolerance, so that a score always says
the same as the status: 6.6 and above is on target, 3.3 up to 6.6 is within
tolerance, below 3.3 is off target. Where a measure has no tolerance the
distance from the target to its action trigger sets the scale, and failing
that a tenth of the target (see `scale`).

A parent's score follows its framework's rule (RollupRule): the weighted
average of its children's (leaving out those with no score, no data or no
target, and renormalising the weights), the worst of them, or the average
capped by the band of its worst measure. Whatever the rule, a must-not-fail
(zero-tolerance) measure off target caps every level above it at off target,
unless the framework turns that off: a never event cannot be averaged away.
Beside each score goes the count of its measures by status ("26 of 40 on
target"), and why it was capped, if it was.
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

# The highest score a capped roll-up may show in each band, as the pages write
# it (one place, rounded down): 3.2 is off target, 6.5 within tolerance.
CAP = {"off_target": 3.2, "within_tolerance": 6.5}

# How a parent's score is made from its children's (RollupRule.method).
WEIGHTED_AVERAGE = "weighted_average"
WORST = "worst"
CAPPED_AVERAGE = "capped_average"
METHOD_WORDS = {
    WEIGHTED_AVERAGE: "the weighted average of the scores below",
    WORST: "the worst of the scores below",
    CAPPED_AVERAGE: (
        "the weighted average of the scores below, capped by the band of the worst "
        "measure (no higher than 6.5 with a measure within tolerance, 3.2 with one off target)"
    ),
}


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


# Scores are floats: three measures at the edge of their tolerance (3.3 each)
# average to 3.2999999999999994, which must still read within tolerance.
SCORE_SLACK = 1e-9


def status_of_score(score: float | None) -> Status:
    """The status a rolled-up score stands for: the same bands as a measure's."""
    if score is None:
        return Status.NO_DATA
    if score >= GOAL - SCORE_SLACK:
        return Status.ON_TARGET
    if score >= RED_FLAG - SCORE_SLACK:
        return Status.WITHIN_TOLERANCE
    return Status.OFF_TARGET


@dataclass(frozen=True)
class RollupRule:
    """How a framework rolls scores up: its method, and whether a must-not-fail
    measure off target caps every level above it (scorecard.models.Framework)."""

    method: str = WEIGHTED_AVERAGE
    must_not_fail_caps: bool = True

    @property
    def in_words(self) -> str:
        """The rule as each page that shows a rolled-up score states it."""
        text = f"Each objective, perspective and unit scores {METHOD_WORDS[self.method]}"
        if self.must_not_fail_caps:
            return (
                f"{text}; a must-not-fail measure off target caps every level above it at "
                "3.2, off target."
            )
        return f"{text}."


@dataclass(frozen=True)
class Rollup:
    """A parent's score (None when no child has one), status, and its measures by status."""

    score: float | None
    counts: Counter[Status] = field(default_factory=Counter)
    # Must-not-fail measures off target below it: they cap it, by default.
    must_not_fail_off: int = 0
    # Why the score is lower than its rule's average, in words; "" when it is not.
    capped: str = ""

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


def roll_up(
    children: Iterable[tuple[Decimal | float, Rollup]], rule: RollupRule = RollupRule()
) -> Rollup:
    """The Rollup of (weight, Rollup) pairs under `rule`: weights renormalised over those
    with a score."""
    children = list(children)
    counts: Counter[Status] = Counter()
    must_not_fail_off = 0
    for _, child in children:
        counts.update(child.counts)
        must_not_fail_off += child.must_not_fail_off
    scored = [
        (float(weight), child.score) for weight, child in children if child.score is not None
    ]
    scored = [(weight, score) for weight, score in scored if weight]
    score = None
    if scored and rule.method == WORST:
        score = min(score for _, score in scored)
    elif scored:
        score = sum(weight * score for weight, score in scored) / sum(w for w, _ in scored)
    score, capped = _capped(score, counts, must_not_fail_off, rule)
    return Rollup(score, counts, must_not_fail_off, capped)


def _capped(
    score: float | None, counts: Counter[Status], must_not_fail_off: int, rule: RollupRule
) -> tuple[float | None, str]:
    """The score under the rule's caps, and why it was capped ("" when it was not).

    A score at its cap already says why too: a perspective whose one objective
    was capped averages to the cap, and is there for the same reason.
    """
    if score is None:
        return score, ""
    if rule.must_not_fail_caps and must_not_fail_off and score >= CAP["off_target"]:
        measures = "measure" if must_not_fail_off == 1 else "measures"
        why = f"{must_not_fail_off} must-not-fail {measures} off target"
        return CAP["off_target"], _capped_words(score, CAP["off_target"], why)
    if rule.method != CAPPED_AVERAGE:
        return score, ""
    for status in (Status.OFF_TARGET, Status.WITHIN_TOLERANCE):
        cap = CAP[status.key]
        if counts[status] and score >= cap:
            why = f"{counts[status]} {status.label.lower()}"
            return cap, _capped_words(score, cap, why)
    return score, ""


def _capped_words(score: float, cap: float, why: str) -> str:
    """ "Capped from 7.0 to 3.2: 3 off target", or "Capped at 3.2: ..." when it was there."""
    before, after = score_text(score), score_text(cap)
    if before == after:
        return f"Capped at {after}: {why}"
    return f"Capped from {before} to {after}: {why}"


def of_measure(score: float | None, status: Status, *, must_not_fail: bool = False) -> Rollup:
    """A measure as a leaf of the roll-up; a must-not-fail one off target caps those above."""
    breached = must_not_fail and status is Status.OFF_TARGET
    return Rollup(score, Counter({status: 1}), must_not_fail_off=int(breached))


def score_text(score: float | None) -> str:
    """A score to one decimal, rounded down so it never shows a better band than it is in:
    6.59 (within tolerance) reads 6.5, not 6.6."""
    if score is None:
        return "–"
    return f"{math.floor(score * 10 + SCORE_SLACK) / 10:.1f}"
