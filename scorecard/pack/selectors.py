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
from measures.charts import line_figure, reported_figure, with_trajectory
from measures.display import in_units
from measures.exception_reports import raised_by, report_reasons
from measures.lines import VARIATION_LABELS
from measures.models import Alignment, ExceptionAction, ExceptionReport, Rebase
from measures.sparkline import sparkline
from measures.status import at_precision
from organisations.models import OrganisationUnit
from scorecard.dashboards.bottlenecks import providers_at
from scorecard.dashboards.dashboard import MATRIX_COLUMNS, build
from scorecard.lib import periods
from scorecard.models import PackCover
from scorecard.review.rules import COLUMNS, in_review_order

# A board pack's trend is the last 13 months: this month and the same month a year ago.
PACK_SPARKLINE_LENGTH = 13


@dataclass
class Row:
    """A measure's line with the period before it, for the perspective pages."""

    line: Any
    previous: Any = None  # the reading of the period before, or None

    @property
    def trend(self) -> list:
        """The values the pack's sparkline draws: the last 13 of those the pages draw."""
        drawn = self.line.series if self.line.reported else self.line.recent
        return list(drawn[-PACK_SPARKLINE_LENGTH:])

    @property
    def sparkline(self):
        return sparkline([reading.value for reading in self.trend])

    @property
    def sparkline_text(self) -> str:
        trend = self.trend
        if len(trend) < 2:
            return ""
        frequency = self.line.measure.frequency
        first, last = (periods.period_label(r.period, frequency) for r in (trend[0], trend[-1]))
        return f"{len(trend)} values from {first} to {last}"

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
    # For a computed total: the reports of the units below for the same period.
    below: list = field(default_factory=list)

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
    key_targets: list = field(default_factory=list)  # [KeyTargetRow]
    providers: list = field(default_factory=list)  # [bottlenecks.Provider] it relies on
    # A closed month shown with its latest figures, revisions included: not as
    # reported, and not a draft either.
    latest_of_closed: bool = False

    @property
    def draft(self) -> bool:
        """A month not closed: its figures as known, which may still change."""
        return self.dashboard.record is None and not self.latest_of_closed

    @property
    def has_values(self) -> bool:
        """Whether any measure has a value for the month: a pack of none says so at once."""
        return any(line.observation is not None for line in self.dashboard.measures)

    @property
    def measures(self):
        return [row.line.measure for rows in self.rows.values() for row in rows]


def previous_of(line):
    """The reading of the period before the line's, from its series, or None."""
    before = periods.add_periods(line.period, line.measure.frequency, -1)
    return next((o for o in reversed(line.series) if o.period == before), None)


@dataclass
class KeyTargetRow:
    """A key target and what the unit's scorecard places against it, by column."""

    key_target: Any
    columns: list  # [(kind, label, [item words])]

    @property
    def placed(self) -> int:
        return sum(len(items) for kind, _, items in self.columns if kind != Alignment.Kind.MISSING)


def key_target_rows(scorecard, lines_by_measure) -> list[KeyTargetRow]:
    """Each active key target with the measures, objectives and gaps the unit's review
    placed against it; a measure of the unit's own says its status. One query."""
    alignments = defaultdict(lambda: defaultdict(list))
    key_targets = {}
    for alignment in Alignment.objects.filter(
        scorecard=scorecard, key_target__is_active=True
    ).select_related("key_target", "measure", "objective"):
        key_targets[alignment.key_target_id] = alignment.key_target
        alignments[alignment.key_target_id][alignment.kind].append(
            item_words(alignment, lines_by_measure)
        )
    return [
        KeyTargetRow(
            key_target,
            [(kind, label, sorted(alignments[key_target.pk][kind])) for kind, label in COLUMNS],
        )
        for key_target in in_review_order(key_targets.values())
    ]


def item_words(alignment, lines_by_measure) -> str:
    """ "RTT18 (Off target)", "C1 Reduce waits", or a missing item's description."""
    if alignment.measure_id:
        line = lines_by_measure.get(alignment.measure_id)
        status = f" ({line.status.label})" if line is not None else ""
        return f"{alignment.measure.code}{status}"
    if alignment.objective_id:
        return f"{alignment.objective.code} {alignment.objective.title}"
    return alignment.description


def reports_below_of(unit, lines) -> dict[tuple[str, date], list]:
    """{(code, period): the exception reports of the units directly below `unit`} for the
    computed totals among `lines`, by unit name; one query, none without a total."""
    totals = [line for line in lines if line.measure.is_computed]
    if not totals:
        return {}
    below = defaultdict(list)
    for report in (
        ExceptionReport.objects.filter(
            measure__code__in={line.measure.code for line in totals},
            measure__objective__scorecard__unit__parent_id=unit.pk,
            period__in={line.period for line in totals},
        )
        .select_related("measure__objective__scorecard__unit", "written_by")
        .order_by("measure__objective__scorecard__unit__name")
    ):
        below[(report.measure.code, report.period)].append(report)
    return below


def restarts_known(record, measure_ids) -> dict[int, list[date]]:
    """{measure id: the periods its limits restarted at, as recorded by the month's close},
    for a closed month's charts; one query, none for a month not closed."""
    if record is None or not measure_ids:
        return {}
    restarts = defaultdict(list)
    for measure_id, period in Rebase.objects.filter(
        measure_id__in=measure_ids, created_at__lte=record.closed.at
    ).values_list("measure_id", "period"):
        restarts[measure_id].append(period)
    return restarts


def figure_of(line, restarts):
    """An exception page's chart: the XmR chart of the figures now, or for a closed month
    the values, target and limits as reported (from the last restart known then)."""
    if not line.reported:
        return line_figure(line) if line.spc else None
    if len(line.series) < 2:
        return None
    row = line.row
    limits_from = max((period for period in restarts if period <= line.period), default=None)
    return reported_figure(
        line.measure,
        line.series,
        line.target,
        row.mean,
        row.lower_limit,
        row.upper_limit,
        limits_from=limits_from,
    )


def planned_figure(line, report_of, restarts):
    """An exception page's chart, with its report's revised trajectory when it has one."""
    figure = figure_of(line, restarts.get(line.measure.pk, []))
    report = report_of.report if report_of else None
    if figure is None or report is None:
        return figure
    observation = line.observation
    last = (observation.period, observation.value) if observation else None
    return with_trajectory(figure, line.measure, report.trajectory, last)


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
    restarts = restarts_known(dashboard.record, list(needing))
    below = reports_below_of(unit, needing.values())
    exceptions = [
        ExceptionPage(
            line,
            line.action_reasons or report_reasons(line),
            dashboard.reports.get(line.measure.pk),
            actions[line.measure.pk],
            planned_figure(line, dashboard.reports.get(line.measure.pk), restarts),
            below.get((line.measure.code, line.period), []),
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
        key_targets=key_target_rows(
            scorecard, {line.measure.pk: line for line in dashboard.measures}
        ),
        # The same pack for every reader of the unit, and a PDF of it anyone of them may
        # download: the services shown are those within the unit's own subtree, which
        # everyone who may read the unit may see, never those of its reader.
        providers=providers_at(
            None,
            month,
            unit,
            known_at=known_at,
            visible=OrganisationUnit.objects.in_subtree(unit),
        ),
    )
