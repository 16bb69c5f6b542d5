"""One declaration of an actor's editable fields: form, import, export, admin and snapshots agree with it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.contributions.forms import ActorProposalForm
from maillage.directory import exporting, fields, importing
from maillage.directory.admin import ActorAdmin
from maillage.directory.models import YEAR_MAX, YEAR_MIN, Actor
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [YEAR_MIN - 1, YEAR_MAX + 1])
def test_the_database_refuses_a_year_out_of_range(year):
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(founded_year=year)


@pytest.mark.parametrize(("year", "valid"), [(YEAR_MIN, True), (YEAR_MAX, True), (YEAR_MAX + 1, False)])
def test_the_proposal_form_uses_the_model_year_range(year, valid):
    form = ActorProposalForm(
        {
            "name": "Lab",
            "primary_type": "lab",
            "legal_status": "inconnu",
            "scope": "local",
            "lifecycle": "active",
            "founded_year": year,
        }
    )
    form.is_valid()
    assert ("founded_year" not in form.errors) is valid


@pytest.mark.parametrize(("year", "valid"), [(YEAR_MIN, True), (YEAR_MAX, True), (YEAR_MAX + 1, False)])
def test_the_import_uses_the_model_year_range(year, valid):
    data = f"Type d'acteur;Organisation - Service;Année de création\n1. Cellule;Lab;{year}\n"
    report = importing.import_actors(data.encode(), "a.csv", dry_run=True)
    assert (not report.has_errors) is valid


def test_every_file_column_of_the_declaration_is_read_by_the_import_and_written_by_the_export():
    for name in fields.file_fields():
        assert name in importing.HEADER_PRECEDENCE
        assert name in exporting.COLUMNS
    assert importing.map_headers(exporting.HEADERS).keys() == {
        i for i, name in enumerate(exporting.COLUMNS) if name not in ("department", "region")
    }


def test_the_admin_shows_every_editable_field_once():
    shown = [name for _title, options in ActorAdmin.fieldsets for name in options["fields"]]
    assert sorted(set(shown) & set(fields.ACTOR_FIELDS)) == sorted(fields.ACTOR_FIELDS)
    assert len(shown) == len(set(shown))


def test_a_snapshot_holds_the_declared_fields_in_order():
    assert list(fields.snapshot(ActorFactory())) == fields.ACTOR_FIELDS


def test_the_proposal_form_labels_come_from_the_model():
    form = ActorProposalForm()
    assert form.fields["founded_year"].label == "Année de création"
    assert [n for n in form.fields if n in fields.ACTOR_FIELDS] == [n for n in fields.ACTOR_FIELDS if n in form.fields]


def test_a_website_typed_without_scheme_reads_as_http():
    assert fields.website_url(" www.lab-exemple.fr/page ") == "http://www.lab-exemple.fr/page"


def test_a_website_with_https_is_kept():
    assert fields.website_url("https://lab-exemple.fr") == "https://lab-exemple.fr"


@pytest.mark.parametrize("typed", ["ftp://lab-exemple.fr", "pas un site", "http://"])
def test_a_website_that_is_not_one_is_refused(typed):
    with pytest.raises(ValidationError):
        fields.website_url(typed)
