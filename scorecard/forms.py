from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms

from measures import periods
from scorecard.builder.forms import DesignSystemForm, DesignSystemMixin, PeriodField
from scorecard.logins import OneAttemptAtATime


class LoginForm(OneAttemptAtATime, auth_forms.AuthenticationForm):
    """Django's login form, with messages that name the field that is missing;
    a username's attempts are checked one at a time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class AdminLoginForm(OneAttemptAtATime, AdminAuthenticationForm):
    """The admin site's login: the same passwords, so the same turns."""


class PasswordChangeForm(DesignSystemMixin, auth_forms.PasswordChangeForm):
    """Django's own, in the design system's markup; settings' validators judge the new one."""


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
