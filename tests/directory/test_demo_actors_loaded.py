"""The real demo actors file, loaded once for the module: what the report says, the fiches say.

Read-only tests share one load (a transaction rolled back at the end of the module): the load
costs seconds and every test here only reads.
"""

import io

import pytest
from django.db import transaction

from maillage.demo.loaders import actors as loader
from maillage.directory.models import Actor
from tests.directory.test_demo_actors import make_communes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            entries = loader.read_entries()
            make_communes({str(e["commune"]) for e in entries if e.get("commune")})
            loader.load(io.StringIO())
            yield {a.slug: a for a in Actor.objects.select_related("commune__department", "parent")}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_le_107_is_le_centsept(loaded):
    assert "le-107" not in loaded
    assert loaded["le-centsept"].sources.filter(note__contains="« le 107 »").exists()


def test_private_and_associative_labs_are_not_public_innovation_cells(loaded):
    assert loaded["crealab-groupama"].primary_type_id == "other"
    assert loaded["labo-innovation-et-precarite"].primary_type_id == "other"


def test_cisca_keeps_its_annex_type_as_primary_and_the_typology_one_as_secondary(loaded):
    cisca = loaded["cisca"]
    assert cisca.primary_type_id == "promotion"
    assert list(cisca.secondary_types.values_list("code", flat=True)) == ["intermediation"]
    assert cisca.raw_record["type"].startswith("2. ")


def test_the_clermont_annex_rows_of_dre_lab_and_siamap_are_in_clermont(loaded):
    annex = loaded["dre-lab-clermont-ferrand"]
    assert annex.commune.code == "63113" and annex.parent.slug == "dre-lab"
    assert annex.contacts.get().name == "Juliette Tilliard-Blondel"
    assert loaded["dre-lab"].commune.code == "69123" and not loaded["dre-lab"].raw_record
    assert loaded["siamap"].commune.department.code == "63"


def test_every_annex_website_is_in_the_website_field(loaded):
    rows = {e["slug"]: e["annex_row"] for e in loader.read_entries() if e.get("annex_row", {}).get("site")}
    assert rows
    assert {slug: loaded[slug].website for slug in rows} == {slug: row["site"] for slug, row in rows.items()}


def test_the_facilitators_network_was_superseded_by_interlabs(loaded):
    assert loaded["reseau-facilitateurs-archipel"].lifecycle == "disappeared"


def test_names_read_well_on_their_own(loaded):
    names = {a.name for a in loaded.values()}
    assert names.isdisjoint({"Lab (naissant)", "Antenne du Puy-de-Dôme", "Centre de Clermont-Ferrand", "Le LABO"})
    assert loaded["lab-clermont-auvergne-metropole"].display_name == "Lab naissant de Clermont Auvergne Métropole"
