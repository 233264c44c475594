from django.db import migrations


def forwards(apps, schema_editor):
    from planserv.support.seed import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
