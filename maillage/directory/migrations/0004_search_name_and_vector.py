"""A short normalised name for trigram similarity, and on PostgreSQL a stored tsvector.

The tsvector is a generated column maintained by PostgreSQL itself (so bulk_create and
update() keep it right); Django does not know it, the search module reads it.
"""

from django.db import migrations, models

from maillage.core.text import normalize

POSTGRES_SQL = [
    "ALTER TABLE directory_actor ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french_unaccent'::regconfig, search_text)) STORED",
    "DROP INDEX IF EXISTS actor_search_fts",
    "CREATE INDEX IF NOT EXISTS actor_search_vector ON directory_actor USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS actor_search_name_trgm ON directory_actor USING gin (search_name gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS actor_search_name_trgm",
    "DROP INDEX IF EXISTS actor_search_vector",
    "ALTER TABLE directory_actor DROP COLUMN IF EXISTS search_vector",
    "CREATE INDEX IF NOT EXISTS actor_search_fts ON directory_actor "
    "USING gin (to_tsvector('french_unaccent'::regconfig, search_text))",
]


def fill_search_name(apps, schema_editor):
    Actor = apps.get_model("directory", "Actor")
    names = dict(Actor.objects.values_list("pk", "name"))
    batch = []
    for actor in Actor.objects.only("pk", "name", "parent_id").iterator():
        text = f"{names[actor.parent_id]} {actor.name}" if actor.parent_id in names else actor.name
        actor.search_name = normalize(text)[:600]
        batch.append(actor)
    Actor.objects.bulk_update(batch, ["search_name"], batch_size=2000)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_SQL:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search")]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="search_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=600),
        ),
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
        migrations.RunPython(forwards, backwards),
    ]
