"""Load the official divisions from the @etalab/decoupage-administratif package.

The package is installed by npm with the other front-end dependencies, so the
gazetteer is available offline. Loading is an upsert keyed on INSEE codes:
re-running it changes nothing.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from maillage.core.text import normalize

from .models import Commune, Department, Region

DATA_DIR = Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif" / "data"


@dataclass
class LoadReport:
    regions: int
    departments: int
    communes: int
    skipped: bool = False


def _read(name, data_dir):
    path = Path(data_dir) / name
    if not path.exists():
        raise FileNotFoundError(
            f"{path} est introuvable : lancez `npm ci` (fait par `make run` et `make test`) pour installer "
            "le découpage administratif."
        )
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def load_territories(data_dir=DATA_DIR, force=False):
    """Upsert régions, départements and current communes. Returns a LoadReport."""
    regions = _read("regions.json", data_dir)
    departments = _read("departements.json", data_dir)
    communes = [c for c in _read("communes.json", data_dir) if c.get("type") == "commune-actuelle"]

    if not force and Commune.objects.count() == len(communes) and Department.objects.count() == len(departments):
        return LoadReport(Region.objects.count(), len(departments), len(communes), skipped=True)

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
    Commune.objects.bulk_create(
        [
            Commune(
                code=c["code"],
                name=c["nom"],
                search_name=normalize(c["nom"]),
                department_id=department_ids[c["departement"]],
                postal_codes=" ".join(c.get("codesPostaux", [])),
                population=c.get("population"),
            )
            for c in communes
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "search_name", "department", "postal_codes", "population"],
    )
    return LoadReport(len(region_names), len(departments), len(communes))
