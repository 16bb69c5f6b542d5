"""Management commands of the contributions app."""

import pytest
from django.core.management import CommandError, call_command

from maillage.contributions import permissions
from tests.contributions.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_grant_moderator_gives_a_departement_scope(actor, contributor):
    call_command("grant_moderator", contributor.username, departement=["63"])
    proposal = ProposalFactory(actor=actor, department=actor.department, region=actor.region)
    assert permissions.can_decide(contributor, proposal)


def test_grant_moderator_refuses_an_unknown_territory(contributor, db):
    with pytest.raises(CommandError, match="Département inconnu"):
        call_command("grant_moderator", contributor.username, departement=["99"])
