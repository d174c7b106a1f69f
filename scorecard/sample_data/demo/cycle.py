"""The demo's monthly cycle: closed months, a reopened one, last month's submissions.

As a trust a year into using the app would have it: every month up to two
months ago submitted by each unit's manager the day before its values were
due, and closed by the performance lead a few working days after; one month
reopened after a recount and closed again (two versions of its record); one
correction made after a close, so a page shows "revised since reported";
last month submitted by most units' managers, with a reason for each value
still missing, and not yet by a few; this month open.

Everything goes through the app's own services (close_month, reopen_month,
record with a correction reason, submit), so the demo's record is what the
app would have made; only the times are set afterwards to when it would have
happened, as the values' own entry times are, and the past months'
submissions, complete when made, are written in bulk as the values are.
"""

from datetime import datetime, time
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cycle.models import MonthClose, ReportedUnit, Submission
from cycle.submissions import sign_off_of, submit
from measures.models import Observation
from measures.recording import Change, record
from measures.values import MeasuredValue, ratio_value
from organisations.models import OrganisationUnit
from scorecard.closing.services import close_month, reopen_month
from scorecard.lib import periods, reporting_calendar

LEAD = "performance.lead"
# Closed, reopened after a recount, corrected and closed again: this many months before last.
REOPENED_BACK = 3
REOPEN_REASON = (
    "Pathology recounted its turnaround times after the laboratory system fix; the "
    "directorate asked for the month to be reported again."
)
# Corrected after its close, so its pages show "revised since reported".
CORRECTED = ("NHT-SURG-GEN", "RTT18")
CORRECTION_REASON = "Validated waiting list: 31 clock stops had not been recorded."
RECOUNT = ("NHT-CSS-PATH", "PATHTAT")
RECOUNT_REASON = "Recounted after the laboratory system fix."
# Units whose managers have not yet submitted last month.
NOT_YET_SUBMITTED = ("NHT-CSS-PATH", "NHT-SURG-OPH", "NHT-WAC-PAED")
MISSING_REASON = "Not available until the 10th: the national extract comes later."
SUBMITTED_REASON = "Loaded by the demo (load_demo)"
# Closes happen this many working days after the values were due.
CLOSE_AFTER_DUE = 3


def ensure_cycle(ctx, built, working_days):
    """Close, reopen, correct and submit as described above; whatever is done already is kept."""
    lead = ctx.users[LEAD]
    # Read again: the tree's numbers held by the instance made first are stale
    # once the units below it were added.
    trust = OrganisationUnit.objects.get(pk=ctx.units["NHT"].pk)
    monthly = Observation.objects.filter(measure__frequency=periods.MONTHLY)
    first = monthly.order_by("period").values_list("period", flat=True).first()
    if first is None:
        return
    last_closed = periods.add_periods(ctx.latest_month, periods.MONTHLY, -1)
    reopened = periods.add_periods(ctx.latest_month, periods.MONTHLY, -REOPENED_BACK)
    closed = set(
        ReportedUnit.objects.filter(unit=trust, reopened__isnull=True).values_list(
            "month", flat=True
        )
    )
    months = []
    month = periods.period_start(first, periods.MONTHLY)
    while month <= last_closed:
        months.append(month)
        month = periods.add_periods(month, periods.MONTHLY, 1)
    _submit_months_closed(ctx, built, [m for m in months if m not in closed], working_days)
    for month in months:
        if month not in closed:
            _close(trust, month, lead, working_days)
            if month == reopened:
                _reopen_correct_and_close(ctx, built, trust, month, lead, working_days)
    if last_closed not in closed:
        _correct(ctx, built, CORRECTED, last_closed, CORRECTION_REASON, working_days, days=5)
    _submit_last_month(ctx, built, working_days)


def _close(trust, month, lead, working_days, *, extra_days=0):
    event = close_month(unit=trust, month=month, user=lead)
    at = _working_day_after_due(month, working_days, CLOSE_AFTER_DUE + extra_days)
    MonthClose.objects.filter(pk=event.pk).update(at=at)


def _reopen_correct_and_close(ctx, built, trust, month, lead, working_days):
    reopened = reopen_month(unit=trust, month=month, user=lead, reason=REOPEN_REASON)
    at = _working_day_after_due(month, working_days, CLOSE_AFTER_DUE + 2)
    MonthClose.objects.filter(pk=reopened.event.pk).update(at=at)
    _correct(ctx, built, RECOUNT, month, RECOUNT_REASON, working_days, days=CLOSE_AFTER_DUE + 3)
    _close(trust, month, lead, working_days, extra_days=4)


def _correct(ctx, built, where, month, reason, working_days, *, days):
    """Lower a unit's value of a measure for `month` a little, as a correction with a reason."""
    unit_code, code = where
    measure = built[unit_code].measures.get(code)
    if measure is None:
        return
    observation = Observation.objects.filter(measure=measure, period=month).first()
    if observation is None:
        return
    if observation.denominator is not None:
        numerator = max(Decimal(0), observation.numerator - 31)
        entry = MeasuredValue(
            ratio_value(numerator, observation.denominator, measure.ratio_multiplier),
            numerator,
            observation.denominator,
        )
    else:
        entry = MeasuredValue(observation.value + 1)
    user = ctx.users["surgery.manager"] if unit_code.startswith("NHT-SURG") else None
    # A month reopened takes the change as it is; a closed one as a correction.
    record(
        [Change(measure, month, entry, comment=None)],
        user,
        reason=reason,
        correction_reason=reason,
    )
    at = min(_working_day_after_due(month, working_days, days), ctx.now)
    # Dated when it would have been made, as the demo's values are.
    Observation.objects.filter(pk=observation.pk).update(entered_at=at)
    latest = observation.history.order_by("-history_date", "-history_id").first()
    type(latest).objects.filter(pk=latest.pk).update(history_date=at)


def _submit_months_closed(ctx, built, months, working_days):
    """Each unit's manager submitted each of `months` the day before its values were due.

    Written in bulk, as the demo's values are: each month was complete when
    submitted, so there is no missing value to give a reason for.
    """
    have = set(Submission.objects.values_list("unit_id", "month"))
    submissions = []
    for month in months:
        at = min(_working_day_after_due(month, working_days, -1), ctx.now)
        for code, unit in ctx.units.items():
            if code not in built or (unit.pk, month) in have:
                continue
            submission = Submission(
                unit=unit, month=month, submitted_by=_manager(ctx, code), submitted_at=at
            )
            submission._history_date = at
            submissions.append(submission)
    bulk_create_with_history(
        submissions, Submission, batch_size=500, default_change_reason=SUBMITTED_REASON
    )


def _submit_last_month(ctx, built, working_days):
    month = ctx.latest_month
    done = set(Submission.objects.filter(month=month).values_list("unit__code", flat=True))
    for code, unit in ctx.units.items():
        if code in NOT_YET_SUBMITTED or code in done or code not in built:
            continue
        sign_off = sign_off_of(unit, month)
        if not sign_off.values:
            continue
        user = _manager(ctx, code)
        reasons = {value.measure.pk: MISSING_REASON for value in sign_off.missing}
        submission = submit(unit, month, user, reasons, today=ctx.today)
        at = min(_working_day_after_due(month, working_days, -1), ctx.now)
        Submission.objects.filter(pk=submission.pk).update(submitted_at=at)


def _manager(ctx, code):
    """Who submits a unit's month: its demo manager, else the trust's admin on their behalf."""
    if code == "NHT-UEC-ED":
        return ctx.users["ed.manager"]
    if code.startswith("NHT-SURG"):
        return ctx.users["surgery.manager"]
    return ctx.users["admin"]


def _working_day_after_due(month, working_days, days):
    """10am on the working day `days` after `month`'s values were due (before it, if negative)."""
    due = reporting_calendar.due_date(month, periods.MONTHLY, working_days)
    if days == 0:
        day = due
    elif days > 0:
        day = reporting_calendar.working_days_after(due, days)
    else:
        day = reporting_calendar.working_days_before(due, -days)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
