"""French by default at the usual addresses, English under /en/, a switch between them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.directory.factories import ActorFactory

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_pages_are_french_whatever_the_browser_asks(client):
    response = client.get("/acteurs/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(response) == "fr"
    assert "Annuaire des acteurs" in response.content.decode()


def test_pages_are_english_under_the_en_prefix(client):
    response = client.get("/en/acteurs/")
    content = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "Directory of actors" in content
    assert "Annuaire des acteurs" not in content


def test_french_addresses_keep_no_language_prefix():
    assert reverse("directory:actor_list") == "/acteurs/"
    assert reverse("site:home") == "/"
    with translation.override("en"):
        assert reverse("directory:actor_list") == "/en/acteurs/"


def test_the_header_links_to_the_same_page_in_english_with_its_filters(client):
    content = client.get("/acteurs/?q=design&region=84").content.decode()
    assert '<a href="/en/acteurs/?q=design&amp;region=84" hreflang="en" lang="en">English</a>' in content


def test_an_english_page_links_back_to_its_french_version(client):
    content = client.get("/en/carte/").content.decode()
    assert '<a href="/carte/" hreflang="fr" lang="fr">Français</a>' in content


def test_the_navigation_marks_only_the_current_section_under_the_prefix(client):
    content = client.get("/en/acteurs/").content.decode()
    assert re.findall(r'aria-current="page">([^<]+)<', content) == ["Directory"]


def test_seeded_actor_types_are_shown_in_the_page_language(client):
    actor = ActorFactory(primary_type_id="lab")
    assert "Public innovation unit" in client.get(f"/en/acteurs/{actor.slug}/").content.decode()
    assert "Cellule publique d&#x27;innovation" in client.get(f"/acteurs/{actor.slug}/").content.decode()


def test_dates_follow_the_page_language(client):
    actor = ActorFactory()
    updated = timezone.make_aware(datetime.datetime(2025, 3, 14, 10, 0))
    type(actor).objects.filter(pk=actor.pk).update(updated_at=updated)
    assert "Profile updated on March 14, 2025." in client.get(f"/en/acteurs/{actor.slug}/").content.decode()
    assert "Fiche mise à jour le 14 mars 2025." in client.get(f"/acteurs/{actor.slug}/").content.decode()


def test_the_default_operator_name_follows_the_page_language(client):
    assert "opéré par l&#x27;équipe Maillage" in client.get("/").content.decode()
    assert "operated by the Maillage team" in client.get("/en/").content.decode()
