"""The completion page: for each unit and recent month, whether its values are in.

A unit-month is complete when every value due that month has been entered,
incomplete (n of m) while some are missing, and overdue when it is incomplete
past its due date (organisations.reporting, scorecard.lib.reporting_calendar).
The values due in a month are those of the unit's live typed measures whose
period ends that month (as the entry page and My updates count them): June's
monthly values, Q1's quarterly ones, and in March the year's annual ones.
Computed totals are never typed, so never due. Sign-off ("submitted") does not
exist yet; when it does it is a state above "complete".

The months end with the latest month that has ended: its values fall due a
few working days into this month, so a manager sees them as "incomplete"
before they are overdue, and the performance team sees who is late the day
after the due date. This month is never shown: nothing of it is due yet.

Four queries whatever the number of units, measures and months: the units
(the caller's), the measures, the values entered for those measures and
months, and the units' working days.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from measures.models import Measure, Observation
from measures.selectors import live_measures
from organisations.models import OrganisationUnit
from organisations.reporting import reporting_working_days
from scorecard.lib import periods, reporting_calendar

DEFAULT_MONTHS = 6
MAX_MONTHS = 24


class State(StrEnum):
    """Where a unit's values for a month stand. In words on the page, never colour alone."""

    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    OVERDUE = "overdue"
    NOTHING_DUE = "nothing due"


def state_of(due: int, entered: int, due_date: date, today: date) -> State:
    """The rule: nothing due, complete, overdue (incomplete after its due date), or incomplete."""
    if due == 0:
        return State.NOTHING_DUE
    if entered >= due:
        return State.COMPLETE
    if today > due_date:
        return State.OVERDUE
    return State.INCOMPLETE


def months_ending(today: date, count: int = DEFAULT_MONTHS) -> list[date]:
    """The `count` months up to the latest that has ended, oldest first."""
    latest = periods.latest_complete_period(today, periods.MONTHLY)
    return [periods.add_periods(latest, periods.MONTHLY, -back) for back in reversed(range(count))]


@dataclass
class Cell:
    """One unit in one month: its values due, those entered, and the missing measures."""

    unit: OrganisationUnit
    month: date
    due_date: date
    today: date
    due: int = 0
    missing: list[tuple[Measure, date]] = field(default_factory=list)
    # Of the units directly below on the page with values due this month: (complete, all).
    below: tuple[int, int] | None = None

    @property
    def entered(self) -> int:
        return self.due - len(self.missing)

    @property
    def state(self) -> State:
        return state_of(self.due, self.entered, self.due_date, self.today)

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
    # (measure, period) due, by unit and month: the period of each measure ending in that month.
    due: dict[tuple[int, date], list[tuple[Measure, date]]] = defaultdict(list)
    measures = (
        live_measures(units)
        .filter(is_computed=False)
        .order_by("objective__perspective__position", "objective__position", "code")
    )
    for measure in measures:
        unit_pk = measure.objective.scorecard.unit_id
        for month in months:
            period = periods.period_ending_in(month, measure.frequency)
            if period is not None:
                due[(unit_pk, month)].append((measure, period))
    wanted = {(m.pk, p) for pairs in due.values() for m, p in pairs}
    entered = (
        set(
            Observation.objects.filter(
                measure__in=measures, period__in={period for _, period in wanted}
            ).values_list("measure_id", "period")
        )
        if wanted
        else set()
    )
    working_days = reporting_working_days(units)
    # One due date per unit and month: every period ending in a month ends on its last day.
    rows = []
    for unit in units:
        cells = []
        for month in months:
            pairs = due.get((unit.pk, month), [])
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
                )
            )
        rows.append(Row(unit=unit, depth=0, has_children=False, cells=cells))
    _count_below(rows)
    return rows


def _count_below(rows: list[Row]) -> None:
    """Each unit's depth on the page, and per month how many of the units below are complete."""
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
            complete, every = parent_cell.below or (0, 0)
            parent_cell.below = (complete + (cell.state is State.COMPLETE), every + 1)
