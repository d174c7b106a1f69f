"""Ranking units on one measure, best first. No Django imports.

Higher is better: the highest value first. Lower is better: the lowest
first. Within a range: the shortest distance outside the range first (every
value inside it counts as 0); a value with no range to measure against
cannot be ranked and comes after the others. Ties keep the order given.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

HIGHER = "higher"
LOWER = "lower"
RANGE = "range"


@dataclass(frozen=True)
class RankedValue:
    """One unit's value for the period, with its target (a range's bounds)."""

    key: object
    value: Decimal | None
    lower: Decimal | None = None  # the target, or a range's lower bound
    upper: Decimal | None = None  # a range's upper bound


def shortfall(entry: RankedValue, direction: str) -> Decimal | None:
    """How far the entry is from the best, to sort by: smaller is better; None if unrankable."""
    if entry.value is None:
        return None
    if direction == HIGHER:
        return -entry.value
    if direction == LOWER:
        return entry.value
    if entry.lower is None:
        return None
    upper = entry.upper if entry.upper is not None else entry.lower
    return max(entry.lower - entry.value, entry.value - upper, Decimal(0))


def rank(
    entries: Sequence[RankedValue], direction: str
) -> tuple[list[RankedValue], list[RankedValue]]:
    """(entries with a value best first, entries with no value in the order given)."""
    valued = [entry for entry in entries if entry.value is not None]
    without = [entry for entry in entries if entry.value is None]

    def order(entry: RankedValue) -> tuple[bool, Decimal | int]:
        distance = shortfall(entry, direction)
        return (distance is None, distance or 0)

    return sorted(valued, key=order), without
