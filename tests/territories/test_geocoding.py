"""Offline geocoding of communes: names, INSEE codes, postal codes, homonyms; and the optional address API."""

import io
import json
from unittest import mock

import pytest

from maillage.territories.geocoding import AmbiguousCommune, find_communes, geocode_address, geocode_commune

from .factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes():
    loire = DepartmentFactory(code="42", name="Loire")
    idf = RegionFactory(code="11", name="Île-de-France")
    reunion = RegionFactory(code="04", name="La Réunion")
    seine_saint_denis = DepartmentFactory(code="93", name="Seine-Saint-Denis", region=idf)
    dep_reunion = DepartmentFactory(code="974", name="La Réunion", region=reunion)
    return {
        "saint_etienne": CommuneFactory(
            code="42218", name="Saint-Étienne", department=loire, postal_codes="42000 42100", latitude=45.43,
            longitude=4.39, population=172000,
        ),
        "saint_denis_93": CommuneFactory(
            code="93066", name="Saint-Denis", department=seine_saint_denis, postal_codes="93200 93210",
            latitude=48.93, longitude=2.36, population=113000,
        ),
        "saint_denis_974": CommuneFactory(
            code="97411", name="Saint-Denis", department=dep_reunion, postal_codes="97400 97490",
            latitude=-20.88, longitude=55.45, population=153000,
        ),
        "clermont": CommuneFactory(),
    }  # fmt: skip


def test_name_ignores_accents_case_and_hyphens(communes):
    location = geocode_commune("saint etienne")
    assert (location.commune, location.latitude, location.longitude) == (communes["saint_etienne"], 45.43, 4.39)


def test_st_abbreviation_reads_as_saint(communes):
    assert geocode_commune("St-Etienne").commune == communes["saint_etienne"]


def test_insee_code(communes):
    assert geocode_commune("63113").commune == communes["clermont"]


def test_postal_code(communes):
    assert geocode_commune("42100").commune == communes["saint_etienne"]


def test_homonyms_without_departement_are_ambiguous_largest_first(communes):
    with pytest.raises(AmbiguousCommune) as error:
        geocode_commune("Saint-Denis")
    assert error.value.candidates == [communes["saint_denis_974"], communes["saint_denis_93"]]


def test_homonyms_disambiguated_by_departement(communes):
    assert geocode_commune("saint-denis", department="93").commune == communes["saint_denis_93"]
    assert geocode_commune("Saint Denis", department="974").latitude == -20.88


def test_departement_in_the_query(communes):
    assert geocode_commune("Saint-Denis (974)").commune == communes["saint_denis_974"]


def test_unknown_commune_is_none(communes):
    assert geocode_commune("Atlantide") is None
    assert find_communes("") == []


def test_address_geocoder_is_off_by_default(settings):
    settings.ADDRESS_GEOCODER_URL = ""
    with mock.patch("urllib.request.urlopen") as urlopen:
        assert geocode_address("1 place de Jaude, Clermont-Ferrand") is None
    urlopen.assert_not_called()


def test_address_geocoder_reads_the_national_address_base_answer(settings):
    settings.ADDRESS_GEOCODER_URL = "https://adresse.example/search/"
    answer = {
        "features": [
            {
                "geometry": {"type": "Point", "coordinates": [3.0826, 45.7772]},
                "properties": {"label": "Place de Jaude 63000 Clermont-Ferrand", "score": 0.93, "citycode": "63113"},
            }
        ]
    }
    with mock.patch("urllib.request.urlopen", return_value=io.BytesIO(json.dumps(answer).encode())) as urlopen:
        location = geocode_address("place de Jaude", citycode="63113")
    assert (location.latitude, location.longitude, location.citycode) == (45.7772, 3.0826, "63113")
    assert "citycode=63113" in urlopen.call_args.args[0]


def test_address_geocoder_failure_falls_back_to_none(settings):
    settings.ADDRESS_GEOCODER_URL = "https://adresse.example/search/"
    with mock.patch("urllib.request.urlopen", side_effect=OSError("offline")):
        assert geocode_address("place de Jaude") is None
