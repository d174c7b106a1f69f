"""The shape of a demo KPI: its performance measure sheet, its targets and how its
figures are drawn (`gen`, read by `figures`)."""

from collections import namedtuple
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from measures.models import Direction, Frequency, RollUp, Target

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
MONTHLY = Frequency.MONTHLY
QUARTERLY = Frequency.QUARTERLY
ANNUAL = Frequency.ANNUAL

NATIONAL_FROM = date(2015, 4, 1)
LOCAL_FROM = date(2023, 4, 1)
INTERIM_FROM = date(2025, 4, 1)

TargetSpec = namedtuple(
    "TargetSpec",
    "effective_from value tolerance trigger source rationale annual",
    defaults=[None],  # the annual threshold, for a measure whose year is a sum
)


def national(value, tolerance, trigger, rationale, effective_from=NATIONAL_FROM, annual=None):
    return TargetSpec(
        effective_from, value, tolerance, trigger, Target.Source.NATIONAL, rationale, annual
    )


def interim(value, tolerance, trigger, rationale, effective_from=INTERIM_FROM, annual=None):
    return TargetSpec(
        effective_from, value, tolerance, trigger, Target.Source.INTERIM, rationale, annual
    )


def rtt_trajectory(year, *, start, end):
    """A planned value for each month of the financial year from April `year`, rising evenly
    from `start` to `end` (the operational plan's RTT recovery)."""
    step = Decimal(str(end - start)) / 11
    return tuple(
        interim(
            (Decimal(start) + step * month).quantize(Decimal("0.1")),
            3,
            60,
            f"{year}/{(year + 1) % 100:02d} operational plan: the trust's RTT recovery "
            "trajectory, a planned value each month.",
            effective_from=date(year + (month + 3) // 12, (month + 3) % 12 + 1, 1),
        )
        for month in range(12)
    )


def activity_plan(year, monthly, *, tolerance, scale=1):
    """The operational plan's elective activity for the financial year from April `year`:
    `monthly` planned spells for each month (times `scale` for a level that adds up
    departments), each the target from its month, and their sum the year's floor."""
    planned = [round(value * scale) for value in monthly]
    return tuple(
        interim(
            value,
            round(tolerance * scale),
            round(tolerance * scale * 2) and value - round(tolerance * scale * 2),
            f"{year}/{(year + 1) % 100:02d} operational plan: elective activity, a planned "
            "number of spells each month; the year's total is the floor.",
            effective_from=date(year + (month + 3) // 12, (month + 3) % 12 + 1, 1),
            annual=sum(planned),
        )
        for month, value in enumerate(planned)
    )


# A department's planned elective spells, April to March: fewer over Easter, August
# and Christmas; 2026/27 plans the recovery of the waiting list.
ACTIVITY_PLANS = {
    2025: (395, 410, 415, 405, 385, 410, 420, 425, 365, 415, 420, 425),
    2026: (405, 425, 430, 420, 400, 430, 445, 450, 385, 440, 445, 455),
}


def activity_plans(scale=1):
    return tuple(
        target
        for year, monthly in ACTIVITY_PLANS.items()
        for target in activity_plan(year, monthly, tolerance=15, scale=scale)
    )


def local(value, tolerance, trigger, rationale, effective_from=LOCAL_FROM):
    return TargetSpec(
        effective_from,
        value,
        tolerance,
        trigger,
        Target.Source.LOCAL,
        f"Illustrative local target: {rationale}",
    )


@dataclass(frozen=True)
class Kpi:
    code: str
    group: str
    title: str
    unit: str
    direction: str
    decimals: int
    rollup: str
    purpose: str
    relates: str
    formula: str
    who_measures: str
    data_source: str
    owner: str
    who_acts: str
    action: str
    notes: str
    targets: tuple
    gen: dict
    multiplier: int = 100
    numerator_label: str = ""
    denominator_label: str = ""
    frequency: str = MONTHLY
    review_frequency: str = MONTHLY
    zero_tolerance: bool = False
    may_exceed_100: bool = False
    on_trust: bool = True  # False for a department's own local measure
    chart_type: str = "xmr"  # measures.models.ChartType
    baseline_points: int | None = None
    # Limits fixed on a named period: the first whole financial year of its data.
    baseline_first_year: bool = False
    year_to_date: str = "none"  # measures.models.YearToDate; "sum" for zero tolerance

    def __post_init__(self):
        if self.zero_tolerance and self.year_to_date == "none":
            # Judged on the financial year's sum (measures/year.py).
            object.__setattr__(self, "year_to_date", "sum")


def ratio(num, den, multiplier=100, **kwargs):
    return {
        "rollup": RollUp.RATIO,
        "numerator_label": num,
        "denominator_label": den,
        "multiplier": multiplier,
        **kwargs,
    }
