"""What is due: the measures due in a month on the data entry page, each with its
context, and the values overdue for each person.

A fixed number of queries whatever the number of measures: the measures, the
values for the month, the last three values before it, and the targets.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q
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
from scorecard.lib import periods

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


@dataclass(frozen=True)
class Overdue:
    measure: Measure
    period: date

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period, self.measure.frequency)

    @property
    def entry_month(self) -> date:
        return periods.last_month_of(self.period, self.measure.frequency)


def overdue_for(
    user: User | AnonymousUser, today: date | None = None, limit: int | None = None
) -> list[Overdue]:
    """The measures a user enters with no value for their latest due period, oldest first."""
    today = today or timezone.localdate()
    units = OrganisationUnit.objects.filter(managed_unit_filter(user), is_active=True)
    missing = Q(pk__in=[])
    due = {}
    for frequency in periods.MONTHS_PER_PERIOD:
        due[frequency] = periods.latest_complete_period(today, frequency)
        has_value = Observation.objects.filter(measure=OuterRef("pk"), period=due[frequency])
        # django-stubs lets a Q combine only with a Q, so it reads the next line's Q & Exists as
        # Exists.__rand__ (a Combinable); Django makes it a Q, as with any conditional expression.
        missing |= Q(frequency=frequency) & ~Exists(has_value)  # type: ignore[assignment]
    measures = (
        live_measures(units)
        .filter(missing, is_computed=False)
        .order_by("objective__scorecard__unit__tree_id", "objective__scorecard__unit__lft", "code")
    )
    overdue = sorted(
        (Overdue(measure, due[measure.frequency]) for measure in measures),
        key=lambda item: item.period,
    )
    return overdue[:limit] if limit else overdue
