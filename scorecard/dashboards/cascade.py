"""The cascade: every unit a person can see, from the trust down, scored per perspective.

One row per unit in tree order; one column per perspective of the top unit's
framework. Each cell is the perspective's weighted score and status, with its
measures counted by status; a column of must-not-fail measures (zero
tolerance: never events) takes the worst of them, because an average would
let one never event hide behind many quiet months. Everything is read in a
fixed number of queries however many units (scorecard.dashboards.dashboard.build_many).
"""

from dataclasses import dataclass

from cycle.record import REPORTED
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
    dashboard: object  # None when the unit has no scorecard
    cells: list  # a Rollup per column perspective, or None where the unit has no such perspective
    ancestor_ids: list  # the units above it on the page, for collapsing a branch

    @property
    def must_not_fail(self):
        if self.dashboard is None:
            return None
        return worst_status(
            line.status for line in self.dashboard.measures if line.measure.zero_tolerance
        )

    @property
    def overall_and_cells(self):
        """The unit's overall rollup, then a cell per column: one loop draws them all."""
        return [self.dashboard.rollup, *self.cells]

    @property
    def same_framework(self):
        return self.dashboard is None or all(cell is not None for cell in self.cells)


def rows(units, columns, as_at, *, known_at=None, figures=REPORTED):
    """A CascadeRow per unit (in the order given) with a cell per column perspective.

    A unit that has closed the month shows it as reported, unless `figures`
    is LATEST; the others as known at `known_at`.
    """
    units = list(units)
    scorecards = [unit.scorecard for unit in units if _scorecard(unit)]
    dashboards = build_many(scorecards, as_at, history=False, known_at=known_at, figures=figures)
    top_level = min((unit.level for unit in units), default=0)
    parents = {unit.parent_id for unit in units}
    parent_of = {unit.pk: unit.parent_id for unit in units}
    result = []
    for unit in units:
        scorecard = _scorecard(unit)
        dashboard = dashboards.get(scorecard.pk) if scorecard else None
        by_perspective = (
            {line.perspective.pk: line.rollup for line in dashboard.perspectives}
            if dashboard
            else {}
        )
        result.append(
            CascadeRow(
                unit=unit,
                depth=unit.level - top_level,
                has_children=unit.pk in parents,
                dashboard=dashboard,
                cells=[by_perspective.get(perspective.pk) for perspective in columns],
                ancestor_ids=_ancestors(unit.pk, parent_of),
            )
        )
    return result


def _ancestors(pk, parent_of):
    found, parent = [], parent_of.get(pk)
    while parent in parent_of:
        found.append(parent)
        parent = parent_of[parent]
    return found


def _scorecard(unit):
    return getattr(unit, "scorecard", None)
