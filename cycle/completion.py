"""The completion page: for each unit and recent month, whether its values are in.

A unit-month is submitted once its manager has signed it off (cycle.submissions),
whatever it then holds; before that it is complete, not submitted, when every
value due that month has been entered, incomplete (n of m) while some are
missing, and overdue when it is incomplete past its due date
(organisations.reporting, scorecard.lib.reporting_calendar). A submitted month
with a value entered after its submission is "submitted, changed since": a
flag on the cell, worked out from the values' `entered_at`, never stored. A
month a performance lead has closed for the unit says so too ("closed").
The values due in a month are those of the unit's live typed measures whose
period ends that month (as the entry page and My updates count them): June's
monthly values, Q1's quarterly ones, and in March the year's annual ones.
Computed totals are never typed, so never due. `typed_measures` and
`values_due` are that rule, which sign-off reuses.

The months end with the latest month that has ended: its values fall due a
few working days into this month, so a manager sees them as "incomplete"
before they are overdue, and the performance team sees who is late the day
after the due date. This month is never shown: nothing of it is due yet.

Six queries whatever the number of units, measures and months: the units
(the caller's), the measures, the values entered for those measures and
months (with who entered them), the submissions, the months closed, and the
units' working days.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from cycle.models import ReportedUnit, Submission
from measures.models import Measure, MeasureQuerySet, Observation
from measures.selectors import live_measures
from organisations.models import OrganisationUnit
from organisations.reporting import reporting_working_days
from scorecard.lib import periods, reporting_calendar

DEFAULT_MONTHS = 6
MAX_MONTHS = 24


class State(StrEnum):
    """Where a unit's values for a month stand. In words on the page, never colour alone."""

    SUBMITTED = "submitted"
    COMPLETE_NOT_SUBMITTED = "complete, not submitted"
    INCOMPLETE = "incomplete"
    OVERDUE = "overdue"
    NOTHING_DUE = "nothing due"


def state_of(
    due: int, entered: int, due_date: date, today: date, *, submitted: bool = False
) -> State:
    """The rule: nothing due; submitted (signed off, whatever is missing, each with its
    reason); complete, not submitted; overdue (incomplete after its due date); or incomplete."""
    if due == 0:
        return State.NOTHING_DUE
    if submitted:
        return State.SUBMITTED
    if entered >= due:
        return State.COMPLETE_NOT_SUBMITTED
    if today > due_date:
        return State.OVERDUE
    return State.INCOMPLETE


def months_ending(today: date, count: int = DEFAULT_MONTHS) -> list[date]:
    """The `count` months up to the latest that has ended, oldest first."""
    latest = periods.latest_complete_period(today, periods.MONTHLY)
    return [periods.add_periods(latest, periods.MONTHLY, -back) for back in reversed(range(count))]


def typed_measures(units: Iterable[OrganisationUnit]) -> MeasureQuerySet:
    """The measures whose values the units' people type in: live, and not computed totals."""
    return (
        live_measures(units)
        .filter(is_computed=False)
        .order_by("objective__perspective__position", "objective__position", "code")
    )


def values_due(
    measures: Iterable[Measure], months: Iterable[date]
) -> dict[tuple[int, date], list[tuple[Measure, date]]]:
    """{(unit pk, month): [(measure, period), ...]}: the period of each measure ending that month.

    The one rule of what is due in a month; the measures in the order given.
    """
    months = list(months)
    due: dict[tuple[int, date], list[tuple[Measure, date]]] = defaultdict(list)
    for measure in measures:
        unit_pk = measure.objective.scorecard.unit_id
        for month in months:
            period = periods.period_ending_in(month, measure.frequency)
            if period is not None:
                due[(unit_pk, month)].append((measure, period))
    return due


@dataclass(frozen=True)
class Changed:
    """A value entered after its month was submitted: which, when, and by whom."""

    measure: Measure
    period: date
    entered_at: datetime
    entered_by: str

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period, self.measure.frequency)


@dataclass
class Below:
    """Of the units directly below on the page with values due in a month: how many
    are submitted, and how many of those changed since."""

    submitted: int = 0
    every: int = 0
    changed: int = 0


@dataclass
class Cell:
    """One unit in one month: its values due, those entered, and the missing measures."""

    unit: OrganisationUnit
    month: date
    due_date: date
    today: date
    due: int = 0
    missing: list[tuple[Measure, date]] = field(default_factory=list)
    submission: Submission | None = None
    # The values entered after the submission, oldest first.
    changed: list[Changed] = field(default_factory=list)
    below: Below | None = None
    # The month is closed for the unit (its reported record is frozen).
    closed: bool = False

    @property
    def entered(self) -> int:
        return self.due - len(self.missing)

    @property
    def is_complete(self) -> bool:
        """Every value due entered (submitted or not)."""
        return self.due > 0 and not self.missing

    @property
    def changed_since(self) -> bool:
        """Submitted, and a value entered after: "submitted, changed since"."""
        return bool(self.changed)

    @property
    def state(self) -> State:
        return state_of(
            self.due,
            self.entered,
            self.due_date,
            self.today,
            submitted=self.submission is not None,
        )

    @property
    def state_in_words(self) -> str:
        """The state as the page says it: "Submitted, changed since", "Overdue"."""
        if self.changed_since:
            return "Submitted, changed since"
        return str(self.state).capitalize()

    @property
    def has_details(self) -> bool:
        """Whether the page lists something about this cell below the table."""
        return bool(self.missing or self.changed)

    @property
    def in_words(self) -> str:
        """ "3 of 5 entered", or "nothing due"."""
        if self.due == 0:
            return "Nothing due"
        return f"{self.entered} of {self.due} entered"

    @property
    def anchor(self) -> str:
        return f"missing-{self.unit.slug}-{self.month:%Y-%m}"

    @property
    def missing_labelled(self) -> list[tuple[Measure, str]]:
        return [
            (measure, periods.period_label(period, measure.frequency))
            for measure, period in self.missing
        ]


@dataclass
class Row:
    unit: OrganisationUnit
    depth: int
    has_children: bool
    cells: list[Cell]


def completion(units: Iterable[OrganisationUnit], months: list[date], today: date) -> list[Row]:
    """A Row per unit (in the order given) with a Cell per month (in the order given)."""
    units = list(units)
    if not units or not months:
        return []
    measures = typed_measures(units)
    due = values_due(measures, months)
    wanted = {(m.pk, p) for pairs in due.values() for m, p in pairs}
    # When each value was entered and by whom: what "changed since" is made of.
    entered: dict[tuple[int, date], tuple[datetime, str]] = (
        {
            (measure_pk, period): (at, _name(first, last, username))
            for measure_pk, period, at, first, last, username in Observation.objects.filter(
                measure__in=measures, period__in={period for _, period in wanted}
            ).values_list(
                "measure_id",
                "period",
                "entered_at",
                "entered_by__first_name",
                "entered_by__last_name",
                "entered_by__username",
            )
        }
        if wanted
        else {}
    )
    submissions = {
        (submission.unit_id, submission.month): submission
        for submission in Submission.objects.filter(
            unit__in=[unit.pk for unit in units], month__in=months
        ).select_related("submitted_by")
    }
    closed = set(
        ReportedUnit.objects.filter(
            unit__in=[unit.pk for unit in units], month__in=months, reopened__isnull=True
        ).values_list("unit_id", "month")
    )
    working_days = reporting_working_days(units)
    # One due date per unit and month: every period ending in a month ends on its last day.
    rows = []
    for unit in units:
        cells = []
        for month in months:
            pairs = due.get((unit.pk, month), [])
            submission = submissions.get((unit.pk, month))
            cells.append(
                Cell(
                    unit=unit,
                    month=month,
                    due_date=reporting_calendar.due_date(
                        month, periods.MONTHLY, working_days[unit.pk]
                    ),
                    today=today,
                    due=len(pairs),
                    missing=[(m, p) for m, p in pairs if (m.pk, p) not in entered],
                    submission=submission,
                    changed=_changed(pairs, entered, submission),
                    closed=(unit.pk, month) in closed,
                )
            )
        rows.append(Row(unit=unit, depth=0, has_children=False, cells=cells))
    _count_below(rows)
    return rows


def _name(first: str | None, last: str | None, username: str | None) -> str:
    """A person as the pages name them (as User.get_full_name, else the username)."""
    if username is None:
        return "an import or the system"
    return f"{first or ''} {last or ''}".strip() or username


def _changed(
    pairs: list[tuple[Measure, date]],
    entered: dict[tuple[int, date], tuple[datetime, str]],
    submission: Submission | None,
) -> list[Changed]:
    if submission is None:
        return []
    changed = [
        Changed(measure, period, *entered[(measure.pk, period)])
        for measure, period in pairs
        if (measure.pk, period) in entered
        and submission.entered_after(entered[(measure.pk, period)][0])
    ]
    return sorted(changed, key=lambda change: change.entered_at)


def _count_below(rows: list[Row]) -> None:
    """Each unit's depth on the page, and per month how many of the units below are submitted."""
    by_pk = {row.unit.pk: row for row in rows}
    top_level = min(row.unit.level for row in rows)
    for row in rows:
        row.depth = row.unit.level - top_level
        parent = by_pk.get(row.unit.parent_id)
        if parent is None:
            continue
        parent.has_children = True
        for parent_cell, cell in zip(parent.cells, row.cells, strict=True):
            if cell.state is State.NOTHING_DUE:
                continue
            below = parent_cell.below = parent_cell.below or Below()
            below.every += 1
            below.submitted += cell.state is State.SUBMITTED
            below.changed += cell.changed_since
