"""Whole-page cache for visitors without a session: served from the cache, never anyone's personal page."""

import pytest
from django.contrib.messages import get_messages  # noqa: F401 - the messages cookie below is Django's
from django.test import override_settings

from maillage.core import dataversion
from tests.directory.factories import ActorFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("page_cache"),
]

CACHED = ["directory:actor_list", "directory:actor_detail", "cartography:map", "network:network"]


@pytest.fixture
def page_cache():
    with override_settings(PAGE_CACHE_VIEWS=CACHED):
        yield


@pytest.fixture
def actor():
    return ActorFactory(name="Laboratoire des communs", slug="labo-communs")


@pytest.mark.parametrize("url", ["/acteurs/", "/acteurs/labo-communs/", "/carte/", "/reseau/"])
def test_a_second_anonymous_visit_is_served_from_the_cache(client, actor, url):
    first = client.get(url)
    second = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_write_to_the_data_is_shown_at_the_next_visit(client, actor):
    client.get("/acteurs/labo-communs/")
    before = dataversion.read()
    actor.name = "Laboratoire des biens communs"
    actor.save()
    assert dataversion.read() != before
    response = client.get("/acteurs/labo-communs/")
    assert response["X-Page-Cache"] == "miss"
    assert "Laboratoire des biens communs" in response.content.decode()


def test_each_language_has_its_own_entry(client, actor):
    client.get("/acteurs/")
    english = client.get("/en/acteurs/")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"


def test_each_query_string_has_its_own_entry(client, actor):
    client.get("/acteurs/")
    assert client.get("/acteurs/?q=communs")["X-Page-Cache"] == "miss"


def test_a_signed_in_user_never_gets_nor_leaves_a_cached_page(client, actor, django_user_model):
    user = django_user_model.objects.create_user("ada", "ada@example.org", "un mot de passe long 42")
    client.get("/acteurs/labo-communs/")  # an anonymous visit fills the cache
    client.force_login(user)
    own = client.get("/acteurs/labo-communs/")
    assert "X-Page-Cache" not in own
    assert "/contributions/deconnexion/" in own.content.decode()  # their own menu, with its CSRF token
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/acteurs/labo-communs/")
    assert anonymous["X-Page-Cache"] == "hit"
    assert "/contributions/deconnexion/" not in anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()


def test_a_visitor_with_a_session_is_served_a_fresh_page(client, actor):
    client.get("/acteurs/")
    client.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in client.get("/acteurs/")


def test_a_visitor_with_pending_messages_is_served_a_fresh_page(client, actor):
    client.get("/acteurs/")
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/acteurs/")


def test_a_page_holding_a_csrf_token_is_not_kept(client, actor, rf):
    from django.middleware.csrf import get_token

    from maillage.core.pagecache import _storable

    request = rf.get("/acteurs/")
    get_token(request)
    response = client.get("/acteurs/")
    assert not _storable(request, response)


def test_cached_pages_vary_on_cookies_for_shared_http_caches(client, actor):
    client.get("/carte/")
    assert "Cookie" in client.get("/carte/")["Vary"]


def test_other_pages_are_not_cached(client, actor):
    client.get("/acteurs/typologie/")
    assert "X-Page-Cache" not in client.get("/acteurs/typologie/")
