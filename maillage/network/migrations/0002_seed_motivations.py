"""Seed the seven motivations of the report (section 3.1.1)."""

from django.db import migrations


def seed(apps, schema_editor):
    from maillage.network.models import ensure_motivations

    ensure_motivations(apps.get_model("network", "Motivation"))


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
