"""planserv restore FILE [--replace]: load a `planserv backup` archive (core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and files directory (REL-14); --replace "
        "overwrites what is there. Stop the web servers and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="an archive written by planserv backup")
        parser.add_argument(
            "--files-dir", type=Path, default=None, help="default: PLANSERV_MEDIA_DIR"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database and files directory that are not empty",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_restore(
                archive=options["archive"],
                files_dir=options["files_dir"] or Path(settings.MEDIA_ROOT),
                replace=options["replace"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {summary.vendor} database and {summary.files} files from "
            f"{summary.archive}. Run `planserv migrate` if this release has newer migrations, "
            "then `planserv ledger check`."
        )
