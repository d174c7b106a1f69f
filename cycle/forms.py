"""The monthly cycle's forms."""

from django import forms

from scorecard.lib.forms import DesignSystemForm


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
