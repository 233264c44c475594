from django.db import migrations


def forwards(apps, schema_editor):
    from planserv.program.seed import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
