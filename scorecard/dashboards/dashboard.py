"""The unit dashboard: each measure's value, status, score and SPC as at a month, rolled up.

Everything is read in a fixed number of queries whatever the number of
measures (the scorecard, its perspectives, objectives, measures, targets,
values, rebases, initiatives and links), then computed in plain Python with
measures/status.py, measures/scores.py and measures/spc.py.

How it rolls up (said on the page too): a measure scores 0-10 against its
target; an objective is the average of its measures; a perspective the
average of its objectives weighted by their weights; the unit the average of
its perspectives, each counting the same, as a balanced scorecard intends.
Measures with no value or no target are left out of the averages and the
weights renormalised; every level also counts its measures by status.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import QuerySet

from measures import spc
from measures.models import Direction, Measure, Observation, Rebase
from measures.scores import measure_score, of_measure, roll_up
from measures.selectors import target_in_force, targets_by_measure
from measures.sparkline import sparkline
from measures.status import past_trigger, status
from scorecard.lib import periods
from scorecard.models import Objective, ObjectiveLink, Perspective

IMPROVEMENT = {
    Direction.HIGHER_IS_BETTER: "increase",
    Direction.LOWER_IS_BETTER: "decrease",
    Direction.WITHIN_RANGE: "neutral",
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


def due_period(as_at, frequency):
    """The latest period of `frequency` that has ended by the end of the month `as_at`."""
    following = periods.add_periods(as_at, periods.MONTHLY, 1)
    return periods.latest_complete_period(following, frequency)


def rebase_indices(series, rebases):
    """0-based positions in `series` (observations oldest first) where a rebase starts a group."""
    starts = []
    for rebase in rebases:
        index = next((i for i, o in enumerate(series) if o.period >= rebase.period), None)
        if index:
            starts.append(index)
    return sorted(set(starts))


@dataclass
class MeasureLine:
    measure: Measure
    period: date  # the period due as at the dashboard's month
    series: list  # observations up to the period, oldest first
    target: object
    rebases: list
    targets: list = field(default_factory=list)  # all its targets, oldest first
    # False when only the due period's value was read (scores and statuses
    # need no more): then there is no series to chart.
    has_history: bool = True

    def __post_init__(self):
        current = self.series[-1] if self.series else None
        self.observation = current if current and current.period == self.period else None
        self.latest = current
        value = self.observation.value if self.observation else None
        # The pure rules, with the threshold built once: the cascade judges
        # thousands of measures.
        threshold = self.target.threshold if self.target else None
        judged = (value, self.measure.direction, threshold)
        zero = self.measure.zero_tolerance
        self.status = status(*judged, zero_tolerance=zero)
        self.past_trigger = past_trigger(*judged, zero_tolerance=zero)
        self.score = measure_score(*judged, zero_tolerance=zero)

    @cached_property
    def spc(self):
        """The SPC of the series, worked out when first asked for (the cascade never asks)."""
        if not self.has_history:
            raise ValueError(f"Only the latest value of {self.measure.code} was read.")
        if not self.series:
            return None
        improvement = IMPROVEMENT[self.measure.direction]
        target = None
        if self.target and improvement != "neutral":
            target = float(self.target.value)
        return spc.analyse(
            [o.value for o in self.series],
            improvement,
            target,
            rebase_at=tuple(self.rebase_at),
        )

    @property
    def rebase_at(self):
        return rebase_indices(self.series, self.rebases)

    @property
    def points_in_group(self):
        return len(self.series) - max([0, *self.rebase_at])

    @property
    def judgeable(self):
        """Whether SPC limits and icons mean something for this measure now.

        They need 13 points in the latest group, and a process that varies: a
        zero-tolerance count (never events) is nearly always 0, its limits
        collapse onto the mean, and an XmR chart would call every quiet month
        an improvement and the target of zero a certain failure.
        """
        if self.spc is None or self.measure.zero_tolerance:
            return False
        if self.points_in_group < spc.MIN_POINTS_FOR_LIMITS:
            return False
        return self.spc.upl is not None and self.spc.upl > self.spc.lpl

    @property
    def why_not_judged(self):
        """Why there are no limits or icons, in words, or "" when there are."""
        if self.judgeable or self.spc is None:
            return ""
        if self.measure.zero_tolerance:
            return (
                "This is a zero-tolerance measure: every occurrence is off target and calls "
                "for action, so it is judged event by event, not by an XmR chart, whose "
                "limits mean nothing for events this rare."
            )
        if self.points_in_group < spc.MIN_POINTS_FOR_LIMITS:
            since = "the limits last restarted" if self.rebase_at else "it began"
            return (
                f"There {'is' if self.points_in_group == 1 else 'are'} {self.points_in_group} "
                f"value{'' if self.points_in_group == 1 else 's'} since {since}. Limits and "
                f"icons need at least {spc.MIN_POINTS_FOR_LIMITS} values in a group to tell a "
                "real change from noise, so none are drawn yet."
            )
        return (
            "The values barely vary, so the process limits have no width and cannot tell a "
            "real change from noise."
        )

    @property
    def not_judged_short(self):
        """A few words for the icon columns when there are no icons."""
        if self.spc is None:
            return "No values"
        if self.measure.zero_tolerance:
            return "Judged on each event"
        if self.points_in_group < spc.MIN_POINTS_FOR_LIMITS:
            return "Too few points"
        return "Values barely vary"

    @property
    def judged_groups(self):
        """The groups (0-based) whose limits mean something: 13 points and some width."""
        if self.spc is None or self.measure.zero_tolerance:
            return set()
        sizes = Counter(point.group for point in self.spc.points)
        return {
            point.group
            for point in self.spc.points
            if sizes[point.group] >= spc.MIN_POINTS_FOR_LIMITS
            and point.upl is not None
            and point.upl > point.lpl
        }

    @property
    def variation(self):
        return self.spc.variation if self.judgeable else None

    @property
    def assurance(self):
        return self.spc.assurance if self.judgeable else None

    @property
    def variation_label(self):
        return VARIATION_LABELS.get(self.variation, "")

    @property
    def assurance_label(self):
        return ASSURANCE_LABELS.get(self.assurance, "")

    @property
    def concern(self):
        """The rule behind a special cause of concern at the latest point, or None."""
        if not self.judgeable:
            return None
        last = self.spc.points[-1]
        if last.classification != "special_cause_concern":
            return None
        return RULE_LABELS.get(last.rule, "a special cause")

    @property
    def needs_action(self):
        return self.past_trigger or self.concern is not None

    @property
    def action_reasons(self):
        reasons = []
        if self.past_trigger:
            reasons.append("past the action trigger")
        if self.concern:
            reasons.append(f"special cause of concern ({self.concern})")
        return reasons

    @property
    def latest_comment(self):
        """The latest comment people wrote; a computed total's says only what it is made of."""
        if self.measure.is_computed:
            return ""
        return next((o.comment for o in reversed(self.series) if o.comment), "")

    @property
    def sparkline(self):
        return sparkline([o.value for o in self.series[-SPARKLINE_LENGTH:]])

    @property
    def sparkline_text(self):
        recent = self.series[-SPARKLINE_LENGTH:]
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
    def rollup(self):
        return of_measure(self.score, self.status)


@dataclass
class ObjectiveLine:
    objective: object
    measures: list

    @cached_property
    def rollup(self):
        return roll_up([(1, line.rollup) for line in self.measures])


@dataclass
class PerspectiveLine:
    perspective: object
    objectives: list

    @cached_property
    def rollup(self):
        return roll_up([(line.objective.weight, line.rollup) for line in self.objectives])


@dataclass
class Dashboard:
    unit: object
    scorecard: object
    as_at: date
    perspectives: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    links: list = field(default_factory=list)

    @cached_property
    def rollup(self):
        return roll_up([(1, line.rollup) for line in self.perspectives if line.objectives])

    @property
    def measures(self):
        return [m for p in self.perspectives for o in p.objectives for m in o.measures]

    @property
    def objectives(self):
        return [o for p in self.perspectives for o in p.objectives]

    @property
    def action_required(self):
        return [line for line in self.measures if line.needs_action]

    @property
    def matrix(self):
        """The MDC summary: how many measures have each variation icon and assurance icon."""
        cells = Counter((line.variation, line.assurance) for line in self.measures)
        rows = [*VARIATION_LABELS, None]
        columns = [*ASSURANCE_LABELS, None]
        return {
            "columns": columns,
            "rows": [(row, [cells[(row, column)] for column in columns]) for row in rows],
        }


# What a MeasureLine reads of its measure to score it; the cascade reads no more.
SCORED_MEASURE_FIELDS = (
    "pk",
    "objective_id",
    "code",
    "frequency",
    "direction",
    "zero_tolerance",
    "is_computed",
)


def measure_lines(measures, as_at, *, history=True):
    """{measure id: MeasureLine} as at the month `as_at`, in three queries however many.

    With history=False only each measure's value for its due period is read
    (and no rebases): enough for its status and score, and a few thousand rows
    for a whole trust instead of every value of every month. Values and
    targets are then plain rows, as `measures` may be (SCORED_MEASURE_FIELDS).
    """
    # A queryset is filtered on as a subquery: an IN list of thousands of ids
    # costs more to build and for the database to plan than the query itself.
    ids = measures.values("pk") if isinstance(measures, QuerySet) else [m.pk for m in measures]
    measures = list(measures)
    due = {m.pk: due_period(as_at, m.frequency) for m in measures}
    # Without history, plain rows rather than model instances: a status and a
    # score need a value and a target's thresholds, and building thousands of
    # instances would cost more than the rest of the page.
    targets = targets_by_measure(ids, rows=not history)
    observations = Observation.objects.filter(measure_id__in=ids, period__lte=as_at)
    if not history:
        observations = observations.filter(period__in=set(due.values())).values_list(
            "measure_id", "period", "value", named=True
        )
    series = defaultdict(list)
    for observation in observations.order_by("period"):
        series[observation.measure_id].append(observation)
    rebases = defaultdict(list)
    if history:
        for rebase in Rebase.objects.filter(measure_id__in=ids):
            rebases[rebase.measure_id].append(rebase)
    lines = {}
    for measure in measures:
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


def build_many(scorecards, as_at, *, history=True):
    """{scorecard id: Dashboard} for many scorecards, in a fixed number of queries.

    Without initiatives or links: the cascade needs only the scores, and
    with history=False reads only the values due as at `as_at`.
    """
    scorecards = list(scorecards)
    # Filters by id: building a query from thousands of instances costs more
    # than running it.
    scorecard_ids = [scorecard.pk for scorecard in scorecards]
    objectives = list(
        Objective.objects.live()
        .filter(scorecard_id__in=scorecard_ids)
        .order_by("position", "code")
    )
    measures = (
        Measure.objects.live().filter(objective__scorecard_id__in=scorecard_ids).order_by("code")
    )
    if not history:
        measures = measures.values_list(*SCORED_MEASURE_FIELDS, named=True)
    lines = measure_lines(measures, as_at, history=history)
    measures = [line.measure for line in lines.values()]
    by_objective = defaultdict(list)
    for measure in measures:
        by_objective[measure.objective_id].append(lines[measure.pk])
    by_perspective = defaultdict(list)
    for objective in objectives:
        by_perspective[(objective.scorecard_id, objective.perspective_id)].append(
            ObjectiveLine(objective, by_objective[objective.pk])
        )
    perspectives_of = defaultdict(list)
    framework_ids = {scorecard.framework_id for scorecard in scorecards}
    for perspective in Perspective.objects.filter(framework_id__in=framework_ids).order_by(
        "position", "pk"
    ):
        perspectives_of[perspective.framework_id].append(perspective)
    dashboards = {}
    for scorecard in scorecards:
        dashboards[scorecard.pk] = Dashboard(
            unit=scorecard.unit,
            scorecard=scorecard,
            as_at=as_at,
            perspectives=[
                PerspectiveLine(perspective, by_perspective[(scorecard.pk, perspective.pk)])
                for perspective in perspectives_of[scorecard.framework_id]
                if not perspective.is_retired or by_perspective[(scorecard.pk, perspective.pk)]
            ],
        )
    return dashboards


def build(unit, scorecard, as_at):
    """The Dashboard of `scorecard` as at the month `as_at`, with initiatives and links."""
    dashboard = build_many([scorecard], as_at)[scorecard.pk]
    dashboard.unit = unit
    dashboard.initiatives = list(scorecard.initiatives.order_by("start_date", "title"))
    objectives = [line.objective for line in dashboard.objectives]
    dashboard.links = list(
        ObjectiveLink.objects.filter(cause__in=objectives, effect__in=objectives).values_list(
            "cause_id", "effect_id"
        )
    )
    return dashboard
