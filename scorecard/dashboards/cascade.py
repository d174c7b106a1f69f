"""The cascade: every unit a person can see, from the trust down, scored per perspective.

One row per unit in tree order; one column per perspective of the top unit's
framework. Each cell is the perspective's weighted score and status, with its
measures counted by status; a column of must-not-fail measures (zero
tolerance: never events) takes the worst of them, because an average would
let one never event hide behind many quiet months. Everything is read in a
fixed number of queries however many units (scorecard.dashboards.dashboard.build_many).
"""

from dataclasses import dataclass, field

from cycle.record import (
    LATEST,
    REPORTED,
    current_records,
    reported_perspective_scores,
    reported_zero_tolerance_statuses,
    rollup_of,
)
from measures.scores import Rollup, roll_up
from measures.status import Status
from scorecard.dashboards.dashboard import build_many

# Worst first: the must-not-fail column shows the first of these any of its measures has.
WORST_FIRST = [Status.OFF_TARGET, Status.WITHIN_TOLERANCE, Status.NO_DATA, Status.ON_TARGET]


def worst_status(statuses):
    """The worst of must-not-fail measures' statuses, or None when there are none."""
    statuses = [status for status in statuses if status is not Status.NO_TARGET]
    return next((status for status in WORST_FIRST if status in statuses), None)


@dataclass
class CascadeRow:
    unit: object
    depth: int
    has_children: bool
    ancestor_ids: list  # the units above it on the page, for collapsing a branch
    rollup: Rollup | None = None  # the unit's overall; None when it has no scorecard
    cells: list = field(default_factory=list)  # a Rollup per column, None if not in its framework
    must_not_fail: Status | None = None  # None when it has no zero-tolerance measures
    record: object = None  # its ReportedUnit, when the month is shown as reported

    @property
    def has_scorecard(self):
        return self.rollup is not None

    @property
    def overall_and_cells(self):
        """The unit's overall rollup, then a cell per column: one loop draws them all."""
        return [self.rollup, *self.cells]


def rows(units, columns, as_at, *, known_at=None, figures=REPORTED):
    """A CascadeRow per unit (in the order given) with a cell per column perspective.

    A unit that has closed the month shows it as reported, unless `figures`
    is LATEST: read from its record's unit and perspective scores alone, as a
    closed month's cascade needs no measure or objective worked out. The
    others are built as known at `known_at`.
    """
    units = list(units)
    scorecards = [unit.scorecard for unit in units if _scorecard(unit)]
    records = {}
    if figures == REPORTED:
        records = current_records([scorecard.unit_id for scorecard in scorecards], as_at)
    # The units without a record have no reported figures: their latest are all there is.
    dashboards = build_many(
        [scorecard for scorecard in scorecards if scorecard.unit_id not in records],
        as_at,
        history=False,
        known_at=known_at,
        figures=LATEST,
    )
    reported = reported_perspective_scores(records.values())
    zero_tolerance = reported_zero_tolerance_statuses(records.values())
    top_level = min((unit.level for unit in units), default=0)
    parents = {unit.parent_id for unit in units}
    parent_of = {unit.pk: unit.parent_id for unit in units}
    result = []
    for unit in units:
        row = CascadeRow(
            unit=unit,
            depth=unit.level - top_level,
            has_children=unit.pk in parents,
            ancestor_ids=_ancestors(unit.pk, parent_of),
        )
        scorecard = _scorecard(unit)
        if record := records.get(unit.pk):
            row.record = record
            row.rollup = rollup_of(record.score, record.counts, record.capped)
            row.cells = [
                reported.get((record.pk, perspective.pk), NOTHING_SCORED)
                if perspective.framework_id == scorecard.framework_id
                else None
                for perspective in columns
            ]
            row.must_not_fail = worst_status(zero_tolerance[record.pk])
        elif scorecard:
            dashboard = dashboards[scorecard.pk]
            by_perspective = {line.perspective.pk: line.rollup for line in dashboard.perspectives}
            row.rollup = dashboard.rollup
            row.cells = [by_perspective.get(perspective.pk) for perspective in columns]
            row.must_not_fail = worst_status(
                line.status for line in dashboard.measures if line.measure.zero_tolerance
            )
        result.append(row)
    return result


# A perspective of the unit's framework that had nothing scored when the month was reported
# (added to the framework since): as the dashboard shows one with no objectives.
NOTHING_SCORED = roll_up([])


def _ancestors(pk, parent_of):
    found, parent = [], parent_of.get(pk)
    while parent in parent_of:
        found.append(parent)
        parent = parent_of[parent]
    return found


def _scorecard(unit):
    return getattr(unit, "scorecard", None)
