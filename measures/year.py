"""A measure's financial year: its year-to-date figure and its annual threshold.

No Django imports. The NHS financial year runs from April to March. How a
measure's year to date is formed is on its sheet (Measure.year_to_date):

sum      the year's values added up: counts, activity, money (C. difficile
         cases so far this year, never events, elective spells).
ratio    the year's numerators over the year's denominators, times the
         measure's multiplier: the year's percentage, not the mean of twelve
         monthly percentages (a month with twice the patients counts twice).
latest   the year's latest value: the measure is itself a year-to-date figure
         (income and expenditure against plan, year to date).
none     no year-to-date figure.

An annual threshold (on the target in force, Target.annual_threshold) is a
ceiling or a floor on the year's total, so it goes with the sum rule only:

lower is better    breached as soon as the total passes the ceiling: the
                   61st C. difficile case of a 60-case year breaches it in
                   January, and the rest of the year stays breached.
higher is better   breached when the year has ended below the floor.

Before then the total is compared with the threshold's share of the year so
far ("pro rata"): a ceiling of 60 allows 40 by November (8 of 12 months), so
42 is above its pro-rata share. Being off pace is said, not scored: the month's
own status stands until the threshold is breached.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

SUM = "sum"
RATIO = "ratio"
LATEST = "latest"
NONE = "none"

LOWER = "lower"
HIGHER = "higher"


class PartsReading(Protocol):
    """A value with its parts: an Observation, or a row of them."""

    @property
    def value(self) -> Decimal: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...


def year_to_date(
    readings: Sequence[PartsReading], rule: str, multiplier: Decimal = Decimal(100)
) -> Decimal | None:
    """The year-to-date figure of a year's readings so far (oldest first) by `rule`, or None
    when there is none: no rule, no readings, or a ratio with no denominator yet."""
    if rule == NONE or not readings:
        return None
    if rule == LATEST:
        return readings[-1].value
    if rule == SUM:
        return sum((reading.value for reading in readings), Decimal(0))
    if rule == RATIO:
        numerator = _total(reading.numerator for reading in readings)
        denominator = _total(reading.denominator for reading in readings)
        return numerator / denominator * multiplier if denominator else None
    raise ValueError(f"Unknown year-to-date rule {rule!r}")


def _total(parts: Iterable[Decimal | None]) -> Decimal:
    return sum((part for part in parts if part is not None), Decimal(0))


@dataclass(frozen=True)
class AnnualCheck:
    """A year's total so far against its annual threshold."""

    total: Decimal
    threshold: Decimal
    direction: str
    elapsed: int  # periods of the year so far, the current one included
    periods_per_year: int

    @property
    def pace(self) -> Decimal:
        """The threshold's share of the year so far: what the total may be by now."""
        return self.threshold * self.elapsed / self.periods_per_year

    @property
    def year_over(self) -> bool:
        return self.elapsed >= self.periods_per_year

    @property
    def breached(self) -> bool:
        if self.direction == LOWER:
            return self.total > self.threshold
        return self.year_over and self.total < self.threshold

    @property
    def off_pace(self) -> bool:
        """Ahead of a ceiling's pace, or behind a floor's, but not (yet) breached."""
        if self.breached:
            return False
        if self.direction == LOWER:
            return self.total > self.pace
        return self.total < self.pace

    @property
    def word(self) -> str:
        return "ceiling" if self.direction == LOWER else "floor"

    @property
    def is_zero_tolerance(self) -> bool:
        """A ceiling of none: one event breaches the year (never events)."""
        return self.direction == LOWER and self.threshold == 0


def annual_check(
    total: Decimal | None,
    threshold: Decimal | None,
    direction: str,
    elapsed: int,
    periods_per_year: int,
) -> AnnualCheck | None:
    """The year's total checked against its annual threshold, or None without either."""
    if total is None or threshold is None or direction not in (LOWER, HIGHER):
        return None
    return AnnualCheck(total, threshold, direction, elapsed, periods_per_year)
