"""Settings for the test suite: SQLite file by default, PostgreSQL from PLANSERV_TEST_POSTGRES_URL."""

import os
import uuid

from planserv.config.settings.base import *  # noqa: F403
from planserv.config.settings.base import ENV, database_from_url

_run = os.environ.get("PYTEST_XDIST_WORKER", "main") + "_" + uuid.uuid4().hex[:8]
DATABASES = {"default": database_from_url(os.environ.get("PLANSERV_TEST_DATABASE_URL", ""))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: concurrency tests need WAL and several connections.
    DATABASES["default"]["TEST"] = {"NAME": str(ENV.var_dir / f"test_{_run}.sqlite3")}
else:
    # Each run gets its own fresh database, so parallel runs never meet.
    DATABASES["default"]["TEST"] = {"NAME": f"test_planserv_{_run}"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The demo program and the data generator are development tools; the tests load and check them.
INSTALLED_APPS = [*INSTALLED_APPS, "planserv_dev.demo"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = ENV.var_dir / f"test-files-{_run}"
STORAGES["default"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(MEDIA_ROOT)},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
PLANSERV_SANDBOX = True
# Admission control off in tests; tests/core/test_admission.py sets its own limits.
PLANSERV_MAX_INFLIGHT = 0
# Webhook receivers on this machine (http://127.0.0.1:…) are allowed here, never in production.
PLANSERV_WEBHOOKS_ALLOW_LOCAL = True
