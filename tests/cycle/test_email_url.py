"""EMAIL_URL read into Django's email settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from scorecard.project.email_url import parse_email_url

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_plain_smtp_with_its_default_port():
    assert parse_email_url("smtp://mail.trust.nhs.uk") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.trust.nhs.uk",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }


def test_starttls_with_a_user_whose_name_and_password_are_percent_encoded():
    found = parse_email_url("smtp+tls://reminders%40trust.nhs.uk:p%3Ass%2Fw0rd@smtp.nhs.net")

    assert found["EMAIL_HOST"] == "smtp.nhs.net"
    assert found["EMAIL_PORT"] == 587
    assert found["EMAIL_HOST_USER"] == "reminders@trust.nhs.uk"
    assert found["EMAIL_HOST_PASSWORD"] == "p:ss/w0rd"
    assert (found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (True, False)


def test_tls_from_the_start_on_a_port_given():
    found = parse_email_url("SMTP+SSL://user:secret@mail.example.org:2465")

    assert (found["EMAIL_PORT"], found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == (
        2465,
        False,
        True,
    )


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
        ("dummy://", "django.core.mail.backends.dummy.EmailBackend"),
    ],
)
def test_backends_that_send_nowhere(url, backend):
    assert parse_email_url(url) == {"EMAIL_BACKEND": backend}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.org", "EMAIL_URL must start with one of smtp://, smtp+tls://"),
        ("mail.example.org", "EMAIL_URL must start with one of"),
        ("smtp://", "EMAIL_URL names no mail server"),
        ("smtp://user:pw@mail.example.org:99999", "EMAIL_URL's port must be a number"),
        ("smtp://mail.example.org:smtp", "EMAIL_URL's port must be a number"),
    ],
)
def test_a_bad_url_is_refused_naming_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("+", r"\+")):
        parse_email_url(url)


def test_a_refusal_never_repeats_the_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        parse_email_url("smtps://reminders:hunter2-secret@mail.example.org")

    assert "hunter2-secret" not in str(refused.value)
    assert "not smtps://" in str(refused.value)
