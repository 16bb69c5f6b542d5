"""A small Clermont-Ferrand (63) ecosystem whose structure is known by construction.

Three labs of local governments talk among themselves (a triangle); CISCA, a faiseur
d'intermédiation linked to two of them, is the only link to the State's lab (Dre'lab); an actor
has no relation; Le Labo 63 disappeared with one relation; Archipel (Lyon, 69) is a partner
outside the territory.
"""

from types import SimpleNamespace

import pytest

from maillage.directory.models import ActorType
from tests.directory.factories import ActorFactory
from tests.network.factories import RelationFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered cards are cached by run: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ecosystem(db):
    clermont = CommuneFactory()
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone, latitude=45.76, longitude=4.83)
    types = {t.code: t for t in ActorType.objects.all()}
    n = SimpleNamespace(department=clermont.department.code)
    n.ville = ActorFactory(name="Ville de Clermont-Ferrand", slug="ville", commune=clermont)
    n.metropole = ActorFactory(name="Clermont Auvergne Métropole", slug="metropole", commune=clermont)
    n.departement = ActorFactory(name="Département du Puy-de-Dôme", slug="departement", commune=clermont)
    n.cisca = ActorFactory(name="CISCA", slug="cisca", commune=clermont, primary_type=types["intermediation"])
    n.drelab = ActorFactory(name="Dre'lab", slug="drelab", commune=clermont, legal_status="etat_deconcentre")
    n.alone = ActorFactory(
        name="Chaire Santé et Territoires", slug="chaire", commune=clermont, primary_type=types["training_research"]
    )
    n.labo63 = ActorFactory(name="Le Labo 63", slug="labo-63", commune=clermont, lifecycle="disappeared")
    n.archipel = ActorFactory(name="Archipel", slug="archipel", commune=lyon, legal_status="etat_deconcentre")
    RelationFactory(source=n.ville, target=n.metropole, kind="information")
    RelationFactory(source=n.metropole, target=n.departement, kind="information")
    RelationFactory(source=n.ville, target=n.departement, kind="collaboration")
    RelationFactory(source=n.ville, target=n.cisca, kind="collaboration")
    RelationFactory(source=n.metropole, target=n.cisca, kind="information")
    RelationFactory(source=n.cisca, target=n.drelab, kind="information")
    RelationFactory(source=n.labo63, target=n.departement, kind="information")
    RelationFactory(source=n.archipel, target=n.drelab, kind="information")
    return n
