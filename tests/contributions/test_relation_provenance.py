"""A relation created from a proposal keeps its provenance: a contribution, or a survey's declaration."""

import pytest

from maillage.contributions.services import relation_provenance
from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_a_plain_contribution_is_a_third_party_statement():
    source, target = ActorFactory(), ActorFactory()
    assert relation_provenance({"kind": "collaboration"}, source, target) == {"origin": "contribution"}


def test_a_survey_declaration_keeps_the_declaring_side_and_the_wave():
    source, target = ActorFactory(), ActorFactory()
    payload = {"provenance": {"declared_by": target.slug, "source": "Enquête 63, vague 1"}}
    values = relation_provenance(payload, source, target)
    assert values == {
        "origin": "survey",
        "status": "declared",
        "declared_by": target,
        "status_source": "Enquête 63, vague 1",
    }


def test_a_declaring_side_that_is_not_an_end_of_the_relation_is_ignored():
    source, target, stranger = ActorFactory(), ActorFactory(), ActorFactory()
    payload = {"provenance": {"declared_by": stranger.slug, "source": "Enquête"}}
    assert relation_provenance(payload, source, target) == {"origin": "contribution"}
