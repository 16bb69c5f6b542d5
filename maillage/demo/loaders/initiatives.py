"""Demo step: the initiatives the TIPs report names (data/initiatives.yaml), after the actors.

Every initiative goes through the initiatives' write path (versioned, in the history). Keyed on
its slug: a second run changes nothing; an initiative of the report that the file no longer
lists is removed. Sources are the report's own words with their section; the reference text
of each source is the report's title. Territory codes missing from the loaded gazetteer are
left out and reported (never invented).
"""

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.directory.writing import Change
from maillage.initiatives import fields
from maillage.initiatives.models import Initiative, InitiativeSource
from maillage.initiatives.writing import create_initiative, delete_initiative, update_initiative, validation_message
from maillage.territories.models import Commune, Department, Region

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "initiatives.yaml"
REPORT = "Rapport TIPs (mars 2023)"
DEMO_CHANGE = Change(comment="Données de démonstration")
TERRITORIES = {"communes": Commune, "departments": Department, "regions": Region}


def read_entries(path=DATA_FILE):
    with open(path, encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506
    return [e for e in entries if isinstance(e, dict) and e.get("slug")]


def entry_values(entry, warnings):
    """Snapshot values of one file entry (links apart: they are set once every initiative exists)."""
    values = {name: entry.get(name) for name in fields.SCALAR_FIELDS if name in entry}
    values.setdefault("title", entry["slug"])
    for name in ("types", "publics", "tags"):
        values[name] = list(entry.get(name) or [])
    for name, model in TERRITORIES.items():
        wanted = [str(code) for code in entry.get(name) or []]
        known = set(model.objects.filter(code__in=wanted).values_list("code", flat=True))
        warnings += [
            f"{entry['slug']} : code INSEE absent du référentiel chargé, {code}" for code in wanted if code not in known
        ]
        values[name] = [code for code in wanted if code in known]
    values["actors"] = [
        {"actor": row["actor"], "role": row["role"], "note": row.get("note", "")} for row in entry.get("actors") or []
    ]
    values["phases"] = list(entry.get("phases") or [])
    values["indicators"] = list(entry.get("indicators") or [])
    values["sources"] = [
        {"reference": REPORT, "section": str(s.get("section", "")), "quote": str(s.get("quote", "")).strip(), "url": ""}
        for s in entry.get("sources") or []
    ]
    return values


@transaction.atomic
def load_initiatives(entries):
    """Upsert the entries through the write path; returns (created, changed, removed, warnings)."""
    created = changed = 0
    warnings = []
    for with_links in (False, True):
        for entry in entries:
            values = entry_values(entry, warnings if not with_links else [])
            if with_links:
                values = {"links": list(entry.get("links") or [])}
            existing = Initiative.objects.filter(slug=entry["slug"]).first()
            try:
                if existing is None:
                    create_initiative(values, change=DEMO_CHANGE, slug=entry["slug"])
                    created += 1
                elif update_initiative(existing, values, change=DEMO_CHANGE) is not None and not with_links:
                    changed += 1
            except ValidationError as error:
                warnings.append(f"{entry['slug']} : {validation_message(error)}")
    wanted = {e["slug"] for e in entries}
    removed = 0
    from_report = Initiative.objects.filter(
        pk__in=InitiativeSource.objects.filter(reference=REPORT).values("initiative")
    )
    for initiative in from_report.exclude(slug__in=wanted):
        delete_initiative(initiative, change=DEMO_CHANGE)
        removed += 1
    return created, changed, removed, warnings


def load(stdout):
    created, changed, removed, warnings = load_initiatives(read_entries())
    for warning in warnings:
        stdout.write(f"  initiative : {warning}")
    total = Initiative.objects.count()
    gone = f", {removed} retirées (absentes du fichier)" if removed else ""
    return f"initiatives : {total}, dont {created} nouvelles et {changed} modifiées{gone}"
