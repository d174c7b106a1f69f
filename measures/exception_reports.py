"""Reading and writing exception reports (measures.models.ExceptionReport).

A report is about one measure and one of its periods. The page that writes
one starts from the measure's latest earlier report (carried forward), so an
owner updates last month's text rather than retyping it; a report saved with
the same text says "unchanged since" the month it was first written. Actions
belong to the measure and stay on its report, month after month, until done.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from measures import exceptions
from measures.models import ExceptionAction, ExceptionReport, Measure
from organisations.models import Membership, OrganisationUnit


@dataclass(frozen=True)
class ReportOfMonth:
    """The report a page shows for a measure's period: its own, or the last one before."""

    period: date
    report: ExceptionReport | None  # the period's own
    last: ExceptionReport | None  # the latest before the period, when it has none


def reports_of(lines: Iterable[tuple[int, date]]) -> dict[int, ReportOfMonth]:
    """{measure id: ReportOfMonth} for (measure id, period) pairs; one query."""
    period_of = dict(lines)
    if not period_of:
        return {}
    found: dict[int, ReportOfMonth] = {}
    rows = (
        ExceptionReport.objects.filter(
            measure_id__in=list(period_of), period__lte=max(period_of.values())
        )
        .select_related("written_by")
        .order_by("measure_id", "-period")
    )
    for row in rows:
        period = period_of[row.measure_id]
        if row.measure_id in found or row.period > period:
            continue
        own = row.period == period
        found[row.measure_id] = ReportOfMonth(period, row if own else None, None if own else row)
    return {
        pk: found.get(pk, ReportOfMonth(period, None, None)) for pk, period in period_of.items()
    }


def report_reasons(line: Any) -> list[str]:
    """Why the line's month needs a report, in words; [] when it needs none (any may have one).

    `line` is a measure's line (MeasureLine or a closed month's ReportedLine).
    """
    keys = exceptions.reasons_for_report(
        past_trigger=line.past_trigger,
        concern=bool(line.concern),
        assurance=line.assurance,
        required=settings.EXCEPTION_REPORTS_FOR,
    )
    return [exceptions.REASON_WORDS[key] for key in keys]


def previous_report(measure: Measure, period: date) -> ExceptionReport | None:
    """The measure's latest report before `period`, to carry forward; one query."""
    return measure.exception_reports.filter(period__lt=period).order_by("-period").first()


def raised_by(period: date) -> Q:
    """Actions raised in a report for `period` or before (or with no report to say)."""
    return Q(raised_in__period__lte=period) | Q(raised_in__isnull=True)


def actions_up_to(measure: Measure, period: date) -> list[ExceptionAction]:
    """The measure's actions raised up to `period`, as they stand now, soonest due first:
    a later month's actions are not shown on an earlier month's report."""
    return list(
        measure.exception_actions.filter(raised_by(period)).select_related("owner", "raised_in")
    )


def actions_to_update(measure: Measure, period: date) -> Any:
    """The actions the report for `period` offers to update: those still open that were
    raised up to it, and any raised in this very report (so one marked done by mistake
    can be opened again)."""
    open_then = Q(status=ExceptionAction.Status.OPEN) & raised_by(period)
    return measure.exception_actions.filter(
        open_then | Q(raised_in__period=period)
    ).select_related("raised_in")


def missing_below(measure: Measure, period: date, reports: Sequence[ExceptionReport]) -> list[str]:
    """The names of the units directly below a computed total that report its code and
    have written no report for `period` (`reports` are those they have); one query."""
    written = {report.measure.objective.scorecard.unit_id for report in reports}
    units = (
        Measure.objects.live()
        .filter(
            code=measure.code,
            objective__scorecard__unit__parent_id=measure.objective.scorecard.unit_id,
        )
        .exclude(objective__scorecard__unit_id__in=written)
        .order_by("objective__scorecard__unit__name")
        .values_list("objective__scorecard__unit__name", flat=True)
    )
    return list(units)


def reports_below(measure: Measure, period: date) -> list[ExceptionReport]:
    """The exception reports of the units directly below a computed total for `period`,
    by unit name; one query."""
    return list(
        ExceptionReport.objects.filter(
            measure__code=measure.code,
            measure__objective__scorecard__unit__parent_id=measure.objective.scorecard.unit_id,
            period=period,
        )
        .select_related("measure__objective__scorecard__unit", "written_by")
        .order_by("measure__objective__scorecard__unit__name")
    )


def action_owners(unit: OrganisationUnit, measure: Measure) -> Any:
    """Who may own an action on the measure: the active people who can see the unit, and
    whoever owns one now (so a leaver is shown, and refused, rather than dropped)."""
    owners = ExceptionAction.objects.filter(measure=measure).values("owner_id")
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=Membership.objects.covering(unit).values("user_id"), is_active=True)
            | Q(pk__in=owners)
        )
        .order_by("first_name", "last_name", "username")
    )


def overdue_actions(unit: OrganisationUnit, today: date) -> list[ExceptionAction]:
    """The open actions past their due date on the measures of `unit` and the units below
    it; one query."""
    return list(
        ExceptionAction.objects.filter(
            measure__objective__scorecard__unit__in=OrganisationUnit.objects.in_subtree(unit),
            status=ExceptionAction.Status.OPEN,
            due__lt=today,
        )
        .select_related("measure__objective__scorecard__unit", "owner")
        .order_by("due", "pk")
    )


def actions_owned_by(user: Any) -> list[ExceptionAction]:
    """The open actions `user` owns on measures of units they can still see, soonest due
    first; one query."""
    return list(
        ExceptionAction.objects.filter(
            owner=user,
            status=ExceptionAction.Status.OPEN,
            measure__objective__scorecard__unit__in=OrganisationUnit.objects.visible_to(user),
        )
        .select_related("measure__objective__scorecard__unit")
        .order_by("due", "pk")
    )


@transaction.atomic
def save_report(
    *,
    measure: Measure,
    period: date,
    narrative: dict[str, object],
    actions: Sequence[ExceptionAction],
    user: Any,
    now: datetime | None = None,
) -> ExceptionReport:
    """Write the period's report and its actions in one transaction; return the report.

    `narrative` holds the fields of NARRATIVE_FIELDS; `actions` are the
    measure's actions as changed on the page, new ones without a primary key.
    The last of several saves at once wins, whole: no writer fails.
    """
    now = now or timezone.now()
    # Two people saving the month's report at once take turns (the measure's row is
    # locked on PostgreSQL; SQLite's IMMEDIATE transactions run one at a time): the
    # second finds the first's report and updates it, never inserting a twin.
    Measure.objects.select_for_update().filter(pk=measure.pk).exists()
    report = measure.exception_reports.filter(period=period).first() or ExceptionReport(
        measure=measure, period=period
    )
    for name, value in narrative.items():
        setattr(report, name, value)
    before = previous_report(measure, period)
    report.unchanged_since = exceptions.unchanged_since(
        report.narrative,
        before.narrative if before else None,
        before.period if before else None,
        before.unchanged_since if before else None,
    )
    report.written_by = user if user is not None and user.is_authenticated else None
    report.written_at = now
    report.save()
    for action in actions:
        action.measure = measure
        if action.pk is None:
            action.raised_in = report
        action.save()
    return report
