"""Production: PostgreSQL, the real clock, HTTPS everywhere.

`planserv`, gunicorn (`config.wsgi`) and the ASGI entry point load these settings unless
DJANGO_SETTINGS_MODULE names another module. They refuse to load, each problem in one line
(`ProductionRefusal`; `planserv` prints only those lines), when the program clock could be moved
(the sandbox), when the secret key is missing or the development one, or when mail would never
reach a relay (a file, memory or dummy backend).
"""

from django.core.exceptions import ImproperlyConfigured

from planserv.config.settings.base import *  # noqa: F403
from planserv.config.settings.base import DEV_SECRET_KEY, EMAIL_BACKEND, ENV
from planserv.observability.logs import logging_config

# Django's mail backends that keep mail on this host instead of handing it to a relay.
UNDELIVERED_MAIL_BACKENDS = {
    "django.core.mail.backends.filebased.EmailBackend": "writes mail to files",
    "django.core.mail.backends.locmem.EmailBackend": "keeps mail in memory",
    "django.core.mail.backends.dummy.EmailBackend": "throws mail away",
}


class ProductionRefusal(ImproperlyConfigured):
    """Production settings that must not be served; one line per problem."""


def production_refusals(*, secret_key: str, sandbox: bool | None, email_backend: str) -> list[str]:
    """Every reason these settings must not run in production, one sentence each."""
    problems = []
    if sandbox:
        problems.append(
            "PLANSERV_SANDBOX is on: production follows the real date and never lets anyone move "
            "the program clock; unset PLANSERV_SANDBOX."
        )
    if not secret_key:
        problems.append("PLANSERV_SECRET_KEY must be set in production (long and random).")
    elif secret_key == DEV_SECRET_KEY:
        problems.append(
            "PLANSERV_SECRET_KEY is the development key; set a long random key of your own."
        )
    if email_backend in UNDELIVERED_MAIL_BACKENDS:
        problems.append(
            f"PLANSERV_EMAIL_BACKEND {UNDELIVERED_MAIL_BACKENDS[email_backend]} instead of "
            "sending it; use smtp (the default) and your relay's PLANSERV_EMAIL_HOST."
        )
    return problems


_refusals = production_refusals(
    secret_key=ENV.secret_key, sandbox=ENV.sandbox, email_backend=EMAIL_BACKEND
)
if _refusals:
    raise ProductionRefusal("\n".join(_refusals))

DEBUG = False
SECRET_KEY = ENV.secret_key
PLANSERV_SANDBOX = False
# One JSON object a log line unless PLANSERV_LOG_FORMAT=text is set.
PLANSERV_LOG_FORMAT = ENV.log_format or "json"
LOGGING = logging_config(PLANSERV_LOG_FORMAT)
SECURE_SSL_REDIRECT = True
# Probes and the metrics scraper reach gunicorn directly, over the internal network.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ready$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
