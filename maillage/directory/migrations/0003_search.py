"""Search support: on PostgreSQL, unaccent + pg_trgm, the `french_unaccent` configuration
and GIN indexes on the expressions the search module queries. Nothing on other backends."""

from django.db import migrations, models

POSTGRES_SQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS actor_search_fts ON directory_actor "
    "USING gin (to_tsvector('french_unaccent'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS actor_search_trgm ON directory_actor USING gin (search_text gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS actor_search_trgm",
    "DROP INDEX IF EXISTS actor_search_fts",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_SQL:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_actor_types")]

    operations = [
        migrations.AddIndex(
            model_name="actor",
            index=models.Index(fields=["updated_at"], name="actor_updated_at_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
