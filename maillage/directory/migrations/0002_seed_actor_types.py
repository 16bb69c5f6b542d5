"""Seed the seven actor types of the report (section 2.2.1 and annex legend)."""

from django.db import migrations


def seed(apps, schema_editor):
    from maillage.directory.actor_types import ensure_actor_types

    ensure_actor_types(apps.get_model("directory", "ActorType"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
