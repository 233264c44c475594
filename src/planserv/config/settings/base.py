"""Settings shared by every deployment. The environment is read in config.env only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from planserv.config.env import ENV
from planserv.observability.logs import logging_config

DEBUG = ENV.debug
# Production refuses to start with this key (settings/production.py).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = ENV.secret_key or DEV_SECRET_KEY
SECRET_KEY_FALLBACKS = ENV.secret_key_fallbacks
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "django_htmx",
    "axes",
    "csp",
    # Second factor (R-PPL-3): TOTP devices and one-time recovery codes (accounts/second_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "planserv.core",
    "planserv.audit",
    "planserv.notifications",
    "planserv.accounts",
    "planserv.webhooks",
    "planserv.program",
    "planserv.partners",
    "planserv.customers",
    "planserv.vouchers",
    "planserv.payments",
    "planserv.jobs",
    "planserv.reports",
    "planserv.guidance",
    "planserv.support",
    "planserv.api",
    "planserv.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's Accept-Language before the guards below may answer (docs/i18n.md).
    "planserv.accounts.language.EarlyLanguageMiddleware",
    "planserv.core.request_id.RequestIdMiddleware",
    "planserv.core.clock.RequestClockMiddleware",
    "planserv.observability.middleware.RequestObservabilityMiddleware",
    "planserv.core.admission.AdmissionControlMiddleware",
    "planserv.api.guard.ApiBodyGuardMiddleware",
    "planserv.core.input_guard.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Language (docs/i18n.md): after the session, before CommonMiddleware (Django's order); the
    # cookie, else Accept-Language. PreferredLanguageMiddleware then applies a signed-in person's
    # profile preference and, for /api, the request's Accept-Language only.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "planserv.accounts.language.PreferredLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "planserv.accounts.middleware.ActiveMembershipMiddleware",
    "planserv.api.ratelimit.ApiRateLimitMiddleware",
    "planserv.accounts.middleware.SecondFactorMiddleware",
    "planserv.api.idempotency.IdempotencyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "planserv.config.urls"
WSGI_APPLICATION = "planserv.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # LANGUAGES, LANGUAGE_CODE and TIME_ZONE for the switcher and the dates note.
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planserv.portal.context.portal_context",
            ],
            # Dates, days, countries and money for every page and email (core/formatting.py).
            "builtins": ["planserv.core.templatetags.text_format"],
        },
    },
]


def database_from_url(url: str) -> dict[str, Any]:
    """PostgreSQL when a URL is given, otherwise the embedded SQLite file (WAL, IMMEDIATE)."""
    if url and not url.startswith("sqlite"):
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        config.setdefault("OPTIONS", {})
        if ENV.transaction_pooling:
            # A pooler in transaction mode hands each transaction to any server connection, so a
            # cursor declared in one (`.iterator()` outside a transaction) is gone in the next.
            config["DISABLE_SERVER_SIDE_CURSORS"] = True
        return config
    path = url.removeprefix("sqlite:///") if url else str(ENV.var_dir / "planserv.sqlite3")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
            ),
        },
    }


ENV.var_dir.mkdir(parents=True, exist_ok=True)
(ENV.var_dir / "static").mkdir(exist_ok=True)
DATABASES = {"default": database_from_url(ENV.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (R-PPL-2): OpenID Connect per organisation, through mozilla-django-oidc.
    "planserv.accounts.oidc.OrganisationOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "portal:login"
# The issuer name an authenticator app shows beside the account (R-PPL-3).
OTP_TOTP_ISSUER = "Planning Services"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:login"

# Languages (docs/i18n.md): English is the source; one project catalogue per language in
# LOCALE_PATHS (`django` domain), compiled by `planserv i18n compile` (make install, the tests).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ja", "日本語"),
]
LOCALE_PATHS = [Path(__file__).resolve().parents[2] / "locale"]  # src/planserv/locale
LANGUAGE_COOKIE_NAME = "planserv_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
PROGRAM_TIME_ZONE = ENV.program_time_zone
# Sandbox mode lets operators pin or advance the program clock (R-TIME-1); on unless switched off.
PLANSERV_SANDBOX = ENV.sandbox if ENV.sandbox is not None else True
PLANSERV_SITE_URL = ENV.site_url
# Admission control (PERF-5): per-process limit on requests in flight (0 = off); the writes'
# reserve defaults to a quarter of it. docs/operations.md, "Admission control".
PLANSERV_MAX_INFLIGHT = ENV.max_inflight
PLANSERV_INFLIGHT_WRITE_RESERVE = ENV.inflight_write_reserve
# Sweeps (expiry, removal) on PostgreSQL spread their batches over this many connections
# (core/partitions.py; PERF-2/3). docs/operations.md, "Daily jobs".
PLANSERV_SWEEP_WORKERS = ENV.sweep_workers

STATIC_URL = "/static/"
STATIC_ROOT = ENV.var_dir / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(ENV.media_dir)},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files live outside the web root and are served only through views that check access.
MEDIA_ROOT = ENV.media_dir
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
PLANSERV_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# API rate limits (docs/api.md, "Rate limits"): (requests, window seconds), counted in the database.
PLANSERV_API_RATE_LIMIT = (600, 60)  # every request of one token
PLANSERV_VALIDATE_RATE_LIMIT_PER_VOUCHER = (10, 3600)  # POST /vouchers/validate, one voucher id
PLANSERV_VALIDATE_RATE_LIMIT_PER_TOKEN = (30, 3600)  # POST /vouchers/validate, one token

# Login throttling (REL-8): five failures per user and address lock the pair for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"

# Content Security Policy: everything is served from here; no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Background work: Django's tasks API (backport) with the database backend and its worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email leaves only through the outbox (notifications); this is the adapter the worker uses.
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}.get(ENV.email_backend, ENV.email_backend)
EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_user
EMAIL_HOST_PASSWORD = ENV.email_password
EMAIL_USE_TLS = ENV.email_use_tls
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = ENV.default_from_email

# Logs: structured (structlog), readable text unless PLANSERV_LOG_FORMAT=json (production's
# default). docs/operations.md, "Health, metrics and logs".
PLANSERV_LOG_FORMAT = ENV.log_format or "text"
LOGGING = logging_config(PLANSERV_LOG_FORMAT)

# /ready thresholds and the /metrics token (docs/operations.md, "Health, metrics and logs").
PLANSERV_READY_OUTBOX_BACKLOG_MAX = ENV.ready_outbox_backlog_max
PLANSERV_READY_OUTBOX_OLDEST_SECONDS = ENV.ready_outbox_oldest_seconds
PLANSERV_READY_RUNNER_STALE_SECONDS = ENV.ready_runner_stale_seconds
PLANSERV_METRICS_TOKEN = ENV.metrics_token
PLANSERV_METRICS_MULTIPROCESS_DIR = ENV.metrics_multiprocess_dir
# Retention (jobs/retention.py): sent email keeps its row, its body goes after this many days.
PLANSERV_RETENTION_MAIL_BODY_DAYS = ENV.retention_mail_body_days

# Webhooks (docs/webhooks.md): receivers must be public HTTPS addresses; the dev and test settings
# also allow plain-HTTP receivers on this machine. Each POST waits at most this many seconds.
PLANSERV_WEBHOOKS_ALLOW_LOCAL = False
PLANSERV_WEBHOOK_TIMEOUT_SECONDS = ENV.webhook_timeout_seconds
