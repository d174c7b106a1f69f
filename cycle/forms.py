"""The monthly cycle's forms."""

from datetime import datetime

from django import forms
from django.utils import timezone

from cycle.submissions import DueValue, MonthSignOff
from scorecard.lib.forms import DesignSystemForm, textarea

REASON_LENGTH = 1000


class WeeklySummaryForm(DesignSystemForm):
    """Whether a person wants the weekly summary of overdue units: yes or no, never a guess.

    Radios rather than a checkbox, so an empty post is a question left
    unanswered, not a "no".
    """

    CHOICES = [("yes", "Yes, send me the weekly summary"), ("no", "No, do not send it")]

    weekly_summary = forms.ChoiceField(
        label="Weekly summary of overdue units", choices=CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weekly_summary"].error_messages["required"] = (
            "Choose yes or no: do you want the weekly summary?"
        )

    def clean_weekly_summary(self) -> bool:
        return bool(self.cleaned_data["weekly_summary"] == "yes")


class SubmitForm(DesignSystemForm):
    """Submitting a unit's month: a reason box per value still missing.

    The boxes hold the reasons of the current submission, if any, so that
    submitting again keeps them unless they are changed. `opened_at` carries
    when the page was opened, so a value entered in between is not signed
    off unseen.
    """

    opened_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, sign_off: MonthSignOff, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sign_off = sign_off
        self.initial.setdefault("opened_at", timezone.now().isoformat())
        for value, reason in sign_off.missing_reasons:
            name = self.field_name(value)
            self.fields[name] = forms.CharField(
                label=f"Why is {value.measure.code} {value.measure.title} "
                f"({value.period_label}) missing?",
                help_text="Such as “not available until 10th”.",
                max_length=REASON_LENGTH,
                widget=textarea(rows=2),
                initial=reason,
                error_messages={
                    "required": f"Give a reason why {value.measure.code} "
                    f"({value.period_label}) is missing, or enter its value first",
                    "max_length": f"Keep the reason to {REASON_LENGTH} characters or fewer",
                },
            )
            self.fields[name].widget.attrs["class"] = "nhsuk-textarea"

    @staticmethod
    def field_name(value: DueValue) -> str:
        return f"reason_{value.measure.pk}"

    def clean_opened_at(self) -> datetime | None:
        # Only the person's own safeguard rests on it: a value they cannot
        # read (a page saved long ago, a hand-made request) asks for no check.
        try:
            opened_at = datetime.fromisoformat(self.cleaned_data["opened_at"])
        except ValueError:
            return None
        return opened_at if timezone.is_aware(opened_at) else None

    def reasons(self) -> dict[int, str]:
        """{measure pk: reason} for the values missing."""
        return {
            value.measure.pk: self.cleaned_data.get(self.field_name(value), "")
            for value in self.sign_off.missing
        }

    def add_reason_errors(self, values: list[DueValue]) -> None:
        for value in values:
            name = self.field_name(value)
            if name in self.fields and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])

    def reason_fields(self):
        """(due value, bound field) for each value missing, in the page's order."""
        return [(value, self[self.field_name(value)]) for value in self.sign_off.missing]
