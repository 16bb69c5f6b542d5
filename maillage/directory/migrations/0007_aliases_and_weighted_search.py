"""Aliases, a data version maintained by triggers, the normalised forms an actor is called by (`search_keys`), and each database's
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
    "CREATE INDEX IF NOT EXISTS actor_search_keys_fts ON directory_actor "
    "USING gin (to_tsvector('french_unaccent'::regconfig, search_keys))",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS actor_search_keys_fts",
    "DROP INDEX IF EXISTS actor_search_keys_trgm",
    "ALTER TABLE directory_actor DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE directory_actor ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('french_unaccent'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS actor_search_vector ON directory_actor USING gin (search_vector)",
]
def fill_search_keys(apps, schema_editor):
    from maillage.directory.search import name_key, search_keys

    Actor = apps.get_model("directory", "Actor")
    names = dict(Actor.objects.values_list("pk", "name"))
    batch = []
    for actor in Actor.objects.only("pk", "name", "parent_id").iterator():
        actor.search_keys = search_keys(actor.name, names.get(actor.parent_id, ""))
        actor.name_key = name_key(actor.name)[:255]
        batch.append(actor)
    Actor.objects.bulk_update(batch, ["search_keys", "name_key"], batch_size=2000)


def forwards(apps, schema_editor):
    from maillage.directory.search_machinery import install_postgres_version, install_sqlite

    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_SQL:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            install_postgres_version(cursor)
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            install_sqlite(cursor)


def backwards(apps, schema_editor):
    from maillage.directory.search_machinery import uninstall_postgres_version, uninstall_sqlite

    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            uninstall_postgres_version(cursor)
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)
    elif schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            uninstall_sqlite(cursor)


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_actor_years_in_range")]

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
        migrations.AddField(
            model_name="actor",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop),
        migrations.RunPython(forwards, backwards),
    ]
