"""Sample files shaped like GoGoCarto's and Kumu's, and a small gazetteer for their places."""

from pathlib import Path

import pytest

from tests.territories.factories import CommuneFactory, DepartmentFactory, RegionFactory

SAMPLES = Path(__file__).resolve().parent / "samples"


def sample(name):
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def gazetteer():
    aura = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    puy = DepartmentFactory(code="63", name="Puy-de-Dôme", region=aura)
    return {
        "clermont_ferrand": CommuneFactory(code="63113", name="Clermont-Ferrand", department=puy, population=146351),
        "riom": CommuneFactory(code="63300", name="Riom", department=puy, postal_codes="63200"),
        "lyon": CommuneFactory(
            code="69123",
            name="Lyon",
            department=DepartmentFactory(code="69", name="Rhône", region=aura),
            postal_codes="69001 69002 69003",
        ),
        "clermont_oise": CommuneFactory(
            code="60157",
            name="Clermont",
            department=DepartmentFactory(code="60", name="Oise", region=hdf),
            postal_codes="60600",
            population=10564,
        ),
    }
