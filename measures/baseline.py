"""A measure's baseline: where it stands before its target, from its recent values."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean, median

BASELINE_LENGTH = 12


@dataclass(frozen=True)
class Baseline:
    count: int
    mean: float
    median: float
    low: float
    high: float


def baseline(values: Iterable[Decimal | float], length: int = BASELINE_LENGTH) -> Baseline | None:
    """Summary of the last `length` values (oldest first), or None when there are none."""
    recent = [float(v) for v in values][-length:]
    if not recent:
        return None
    return Baseline(len(recent), mean(recent), median(recent), min(recent), max(recent))
