"""`planserv <command>`: Django's management commands with the project's settings.

planserv run | demo | worker | clock | token | ledger | backup | restore ... and every Django
command (migrate, ...). Production settings unless DJANGO_SETTINGS_MODULE names others (`make`
chooses `planserv.config.settings.dev`); settings that refuse to load are reported in one line
each, without a traceback.
"""

from __future__ import annotations

import os
import sys

DEFAULT_SETTINGS = "planserv.config.settings.production"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings module, which may refuse
    except ImproperlyConfigured as error:
        module = os.environ["DJANGO_SETTINGS_MODULE"]
        for line in str(error).splitlines():
            sys.stderr.write(f"planserv: {module}: {line}\n")
        raise SystemExit(2) from None
    execute_from_command_line(["planserv", *sys.argv[1:]])


if __name__ == "__main__":
    main()
