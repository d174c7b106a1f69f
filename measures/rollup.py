"""Data roll-up: a parent unit's value of a measure from its children's values.

No Django imports. Counts sum, means average, and ratios are recomputed from
the summed numerators over the summed denominators: a percentage is never an
average of percentages, because a department with ten patients would count
as much as one with a thousand. A child with no value for the period is left
out, and the caller says which ones were missing. A total too large for the
columns a value is kept in is refused (ValueError) rather than made, as a
typed number would be: the caller decides what happens to it.
"""

from collections.abc import Iterable
from decimal import Decimal

from measures.values import LARGEST, MeasuredValue, as_stored, fits, ratio_value

SUM = "sum"
MEAN = "mean"
RATIO = "ratio"


def combine(
    rule: str, children: Iterable[MeasuredValue | None], multiplier: Decimal = Decimal(100)
) -> MeasuredValue | None:
    """The MeasuredValue for the parent from its children's, or None when none has a value."""
    present = [child for child in children if child is not None]
    if not present:
        return None
    if rule == SUM:
        return MeasuredValue(_bounded(sum((child.value for child in present), Decimal(0))))
    if rule == MEAN:
        mean = sum((child.value for child in present), Decimal(0)) / len(present)
        return MeasuredValue(as_stored(mean))
    if rule == RATIO:
        # A value has both parts or neither (the database holds observations to it).
        parts = [
            (child.numerator, child.denominator)
            for child in present
            if child.numerator is not None and child.denominator is not None
        ]
        numerator = _bounded(sum((top for top, _ in parts), Decimal(0)))
        denominator = _bounded(sum((bottom for _, bottom in parts), Decimal(0)))
        if not denominator:
            return None
        return MeasuredValue(
            ratio_value(numerator, denominator, multiplier), numerator, denominator
        )
    raise ValueError(f"A measure with roll-up {rule!r} is not computed from the units below.")


def _bounded(total: Decimal) -> Decimal:
    if not fits(total):
        raise ValueError(
            f"the units below add up to {total.normalize():,f}, "
            f"too large to store (more than {LARGEST:,})"
        )
    return as_stored(total)
