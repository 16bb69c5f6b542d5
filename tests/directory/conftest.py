"""A small real-looking ecosystem shared by the directory tests."""

import pytest

from tests.directory.factories import ActorFactory, ContactFactory, TagFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory


@pytest.fixture
def places():
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    idf = RegionFactory(code="11", name="Île-de-France")
    return {
        "clermont": CommuneFactory(code="63113", name="Clermont-Ferrand", department=DepartmentFactory(region=aura)),
        "saint_etienne": CommuneFactory(
            code="42218",
            name="Saint-Étienne",
            department=DepartmentFactory(code="42", name="Loire", region=aura),
            latitude=45.43,
            longitude=4.39,
        ),
        "paris": CommuneFactory(
            code="75056",
            name="Paris",
            department=DepartmentFactory(code="75", name="Paris", region=idf),
            latitude=48.85,
            longitude=2.35,
        ),
    }


@pytest.fixture
def ecosystem(places):
    design = TagFactory(name="design de services", slug="design-de-services")
    city = ActorFactory(
        name="Ville de Clermont-Ferrand", slug="ville-clermont", commune=places["clermont"], legal_status="collectivite"
    )
    actors = {
        "city": city,
        "dip": ActorFactory(
            name="Direction Innovation et Participation",
            slug="ville-clermont-dip",
            parent=city,
            commune=places["clermont"],
            missions="Laboratoire d'innovation publique de la ville.",
        ),
        "cite": ActorFactory(
            name="Cité du design",
            slug="cite-du-design",
            promotion=True,
            national=True,
            legal_status="etablissement_public",
            commune=places["saint_etienne"],
            missions="Design et innovation publique à Saint-Étienne.",
        ),
        "dessein": ActorFactory(
            name="Dessein Public",
            slug="dessein-public",
            network=True,
            national=True,
            legal_status="collectif_informel",
            commune=places["paris"],
        ),
        "labo63": ActorFactory(
            name="Le Labo 63",
            slug="labo-63",
            commune=places["clermont"],
            disappeared=True,
            founded_year=2016,
            ended_year=2021,
        ),
    }
    actors["cite"].tags.add(design)
    actors["dip"].tags.add(design)
    ContactFactory(actor=actors["dip"], name="Jean-Damien Colombeau", publication_consent=True)
    ContactFactory(actor=actors["dip"], name="Personne Discrète", publication_consent=False)
    return actors
