"""A small two-territory network: Clermont-Ferrand (63) and Lyon (69) plus a national actor."""

from types import SimpleNamespace

import pytest

from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

from .factories import RelationFactory


@pytest.fixture
def small_network(db):
    clermont = CommuneFactory()
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone, latitude=45.76, longitude=4.83)
    n = SimpleNamespace()
    n.city_lab = ActorFactory(
        name="Ville de Clermont-Ferrand – Direction Innovation", slug="ville-clermont", commune=clermont
    )
    n.cisca = ActorFactory(name="CISCA", slug="cisca", commune=clermont, intermediation=True)
    n.archipel = ActorFactory(name="Archipel", slug="archipel", commune=lyon)
    n.ditp = ActorFactory(name="DITP", slug="ditp", promotion=True, national=True)
    n.labo63 = ActorFactory(name="Le Labo 63", slug="labo-63", commune=clermont, disappeared=True)
    n.collab = RelationFactory(
        source=n.city_lab,
        target=n.cisca,
        kind="collaboration",
        start_year=2020,
        end_year=2022,
        motivations=["opportunite", "capacite_agir"],
    )
    n.service = RelationFactory(source=n.cisca, target=n.city_lab, kind="service", description="Accompagnement")
    n.funding = RelationFactory(source=n.ditp, target=n.archipel, kind="funding", motivations=["financement"])
    n.info = RelationFactory(source=n.archipel, target=n.city_lab, kind="information")
    n.gone = RelationFactory(source=n.labo63, target=n.cisca, kind="information")
    return n
