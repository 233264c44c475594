# Agreement search by licensing id (`licensing_id__icontains`, run by PostgreSQL as
# UPPER(licensing_id::text) LIKE UPPER('%…%')): a trigram index on that expression (PERF-7).
# PostgreSQL only; SQLite keeps its plain LIKE scan.

from django.db import migrations

TRIGRAM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS agreement_licensing_id_trgm ON customers_licensingagreement "
    "USING gin (UPPER(licensing_id::text) gin_trgm_ops)",
)
TRIGRAM_REVERSE = ("DROP INDEX IF EXISTS agreement_licensing_id_trgm",)


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0002_ledger_entries_immutable"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(TRIGRAM), _on_postgresql(TRIGRAM_REVERSE)),
    ]
