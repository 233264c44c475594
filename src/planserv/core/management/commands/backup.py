"""planserv backup FILE: the database and the uploaded files in one archive (core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.core import clock
from planserv.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one new archive (REL-14)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the archive to write, e.g. planserv.tar")
        parser.add_argument(
            "--files-dir", type=Path, default=None, help="default: PLANSERV_MEDIA_DIR"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_create(
                archive=options["archive"],
                files_dir=options["files_dir"] or Path(settings.MEDIA_ROOT),
                taken_at=clock.real_now(),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {summary.vendor} database and {summary.files} files to "
            f"{summary.archive}."
        )
