"""The read model of a measure: its value, status, score and SPC as at a month.

A `MeasureLine` is one measure as any page shows it (the unit dashboard, the
cascade, objective alignment, the bottleneck view, the key-target review,
compare and the measure's own page): the value of the period due by the end
of a month, the target in force for it, its status and score, and, read only
when asked for, the SPC of its series with the icons and words for them.
`measure_lines` builds them for any number of measures in three queries.

Named "lines" for what it makes: a measure's line on a page, the word the
pages already use (`MeasureLine`; the dashboard's `ObjectiveLine` and
`PerspectiveLine` roll these up). It sits above the models, selectors and
the pure rules it puts together (status.py, scores.py, spc.py, sparkline.py)
and below every page that reads it; it imports nothing of scorecard but the
shared periods.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar, Protocol

from django.db.models import Q, QuerySet

from measures import spc, year
from measures.display import plain_number
from measures.known import values_known_at
from measures.models import (
    FEWEST_BASELINE_POINTS,
    ChartType,
    Direction,
    Observation,
    Rebase,
    Target,
    baseline_in_words,
)
from measures.scores import Rollup, measure_score, of_measure
from measures.selectors import TargetRow, target_in_force, targets_by_measure
from measures.sparkline import Sparkline, sparkline
from measures.status import Status, Threshold, at_precision, past_trigger, status
from scorecard.lib import periods
from scorecard.lib.words import count_of

IMPROVEMENT: dict[str, str] = {
    Direction.HIGHER_IS_BETTER: spc.INCREASE,
    Direction.LOWER_IS_BETTER: spc.DECREASE,
    Direction.WITHIN_RANGE: spc.NEUTRAL,
}
SPARKLINE_LENGTH = 24

VARIATION_LABELS = {
    "common_cause": "Common cause: no significant change",
    "improvement_high": "Special cause: improvement, high",
    "improvement_low": "Special cause: improvement, low",
    "concern_high": "Special cause: concern, high",
    "concern_low": "Special cause: concern, low",
    "neither_high": "Special cause: high (neither better nor worse)",
    "neither_low": "Special cause: low (neither better nor worse)",
}
ASSURANCE_LABELS = {
    "consistent_pass": "Will consistently pass the target",
    "consistent_fail": "Will consistently fail the target",
    "inconsistent": "Hit and miss: will pass or fail by chance",
}
RULE_LABELS = {
    "outside": "a point outside the process limits",
    "trend": "a run of seven rising or falling points",
    "two_of_three": "two of three points close to a limit",
    "shift": "seven points in a row on one side of the mean",
}
# What the icon columns say in place of an icon, by spc.why_not_judgeable's answer.
NOT_JUDGED_SHORT = {
    spc.NO_VALUES: "No values",
    spc.ZERO_TOLERANCE: "Judged on each event",
    spc.TOO_FEW_POINTS: "Too few points",
    spc.NO_WIDTH: "Values barely vary",
    spc.RUN_CHART: "Run chart: no limits",
    spc.RARE_EVENTS: "Charted by the gaps between events",
    spc.THIN_BASELINE: "Baseline too short",
}

RARE_EVENTS_WORDS = (
    "Events this rare are charted by the gaps between them, not by the count each month "
    "(nearly always 0, which an XmR chart cannot judge): see the chart of its events below."
)
RUN_CHART_WORDS = (
    "This measure is charted as a run chart, without process limits or icons: its values "
    "accumulate or are judged against the target alone (a year-to-date figure resets each "
    "April, so limits would call every point a special cause)."
)

# What a MeasureLine reads of its measure to score it; the cascade reads no more.
SCORED_MEASURE_FIELDS = (
    "pk",
    "objective_id",
    "code",
    "frequency",
    "direction",
    "zero_tolerance",
    "is_computed",
    "decimals",
    "chart_type",
    "baseline_points",
    "baseline_start",
    "baseline_end",
    "year_to_date",
    "ratio_multiplier",
)


class ScoredMeasure(Protocol):
    """A Measure, or a row of its SCORED_MEASURE_FIELDS (the cascade's)."""

    @property
    def pk(self) -> Any: ...
    @property
    def objective_id(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def frequency(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def zero_tolerance(self) -> bool: ...
    @property
    def is_computed(self) -> bool: ...
    @property
    def decimals(self) -> int: ...
    @property
    def chart_type(self) -> str: ...
    @property
    def baseline_points(self) -> int | None: ...
    @property
    def baseline_start(self) -> date | None: ...
    @property
    def baseline_end(self) -> date | None: ...
    @property
    def year_to_date(self) -> str: ...
    @property
    def ratio_multiplier(self) -> Decimal: ...


class Reading(Protocol):
    """An Observation, or a row of its measure, period, value and parts (read without
    history)."""

    @property
    def period(self) -> date: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...


def action_reasons(past_trigger: bool, concern: str | None, annual: str = "") -> list[str]:
    """Why a measure needs action, in words: past its trigger, a special cause of concern,
    past its annual threshold (`annual`, its words)."""
    reasons = []
    if annual:
        reasons.append(annual)
    elif past_trigger:
        reasons.append("past the action trigger")
    if concern:
        reasons.append(f"special cause of concern ({concern})")
    return reasons


def financial_year_start(day: date) -> date:
    """The first month of the financial year `day` falls in (April)."""
    return date(periods.financial_year(day), periods.FINANCIAL_YEAR_START_MONTH, 1)


def breached_in_year(series: Sequence[Reading]) -> set[date]:
    """The periods of a zero-tolerance series (oldest first) in a financial year that has had an
    occurrence by then: each is off target, as MeasureLine judges the year to date."""
    breached, year, total = set(), None, Decimal(0)
    for reading in series:
        if financial_year_start(reading.period) != year:
            year, total = financial_year_start(reading.period), Decimal(0)
        total += reading.value
        if total > 0:
            breached.add(reading.period)
    return breached


def periods_elapsed(period: date, frequency: str) -> int:
    """How many periods of the financial year have ended by the end of `period`, it
    included: November is the 8th month of the year from April."""
    start = financial_year_start(period)
    months = (period.year - start.year) * 12 + period.month - start.month
    return months // periods.MONTHS_PER_PERIOD[frequency] + 1


def year_label(period: date, frequency: str) -> str:
    """A year to date's span: "2026/27 to November", "2026/27 to Q2"."""
    label = periods.period_label(period, frequency)
    return f"{periods.financial_year_label(period)} to {label}"


def annual_check_of(
    total: Decimal | None, threshold: Decimal | None, period: date, measure: ScoredMeasure
) -> year.AnnualCheck | None:
    """The year's total so far against its annual threshold, at `period`, or None."""
    return year.annual_check(
        total,
        threshold,
        measure.direction,
        periods_elapsed(period, measure.frequency),
        periods.PERIODS_PER_YEAR[measure.frequency],
    )


def annual_reason(check: year.AnnualCheck | None, period: date) -> str:
    """Why the year needs action, in words, or "" when it does not."""
    if not check or not check.breached:
        return ""
    year = periods.financial_year_label(period)
    if check.is_zero_tolerance:
        events = "1 event" if check.total == 1 else f"{plain_number(check.total)} events"
        return f"{events} this financial year ({year}), against zero tolerance"
    return (
        f"past its annual {check.word} ({plain_number(check.total)} against "
        f"{plain_number(check.threshold)} in {year})"
    )


def due_period(as_at: date, frequency: str) -> date:
    """The latest period of `frequency` that has ended by the end of the month `as_at`."""
    following: date = periods.add_periods(as_at, periods.MONTHLY, 1)
    due: date = periods.latest_complete_period(following, frequency)
    return due


def gap_breaks(series: Sequence[Reading], frequency: str) -> list[int]:
    """0-based positions in `series` (oldest first) that follow a gap longer than a year.

    SPC never spans such a gap: the process before it is not the one after
    (values back-filled from years before, a service stopped and restarted),
    so each side gets its own mean and limits, as after a restart.
    """
    year = periods.PERIODS_PER_YEAR[frequency]
    return [
        index
        for index in range(1, len(series))
        if series[index].period > periods.add_periods(series[index - 1].period, frequency, year)
    ]


def rebase_indices(series: Sequence[Reading], rebases: Iterable[Rebase]) -> list[int]:
    """0-based positions in `series` (observations oldest first) where a rebase starts a group."""
    starts = []
    for rebase in rebases:
        index = next((i for i, o in enumerate(series) if o.period >= rebase.period), None)
        if index:
            starts.append(index)
    return sorted(set(starts))


@dataclass
class MeasureLine:
    measure: ScoredMeasure  # a Measure, or a row of its fields without history
    period: date  # the period due as at the dashboard's month
    series: Sequence[Reading]  # observations up to the period, oldest first
    target: Target | TargetRow | None
    rebases: list[Rebase]
    targets: list[Target] | list[TargetRow] = field(default_factory=list)  # oldest first
    # False when only the due period's value was read (scores and statuses
    # need no more): then there is no series to chart.
    has_history: bool = True
    # Worked out now; a closed month's line read from its record says True (cycle.record).
    reported: ClassVar[bool] = False
    # Worked out from the fields above when the line is made.
    observation: Reading | None = field(init=False, repr=False, compare=False)
    latest: Reading | None = field(init=False, repr=False, compare=False)
    status: Status = field(init=False, repr=False, compare=False)
    past_trigger: bool = field(init=False, repr=False, compare=False)
    score: float | None = field(init=False, repr=False, compare=False)
    annual: year.AnnualCheck | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        current = self.series[-1] if self.series else None
        self.observation = current if current and current.period == self.period else None
        self.latest = current
        value = self.observation.value if self.observation else None
        # The pure rules, with the threshold built once: the cascade judges
        # thousands of measures. The value as shown, so its status agrees with it.
        value = at_precision(value, self.measure.decimals)
        threshold = self.target.threshold if self.target else None
        judged = (value, self.measure.direction, threshold)
        zero = self.measure.zero_tolerance
        self.status = status(*judged, zero_tolerance=zero)
        self.past_trigger = past_trigger(*judged, zero_tolerance=zero)
        self.score = measure_score(*judged, zero_tolerance=zero)
        if zero and self.year_to_date:
            # One never event in April breaches the whole financial year: November's
            # zero does not make the year on target again.
            self.status, self.score = (
                Status.OFF_TARGET,
                measure_score(
                    self.year_to_date, self.measure.direction, threshold, zero_tolerance=True
                ),
            )
        annual_threshold = self.target.annual_threshold if self.target else None
        if zero:
            # Zero tolerance is an annual ceiling of none: an event breaches the year.
            annual_threshold = Decimal(0)
        self.annual = annual_check_of(
            self.year_to_date, annual_threshold, self.period, self.measure
        )
        if self.annual and self.annual.breached:
            # Past the year's ceiling, the month is off target whatever its own value:
            # scored as the year's total against the threshold, which is below 3.3.
            ceiling = Threshold(self.annual.threshold)
            year_score = measure_score(self.annual.total, self.measure.direction, ceiling)
            self.status, self.past_trigger = Status.OFF_TARGET, True
            self.score = min(s for s in (self.score, year_score) if s is not None)

    @cached_property
    def year_to_date(self) -> Decimal | None:
        """The financial year to date up to the period, by the measure's rule (measures/year.py),
        at its decimal places; None with no rule or no value this year."""
        rule = self.measure.year_to_date
        if rule == year.NONE:
            return None
        start = financial_year_start(self.period)
        readings = [o for o in self.series if start <= o.period <= self.period]
        figure = year.year_to_date(readings, rule, self.measure.ratio_multiplier)
        return at_precision(figure, self.measure.decimals)

    @property
    def year_label(self) -> str:
        return year_label(self.period, self.measure.frequency)

    @property
    def annual_reason(self) -> str:
        return annual_reason(self.annual, self.period)

    @cached_property
    def spc(self) -> spc.Analysis | None:
        """The SPC of the series, worked out when first asked for (the cascade never asks)."""
        if not self.has_history:
            raise ValueError(f"Only the latest value of {self.measure.code} was read.")
        if not self.series:
            return None
        improvement = IMPROVEMENT[self.measure.direction]
        target = None
        if self.target and improvement != spc.NEUTRAL:
            target = float(self.target.value)
        decimals = self.measure.decimals
        return spc.analyse(
            [at_precision(o.value, decimals) for o in self.series],
            improvement,
            target,
            rebase_at=tuple(self.rebase_at),
            # None but for a fixed baseline, of a number of points or a named period.
            fix_after=self.measure.baseline_points,
            fix_on=self.baseline_span,
        )

    @property
    def baseline_span(self) -> tuple[int, int] | None:
        """The [start, end) positions in the series of the values in the measure's named
        baseline period, or None when it has none."""
        first, last = self.measure.baseline_start, self.measure.baseline_end
        if first is None or last is None:
            return None
        inside = [i for i, o in enumerate(self.series) if first <= o.period <= last]
        return (inside[0], inside[-1] + 1) if inside else (0, 0)

    @property
    def baseline_values(self) -> int | None:
        """How many values the named baseline period has, or None without one."""
        span = self.baseline_span
        return None if span is None else span[1] - span[0]

    @property
    def restarts_after_gaps(self) -> list[date]:
        """The periods the limits start again from after a gap of more than a year."""
        return [
            self.series[index].period for index in gap_breaks(self.series, self.measure.frequency)
        ]

    @property
    def rebase_at(self) -> list[int]:
        """Where a new SPC group starts: at each restart, and after each gap over a year."""
        restarts = rebase_indices(self.series, self.rebases)
        return sorted({*restarts, *gap_breaks(self.series, self.measure.frequency)})

    @cached_property
    def not_judged(self) -> str | None:
        """Why there are no SPC limits or icons now (spc.why_not_judgeable), None if there are."""
        zero_tolerance = self.measure.zero_tolerance
        if self.spc is None:
            return spc.why_not_judgeable(0, None, None, zero_tolerance=zero_tolerance)
        if self.measure.chart_type == ChartType.RUN:
            return spc.RUN_CHART
        if self.measure.chart_type in (ChartType.T, ChartType.G):
            return spc.RARE_EVENTS
        values = self.baseline_values
        if values is not None and values < FEWEST_BASELINE_POINTS and not zero_tolerance:
            return spc.THIN_BASELINE
        return self.spc.why_not_judgeable(zero_tolerance=zero_tolerance)

    @property
    def judgeable(self) -> bool:
        """Whether SPC limits and icons mean something for this measure now (docs/spc.md)."""
        return self.not_judged is None

    @property
    def why_not_judged(self) -> str:
        """Why there are no limits or icons, in words, or "" when there are."""
        reason = self.not_judged
        if reason == spc.ZERO_TOLERANCE:
            return (
                "This is a zero-tolerance measure: every occurrence is off target and calls "
                "for action, so it is judged event by event, not by an XmR chart, whose "
                "limits mean nothing for events this rare."
            )
        if reason == spc.TOO_FEW_POINTS:
            assert self.spc is not None  # there are points, too few of them
            count = self.spc.last_group_size
            since = "the limits last restarted" if self.rebase_at else "it began"
            return (
                f"There {'is' if count == 1 else 'are'} {count} "
                f"value{'' if count == 1 else 's'} since {since}. Limits and "
                f"icons need at least {spc.MIN_POINTS_FOR_LIMITS} values in a group to tell a "
                "real change from noise, so none are drawn yet."
            )
        if reason == spc.NO_WIDTH:
            return (
                "The values barely vary, so the process limits have no width and cannot tell a "
                "real change from noise."
            )
        if reason == spc.RUN_CHART:
            return RUN_CHART_WORDS
        if reason == spc.RARE_EVENTS:
            return RARE_EVENTS_WORDS
        if reason == spc.THIN_BASELINE:
            return (
                f"Its limits are fixed on its baseline, {baseline_in_words(self.measure)}, "
                f"which has {count_of(self.baseline_values or 0, 'value')}: limits fixed on "
                f"fewer than "
                f"{FEWEST_BASELINE_POINTS} cannot tell a real change from noise, so none "
                "are drawn yet."
            )
        # Judged, or no values (the page says that in its own words).
        return ""

    @property
    def not_judged_short(self) -> str:
        """A few words for the icon columns when there are no icons, or "" when there are."""
        reason = self.not_judged
        return NOT_JUDGED_SHORT[reason] if reason else ""

    @property
    def judged_groups(self) -> set[int]:
        """The groups (0-based) whose limits mean something (spc.why_not_judgeable)."""
        if self.spc is None or self.measure.chart_type not in (ChartType.XMR, ChartType.BASELINE):
            return set()
        if self.not_judged == spc.THIN_BASELINE:
            return set()  # limits on too few baseline values are drawn nowhere
        return self.spc.judged_groups(zero_tolerance=self.measure.zero_tolerance)

    @property
    def suggested_restart(self) -> Reading | None:
        """The first value of a sustained shift (spc.sustained_shift_start), when the
        limits are judged: the period a restart could start from, if the process changed."""
        if self.spc is None or not self.judgeable:
            return None
        start = spc.sustained_shift_start(self.spc)
        return None if start is None else self.series[start]

    @property
    def shift_length(self) -> int:
        """How many values the sustained shift has lasted, to the latest."""
        first = self.suggested_restart
        return len(self.series) - list(self.series).index(first) if first else 0

    @property
    def shift_side(self) -> str:
        """ "above" or "below" the mean, for a sustained shift."""
        assert self.spc is not None
        last = self.spc.points[-1]
        return "above" if last.value > last.mean else "below"

    @property
    def variation(self) -> str | None:
        return self.spc.variation if self.spc and self.judgeable else None

    @property
    def assurance(self) -> str | None:
        return self.spc.assurance if self.spc and self.judgeable else None

    @property
    def variation_label(self) -> str:
        return VARIATION_LABELS.get(self.variation or "", "")

    @property
    def assurance_label(self) -> str:
        return ASSURANCE_LABELS.get(self.assurance or "", "")

    @property
    def concern(self) -> str | None:
        """The rule behind a special cause of concern at the latest point, or None."""
        if self.spc is None or not self.judgeable:
            return None
        last = self.spc.points[-1]
        if last.classification != spc.CONCERN:
            return None
        return RULE_LABELS.get(last.rule or "", "a special cause")

    @property
    def needs_action(self) -> bool:
        return bool(self.action_reasons)

    @property
    def action_reasons(self) -> list[str]:
        return action_reasons(self.past_trigger, self.concern, self.annual_reason)

    @property
    def latest_comment(self) -> str:
        """The latest comment people wrote; a computed total's says only what it is made of."""
        if self.measure.is_computed:
            return ""
        return next(
            (o.comment for o in reversed(self.series) if isinstance(o, Observation) and o.comment),
            "",
        )

    @property
    def sparkline(self) -> Sparkline | None:
        return sparkline([o.value for o in self.recent])

    @cached_property
    def recent(self) -> Sequence[Reading]:
        """The values the sparkline draws: the last SPARKLINE_LENGTH, none from before a gap
        of more than a year (a line drawn across it would join two different processes)."""
        breaks = gap_breaks(self.series, self.measure.frequency)
        start = max([len(self.series) - SPARKLINE_LENGTH, *breaks[-1:], 0])
        return self.series[start:]

    @property
    def sparkline_text(self) -> str:
        recent = self.recent
        if len(recent) < 2:
            return ""
        first, last = recent[0], recent[-1]
        label = periods.period_label
        frequency = self.measure.frequency
        return (
            f"{len(recent)} values from {label(first.period, frequency)} to "
            f"{label(last.period, frequency)}"
        )

    # Rollups are read several times a row on the cascade (score, status,
    # counts) and each level's is built from the level below: worked out once.
    @cached_property
    def rollup(self) -> Rollup:
        rollup: Rollup = of_measure(
            self.score, self.status, must_not_fail=self.measure.zero_tolerance
        )
        return rollup


def measure_lines(
    measures: QuerySet[Any, Any] | Iterable[ScoredMeasure],
    as_at: date,
    *,
    history: bool = True,
    known_at: datetime | None = None,
) -> dict[int, MeasureLine]:
    """{measure id: MeasureLine} as at the month `as_at`, in three queries however many.

    With history=False only each measure's value for its due period is read
    (and no rebases): enough for its status and score, and a few thousand rows
    for a whole trust instead of every value of every month. Values and
    targets are then plain rows, as `measures` may be (SCORED_MEASURE_FIELDS).

    With `known_at` (a month's cutoff, measures/known.py), what was known
    then: targets and restarts recorded by then, and each value as it stood
    then, read from the history of those changed since (one query more).
    """
    # A queryset is filtered on as a subquery: an IN list of thousands of ids
    # costs more to build and for the database to plan than the query itself.
    ids = measures.values("pk") if isinstance(measures, QuerySet) else [m.pk for m in measures]
    listed: list[ScoredMeasure] = list(measures)
    due = {m.pk: due_period(as_at, m.frequency) for m in listed}
    # Without history, plain rows rather than model instances: a status and a
    # score need a value and a target's thresholds, and building thousands of
    # instances would cost more than the rest of the page.
    targets = targets_by_measure(ids, rows=not history, known_at=known_at)
    read = Q(period__lte=as_at) if history else Q(period__in=set(due.values()))
    # A year to date that adds up the year (and a zero-tolerance measure, judged on it)
    # needs its values since April too: read in the same query (such measures are few).
    summing = [m.pk for m in listed if m.year_to_date in (year.SUM, year.RATIO)]
    if not history and summing:
        year_start = min(financial_year_start(due[pk]) for pk in summing)
        read |= Q(measure_id__in=summing, period__gte=year_start, period__lte=as_at)
    observations: QuerySet[Any, Any] = Observation.objects.filter(read, measure_id__in=ids)
    if not history:
        observations = observations.values_list(
            "measure_id", "period", "value", "numerator", "denominator", named=True
        )
    series: defaultdict[int, list[Reading]] = defaultdict(list)
    for observation in observations.order_by("period"):
        series[observation.measure_id].append(observation)
    if known_at is not None:
        _as_known(series, values_known_at(ids, known_at, read))
    rebases = defaultdict(list)
    if history:
        restarts = Rebase.objects.filter(measure_id__in=ids)
        if known_at is not None:
            restarts = restarts.filter(created_at__lte=known_at)
        for rebase in restarts:
            rebases[rebase.measure_id].append(rebase)
    lines = {}
    for measure in listed:
        period = due[measure.pk]
        lines[measure.pk] = MeasureLine(
            measure,
            period,
            [o for o in series[measure.pk] if o.period <= period],
            target_in_force(targets[measure.pk], period),
            rebases[measure.pk],
            targets[measure.pk],
            has_history=history,
        )
    return lines


def _as_known(
    series: defaultdict[int, list[Reading]],
    stood: dict[tuple[int, date], Observation | None],
) -> None:
    """Puts each value changed since the cutoff back as it stood then, in period order."""
    changed: defaultdict[int, dict[date, Observation | None]] = defaultdict(dict)
    for (measure_id, period), observation in stood.items():
        changed[measure_id][period] = observation
    for measure_id, then in changed.items():
        kept: dict[date, Reading] = {
            o.period: o for o in series[measure_id] if o.period not in then
        }
        kept.update({period: o for period, o in then.items() if o is not None})
        series[measure_id] = [kept[period] for period in sorted(kept)]
