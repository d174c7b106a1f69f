"""Data roll-up: a parent unit's value of a measure from its children's values.

No Django imports. Counts sum, means average, and ratios are recomputed from
the summed numerators over the summed denominators: a percentage is never an
average of percentages, because a department with ten patients would count
as much as one with a thousand. A child with no value for the period is left
out, and the caller says which ones were missing. A total too large for the
columns a value is kept in is refused (ValueError) rather than made, as a
typed number would be: the caller decides what happens to it.
"""

from decimal import Decimal

from measures.values import LARGEST, Entry, as_stored, fits, ratio_value

SUM = "sum"
MEAN = "mean"
RATIO = "ratio"


def combine(rule, children, multiplier=Decimal(100)):
    """The Entry for the parent from its children's Entries, or None when none has a value."""
    children = [child for child in children if child is not None]
    if not children:
        return None
    if rule == SUM:
        return Entry(_bounded(sum((child.value for child in children), Decimal(0))))
    if rule == MEAN:
        mean = sum((child.value for child in children), Decimal(0)) / len(children)
        return Entry(as_stored(mean))
    if rule == RATIO:
        parts = [child for child in children if child.denominator is not None]
        numerator = _bounded(sum((child.numerator for child in parts), Decimal(0)))
        denominator = _bounded(sum((child.denominator for child in parts), Decimal(0)))
        if not denominator:
            return None
        return Entry(ratio_value(numerator, denominator, multiplier), numerator, denominator)
    raise ValueError(f"A measure with roll-up {rule!r} is not computed from the units below.")


def _bounded(total):
    if not fits(total):
        raise ValueError(
            f"the units below add up to {total.normalize():,f}, "
            f"too large to store (more than {LARGEST:,})"
        )
    return as_stored(total)
