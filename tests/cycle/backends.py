"""Mail backends that fail, as a real mail server does, for the reminders' tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A server that answers but refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(554, b"Transaction failed: relay refused")


class DownBackend(BaseEmailBackend):
    """A server that is not there: the connection is refused."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        self.open()
