"""The home page and the legal pages answer in French."""

import pytest
from django.urls import reverse

from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory

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


def test_home_leads_to_map_network_directory_events_and_contributing(client):
    html = client.get(reverse("site:home")).content.decode()
    for name in ("cartography:map", "network:network", "directory:actor_list", "events:event_list"):
        assert f'href="{reverse(name)}"><strong>' in html, name
    assert f'href="{reverse("contributions:propose_actor")}"><strong>' in html


def test_home_offers_diagnostics_only_once_installed(client):
    from django.urls import Resolver404, resolve

    try:
        resolve("/diagnostic/")
        installed = True
    except Resolver404:
        installed = False
    html = client.get(reverse("site:home")).content.decode()
    assert ('href="/diagnostic/"' in html) == installed


def test_home_type_rows_lead_to_the_filtered_directory(client):
    actor = ActorFactory()
    html = client.get(reverse("site:home")).content.decode()
    assert f'href="{reverse("directory:actor_list")}?type={actor.primary_type.code}"' in html


def test_home_departement_figure_leads_to_the_list_of_departements(client):
    actor = ActorFactory(commune=CommuneFactory())
    html = client.get(reverse("site:home")).content.decode()
    assert 'href="#departements"' in html
    assert f'?departement={actor.department.code}">{actor.department.name} ({actor.department.code})</a>' in html


def test_home_counts_the_departements_of_living_actors_only(client):
    ActorFactory(lifecycle="disappeared", commune=CommuneFactory())
    assert client.get(reverse("site:home")).context["department_count"] == 0
