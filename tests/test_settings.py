"""The settings read from the environment, checked in a fresh process each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SET_BY_THE_TEST_RUN = {"SECRET_KEY", "HTTPS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
REAL_SECRET = "k3P9-vYq2_Lm8#Zx4!Rt7@Wn1$Bs6%Hd0^Jf5&Gc2*Qa9(Ue3)Io8"


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SET_BY_THE_TEST_RUN}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_debug_off_and_a_real_secret():
    result = manage(
        "check", "--deploy", "--fail-level", "DEBUG", SECRET_KEY=REAL_SECRET, DEBUG="false"
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start():
    result = manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "Set SECRET_KEY, or DEBUG=true for local development." in result.stderr


def test_a_bad_boolean_is_named():
    result = manage("check", SECRET_KEY=REAL_SECRET, DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_number_of_trusted_proxies_is_named(value):
    result = manage("check", SECRET_KEY=REAL_SECRET, TRUSTED_PROXIES=value)

    assert result.returncode != 0
    assert f"TRUSTED_PROXIES must be a whole number, 0 or more, not {value!r}." in result.stderr


@pytest.mark.parametrize("value", ["0", "-2", "five"])
def test_a_bad_number_of_reporting_working_days_is_named(value):
    result = manage("check", SECRET_KEY=REAL_SECRET, REPORTING_WORKING_DAYS=value)

    assert result.returncode != 0
    assert f"REPORTING_WORKING_DAYS must be a whole number, 1 or more, not {value!r}." in (
        result.stderr
    )


def test_a_bad_email_url_is_named_without_its_password():
    result = manage(
        "check", SECRET_KEY=REAL_SECRET, EMAIL_URL="smtps://u:hunter2@mail.example.org"
    )

    assert result.returncode != 0
    assert "EMAIL_URL must start with one of smtp://" in result.stderr
    assert "hunter2" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("REMINDER_DAYS_AFTER", "1,five", "REMINDER_DAYS_AFTER must be whole numbers of days"),
        ("REMINDER_DAYS_BEFORE", "0", "REMINDER_DAYS_BEFORE must be whole numbers of days"),
        ("REMINDER_SUMMARY_WEEKDAY", "someday", "REMINDER_SUMMARY_WEEKDAY must be a day of"),
        ("SITE_URL", "scorecard.example.org", "SITE_URL must start with http:// or https://"),
    ],
)
def test_bad_reminder_settings_are_named(name, value, message):
    result = manage("check", SECRET_KEY=REAL_SECRET, **{name: value})

    assert result.returncode != 0
    assert message in result.stderr


def test_email_settings_from_the_environment():
    show = (
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_USE_TLS, s.REMINDER_DAYS_BEFORE, s.REMINDER_DAYS_AFTER, "
        "s.REMINDER_SUMMARY_WEEKDAY)"
    )
    development = manage("shell", "-c", show, DEBUG="true")
    production = manage(
        "shell",
        "-c",
        show,
        SECRET_KEY=REAL_SECRET,
        EMAIL_URL="smtp+tls://mail.example.org",
        REMINDER_DAYS_BEFORE="none",
        REMINDER_DAYS_AFTER="10, 3",
        REMINDER_SUMMARY_WEEKDAY="Friday",
    )

    assert development.stdout.strip().splitlines()[-1] == (
        "django.core.mail.backends.console.EmailBackend localhost 25 False [2] [1, 5] 0"
    )
    assert production.stdout.strip().splitlines()[-1] == (
        "django.core.mail.backends.smtp.EmailBackend mail.example.org 587 True [] [3, 10] 4"
    )


def test_an_empty_allowed_hosts_is_refused():
    result = manage("check", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS=" , ")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is set but names nothing." in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/scorecard-settings-test.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/scorecard", "django.db.backends.postgresql"),
    ],
)
def test_database_url_chooses_the_database(url, engine):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DEBUG="true",
        DATABASE_URL=url,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(engine)


def test_production_cookies_and_headers_are_secure():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, "
        "s.X_FRAME_OPTIONS, s.SESSION_COOKIE_AGE)",
        SECRET_KEY=REAL_SECRET,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True True True True DENY 28800"
