"""The database half of a backup (core/backup.py): PostgreSQL through pg_dump / pg_restore in the
custom format, SQLite through its online backup API. Both copy a consistent snapshot while the
application keeps running."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

POSTGRES_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one sentence for the operator."""


def database_file_name(vendor: str) -> str:
    return POSTGRES_FILE if vendor == "postgresql" else SQLITE_FILE


def database_dump(*, alias: str, target: Path) -> dict[str, str]:
    """Writes the database `alias` to `target`; returns what the manifest records about it."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        server = _server_version(alias)
        tool = _client_version("pg_dump", at_least=server)
        _run_postgres_tool(
            "pg_dump",
            connection.settings_dict,
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        )
        return {"vendor": "postgresql", "server_version": server, "pg_dump_version": tool}
    if connection.vendor == "sqlite":
        source = sqlite3.connect(str(connection.settings_dict["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            with copy:
                source.backup(copy)
        finally:
            source.close()
            copy.close()
        return {"vendor": "sqlite", "sqlite_version": sqlite3.sqlite_version}
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def database_load(*, alias: str, source: Path, recorded: dict[str, str], replace: bool) -> None:
    """Loads a dump written by database_dump into the database `alias`."""
    connection = connections[alias]
    if recorded["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup holds a {recorded['vendor']} database; the configured database is "
            f"{connection.vendor}."
        )
    if not replace and connection.introspection.table_names():
        raise BackupError(
            "The database is not empty; restore into an empty database, or pass --replace to "
            "overwrite it."
        )
    connection.close()
    if connection.vendor == "postgresql":
        _client_version("pg_restore", at_least=recorded["pg_dump_version"])
        options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if replace:
            options += ["--clean", "--if-exists"]
        _run_postgres_tool("pg_restore", connection.settings_dict, [*options, str(source)])
        return
    backup = sqlite3.connect(str(source))
    target = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    try:
        backup.backup(target)
    finally:
        backup.close()
        target.close()


def _server_version(alias: str) -> str:
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0]).split()[0]


def _major(version: str) -> int:
    return int(version.split(".")[0])


def _client_version(tool: str, *, at_least: str) -> str:
    """The version of `tool`; refused when its major version is older than `at_least`'s (a
    pg_dump older than the server cannot dump it, a pg_restore older than the dump's pg_dump
    cannot read it)."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed; install the PostgreSQL client tools.")
    output = subprocess.run(  # noqa: S603 - a found PostgreSQL tool, fixed arguments
        [path, "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    found = re.search(r"(\d+(?:\.\d+)*)", output)
    version = found.group(1) if found else "0"
    if _major(version) < _major(at_least):
        raise BackupError(
            f"{tool} {version} is older than PostgreSQL {at_least}; install the client tools of "
            f"version {_major(at_least)} or later."
        )
    return version


def _run_postgres_tool(tool: str, settings: dict[str, Any], arguments: list[str]) -> None:
    environment = {**os.environ, "PGAPPNAME": f"planserv-{tool}"}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    if settings.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = str(settings["OPTIONS"]["sslmode"])
    command = [shutil.which(tool) or tool, f"--dbname={settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command.append(f"{option}={settings[key]}")
    result = subprocess.run(  # noqa: S603 - a PostgreSQL tool with our own arguments
        [*command, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
        raise BackupError(f"{tool} failed: {lines[0]}")
