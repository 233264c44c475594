"""`planserv <command>`: Django's management commands with the project's settings.

planserv run | demo | worker | clock | token | ledger ... and every Django command (migrate, ...).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planserv.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planserv", *sys.argv[1:]])


if __name__ == "__main__":
    main()
