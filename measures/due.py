"""What is due: the measures due in a month on the data entry page, each with its
context, and the values each person must enter, with their due dates.

A fixed number of queries whatever the number of measures: the measures, the
values for the month, the last three values before it, and the targets.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from measures.models import Measure, Observation, Target
from measures.selectors import (
    is_past_trigger,
    live_measures,
    status_for,
    target_in_force,
    targets_by_measure,
    values_before,
)
from measures.status import Status
from organisations.access import managed_unit_filter
from organisations.models import OrganisationUnit
from organisations.reporting import reporting_working_days
from scorecard.lib import periods, reporting_calendar

RECENT_VALUES = 3


@dataclass
class EntryRow:
    """One measure on the entry page, for the period of it that is due this month."""

    measure: Measure
    period: date
    observation: Observation | None
    recent: list[Observation]
    target: Target | None

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period, self.measure.frequency)

    @property
    def recent_labelled(self) -> list[tuple[str, Observation]]:
        """[(period label, observation), ...] of the last values, newest first."""
        frequency = self.measure.frequency
        return [(periods.period_label(o.period, frequency), o) for o in self.recent]

    @property
    def status(self) -> Status:
        value = self.observation.value if self.observation else None
        return status_for(self.measure, value, self.target)

    @property
    def past_trigger(self) -> bool:
        value = self.observation.value if self.observation else None
        return is_past_trigger(self.measure, value, self.target)

    @property
    def version(self) -> int:
        return self.observation.version if self.observation else 0


def latest_month(today: date | None = None) -> date:
    """The month the entry page opens at: the last one that has ended."""
    return periods.latest_complete_period(today or timezone.localdate(), periods.MONTHLY)


def selectable_months(today: date | None = None, count: int = 36) -> list[date]:
    """The months a person can pick on the entry page, newest first, this month included."""
    this_month = periods.period_start(today or timezone.localdate(), periods.MONTHLY)
    return [periods.add_periods(this_month, periods.MONTHLY, -back) for back in range(count)]


def rows_for(unit: OrganisationUnit, month: date) -> list[EntryRow]:
    """An EntryRow for every live measure of the unit's scorecard due in `month`."""
    due = []
    for measure in live_measures([unit]).order_by(
        "objective__perspective__position", "objective__position", "objective__code", "code"
    ):
        period = periods.period_ending_in(month, measure.frequency)
        if period is not None:
            due.append((measure, period))
    if not due:
        return []
    ids = [measure.pk for measure, _ in due]
    stored = {
        (o.measure_id, o.period): o
        for o in Observation.objects.filter(
            measure_id__in=ids, period__in={period for _, period in due}
        ).select_related("entered_by")
    }
    # The oldest due period bounds "before": each row then keeps only its own.
    recent = values_before(ids, month, RECENT_VALUES + 1)
    targets = targets_by_measure(ids)
    return [
        EntryRow(
            measure=measure,
            period=period,
            observation=stored.get((measure.pk, period)),
            recent=[o for o in recent[measure.pk] if o.period < period][:RECENT_VALUES],
            target=target_in_force(targets[measure.pk], period),
        )
        for measure, period in due
    ]


class Standing(StrEnum):
    """Where a value the person must enter stands against its due date."""

    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    DUE_LATER = "due later"


# A value due within this many days (today included) is "due soon".
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Update:
    """A value a person must enter: a measure, its period, and the day it is due."""

    measure: Measure
    period: date
    due: date
    today: date

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period, self.measure.frequency)

    @property
    def entry_month(self) -> date:
        return periods.last_month_of(self.period, self.measure.frequency)

    @property
    def standing(self) -> Standing:
        if self.today > self.due:
            return Standing.OVERDUE
        if (self.due - self.today).days < DUE_SOON_DAYS:
            return Standing.DUE_SOON
        return Standing.DUE_LATER

    @property
    def is_overdue(self) -> bool:
        return self.standing is Standing.OVERDUE

    @property
    def when(self) -> str:
        """In words, never colour alone: "Overdue since 8 December", "Due 7 January"."""
        if self.is_overdue:
            return f"Overdue since {self._day(self.due + timedelta(days=1))}"
        if self.due == self.today:
            return f"Due today, {self._day(self.due)}"
        return f"Due {self._day(self.due)}"

    def _day(self, day: date) -> str:
        written = f"{day.day} {day:%B}"
        return written if day.year == self.today.year else f"{written} {day.year}"


def updates_for(user: User | AnonymousUser, today: date | None = None) -> list[Update]:
    """Every value a user must enter: "My updates" on the home page.

    For each live typed measure of the units the user manages: the latest
    period that has ended, if it has no value; else the period that ends this
    month (the one this month's entry page asks for), if it has none yet.
    Overdue first, then by due date. Three queries whatever the number of
    units and measures: the measures (the units managed, a subquery of it),
    their values for those periods, and the units' working days
    (organisations.reporting).
    """
    today = today or timezone.localdate()
    this_month = periods.period_start(today, periods.MONTHLY)
    candidates: dict[str, list[date]] = {}
    for frequency in periods.MONTHS_PER_PERIOD:
        ending_now = periods.period_ending_in(this_month, frequency)
        latest = periods.latest_complete_period(today, frequency)
        candidates[frequency] = [latest] + ([ending_now] if ending_now else [])
    units = OrganisationUnit.objects.filter(managed_unit_filter(user), is_active=True)
    measures = list(
        live_measures(units)
        .filter(is_computed=False)
        .order_by("objective__scorecard__unit__tree_id", "objective__scorecard__unit__lft", "code")
    )
    if not measures:
        return []
    entered = set(
        Observation.objects.filter(
            measure__in=[measure.pk for measure in measures],
            period__in={period for dates in candidates.values() for period in dates},
        ).values_list("measure_id", "period")
    )
    working_days = reporting_working_days(
        {measure.objective.scorecard.unit for measure in measures}
    )
    updates = []
    for measure in measures:
        period = next(
            (p for p in candidates[measure.frequency] if (measure.pk, p) not in entered), None
        )
        if period is None:
            continue
        days = working_days[measure.objective.scorecard.unit.pk]
        due = reporting_calendar.due_date(period, measure.frequency, days)
        updates.append(Update(measure, period, due, today))
    # Stable: units in tree order and codes stay in order within a due date.
    return sorted(updates, key=lambda update: (not update.is_overdue, update.due))


def overdue_for(user: User | AnonymousUser, today: date | None = None) -> list[Update]:
    """The values a user must enter that are past their due date, the oldest first."""
    return [update for update in updates_for(user, today) if update.is_overdue]
