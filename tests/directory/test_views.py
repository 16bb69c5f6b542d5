"""The directory list and the actor fiche as rendered HTML."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.directory.factories import ActorFactory, ActorSourceFactory

pytestmark = pytest.mark.django_db


def list_page(client, **params):
    return client.get(reverse("directory:actor_list"), params)


def test_list_shows_active_actors_and_counts_them(client, ecosystem):
    response = list_page(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 acteurs trouvés" in html
    assert 'aria-live="polite"' in html
    assert "Le Labo 63" not in html


def test_disappeared_actors_on_request(client, ecosystem):
    assert "Le Labo 63" in list_page(client, disparus="1").content.decode()


def test_facet_filter_narrows_the_list(client, ecosystem):
    html = list_page(client, type="promotion").content.decode()
    assert "1 acteur trouvé" in html
    assert "Cité du design" in html
    assert "Dessein Public" not in html


def test_query_is_kept_in_the_search_box_and_ranked(client, ecosystem):
    response = list_page(client, q="cite du design")
    assert response.context["sort"] == "pertinence"
    assert response.context["page_obj"].object_list[0].slug == "cite-du-design"
    assert 'value="cite du design"' in response.content.decode()


def test_sort_by_type_orders_by_typology(client, ecosystem):
    actors = list(list_page(client, tri="type").context["page_obj"].object_list)
    assert [a.primary_type.position for a in actors] == sorted(a.primary_type.position for a in actors)


def test_relevance_sort_falls_back_to_name_without_query(client, ecosystem):
    assert list_page(client, tri="pertinence").context["sort"] == "nom"


def test_pagination_keeps_filters(client, ecosystem):
    for n in range(25):
        ActorFactory(name=f"Lab {n:02d}", slug=f"lab-{n}", commune=ecosystem["city"].commune)
    response = list_page(client, type="lab", page="2")
    assert response.context["page_obj"].number == 2
    assert "type=lab&amp;page=1" in response.content.decode() or "page=1&amp;type=lab" in response.content.decode()


def test_export_links_keep_the_filters(client, ecosystem):
    assert "/acteurs/export/csv/?type=lab" in list_page(client, type="lab").content.decode()


def test_fiche_shows_fields_in_french(client, ecosystem):
    actor = ecosystem["dip"]
    ActorSourceFactory(actor=actor, reference="Rapport TIPs (mars 2023), section 2.2", note="Annexe")
    html = client.get(actor.get_absolute_url()).content.decode()
    for text in [
        "Direction Innovation et Participation (Ville de Clermont-Ferrand)",
        "Statut administratif",
        "Collectivité territoriale",
        "Puy-de-Dôme (63)",
        "Auvergne-Rhône-Alpes",
        "design de services",
        "Rapport TIPs (mars 2023), section 2.2",
        "Laboratoire d&#x27;innovation publique de la ville.",
    ]:
        assert text in html


def test_fiche_shows_only_consenting_contacts(client, ecosystem):
    html = client.get(ecosystem["dip"].get_absolute_url()).content.decode()
    assert "Jean-Damien Colombeau" in html
    assert "Personne Discrète" not in html


def test_fiche_lists_sub_services_and_parent(client, ecosystem):
    city_html = client.get(ecosystem["city"].get_absolute_url()).content.decode()
    assert "Direction Innovation et Participation" in city_html
    dip_html = client.get(ecosystem["dip"].get_absolute_url()).content.decode()
    assert ecosystem["city"].get_absolute_url() in dip_html


def test_fiche_tags_link_to_the_filtered_list(client, ecosystem):
    assert "/acteurs/?tag=design-de-services" in client.get(ecosystem["dip"].get_absolute_url()).content.decode()


def test_fiche_shows_life_cycle_years(client, ecosystem):
    html = client.get(ecosystem["labo63"].get_absolute_url()).content.decode()
    assert "Disparu, créé en 2016, jusqu'en 2021" in html


def test_unknown_fiche_is_404(client, db):
    assert client.get("/acteurs/inconnu/").status_code == 404


def panel_ok(request, actor):
    return f"<section><h2>Panneau de {actor.slug}</h2></section>"


@override_settings(ACTOR_FICHE_PANELS=["tests.directory.test_views.panel_ok"])
def test_fiche_renders_other_domains_panels(client, ecosystem):
    html = client.get(ecosystem["dip"].get_absolute_url()).content.decode()
    assert "<h2>Panneau de ville-clermont-dip</h2>" in html


@override_settings(ACTOR_FICHE_PANELS=["tests.directory.panel_with_missing_dependency.actor_panel"])
def test_a_panel_whose_own_import_fails_is_not_silenced(client, ecosystem, tmp_path):
    with pytest.raises(ModuleNotFoundError):
        client.get(ecosystem["dip"].get_absolute_url())


def test_a_corrected_query_is_announced(client, ecosystem):
    html = list_page(client, q="dessin public").content.decode()
    assert "résultats élargis aux mots proches (« dessein public »)" in html
    assert "élargis" not in list_page(client, q="dessein public").content.decode()


def test_hidden_disappeared_matches_are_announced_with_a_link(client, ecosystem):
    response = client.get("/acteurs/", {"q": "labo 63"})
    assert "1 acteur disparu correspond :" in response.content.decode()
    assert "Le Labo 63" in response.content.decode()
    assert "disparus=1" in response.content.decode()


def test_several_hidden_disappeared_matches_take_the_plural(client, ecosystem):
    from tests.directory.factories import ActorFactory

    ActorFactory(name="Labo 63 bis", slug="labo-63-bis", lifecycle="disappeared")
    response = client.get("/acteurs/", {"q": "labo 63"})
    assert "2 acteurs disparus correspondent :" in response.content.decode()


def test_more_hidden_disappeared_matches_than_named_are_all_counted(client, ecosystem):
    from tests.directory.factories import ActorFactory

    for n in range(4):
        ActorFactory(name=f"Labo 63 ancien {n}", slug=f"labo-63-ancien-{n}", lifecycle="disappeared")
    response = client.get("/acteurs/", {"q": "labo 63"})
    assert "5 acteurs disparus correspondent :" in response.content.decode()


def test_no_disappeared_notice_when_they_are_shown(client, ecosystem):
    response = client.get("/acteurs/", {"q": "labo 63", "disparus": "1"})
    assert "disparu correspond" not in response.content.decode()


def test_suggestions_endpoint_returns_names_and_links(client, ecosystem):
    data = client.get("/acteurs/suggestions/", {"q": "cité du des"}).json()
    assert data["results"][0]["name"] == "Cité du design"
    assert data["results"][0]["url"] == "/acteurs/cite-du-design/"


def test_suggestions_hide_disappeared_actors_by_default(client, ecosystem):
    assert client.get("/acteurs/suggestions/", {"q": "labo 63"}).json()["results"] == []
    shown = client.get("/acteurs/suggestions/", {"q": "labo 63", "disparus": "1"}).json()["results"]
    assert shown[0]["disappeared"] is True
