"""The database itself refuses UPDATE and DELETE on the audit log (append-only)."""

from django.db import migrations

from planserv.audit import triggers


def forwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in [triggers.POSTGRES] if postgres else triggers.SQLITE:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in [triggers.POSTGRES_REVERSE] if postgres else triggers.SQLITE_REVERSE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
