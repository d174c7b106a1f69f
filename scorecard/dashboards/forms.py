from django import forms

from cycle.completion import DEFAULT_MONTHS, MAX_MONTHS
from scorecard.lib.forms import DesignSystemForm


class MonthsForm(DesignSystemForm):
    """How many months the completion page shows, ending with the latest that has ended."""

    months = forms.IntegerField(
        label="Months shown",
        required=False,
        min_value=1,
        max_value=MAX_MONTHS,
        error_messages={"invalid": "Enter the months shown as a whole number, such as 6"},
    )

    def count(self):
        """The months asked for, or the default when none (or a wrong number) is given."""
        if self.is_valid() and self.cleaned_data["months"]:
            return self.cleaned_data["months"]
        return DEFAULT_MONTHS
