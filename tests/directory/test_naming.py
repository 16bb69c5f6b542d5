"""One display name for an actor: own name first, its parent only where the name does not stand alone."""

import pytest

from maillage.directory.naming import display_name, name_stands_alone


def test_a_distinctive_name_stands_alone():
    assert display_name("Ainter'lab", "Préfecture de l'Ain") == "Ainter'lab"


def test_a_generic_head_needs_its_parent():
    assert display_name("Antenne du Puy-de-Dôme", "CNFPT") == "Antenne du Puy-de-Dôme (CNFPT)"


def test_a_leading_article_does_not_hide_a_generic_head():
    assert not name_stands_alone("Le Labo 63", "Département du Puy-de-Dôme")


def test_a_name_that_carries_its_parent_stands_alone():
    assert display_name("CNFPT – Antenne du Puy-de-Dôme", "CNFPT") == "CNFPT – Antenne du Puy-de-Dôme"


def test_parent_found_whatever_the_accents_and_case():
    assert name_stands_alone("Lab naissant de clermont auvergne metropole", "Clermont Auvergne Métropole")


def test_parent_must_match_whole_words():
    assert not name_stands_alone("Centre de Lyonnais", "Lyon")


def test_an_actor_without_parent_keeps_its_name():
    assert display_name("Centre de Clermont-Ferrand", None) == "Centre de Clermont-Ferrand"


@pytest.mark.django_db
def test_directory_sorted_by_name_lists_a_sub_service_under_its_own_initial(client):
    from django.urls import reverse

    from tests.directory.factories import ActorFactory

    prefecture = ActorFactory(name="Préfecture du Rhône")
    ActorFactory(name="Ainterlab", parent=prefecture)
    ActorFactory(name="Bibliothèque")
    html = client.get(reverse("directory:actor_list"), {"tri": "nom"}).content.decode()
    assert html.index(">Ainterlab<") < html.index(">Bibliothèque<") < html.index(">Préfecture du Rhône<")
