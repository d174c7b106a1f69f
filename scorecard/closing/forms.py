"""The closing pages' forms: the month to close, and why a month is reopened."""

from django import forms

from scorecard.lib import periods
from scorecard.lib.forms import DesignSystemForm, PeriodField
from scorecard.lib.words import visible_text


class MonthForm(DesignSystemForm):
    """A month that has ended, as 2026-11; the latest that has ended when none is given."""

    month = PeriodField(
        label="Month",
        help_text="A month that has ended, such as 2026-11 for November 2026.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-5"}),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.latest = periods.latest_complete_period(today, periods.MONTHLY)
        if not self.is_bound:
            self.initial["month"] = self.latest
        self.fields["month"].error_messages["required"] = (
            "Enter the month, such as 2026-11 for November 2026"
        )

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month.day != 1:
            raise forms.ValidationError("Give a month, such as 2026-11, without a day.")
        if month > self.latest:
            raise forms.ValidationError(
                f"{month:%B %Y} has not ended yet: choose {self.latest:%B %Y} or an earlier month."
            )
        return month

    def chosen(self):
        """The month asked for, or the latest that has ended when none (or a wrong one) is."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["month"]
        return self.latest


class ReopenForm(MonthForm):
    reason = forms.CharField(
        label="Why is the month being reopened?",
        help_text="Kept with the record, for whoever reads the reports later.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Say why the month is being reopened"

    def clean_reason(self):
        reason = visible_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError("Say why the month is being reopened")
        return reason
