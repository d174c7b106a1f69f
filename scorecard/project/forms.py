"""Logging in and changing a password, in the design system's markup."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms

from scorecard.lib.forms import DesignSystemMixin
from scorecard.project.logins import OneAttemptAtATime


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
