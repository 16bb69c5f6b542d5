"""The home page and the legal pages answer in French."""

import pytest
from django.urls import reverse

from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_ecosystem_numbers(client):
    ActorFactory.create_batch(3)
    ActorFactory(disappeared=True)
    response = client.get(reverse("site:home"))
    assert response.status_code == 200
    assert response.context["actor_count"] == 3
    assert response.context["disappeared_count"] == 1


@pytest.mark.parametrize(
    "name, title",
    [
        ("site:accessibility", "Déclaration d'accessibilité"),
        ("site:legal_notice", "Mentions légales"),
        ("site:privacy", "Données personnelles"),
    ],
)
def test_legal_pages_exist(client, name, title):
    response = client.get(reverse(name))
    assert title in response.content.decode()


def test_pages_are_in_french(client):
    assert '<html lang="fr">' in client.get(reverse("site:home")).content.decode()


def test_visitor_is_offered_to_sign_in(client):
    content = client.get(reverse("site:home")).content.decode()
    assert "Se connecter" in content
    assert "Modération" not in content


def test_moderator_header_links_to_the_queue(client):
    from tests.contributions.factories import ModeratorScopeFactory
    from tests.territories.factories import DepartmentFactory

    scope = ModeratorScopeFactory(department=DepartmentFactory())
    client.force_login(scope.user)
    content = client.get(reverse("site:home")).content.decode()
    assert reverse("contributions:queue") in content


def test_contributor_without_scope_has_no_moderation_link(client):
    from tests.contributions.factories import UserFactory

    client.force_login(UserFactory())
    content = client.get(reverse("site:home")).content.decode()
    assert "Mes contributions" in content
    assert reverse("contributions:queue") not in content
