"""The one settings module, driven by the environment (the README lists the variables).

KUZBAS_MODE chooses the defaults: `demo` (the default; DEBUG off, SQLite under ./var/, a
generated secret key kept in ./var/secret_key), `production` (SECRET_KEY and ALLOWED_HOSTS
required, HTTPS-only cookies), `test` (fast password hashing, used by `make test`).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from kuzbas.money.currencies import CHOICES as CURRENCY_CHOICE_LIST
from kuzbas.money.currencies import CODES as CURRENCY_CODES
from kuzbas.web.env import (
    SettingError,
    env_bool,
    env_choice,
    env_database_url,
    env_date,
    env_email,
    env_int,
    env_list,
    env_live_stream,
    env_text,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MODE = env_choice("KUZBAS_MODE", ("demo", "production", "test"), "demo")
VAR_DIR = Path(os.environ.get("KUZBAS_VAR_DIR", "var")).resolve()
# The Ed25519 key that signs the decision register's head: a file outside the database, so that
# whoever can write the database cannot sign a register they rewrote.
REGISTER_KEY = Path(
    os.environ.get("KUZBAS_REGISTER_KEY", "").strip() or VAR_DIR / "register-signing.key"
).resolve()
# The keys of open secret votes (docs/secret-ballot.md): keep this out of backups; a tmpfs
# (/run/...) keeps them off the disk, at the price of the open votes if the machine restarts.
BALLOT_KEY_DIR = Path(
    os.environ.get("KUZBAS_BALLOT_KEY_DIR", "") or VAR_DIR / "ballot-keys"
).resolve()


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if MODE == "production" and len(key) < 50:
            raise SettingError("SECRET_KEY must be at least 50 characters in production mode.")
        return key
    if MODE == "production":
        raise SettingError("SECRET_KEY is required in production mode (KUZBAS_MODE=production).")
    if MODE == "test":
        return "test-only-secret-key-" + "x" * 40
    # Demo mode: generate once and keep it, so sessions survive a restart.
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
if MODE == "production" and DEBUG:
    # DEBUG pages show settings, SQL and tracebacks to anyone who triggers an error.
    raise SettingError(
        "DEBUG is on in production mode (KUZBAS_MODE=production); unset DEBUG or set DEBUG=no."
    )
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if MODE == "production" else ["127.0.0.1", "localhost", "testserver"]
)
if MODE == "production" and not ALLOWED_HOSTS:
    raise SettingError("ALLOWED_HOSTS is required in production mode (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "djmoney",
    "kuzbas.background",
    "kuzbas.audit",
    "kuzbas.record",
    "kuzbas.members",
    "kuzbas.money",
    "kuzbas.governance",
    "kuzbas.meetings",
    "kuzbas.elections",
    "kuzbas.production",
    "kuzbas.recruitment",
    "kuzbas.contracts",
    "kuzbas.web.apps.WebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "kuzbas.web.demo_date.DemoDate",
    "kuzbas.governance.statutes.ReadOnce",
    "kuzbas.web.clean_input.CleanInputMiddleware",
    "kuzbas.web.middleware.DomainErrorMiddleware",
]
# An API request with a bearer token needs none of the session, CSRF, messages or page
# middleware (web/bearer.py); the rest in the same order, and the user anonymous until the token.
BEARER_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kuzbas.web.bearer.NoSession",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "axes.middleware.AxesMiddleware",
    "kuzbas.governance.statutes.ReadOnce",
    "kuzbas.web.clean_input.CleanInputMiddleware",
]

ROOT_URLCONF = "kuzbas.web.urls"
WSGI_APPLICATION = "kuzbas.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kuzbas.web.context.navigation",
            ],
            "builtins": ["kuzbas.core.template_filters"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_database_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kuzbas.sqlite3'}"),
        conn_max_age=env_int("KUZBAS_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A connection is kept between requests as on PostgreSQL: opening one (and registering
    # Django's functions on it) was a tenth of a ballot's CPU. Idle, it holds no lock (WAL).
    DATABASES["default"]["OPTIONS"] = {
        # WAL and a busy timeout let the demo server and a CLI command share the file.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
# Where the voting pages' live streams are served (`meetings/live_stream.py`, `kuzbas serve
# --live-port`): "" (the pages poll), "self" (a load balancer routes …/live/…/stream on this
# origin), or another origin, which the Content-Security-Policy then lets the pages connect to.
KUZBAS_LIVE_STREAM = env_live_stream("KUZBAS_LIVE_STREAM")
# The hot statements of a large meeting are prepared once a connection (`core/prepared.py`);
# "no" for a pooler in transaction mode that cannot keep prepared statements.
KUZBAS_PREPARED_STATEMENTS = env_bool("KUZBAS_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"

# Long work runs on a queue kept in the database (django-tasks), worked by `kuzbas worker`;
# tests run each task at once unless a test asks for the queue (docs/tasks.md).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if MODE == "test"
        else "django_tasks_db.DatabaseBackend"
    }
}
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if MODE == "test"
    else [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: five failures for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("KUZBAS_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kuzbas.web.lockout.locked_out"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
# One way per language to write a date or a number (kuzbas/core/formats.py).
FORMAT_MODULE_PATH = ["kuzbas.web.formats"]
USE_TZ = True
# Money: ISO 4217's currencies and the colony's historical ones (kuzbas.money.currencies).
CURRENCIES = CURRENCY_CODES
CURRENCY_CHOICES = CURRENCY_CHOICE_LIST

STATIC_URL = "/static/"
# The demo and production serve collected, compressed files with hashed names (cached for a year
# by the browser: a changed file gets a new name); the tests serve straight from the app folders.
STATIC_ROOT = None if MODE == "test" else VAR_DIR / "static"
# Uploaded documents: served only through the record's checked view, never at a URL of their own.
MEDIA_ROOT = VAR_DIR / "media"
KUZBAS_DOCUMENT_MAX_BYTES = env_int("KUZBAS_DOCUMENT_MAX_MB", 20, minimum=1) * 1024 * 1024
# The public application form (recruitment/guard.py, docs/recruitment.md): tries per address
# within the window (seconds), the least time a person takes, and the files an applicant sends.
KUZBAS_APPLY_TRIES = env_int("KUZBAS_APPLY_TRIES", 5, minimum=1)
KUZBAS_APPLY_WINDOW = env_int("KUZBAS_APPLY_WINDOW", 3600, minimum=1)
KUZBAS_APPLY_MIN_SECONDS = env_int("KUZBAS_APPLY_MIN_SECONDS", 5, minimum=0)
KUZBAS_APPLY_MAX_AGE = env_int("KUZBAS_APPLY_MAX_AGE", 86_400, minimum=60)
KUZBAS_APPLY_ATTACHMENTS = env_int("KUZBAS_APPLY_ATTACHMENTS", 3, minimum=0)
KUZBAS_APPLY_ATTACHMENT_MAX_BYTES = env_int("KUZBAS_APPLY_ATTACHMENT_MAX_MB", 5, minimum=1) * 2**20
# The record (sources, citations, public documents) readable without an account.
KUZBAS_PUBLIC_RECORD = env_bool("KUZBAS_PUBLIC_RECORD", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_ROOT
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = STATIC_ROOT is None

# Content-Security-Policy: nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF, *([KUZBAS_LIVE_STREAM] if "://" in KUZBAS_LIVE_STREAM else [])],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

SESSION_COOKIE_HTTPONLY = True
# Database sessions that take no key the server could not have made (a NUL byte, say).
SESSION_ENGINE = "kuzbas.web.sessions"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if MODE == "production":
    SECURE_SSL_REDIRECT = env_bool("KUZBAS_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("KUZBAS_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# E-mail (invitations): Django's SMTP backend in production, set from the environment; the demo
# prints messages on the console, tests keep them in memory. KUZBAS_EMAIL_BACKEND overrides,
# for instance to try a real server from the demo.
EMAIL_BACKEND = "django.core.mail.backends.{}.EmailBackend".format(
    env_choice(
        "KUZBAS_EMAIL_BACKEND",
        ("smtp", "console", "locmem"),
        {"production": "smtp", "demo": "console", "test": "locmem"}[MODE],
    )
)
EMAIL_HOST = env_text("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_text("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise SettingError(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; use one (TLS for port 587, SSL for 465)."
    )
# A server that does not answer must not hold a clerk's page for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", "kuzbas@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The enterprise's name as invitations give it.
KUZBAS_ENTERPRISE_NAME = env_text(
    "KUZBAS_ENTERPRISE_NAME",
    "Autonomous Industrial Colony “Kuzbas”" if MODE == "demo" else "Kuzbas",
)
# How long an invitation's link works (it also stops once a password is set).
PASSWORD_RESET_TIMEOUT = env_int("KUZBAS_INVITATION_DAYS", 7, minimum=1, maximum=90) * 86_400
# How long an API token works from its issue; the account page and the API revoke one sooner.
KUZBAS_TOKEN_DAYS = env_int("KUZBAS_TOKEN_DAYS", 90, minimum=1, maximum=3650)

KUZBAS_MODE = MODE
# The colony's present day; the historical demo lives in October 1922 (see web/clock.py).
KUZBAS_TODAY = env_date("KUZBAS_TODAY")
# The demo's date control: a visitor reads the colony as of a day of 1921–1927 (web/demo_date.py).
KUZBAS_DATE_CONTROL = env_bool("KUZBAS_DATE_CONTROL", MODE == "demo")
