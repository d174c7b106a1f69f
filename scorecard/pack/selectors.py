"""A unit's board pack for a month: what each of its sections shows (scorecard/pack).

Built on the unit's dashboard as at the month (scorecard.dashboards.dashboard),
so a closed month shows its reported record and an open one its figures as
known, with the same statuses, icons and exception reports as every page.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cycle.record import LATEST, REPORTED
from measures.charts import line_figure
from measures.display import in_units
from measures.exception_reports import raised_by, report_reasons
from measures.lines import VARIATION_LABELS
from measures.models import ExceptionAction
from measures.status import at_precision
from scorecard.dashboards.dashboard import MATRIX_COLUMNS, build
from scorecard.lib import periods
from scorecard.models import PackCover


@dataclass
class Row:
    """A measure's line with the period before it, for the perspective pages."""

    line: Any
    previous: Any = None  # the reading of the period before, or None

    @property
    def change(self):
        """The change from the period before, between the values as shown (at the
        measure's decimals), so it agrees with the two figures beside it."""
        if self.previous is None or self.line.observation is None:
            return None
        decimals = self.line.measure.decimals
        now = at_precision(self.line.observation.value, decimals)
        return now - at_precision(self.previous.value, decimals)

    @property
    def change_words(self) -> str:
        """ "up 0.2%", "down £59", "no change", or "" without a period before."""
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return "no change"
        return f"{'up' if change > 0 else 'down'} {in_units(abs(change), self.line.measure)}"


@dataclass
class ExceptionPage:
    """A measure needing a report: its line, its report for the month, actions, chart."""

    line: Any
    reasons: list[str]
    report_of: Any
    actions: list = field(default_factory=list)
    figure: dict | None = None

    @property
    def figure_id(self) -> str:
        return f"pack-figure-{self.line.measure.pk}"


@dataclass
class Pack:
    unit: Any
    month: date
    dashboard: Any
    cover: PackCover | None
    organisation: Any
    rows: dict  # {perspective id: [Row]}
    matrix: list  # [(variation key or None, label, [[lines] per assurance column])]
    columns: list
    must_not_fail: list
    exceptions: list
    # A closed month shown with its latest figures, revisions included: not as
    # reported, and not a draft either.
    latest_of_closed: bool = False

    @property
    def draft(self) -> bool:
        """A month not closed: its figures as known, which may still change."""
        return self.dashboard.record is None and not self.latest_of_closed

    @property
    def measures(self):
        return [row.line.measure for rows in self.rows.values() for row in rows]


def previous_of(line):
    """The reading of the period before the line's, from its series, or None."""
    before = periods.add_periods(line.period, line.measure.frequency, -1)
    return next((o for o in reversed(line.series) if o.period == before), None)


def build_pack(unit, scorecard, month, *, known_at=None, figures=REPORTED, closed_on=None):
    """The Pack of `unit` for `month`; a fixed number of queries for any number of
    measures (the dashboard's, the cover, and the exception actions)."""
    dashboard = build(unit, scorecard, month, known_at=known_at, figures=figures)
    rows = {
        line.perspective.pk: [
            Row(measure_line, previous_of(measure_line))
            for objective in line.objectives
            for measure_line in objective.measures
        ]
        for line in dashboard.perspectives
    }
    cells = defaultdict(list)
    for measure_line in dashboard.measures:
        cells[(measure_line.variation, measure_line.assurance)].append(measure_line)
    columns = [key for key, _ in MATRIX_COLUMNS]
    matrix = [
        (variation, VARIATION_LABELS.get(variation, ""), [cells[(variation, c)] for c in columns])
        for variation in [*VARIATION_LABELS, None]
    ]
    needing = {line.measure.pk: line for line in dashboard.action_required}
    needing |= {line.measure.pk: line for line, _ in dashboard.reports_missing}
    needing |= {
        line.measure.pk: line
        for line in dashboard.measures
        if dashboard.reports.get(line.measure.pk) and dashboard.reports[line.measure.pk].report
    }
    actions = defaultdict(list)
    for action in ExceptionAction.objects.filter(
        raised_by(month), measure_id__in=list(needing)
    ).select_related("owner", "raised_in"):
        actions[action.measure_id].append(action)
    exceptions = [
        ExceptionPage(
            line,
            line.action_reasons or report_reasons(line),
            dashboard.reports.get(line.measure.pk),
            actions[line.measure.pk],
            line_figure(line) if not line.reported and line.spc else None,
        )
        for line in dashboard.measures
        if line.measure.pk in needing
    ]
    return Pack(
        unit=unit,
        month=month,
        dashboard=dashboard,
        cover=PackCover.objects.filter(unit=unit, month=month).first(),
        organisation=unit.get_root(),
        rows=rows,
        matrix=matrix,
        columns=MATRIX_COLUMNS,
        must_not_fail=[line for line in dashboard.measures if line.measure.zero_tolerance],
        exceptions=exceptions,
        latest_of_closed=figures == LATEST and closed_on is not None,
    )
