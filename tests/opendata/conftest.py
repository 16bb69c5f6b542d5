"""A small published ecosystem: a city and its lab, a national network, relations, contacts."""

from types import SimpleNamespace

import pytest

from tests.directory.factories import ActorFactory, ContactFactory, TagFactory
from tests.network.factories import RelationFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory

# A valid SIRET (python-stdnum's documented example); no real actor of the demo has one.
SIRET = "73282932000074"


@pytest.fixture
def published(db):
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    puy = DepartmentFactory(code="63", name="Puy-de-Dôme", region=aura)
    loire = DepartmentFactory(code="42", name="Loire", region=aura)
    clermont = CommuneFactory(
        code="63113",
        name="Clermont-Ferrand",
        department=puy,
        latitude=45.7797,
        longitude=3.0869,
        postal_codes="63000 63100",
    )
    riom = CommuneFactory(
        code="63300", name="Riom", department=puy, latitude=45.894, longitude=3.113, postal_codes="63200"
    )
    saint_etienne = CommuneFactory(
        code="42218", name="Saint-Étienne", department=loire, latitude=45.434, longitude=4.39
    )
    n = SimpleNamespace(clermont=clermont, riom=riom, saint_etienne=saint_etienne)
    design = TagFactory(name="design de services", slug="design-de-services")
    n.city = ActorFactory(
        name="Ville de Clermont-Ferrand",
        slug="ville-clermont",
        commune=clermont,
        website="https://clermont-ferrand.fr/",
    )
    n.lab = ActorFactory(
        name="Direction Innovation et Participation",
        slug="ville-clermont-dip",
        parent=n.city,
        commune=clermont,
        siret=SIRET,
        latitude=45.7772,
        longitude=3.0870,
        address="10 rue Philippe-Marcombes",
        missions='Des missions "entre guillemets", sur\nplusieurs lignes ; avec | une barre.',
    )
    n.lab.tags.add(design)
    n.cite = ActorFactory(
        name="Cité du design",
        slug="cite-du-design",
        promotion=True,
        legal_status="etablissement_public",
        commune=saint_etienne,
        founded_year=2005,
    )
    n.cite.secondary_types.set(["training_research", "network"])
    n.riom_lab = ActorFactory(name="Lab de Riom", slug="lab-riom", commune=riom, disappeared=True, ended_year=2022)
    n.nowhere = ActorFactory(name="Réseau sans lieu", slug="reseau-sans-lieu", network=True, national=True)
    n.collab = RelationFactory(
        source=n.lab, target=n.cite, kind="collaboration", start_year=2020, motivations=["expertise", "legitimite"]
    )
    n.member = RelationFactory(source=n.lab, target=n.city, kind="membership")
    n.consented = ContactFactory(actor=n.lab, name="Jean-Damien Colombeau", publication_consent=True)
    return n
