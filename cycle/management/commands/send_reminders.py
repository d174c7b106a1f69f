from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cycle import reminders
from scorecard.lib import periods
from scorecard.lib.reporting_calendar import due_date
from scorecard.lib.words import count_of


class Command(BaseCommand):
    help = (
        "Email each unit's managers the values still missing before, on and after their due "
        "date, and the performance leads their weekly summary of overdue units. Run it daily "
        "(cron or a systemd timer): each reminder is sent once, and one that failed is tried "
        "again by the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            dest="day",
            help="Send what is due on this day, as YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--on-due-date",
            action="store_true",
            help="Send what is due on the day the latest month's values are due (the "
            "trust-wide REPORTING_WORKING_DAYS): with --dry-run, what managers will be sent.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent, sending and recording nothing.",
        )

    def handle(self, *args, day=None, dry_run=False, on_due_date=False, **options):
        if day and on_due_date:
            raise CommandError("Give --date or --on-due-date, not both.")
        # One day for the whole run, read once: a run that passes midnight
        # still sends the first day's reminders, and only those.
        today = _parse_day(day) if day else timezone.localdate()
        if on_due_date:
            latest = periods.latest_complete_period(today, periods.MONTHLY)
            today = due_date(latest, periods.MONTHLY, settings.REPORTING_WORKING_DAYS)
        report = reminders.send_reminders(today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Reminders for {reminders.long_date(today)}:")
        for reminder in report.sent:
            self.stdout.write(f"  {verb}: {reminder.recipient.email}: {reminder.about}")
        failed = "would fail" if dry_run else "failed"
        for reminder, reason in report.failed:
            self.stdout.write(
                f"  {failed}: {reminder.recipient.username}: {reminder.about}: {reason}"
            )
        for cell in report.unmanaged:
            self.stdout.write(
                f"  nobody to remind: {cell.unit.name}, {cell.month:%B %Y}: "
                f"{cell.in_words.lower()}; the unit has no manager (give one a role on it)"
            )
        self.stdout.write(
            f"{verb.capitalize()} {len(report.sent)}, skipped as already sent "
            f"{len(report.already_sent)}, skipped as turned off {len(report.opted_out)}, "
            f"{failed} {len(report.failed)}."
        )
        if report.failed and not dry_run:
            raise CommandError(
                f"{count_of(len(report.failed), 'reminder')} could not be sent; "
                "the next run tries again."
            )


def _parse_day(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--date must be a day written YYYY-MM-DD, such as 2026-12-07, not {text!r}."
        ) from None
