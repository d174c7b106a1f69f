"""The monthly cycle's records: submissions, closes and the reported record.

A unit's manager submits a month ("values for November complete and
checked"), giving a reason for each value still missing. A performance lead
closes a month for the trust or a subtree: the figures every page showed for
each unit that month are frozen as rows (`ReportedUnit` and the rows below
it), with a content hash per unit, and never recomputed. Reopening a month
keeps those rows; closing it again writes a new version beside them.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Submission(models.Model):
    """A unit's manager confirming that its values for a month are complete and checked.

    Submitting again replaces who and when; the history keeps every time.
    Whether a value changed after it is worked out from the values' own
    `entered_at`, not stored, so it can never disagree with them.
    """

    unit = models.ForeignKey(
        "organisations.OrganisationUnit", on_delete=models.CASCADE, related_name="submissions"
    )
    month = models.DateField(help_text="The first day of the month submitted.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month"], name="one_submission_per_unit_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="submission_month_starts_on_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} submitted {self.month:%B %Y}"

    def entered_after(self, entered_at: datetime) -> bool:
        """Whether a value entered at `entered_at` changed the month after it was submitted.

        The one rule of "submitted, changed since", for the completion page and
        the submit page alike.
        """
        return entered_at > self.submitted_at


class MissingValueReason(models.Model):
    """Why a value due was still missing when its unit's month was submitted."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="missing_reasons"
    )
    measure = models.ForeignKey("measures.Measure", on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    reason = models.TextField()

    class Meta:
        ordering = ["submission", "measure__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "measure", "period"], name="one_reason_per_missing_value"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="missing_value_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period:%Y-%m}: {self.reason}"


class MonthClose(models.Model):
    """A performance lead closing, or reopening, a month for a unit and the units below it."""

    class Action(models.TextChoices):
        CLOSE = "close", "Closed"
        REOPEN = "reopen", "Reopened"

    unit = models.ForeignKey(
        "organisations.OrganisationUnit", on_delete=models.CASCADE, related_name="month_closes"
    )
    month = models.DateField()
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="close_month_starts_on_first"),
            models.CheckConstraint(
                condition=Q(action="close") | ~Q(reason=""), name="reopen_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()} {self.month:%B %Y} for {self.unit} on {self.at:%d %b %Y}"
        )


class ReportedUnit(models.Model):
    """One unit's reported record of a month: one version, frozen when the month closed.

    The current version is the one not reopened; the database holds at most
    one per unit and month, so two closes cannot both land.
    """

    unit = models.ForeignKey(
        "organisations.OrganisationUnit", on_delete=models.CASCADE, related_name="reported"
    )
    month = models.DateField()
    version = models.PositiveIntegerField()
    closed = models.ForeignKey(MonthClose, on_delete=models.PROTECT, related_name="closed_units")
    reopened = models.ForeignKey(
        MonthClose,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reopened_units",
    )
    # The unit's roll-up as its dashboard showed it.
    score = models.FloatField(null=True)
    status = models.CharField(max_length=20)
    counts = models.JSONField(default=dict, help_text="Its measures by status.")
    # Why the score is below its rule's average (measures.scores.Rollup.capped), as
    # the pages said it; blank when it was not capped.
    capped = models.CharField(max_length=200, blank=True)
    # SHA-256 of the unit's rows, in a fixed order: the record is what it was.
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["unit", "month", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "version"], name="one_reported_version_per_unit_month"
            ),
            models.UniqueConstraint(
                fields=["unit", "month"],
                condition=Q(reopened__isnull=True),
                name="one_current_record_per_unit_month",
                violation_error_message="This month is already closed for this unit.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%B %Y}, version {self.version}"

    @property
    def is_current(self) -> bool:
        return self.reopened_id is None


class ReportedScore(models.Model):
    """An objective's or a perspective's roll-up in a reported record."""

    reported_unit = models.ForeignKey(
        ReportedUnit, on_delete=models.CASCADE, related_name="scores"
    )
    objective = models.ForeignKey(
        "scorecard.Objective", null=True, on_delete=models.PROTECT, related_name="+"
    )
    perspective = models.ForeignKey(
        "scorecard.Perspective", null=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(null=True)
    status = models.CharField(max_length=20)
    counts = models.JSONField(default=dict)
    # Why the score is below its rule's average (measures.scores.Rollup.capped), as
    # the pages said it; blank when it was not capped.
    capped = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(objective__isnull=True, perspective__isnull=False)
                | Q(objective__isnull=False, perspective__isnull=True),
                name="reported_score_of_one_objective_or_perspective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective or self.perspective}: {self.score}"


class ReportedMeasure(models.Model):
    """A measure as its unit's pages showed it in a closed month, frozen."""

    reported_unit = models.ForeignKey(
        ReportedUnit, on_delete=models.CASCADE, related_name="measures"
    )
    measure = models.ForeignKey("measures.Measure", on_delete=models.PROTECT, related_name="+")
    period = models.DateField(help_text="The period due that month.")
    value = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    comment = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(null=True)
    # The target in force for the period.
    target = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    target_upper = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    tolerance = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    action_trigger = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    status = models.CharField(max_length=20)
    score = models.FloatField(null=True)
    past_trigger = models.BooleanField(default=False)
    # The SPC judgement: blank when not judged (not_judged says why).
    variation = models.CharField(max_length=20, blank=True)
    assurance = models.CharField(max_length=20, blank=True)
    concern = models.CharField(max_length=100, blank=True)
    not_judged = models.CharField(max_length=20, blank=True)
    mean = models.FloatField(null=True)
    lower_limit = models.FloatField(null=True)
    upper_limit = models.FloatField(null=True)
    # The financial year to date by the measure's rule, and the annual threshold
    # of the target in force (measures/year.py); None where it has none.
    year_to_date = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    annual_threshold = models.DecimalField(max_digits=18, decimal_places=6, null=True)
    # A computed total that left out units below which should have reported it:
    # {"reported": [unit names], "missing": [unit names]}, as at the close; None
    # for a total every unit below reported, and for a measure typed in.
    coverage = models.JSONField(null=True)
    # The series the sparkline drew: [["2026-04-01", "61.2"], ...], oldest first.
    series = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reported_unit", "measure"], name="one_reported_line_per_measure"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period:%Y-%m}: {self.value}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Before the due date"
    DUE = "due", "On the due date"
    AFTER = "after", "After the due date"
    SUMMARY = "summary", "Weekly summary of overdue units"


class ReminderSent(models.Model):
    """A reminder email that was sent: the sent-log that makes send_reminders idempotent.

    `key` names the occasion ("unit 12, November 2026, 2 working days before");
    one row per recipient and key, so a second run the same day finds the row
    and sends nothing twice. A row is written in the same transaction as the
    send and only if the mail server accepted it (cycle/reminders.py), so a
    reminder that failed is never marked sent.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The unit reminded about; empty for a summary.",
    )
    month = models.DateField(help_text="The month whose values were due.")
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_reminder_per_occasion"),
        ]

    def __str__(self) -> str:
        return f"{self.key} to {self.recipient} on {self.sent_at:%d %b %Y}"


class ReminderFailure(models.Model):
    """A reminder that could not be sent, and why: the next run tries it again."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    month = models.DateField()
    key = models.CharField(max_length=200)
    reason = models.TextField()
    failed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-failed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.key} to {self.recipient} failed: {self.reason}"


class ReminderPreference(models.Model):
    """A person's choice about the optional emails: the weekly summary.

    No row means the defaults (the summary is sent). The reminders of values
    due are not optional and have no switch.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    weekly_summary = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user}: weekly summary {'on' if self.weekly_summary else 'off'}"
