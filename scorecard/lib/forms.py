"""The NHS.UK design system's form base, and the period fields every app's forms use."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from scorecard.lib import periods

WIDGET_CLASSES = {
    "textarea": "nhsuk-textarea",
    "select": "nhsuk-select",
    "radioselect": "nhsuk-radios__input",
    "checkboxinput": "nhsuk-checkboxes__input",
    "checkboxselectmultiple": "nhsuk-checkboxes__input",
}


def name_messages(field):
    """Error messages that say which field and what to do, not Django's generic ones."""
    label = str(field.label or "value").lower()
    # Messages with a limit in them are %-formatted, so a % in the label
    # ("Progress (%)") must be doubled.
    formatted = label.replace("%", "%%")
    verb = "Choose" if isinstance(field, forms.ChoiceField) else "Enter"
    field.error_messages.update(
        {
            "required": f"{verb} the {label}",
            "min_value": f"The {formatted} must be at least %(limit_value)s",
            "max_value": f"The {formatted} must be at most %(limit_value)s",
            "max_digits": f"The {formatted} has too many digits",
            "max_decimal_places": f"The {formatted} has too many decimal places",
            "invalid": field.error_messages.get("invalid", f"Enter a valid {label}"),
        }
    )


class DesignSystemMixin:
    """Gives each widget the NHS.UK design system's classes, and its error state.

    Django already links a field to its help text with aria-describedby and
    marks an invalid one aria-invalid; this adds the error message's id to
    the description and the red border class.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_messages(field)
            kind = type(field.widget).__name__.lower()
            field.widget.attrs.setdefault("class", WIDGET_CLASSES.get(kind, "nhsuk-input"))
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == "---------":
                    field.empty_label = "Choose one"
            elif isinstance(field, forms.ChoiceField) and field.choices[0][0] == "":
                field.choices = [("", "Choose one"), *field.choices[1:]]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "nhsuk-input")
            widget.attrs["class"] = f"{classes} {classes.split()[0]}--error"
            described = [self[name].auto_id + "_error"]
            if self.fields[name].help_text:
                described.append(self[name].auto_id + "_helptext")
            widget.attrs["aria-describedby"] = " ".join(described)


class DesignSystemForm(DesignSystemMixin, forms.Form):
    """A plain form in the design system's markup."""


class DesignSystemModelForm(DesignSystemMixin, forms.ModelForm):
    """A model form in the design system's markup."""


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


PERIOD_PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")


class PeriodField(forms.CharField):
    """A period typed as year and month (2026-04) or as its first day (2026-04-01)."""

    default_error_messages = {
        "invalid": "Enter the period as year and month, such as 2026-04 for April 2026",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if isinstance(value, date):
            return value
        match = PERIOD_PATTERN.match(value)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            period = date(year, month, day)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if period < periods.EARLIEST:
            raise ValidationError(
                f"Enter a period from {periods.EARLIEST:%B %Y} onwards", code="too_early"
            )
        return period

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, date) else value


class AsAtForm(DesignSystemForm):
    """The dashboard's "as at" month: any month that has ended, as 2026-10."""

    as_at = PeriodField(
        label="As at",
        required=False,
        help_text="A month, such as 2026-10 for October 2026.",
        widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-5"}),
    )

    def __init__(self, data=None, *args, today, **kwargs):
        # A page's other parameters (?unit=) or a blank month ask for no month
        # in particular: the field then shows the latest, which the page uses.
        if data is not None and not data.get("as_at", "").strip():
            data = None
        super().__init__(data, *args, **kwargs)
        self.today = today
        if not self.is_bound:
            self.initial["as_at"] = self.month()

    def clean_as_at(self):
        month = self.cleaned_data["as_at"]
        if month is None:
            return None
        if month.day != 1:
            raise forms.ValidationError("Give a month, such as 2026-10, without a day.")
        latest = periods.latest_complete_period(self.today, periods.MONTHLY)
        if month > latest:
            when = (
                "is not over yet"
                if month.year * 12 + month.month == (self.today.year * 12 + self.today.month)
                else "is in the future"
            )
            raise forms.ValidationError(
                f"{month:%B %Y} {when}: choose {latest:%B %Y} or an earlier month."
            )
        return month

    def month(self):
        """The chosen month, or the last complete one when none (or a wrong one) is given."""
        if self.is_bound and self.is_valid() and self.cleaned_data["as_at"]:
            return self.cleaned_data["as_at"]
        return periods.latest_complete_period(self.today, periods.MONTHLY)
