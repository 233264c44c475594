"""The load benchmarks' server settings: production's (no debug, HTTPS behind the proxy, secure
cookies), with the sandbox clock on so the pinned program date holds, and mail kept in memory.
Production refuses both when they come from the environment (issue 21 item 5), so
bench/load/server.py leaves them out of it and only this module, which the benchmark alone
chooses, switches them on."""

from planserv.config.settings.production import *  # noqa: F403

PLANSERV_SANDBOX = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
