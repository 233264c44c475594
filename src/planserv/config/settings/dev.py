"""Settings for `make run`: the embedded SQLite database, the sandbox clock, mail to a file sink."""

from planserv.config.settings.base import *  # noqa: F403
from planserv.config.settings.base import ENV

DEBUG = ENV.debug
# Development only (never in production): `planserv demo`, `planserv generate`, `planserv run`.
INSTALLED_APPS = [*INSTALLED_APPS, "planserv_dev.demo"]  # noqa: F405
EMAIL_BACKEND = (
    "django.core.mail.backends.filebased.EmailBackend"
    if ENV.email_backend == "smtp"
    else EMAIL_BACKEND  # noqa: F405
)
EMAIL_FILE_PATH = ENV.var_dir / "sent-mail"
# Webhook receivers on this machine (http://127.0.0.1:…) are allowed here, never in production.
PLANSERV_WEBHOOKS_ALLOW_LOCAL = True
