"""Settings for Scorecard, read from the environment.

One strict file: every variable is parsed here and a bad value stops the
start-up with a message that names it. DEBUG is off unless asked for, so a
forgotten variable never turns a production server into a development one.

DATABASE_URL   database URL (default: SQLite file scorecard.sqlite3 here)
SECRET_KEY     required when DEBUG is off
DEBUG          true / false (default false)
ALLOWED_HOSTS  comma-separated host names (default: localhost names)
HTTPS          true when served over HTTPS (default: the opposite of DEBUG);
               turns on the redirect to HTTPS, secure cookies and HSTS
TRUSTED_PROXIES how many proxies in front of the app append to
               X-Forwarded-For (default 0: the header is ignored)
EMAIL_URL      how email is sent: smtp://user:password@host:port, smtp+tls://,
               smtp+ssl://, console:// (default: console:// with DEBUG on, else
               smtp://localhost:25); or the plain EMAIL_HOST, EMAIL_PORT,
               EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL
DEFAULT_FROM_EMAIL  the sender of the app's emails
SITE_URL       the app's address, for links in emails (default http://127.0.0.1:8000)
CHROMIUM_PATH  the Chromium that prints the board pack's PDF (default /usr/bin/chromium)
PACK_RENDER_TIMEOUT  seconds before a pack's PDF is given up on (default 120)
TASKS_BACKEND  the Tasks API backend (default django_tasks_db.DatabaseBackend, run
               by `manage.py db_worker`)
REMINDER_DAYS_BEFORE, REMINDER_DAYS_AFTER, REMINDER_SUMMARY_WEEKDAY  when
               send_reminders sends what (below)
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from scorecard.project.email_url import parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but names nothing.")
    return items


def env_count(name, default, minimum=0):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if not (raw.strip().isascii() and raw.strip().isdigit()) or int(raw) < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, {minimum} or more, not {raw!r}."
        )
    return int(raw)


def env_days(name, default):
    """Comma-separated whole numbers of days, 1 or more, or "none" for no days."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if raw.strip().lower() == "none":
        return []
    items = [item.strip() for item in raw.split(",")]
    if not all(item.isascii() and item.isdigit() and int(item) >= 1 for item in items):
        raise ImproperlyConfigured(
            f"{name} must be whole numbers of days, 1 or more, separated by commas "
            f"(or none), not {raw!r}."
        )
    return sorted({int(item) for item in items})


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def env_weekday(name, default):
    """A day of the week by name, as date.weekday() numbers it (Monday 0)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return WEEKDAYS.index(default)
    if raw.strip().lower() not in WEEKDAYS:
        raise ImproperlyConfigured(
            f"{name} must be a day of the week, such as monday, not {raw!r}."
        )
    return WEEKDAYS.index(raw.strip().lower())


DEBUG = env_bool("DEBUG", False)
HTTPS = env_bool("HTTPS", not DEBUG)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=true for local development.")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "mptt",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "organisations",
    "scorecard",
    "measures",
    "cycle",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the headers' middleware, so its 400 page carries them, and before
    # anything reads the request's values.
    "scorecard.project.middleware.RefuseUnreadableRequests",
    # Last, as django-axes asks: it turns a lockout into the page below.
    "axes.middleware.AxesMiddleware",
]

# An upload is stopped at the import's size limit as it arrives (measures/uploads.py),
# not after it has all been received; Django's own handlers then hold it.
FILE_UPLOAD_HANDLERS = [
    "measures.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ROOT_URLCONF = "scorecard.project.urls"
WSGI_APPLICATION = "scorecard.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'scorecard.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes SQLite's write lock when a transaction begins, so two
    # writers queue instead of failing half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too: an in-memory database shared between threads
    # locks whole tables and ignores the timeout, unlike the real thing. One
    # file per process, so two test runs never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"scorecard-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a login while its username is paused (from that address, or
    # from everywhere), before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Repeated failed logins (scorecard/project/logins.py, docs/security.md): a username
# is paused for 15 minutes after five wrong passwords from one address, or
# twenty from anywhere. The address alone would pause a whole hospital behind
# one proxy; the username alone, at five, would let anyone pause a colleague.
# Only password checks count: an attempt refused during a pause is not checked,
# and neither extends the pause nor counts towards the twenty.
AXES_FAILURE_LIMIT = 5
USERNAME_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "scorecard.project.logins.LoginAttemptHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address: REMOTE_ADDR, or with TRUSTED_PROXIES set, the address
# the outermost trusted proxy put in X-Forwarded-For. Set it only when the
# app cannot be reached except through those proxies.
TRUSTED_PROXIES = env_count("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "scorecard.project.logins.request_address"
AXES_RESET_ON_SUCCESS = True
# Every failed login is kept (who, from where, when) for an administrator to read.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "scorecard.project.views.locked_out"
AXES_VERBOSE = False

# Values are due this many working days (Monday to Friday, not a bank holiday
# in England) after their period ends; a unit may set its own number
# (OrganisationUnit.reporting_working_days), which covers the units below it.
REPORTING_WORKING_DAYS = env_count("REPORTING_WORKING_DAYS", 5, minimum=1)
# Which months need an exception report (measures.exceptions.REASONS): past the action
# trigger, a special cause of concern, a process that will consistently fail.
EXCEPTION_REPORTS_FOR = tuple(
    os.environ.get("EXCEPTION_REPORTS_FOR", "past_trigger,concern,failing").split(",")
)

# Background work (the board pack's PDF) runs through Django's Tasks API, queued
# in the database and run by `manage.py db_worker`, so no other server is needed.
TASKS = {
    "default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}
# The board pack's PDF is printed by this Chromium, given up on after this many seconds.
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PACK_RENDER_TIMEOUT = env_count("PACK_RENDER_TIMEOUT", 120, minimum=10)

# Email (docs/reporting-cycle.md, "Reminders"). EMAIL_URL, when set, says it
# all; otherwise Django's own EMAIL_* names are read one by one. A mail server
# that does not answer is given up on after EMAIL_TIMEOUT seconds, so a
# reminder run never hangs.
if os.environ.get("EMAIL_URL", "").strip():
    _email = parse_email_url(os.environ["EMAIL_URL"])
elif DEBUG and not os.environ.get("EMAIL_HOST", "").strip():
    _email = parse_email_url("console://")
else:
    _email = {
        "EMAIL_BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
        ),
        "EMAIL_HOST": os.environ.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": env_count("EMAIL_PORT", 25, minimum=1),
        "EMAIL_HOST_USER": os.environ.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
        "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
    }
if _email.get("EMAIL_USE_TLS") and _email.get("EMAIL_USE_SSL"):
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_count("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Scorecard <scorecard@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The app's own address, for the links in emails: no request to take it from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}.")

# Reminders (manage.py send_reminders): each unit's managers are emailed what
# is still missing this many working days before its due date, on the due
# date, and this many working days after it; the performance leads get a
# weekly summary of overdue units on this day.
REMINDER_DAYS_BEFORE = env_days("REMINDER_DAYS_BEFORE", [2])
REMINDER_DAYS_AFTER = env_days("REMINDER_DAYS_AFTER", [1, 5])
REMINDER_SUMMARY_WEEKDAY = env_weekday("REMINDER_SUMMARY_WEEKDAY", "monday")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "login"

# A working day; the session ends when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "scorecard.project.staticfinders.PlotlyJsFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself; otherwise a client
    # could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything the pages load comes from the app itself: no inline script and
# no eval anywhere. The pages with a plotly chart widen style-src for their
# own response (measures.charts.allow_plotly_styles), because plotly.js
# writes style attributes into the SVG it draws.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
