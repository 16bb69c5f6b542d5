"""The gazetteer loads from the npm package, offline, and re-loading changes nothing."""

import json

import pytest

from maillage.territories.loading import load_territories
from maillage.territories.models import Commune, Department, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "regions.json").write_text(json.dumps([{"code": "84", "nom": "Auvergne-Rhône-Alpes"}]))
    (tmp_path / "departements.json").write_text(
        json.dumps(
            [
                {"code": "63", "nom": "Puy-de-Dôme", "region": "84"},
                {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "region": "975"},
            ]
        )
    )
    communes = [
        {
            "code": "63113",
            "nom": "Clermont-Ferrand",
            "departement": "63",
            "type": "commune-actuelle",
            "codesPostaux": ["63000", "63100"],
            "population": 146351,
        },
        {"code": "97502", "nom": "Saint-Pierre", "departement": "975", "type": "commune-actuelle"},
        {"code": "63999", "nom": "Ancienne", "departement": "63", "type": "commune-deleguee"},
    ]
    (tmp_path / "communes.json").write_text(json.dumps(communes))
    return tmp_path


def test_loads_current_communes_with_their_departement_and_region(data_dir):
    report = load_territories(data_dir)
    clermont = Commune.objects.get(code="63113")
    assert (report.communes, clermont.department.code, clermont.region.code) == (2, "63", "84")
    assert clermont.postal_codes == "63000 63100"


def test_overseas_collectivity_becomes_its_own_region(data_dir):
    load_territories(data_dir)
    assert Region.objects.get(code="975").name == "Saint-Pierre-et-Miquelon"


def test_reloading_changes_nothing(data_dir):
    load_territories(data_dir)
    second = load_territories(data_dir)
    assert second.skipped
    assert (Region.objects.count(), Department.objects.count(), Commune.objects.count()) == (2, 2, 2)


def test_the_real_package_is_installed_and_complete():
    report = load_territories()
    assert report.communes > 34000
    assert Commune.objects.get(code="63113").name == "Clermont-Ferrand"
