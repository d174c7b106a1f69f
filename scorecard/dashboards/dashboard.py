"""The unit dashboard: each measure's line as at a month, rolled up.

Each measure's value, status, score and SPC is its `MeasureLine`, the read
model in measures/lines.py; this module groups the lines by objective and
perspective and rolls them up. Everything is read in a fixed number of
queries whatever the number of measures (the scorecard, its perspectives,
objectives, measures, targets, values, rebases, initiatives and links), then
computed in plain Python.

How it rolls up (said on the page too): a measure scores 0-10 against its
target; an objective rolls up its measures; a perspective its objectives,
weighted by their weights; the unit its perspectives, each counting the
same, as a balanced scorecard intends. The framework's rule says how
(measures.scores.RollupRule: weighted average, worst of, or average capped
by the worst measure's band; a must-not-fail measure off target caps every
level above it by default). Measures with no value or no target are left
out and the weights renormalised; every level also counts its measures by
status.

A month that has been closed for a unit is read from its reported record
(cycle.record): the figures as they were reported, each measure's line, each
objective's, perspective's and the unit's roll-up as stored, never worked out
again. `figures=LATEST` asks for the figures as they are now instead.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone

from cycle.record import (
    LATEST,
    REPORTED,
    coverage_of_lines,
    current_records,
    reported_lines,
    reported_scores,
    rollup_of,
    scored_lines,
)
from measures.exception_reports import overdue_actions, report_reasons, reports_of
from measures.lines import (
    SCORED_MEASURE_FIELDS,
    VARIATION_LABELS,
    measure_lines,
)
from measures.models import Measure
from measures.scores import RollupRule, roll_up
from scorecard.models import Objective, ObjectiveLink, Perspective


def shown(figures):
    """What a closed month is shown with: as reported, unless the latest figures are asked for."""
    return LATEST if figures.latest else REPORTED


# The assurance icons as the summary's columns, in the order Making Data Count
# reads them, with their headings; measures with no icon last.
MATRIX_COLUMNS = [
    ("consistent_pass", "Pass"),
    ("inconsistent", "Hit and miss"),
    ("consistent_fail", "Fail"),
    (None, "No assurance"),
]


@dataclass
class ObjectiveLine:
    objective: object
    measures: list
    # The roll-up as reported, for a closed month: shown as it was, not worked out again.
    reported: object = None
    rule: RollupRule = RollupRule()

    @cached_property
    def rollup(self):
        if self.reported is not None:
            return self.reported
        return roll_up([(1, line.rollup) for line in self.measures], self.rule)


@dataclass
class PerspectiveLine:
    perspective: object
    objectives: list
    reported: object = None
    rule: RollupRule = RollupRule()

    @cached_property
    def rollup(self):
        if self.reported is not None:
            return self.reported
        return roll_up(
            [(line.objective.weight, line.rollup) for line in self.objectives], self.rule
        )


@dataclass
class Dashboard:
    unit: object
    scorecard: object
    as_at: date
    perspectives: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    links: list = field(default_factory=list)
    # The reported record shown (cycle.models.ReportedUnit), or None for figures worked out now.
    record: object = None
    # {measure id: measures.selectors.Coverage} of its computed totals (the unit page's).
    coverage: dict = field(default_factory=dict)
    # {measure id: ReportOfMonth} of the measures needing action, and the unit's actions
    # past their due date (measures.exception_reports; the unit page's).
    reports: dict = field(default_factory=dict)
    reports_missing: list = field(default_factory=list)  # [(line, [reason words])]
    overdue: list = field(default_factory=list)
    rule: RollupRule = RollupRule()

    @cached_property
    def rollup(self):
        if self.record is not None:
            return rollup_of(self.record.score, self.record.counts, self.record.capped)
        return roll_up(
            [(1, line.rollup) for line in self.perspectives if line.objectives], self.rule
        )

    @property
    def revised(self):
        """The reported lines whose values have changed since the month was reported."""
        return [line for line in self.measures if getattr(line, "revision", None)]

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
        """The MDC summary: how many measures have each variation icon and assurance icon.

        The columns come with their headings, so a heading cannot sit over
        another column's counts.
        """
        cells = Counter((line.variation, line.assurance) for line in self.measures)
        rows = [*VARIATION_LABELS, None]
        columns = [key for key, _ in MATRIX_COLUMNS]
        return {
            "columns": MATRIX_COLUMNS,
            "rows": [(row, [cells[(row, column)] for column in columns]) for row in rows],
        }


def build_many(
    scorecards, as_at, *, history=True, known_at=None, figures=REPORTED, revisions=False
):
    """{scorecard id: Dashboard} for many scorecards, in a fixed number of queries.

    Without initiatives or links: the cascade needs only the scores, and
    with history=False reads only the values due as at `as_at`. A scorecard
    whose unit has closed the month `as_at` is read from its reported record
    (with `revisions`, each line says how its value has changed since),
    unless `figures` is LATEST; the others are what was known at `known_at`
    (measures/known.py), or now.
    """
    scorecards = list(scorecards)
    records = {}
    if figures == REPORTED:
        records = current_records([scorecard.unit_id for scorecard in scorecards], as_at)
    record_of = {s.pk: records[s.unit_id] for s in scorecards if s.unit_id in records}
    # Filters by id: building a query from thousands of instances costs more
    # than running it.
    scorecard_ids = [scorecard.pk for scorecard in scorecards]
    objectives = list(
        Objective.objects.live()
        .filter(scorecard_id__in=scorecard_ids)
        .order_by("position", "code")
    )
    measures = Measure.objects.live().order_by("code")
    if not history:
        measures = measures.values_list(*SCORED_MEASURE_FIELDS, named=True)
    live = measures.filter(
        objective__scorecard_id__in=[pk for pk in scorecard_ids if pk not in record_of]
    )
    lines = (
        measure_lines(live, as_at, history=history, known_at=known_at)
        if len(record_of) < len(scorecards)
        else {}
    )
    by_objective = defaultdict(list)
    for line in lines.values():
        by_objective[line.measure.objective_id].append(line)
    reported_objectives, reported_perspectives = {}, {}
    if record_of:
        if history:
            closed = {
                m.pk: m for m in measures.filter(objective__scorecard_id__in=list(record_of))
            }
            reported = reported_lines(records.values(), measures=closed, revisions=revisions)
        else:
            reported = scored_lines(records.values())
        for measure_lines_of_unit in reported.values():
            for line in measure_lines_of_unit.values():
                by_objective[line.measure.objective_id].append(line)
        for objective_lines in by_objective.values():
            objective_lines.sort(key=lambda line: line.measure.code)
        reported_objectives, reported_perspectives = reported_scores(records.values())
    perspectives_of = defaultdict(list)
    rule_of = {}  # {framework id: its RollupRule}, read with its perspectives
    framework_ids = {scorecard.framework_id for scorecard in scorecards}
    for perspective in (
        Perspective.objects.filter(framework_id__in=framework_ids)
        .select_related("framework")
        .order_by("position", "pk")
    ):
        perspectives_of[perspective.framework_id].append(perspective)
        rule_of[perspective.framework_id] = rollup_rule(perspective.framework)
    scorecard_rule = {s.pk: rule_of.get(s.framework_id, RollupRule()) for s in scorecards}
    by_perspective = defaultdict(list)
    for objective in objectives:
        record = record_of.get(objective.scorecard_id)
        reported = None
        if record is not None:
            reported = reported_objectives.get((record.pk, objective.pk))
            if reported is None:
                continue  # not on the scorecard when the month was reported
        by_perspective[(objective.scorecard_id, objective.perspective_id)].append(
            ObjectiveLine(
                objective,
                by_objective[objective.pk],
                reported,
                scorecard_rule[objective.scorecard_id],
            )
        )
    dashboards = {}
    for scorecard in scorecards:
        record = record_of.get(scorecard.pk)
        dashboards[scorecard.pk] = Dashboard(
            unit=scorecard.unit,
            scorecard=scorecard,
            as_at=as_at,
            perspectives=[
                PerspectiveLine(
                    perspective,
                    by_perspective[(scorecard.pk, perspective.pk)],
                    reported_perspectives.get((record.pk, perspective.pk)) if record else None,
                    scorecard_rule[scorecard.pk],
                )
                for perspective in perspectives_of[scorecard.framework_id]
                if not perspective.is_retired or by_perspective[(scorecard.pk, perspective.pk)]
            ],
            record=record,
            rule=scorecard_rule[scorecard.pk],
        )
    return dashboards


def rollup_rule(framework):
    """The framework's roll-up rule, as measures.scores applies it."""
    return RollupRule(framework.rollup_method, framework.must_not_fail_caps)


def build(unit, scorecard, as_at, *, known_at=None, figures=REPORTED):
    """The Dashboard of `scorecard` as at the month `as_at`, with initiatives and links.

    A closed month's lines say how their values were revised since.
    """
    dashboard = build_many([scorecard], as_at, known_at=known_at, figures=figures, revisions=True)[
        scorecard.pk
    ]
    dashboard.unit = unit
    # A computed total missing units below says so; a closed month, as it was reported.
    dashboard.coverage = coverage_of_lines(dashboard.measures, known_at)
    # The exception report of each measure needing action or a report, for its month
    # (or the last one); those a report is required for and that have none.
    wanted = {line.measure.pk: line for line in dashboard.action_required}
    required = [
        (line, reasons) for line in dashboard.measures if (reasons := report_reasons(line))
    ]
    wanted |= {line.measure.pk: line for line, _ in required}
    dashboard.reports = reports_of((pk, line.period) for pk, line in wanted.items())
    dashboard.reports_missing = [
        (line, reasons)
        for line, reasons in required
        if dashboard.reports[line.measure.pk].report is None
    ]
    dashboard.overdue = overdue_actions(unit, timezone.localdate())
    dashboard.initiatives = list(scorecard.initiatives.order_by("start_date", "title"))
    objectives = [line.objective for line in dashboard.objectives]
    dashboard.links = list(
        ObjectiveLink.objects.filter(cause__in=objectives, effect__in=objectives).values_list(
            "cause_id", "effect_id"
        )
    )
    return dashboard
