"""The demo actors loader: counts per type match the data file; re-running loads nothing twice."""

import functools
import io
import json
from collections import Counter

import pytest

from maillage.demo.loaders import actors as loader
from maillage.directory.models import Actor, ActorSource, Contact, Tag
from maillage.territories.loading import DATA_DIR
from maillage.territories.models import Commune, Department, Region

pytestmark = pytest.mark.django_db

SAMPLE = """
- slug: ville-test
  name: Ville de Test
  primary_type: other
  legal_status: collectivite
  scope: local
  commune: "63113"
  lifecycle: active
  sources:
    - section: "2.2"
      note: "Fichier d'acteurs"
- slug: ville-test-lab
  name: Lab de la ville
  parent: ville-test-plus-tard
  primary_type: lab
  secondary_types: [network]
  legal_status: collectivite
  scope: local
  commune: "63113"
  lifecycle: disappeared
  founded_year: 2016
  ended_year: 2021
  tags: [design de services, open data]
  contacts:
    - name: "Jeanne Exemple"
      function: "Responsable"
      source: "Annexe 2.2"
  cited:
    - name: "Paul Entretien"
      function: "Alors directeur (jusqu'en 2021)"
      source: "3.2.2"
  sources:
    - section: "Annexe 2.2"
      note: "Ligne du fichier"
  annex_row:
    type: "1. Cellule d'innovation"
    organisation: "Ville de Test - Lab"
- slug: ville-test-plus-tard
  name: Organisation déclarée après son service
  primary_type: other
  legal_status: collectivite
  scope: local
  lifecycle: active
"""


@functools.cache
def gazetteer():
    regions = {r["code"]: r["nom"] for r in json.loads((DATA_DIR / "regions.json").read_text())}
    departments = {d["code"]: d for d in json.loads((DATA_DIR / "departements.json").read_text())}
    communes = {
        c["code"]: c
        for c in json.loads((DATA_DIR / "communes.json").read_text())
        if c.get("type") == "commune-actuelle"
    }
    return regions, departments, communes


def make_communes(codes):
    """Only the real communes the data needs (the whole gazetteer is not needed here)."""
    regions, departments, communes = gazetteer()
    for item in (communes[code] for code in sorted(codes) if code in communes):
        if True:
            dep = departments[item["departement"]]
            region, _ = Region.objects.get_or_create(
                code=dep["region"], defaults={"name": regions.get(dep["region"], dep["nom"])}
            )
            department, _ = Department.objects.get_or_create(
                code=dep["code"], defaults={"name": dep["nom"], "region": region}
            )
            Commune.objects.get_or_create(code=item["code"], defaults={"name": item["nom"], "department": department})


@pytest.fixture
def sample(tmp_path):
    make_communes({"63113"})
    path = tmp_path / "actors.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def snapshot():
    return (
        Actor.objects.count(),
        Contact.objects.count(),
        ActorSource.objects.count(),
        Tag.objects.count(),
        sorted(Actor.objects.values_list("slug", "updated_at")),
    )


def test_sample_parent_is_resolved_in_a_second_pass(sample):
    loader.load(io.StringIO(), sample)
    lab = Actor.objects.get(slug="ville-test-lab")
    assert lab.parent.slug == "ville-test-plus-tard"
    assert "organisation declaree apres son service" in lab.search_text


def test_sample_annex_contacts_are_published_on_the_report_file_basis_without_claiming_consent(sample):
    loader.load(io.StringIO(), sample)
    contact = Contact.objects.get()
    assert (contact.published_by_source, contact.publication_consent) == (True, False)
    assert contact.source == "Rapport TIPs (mars 2023), Annexe 2.2"
    assert contact.email == ""
    assert list(Contact.objects.published()) == [contact]


def test_sample_cited_people_are_source_notes_not_contacts(sample):
    loader.load(io.StringIO(), sample)
    lab = Actor.objects.get(slug="ville-test-lab")
    assert not Contact.objects.filter(name="Paul Entretien").exists()
    assert lab.sources.filter(
        reference="Rapport TIPs (mars 2023), section 3.2.2",
        note="Personne citée : Paul Entretien, Alors directeur (jusqu'en 2021)",
    ).exists()


def test_sample_contact_dropped_from_the_file_is_removed_but_others_stay(sample):
    loader.load(io.StringIO(), sample)
    lab = Actor.objects.get(slug="ville-test-lab")
    Contact.objects.create(actor=lab, name="Ajout Modération", publication_consent=True, source="Courriel du 3 mai")
    Contact.objects.create(actor=lab, name="Ancien Nom", source="Rapport TIPs (mars 2023), Annexe 1.1")
    loader.load(io.StringIO(), sample)
    assert set(lab.contacts.values_list("name", flat=True)) == {"Jeanne Exemple", "Ajout Modération"}


def test_real_file_publishes_only_the_annex_contact_file_and_never_sets_consent(real_data):
    loader.load(io.StringIO())
    assert Contact.objects.exists()
    assert not Contact.objects.filter(publication_consent=True).exists()
    assert all("Annexe 2.2" in source for source in Contact.objects.values_list("source", flat=True))
    assert Contact.objects.filter(published_by_source=True).count() == Contact.objects.count()


def test_sample_sources_annex_row_and_fields(sample):
    loader.load(io.StringIO(), sample)
    lab = Actor.objects.get(slug="ville-test-lab")
    assert set(lab.sources.values_list("reference", "note")) == {
        ("Rapport TIPs (mars 2023), Annexe 2.2", "Ligne du fichier"),
        ("Rapport TIPs (mars 2023), section 3.2.2", "Personne citée : Paul Entretien, Alors directeur (jusqu'en 2021)"),
    }
    assert Actor.objects.get(slug="ville-test").sources.get().reference == "Rapport TIPs (mars 2023), section 2.2"
    assert lab.raw_record["organisation"] == "Ville de Test - Lab"
    assert (lab.lifecycle, lab.founded_year, lab.ended_year, lab.department.code) == ("disappeared", 2016, 2021, "63")
    assert list(lab.secondary_types.values_list("code", flat=True)) == ["network"]
    assert set(lab.tags.values_list("slug", flat=True)) == {"design-de-services", "open-data"}


def test_sample_second_run_loads_nothing_twice(sample):
    loader.load(io.StringIO(), sample)
    before = snapshot()
    summary = loader.load(io.StringIO(), sample)
    assert snapshot() == before
    assert "0 créés, 0 mis à jour" in summary


@pytest.fixture
def real_data():
    entries = loader.read_entries()
    make_communes({str(e["commune"]) for e in entries if e.get("commune")})
    return entries


def test_real_file_counts_per_type_match(real_data):
    loader.load(io.StringIO())
    kept = [e for e in real_data if not e.get("merged_into")]
    expected = Counter(e["primary_type"] for e in kept)
    assert Counter(Actor.objects.values_list("primary_type", flat=True)) == expected
    assert Actor.objects.count() == len({e["slug"] for e in kept}) > 80


def test_real_file_second_run_loads_nothing_twice(real_data):
    loader.load(io.StringIO())
    before = snapshot()
    loader.load(io.StringIO())
    assert snapshot() == before


def test_real_file_every_commune_and_parent_is_resolved(real_data):
    out = io.StringIO()
    loader.load(out)
    assert "attention" not in out.getvalue()
    with_parent = {e["slug"] for e in real_data if e.get("parent")}
    assert Actor.objects.filter(slug__in=with_parent, parent__isnull=False).count() == len(with_parent)


def test_sample_field_removed_from_the_file_is_cleared(sample):
    loader.load(io.StringIO(), sample)
    sample.write_text(SAMPLE.replace("  founded_year: 2016\n  ended_year: 2021\n", ""), encoding="utf-8")
    loader.load(io.StringIO(), sample)
    lab = Actor.objects.get(slug="ville-test-lab")
    assert (lab.founded_year, lab.ended_year) == (None, None)


def test_sample_merged_duplicate_is_removed_on_the_next_load(sample):
    loader.load(io.StringIO(), sample)
    assert Actor.objects.filter(slug="ville-test").exists()
    merged = "- slug: ville-test\n  merged_into: ville-test-plus-tard\n- slug: ville-test-ancien\n"
    sample.write_text(SAMPLE.replace("- slug: ville-test\n", merged, 1), encoding="utf-8")
    loader.load(io.StringIO(), sample)
    assert not Actor.objects.filter(slug="ville-test").exists()
    assert Actor.objects.filter(slug="ville-test-plus-tard").exists()


def test_sample_commune_not_given_by_the_report_is_a_labelled_addition(sample):
    sample.write_text(
        SAMPLE.replace(
            '  commune: "63113"\n  lifecycle: active',
            '  commune: "63113"\n  commune_added: "chef-lieu du département"\n  lifecycle: active',
            1,
        ),
        encoding="utf-8",
    )
    loader.load(io.StringIO(), sample)
    actor = Actor.objects.get(slug="ville-test")
    assert actor.commune.code == "63113"
    assert actor.sources.filter(
        reference__startswith="Ajout hors rapport", note__contains="chef-lieu du département"
    ).exists()
    assert (
        not Actor.objects.get(slug="ville-test-lab").sources.filter(reference__startswith="Ajout hors rapport").exists()
    )


def test_sample_consent_set_by_the_old_loader_is_withdrawn_but_a_later_consent_is_kept(sample):
    loader.load(io.StringIO(), sample)
    Contact.objects.update(publication_consent=True, published_by_source=False)  # as the old loader left it
    loader.load(io.StringIO(), sample)
    contact = Contact.objects.get()
    assert (contact.publication_consent, contact.published_by_source) == (False, True)
    Contact.objects.update(publication_consent=True)  # the person consents afterwards
    loader.load(io.StringIO(), sample)
    assert Contact.objects.get().publication_consent is True
