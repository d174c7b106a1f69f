"""Logging in: how wrong passwords are counted, and from which address.

django-axes counts failed logins and refuses a username that has too many;
this module decides what it counts them by, makes each check-and-count one
step, and reads the client's address. docs/security.md says why.
"""

import ipaddress
import zlib
from contextlib import contextmanager

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessFailureLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum

# An arbitrary constant that names "logins" among PostgreSQL's two-key
# advisory locks (the unit tree's lock is a one-key lock, a separate space).
LOGIN_LOCK_CLASS = 72_110_002


def lock_key(username):
    """A username as a 32-bit advisory lock key. Two usernames sharing a key
    only take turns with each other, which costs nothing but a wait."""
    return zlib.crc32((username or "").encode()) - 2**31


@contextmanager
def login_turn(username):
    """Hold the username's turn to log in: check the lockout, check the
    password and count a failure, with no other attempt on it in between.

    Without it, attempts sent together all read the count before any of them
    adds to it, so all are checked, and a right password among them gets
    through a lockout that should have stopped it. On PostgreSQL the turn is
    an advisory lock per username, so other people log in meanwhile; on
    SQLite it is the database write lock an IMMEDIATE transaction takes.
    """
    refused = None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, %s)", [LOGIN_LOCK_CLASS, lock_key(username)]
                )
        try:
            yield
        except ValidationError as error:
            # A wrong password is an outcome, not a failure: its count is
            # committed with the turn, or the next attempt would not see it.
            refused = error
    if refused:
        raise refused


class OneAttemptAtATime:
    """For a login form: authenticate in the username's turn (login_turn)."""

    def clean(self):
        with login_turn(self.cleaned_data.get("username")):
            return super().clean()


def failures_towards_lockout(from_this_address, from_anywhere, *, address_limit, username_limit):
    """The count django-axes compares with its failure limit (`address_limit`).

    A username is paused from one address after `address_limit` failures from
    there, and from everywhere after `username_limit` failures from anywhere:
    the first stops one person guessing, without stopping colleagues behind
    the same proxy; the second stops many addresses guessing together, and is
    high enough that locking a colleague out takes several addresses. Axes has
    one limit, so the count from anywhere is shifted to reach it exactly when
    it reaches its own.
    """
    return max(from_this_address, from_anywhere - (username_limit - address_limit))


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler, with the two limits above.

    AXES_LOCKOUT_PARAMETERS lists the username and address together first,
    then the username alone; only password checks are counted
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so an attempt
    refused during a pause neither extends it nor counts towards the cap from
    anywhere.
    """

    def get_failures(self, request, credentials=None):
        from_this_address, from_anywhere = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return failures_towards_lockout(
            from_this_address,
            from_anywhere,
            address_limit=settings.AXES_FAILURE_LIMIT,
            username_limit=settings.USERNAME_FAILURE_LIMIT,
        )

    def reset_user_attempts(self, request, credentials=None):
        """A login that works forgets the mistakes made from its own address
        only: those from elsewhere may be someone else's guesses, and still
        count towards the cap from anywhere."""
        from_this_address = self.filter_user_attempts(request, credentials)[0]
        count, _ = from_this_address.delete()
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # Axes keeps no record of an attempt refused during a pause when such
        # attempts are not counted; an administrator still reads it.
        refused = request is not None and getattr(request, "axes_locked_out", False)
        if refused and request.axes_failures_since_start is None:
            AccessFailureLog.objects.create(
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
                user_agent=request.axes_user_agent,
                http_accept=request.axes_http_accept,
                path_info=request.axes_path_info,
                attempt_time=request.axes_attempt_time,
                locked_out=True,
            )


def client_address(remote_addr, forwarded_for, trusted_proxies):
    """The address a request came from, given REMOTE_ADDR, the X-Forwarded-For
    header and how many proxies in front of the app are trusted.

    Each proxy appends the address it was reached from, so with N trusted
    proxies the client's address is the Nth from the right: anything to its
    left was written by the client and proves nothing. With no trusted
    proxies the header is ignored, as a client can send any header it likes.
    A header too short or not an address is not believed either.
    """
    if trusted_proxies:
        hops = [hop.strip() for hop in (forwarded_for or "").split(",")]
        if len(hops) >= trusted_proxies:
            candidate = hops[-trusted_proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address (a forged header): fall back to the peer's
    return remote_addr


def request_address(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: client_address for a request."""
    return client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.TRUSTED_PROXIES,
    )
