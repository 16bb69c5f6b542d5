"""Backup and move: export_all → import_all reproduces every row of every table, across databases."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from maillage.core import backup
from maillage.directory.models import Actor
from tests.contributions.factories import ModeratorScopeFactory, UserFactory
from tests.directory.factories import ActorFactory, ContactFactory, TagFactory
from tests.privacy.test_erasure import put_everywhere
from tests.territories.factories import CommuneFactory

ROOT = Path(__file__).resolve().parents[2]
PG_SERVER = (
    os.environ.get("MAILLAGE_TEST_PG_URL") or os.environ.get("PG_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
)


def rows(path):
    """Every row of a backup as comparable JSON (key order of PostgreSQL's jsonb ignored)."""
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in backup.dumps_sorted(path))


@pytest.fixture
def populated(client, db, mailoutbox, django_capture_on_commit_callbacks):
    """Accounts, proposals, revisions, ownerships, axes logs, a contact, an event and its registrations, tags."""
    clermont = CommuneFactory()
    actor = ActorFactory(name="Labo 63", slug="labo-63", commune=clermont)
    moderator = ModeratorScopeFactory(user=UserFactory(username="moderatrice63"), department=clermont.department).user
    person = {"username": "sauvegarde", "email": "sauvegarde@exemple.invalid"}
    put_everywhere(client, actor, moderator, person, mailoutbox, django_capture_on_commit_callbacks)
    tagged = ActorFactory(name="Lab des Volcans", description="Un lab « test » — accents, guillemets, émojis 🌋")
    tagged.tags.add(TagFactory(name="Design des politiques publiques"))
    ContactFactory(actor=tagged, name="Élise Durand", publication_consent=True)
    return person


@pytest.mark.django_db
def test_an_import_reproduces_every_row_of_the_export(tmp_path, populated):
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl"
    call_command("export_all", str(first))
    Actor.objects.filter(name="Lab des Volcans").update(name="Modifié après la sauvegarde")
    call_command("import_all", str(first), interactive=False)
    call_command("export_all", str(second))
    assert rows(first) == rows(second)
    assert Actor.objects.filter(name="Lab des Volcans").exists()


@pytest.mark.django_db
def test_every_table_is_in_the_backup(tmp_path, populated):
    path = tmp_path / "a.jsonl"
    call_command("export_all", str(path))
    header = backup.read_header(path)
    tables = {m._meta.label_lower for m in backup.backed_up_models()}
    assert set(header["counts"]) == tables
    assert {"directory.actor_tags", "auth.user", "axes.accessattempt", "events.registration"} <= tables
    assert header["counts"]["directory.actor_tags"] == 1


@pytest.mark.django_db
def test_times_keep_their_microseconds(tmp_path, populated):
    actor = Actor.objects.get(name="Lab des Volcans")
    Actor.objects.filter(pk=actor.pk).update(created_at=actor.created_at.replace(microsecond=123456))
    path = tmp_path / "a.jsonl"
    call_command("export_all", str(path))
    Actor.objects.filter(pk=actor.pk).update(created_at=actor.created_at.replace(microsecond=0))
    call_command("import_all", str(path), interactive=False)
    assert Actor.objects.get(pk=actor.pk).created_at.microsecond == 123456


@pytest.mark.django_db
def test_an_unmigrated_database_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "unapplied_migrations", lambda using="default": ["network.0099_next"])
    with pytest.raises(backup.BackupError, match="network.0099_next"):
        backup.export_all(tmp_path / "a.jsonl")


@pytest.mark.django_db
def test_a_backup_of_other_migrations_is_refused_and_changes_nothing(tmp_path, populated):
    path = tmp_path / "a.jsonl"
    call_command("export_all", str(path))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["migrations"]["directory"].append("9999_from_the_future")
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    before = Actor.objects.count()
    with pytest.raises(backup.BackupError, match="9999_from_the_future"):
        backup.import_all(path)
    assert Actor.objects.count() == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"model": "directory.actor"}]', encoding="utf-8")
    with pytest.raises(backup.BackupError):
        backup.read_header(path)


# --------------------------------------------------------------------------- across databases


def _manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "maillage.settings.test"}
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


CHECK = """
from django.db import connection
from maillage.directory.models import Actor, Tag
from maillage.directory.filtering import ActorFilters
before = Tag.objects.order_by("-pk").values_list("pk", flat=True).first()
tag = Tag.objects.create(name="Après restauration", slug="apres-restauration")
found = [a.name for a in ActorFilters.from_query({"q": "volcans"}).actors()]
print({"new_pk_after": tag.pk > before, "search": found})
"""


@pytest.fixture
def other_database(tmp_path):
    """An empty database of the other backend: PostgreSQL when the suite runs on SQLite, and back."""
    if connection.vendor == "postgresql":
        yield f"sqlite:///{tmp_path / 'moved.sqlite3'}"
        return
    import psycopg

    name = f"maillage_move_{uuid.uuid4().hex[:8]}"
    base = PG_SERVER.rsplit("/", 1)[0]
    try:
        admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL UNAVAILABLE at {PG_SERVER} ({error}): the SQLite → PostgreSQL move is NOT tested")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db
def test_a_move_to_the_other_database_keeps_every_row_and_rebuilds_search(tmp_path, populated, other_database):
    exported, reexported = tmp_path / "source.jsonl.gz", tmp_path / "target.jsonl.gz"
    call_command("export_all", str(exported))
    _manage(other_database, "migrate", "--no-input", "-v0")
    _manage(other_database, "import_all", str(exported), "--no-input")
    _manage(other_database, "export_all", str(reexported))
    assert rows(exported) == rows(reexported)
    checked = _manage(other_database, "shell", "-c", CHECK)
    assert "'new_pk_after': True" in checked  # sequences reset past the imported ids
    assert "'search': ['Lab des Volcans']" in checked  # the full-text index rebuilt from the rows
