import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planserv.config.settings.production")
application = get_wsgi_application()
# Load every route (and so every view module) now, while the worker boots, instead of in its
# first request: a gunicorn worker accepts connections only once this module is loaded, so no
# request waits for the imports (measured: ~20 s of stall for the first requests of a worker on a
# loaded 2-core machine, docs/operations.md "gunicorn sizing"). With --preload, once, in the master.
get_resolver().url_patterns  # noqa: B018
