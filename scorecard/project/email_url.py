"""EMAIL_URL: how the app sends email, as one address, read into Django's EMAIL_* settings.

    smtp://user:password@host:port       plain SMTP (port 25 unless given)
    smtp+tls://user:password@host:port   SMTP then STARTTLS (port 587 unless given)
    smtp+ssl://user:password@host:port   SMTP over TLS from the start (port 465 unless given)
    console://                           print each email (development, `make run`)
    locmem://                            keep each email in django.core.mail.outbox (tests)
    dummy://                             send nothing

A user name or password with `@`, `:` or `/` in it is written percent-encoded
(`%40`, `%3A`, `%2F`). A small parser rather than a dependency: it is a dozen
lines and every refusal names what is wrong.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# scheme: (default port, STARTTLS, TLS from the start)
SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "smtp+ssl": (465, False, True),
}


def parse_email_url(url: str) -> dict[str, object]:
    """The EMAIL_* settings an EMAIL_URL stands for; ImproperlyConfigured naming the fault."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in BACKENDS:
        return {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme not in SMTP_SCHEMES:
        known = ", ".join(f"{name}://" for name in [*SMTP_SCHEMES, *BACKENDS])
        # Only the scheme is repeated: the rest may hold a password.
        given = f"not {parts.scheme}://" if parts.scheme else "and has no scheme"
        raise ImproperlyConfigured(f"EMAIL_URL must start with one of {known}, {given}.")
    default_port, use_tls, use_ssl = SMTP_SCHEMES[scheme]
    if not parts.hostname:
        raise ImproperlyConfigured(
            f"EMAIL_URL names no mail server: write it as {scheme}://user:password@host:port."
        )
    try:
        port = parts.port or default_port
    except ValueError:
        raise ImproperlyConfigured(
            f"EMAIL_URL's port must be a number from 1 to 65535 ({scheme}://host:587)."
        ) from None
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }
