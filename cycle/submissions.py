"""Sign-off: a unit's manager submitting a month's values as complete and checked.

What is due is the completion page's rule (`cycle.completion.values_due`): the
unit's live typed measures whose period ends that month. A month may be
submitted once it has ended and something is due; every value still missing
needs a reason ("not available until 10th"), or nothing is recorded and each
is named. `submit` is the one write: who, when and the reasons, in one
transaction. Submitting again replaces them; the submission's history keeps
each earlier who and when.

"Changed since submitted" is worked out, never stored: a value due that month
entered after the submission (`Submission.entered_after`), with who entered it
and when.

Four queries to read a unit's month: the measures, their values (with who
entered them), the submission (with who submitted it) and its reasons.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cycle.completion import typed_measures, values_due
from cycle.models import MissingValueReason, Submission
from measures.models import Measure, Observation
from organisations.models import OrganisationUnit
from scorecard.lib import periods
from scorecard.lib.words import visible_text


def person(user: User | None) -> str:
    """Someone as the pages name them."""
    if user is None:
        return "an import or the system"
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class DueValue:
    """A value due in the month: its measure, its period, and the value entered, if any."""

    measure: Measure
    period: date
    observation: Observation | None

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period, self.measure.frequency)

    @property
    def is_entered(self) -> bool:
        return self.observation is not None

    @property
    def entered_by(self) -> str:
        return person(self.observation.entered_by) if self.observation else ""

    @property
    def name(self) -> str:
        """ "RTT18 Referral to treatment within 18 weeks (Nov 2026)"."""
        return f"{self.measure.code} {self.measure.title} ({self.period_label})"


@dataclass
class MonthSignOff:
    """A unit's month as its submit page shows it: what is due, and its submission."""

    unit: OrganisationUnit
    month: date
    values: list[DueValue]
    submission: Submission | None
    # The reasons the current submission gave, by measure pk (one period per measure a month).
    reasons: dict[int, str] = field(default_factory=dict)

    @property
    def month_label(self) -> str:
        """ "November 2026"."""
        return f"{self.month:%B %Y}"

    @property
    def missing(self) -> list[DueValue]:
        return [value for value in self.values if not value.is_entered]

    @property
    def entered(self) -> list[DueValue]:
        return [value for value in self.values if value.is_entered]

    @property
    def changed_since(self) -> list[DueValue]:
        """The values entered after the submission, oldest first."""
        if self.submission is None:
            return []
        submission = self.submission
        changed = [
            value
            for value in self.entered
            if value.observation is not None
            and submission.entered_after(value.observation.entered_at)
        ]
        return sorted(changed, key=lambda value: _entered_at(value))

    def entered_since(self, moment: datetime) -> list[DueValue]:
        """The values entered after `moment` (when a person opened the page)."""
        return [
            value
            for value in self.entered
            if value.observation is not None and value.observation.entered_at > moment
        ]

    @property
    def missing_reasons(self) -> list[tuple[DueValue, str]]:
        """The values missing now, each with the reason the current submission gave, if any."""
        return [(value, self.reasons.get(value.measure.pk, "")) for value in self.missing]


def _entered_at(value: DueValue) -> datetime:
    assert value.observation is not None  # only entered values are sorted
    return value.observation.entered_at


def sign_off_of(unit: OrganisationUnit, month: date) -> MonthSignOff:
    """The unit's month: the values due, entered or missing, and its submission if any."""
    pairs = values_due(typed_measures([unit]), [month]).get((unit.pk, month), [])
    stored = (
        {
            (o.measure_id, o.period): o
            for o in Observation.objects.filter(
                measure__in=[measure.pk for measure, _ in pairs],
                period__in={period for _, period in pairs},
            ).select_related("entered_by")
        }
        if pairs
        else {}
    )
    submission = (
        Submission.objects.filter(unit=unit, month=month).select_related("submitted_by").first()
    )
    reasons: dict[int, str] = {}
    if submission is not None:
        due = {(measure.pk, period) for measure, period in pairs}
        reasons = {
            reason.measure_id: reason.reason
            for reason in submission.missing_reasons.all()
            if (reason.measure_id, reason.period) in due
        }
    return MonthSignOff(
        unit=unit,
        month=month,
        values=[
            DueValue(measure, period, stored.get((measure.pk, period)))
            for measure, period in pairs
        ],
        submission=submission,
        reasons=reasons,
    )


class CannotSubmit(Exception):
    """A month that cannot be submitted, in words that say why."""


class ReasonsMissing(CannotSubmit):
    """Values missing with no reason given: each is named."""

    def __init__(self, values: list[DueValue]) -> None:
        self.values = values
        names = "; ".join(value.name for value in values)
        super().__init__(f"Give a reason for each value still missing: {names}.")


class ChangedWhileOpen(CannotSubmit):
    """Values entered after the person opened the page: they have not seen them."""

    def __init__(self, values: list[DueValue]) -> None:
        self.values = values
        names = "; ".join(
            f"{value.name} by {value.entered_by} at {_entered_at(value):%H:%M}" for value in values
        )
        super().__init__(
            f"Values were entered after you opened this page: {names}. "
            "Check them, then submit again."
        )


def why_not_submittable(month: date, today: date) -> str | None:
    """Why a month cannot be submitted yet, or None: it must have ended."""
    this_month = periods.period_start(today, periods.MONTHLY)
    label = f"{month:%B %Y}"
    if month > this_month:
        return f"{label} is in the future: nothing is due yet, so there is nothing to submit."
    if month == this_month:
        return (
            f"{label} is not over yet: its values fall due after it ends, "
            "so it can be submitted from its first day after."
        )
    return None


def nothing_due_message(sign_off: MonthSignOff) -> str:
    return (
        f"No value of {sign_off.unit.name} is due in {sign_off.month_label}, "
        "so there is nothing to submit."
    )


def submit(
    unit: OrganisationUnit,
    month: date,
    user: User,
    reasons: Mapping[int, str],
    *,
    opened_at: datetime | None = None,
    today: date | None = None,
) -> Submission:
    """Record that `user` submits the unit's values for `month` as complete and checked.

    `reasons` gives, by measure pk, why each value still missing is missing.
    Refuses (CannotSubmit, in words) a month not yet over, a month with
    nothing due, a missing value without a reason (ReasonsMissing, naming
    each), and, given `opened_at`, a value entered after the person opened the
    page (ChangedWhileOpen): they would be signing off what they have not
    seen. Nothing is written unless everything is; submitting again replaces
    who, when and the reasons (the history keeps earlier submissions).
    """
    refusal = why_not_submittable(month, today or timezone.localdate())
    if refusal:
        raise CannotSubmit(refusal)
    with transaction.atomic():
        sign_off = sign_off_of(unit, month)
        if not sign_off.values:
            raise CannotSubmit(nothing_due_message(sign_off))
        if opened_at is not None and (unseen := sign_off.entered_since(opened_at)):
            raise ChangedWhileOpen(unseen)
        given = {
            pk: visible_text(text) for pk, text in reasons.items() if visible_text(text or "")
        }
        unexplained = [value for value in sign_off.missing if value.measure.pk not in given]
        if unexplained:
            raise ReasonsMissing(unexplained)
        # update_or_create locks the row it finds and, when two first
        # submissions race, the unique constraint lets one create it and the
        # other update it: one submission per unit and month either way.
        submission, _ = Submission.objects.update_or_create(
            unit=unit,
            month=month,
            defaults={"submitted_by": user, "submitted_at": timezone.now()},
        )
        submission.missing_reasons.all().delete()
        MissingValueReason.objects.bulk_create(
            MissingValueReason(
                submission=submission,
                measure=value.measure,
                period=value.period,
                reason=given[value.measure.pk],
            )
            for value in sign_off.missing
        )
    return submission
