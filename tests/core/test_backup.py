"""REL-14: `planserv backup`, then `planserv restore` into an empty database and files directory
→ `ledger check` clean, every row (vouchers, audit events, deliverables, payments, the ledger and
all the rest, compared through `dumpdata`) and every uploaded file identical; and a restore with
--replace over a changed database and a destroyed files directory brings them back. On SQLite
and PostgreSQL; every command runs as `planserv <command>` in its own process."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from planserv.audit.models import AuditEvent
from planserv.payments.models import PaymentRequest
from planserv.vouchers.models import Deliverable
from tests.factories import payments as payment_factory
from tests.factories import vouchers as voucher_factory
from tests.reliability.processes import (
    ROOT,
    child_environment,
    database_url,
    drop_database,
)


def planserv(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "planserv.config.cli", *args],
        cwd=ROOT,
        env=child_environment(url=url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result


def dumped(url: str | None = None) -> str:
    """Every row, as `dumpdata` writes it: of the database at `url` (another process), or of
    the test database (this process)."""
    if url is None:
        output = io.StringIO()
        call_command("dumpdata", indent=1, stdout=output)
        connection.close()  # no session of this process is left for the restore to wait on
        return output.getvalue()
    result = planserv(url, "dumpdata", "--indent", "1")
    assert result.returncode == 0, result.stderr
    return result.stdout


def file_digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def empty_database(name: str, tmp_path: Path) -> str:
    """The URL of a new, empty database beside the test database."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
    database = f"{connection.settings_dict['NAME']}_{name}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
        cursor.execute(f'CREATE DATABASE "{database}"')
    return database_url().rsplit("/", 1)[0] + f"/{database}"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_file_into_an_empty_database_rel_14(tmp_path):
    case = payment_factory.redeemed_case(country="DE")
    payment_factory.approved(payment_factory.filed(case))
    assert Deliverable.objects.filter(report__voucher=case.voucher).exists()
    assert PaymentRequest.objects.exists() and AuditEvent.objects.exists()
    files_dir = Path(settings.MEDIA_ROOT)
    files_before = file_digests(files_dir)
    assert files_before  # the deliverable's upload
    url = database_url()
    rows_before = dumped()
    archive = tmp_path / "backup" / "planserv.tar"

    made = planserv(url, "backup", str(archive), "--files-dir", str(files_dir))
    assert made.returncode == 0, made.stderr
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and len(names) == 2 + len(files_before)

    # Change the database and destroy the files after the backup.
    voucher_factory.assigned(case.pool, days=1)
    shutil.rmtree(files_dir)

    restored_url = empty_database("restored", tmp_path)
    restored_files = tmp_path / "restored-files"
    try:
        loaded = planserv(restored_url, "restore", str(archive), "--files-dir", str(restored_files))
        assert loaded.returncode == 0, loaded.stderr
        assert dumped(restored_url) == rows_before
        assert file_digests(restored_files) == files_before
        check = planserv(restored_url, "ledger", "check")
        assert check.returncode == 0 and "Ledger clean" in check.stdout, check.stdout

        # Over the changed database and the destroyed files: refused, then --replace.
        refused = planserv(url, "restore", str(archive), "--files-dir", str(restored_files))
        assert refused.returncode != 0
        assert refused.stderr.strip().splitlines() == [
            f"CommandError: The files directory {restored_files} is not empty; restore into "
            "an empty directory, or pass --replace to overwrite it."
        ]
        refused = planserv(url, "restore", str(archive), "--files-dir", str(files_dir))
        assert "The database is not empty" in refused.stderr and refused.returncode != 0
        assert dumped() != rows_before
        replaced = planserv(
            url, "restore", str(archive), "--files-dir", str(files_dir), "--replace"
        )
        assert replaced.returncode == 0, replaced.stderr
        assert dumped() == rows_before
        assert file_digests(files_dir) == files_before
    finally:
        connection.close()
        drop_database(restored_url)


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_changes_rel_14(tmp_path):
    voucher_factory.customer_pool()
    archive = tmp_path / "planserv.tar"
    call_command("backup", str(archive), files_dir=tmp_path / "none", stdout=io.StringIO())
    with pytest.raises(CommandError, match="exists already; choose a new file name"):
        call_command("backup", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            assert data is not None
            content = data.read()
            if member.name.startswith("database."):
                content = content[:-1] + bytes([content[-1] ^ 1])
            target.addfile(member, fileobj=io.BytesIO(content))
    rows = dumped()
    with pytest.raises(CommandError, match=r"is damaged: database\.\w+ is missing or differs"):
        call_command("restore", str(damaged), replace=True, files_dir=tmp_path / "files")
    assert dumped() == rows
    assert not (tmp_path / "files").exists()
