"""The permission matrix: each role × each action, through permissions.py and through the views."""

import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.contributions import permissions
from tests.contributions.factories import OwnershipFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIONS = [
    "propose",
    "claim",
    "view_queue",
    "view_proposal",
    "decide",
    "edit_directly",
    "revert",
    "undo_contributor",
    "confirm_freshness",
    "view_history",
]
# Expected answers, in the order of ACTIONS.
MATRIX = {
    "visitor": [1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    "contributor": [1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
    "owner": [1, 1, 0, 0, 0, 1, 0, 0, 1, 1],
    "moderator": [1, 1, 1, 1, 1, 0, 1, 1, 1, 1],
    "regional_moderator": [1, 1, 1, 1, 1, 0, 1, 1, 1, 1],
    "other_territory_moderator": [1, 1, 1, 0, 0, 0, 0, 1, 0, 1],
    "administrator": [1, 1, 1, 1, 1, 0, 1, 1, 1, 1],
}


@pytest.fixture
def users(actor, moderator, regional_moderator, other_moderator, admin_user):
    owner = OwnershipFactory(actor=actor, user=UserFactory(username="responsable")).user
    return {
        "visitor": AnonymousUser(),
        "contributor": UserFactory(username="quelquun"),
        "owner": owner,
        "moderator": moderator,
        "regional_moderator": regional_moderator,
        "other_territory_moderator": other_moderator,
        "administrator": admin_user,
    }


@pytest.mark.parametrize("role", list(MATRIX))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(users, actor, role, action):
    proposal = ProposalFactory(actor=actor, department=actor.department, region=actor.region)
    allowed = permissions.ACTIONS[action](users[role], proposal, actor)
    assert allowed is bool(MATRIX[role][ACTIONS.index(action)])


def test_author_may_view_their_own_proposal(actor, contributor):
    proposal = ProposalFactory(actor=actor, author=contributor, department=actor.department)
    assert permissions.can_view_proposal(contributor, proposal)
    assert not permissions.can_decide(contributor, proposal)


def test_proposal_without_territory_is_for_administrators_only(moderator, admin_user):
    proposal = ProposalFactory(kind="new_actor", report_reason="", payload={"name": "Sans commune"})
    assert not permissions.can_decide(moderator, proposal)
    assert permissions.can_decide(admin_user, proposal)


def test_queue_shows_only_the_moderators_territory(actor, bordeaux, moderator, other_moderator):
    here = ProposalFactory(actor=actor, department=actor.department, region=actor.region)
    there = ProposalFactory(department=bordeaux.department, region=bordeaux.department.region)
    assert list(permissions.visible_proposals(moderator)) == [here]
    assert list(permissions.visible_proposals(other_moderator)) == [there]


def test_inactive_moderator_has_no_rights(actor, moderator):
    moderator.is_active = False
    moderator.save()
    proposal = ProposalFactory(actor=actor, department=actor.department, region=actor.region)
    assert not permissions.can_decide(moderator, proposal)


def test_moderator_of_another_territory_is_refused_by_the_view(client, actor, other_moderator):
    proposal = ProposalFactory(actor=actor, department=actor.department, region=actor.region)
    client.force_login(other_moderator)
    page = client.get(f"/contributions/moderation/{proposal.pk}/")
    post = client.post(f"/contributions/moderation/{proposal.pk}/", {"action": "reject", "decision_message": "Non"})
    proposal.refresh_from_db()
    assert (page.status_code, post.status_code, proposal.status) == (403, 403, "pending")
    assert "ne relève pas de votre territoire" in page.content.decode()


def test_visitor_is_sent_to_login_for_the_queue(client):
    response = client.get("/contributions/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/contributions/connexion/")


def test_contributor_is_refused_the_queue(client, contributor):
    client.force_login(contributor)
    response = client.get("/contributions/moderation/")
    assert response.status_code == 403


def test_revert_refused_to_a_moderator_of_another_territory(client, actor, other_moderator):
    client.force_login(other_moderator)
    response = client.post(f"/contributions/acteur/{actor.slug}/revenir/1/")
    assert response.status_code == 403
