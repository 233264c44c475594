"""The configuration version row and the triggers that set a new token on every change of the
cached configuration tables (core.config_cache, PERF-1). PostgreSQL: one statement-level trigger
per table (INSERT, UPDATE, DELETE, TRUNCATE); SQLite: one row-level trigger per table and event."""

from django.db import migrations, models

# The tables whose rows the serving processes cache (core.config_cache names the caches).
CACHED_TABLES = (
    "program_milestone",
    "program_programsettings",
    "program_dayrate",
    "program_offering",
    "program_competency",
    "program_engagementtype",
    "program_engagementtypecompetency",
    "webhooks_webhooksubscription",
)

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_config_version_bump() RETURNS trigger AS $$
BEGIN
    INSERT INTO core_configversion (singleton, token)
    VALUES (1, floor(random() * 9000000000000000000)::bigint)
    ON CONFLICT (singleton) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
SQLITE_BUMP = (
    "INSERT INTO core_configversion (singleton, token) VALUES (1, random()) "
    "ON CONFLICT (singleton) DO UPDATE SET token = excluded.token;"
)
EVENTS = ("INSERT", "UPDATE", "DELETE")


def create_triggers(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(PG_FUNCTION)
        for table in CACHED_TABLES:
            run(
                f"CREATE TRIGGER config_version_{table} AFTER INSERT OR UPDATE OR DELETE OR "
                f"TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION core_config_version_bump()"
            )
    elif schema_editor.connection.vendor == "sqlite":
        for table in CACHED_TABLES:
            for event in EVENTS:
                run(
                    f"CREATE TRIGGER config_version_{table}_{event.lower()} AFTER {event} ON "
                    f"{table} BEGIN {SQLITE_BUMP} END"
                )
    run("INSERT INTO core_configversion (singleton, token) VALUES (1, 1)")


def drop_triggers(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in CACHED_TABLES:
            run(f"DROP TRIGGER IF EXISTS config_version_{table} ON {table}")
        run("DROP FUNCTION IF EXISTS core_config_version_bump()")
    elif schema_editor.connection.vendor == "sqlite":
        for table in CACHED_TABLES:
            for event in EVENTS:
                run(f"DROP TRIGGER IF EXISTS config_version_{table}_{event.lower()}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("program", "0003_program_settings_paying_account_reminders"),
        ("webhooks", "0001_webhooks"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConfigVersion",
            fields=[
                (
                    "singleton",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("singleton", 1)), name="config_version_singleton"
                    )
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
