"""`planserv i18n extract|check|compile|merge-parts`: the translation catalogues in pure Python
(no GNU gettext; core/i18n_catalogues.py, docs/i18n.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planserv.core import i18n_catalogues as catalogues


class Command(BaseCommand):
    help = (
        "Translation catalogues: extract (src/planserv/locale/django.pot), check (what each "
        "language lacks), compile (.po to .mo), merge-parts (i18n-parts/*.<lang>.po to the "
        "catalogues)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["extract", "check", "compile", "merge-parts"])
        parser.add_argument("--force", action="store_true", help="compile: every catalogue.")
        parser.add_argument(
            "--parts", default=str(catalogues.PARTS_DIR), help="merge-parts: the parts folder."
        )
        parser.add_argument("--limit", type=int, default=30, help="Problems listed per language.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "compile":
            written = catalogues.compile_catalogues(force=options["force"])
            for mo in written:
                self.stdout.write(f"compiled {mo.relative_to(catalogues.REPO_DIR)}")
            self.stdout.write(f"{len(written)} catalogue(s) compiled")
            return
        template = catalogues.extract()
        count = sum(1 for message in template if message.id)
        if action == "extract":
            path = catalogues.write_pot(template)
            self.stdout.write(
                f"{count} messages written to {path.relative_to(catalogues.REPO_DIR)}"
            )
            return
        report: dict[str, list[str]]
        if action == "merge-parts":
            parts = Path(options["parts"])
            if not parts.is_dir():
                raise CommandError(f"No parts folder at {parts}")
            report = catalogues.merge_parts(parts, template=template)
            catalogues.write_pot(template)
            catalogues.compile_catalogues(force=True)
        else:
            report = {
                language: problems.all()
                for language, problems in catalogues.check(template=template).items()
            }
        for line in catalogues.summary(report, options["limit"]):
            self.stdout.write(line)
        if action == "check" and any(report.values()):
            raise CommandError(f"The catalogues lack translations of the {count} messages.")
