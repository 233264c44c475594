# Tokens expire (issue 20): tokens issued before get 90 days from the migration.

import datetime as dt

from django.db import migrations, models

from planserv.core import clock


def expire_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=clock.real_now() + dt.timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_support_acting_session"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                help_text="Real time after which the token no longer authenticates (at most a year).",
                null=True,
            ),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                help_text="Real time after which the token no longer authenticates (at most a year)."
            ),
        ),
    ]
