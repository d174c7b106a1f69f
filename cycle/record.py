"""Reading the reported record: a closed month's figures as they were reported.

When a performance lead closes a month (scorecard.closing), each unit's
measures, objectives and perspectives are frozen as rows (cycle.models). The
pages read those rows back for a closed month instead of working the figures
out again, so a correction, a new target or a restart made later changes
nothing they show; what changed since is shown beside the reported figure
("revised since reported").

A `ReportedLine` is a measure's frozen line: it answers what the pages ask of
a live `measures.lines.MeasureLine` (value, target, status, score, the SPC
icons and the sparkline) from the stored row. It has no series to chart: the
measure's own page draws the chart.

Three queries for any number of units: their current records, their scores,
and their measure rows; one more, and one for the reasons, for revisions.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar, Protocol

from django.contrib.auth.models import User
from django.db.models import Q

from cycle.models import ReportedMeasure, ReportedScore, ReportedUnit
from measures import spc
from measures.lines import (
    ASSURANCE_LABELS,
    NOT_JUDGED_SHORT,
    RARE_EVENTS_WORDS,
    RUN_CHART_WORDS,
    SPARKLINE_LENGTH,
    VARIATION_LABELS,
    MeasureLine,
    action_reasons,
    annual_check_of,
    annual_reason,
    measure_lines,
    year_label,
)
from measures.models import Measure, Observation
from measures.recording import CORRECTED
from measures.scores import Rollup, of_measure
from measures.selectors import Coverage, coverage_of
from measures.sparkline import Sparkline, sparkline
from measures.status import Status, Threshold, at_precision
from scorecard.lib import periods

# Which figures a page shows for a closed month: as reported (the default), or latest.
REPORTED = "reported"
LATEST = "latest"

STATUS_BY_KEY = {status.key: status for status in Status}

# Why the reported line has no icons, in words (spc.why_not_judgeable's answers).
NOT_JUDGED_WORDS = {
    spc.ZERO_TOLERANCE: (
        "This is a zero-tolerance measure: every occurrence is off target and calls for "
        "action, so it is judged event by event, not by an XmR chart."
    ),
    spc.TOO_FEW_POINTS: (
        f"When the month was reported there were too few values since the series began or "
        f"its limits last restarted: limits and icons need at least "
        f"{spc.MIN_POINTS_FOR_LIMITS} values in a group."
    ),
    spc.NO_WIDTH: (
        "When the month was reported the values barely varied, so the process limits had no "
        "width and could not tell a real change from noise."
    ),
    spc.RUN_CHART: RUN_CHART_WORDS,
    spc.RARE_EVENTS: RARE_EVENTS_WORDS,
    spc.THIN_BASELINE: (
        "When the month was reported its named baseline period had too few values to fix "
        "limits on, so none were drawn."
    ),
}


def status_of(key: str) -> Status:
    """The Status stored as its key ("on_target")."""
    return STATUS_BY_KEY[key]


def rollup_of(score: float | None, counts: dict[str, int], capped: str = "") -> Rollup:
    """A stored roll-up: its score, its measures by status, and why it was capped."""
    by_status = Counter({status_of(key): count for key, count in counts.items()})
    return Rollup(score, by_status, capped=capped)


@dataclass(frozen=True)
class Point:
    """A value of the reported series, or the reported value itself."""

    period: date
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True)
class ReportedTarget:
    """The target in force when the month was reported."""

    value: Decimal
    upper_value: Decimal | None
    tolerance: Decimal
    action_trigger: Decimal | None

    @property
    def threshold(self) -> Threshold:
        return Threshold(self.value, self.tolerance, self.upper_value, self.action_trigger)


@dataclass(frozen=True)
class Revision:
    """A reported value changed after the month closed: who, when, why, and to what."""

    was: Decimal | None
    now: Decimal | None
    by: User | None
    at: datetime | None  # None when the value was deleted
    reason: str


class ReportedRow(Protocol):
    """A ReportedMeasure, or a row of its SCORED_FIELDS (no series, no comment)."""

    @property
    def period(self) -> date: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def numerator(self) -> Decimal | None: ...
    @property
    def denominator(self) -> Decimal | None: ...
    @property
    def target(self) -> Decimal | None: ...
    @property
    def target_upper(self) -> Decimal | None: ...
    @property
    def tolerance(self) -> Decimal | None: ...
    @property
    def action_trigger(self) -> Decimal | None: ...
    @property
    def status(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def past_trigger(self) -> bool: ...
    @property
    def variation(self) -> str: ...
    @property
    def assurance(self) -> str: ...
    @property
    def concern(self) -> str: ...
    @property
    def not_judged(self) -> str: ...
    @property
    def year_to_date(self) -> Decimal | None: ...
    @property
    def annual_threshold(self) -> Decimal | None: ...


@dataclass
class ReportedLine:
    """A measure's line in a closed month, read from the reported record."""

    measure: Any  # the Measure, or a ScoredMeasure (the cascade's)
    row: "ReportedRow"  # a ReportedMeasure, or a row of its SCORED_FIELDS
    revision: Revision | None = None
    has_history: bool = field(default=False, init=False)
    reported: ClassVar[bool] = True

    @property
    def period(self) -> date:
        return self.row.period

    @cached_property
    def observation(self) -> Point | None:
        if self.row.value is None:
            return None
        return Point(
            self.row.period,
            self.row.value,
            self.row.numerator,
            self.row.denominator,
            self.latest_comment,
        )

    @cached_property
    def series(self) -> list[Point]:
        """The values the sparkline drew; none read for a page of scores (SCORED_FIELDS)."""
        stored = getattr(self.row, "series", [])
        return [Point(date.fromisoformat(day), Decimal(value)) for day, value in stored]

    @property
    def latest(self) -> Point | None:
        return self.series[-1] if self.series else self.observation

    @cached_property
    def target(self) -> ReportedTarget | None:
        if self.row.target is None:
            return None
        return ReportedTarget(
            self.row.target,
            self.row.target_upper,
            self.row.tolerance or Decimal(0),
            self.row.action_trigger,
        )

    @property
    def status(self) -> Status:
        return status_of(self.row.status)

    @property
    def score(self) -> float | None:
        return self.row.score

    @property
    def past_trigger(self) -> bool:
        return self.row.past_trigger

    @cached_property
    def rollup(self) -> Rollup:
        rollup: Rollup = of_measure(
            self.score, self.status, must_not_fail=self.measure.zero_tolerance
        )
        return rollup

    @property
    def variation(self) -> str | None:
        return self.row.variation or None

    @property
    def assurance(self) -> str | None:
        return self.row.assurance or None

    @property
    def variation_label(self) -> str:
        return VARIATION_LABELS.get(self.row.variation, "")

    @property
    def assurance_label(self) -> str:
        return ASSURANCE_LABELS.get(self.row.assurance, "")

    @property
    def not_judged(self) -> str | None:
        return self.row.not_judged or None

    @property
    def judgeable(self) -> bool:
        return not self.row.not_judged

    @property
    def why_not_judged(self) -> str:
        return NOT_JUDGED_WORDS.get(self.row.not_judged, "")

    @property
    def not_judged_short(self) -> str:
        return NOT_JUDGED_SHORT.get(self.row.not_judged, "")

    @property
    def concern(self) -> str | None:
        return self.row.concern or None

    @property
    def needs_action(self) -> bool:
        return bool(self.action_reasons)

    @property
    def year_to_date(self) -> Decimal | None:
        return self.row.year_to_date

    @property
    def year_label(self) -> str:
        return year_label(self.period, self.measure.frequency)

    @cached_property
    def annual(self) -> Any:
        return annual_check_of(
            self.row.year_to_date, self.row.annual_threshold, self.period, self.measure
        )

    @property
    def annual_reason(self) -> str:
        return annual_reason(self.annual, self.period)

    @property
    def action_reasons(self) -> list[str]:
        return action_reasons(self.past_trigger, self.concern, self.annual_reason)

    @cached_property
    def coverage(self) -> Coverage | None:
        """The units below a computed total left out when it was reported, or None
        (none were, or it is not a total; a page of scores does not read it)."""
        stored = getattr(self.row, "coverage", None)
        return Coverage.from_stored(self.period, stored) if stored else None

    @property
    def latest_comment(self) -> str:
        """The comment reported with the value: what was said that month."""
        comment: str = getattr(self.row, "comment", "")
        return comment

    @property
    def sparkline(self) -> Sparkline | None:
        return sparkline([point.value for point in self.series[-SPARKLINE_LENGTH:]])

    @property
    def sparkline_text(self) -> str:
        recent = self.series[-SPARKLINE_LENGTH:]
        if len(recent) < 2:
            return ""
        label = periods.period_label
        frequency = self.measure.frequency
        return (
            f"{len(recent)} values from {label(recent[0].period, frequency)} to "
            f"{label(recent[-1].period, frequency)}, as reported"
        )


def current_records(unit_ids: Iterable[int], month: date) -> dict[int, ReportedUnit]:
    """{unit id: its current (not reopened) record of `month`} for the units closed, one query."""
    records = ReportedUnit.objects.filter(
        unit_id__in=list(unit_ids), month=month, reopened__isnull=True
    ).select_related("closed", "closed__by")
    return {record.unit_id: record for record in records}


def reported_scores(
    records: Iterable[ReportedUnit],
) -> tuple[dict[tuple[int, int], Rollup], dict[tuple[int, int], Rollup]]:
    """({(record id, objective id): Rollup}, {(record id, perspective id): Rollup}), one query."""
    by_objective: dict[tuple[int, int], Rollup] = {}
    by_perspective: dict[tuple[int, int], Rollup] = {}
    rows = ReportedScore.objects.filter(reported_unit__in=[r.pk for r in records]).values_list(
        "reported_unit_id",
        "objective_id",
        "perspective_id",
        "score",
        "status",
        "counts",
        "capped",
        named=True,
    )
    for row in rows:
        rollup = rollup_of(row.score, row.counts, row.capped)
        if row.objective_id is not None:
            by_objective[(row.reported_unit_id, row.objective_id)] = rollup
        elif row.perspective_id is not None:
            by_perspective[(row.reported_unit_id, row.perspective_id)] = rollup
    return by_objective, by_perspective


def reported_perspective_scores(records: Iterable[ReportedUnit]) -> dict[tuple[int, int], Rollup]:
    """{(record id, perspective id): Rollup}, without the objectives' scores; one query.

    For pages that show a unit per row and a cell per perspective (the
    cascade): the objectives' scores would be read and never shown.
    """
    rows = ReportedScore.objects.filter(
        reported_unit__in=[record.pk for record in records], objective__isnull=True
    ).values_list("reported_unit_id", "perspective_id", "score", "counts", "capped")
    return {
        (record_id, perspective_id): rollup_of(score, counts, capped)
        for record_id, perspective_id, score, counts, capped in rows
    }


def reported_zero_tolerance_statuses(records: Iterable[ReportedUnit]) -> dict[int, list[Status]]:
    """{record id: the statuses of its live zero-tolerance measures as reported}; one query."""
    rows = ReportedMeasure.objects.filter(
        reported_unit__in=[record.pk for record in records],
        measure__zero_tolerance=True,
        measure__is_retired=False,
        measure__objective__is_retired=False,
    ).values_list("reported_unit_id", "status")
    statuses: dict[int, list[Status]] = defaultdict(list)
    for record_id, status in rows:
        statuses[record_id].append(status_of(status))
    return statuses


def reported_lines(
    records: Iterable[ReportedUnit],
    *,
    measures: dict[int, Any],
    revisions: bool = False,
) -> dict[int, dict[int, ReportedLine]]:
    """{record id: {measure id: ReportedLine}} for the measures given (by id), one query.

    `measures` are the live Measures (or rows) the page shows; a measure
    reported then and no longer on the scorecard is left out with them.
    With `revisions`, each line carries how its value changed since.
    """
    records = list(records)
    # By record alone: an IN list of every measure of a trust costs more to
    # build and plan than the rows it would leave out.
    reported = ReportedMeasure.objects.filter(reported_unit__in=[record.pk for record in records])
    rows = [row for row in reported if row.measure_id in measures]
    changed = revisions_of(rows, measures) if revisions else {}
    lines: dict[int, dict[int, ReportedLine]] = defaultdict(dict)
    for row in rows:
        lines[row.reported_unit_id][row.measure_id] = ReportedLine(
            measures[row.measure_id], row, changed.get(row.pk)
        )
    return lines


# What a page of scores and statuses reads of a reported line (the cascade,
# alignment), and of its measure, in the same query: no series, no comment.
SCORED_FIELDS = (
    "reported_unit_id",
    "measure_id",
    "period",
    "value",
    "numerator",
    "denominator",
    "target",
    "target_upper",
    "tolerance",
    "action_trigger",
    "status",
    "score",
    "past_trigger",
    "variation",
    "assurance",
    "concern",
    "not_judged",
    "year_to_date",
    "annual_threshold",
)


@dataclass(frozen=True)
class ScoredMeasure:
    """The fields of a measure a page of scores reads (measures.lines.SCORED_MEASURE_FIELDS)."""

    pk: int
    objective_id: int
    code: str
    frequency: str
    direction: str
    zero_tolerance: bool
    is_computed: bool
    decimals: int
    chart_type: str
    baseline_points: int | None
    baseline_start: date | None
    baseline_end: date | None
    year_to_date: str
    ratio_multiplier: Decimal


def scored_lines(records: Iterable[ReportedUnit]) -> dict[int, dict[int, ReportedLine]]:
    """{record id: {measure id: ReportedLine}} of the live measures, without series; one query.

    For pages of many units that show scores and statuses: the rows come as
    plain values with their measure's fields joined, not as model instances,
    as thousands of them would cost more than the rest of the page.
    """
    rows = (
        ReportedMeasure.objects.filter(
            reported_unit__in=[record.pk for record in records],
            measure__is_retired=False,
            measure__objective__is_retired=False,
        )
        .order_by()
        .values_list(
            *SCORED_FIELDS,
            "measure__objective_id",
            "measure__code",
            "measure__frequency",
            "measure__direction",
            "measure__zero_tolerance",
            "measure__is_computed",
            "measure__decimals",
            "measure__chart_type",
            "measure__baseline_points",
            "measure__baseline_start",
            "measure__baseline_end",
            "measure__year_to_date",
            "measure__ratio_multiplier",
            named=True,
        )
    )
    lines: dict[int, dict[int, ReportedLine]] = defaultdict(dict)
    for row in rows:
        measure = ScoredMeasure(
            row.measure_id,
            row.measure__objective_id,
            row.measure__code,
            row.measure__frequency,
            row.measure__direction,
            row.measure__zero_tolerance,
            row.measure__is_computed,
            row.measure__decimals,
            row.measure__chart_type,
            row.measure__baseline_points,
            row.measure__baseline_start,
            row.measure__baseline_end,
            row.measure__year_to_date,
            row.measure__ratio_multiplier,
        )
        lines[row.reported_unit_id][row.measure_id] = ReportedLine(measure, row)
    return lines


# What a computed total's revision says: nobody typed it, the units below changed.
TOTAL_REVISED = "it is computed from the units below, and one of them was corrected since"


def revisions_of(rows: Iterable[ReportedMeasure], measures: dict[int, Any]) -> dict[int, Revision]:
    """{reported row id: Revision} for reported values that read differently now.

    A value differs when it shows differently at its measure's decimals (a
    total recomputed to the sixth place after a correction below, showing the
    same figure, is not a revision anyone could see). Two queries: the values
    now, and the reason kept with each one's latest history row (a
    correction after close carries the person's).
    """
    rows = list(rows)
    if not rows:
        return {}
    wanted = Q()
    for row in rows:
        wanted |= Q(measure_id=row.measure_id, period=row.period)
    now = {
        (observation.measure_id, observation.period): observation
        for observation in Observation.objects.filter(wanted).select_related("entered_by")
    }

    def shown(value: Decimal | None, row: ReportedMeasure) -> str | None:
        decimals = measures[row.measure_id].decimals
        return None if value is None else f"{at_precision(value, decimals):.{decimals}f}"

    differing = [
        row
        for row in rows
        if shown(_value(now.get((row.measure_id, row.period))), row) != shown(row.value, row)
    ]
    reasons = _latest_reasons(
        [
            now[(row.measure_id, row.period)]
            for row in differing
            if (row.measure_id, row.period) in now
        ]
    )
    revisions = {}
    for row in differing:
        observation = now.get((row.measure_id, row.period))
        computed = measures[row.measure_id].is_computed
        revisions[row.pk] = Revision(
            was=row.value,
            now=_value(observation),
            by=observation.entered_by if observation and not computed else None,
            at=observation.entered_at if observation else None,
            reason=TOTAL_REVISED
            if computed
            else (reasons.get(observation.pk, "") if observation else ""),
        )
    return revisions


def _value(observation: Observation | None) -> Decimal | None:
    return observation.value if observation else None


def _latest_reasons(observations: list[Observation]) -> dict[int, str]:
    """{observation id: the change reason of its latest history row}, one query."""
    if not observations:
        return {}
    history = Observation.history.model.objects.filter(
        id__in=[observation.pk for observation in observations]
    ).order_by("id", "-history_date", "-history_id")
    reasons: dict[int, str] = {}
    for row in history.values_list("id", "history_change_reason"):
        reasons.setdefault(row[0], (row[1] or "").removeprefix(CORRECTED))
    return reasons


def lines_as_at(
    measures: Iterable[Measure],
    as_at: date,
    *,
    known_at: datetime | None = None,
    figures: str = REPORTED,
) -> dict[int, MeasureLine | ReportedLine]:
    """{measure id: line} for measures of any units: as reported where a unit closed `as_at`.

    For pages that gather measures from several units (the key-target
    review); the others as known at `known_at`. Three queries more than
    measure_lines: the measures' units, their records, and the reported rows.
    """
    by_pk: dict[int, Measure] = {measure.pk: measure for measure in measures}
    reported: dict[int, MeasureLine | ReportedLine] = {}
    if figures == REPORTED and by_pk:
        unit_of = dict(
            Measure.objects.filter(pk__in=list(by_pk)).values_list(
                "pk", "objective__scorecard__unit_id"
            )
        )
        records = current_records(set(unit_of.values()), as_at)
        for by_measure in reported_lines(records.values(), measures=by_pk).values():
            reported.update(by_measure)
    rest = [measure for pk, measure in by_pk.items() if pk not in reported]
    live: dict[int, MeasureLine | ReportedLine] = (
        dict(measure_lines(rest, as_at, known_at=known_at)) if rest else {}
    )
    return {pk: reported[pk] if pk in reported else live[pk] for pk in by_pk}


def coverage_of_lines(
    lines: Iterable[MeasureLine | ReportedLine], known_at: datetime | None = None
) -> dict[int, Coverage]:
    """{measure id: Coverage} of the computed totals among `lines` that left units out.

    A closed month's line says what its record kept (no query); the others
    are worked out from the values below as known at `known_at`, as their
    lines were (coverage_of). A total every unit below reported may be
    missing from the answer.
    """
    kept: dict[int, Coverage] = {}
    now: list[tuple[Any, date]] = []  # (Measure or a row of its fields, period)
    for line in lines:
        if not line.measure.is_computed:
            continue
        if isinstance(line, ReportedLine):
            if line.coverage:
                kept[line.measure.pk] = line.coverage
        else:
            now.append((line.measure, line.period))
    return kept | coverage_of(now, known_at)
