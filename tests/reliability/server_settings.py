"""Settings for planserv processes started by the REL-6 / REL-10 tests: the test settings, plus
a test-only middleware (`tests.reliability.pause`) placed just inside the Idempotency-Key
middleware, so a request can be held after its writes and before its commit. Production
settings never list it; it acts only on requests carrying its header."""

import os

from planserv.config.settings.test import *  # noqa: F403
from planserv.config.settings.test import MIDDLEWARE

_inner = MIDDLEWARE.index("planserv.api.idempotency.IdempotencyMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_inner],
    "tests.reliability.pause.PauseBeforeCommit",
    *MIDDLEWARE[_inner:],
]
PLANSERV_TEST_PAUSE_DIR = os.environ.get("PLANSERV_TEST_PAUSE_DIR", "")

if os.environ.get("PLANSERV_TEST_TASKS") == "database":
    # REL-10: changes queue their email task in the database; the `planserv worker`s run it.
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if os.environ.get("PLANSERV_TEST_SMTP_PORT"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["PLANSERV_TEST_SMTP_PORT"])
    EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
    EMAIL_USE_TLS = False
    EMAIL_TIMEOUT = 5
