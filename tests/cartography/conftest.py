"""A small located ecosystem: Clermont-Ferrand (63), Lyon (69) and an actor without coordinates."""

import pytest
from django.core.cache import cache

from tests.directory.factories import ActorFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ecosystem(db):
    clermont = CommuneFactory()
    rhone = DepartmentFactory(code="69", name="Rhône")
    lyon = CommuneFactory(code="69123", name="Lyon", department=rhone, postal_codes="69001", latitude=45.7676,
                          longitude=4.8344)  # fmt: skip
    return {
        "clermont": clermont,
        "lyon": lyon,
        "lab": ActorFactory(name="Archipel test", slug="archipel-test", commune=clermont),
        "network": ActorFactory(name="Réseau test", slug="reseau-test", commune=lyon, network=True),
        "exact": ActorFactory(
            name="Placé à la main",
            slug="place-main",
            commune=clermont,
            latitude=45.80,
            longitude=3.10,
            promotion=True,
        ),  # fmt: skip
        "gone": ActorFactory(name="Labo disparu", slug="labo-disparu", commune=clermont, disappeared=True),
        "nowhere": ActorFactory(name="Sans lieu", slug="sans-lieu", other=True),
    }
