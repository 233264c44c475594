"""The database itself refuses to change a ledger entry (STYLE.md principle 4); on PostgreSQL the
account table leaves room on each page so balance updates stay HOT (no index writes)."""

from django.db import migrations

from planserv.customers.ledger import triggers


def forwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in (
        [triggers.POSTGRES, triggers.POSTGRES_FILLFACTOR] if postgres else triggers.SQLITE
    ):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in [triggers.POSTGRES_REVERSE] if postgres else triggers.SQLITE_REVERSE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
