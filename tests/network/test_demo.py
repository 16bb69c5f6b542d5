"""The demo relations from the TIPs report, loaded over the real gazetteer and demo actors."""

import io
import json
import shutil

import pytest
from django.db import transaction

from maillage.demo.loaders import actors as actors_loader
from maillage.demo.loaders import relations as relations_loader
from maillage.network.models import Relation
from maillage.territories.loading import DATA_DIR, load_territories

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    """The official gazetteer cut down to the communes the demo actors use (fast to load)."""
    used = {str(a["commune"]) for a in actors_loader.read_entries() if a.get("commune")}
    folder = tmp_path_factory.mktemp("gazetteer")
    for name in ("regions.json", "departements.json"):
        shutil.copy(DATA_DIR / name, folder / name)
    communes = json.loads((DATA_DIR / "communes.json").read_text(encoding="utf-8"))
    kept = [c for c in communes if c.get("code") in used and c.get("type") == "commune-actuelle"]
    (folder / "communes.json").write_text(json.dumps(kept), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, gazetteer):
    """Load once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_territories(gazetteer)
            out = io.StringIO()
            actors_loader.load(out)
            first = relations_loader.load(out)
            count_after_first = Relation.objects.count()
            second = relations_loader.load(out)
            yield {"first": first, "second": second, "count_after_first": count_after_first, "output": out}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _pairs(kind, **filters):
    return set(Relation.objects.filter(kind=kind, **filters).values_list("source__slug", "target__slug"))


def test_every_entry_of_the_data_file_is_loaded(demo):
    assert Relation.objects.count() == len(relations_loader.read_entries())
    assert "ignorée" not in demo["output"].getvalue()


def test_every_demo_relation_has_a_report_section_as_source(demo):
    references = Relation.objects.values_list("source_reference", flat=True)
    assert references
    assert all(ref.startswith("Rapport TIPs") and ("section" in ref or "Annexe" in ref) for ref in references)


def test_loading_twice_loads_nothing_twice(demo):
    assert Relation.objects.count() == demo["count_after_first"]
    assert demo["second"].endswith("dont 0 nouvelles")


def test_summary_counts_relations_per_kind(demo):
    assert f"appartenance {Relation.objects.filter(kind='membership').count()}" in demo["first"]


def test_la_piste_has_its_four_member_administrations(demo):
    members = {source for source, _target in _pairs("membership", target__slug="la-piste")}
    assert members == {"grenoble-alpes-metropole", "ville-de-grenoble", "ccas-de-grenoble", "departement-de-l-isere"}


def test_ditp_funds_archipel(demo):
    assert ("ditp", "archipel") in _pairs("funding")


def test_motivations_are_those_of_the_report(demo):
    relation = Relation.objects.get(kind="funding", source__slug="ditp", target__slug="archipel")
    assert set(relation.motivations.values_list("code", flat=True)) == {"financement", "legitimite"}


def test_every_demo_relation_keeps_the_report_quotation(demo):
    notes = list(Relation.objects.values_list("source_note", flat=True))
    assert notes and all(note.startswith("« ") and note.endswith(" »") for note in notes)


def test_committee_seats_and_founding_acts_are_not_relations(demo):
    assert not Relation.objects.filter(target__slug="chaire-transformations-action-publique", kind="information")
    firms = ["veolia", "sanofi", "edf"]
    assert not Relation.objects.filter(source__slug__in=firms, target__slug__in=["tuba", "le-centsept"])


def test_a_demo_relation_dropped_from_the_file_is_removed_on_the_next_run(demo):
    entries = relations_loader.read_entries()
    relations_loader.load_relations(entries[1:])
    assert Relation.objects.count() == len(entries) - 1
    relations_loader.load_relations(entries)
    assert Relation.objects.count() == len(entries)


def test_demo_relations_come_from_the_report_and_are_not_declared_by_the_actors(demo):
    """The report's authors stated them from interviews: origin report, status « relevée par une source »."""
    statuses = set(Relation.objects.values_list("origin", "status", "declared_by"))
    assert statuses == {("report", "sourced", None)}
