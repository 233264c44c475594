"""`planserv backup` and `planserv restore` (REL-14): the database and the uploaded files in one
tar archive with a manifest.

    manifest.json       format, when, the database's vendor and versions, the last applied
                        migration of each app, and the SHA-256 of every file in the archive
    database.dump       PostgreSQL: pg_dump's custom format   (core/backup_databases.py)
    database.sqlite3    SQLite: a copy made with the online backup API
    files/…             the uploaded-files directory (PLANSERV_MEDIA_DIR)

A backup is written to a temporary file beside the target and renamed into place, so a failed
backup never leaves a half archive under the target's name. A restore checks every checksum
before it touches the database, refuses a database or files directory that is not empty unless
told to replace them, and then loads the database and puts the files back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from planserv.core.backup_databases import (
    BackupError,
    database_dump,
    database_file_name,
    database_load,
)

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"

__all__ = ["BackupError", "BackupSummary", "backup_create", "backup_restore"]


@dataclass(frozen=True)
class BackupSummary:
    archive: Path
    vendor: str
    files: int
    migrations: dict[str, str]


def backup_create(*, archive: Path, files_dir: Path, taken_at: dt.datetime) -> BackupSummary:
    """Writes the database and `files_dir` to `archive` (a new file). Raises BackupError."""
    if archive.exists():
        raise BackupError(f"{archive} exists already; choose a new file name.")
    archive.parent.mkdir(parents=True, exist_ok=True)
    files = (
        sorted(path for path in files_dir.rglob("*") if path.is_file())
        if files_dir.is_dir()
        else []
    )
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".planserv-backup-") as work:
        dump = Path(work) / database_file_name(connections["default"].vendor)
        database = database_dump(alias="default", target=dump)
        migrations = _last_migrations()
        manifest = {
            "format": FORMAT,
            "taken_at": taken_at.isoformat(),
            "database": {**database, "file": dump.name, "sha256": _sha256(dump)},
            "migrations": migrations,
            "files": {path.relative_to(files_dir).as_posix(): _sha256(path) for path in files},
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(Path(work) / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            for path in files:
                tar.add(path, arcname=f"{FILES}/{path.relative_to(files_dir).as_posix()}")
        partial.replace(archive)
    return BackupSummary(
        archive=archive,
        vendor=database["vendor"],
        files=len(files),
        migrations=migrations,
    )


def backup_restore(*, archive: Path, files_dir: Path, replace: bool) -> BackupSummary:
    """Loads `archive` into the database and `files_dir`. Raises BackupError."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a backup file.")
    if not replace and files_dir.is_dir() and any(files_dir.iterdir()):
        raise BackupError(
            f"The files directory {files_dir} is not empty; restore into an empty directory, or "
            "pass --replace to overwrite it."
        )
    with tempfile.TemporaryDirectory(prefix="planserv-restore-") as work:
        unpacked = Path(work)
        manifest = _unpack(archive, unpacked)
        database_load(
            alias="default",
            source=unpacked / manifest["database"]["file"],
            recorded=manifest["database"],
            replace=replace,
        )
        if replace and files_dir.is_dir():
            shutil.rmtree(files_dir)
        files_dir.mkdir(parents=True, exist_ok=True)
        if (unpacked / FILES).is_dir():
            shutil.copytree(unpacked / FILES, files_dir, dirs_exist_ok=True)
    return BackupSummary(
        archive=archive,
        vendor=manifest["database"]["vendor"],
        files=len(manifest["files"]),
        migrations=manifest["migrations"],
    )


def _unpack(archive: Path, target: Path) -> dict[str, Any]:
    """Extracts the archive (regular files only, inside `target`) and checks its manifest."""
    try:
        with tarfile.open(archive, "r") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a readable planserv backup: {error}") from error
    try:
        manifest: dict[str, Any] = json.loads((target / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive} has no readable {MANIFEST}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{archive} is a backup of format {manifest.get('format')}, not {FORMAT}."
        )
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected.update({f"{FILES}/{name}": digest for name, digest in manifest["files"].items()})
    for name, digest in expected.items():
        path = target / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(
                f"{archive} is damaged: {name} is missing or differs from its checksum."
            )
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _last_migrations() -> dict[str, str]:
    """The last applied migration of each app: which release's schema the backup holds."""
    applied = MigrationRecorder(connections["default"]).applied_migrations()
    last: dict[str, str] = {}
    for app, name in sorted(applied):
        last[app] = max(last.get(app, ""), name)
    return last
