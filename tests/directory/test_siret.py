"""The optional SIRET of an actor: checked (Luhn, La Poste's rule) in every entry point, in French."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.contributions import services
from maillage.contributions.forms import ActorProposalForm
from maillage.contributions.models import Revision
from maillage.contributions.snapshots import actor_snapshot
from maillage.directory import writing
from maillage.directory.exporting import HEADERS
from maillage.directory.importing import import_actors
from maillage.directory.models import Actor
from maillage.directory.siret import validate_siret
from tests.contributions.factories import UserFactory
from tests.directory.factories import ActorFactory

# A SIRET whose 14 digits pass the Luhn check (python-stdnum's documented example).
LUHN_SIRET = "73282932000074"
# A La Poste establishment: the sum of its digits is a multiple of 5, and Luhn fails on it.
LA_POSTE_OFFICE = "35600000049837"
LA_POSTE_HEAD_OFFICE = "35600000000048"


@pytest.mark.parametrize("number", [LUHN_SIRET, "732 829 320 00074", LA_POSTE_OFFICE, LA_POSTE_HEAD_OFFICE])
def test_valid_sirets_pass(number):
    validate_siret(number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("73282932000075", "clé de contrôle"),  # one digit off
        ("35600000049838", "clé de contrôle"),  # La Poste: digit sum not a multiple of 5
        ("7328293200007", "14 chiffres ; « 7328293200007 » en compte 13"),
        ("7328293200007A", "que des chiffres"),
    ],
)
def test_invalid_sirets_are_refused_in_french(number, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(number)
    assert message in error.value.messages[0]


@pytest.mark.django_db
def test_the_database_refuses_a_siret_that_is_not_14_digits():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(siret="356 000 000")


@pytest.mark.django_db
def test_the_write_path_refuses_a_wrong_key_and_records_a_good_one():
    actor = ActorFactory()
    change = writing.Change(comment="test")
    with pytest.raises(ValidationError) as error:
        writing.update_actor(actor, {"siret": "73282932000075"}, change=change)
    assert "siret" in error.value.message_dict
    writing.update_actor(actor, {"siret": LA_POSTE_OFFICE}, change=change)
    actor.refresh_from_db()
    assert actor.siret == LA_POSTE_OFFICE
    assert Revision.objects.filter(actor=actor).latest("version").snapshot["siret"] == LA_POSTE_OFFICE


def proposal_form(**values):
    base = {"name": "Lab", "primary_type": "lab", "legal_status": "inconnu", "scope": "local", "lifecycle": "active"}
    return ActorProposalForm({**base, **values}, user=UserFactory())


@pytest.mark.django_db
def test_the_proposal_form_stores_the_siret_without_spaces():
    form = proposal_form(siret="732 829 320 00074")
    assert form.is_valid(), form.errors
    assert form.values()["siret"] == LUHN_SIRET


@pytest.mark.django_db
def test_the_proposal_form_explains_a_wrong_siret():
    form = proposal_form(siret="732 829 320 00075")
    assert not form.is_valid()
    assert "clé de contrôle" in form.errors["siret"][0]


@pytest.mark.django_db
def test_an_accepted_proposal_sets_the_siret_on_the_fiche(client):
    actor = ActorFactory(name="Lab des Dômes", slug="lab-des-domes")
    moderator = UserFactory(username="equipe", is_staff=True, is_superuser=True)
    payload = {**actor_snapshot(actor), "siret": LUHN_SIRET}
    proposal = services.create_proposal(kind="change_actor", user=moderator, actor=actor, payload=payload)
    if proposal.status == "unconfirmed":
        services.confirm_email(proposal.pk, proposal.email)
    services.accept(proposal.pk, moderator)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "732 829 320 00074" in page
    assert f"/etablissement/{LUHN_SIRET}" in page


@pytest.mark.django_db
def test_a_fiche_without_siret_shows_no_siret_line(client):
    actor = ActorFactory()
    assert "SIRET" not in client.get(actor.get_absolute_url()).content.decode()


HEADER = "Type d'acteur;Organisation - Service;SIRET"


@pytest.mark.django_db
def test_the_import_reads_the_siret_column():
    data = f"{HEADER}\n1. Cellule;Lab;356 000 000 49837\n".encode()
    report = import_actors(data, "a.csv", dry_run=False)
    assert not report.has_errors, report.lines()
    assert Actor.objects.get().siret == LA_POSTE_OFFICE


@pytest.mark.django_db
def test_the_import_names_the_row_and_column_of_a_wrong_siret():
    data = f"{HEADER}\n1. Cellule;Lab;73282932000075\n".encode()
    report = import_actors(data, "a.csv", dry_run=True)
    [row] = report.rows
    assert [(e.column, "clé de contrôle" in e.message) for e in row.errors] == [("SIRET", True)]
    assert row.line == 2


@pytest.mark.django_db
def test_the_export_carries_the_siret_and_reimports_it_unchanged(client):
    ActorFactory(name="Lab", siret=LUHN_SIRET)
    content = client.get("/acteurs/export/csv/").content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][HEADERS.index("SIRET")] == LUHN_SIRET
    report = import_actors(content, "export.csv", dry_run=True)
    assert report.counts["unchanged"] == 1, report.lines()
