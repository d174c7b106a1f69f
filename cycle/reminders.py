"""Reminders: who is emailed what about the values due, and sending each once.

Each unit's managers (a manager's role on the unit or a unit above it) are
emailed the values still missing for a month on its occasions: the working
days before its due date in REMINDER_DAYS_BEFORE, the due date itself, and
the working days after it in REMINDER_DAYS_AFTER. A unit whose values are all
entered, or that has submitted the month, is not reminded. On
REMINDER_SUMMARY_WEEKDAY each performance lead is sent a summary of the
overdue units their role covers, unless they have turned it off
(ReminderPreference); the reminders of values due cannot be turned off.

Each email is one occasion for one person, named by a key; the sent-log
(ReminderSent) holds one row per person and key, written in the same
transaction as the send and only once the mail server has taken the email,
so running twice sends nothing twice and a failure is never marked sent. A
failure (ReminderFailure) is tried again by the next run for up to
RETRY_DAYS days: the occasion it failed on is then sent late, once, unless a
later occasion has come.

The rules (`occasions`, `occasion_on`, `needs_reminder`, the keys) are plain
functions of dates and counts; `reminders_for` reads what is due in a fixed
number of queries plus one per unit reminded (its managers, through
Membership.objects.covering) and one per performance lead (their units);
`deliver` sends.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse

from cycle.completion import Cell, State, completion, months_ending
from cycle.models import (
    ReminderFailure,
    ReminderKind,
    ReminderPreference,
    ReminderSent,
)
from organisations.models import Membership, OrganisationUnit, Role
from scorecard.lib import periods, reporting_calendar
from scorecard.lib.words import count_of

logger = logging.getLogger(__name__)

# The months whose values are chased: the latest that have ended. Their due
# dates fall a few working days into the month after, so three months cover
# any reminder after the due date that the settings can ask for in practice.
MONTHS_CHASED = 3
# A reminder that failed is tried again by each run for this many days after
# its occasion; after that a later occasion, or the next summary, says it.
RETRY_DAYS = 7
NO_EMAIL = "{name} has no email address: add one to their user in Settings."
SERVER_DOWN = "The mail server could not be reached: {error}"


# The rules.


@dataclass(frozen=True)
class Occasion:
    """A day a unit's managers are reminded of a month's values: before, on or after it is due."""

    day: date
    kind: ReminderKind
    working_days: int = 0

    @property
    def name(self) -> str:
        """ "before-2", "due", "after-5": the occasion's part of a key."""
        if self.kind is ReminderKind.DUE:
            return "due"
        return f"{self.kind.value}-{self.working_days}"

    @property
    def in_words(self) -> str:
        if self.kind is ReminderKind.DUE:
            return "on the due date"
        side = "before" if self.kind is ReminderKind.BEFORE else "after"
        return f"{count_of(self.working_days, 'working day')} {side} the due date"


def occasions(due: date, days_before: Sequence[int], days_after: Sequence[int]) -> list[Occasion]:
    """Every occasion of a due date, in date order."""
    dated = [
        Occasion(reporting_calendar.working_days_before(due, n), ReminderKind.BEFORE, n)
        for n in days_before
    ]
    dated.append(Occasion(due, ReminderKind.DUE))
    dated += [
        Occasion(reporting_calendar.working_days_after(due, n), ReminderKind.AFTER, n)
        for n in days_after
    ]
    return sorted(dated, key=lambda occasion: occasion.day)


def occasion_on(
    today: date,
    due: date,
    days_before: Sequence[int],
    days_after: Sequence[int],
    failed: Callable[[Occasion], bool] = lambda occasion: False,
) -> Occasion | None:
    """The occasion to remind of today: today's own, else the latest of the last
    RETRY_DAYS days that `failed` (it is tried again until it is sent)."""
    latest = None
    for occasion in occasions(due, days_before, days_after):
        if occasion.day == today:
            return occasion
        if today - timedelta(days=RETRY_DAYS) <= occasion.day < today and failed(occasion):
            latest = occasion
    return latest


def needs_reminder(cell: Cell, submitted: bool) -> bool:
    """A unit is reminded of a month while values due are missing and it has not submitted.

    Nor once the month is closed: what is entered then is a correction, not a
    value the report is waiting for.
    """
    return cell.due > 0 and bool(cell.missing) and not submitted and not cell.closed


def unit_key(unit_pk: int, month: date, occasion: Occasion) -> str:
    """ "unit:12:2026-11:before-2": one unit's reminder of one month on one occasion."""
    return f"unit:{unit_pk}:{month:%Y-%m}:{occasion.name}"


def summary_day(today: date, weekday: int) -> date:
    """The day of this week's summary: the latest `weekday` on or before today."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def summary_key(day: date) -> str:
    return f"summary:{day:%Y-%m-%d}"


def long_date(day: date) -> str:
    """ "Wednesday 9 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def absolute(path: str) -> str:
    """An address of the app as a link in an email, from SITE_URL."""
    base: str = settings.SITE_URL
    return f"{base}{path}"


# What is due, and to whom.


@dataclass
class Reminder:
    """One email to one person: a unit's reminder of a month, or a weekly summary."""

    recipient: User
    kind: ReminderKind
    key: str
    month: date
    subject: str
    template: str
    context: dict[str, Any]
    unit: OrganisationUnit | None = None

    @property
    def about(self) -> str:
        """What it is about, for the command's summary."""
        if self.unit is None:
            return f"weekly summary of {self.context['day_label']}"
        occasion: Occasion = self.context["occasion"]
        return f"{self.unit.name}, {self.month:%B %Y}, {occasion.in_words}"


def _retry_keys(today: date) -> set[str]:
    """Keys that failed in the last RETRY_DAYS days: the next run tries them again."""
    since = today - timedelta(days=RETRY_DAYS + 1)
    return set(
        ReminderFailure.objects.filter(failed_at__date__gte=since).values_list("key", flat=True)
    )


def _managers(unit: OrganisationUnit) -> list[User]:
    """The active users with a manager's role on the unit or above it, each once.

    One query per unit reminded: on any day only the units whose occasion it
    is are reminded, and "covering" keeps the tree's rule in its one place.
    """
    memberships = (
        Membership.objects.filter(role=Role.MANAGER, user__is_active=True)
        .covering(unit)
        .select_related("user")
        .order_by("user__username")
    )
    return list({m.user.pk: m.user for m in memberships}.values())


def _unit_context(cell: Cell, occasion: Occasion) -> dict[str, Any]:
    entry = reverse("measures:entry", args=[cell.unit.slug, cell.month])
    return {
        "unit": cell.unit,
        "month_label": f"{cell.month:%B %Y}",
        "occasion": occasion,
        "due_label": long_date(cell.due_date),
        "overdue": occasion.kind is ReminderKind.AFTER,
        "due_today": occasion.kind is ReminderKind.DUE,
        "entered": cell.in_words,
        "missing": [
            {
                "code": measure.code,
                "title": measure.title,
                "period": periods.period_label(period, measure.frequency),
            }
            for measure, period in cell.missing
        ],
        "entry_url": absolute(entry),
    }


def _unit_subject(cell: Cell, occasion: Occasion) -> str:
    missing = count_of(len(cell.missing), "value")
    when = {
        ReminderKind.BEFORE: f"due {long_date(cell.due_date)}",
        ReminderKind.DUE: "due today",
        ReminderKind.AFTER: f"overdue since {long_date(cell.due_date)}",
    }[occasion.kind]
    return f"{cell.unit.name}: {missing} for {cell.month:%B %Y} {when}"


def reminders_for(
    today: date,
    *,
    days_before: Sequence[int] | None = None,
    days_after: Sequence[int] | None = None,
    summary_weekday: int | None = None,
    unmanaged: list[Cell] | None = None,
) -> list[Reminder]:
    """Every reminder due today, and the failures to try again.

    The days are the settings' unless given. A unit due a reminder that has
    no manager to send it to is added to `unmanaged`, when given, so the run
    can say that nobody was reminded.
    """
    days_before = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
    days_after = settings.REMINDER_DAYS_AFTER if days_after is None else days_after
    weekday: int = (
        settings.REMINDER_SUMMARY_WEEKDAY if summary_weekday is None else summary_weekday
    )
    units = OrganisationUnit.objects.filter(is_active=True).order_by("tree_id", "lft")
    months = months_ending(today, MONTHS_CHASED)
    rows = completion(units, months, today)
    retry = _retry_keys(today)
    reminders: list[Reminder] = []
    for row in rows:
        for cell in row.cells:
            if not needs_reminder(cell, cell.submission is not None):
                continue
            unit_pk, month = cell.unit.pk, cell.month
            occasion = occasion_on(
                today,
                cell.due_date,
                days_before,
                days_after,
                failed=_failed_in(retry, unit_pk, month),
            )
            if occasion is None:
                continue
            context = _unit_context(cell, occasion)
            subject = _unit_subject(cell, occasion)
            managers = _managers(cell.unit)
            if not managers and unmanaged is not None:
                unmanaged.append(cell)
            for manager in managers:
                reminders.append(
                    Reminder(
                        recipient=manager,
                        kind=occasion.kind,
                        key=unit_key(unit_pk, month, occasion),
                        month=cell.month,
                        subject=subject,
                        template="cycle/email/unit_reminder",
                        context={**context, "recipient": manager},
                        unit=cell.unit,
                    )
                )
    day = summary_day(today, weekday)
    if day == today or summary_key(day) in retry:
        overdue = [
            cell
            for row in rows
            for cell in row.cells
            if cell.state is State.OVERDUE and not cell.closed
        ]
        reminders += _summaries(day, overdue, months[-1])
    return reminders


def _failed_in(retry: set[str], unit_pk: int, month: date) -> Callable[[Occasion], bool]:
    """Whether an occasion of the unit's month is one that failed and is to be tried again."""

    def failed(occasion: Occasion) -> bool:
        return unit_key(unit_pk, month, occasion) in retry

    return failed


def _summaries(day: date, overdue: list[Cell], month: date) -> list[Reminder]:
    """A summary for each performance lead of the overdue units their role covers, if any."""
    if not overdue:
        return []
    leads = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.PERFORMANCE_LEAD,
        )
        .distinct()
        .order_by("username")
    )
    summaries = []
    for lead in leads:
        covered = set(
            OrganisationUnit.objects.filter(
                Exists(
                    Membership.objects.filter(user=lead, role=Role.PERFORMANCE_LEAD).covering(
                        OuterRef("pk")
                    )
                )
            ).values_list("pk", flat=True)
        )
        theirs = [cell for cell in overdue if cell.unit.pk in covered]
        if not theirs:
            continue
        units = count_of(len({cell.unit.pk for cell in theirs}), "unit")
        summaries.append(
            Reminder(
                recipient=lead,
                kind=ReminderKind.SUMMARY,
                key=summary_key(day),
                month=month,
                subject=f"Weekly summary: {units} with values overdue",
                template="cycle/email/weekly_summary",
                context={
                    "recipient": lead,
                    "day_label": long_date(day),
                    "cells": [
                        {
                            "unit": cell.unit,
                            "month_label": f"{cell.month:%B %Y}",
                            "entered": cell.in_words,
                            "due_label": long_date(cell.due_date),
                        }
                        for cell in theirs
                    ],
                    "completion_url": absolute(reverse("dashboards:completion")),
                    "preferences_url": absolute(reverse("cycle:reminder_preferences")),
                },
            )
        )
    return summaries


# Sending.


@dataclass
class Report:
    """What a run did: each list holds reminders; `failed` each with its reason."""

    dry_run: bool = False
    sent: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    opted_out: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)
    # Units due a reminder today with no manager to send it to.
    unmanaged: list[Cell] = field(default_factory=list)


class _AlreadySent(Exception):
    """Another run sent this reminder while this one was deciding to."""


def message_for(reminder: Reminder, connection: BaseEmailBackend | None = None) -> Any:
    """The email, with a plain-text body and the same in HTML."""
    text = render_to_string(f"{reminder.template}.txt", reminder.context)
    html = render_to_string(f"{reminder.template}.html", reminder.context)
    message = mail.EmailMultiAlternatives(
        subject=reminder.subject,
        body=text,
        to=[reminder.recipient.email],
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def deliver(reminders: list[Reminder], *, dry_run: bool = False) -> Report:
    """Send each reminder not already sent; record each sent, and each failure with its reason.

    With dry_run nothing is sent or written: the report says what would be.
    """
    report = Report(dry_run=dry_run)
    sent = set(
        ReminderSent.objects.filter(key__in={r.key for r in reminders}).values_list(
            "recipient_id", "key"
        )
    )
    opted_out = set(
        ReminderPreference.objects.filter(weekly_summary=False).values_list("user_id", flat=True)
    )
    pending = []
    for reminder in reminders:
        if (reminder.recipient.pk, reminder.key) in sent:
            report.already_sent.append(reminder)
        elif reminder.kind is ReminderKind.SUMMARY and reminder.recipient.pk in opted_out:
            report.opted_out.append(reminder)
        elif not reminder.recipient.email.strip():
            name = reminder.recipient.get_full_name() or reminder.recipient.username
            _fail(report, reminder, NO_EMAIL.format(name=name))
        elif dry_run:
            report.sent.append(reminder)
        else:
            pending.append(reminder)
    if not pending:
        return report
    connection = mail.get_connection()
    try:
        # One connection for the run; a server that is down fails every
        # reminder once, here, instead of each waiting for its own timeout.
        connection.open()
    except Exception as error:  # noqa: BLE001 - any backend's fault is a failure, never a crash
        for reminder in pending:
            _fail(report, reminder, SERVER_DOWN.format(error=error or type(error).__name__))
        return report
    try:
        for reminder in pending:
            _send(report, reminder, connection)
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection is not a failed send
            logger.warning("Closing the mail connection failed", exc_info=True)
    return report


def _send(report: Report, reminder: Reminder, connection: BaseEmailBackend) -> None:
    message = message_for(reminder, connection)
    try:
        # The sent-log row first, then the send, in one transaction: a run
        # beside this one waits on the row's unique key and then finds it
        # taken; a send that fails rolls the row back, so it is not marked sent.
        with transaction.atomic():
            try:
                ReminderSent.objects.create(
                    recipient=reminder.recipient,
                    kind=reminder.kind,
                    unit=reminder.unit,
                    month=reminder.month,
                    key=reminder.key,
                )
            except IntegrityError:
                raise _AlreadySent from None
            message.send()
    except _AlreadySent:
        report.already_sent.append(reminder)
    except Exception as error:  # noqa: BLE001 - a refusal of any kind is recorded, never a crash
        _fail(report, reminder, f"The mail server refused it: {error or type(error).__name__}")
    else:
        report.sent.append(reminder)


def _fail(report: Report, reminder: Reminder, reason: str) -> None:
    report.failed.append((reminder, reason))
    logger.warning("Reminder %s to %s not sent: %s", reminder.key, reminder.recipient, reason)
    if report.dry_run:
        return
    ReminderFailure.objects.create(
        recipient=reminder.recipient,
        kind=reminder.kind,
        unit=reminder.unit,
        month=reminder.month,
        key=reminder.key,
        reason=reason,
    )


def send_reminders(today: date, *, dry_run: bool = False) -> Report:
    """Everything due `today`, sent once each: what the command runs, with one date for the run."""
    unmanaged: list[Cell] = []
    report = deliver(reminders_for(today, unmanaged=unmanaged), dry_run=dry_run)
    report.unmanaged = unmanaged
    return report


def set_weekly_summary(user: User, wanted: bool) -> ReminderPreference:
    """Turn a person's weekly summary on or off."""
    preference, _ = ReminderPreference.objects.update_or_create(
        user=user, defaults={"weekly_summary": wanted}
    )
    return preference


def wants_weekly_summary(user: User) -> bool:
    preference = ReminderPreference.objects.filter(user=user).first()
    return preference is None or preference.weekly_summary
