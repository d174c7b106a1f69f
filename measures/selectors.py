"""Reads of measures, targets and values that more than one page needs.

Each reads a fixed number of queries however many measures it is given.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any, NamedTuple, Protocol, TypeVar

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from measures import rare_events
from measures.known import values_known_at
from measures.models import Measure, MeasureQuerySet, Observation, Occurrence, Rebase, Target
from measures.status import Status, Threshold, at_precision, past_trigger, status
from organisations.models import OrganisationUnit
from scorecard.lib import periods


class TargetRow(NamedTuple):
    """A target's thresholds without a model instance: for judging thousands of values."""

    measure_id: int
    effective_from: date
    value: Decimal
    upper_value: Decimal | None
    tolerance: Decimal
    action_trigger: Decimal | None
    annual_threshold: Decimal | None

    @property
    def threshold(self) -> Threshold:
        return Threshold(self.value, self.tolerance, self.upper_value, self.action_trigger)


# A Target or a TargetRow: target_in_force returns what it is given.
TargetT = TypeVar("TargetT", Target, TargetRow)


class JudgedMeasure(Protocol):
    """A Measure, or a row of its fields (the read model's): what a value is judged by."""

    @property
    def direction(self) -> str: ...
    @property
    def zero_tolerance(self) -> bool: ...
    @property
    def decimals(self) -> int: ...


def targets_by_measure(
    measure_ids: Iterable[int] | QuerySet[Any, Any],
    *,
    rows: bool = False,
    known_at: datetime | None = None,
) -> defaultdict[int, list[Any]]:
    """{measure id: [Target, ...] oldest first} in one query; TargetRows with rows=True.

    With `known_at`, only the targets recorded by then (measures/known.py).
    """
    in_order = Target.objects.filter(measure_id__in=measure_ids).order_by(
        "measure_id", "effective_from"
    )
    if known_at is not None:
        in_order = in_order.filter(recorded_at__lte=known_at)
    found: Iterable[Target | TargetRow] = in_order
    if rows:
        found = (TargetRow(*row) for row in in_order.values_list(*TargetRow._fields))
    targets: defaultdict[int, list[Any]] = defaultdict(list)
    for target in found:
        targets[target.measure_id].append(target)
    return targets


def target_in_force(targets: Sequence[TargetT], period: date) -> TargetT | None:
    """The target of a measure that applies to `period`, from its targets oldest first."""
    index = bisect_right([target.effective_from for target in targets], period)
    return targets[index - 1] if index else None


def status_for(
    measure: JudgedMeasure, value: Decimal | None, target: Target | TargetRow | None
) -> Status:
    """The Status of a value of `measure` against `target` (either may be None)."""
    threshold = target.threshold if target else None
    return status(
        at_precision(value, measure.decimals),
        measure.direction,
        threshold,
        zero_tolerance=measure.zero_tolerance,
    )


def is_past_trigger(
    measure: JudgedMeasure, value: Decimal | None, target: Target | TargetRow | None
) -> bool:
    threshold = target.threshold if target else None
    return past_trigger(
        at_precision(value, measure.decimals),
        measure.direction,
        threshold,
        zero_tolerance=measure.zero_tolerance,
    )


def action_comment_problem(
    measure: JudgedMeasure,
    value: Decimal | None,
    target: Target | TargetRow | None,
    comment: str | None,
) -> str:
    """Why `value` cannot be written with `comment` under `target`, in words, or "".

    A value past the action trigger calls for corrective action, so whoever
    writes one (typing it on the entry page, or restoring an earlier one)
    says what is being done about it. Imports only warn: a file cannot be
    asked a question.
    """
    if is_past_trigger(measure, value, target) and not (comment or "").strip():
        return "This value is past the action trigger: say what is being done about it."
    return ""


def target_for(measure: Measure, period: date) -> Target | None:
    """The target of `measure` in force for `period`, or None: one query."""
    return target_in_force(targets_by_measure([measure.pk])[measure.pk], period)


def values_before(
    measure_ids: Iterable[int], period: date, count: int
) -> defaultdict[int, list[Observation]]:
    """{measure id: [Observation, ...] newest first}: the last `count` values before `period`."""
    ranked = (
        Observation.objects.filter(measure_id__in=measure_ids, period__lt=period)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("measure_id"), order_by=F("period").desc())
        )
        .filter(rank__lte=count)
        .order_by("measure_id", "-period")
    )
    recent: defaultdict[int, list[Observation]] = defaultdict(list)
    for observation in ranked:
        recent[observation.measure_id].append(observation)
    return recent


def live_measures(units: Iterable[OrganisationUnit]) -> MeasureQuerySet:
    """The live measures of the units' scorecards, with objectives, units and perspectives."""
    return (
        Measure.objects.live()
        .filter(objective__scorecard__unit__in=units)
        .select_related("objective__scorecard__unit", "objective__perspective")
    )


def contributions(
    measure: Measure, period: date, known_at: datetime | None = None
) -> list[tuple[OrganisationUnit, Observation | None]]:
    """[(unit, observation or None)] of the units directly below that report `measure`'s code.

    For a computed total: which units' values it is made of for `period`, and
    which have none yet (the live measures, as the roll-up counts them), as
    they stood at `known_at` when given. Two queries, three with `known_at`.
    """
    unit = measure.objective.scorecard.unit
    below = list(
        Measure.objects.live()
        .filter(code=measure.code, objective__scorecard__unit__parent=unit)
        .select_related("objective__scorecard__unit")
        .order_by("objective__scorecard__unit__name")
    )
    values: dict[int, Observation | None] = {
        o.measure_id: o for o in Observation.objects.filter(measure__in=below, period=period)
    }
    if known_at is not None:
        ids = [m.pk for m in below]
        for (pk, _), stood in values_known_at(ids, known_at, Q(period=period)).items():
            values[pk] = stood
    return [(m.objective.scorecard.unit, values.get(m.pk)) for m in below]


@dataclass(frozen=True)
class Coverage:
    """Which units below a computed total should give it a value for a period, and did.

    The units that should are those below it that have the measure's code on a
    live measure; a total missing any of them is incomplete, and every page
    that shows it says so, since the sum or ratio of the rest can look whole.
    """

    period: date
    reported: tuple[str, ...]  # names of the units below with a value for the period
    missing: tuple[str, ...]  # and of those without

    @classmethod
    def of(
        cls, period: date, parts: Sequence[tuple[OrganisationUnit, Observation | None]]
    ) -> "Coverage":
        """The Coverage of a total from its contributions (contributions() for the period)."""
        return cls(
            period,
            tuple(unit.name for unit, observation in parts if observation),
            tuple(unit.name for unit, observation in parts if not observation),
        )

    @classmethod
    def from_stored(cls, period: date, stored: Mapping[str, Sequence[str]]) -> "Coverage":
        """The Coverage a closed month's record keeps (stored())."""
        return cls(period, tuple(stored["reported"]), tuple(stored["missing"]))

    def stored(self) -> dict[str, list[str]]:
        """What a closed month's record keeps of it: the names, as they were then."""
        return {"reported": list(self.reported), "missing": list(self.missing)}

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def partial(self) -> bool:
        """Some units below gave a value and some did not: a total that looks whole and is not.
        (With none, there is no total to mistake: the page says it has no value.)"""
        return bool(self.reported and self.missing)

    @property
    def in_words(self) -> str:
        """ "3 of 5 units below gave a value (missing: Paediatrics, Respiratory Medicine)" """
        expected = len(self.reported) + len(self.missing)
        text = f"{len(self.reported)} of {expected} units below gave a value"
        return f"{text} (missing: {', '.join(self.missing)})" if self.missing else text


def coverage_of(
    totals: Iterable[tuple[Measure, date]], known_at: datetime | None = None
) -> dict[int, Coverage]:
    """{measure id: Coverage} of computed totals, each for its period; three queries,
    four with `known_at` (the values below as they stood then).

    `totals` are (computed Measure, period) pairs, as a page's lines give them.
    The units that should give a value are those anywhere below the total's
    unit that type the code in (a live measure not itself computed): a
    directorate's total left incomplete by a department leaves the trust's
    total incomplete too, and says which department.
    """
    period_of = {measure.pk: period for measure, period in totals}
    if not period_of:
        return {}
    total_rows = list(
        Measure.objects.filter(pk__in=list(period_of)).values_list(
            "pk",
            "code",
            "objective__scorecard__unit__tree_id",
            "objective__scorecard__unit__lft",
            "objective__scorecard__unit__rght",
        )
    )
    reporters = list(
        Measure.objects.live()
        .filter(
            code__in={row[1] for row in total_rows},
            is_computed=False,
            objective__scorecard__unit__tree_id__in={row[2] for row in total_rows},
        )
        .order_by("objective__scorecard__unit__name")
        .values_list(
            "pk",
            "code",
            "objective__scorecard__unit__tree_id",
            "objective__scorecard__unit__lft",
            "objective__scorecard__unit__name",
        )
    )
    # Grouped by code and tree, so each total reads only the measures of its own code.
    by_code: dict[tuple[str, int], list[tuple[int, int, str]]] = defaultdict(list)
    for pk, code, tree, left, name in reporters:
        by_code[(code, tree)].append((pk, left, name))
    below = {
        total: [(pk, name) for pk, at, name in by_code[(code, tree)] if left < at < right]
        for total, code, tree, left, right in total_rows
    }
    ids, wanted = [pk for pk, *_ in reporters], set(period_of.values())
    given = set(
        Observation.objects.filter(measure_id__in=ids, period__in=wanted).values_list(
            "measure_id", "period"
        )
    )
    if known_at is not None:
        for key, stood in values_known_at(ids, known_at, Q(period__in=wanted)).items():
            (given.add if stood else given.discard)(key)
    return {
        total: Coverage(
            period,
            tuple(name for pk, name in below[total] if (pk, period) in given),
            tuple(name for pk, name in below[total] if (pk, period) not in given),
        )
        for total, period in period_of.items()
    }


def restarts_below(measure: Measure, as_at: date, known_at: datetime | None) -> list[Rebase]:
    """The restarts of a computed total's code in the units directly below it, up to `as_at`
    (and recorded by `known_at`, when given), oldest first; one query."""
    restarts = Rebase.objects.filter(
        measure__code=measure.code,
        measure__objective__scorecard__unit__parent_id=measure.objective.scorecard.unit_id,
        period__lte=as_at,
    )
    if known_at is not None:
        restarts = restarts.filter(created_at__lte=known_at)
    return list(
        restarts.select_related("measure__objective__scorecard__unit").order_by(
            "period", "measure__objective__scorecard__unit__name"
        )
    )


@dataclass(frozen=True)
class EventsChart:
    """A rare-event measure's dated events up to a day, and the chart of the gaps between."""

    events: list[Occurrence]
    chart: rare_events.RareChart
    # The gap still open, since the latest event to `until` (days, or None for a g-chart).
    open_gap: float | None
    until: date

    @property
    def days_since(self) -> int | None:
        """Days from the latest event to `until`, for the page to say (either chart)."""
        return (self.until - self.events[-1].occurred_on).days if self.events else None

    @property
    def open_signal(self) -> str | None:
        """A quiet spell past the upper limit is itself a signal of improvement."""
        return self.chart.signal(self.open_gap) if self.open_gap is not None else None


def events_of(measure: Measure, until: date) -> list[Occurrence]:
    """The measure's dated events up to `until`, oldest first, with the unit of each.

    A computed total's events are those of the units below reporting its code:
    the trust's never events are its departments'. One query.
    """
    if measure.is_computed:
        unit = measure.objective.scorecard.unit
        found = Occurrence.objects.filter(
            measure__in=Measure.objects.live().in_subtree(unit).filter(code=measure.code)
        )
    else:
        found = measure.occurrences.all()
    return list(
        found.filter(occurred_on__lte=until)
        .select_related("measure__objective__scorecard__unit", "recorded_by")
        .order_by("occurred_on", "pk")
    )


def events_chart(measure: Measure, until: date) -> EventsChart:
    """The t-chart (days between) or g-chart (cases between) of the measure's events."""
    events = events_of(measure, until)
    if measure.chart_type == rare_events.G_CHART:
        cases = [e.cases_since_previous for e in events if e.cases_since_previous is not None]
        return EventsChart(events, rare_events.g_chart(cases), None, until)
    days = [(later.occurred_on - earlier.occurred_on).days for earlier, later in pairwise(events)]
    open_gap = (until - events[-1].occurred_on).days if events else None
    return EventsChart(events, rare_events.t_chart(days), open_gap, until)


def undated_counts(
    measure: Measure, series: Iterable[Observation], events: Iterable[Occurrence]
) -> list[tuple[date, int, int]]:
    """[(period, counted, dated)] of the periods whose count and dated events disagree."""
    dated: Counter[date] = Counter(
        periods.period_start(event.occurred_on, measure.frequency) for event in events
    )
    counted = {o.period: int(o.value) for o in series}
    return [
        (period, counted.get(period, 0), dated[period])
        for period in sorted(set(counted) | set(dated))
        if counted.get(period, 0) != dated[period]
    ]
