"""The one write path: validation in French, versions, the stage from the phase history, links in time."""

import pytest
from django.core.exceptions import ValidationError

from maillage.contributions.models import Revision
from maillage.directory.writing import Change
from maillage.initiatives import fields
from maillage.initiatives.models import Initiative, InitiativeLink
from maillage.initiatives.writing import update_initiative
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


def test_a_snapshot_applied_to_a_new_initiative_gives_the_same_snapshot(clermont, carrier, partner):
    values = {
        "title": "Université foraine",
        "summary": "Projet de recherche-action",
        "types": ["conceptual", "governance"],
        "start_year": 2013,
        "communes": [clermont.code],
        "departments": [clermont.department.code],
        "publics": ["citizens"],
        "actors": [
            {"actor": carrier.slug, "role": "porteur", "note": ""},
            {"actor": partner.slug, "role": "partenaire", "note": ""},
        ],
        "phases": [{"phase": "investigation", "year": 2013, "note": ""}],
        "indicators": [
            {"name": "Participants", "unit": "personnes", "value": "120", "period": "2013", "method": "comptage"}
        ],
        "sources": [{"reference": "Rapport TIPs", "section": "3.2.5", "quote": "université foraine", "url": ""}],
    }
    initiative = make_initiative(**values)
    snap = fields.snapshot(initiative)
    assert {k: snap[k] for k in values} == {**values, "types": sorted(values["types"])}


def test_the_stage_is_the_last_phase_of_the_history():
    initiative = make_initiative(
        phases=[{"phase": "construction", "year": 2019}, {"phase": "abandoned", "year": 2022}], stage="acceleration"
    )
    assert initiative.stage == "abandoned"


def test_an_unknown_actor_is_refused_with_a_french_message():
    with pytest.raises(ValidationError) as error:
        make_initiative(actors=[{"actor": "nobody", "role": "porteur"}])
    assert "Acteurs inconnus de l'annuaire : nobody" in str(error.value)


def test_a_write_records_a_revision_and_bumps_the_version(initiative):
    write = update_initiative(initiative, {"summary": "Nouvelle"}, change=Change(comment="x"))
    assert write.version == 2
    assert Revision.objects.filter(subject="initiative", subject_id=initiative.pk).count() == 2  # create + update


def test_a_write_that_changes_nothing_keeps_the_version(initiative):
    assert update_initiative(initiative, {"title": initiative.title}, change=Change()) is None
    initiative.refresh_from_db()
    assert initiative.version == 1


def test_a_link_cannot_make_the_follower_start_before_its_origin():
    origin = make_initiative("Origine", start_year=2020)
    with pytest.raises(ValidationError, match="remonterait le temps"):
        make_initiative("Copie", start_year=2015, links=[{"target": origin.slug, "kind": "inspiree_de"}])
    assert not Initiative.objects.filter(title="Copie").exists()


def test_changing_a_start_year_that_would_break_a_link_is_refused():
    origin = make_initiative("Origine", start_year=2018)
    make_initiative("Copie", start_year=2020, links=[{"target": origin.slug, "kind": "inspiree_de"}])
    with pytest.raises(ValidationError, match="remonterait le temps"):
        update_initiative(origin, {"start_year": 2022}, change=Change())
    origin.refresh_from_db()
    assert origin.start_year == 2018


def test_start_years_are_copied_onto_links_when_they_change():
    origin = make_initiative("Origine", start_year=2018)
    follower = make_initiative("Copie", start_year=2020, links=[{"target": origin.slug, "kind": "inspiree_de"}])
    update_initiative(origin, {"start_year": 2019}, change=Change())
    link = InitiativeLink.objects.get(source=follower)
    assert (link.source_start, link.target_start) == (2020, 2019)


def test_the_history_recorder_is_required_by_a_system_check():
    from maillage.contributions.subjects import get_subject, register_subject
    from maillage.initiatives import writing
    from maillage.initiatives.contributing import KEY

    assert writing.check_history_recorder() == []
    writing.initiative_written.disconnect(sender=Initiative, dispatch_uid=f"contributions.{KEY}")
    try:
        assert [e.id for e in writing.check_history_recorder()] == ["initiatives.E001"]
    finally:
        register_subject(get_subject(KEY))
