"""Production: PostgreSQL, real clock unless the sandbox is switched on, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from planserv.config.settings.base import *  # noqa: F403
from planserv.config.settings.base import ENV
from planserv.observability.logs import logging_config

DEBUG = False
if not ENV.secret_key:
    raise ImproperlyConfigured("PLANSERV_SECRET_KEY must be set in production.")
SECRET_KEY = ENV.secret_key
# Production follows the real date unless PLANSERV_SANDBOX=true is set explicitly (R-TIME-1).
PLANSERV_SANDBOX = bool(ENV.sandbox)
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
