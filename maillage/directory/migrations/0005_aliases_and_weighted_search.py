"""Aliases, the normalised forms an actor is called by (`search_keys`), and each database's
full-text machinery for ranked search (see maillage/directory/search.py):

- PostgreSQL: the stored tsvector becomes weighted, names and aliases 'A', other text 'B'.
- SQLite: an FTS5 table (names, body) with prefix indexes, kept in sync with the actor
  table by triggers (so bulk_create and update() keep it right), and its vocabulary view.
"""

from django.db import migrations, models

POSTGRES_SQL = [
    "ALTER TABLE directory_actor DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE directory_actor ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('french_unaccent'::regconfig, search_keys), 'A') || "
    "setweight(to_tsvector('french_unaccent'::regconfig, search_text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS actor_search_vector ON directory_actor USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS actor_search_keys_trgm ON directory_actor USING gin (search_keys gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS actor_search_keys_trgm",
    "ALTER TABLE directory_actor DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE directory_actor ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french_unaccent'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS actor_search_vector ON directory_actor USING gin (search_vector)",
]
def fill_search_keys(apps, schema_editor):
    from maillage.directory.search import search_keys

    Actor = apps.get_model("directory", "Actor")
    names = dict(Actor.objects.values_list("pk", "name"))
    batch = []
    for actor in Actor.objects.only("pk", "name", "parent_id").iterator():
        actor.search_keys = search_keys(actor.name, names.get(actor.parent_id, ""))
        batch.append(actor)
    Actor.objects.bulk_update(batch, ["search_keys"], batch_size=2000)


def forwards(apps, schema_editor):
    from maillage.directory.search_machinery import install_sqlite

    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_SQL:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            install_sqlite(cursor)


def backwards(apps, schema_editor):
    from maillage.directory.search_machinery import uninstall_sqlite

    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            uninstall_sqlite(cursor)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_search_name_and_vector")]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="aliases",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Sigles et noms courts sous lesquels l'acteur est connu (« DITP », « Centsept »), "
                "un par entrée.",
                verbose_name="autres noms",
            ),
        ),
        migrations.AddField(
            model_name="actor",
            name="search_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop),
        migrations.RunPython(forwards, backwards),
    ]
