"""The site's navigation is checked at start-up: an entry that does not resolve fails loudly."""

from maillage.site import checks
from maillage.site.navigation import MAIN_NAVIGATION


def test_the_navigation_resolves():
    assert checks.check_navigation(None) == []


def test_a_broken_navigation_entry_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "MAIN_NAVIGATION", [*MAIN_NAVIGATION, ("cartography:carte", "Carte")])
    errors = checks.check_navigation(None)
    assert [e.id for e in errors] == ["site.E001"]
    assert "cartography:carte" in errors[0].msg


def test_the_header_shows_every_entry(client, db):
    html = client.get("/").content.decode()
    for href in ("/acteurs/", "/carte/", "/reseau/", "/evenements/"):
        assert f'<a href="{href}"' in html
