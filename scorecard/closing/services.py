"""Closing and reopening a month: the writes of the reported record.

`close_month` freezes, for every unit with a scorecard in a subtree, what its
dashboard shows as at the month (freeze.py), as a new version of its
reported record, in one transaction and a number of queries that does not
grow with the number of units. `reopen_month` marks the current versions
reopened, with a reason, and keeps them: closing again writes version n + 1.

A refusal is raised as Refused, whose text is the reason as the page shows it.

Saves of values and closes of the same unit-months are serialised: both take
measures.recording.lock_unit_months (a save shared, a close exclusive), so a
value saved while a close runs is either committed before the close reads
the values, and so in the record, or refused afterwards as a change to a
closed month (docs/reporting-cycle.md, "Closing a month").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cycle.models import MonthClose, ReportedMeasure, ReportedScore, ReportedUnit
from measures.recording import lock_unit_months
from measures.selectors import coverage_of
from organisations.access import can_close
from organisations.models import OrganisationUnit
from scorecard.closing.freeze import Frozen, freeze
from scorecard.dashboards.dashboard import build_many
from scorecard.lib import periods
from scorecard.lib.words import visible_text
from scorecard.models import Scorecard

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

BATCH = 1000


class Refused(Exception):
    """A close or reopen the rules do not allow; str() of it is the reason, for the page."""


def scorecards_in(unit: OrganisationUnit) -> list[Scorecard]:
    """The scorecards of `unit` and every unit below it, with their units, in tree order."""
    return list(
        Scorecard.objects.in_subtree(unit)
        .select_related("unit")
        .order_by("unit__tree_id", "unit__lft")
    )


def current_records(unit: OrganisationUnit, month: date) -> list[ReportedUnit]:
    """The current (not reopened) versions of `month` in `unit`'s subtree, with their close."""
    return list(
        ReportedUnit.objects.filter(
            unit__in=OrganisationUnit.objects.in_subtree(unit),
            month=month,
            reopened__isnull=True,
        )
        .select_related("unit", "closed__by")
        .order_by("unit__tree_id", "unit__lft")
    )


def _check_month(month: date, today: date) -> None:
    if month.day != 1:
        raise Refused("A month is given by its first day.")
    if month >= periods.period_start(today, periods.MONTHLY):
        raise Refused(f"{month:%B %Y} has not ended yet: a month is closed once it is over.")


def _who(user: Any) -> str:
    return user.get_username() if user else "someone since removed"


def already_closed(record: ReportedUnit) -> str:
    """ "already closed for General Surgery on 3 December 2026 by pat" """
    close = record.closed
    return f"already closed for {record.unit.name} on {close.at:%-d %B %Y} by {_who(close.by)}"


def close_month(
    *, unit: OrganisationUnit, month: date, user: "User | AnonymousUser"
) -> MonthClose:
    """Close `month` for `unit` and every unit below it: freeze their reported record.

    Refused for someone who may not close the unit's months (can_close), a
    month not yet ended, a month already closed for any unit of the subtree,
    and a month with no value at all in it.
    """
    if not can_close(user, unit):
        raise Refused(f"You may not close months for {unit.name}.")
    _check_month(month, timezone.localdate())
    with transaction.atomic():
        scorecards = scorecards_in(unit)
        if not scorecards:
            raise Refused(f"No unit in {unit.name} has a scorecard: there is nothing to close.")
        # Before reading anything: a save in flight commits first, or waits
        # and then finds the month closed.
        lock_unit_months([(s.unit_id, month) for s in scorecards], exclusive=True)
        closed = current_records(unit, month)
        if closed:
            raise Refused(f"{month:%B %Y} is {already_closed(closed[0])}.")
        # The dashboards' module is not typed (only checked where it is listed).
        dashboards = build_many(scorecards, as_at=month)  # type: ignore[no-untyped-call]
        # Which computed totals left out units below, for every unit at once.
        coverage = coverage_of(
            (line.measure, line.period)
            for dashboard in dashboards.values()
            for line in dashboard.measures
            if line.measure.is_computed
        )
        frozen = [freeze(dashboards[s.pk], month, coverage) for s in scorecards]
        if not any(row.value is not None for f in frozen for row in f.measures):
            raise Refused(
                f"{month:%B %Y} has no values at all in {unit.name}: there is nothing to "
                "report yet."
            )
        close = MonthClose.objects.create(
            unit=unit, month=month, action=MonthClose.Action.CLOSE, by=_user_or_none(user)
        )
        _save(frozen, close)
    return close


def _user_or_none(user: "User | AnonymousUser") -> "User | None":
    return user if user.is_authenticated else None


def _save(frozen: Sequence[Frozen], close: MonthClose) -> None:
    """Save the rows of each unit as its next version, a fixed number of statements."""
    latest = dict(
        ReportedUnit.objects.filter(
            unit_id__in=[f.unit.unit_id for f in frozen], month=close.month
        )
        .values("unit_id")
        .annotate(latest=Max("version"))
        .values_list("unit_id", "latest")
    )
    for f in frozen:
        f.unit.version = latest.get(f.unit.unit_id, 0) + 1
        f.unit.closed = close
    # bulk_create sets each unit's primary key on PostgreSQL and SQLite 3.35+.
    ReportedUnit.objects.bulk_create([f.unit for f in frozen], batch_size=BATCH)
    for f in frozen:
        for score in f.scores:
            score.reported_unit = f.unit
        for measure in f.measures:
            measure.reported_unit = f.unit
    ReportedScore.objects.bulk_create([s for f in frozen for s in f.scores], batch_size=BATCH)
    ReportedMeasure.objects.bulk_create([m for f in frozen for m in f.measures], batch_size=BATCH)


@dataclass(frozen=True)
class Reopened:
    event: MonthClose
    units: int


def reopen_month(
    *, unit: OrganisationUnit, month: date, user: "User | AnonymousUser", reason: str
) -> Reopened:
    """Reopen `month` for `unit` and the units below it; the versions closed are kept."""
    if not can_close(user, unit):
        raise Refused(f"You may not reopen months for {unit.name}.")
    reason = visible_text(reason)
    if not reason:
        raise Refused("Say why the month is being reopened.")
    with transaction.atomic():
        unit_ids = list(
            OrganisationUnit.objects.in_subtree(unit).order_by("pk").values_list("pk", flat=True)
        )
        lock_unit_months([(pk, month) for pk in unit_ids], exclusive=True)
        current = current_records(unit, month)
        if not current:
            raise Refused(f"{month:%B %Y} is not closed for {unit.name} or any unit below it.")
        event = MonthClose.objects.create(
            unit=unit,
            month=month,
            action=MonthClose.Action.REOPEN,
            by=_user_or_none(user),
            reason=reason,
        )
        ReportedUnit.objects.filter(pk__in=[r.pk for r in current]).update(reopened=event)
    return Reopened(event, len(current))
