"""A respondent "confirms with corrections" a relation on the map: the correction reaches the relation
through the one write path (versioned, the wave as the source), at once when the campaign applies
confirmations directly, else after a moderator's decision."""

import pytest

from maillage.contributions.models import Revision
from maillage.network.models import Relation
from maillage.surveys import reconciliation
from maillage.surveys.answers import AnswerError, save_answers
from maillage.surveys.models import CorrectionState, Outcome
from tests.network.factories import RelationFactory

from .conftest import token_of
from .test_answers import confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def direct(wave):
    wave.campaign.apply_confirmed_directly = True
    wave.campaign.save()
    return wave


def correct(wave, actor, relation, **extra):
    save_answers(token_of(wave, actor), [confirm(relation, actor, verdict="correct", **extra)], submit=True)


def motivations_of(relation):
    return sorted(relation.motivations.values_list("code", flat=True))


def test_a_corrected_start_year_reaches_the_relation(eco, direct):
    correct(direct, eco.ville, eco.collab, since_year=2019)
    reconciliation.reconcile(direct, eco.staff)
    eco.collab.refresh_from_db()
    assert eco.collab.start_year == 2019


def test_a_corrected_end_year_reaches_the_relation(eco, direct):
    correct(direct, eco.ville, eco.collab, since_year=2018, until_year=2023)
    reconciliation.reconcile(direct, eco.staff)
    eco.collab.refresh_from_db()
    assert (eco.collab.start_year, eco.collab.end_year) == (2018, 2023)


def test_corrected_motivations_replace_the_relations(eco, direct):
    correct(direct, eco.ville, eco.collab, motivations=["expertise", "legitimite"])
    reconciliation.reconcile(direct, eco.staff)
    assert motivations_of(eco.collab) == ["expertise", "legitimite"]


def test_a_correction_is_a_revision_with_the_wave_as_source(eco, direct):
    correct(direct, eco.ville, eco.collab, since_year=2019, motivations=["expertise"])
    reconciliation.reconcile(direct, eco.staff)
    revision = Revision.objects.filter(relation=eco.collab).order_by("-version").first()
    assert revision.comment == str(direct.label)
    assert (revision.snapshot["start_year"], revision.snapshot["motivations"]) == (2019, ["expertise"])


def test_a_corrected_kind_replaces_the_relation_keeping_its_provenance(eco, direct):
    correct(direct, eco.ville, eco.collab, corrected_kind="information", since_year=2020)
    reconciliation.reconcile(direct, eco.staff)
    assert not Relation.objects.filter(pk=eco.collab.pk).exists()
    corrected = Relation.objects.get(kind="information", source__in=[eco.ville, eco.cisca], target=eco.cisca)
    assert (corrected.source, corrected.status, corrected.start_year) == (eco.ville, "declared", 2020)
    assert corrected.source_reference == eco.collab.source_reference
    assert Outcome.objects.get().relation == corrected


def test_a_corrected_direction_turns_the_relation_round(eco, direct):
    service = RelationFactory(source=eco.ville, target=eco.cisca, kind="service")
    # CISCA says it is the provider (from its side: out), not the client.
    correct(direct, eco.cisca, service, corrected_direction="out")
    reconciliation.reconcile(direct, eco.staff)
    turned = Relation.objects.get(kind="service")
    assert (turned.source, turned.target) == (eco.cisca, eco.ville)
    deletion = Revision.objects.filter(kind="delete").get()  # the relation is gone, its history stays
    assert (deletion.comment, deletion.snapshot["source"]) == (str(direct.label), eco.ville.slug)


def test_a_frequency_alone_changes_nothing_on_the_map(eco, direct):
    correct(direct, eco.ville, eco.collab, frequency="monthly")
    reconciliation.reconcile(direct, eco.staff)
    outcome = Outcome.objects.get()
    assert outcome.correction_state == "" and outcome.answers["source"]["frequency"] == "monthly"


def test_without_direct_application_a_correction_waits_for_a_moderator(eco, wave):
    correct(wave, eco.ville, eco.collab, since_year=2019)
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    outcome = Outcome.objects.get()
    assert eco.collab.start_year is None
    assert outcome.correction_state == CorrectionState.PENDING and outcome.correction["values"] == {"start_year": 2019}


def test_the_moderator_applies_a_pending_correction(eco, wave, client):
    correct(wave, eco.ville, eco.collab, until_year=2024, motivations=["financement"])
    reconciliation.reconcile(wave, eco.staff)
    outcome = Outcome.objects.get()
    client.force_login(eco.staff)
    url = f"/enquetes/{wave.campaign.pk}/litiges/{outcome.pk}/"
    assert "Correction proposée" in client.get(url).content.decode()
    assert client.post(url, {"decision": "apply_correction"}).status_code == 302
    eco.collab.refresh_from_db()
    assert eco.collab.end_year == 2024 and motivations_of(eco.collab) == ["financement"]
    assert Outcome.objects.get().correction_state == CorrectionState.APPLIED


def test_a_correction_set_aside_is_not_raised_again_by_a_later_reading(eco, wave):
    correct(wave, eco.ville, eco.collab, since_year=2019)
    reconciliation.reconcile(wave, eco.staff)
    reconciliation.settle_correction(Outcome.objects.get(), eco.staff, apply=False)
    reconciliation.reconcile(wave, eco.staff)
    eco.collab.refresh_from_db()
    assert eco.collab.start_year is None and Outcome.objects.get().correction_state == CorrectionState.REJECTED


def test_two_sides_correcting_differently_wait_for_a_moderator_even_when_applied_directly(eco, direct):
    correct(direct, eco.ville, eco.collab, since_year=2019)
    correct(direct, eco.cisca, eco.collab, since_year=2021)
    reconciliation.reconcile(direct, eco.staff)
    eco.collab.refresh_from_db()
    outcome = Outcome.objects.get()
    assert eco.collab.start_year is None
    assert outcome.correction_state == CorrectionState.PENDING and outcome.correction["conflicts"] == ["start_year"]


def test_a_correction_already_applied_is_not_applied_twice(eco, direct):
    correct(direct, eco.ville, eco.collab, since_year=2019)
    reconciliation.reconcile(direct, eco.staff)
    versions = Revision.objects.filter(relation=eco.collab).count()
    reconciliation.reconcile(direct, eco.staff)
    assert Revision.objects.filter(relation=eco.collab).count() == versions


def test_a_period_ending_before_it_starts_is_refused(eco, wave):
    with pytest.raises(AnswerError, match="finir avant"):
        correct(wave, eco.ville, eco.collab, since_year=2022, until_year=2020)
    assert not Outcome.objects.exists()


def test_a_kind_is_corrected_only_on_a_relation_of_the_map(eco, wave):
    from maillage.surveys.answers import AnswerInput

    declared = AnswerInput(partner_id=eco.drelab.pk, kind="information", verdict="declare", corrected_kind="funding")
    with pytest.raises(AnswerError, match="déjà sur la carte"):
        save_answers(token_of(wave, eco.ville), [declared])


def test_the_questionnaire_reads_a_corrected_period_and_kind(eco, wave, client):
    token = token_of(wave, eco.ville)
    row = f"{eco.cisca.pk}|collaboration||{eco.collab.pk}"
    client.post(
        f"/enquetes/r/{token}/",
        {
            "row-e1": row,
            "re1-verdict": "correct",
            "re1-since": "2017",
            "re1-until": "2022",
            "re1-corrected_kind": "information",
            "save": "1",
        },
    )
    answer = wave.invitations.get(actor=eco.ville).response.answers.get()
    assert (answer.since_year, answer.until_year, answer.corrected_kind) == (2017, 2022, "information")
