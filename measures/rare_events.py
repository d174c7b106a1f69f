"""Charts of rare events: a t-chart of the days between events, a g-chart of the cases between.

No Django imports. Never events and MRSA bacteraemia happen a few times a
year, so a monthly count is nearly always 0 and an XmR chart of it says
nothing (its limits collapse onto the mean). Making Data Count advises
charting the gaps between events instead: a longer gap is better, a shorter
one a warning.

t-chart    the days between consecutive events (Nelson, 1994). Times between
           events are skewed, so each is raised to the power 1/3.6, which
           makes them close to normal; an XmR chart is worked out on those
           (mean, and the mean +/- `factor` times the average moving range)
           and its lines raised back to the power 3.6. The centre line is the
           transformed mean brought back; a lower limit below zero is zero.
g-chart    the cases (operations, admissions, patient days) between events,
           a geometric count (Benneyan, 1998): the limits are the mean plus
           three of sqrt(mean x (mean + 1)), and nothing below zero; the
           centre line drawn is the median, as the distribution is skewed.

A gap above the upper limit is a special cause of improvement (events have
become rarer); on a t-chart a gap below the lower limit is one of concern.
The gap still open (since the latest event, to today) is read against the
same limits: a quiet spell longer than the upper limit is itself a signal.
Limits need MIN_GAPS gaps or more.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, median

from measures.spc import LIMIT_FACTOR

T_POWER = 3.6
MIN_GAPS = 3

T_CHART = "t"
G_CHART = "g"

IMPROVEMENT = "improvement"
CONCERN = "concern"


@dataclass(frozen=True)
class RareChart:
    """The gaps between events and the lines they are read against."""

    kind: str  # T_CHART or G_CHART
    gaps: tuple[float, ...]
    centre: float | None
    lower: float | None
    upper: float | None

    @property
    def judged(self) -> bool:
        return self.upper is not None

    def signal(self, gap: float) -> str | None:
        """IMPROVEMENT for a gap above the upper limit, CONCERN below the lower, else None."""
        if self.upper is None or self.lower is None:
            return None
        if gap > self.upper:
            return IMPROVEMENT
        if gap < self.lower:
            return CONCERN
        return None


def t_chart(days_between: Sequence[float], factor: float = LIMIT_FACTOR) -> RareChart:
    """The t-chart of the days between events (oldest first)."""
    gaps = tuple(float(days) for days in days_between)
    if len(gaps) < MIN_GAPS:
        return RareChart(T_CHART, gaps, None, None, None)
    transformed = [gap ** (1 / T_POWER) for gap in gaps]
    mean = fmean(transformed)
    spread = factor * fmean(abs(b - a) for a, b in zip(transformed, transformed[1:], strict=False))
    low = mean - spread
    return RareChart(
        T_CHART,
        gaps,
        centre=mean**T_POWER,
        lower=low**T_POWER if low > 0 else 0.0,
        upper=(mean + spread) ** T_POWER,
    )


def g_chart(cases_between: Sequence[float]) -> RareChart:
    """The g-chart of the cases between events (oldest first)."""
    gaps = tuple(float(cases) for cases in cases_between)
    if len(gaps) < MIN_GAPS:
        return RareChart(G_CHART, gaps, None, None, None)
    mean = fmean(gaps)
    sigma = math.sqrt(mean * (mean + 1))
    return RareChart(
        G_CHART,
        gaps,
        centre=median(gaps),
        lower=max(0.0, mean - 3 * sigma),
        upper=mean + 3 * sigma,
    )
