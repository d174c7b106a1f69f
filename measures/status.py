"""A measure's status for a period, from its value and the target in force.

No Django imports. The rules, with the target T, the amber tolerance t and the
action trigger A (all in the measure's own unit):

higher is better   on target at T or above; within tolerance from T - t up to
                   T; off target below T - t; past the trigger below A.
lower is better    on target at T or below; within tolerance up to T + t;
                   off target above T + t; past the trigger above A.
within a range     on target from T to the upper bound U; within tolerance
                   within t outside either bound; off target further out. A
                   trigger below T is passed below it, one above U above it.
zero tolerance     any occurrence (a value above zero) is off target and past
                   the trigger, whatever the target says: never events.

A missing value is "no data", never on target. A value with no target in force
is "no target". The trigger is passed only strictly beyond it: a value equal to
the trigger is the last acceptable one.

A value is judged as it is shown: at its measure's decimal places (at_precision),
so a ratio of 94.995% shown as "95.0%" is on a target of 95%, as it reads.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import overload

HIGHER = "higher"
LOWER = "lower"
RANGE = "range"


class Status(Enum):
    ON_TARGET = ("on_target", "On target")
    WITHIN_TOLERANCE = ("within_tolerance", "Within tolerance")
    OFF_TARGET = ("off_target", "Off target")
    NO_TARGET = ("no_target", "No target")
    NO_DATA = ("no_data", "No data")

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label

    def __str__(self) -> str:
        return self.label


@overload
def at_precision(value: Decimal, decimals: int) -> Decimal: ...
@overload
def at_precision(value: None, decimals: int) -> None: ...
@overload
def at_precision(value: Decimal | None, decimals: int) -> Decimal | None: ...
def at_precision(value: Decimal | None, decimals: int) -> Decimal | None:
    """`value` rounded to `decimals` places, a half away from zero: the number the pages show.

    Half away from zero, as a spreadsheet rounds, so 2.25 shown to one place is 2.3
    here and in an exported XLSX alike.
    """
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Threshold:
    """The target in force, reduced to what status needs."""

    value: Decimal
    tolerance: Decimal = Decimal(0)
    upper_value: Decimal | None = None
    action_trigger: Decimal | None = None


def status(
    value: Decimal | None,
    direction: str,
    threshold: Threshold | None,
    *,
    zero_tolerance: bool = False,
) -> Status:
    """The Status of `value` (None when missing) against `threshold` (None when no target)."""
    if value is None:
        return Status.NO_DATA
    if zero_tolerance and value > 0:
        return Status.OFF_TARGET
    if threshold is None:
        # A zero-tolerance measure's target is zero whether or not one is written down.
        return Status.ON_TARGET if zero_tolerance else Status.NO_TARGET
    short = shortfall(value, direction, threshold)
    if short <= 0:
        return Status.ON_TARGET
    if short <= threshold.tolerance:
        return Status.WITHIN_TOLERANCE
    return Status.OFF_TARGET


def upper_bound(threshold: Threshold) -> Decimal:
    """The top of a within-range target: its upper value, or the target itself."""
    return threshold.upper_value if threshold.upper_value is not None else threshold.value


def shortfall(value: Decimal, direction: str, threshold: Threshold) -> Decimal:
    """How far `value` falls short of the target, in the measure's unit (<= 0: met, and
    how far beyond it)."""
    if direction == HIGHER:
        return threshold.value - value
    if direction == LOWER:
        return value - threshold.value
    return max(threshold.value - value, value - upper_bound(threshold))


def past_trigger(
    value: Decimal | None,
    direction: str,
    threshold: Threshold | None,
    *,
    zero_tolerance: bool = False,
) -> bool:
    """Whether `value` is past the action trigger, so corrective action is required."""
    if value is None:
        return False
    if zero_tolerance and value > 0:
        return True
    if threshold is None or threshold.action_trigger is None:
        return False
    trigger = threshold.action_trigger
    if direction == HIGHER:
        return value < trigger
    if direction == LOWER:
        return value > trigger
    if trigger < threshold.value:
        return value < trigger
    return trigger > upper_bound(threshold) and value > trigger
